package poly

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dft returns the naive DFT Σ_j a[j]·exp(∓2πi·jk/n) (minus sign unless inv), with exactly
// reduced root indices.
func dft(a []complex128, inv bool) []complex128 {
	n := len(a)
	out := make([]complex128, n)
	for k := range out {
		var s complex128
		for j, v := range a {
			w := root(j*k%n, n)
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
		rt := newRootTable(n)
		for _, L := range []int{1, 2, 4, 8, n / 8, n / 2, n} {
			for k := 0; k < L; k++ {
				if got, want := rt.root(k, L), root(k, L); got != want {
					t.Fatalf("table %d: root(%d, %d) = %v, want %v", n, k, L, got, want)
				}
			}
		}
	}
	assert.Nil(t, newRootTable(12))
}

func TestRoot(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5, 8, 12, 60, 1000, 1 << 20} {
		for _, k := range []int{0, 1, n / 8, n / 4, n/4 + 1, n / 3, n / 2, 3 * n / 4, n - 1} {
			if k < 0 || k >= n {
				continue
			}
			theta := 2 * math.Pi * float64(k) / float64(n)
			w := root(k, n)
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
		f := newFFTPlan(n, nil)
		a := make([]complex128, n)
		for i := range a {
			a[i] = complex(2*rng.Float64()-1, 2*rng.Float64()-1)
		}
		want := dft(a, false)
		got := append([]complex128(nil), a...)
		f.forward(got)
		freq := f.freqs()
		tol := 1e-15 * float64(n) * math.Log2(float64(n)+1) * 4
		for p, k := range freq {
			if d := got[p] - want[k]; math.Hypot(real(d), imag(d)) > tol {
				t.Fatalf("n=%d: position %d (frequency %d): got %v, want %v", n, p, k, got[p], want[k])
			}
		}
		f.inverse(got)
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
		f := newFFTPlan(n, nil)
		freq, part := f.freqs(), f.partners()
		for p := range part {
			if k, kp := int(freq[p]), int(freq[part[p]]); (k+kp)%n != 0 {
				t.Fatalf("n=%d: position %d holds %d, its partner %d holds %d", n, p, k, part[p], kp)
			}
		}
	}
}

func TestFFTHalfLength(t *testing.T) {
	for need := 1; need < 5000; need++ {
		m := fftHalfLength(need)
		if 2*m < need || factorFFT(m) == nil || m > need {
			t.Fatalf("fftHalfLength(%d) = %d", need, m)
		}
	}
	for _, n := range []int{0, -4, 7, 22} {
		assert.Nil(t, factorFFT(n), "n=%d", n)
	}
}

// refDot returns output k of the full convolution of x and y, Σ x[i]·y[k−i], as a
// compensated dot product (Ogita–Rump–Oishi Dot2: an inline TwoSum for each addition and an
// FMA for each product's error), as accurate as if computed in twice the working precision.
func refDot(x, y []float64, k int) float64 {
	var s, c float64
	lo, hi := max(0, k-len(y)+1), min(len(x)-1, k)
	for i := lo; i <= hi; i++ {
		p := x[i] * y[k-i]
		pe := math.FMA(x[i], y[k-i], -p)
		t := s + p
		bp := t - s
		se := (s - (t - bp)) + (p - bp)
		s = t
		c += se + pe
	}
	return s + c
}

func norm2(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s)
}

// fftErrorBound is the normwise bound documented on Convolve for the FFT paths:
// |error| ≤ ε·(log2(N)+2)·‖x‖₂·‖y‖₂ for every output, N the real transform length.
func fftErrorBound(x, y []float64, N int) float64 {
	return 0x1p-53 * (math.Log2(float64(N)) + 2) * norm2(x) * norm2(y)
}

// fftTypicalBound is the documented typical error for inputs of random sign:
// 2·ε·(log2(N)+2)·‖x‖₂·‖y‖₂/√N.
func fftTypicalBound(x, y []float64, N int) float64 {
	return 2 * fftErrorBound(x, y, N) / math.Sqrt(float64(N))
}

// maxFFTError returns the largest |FFT convolution − compensated direct sum| over the outputs
// at the indices idx of the full convolution, and the transform length.
func maxFFTError(x, y []float64, idx []int) (float64, int) {
	n, m := len(x), len(y)
	got := make([]float64, n+m-1)
	h := fftHalfLength(n + m - 1)
	fftConvPlanFor(h).convolve(got, x, y, 0, false)
	return maxDotError(got, x, y, idx), 2 * h
}

// maxDotError returns the largest |got[k] − refDot(x, y, k)| over the indices k in idx of
// the full convolution got of x and y.
func maxDotError(got, x, y []float64, idx []int) float64 {
	var e float64
	for _, k := range idx {
		e = max(e, math.Abs(got[k]-refDot(x, y, k)))
	}
	return e
}

