package vntt

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkTransform times a forward and an inverse transform of eight lanes; ns/butterfly is
// per vector butterfly (eight lanes).
func BenchmarkTransform(b *testing.B) {
	for _, c := range []struct{ logn, workers int }{{12, 1}, {16, 1}, {19, 1}, {19, 2}} {
		logn, workers := c.logn, c.workers
		b.Run(fmt.Sprintf("n=%d/workers=%d", 1<<logn, workers), func(b *testing.B) {
			pl := NewPlan(logn)
			a := randVec(rand.New(rand.NewPCG(1, 1)), 1<<logn, 1)
			for b.Loop() {
				pl.ForwardWorkers(a, workers)
				pl.InverseWorkers(a, workers)
			}
			bf := float64(b.N) * float64(logn) * float64(int(1)<<logn) // two transforms of n/2·logn
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/bf, "ns/butterfly")
		})
	}
}
