package poly

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// gcdBenchOperands returns two random polynomials of degree deg with integer coefficients in
// [−9, 9] (nonzero leading ones) and rational scale factors 2/3 and 5/7: with probability
// close to 1 coprime, the hard case for the cofactors (their size is resultant-sized).
func gcdBenchOperands(deg int) (a, b *Rat) {
	r := rand.New(rand.NewPCG(uint64(deg), 16))
	mk := func(scale *big.Rat) *Rat {
		c := make([]*big.Rat, deg+1)
		for i := range c {
			c[i] = big.NewRat(int64(r.IntN(19)-9), 1)
		}
		c[deg].SetInt64(int64(1 + r.IntN(9)))
		p := new(Rat).SetCoeffs(c)
		return p.Scale(p, scale)
	}
	return mk(big.NewRat(2, 3)), mk(big.NewRat(5, 7))
}

// BenchmarkRatGCD times Rat.GCD on coprime operands of degree deg, without (cof=false) and
// with (cof=true) the Bézout cofactors.
func BenchmarkRatGCD(b *testing.B) {
	bezoutModuli(0, 700) // the primes the cofactors of degree 2000 need, found once
	for _, deg := range []int{250, 500, 1000, 2000} {
		x, y := gcdBenchOperands(deg)
		for _, cof := range []bool{false, true} {
			b.Run(fmt.Sprintf("deg=%d/cof=%v", deg, cof), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if cof {
						new(Rat).GCD(new(Rat), new(Rat), x, y)
					} else {
						new(Rat).GCD(nil, nil, x, y)
					}
				}
			})
		}
	}
}
