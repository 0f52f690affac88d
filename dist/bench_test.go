package dist

import (
	"fmt"
	"testing"
)

// BenchmarkDice times Repeat(Die(s), n), the dice grid of BENCHMARKS.md ((x+…+x^s)^n).
func BenchmarkDice(b *testing.B) {
	for _, c := range []struct{ s, n int }{{6, 100}, {6, 1000}, {6, 5000}, {20, 1000}, {6, 10000}} {
		b.Run(fmt.Sprintf("s=%d/n=%d", c.s, c.n), func(b *testing.B) {
			d := Die(c.s)
			var z Dist
			b.ReportAllocs()
			for b.Loop() {
				z.Repeat(d, c.n)
			}
		})
	}
}

// BenchmarkKeepHighest times KeepHighest(Die(s), n, k).
func BenchmarkKeepHighest(b *testing.B) {
	for _, c := range []struct{ n, s, k int }{{4, 6, 3}, {100, 20, 10}, {1000, 6, 10}, {1000, 6, 1}, {1000, 6, 500}, {1000, 6, 999}, {100, 6, 50}, {100, 20, 90}} {
		b.Run(fmt.Sprintf("n=%d/s=%d/k=%d", c.n, c.s, c.k), func(b *testing.B) {
			d := Die(c.s)
			var z Dist
			b.ReportAllocs()
			for b.Loop() {
				z.KeepHighest(d, c.n, c.k)
			}
		})
	}
}
