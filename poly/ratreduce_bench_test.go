package poly

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// reduceBenchInputs returns n numerators of bits bits (random signs) and a denominator
// shaped like a resultant: a few small prime factors times a random bits-bit number.
func reduceBenchInputs(n, bits int) ([]*big.Int, *big.Int) {
	r := rand.New(rand.NewPCG(uint64(n), uint64(bits)))
	num := make([]*big.Int, n)
	for i := range num {
		num[i] = randBig(r, bits)
		if r.IntN(2) == 0 {
			num[i].Neg(num[i])
		}
	}
	den := randBig(r, bits)
	return num, den.Mul(den, big.NewInt(2*2*2*3*5*5*7))
}

// BenchmarkReducedFracs times reducedFracs (method=reduce) against one big.Rat SetFrac per
// entry (method=bigrat), for the sizes of Rat.GCD's cofactors at degree 1000 and 2000.
func BenchmarkReducedFracs(b *testing.B) {
	for _, sz := range []struct{ n, bits int }{{2000, 16000}, {4000, 32000}} {
		num, den := reduceBenchInputs(sz.n, sz.bits)
		b.Run(fmt.Sprintf("n=%d/bits=%d/method=reduce", sz.n, sz.bits), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				reducedFracs(num, den)
			}
		})
		b.Run(fmt.Sprintf("n=%d/bits=%d/method=bigrat", sz.n, sz.bits), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := make([]*big.Rat, len(num))
				parallel(len(num), func(i int) { r[i] = new(big.Rat).SetFrac(num[i], den) })
			}
		})
	}
}
