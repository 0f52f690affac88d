package fft

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// naiveConv returns the full linear convolution of x and y by direct summation.
func naiveConv(x, y []float64) []float64 {
	c := make([]float64, len(x)+len(y)-1)
	for i, a := range x {
		for j, b := range y {
			c[i+j] += a * b
		}
	}
	return c
}

// uniform returns n values uniform in [−1, 1).
func uniform(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 2*rng.Float64() - 1
	}
	return x
}

// checkClose reports an error unless got and want have the same length and agree to within
// tol·max(1, max|want|) everywhere.
func checkClose(t *testing.T, want, got []float64, tol float64, format string, args ...any) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: length %d, want %d", fmt.Sprintf(format, args...), len(got), len(want))
	}
	scale := 1.0
	for _, v := range want {
		scale = max(scale, math.Abs(v))
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol*scale {
			t.Fatalf("%s: [%d] = %v, want %v", fmt.Sprintf(format, args...), i, got[i], want[i])
		}
	}
}

// dft returns the naive DFT Σ_j a[j]·exp(∓2πi·jk/n) (minus sign unless inv), with exactly
// reduced root indices.
func dft(a []complex128, inv bool) []complex128 {
	n := len(a)
	out := make([]complex128, n)
	for k := range out {
		var s complex128
		for j, v := range a {
			w := Root(j*k%n, n)
			if inv {
				w = conj(w)
			}
			s += v * w
		}
		out[k] = s
	}
	return out
}

// TestRootTable checks that table lookups give exactly what root computes.
func TestRootTable(t *testing.T) {
	for _, n := range []int{8, 24, 40, 1000, 2048, 6000} {
		rt := NewRootTable(n)
		for _, L := range []int{1, 2, 4, 8, n / 8, n / 2, n} {
			for k := 0; k < L; k++ {
				if got, want := rt.Root(k, L), Root(k, L); got != want {
					t.Fatalf("table %d: Root(%d, %d) = %v, want %v", n, k, L, got, want)
				}
			}
		}
	}
	assert.Nil(t, NewRootTable(12))
}

func TestRoot(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5, 8, 12, 60, 1000, 1 << 20} {
		for _, k := range []int{0, 1, n / 8, n / 4, n/4 + 1, n / 3, n / 2, 3 * n / 4, n - 1} {
			if k < 0 || k >= n {
				continue
			}
			theta := 2 * math.Pi * float64(k) / float64(n)
			w := Root(k, n)
			assert.InDelta(t, math.Cos(theta), real(w), 1e-15, "n=%d k=%d", n, k)
			assert.InDelta(t, -math.Sin(theta), imag(w), 1e-15, "n=%d k=%d", n, k)
		}
	}
}

// TestFFTPlan checks the complex transform against the naive DFT for lengths of every
// factor pattern, and that inverse undoes forward.
func TestFFTPlan(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 25, 27, 30, 32, 45, 60, 64, 75, 100, 128, 243, 256, 360, 625, 720, 1000, 1024} {
		f := NewPlan(n, nil)
		a := make([]complex128, n)
		for i := range a {
			a[i] = complex(2*rng.Float64()-1, 2*rng.Float64()-1)
		}
		want := dft(a, false)
		got := append([]complex128(nil), a...)
		f.Forward(got)
		freq := f.Freqs()
		tol := 1e-15 * float64(n) * math.Log2(float64(n)+1) * 4
		for p, k := range freq {
			if d := got[p] - want[k]; math.Hypot(real(d), imag(d)) > tol {
				t.Fatalf("n=%d: position %d (frequency %d): got %v, want %v", n, p, k, got[p], want[k])
			}
		}
		f.Inverse(got)
		for i := range a {
			if d := got[i]/complex(float64(n), 0) - a[i]; math.Hypot(real(d), imag(d)) > 1e-15*math.Log2(float64(n)+1)*4 {
				t.Fatalf("n=%d: inverse(forward(a))[%d] = %v, want %v", n, i, got[i], a[i]*complex(float64(n), 0))
			}
		}
	}
}

// TestFFTPartners checks the partner positions against the inverse of freqs.
func TestFFTPartners(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 5, 6, 8, 12, 30, 60, 64, 120, 1000, 1024, 3 * 1024} {
		f := NewPlan(n, nil)
		freq, part := f.Freqs(), f.Partners()
		for p := range part {
			if k, kp := int(freq[p]), int(freq[part[p]]); (k+kp)%n != 0 {
				t.Fatalf("n=%d: position %d holds %d, its partner %d holds %d", n, p, k, part[p], kp)
			}
		}
	}
}