// TestConvolveFFTAccuracy compares the FFT path with a compensated direct sum at awkward
// lengths (primes, 2^k ± 1, around the threshold, unbalanced) and checks the documented bound.
func TestConvolveFFTAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	sizes := [][2]int{{1, 1}, {2, 1}, {3, 3}, {31, 33}, {32, 32}, {63, 65}, {97, 89}, {127, 129}, {255, 257},
		{1000, 3}, {1021, 1019}, {1023, 1025}, {4096, 4096}, {4097, 5}, {7919, 2}, {10007, 9973}}
	if !testing.Short() {
		sizes = append(sizes, [2]int{65537, 65535}, [2]int{200003, 199999})
	}
	positive := func(n int) []float64 { // same sign, so no cancellation helps
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.Float64()
		}
		return x
	}
	wide := func(n int) []float64 { // magnitudes over 9 decades
		x := make([]float64, n)
		for i := range x {
			x[i] = math.Exp(20*rng.Float64() - 10)
		}
		return x
	}
	for _, sz := range sizes {
		for kind, gen := range []func(int) []float64{func(n int) []float64 { return uniform(rng, n) }, positive, wide} {
			x, y := gen(sz[0]), gen(sz[1])
			L := sz[0] + sz[1] - 1
			idx := []int{0, L / 2, L - 1}
			for range 100 {
				idx = append(idx, rng.IntN(L))
			}
			e, N := maxFFTError(x, y, idx)
			bound := fftErrorBound(x, y, N)
			t.Logf("kind=%d n=%d m=%d N=%d: max abs error %.3g, normwise bound %.3g (ratio %.3f)", kind, sz[0], sz[1], N, e, bound, e/bound)
			assert.LessOrEqual(t, e, bound, "kind=%d n=%d m=%d", kind, sz[0], sz[1])
			if kind == 0 {
				typ := fftTypicalBound(x, y, N)
				assert.LessOrEqual(t, e, typ, "n=%d m=%d: typical bound %.3g", sz[0], sz[1], typ)
			}
		}
	}
}

// TestConvolveGridAccuracy is the accuracy bar of issue 4: the full convolution of the
// n = 10^6 grid vectors, max abs error on sampled outputs against a compensated direct sum
// (skipped with -short; about 2 s).
func TestConvolveGridAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("n = 10^6 accuracy check skipped in -short mode")
	}
	const n = 1000000
	x, y := grid.Floats(grid.SeedA, n), grid.Floats(grid.SeedB, n)
	got := Convolve(nil, x, y, Full)
	rng := rand.New(rand.NewPCG(9, 10))
	idx := []int{0, 1, n - 2, n - 1, n, 2*n - 2}
	for range 250 {
		idx = append(idx, rng.IntN(2*n-1))
	}
	e := maxDotError(got, x, y, idx)
	N := 2 * fftHalfLength(2*n-1)
	bound := fftTypicalBound(x, y, N)
	t.Logf("n=%d N=%d: max abs error %.3g over %d sampled outputs (typical bound %.3g, bar 2e-12)", n, N, e, len(idx), bound)
	assert.LessOrEqual(t, e, 2e-12)
	assert.LessOrEqual(t, e, bound)
}

// TestConvolveBlocked checks the overlap-save path against the reference for every mode,
// both operand orders and correlation, at several block sizes.
func TestConvolveBlocked(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	sizes := [][2]int{{1000, 9}, {5000, 100}, {777, 130}, {4096, 255}}
	if !testing.Short() {
		sizes = append(sizes, [2]int{20000, 1000})
	}
	for _, sz := range sizes {
		long, short := uniform(rng, sz[0]), uniform(rng, sz[1])
		for _, swap := range []bool{false, true} {
			x, y := long, short
			if swap {
				x, y = short, long
			}
			for _, mode := range modes {
				for _, corr := range []bool{false, true} {
					want := refConvolve(x, y, mode)
					if corr {
						want = refCorrelate(x, y, mode)
					}
					off, length := window(len(x), len(y), mode, corr && len(y) > len(x))
					for _, h := range []int{sz[1], 2 * sz[1], 1024} {
						h = fftHalfLength(2 * h)
						got := make([]float64, length)
						convolveBlocked(got, x, y, off, corr, h)
						checkClose(t, want, got, 1e-12, "n=%d m=%d swap=%v %v corr=%v h=%d", sz[0], sz[1], swap, mode, corr, h)
					}
				}
			}
		}
	}
}

// TestChooseMethod checks that each method is chosen where the model says it wins, and
// that Convolve agrees with the reference there.
func TestChooseMethod(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	for _, tc := range []struct {
		n, m, want int
	}{
		{10, 10, methodDirect},
		{100000, 4, methodDirect},
		{5000, 5000, methodFFT},
		{100000, 300, methodBlocked},
	} {
		got, _ := chooseMethod(tc.n, tc.m, 0, tc.n+tc.m-1)
		assert.Equal(t, tc.want, got, "n=%d m=%d", tc.n, tc.m)
		x, y := uniform(rng, tc.n), uniform(rng, tc.m)
		c := Convolve(nil, x, y, Full)
		require.Len(t, c, tc.n+tc.m-1)
		for k := 0; k < len(c); k += 1 + len(c)/300 {
			require.InDelta(t, refDot(x, y, k), c[k], 1e-11, "n=%d m=%d k=%d", tc.n, tc.m, k)
		}
	}
}

