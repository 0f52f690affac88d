package exact

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
)

// The integer grid of BENCHMARKS.md (G1–G4); compare with shared/bench/run.sh mul CASE N B.
var benchGrid = []struct{ n, bits int }{
	{1000, 64}, {10000, 64}, {100000, 64}, {1000000, 64},
	{100, 1024}, {1000, 1024}, {10000, 1024},
	{100, 16384}, {1000, 16384},
	{1000000, 16},
}

func BenchmarkMul(b *testing.B) {
	for _, alg := range []Algorithm{Auto, MultiModular, Kronecker, Karatsuba, Schoolbook} {
		for _, g := range benchGrid {
			w := (g.bits + 63) / 64
			if (alg == Schoolbook || alg == Karatsuba) && float64(g.n)*float64(g.n)*float64(w*w) > 1e9 {
				continue // quadratic methods beyond about a second per product
			}
			b.Run(fmt.Sprintf("algo=%v/n=%d/bits=%d", alg, g.n, g.bits), func(b *testing.B) {
				x, y := grid.Ints(grid.SeedA, g.n, g.bits), grid.Ints(grid.SeedB, g.n, g.bits)
				dst := MulUsing(alg, nil, x, y) // warm-up, also checksummed below
				b.ReportAllocs()
				for b.Loop() { // b.Loop resets the timer on entry and stops it on exit
					MulUsing(alg, nil, x, y)
				}
				b.ReportMetric(float64(grid.Checksum(dst)%1e6), "checksum%1e6")
			})
		}
	}
}

// BenchmarkMulReuse is BenchmarkMul's Auto rows with the result reused, as math/big's
// z.Mul(x, y) reuses z and as shared/bench's FLINT harness reuses its result polynomial:
// every call writes into the previous call's coefficients, which hold enough words.
func BenchmarkMulReuse(b *testing.B) {
	for _, g := range benchGrid {
		b.Run(fmt.Sprintf("n=%d/bits=%d", g.n, g.bits), func(b *testing.B) {
			x, y := grid.Ints(grid.SeedA, g.n, g.bits), grid.Ints(grid.SeedB, g.n, g.bits)
			dst := Mul(nil, x, y)
			b.ReportAllocs()
			for b.Loop() {
				Mul(dst, x, y)
			}
			b.ReportMetric(float64(grid.Checksum(dst)%1e6), "checksum%1e6")
		})
	}
}

func BenchmarkSqr(b *testing.B) {
	for _, g := range []struct{ n, bits int }{{100000, 64}, {10000, 1024}} {
		b.Run(fmt.Sprintf("n=%d/bits=%d", g.n, g.bits), func(b *testing.B) {
			x := grid.Ints(grid.SeedA, g.n, g.bits)
			b.ReportAllocs()
			for b.Loop() {
				Sqr(nil, x)
			}
		})
	}
}

// BenchmarkPow is the dice grid D; compare with shared/bench/run.sh pow S N.
func BenchmarkPow(b *testing.B) {
	for _, d := range []struct{ s, n int }{{6, 100}, {6, 1000}, {6, 5000}, {20, 1000}} {
		b.Run(fmt.Sprintf("s=%d/n=%d", d.s, d.n), func(b *testing.B) {
			x := grid.Dice(d.s)
			b.ReportAllocs()
			for b.Loop() {
				Pow(nil, x, d.n)
			}
		})
	}
}

// BenchmarkNatMul compares Kronecker substitution's two integer products, natMulVec (vec) and
// natMul (scalar), on random operands of equal length words (the product has 2·words words).
func BenchmarkNatMul(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, w := range []int{8, 32, 128, 512, 2048, 8192, 32768, 131072, 1 << 20} {
		x, y := randNat(r, w, 0), randNat(r, w, 0)
		for _, impl := range []struct {
			name string
			f    func(x, y []uint64) []uint64
		}{{"vec", natMulVec}, {"scalar", natMul}} {
			b.Run(fmt.Sprintf("impl=%s/words=%d", impl.name, w), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					impl.f(x, y)
				}
			})
		}
	}
}