func TestFFTHalfLength(t *testing.T) {
	for need := 1; need < 5000; need++ {
		m := HalfLength(need)
		if 2*m < need || Factor(m) == nil || m > need {
			t.Fatalf("HalfLength(%d) = %d", need, m)
		}
	}
	for _, n := range []int{0, -4, 7, 22} {
		assert.Nil(t, Factor(n), "n=%d", n)
	}
}

// BenchmarkFFT times one forward and one inverse complex transform of length n.
func BenchmarkFFT(b *testing.B) {
	for _, n := range []int{1 << 10, 1 << 16, 1 << 20, 1000000} {
		f := NewPlan(n, nil)
		a := make([]complex128, n)
		for i := range a {
			a[i] = complex(float64(i%7), 1)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f.Forward(a)
				f.Inverse(a)
			}
		})
	}
}

// TestFFTPlanCacheBudget checks that the plan cache empties itself when it would pass its
// budget, and that plans keep working afterwards.
func TestFFTPlanCacheBudget(t *testing.T) {
	defer func(b int64) { CacheBudget = b }(CacheBudget)
	realPlans.Clear()
	realPlanBytes.Store(0)
	CacheBudget = 36 * 3000
	p1 := RealPlanFor(1024)
	p2 := RealPlanFor(1000)
	assert.Same(t, p1, RealPlanFor(1024))
	RealPlanFor(1200) // 36·(1024+1000+1200) bytes > budget: the cache is emptied first
	assert.LessOrEqual(t, realPlanBytes.Load(), CacheBudget)
	_, ok := realPlans.Load(1024)
	assert.False(t, ok, "cache not emptied")
	// An evicted plan still works.
	x := []float64{1, 2, 3}
	got := make([]float64, 5)
	p2.Convolve(got, x, x, 0, false)
	checkClose(t, []float64{1, 4, 10, 12, 9}, got, 1e-12, "evicted plan")
}

// TestFFTBlockedTransform runs the FFT path with tiny blocks, so that transformMultiply's
// top-level passes and partner-block pairing (used above Block) are exercised at sizes
// the reference can check quickly, for several factorizations.
func TestFFTBlockedTransform(t *testing.T) {
	defer func(b int) { Block = b; realPlans.Clear() }(Block)
	Block = 16
	realPlans.Clear()
	rng := rand.New(rand.NewPCG(23, 24))
	for _, sz := range [][2]int{{1000, 1000}, {1500, 700}, {2047, 2049}, {960, 961}} {
		x, y := uniform(rng, sz[0]), uniform(rng, sz[1])
		h := HalfLength(sz[0] + sz[1] - 1)
		p := RealPlanFor(h)
		if p.top == 0 {
			t.Fatalf("h=%d: no top-level passes", h)
		}
		got := make([]float64, sz[0]+sz[1]-1)
		p.Convolve(got, x, y, 0, false)
		checkClose(t, naiveConv(x, y), got, 1e-12, "n=%d m=%d h=%d", sz[0], sz[1], h)
		sq := make([]float64, 2*sz[0]-1)
		RealPlanFor(HalfLength(len(sq))).Convolve(sq, x, x, 0, false)
		checkClose(t, naiveConv(x, x), sq, 1e-12, "square n=%d", sz[0])
	}
}

func TestUnpack(t *testing.T) {
	z := []complex128{1 + 2i, 3 + 4i, 5 + 6i, 7 + 8i}
	c := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	for off := 0; off <= len(c); off++ {
		for l := 0; off+l <= len(c); l++ {
			got := make([]float64, l)
			Unpack(got, z, off)
			assert.Equal(t, c[off:off+l], got, "off=%d len=%d", off, l)
		}
	}
}

