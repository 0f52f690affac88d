package gemm

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// impls runs f once with each micro-kernel: the one in use (asm on AVX-512) and the generic.
func impls(b *testing.B, f func(b *testing.B)) {
	b.Run("impl="+map[bool]string{true: "asm", false: "go"}[Impl != "go"], f)
	if Impl != "go" {
		defer func(k func(int, []float64, []float64, []float64, int, bool)) { microKernel = k }(microKernel)
		microKernel = kernelGeneric
		b.Run("impl=go", f)
	}
}

func gflops(b *testing.B, flops float64) {
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkKernel times the micro-kernel alone on panels that stay in L1.
func BenchmarkKernel(b *testing.B) {
	const kc = 256
	r := rand.New(rand.NewPCG(1, 1))
	a, bb, c := randSlice(r, kc*MR), randSlice(r, kc*NR), make([]float64, MR*NR)
	impls(b, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			kernel(kc, a, bb, c, NR, true)
		}
		gflops(b, 2*kc*MR*NR)
	})
}

// BenchmarkMul times square products and gonum's Dgemm on the same operands.
func BenchmarkMul(b *testing.B) {
	for _, n := range []int{256, 512, 1024} {
		r := rand.New(rand.NewPCG(1, uint64(n)))
		a, bb, c := randSlice(r, n*n), randSlice(r, n*n), make([]float64, n*n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			impls(b, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					Mul(c, n, n, n, n, Strided{a, 1, n}, Strided{bb, n, 1}, false)
				}
				gflops(b, 2*float64(n)*float64(n)*float64(n))
			})
			b.Run("impl=gonum", func(b *testing.B) {
				g := func(d []float64) blas64.General { return blas64.General{Rows: n, Cols: n, Stride: n, Data: d} }
				b.ReportAllocs()
				for b.Loop() {
					gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, g(a).Data, n, g(bb).Data, n, 0, c, n)
				}
				gflops(b, 2*float64(n)*float64(n)*float64(n))
			})
		})
	}
}
