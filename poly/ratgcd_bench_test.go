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
// with (cof=true) the Bézout cofactors, the latter by the M-adic lifting (method=dixon) and,
// up to degree 1000, by the multi-modular solver it replaced (method=modular, the anchor).
func BenchmarkRatGCD(b *testing.B) {
	bezoutModuli(0, 700) // the primes the cofactors of degree 2000 need, found once
	defer func(u bool) { useDixon = u }(useDixon)
	for _, deg := range []int{250, 500, 1000, 2000} {
		x, y := gcdBenchOperands(deg)
		for _, m := range []string{"none", "dixon", "modular"} {
			if m == "modular" && deg > 1000 {
				continue
			}
			name := fmt.Sprintf("deg=%d/cof=true/method=%s", deg, m)
			if m == "none" {
				name = fmt.Sprintf("deg=%d/cof=false", deg)
			}
			b.Run(name, func(b *testing.B) {
				useDixon = m != "modular"
				b.ReportAllocs()
				for b.Loop() {
					if m != "none" {
						new(Rat).GCD(new(Rat), new(Rat), x, y)
					} else {
						new(Rat).GCD(nil, nil, x, y)
					}
				}
			})
		}
	}
}