// TestForwardMulti checks the column transforms against Forward and Inverse of each column,
// bit for bit (the same butterflies in the same order), for widths below, at and above a
// strip and every factor pattern.
func TestForwardMulti(t *testing.T) {
	defer func(s int) { stripPoints = s }(stripPoints)
	rng := rand.New(rand.NewPCG(31, 32))
	for _, sp := range []int{1 << 15, 64} {
		stripPoints = sp
		for _, n := range []int{1, 2, 3, 4, 5, 8, 12, 30, 45, 64, 100, 256} {
			f := NewPlan(n, nil)
			for _, v := range []int{1, 3, 8, 17, 40} {
				a := make([]complex128, n*v)
				for i := range a {
					a[i] = complex(2*rng.Float64()-1, 2*rng.Float64()-1)
				}
				got := append([]complex128(nil), a...)
				f.ForwardMulti(got, v)
				col := make([]complex128, n)
				for c := range v {
					for j := range col {
						col[j] = a[j*v+c]
					}
					f.Forward(col)
					for j := range col {
						if got[j*v+c] != col[j] && !twinClose(got[j*v+c], col[j]) {
							t.Fatalf("strip %d n=%d v=%d: column %d row %d = %v, Forward gives %v", sp, n, v, c, j, got[j*v+c], col[j])
						}
					}
					f.Inverse(col)
					for j := range col {
						a[j*v+c] = col[j]
					}
				}
				f.InverseMulti(got, v)
				for i := range a {
					if got[i] != a[i] && !twinClose(got[i], a[i]) {
						t.Fatalf("strip %d n=%d v=%d: InverseMulti [%d] = %v, Inverse gives %v", sp, n, v, i, got[i], a[i])
					}
				}
			}
		}
	}
	assert.Panics(t, func() { NewPlan(4, nil).ForwardMulti(make([]complex128, 7), 2) })
}

// TestBfly4Kernels compares bfly4 (assembly where the CPU has AVX) with bfly4Generic bit
// for bit, forward and inverse, at every length up to 9 and on values that include signed
// zeros, infinities and NaN.
func TestBfly4Kernels(t *testing.T) {
	if !useAVX {
		t.Skip("no assembly kernel on this build")
	}
	rng := rand.New(rand.NewPCG(33, 34))
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), 1e300, -1e-300}
	val := func() float64 {
		if rng.IntN(8) == 0 {
			return special[rng.IntN(len(special))]
		}
		return 2*rng.Float64() - 1
	}
	for n := range 10 {
		for range 50 {
			var a, b [4][]complex128
			for r := range a {
				a[r] = make([]complex128, n)
				for c := range a[r] {
					a[r][c] = complex(val(), val())
				}
				b[r] = append([]complex128(nil), a[r]...)
			}
			w := [3]complex128{complex(val(), val()), complex(val(), val()), complex(val(), val())}
			inv := rng.IntN(2) == 0
			bfly4(a[0], a[1], a[2], a[3], w[0], w[1], w[2], inv)
			bfly4Generic(b[0], b[1], b[2], b[3], w[0], w[1], w[2], inv)
			for r := range a {
				for c := range a[r] {
					x, y := a[r][c], b[r][c]
					same := func(p, q float64) bool { return p == q && math.Signbit(p) == math.Signbit(q) || p != p && q != q }
					if (!same(real(x), real(y)) || !same(imag(x), imag(y))) && !twinClose(x, y) {
						t.Fatalf("n=%d inv=%v: row %d column %d = %v, generic %v", n, inv, r, c, x, y)
					}
				}
			}
		}
	}
}

// TestForwardKernels checks that Forward, Inverse and the column transforms give the same
// bits with the assembly butterflies as with the Go loops, for every factor pattern.
func TestForwardKernels(t *testing.T) {
	if !useAVX {
		t.Skip("no assembly kernel on this build")
	}
	defer func(u bool) { useAVX = u }(useAVX)
	rng := rand.New(rand.NewPCG(35, 36))
	for _, n := range []int{4, 8, 16, 32, 48, 64, 120, 256, 480, 1024, 4096, 6000, 1 << 15} {
		f := NewPlan(n, NewRootTable(n))
		v := 1 + rng.IntN(5)
		a := make([]complex128, n*v)
		for i := range a {
			a[i] = complex(2*rng.Float64()-1, 2*rng.Float64()-1)
		}
		run := func(asm bool) []complex128 {
			useAVX = asm
			b := append([]complex128(nil), a...)
			f.Forward(b[:n])
			f.ForwardMulti(b, v)
			f.Inverse(b[:n])
			f.InverseMulti(b, v)
			return b
		}
		x, y := run(true), run(false)
		for i := range x {
			if x[i] != y[i] && !twinClose(x[i], y[i]) {
				t.Fatalf("n=%d v=%d: [%d] = %v with assembly, %v without", n, v, i, x[i], y[i])
			}
		}
	}
}
