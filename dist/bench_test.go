package dist

import (
	"fmt"
	"math/rand/v2"
	"strings"
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
	for _, c := range []struct{ n, s, k int }{{4, 6, 3}, {100, 20, 10}, {1000, 6, 10}, {1000, 6, 1}, {1000, 6, 500}, {1000, 6, 999}, {100, 6, 99}, {100, 20, 99}, {100, 6, 50}, {100, 20, 90}} {
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

// BenchmarkKeepPool times KeepHighestPool on mixed pools.
func BenchmarkKeepPool(b *testing.B) {
	pool := func(spec ...[2]int) []*Dist {
		var p []*Dist
		for _, s := range spec {
			d := Die(s[1])
			for range s[0] {
				p = append(p, d)
			}
		}
		return p
	}
	cases := []struct {
		name string
		pool []*Dist
		k    int
	}{
		{"2d8+d6/k=2", pool([2]int{2, 8}, [2]int{1, 6}), 2},
		{"d4..d20/k=3", pool([2]int{1, 4}, [2]int{1, 6}, [2]int{1, 8}, [2]int{1, 10}, [2]int{1, 12}, [2]int{1, 20}), 3},
		{"10d6+10d8/k=5", pool([2]int{10, 6}, [2]int{10, 8}), 5},
		{"50d12+50d20/k=10", pool([2]int{50, 12}, [2]int{50, 20}), 10},
	}
	for _, c := range cases {
		b.Run("pool="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			var z Dist
			for b.Loop() {
				z.KeepHighestPool(c.pool, c.k)
			}
		})
	}
}

// BenchmarkRand times one draw from 100d6 with Dist.Rand and with a Sampler.
func BenchmarkRand(b *testing.B) {
	d := new(Dist).Repeat(Die(6), 100)
	src := rand.NewPCG(1, 2)
	b.Run("impl=dist/n=100/s=6", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			d.Rand(src)
		}
	})
	s := d.Sampler()
	b.Run("impl=sampler/n=100/s=6", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.Rand(src)
		}
	})
}

// BenchmarkPool times Parse on the forms of wave 2 (pools by the sorted-multiset dynamic
// program, separate explosions, joint counts), with 100d20kh10 as the anchor.
func BenchmarkPool(b *testing.B) {
	for _, expr := range []string{"100d20kh10", "matches(10d10)", "straight(8d6)", "20d10x>=8", "20d10x=10>=8",
		"{20d10x}kh3", "5d6km3", "100d20km10", "10d10>=8f1", "matches(5d6)", "straight(5d6)", "10d6>=5&=1", "8d6xkh4>=5&=1",
		"100d6>=5&=1"} {
		joint := strings.Contains(expr, "&")
		b.Run("expr="+expr, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if joint {
					_, err = ParseJoint(expr, ParseOptions{})
				} else {
					_, err = Parse(expr)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