// BenchmarkFFT times one forward and one inverse complex transform of length n.
func BenchmarkFFT(b *testing.B) {
	for _, n := range []int{1 << 10, 1 << 16, 1 << 20, 1000000} {
		f := newFFTPlan(n, nil)
		a := make([]complex128, n)
		for i := range a {
			a[i] = complex(float64(i%7), 1)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f.forward(a)
				f.inverse(a)
			}
		})
	}
}

// TestConvolveSquare checks x∗x, where one forward transform serves both operands, at sizes
// taking the single-block and the blocked FFT paths.
func TestConvolveSquare(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, n := range []int{300, 3001, 40000} {
		x := uniform(rng, n)
		got := Convolve(nil, x, x, Full)
		if meth, _ := chooseMethod(n, n, 0, 2*n-1); meth != methodFFT {
			t.Fatalf("n=%d: method %d, want the FFT", n, meth)
		}
		var e float64
		for k := 0; k < 2*n-1; k += 1 + n/500 {
			e = max(e, math.Abs(got[k]-refDot(x, x, k)))
		}
		assert.LessOrEqual(t, e, fftTypicalBound(x, x, 2*fftHalfLength(2*n-1)), "n=%d", n)
		checkClose(t, Convolve(nil, x, append([]float64(nil), x...), Same), Convolve(nil, x, x, Same), 1e-12, "n=%d same", n)
	}
}

// TestFFTPlanCacheBudget checks that the plan cache empties itself when it would pass its
// budget, and that plans keep working afterwards.
func TestFFTPlanCacheBudget(t *testing.T) {
	defer func(b int64) { fftPlanCacheBudget = b }(fftPlanCacheBudget)
	fftConvPlans.Clear()
	fftConvPlanBytes.Store(0)
	fftPlanCacheBudget = 36 * 3000
	p1 := fftConvPlanFor(1024)
	p2 := fftConvPlanFor(1000)
	assert.Same(t, p1, fftConvPlanFor(1024))
	fftConvPlanFor(1200) // 36·(1024+1000+1200) bytes > budget: the cache is emptied first
	assert.LessOrEqual(t, fftConvPlanBytes.Load(), fftPlanCacheBudget)
	_, ok := fftConvPlans.Load(1024)
	assert.False(t, ok, "cache not emptied")
	// An evicted plan still works.
	x := []float64{1, 2, 3}
	got := make([]float64, 5)
	p2.convolve(got, x, x, 0, false)
	checkClose(t, []float64{1, 4, 10, 12, 9}, got, 1e-12, "evicted plan")
}

// TestFFTBlockedTransform runs the FFT path with tiny blocks, so that transformMultiply's
// top-level passes and partner-block pairing (used above fftBlock) are exercised at sizes
// the reference can check quickly, for several factorizations.
func TestFFTBlockedTransform(t *testing.T) {
	defer func(b int) { fftBlock = b; fftConvPlans.Clear() }(fftBlock)
	fftBlock = 16
	fftConvPlans.Clear()
	rng := rand.New(rand.NewPCG(23, 24))
	for _, sz := range [][2]int{{1000, 1000}, {1500, 700}, {2047, 2049}, {960, 961}} {
		x, y := uniform(rng, sz[0]), uniform(rng, sz[1])
		h := fftHalfLength(sz[0] + sz[1] - 1)
		p := fftConvPlanFor(h)
		if p.top == 0 {
			t.Fatalf("h=%d: no top-level passes", h)
		}
		got := make([]float64, sz[0]+sz[1]-1)
		p.convolve(got, x, y, 0, false)
		checkClose(t, refConvolve(x, y, Full), got, 1e-12, "n=%d m=%d h=%d", sz[0], sz[1], h)
		sq := make([]float64, 2*sz[0]-1)
		fftConvPlanFor(fftHalfLength(len(sq))).convolve(sq, x, x, 0, false)
		checkClose(t, refConvolve(x, x, Full), sq, 1e-12, "square n=%d", sz[0])
	}
}

func TestUnpack(t *testing.T) {
	z := []complex128{1 + 2i, 3 + 4i, 5 + 6i, 7 + 8i}
	c := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	for off := 0; off <= len(c); off++ {
		for l := 0; off+l <= len(c); l++ {
			got := make([]float64, l)
			unpack(got, z, off)
			assert.Equal(t, c[off:off+l], got, "off=%d len=%d", off, l)
		}
	}
}
