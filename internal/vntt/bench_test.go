package vntt

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkTransform times a forward and an inverse transform of eight lanes; ns/butterfly is
// per vector butterfly (eight lanes).
func BenchmarkTransform(b *testing.B) {
	for _, logn := range []int{12, 16, 19} {
		b.Run(fmt.Sprintf("n=%d", 1<<logn), func(b *testing.B) {
			pl := NewPlan(logn)
			a := randVec(rand.New(rand.NewPCG(1, 1)), 1<<logn, 1)
			for b.Loop() {
				pl.Forward(a)
				pl.Inverse(a)
			}
			bf := float64(b.N) * float64(logn) * float64(int(1)<<logn) // two transforms of n/2·logn
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/bf, "ns/butterfly")
		})
	}
}
