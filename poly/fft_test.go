package poly

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/internal/fft"
	"github.com/polyconv/polyconv/internal/grid"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
	h := fft.HalfLength(n + m - 1)
	fft.RealPlanFor(h).Convolve(got, x, y, 0, false)
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
	N := 2 * fft.HalfLength(2*n-1)
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
						h = fft.HalfLength(2 * h)
						got := make([]float64, length)
						fft.ConvolveBlocked(got, x, y, off, corr, h)
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
		assert.LessOrEqual(t, e, fftTypicalBound(x, x, 2*fft.HalfLength(2*n-1)), "n=%d", n)
		checkClose(t, Convolve(nil, x, append([]float64(nil), x...), Same), Convolve(nil, x, x, Same), 1e-12, "n=%d same", n)
	}
}
