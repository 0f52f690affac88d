package ntt

import (
	"fmt"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
)

// BenchmarkConvolve times the single-prime anchor of BENCHMARKS.md: both operands of length
// n drawn with grid.ModP, p = grid.NTTPrime (powers of two, and the decimal sizes of the
// integer grid).
func BenchmarkConvolve(b *testing.B) {
	m, err := NewModulus(grid.NTTPrime)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1 << 10, 1 << 12, 1 << 14, 1 << 16, 100000, 1 << 18, 1000000, 1 << 20} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := grid.ModP(grid.SeedA, n, grid.NTTPrime)
			y := grid.ModP(grid.SeedB, n, grid.NTTPrime)
			dst := make([]uint64, 2*n-1)
			m.Convolve(dst, x, y) // build the plan outside the timing
			b.ReportAllocs()
			for b.Loop() {
				m.Convolve(dst, x, y)
			}
		})
	}
}

// BenchmarkForward times one forward transform; ns/butterfly = ns/op / (n/2·log2 n).
func BenchmarkForward(b *testing.B) {
	m, err := NewModulus(grid.NTTPrime)
	if err != nil {
		b.Fatal(err)
	}
	for _, logn := range []int{10, 16, 18, 20} {
		n := 1 << logn
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			pl, err := NewPlan(m, n)
			if err != nil {
				b.Fatal(err)
			}
			x := grid.ModP(grid.SeedA, n, grid.NTTPrime)
			dst := make([]uint64, n)
			b.ReportAllocs()
			for b.Loop() {
				pl.Forward(dst, x)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n/2*logn), "ns/butterfly")
		})
	}
}
