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

// BenchmarkRecombine times the explicit CRT of Recombine (kernel=fast: the one in use) and its
// generic kernel; ns/point is per point (eight residues to seven words). Residues of zero keep
// the input valid after the first run.
func BenchmarkRecombine(b *testing.B) {
	for _, logn := range []int{12, 19} {
		for _, k := range []struct {
			name string
			f    func([]uint64)
		}{{"fast", Recombine}, {"generic", recombineGeneric}} {
			b.Run(fmt.Sprintf("n=%d/kernel=%s", 1<<logn, k.name), func(b *testing.B) {
				a := make([]uint64, Lanes<<logn)
				for b.Loop() {
					k.f(a)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N<<logn), "ns/point")
			})
		}
	}
}
