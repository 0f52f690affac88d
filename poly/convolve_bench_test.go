package poly

import (
	"fmt"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"gonum.org/v1/gonum/dsp/fourier"
)

// benchSizes is the float grid F of BENCHMARKS.md.
var benchSizes = []int{1000, 10000, 100000, 1000000, 10000000}

// BenchmarkConvolve times the full convolution of two length-n grid vectors (grid.SeedA,
// grid.SeedB), the case scipy.signal.fftconvolve is timed on by testdata/bench_scipy.py.
func BenchmarkConvolve(b *testing.B) {
	for _, n := range benchSizes {
		x, y := grid.Floats(grid.SeedA, n), grid.Floats(grid.SeedB, n)
		dst := make([]float64, 2*n-1)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Convolve(dst, x, y, Full)
			}
		})
	}
}

// BenchmarkConvolveGonum is the anchor of issue 4: a plain convolution through gonum's
// dsp/fourier real FFT (zero-padded to the next power of two; the plan is built outside the
// loop, as a user would reuse it).
func BenchmarkConvolveGonum(b *testing.B) {
	for _, n := range benchSizes {
		x, y := grid.Floats(grid.SeedA, n), grid.Floats(grid.SeedB, n)
		dst := make([]float64, 2*n-1)
		N := 1
		for N < 2*n-1 {
			N *= 2
		}
		f := fourier.NewFFT(N)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				gonumConvolve(f, dst, x, y)
			}
		})
	}
}

// gonumConvolve stores the full convolution of x and y in dst using f (length ≥ len(dst)).
func gonumConvolve(f *fourier.FFT, dst, x, y []float64) {
	N := f.Len()
	px := make([]float64, N)
	py := make([]float64, N)
	copy(px, x)
	copy(py, y)
	cx := f.Coefficients(nil, px)
	cy := f.Coefficients(nil, py)
	for i := range cx {
		cx[i] *= cy[i]
	}
	out := f.Sequence(px, cx)
	for i := range dst {
		dst[i] = out[i] / float64(N)
	}
}

// TestGonumConvolveAnchor checks that the benchmark anchor computes the convolution.
func TestGonumConvolveAnchor(t *testing.T) {
	x, y := grid.Floats(grid.SeedA, 300), grid.Floats(grid.SeedB, 200)
	got := make([]float64, 499)
	gonumConvolve(fourier.NewFFT(512), got, x, y)
	checkClose(t, refConvolve(x, y, Full), got, 1e-12, "gonum anchor")
}
