package dist

import (
	"math/big"

	"github.com/polyconv/polyconv/exact"
)

// This file holds the polynomial arithmetic on weight slices (ascending powers). Inputs are
// read only; every result is a new slice of new big.Ints.

// polyMul returns the product of the weight polynomials x and y (exact.Mul).
func polyMul(x, y []*big.Int) []*big.Int {
	if len(x) == 0 || len(y) == 0 {
		return nil
	}
	return exact.Mul(nil, x, y)
}

// polyPow returns x^n for n >= 0 (x^0 = [1]): dieSum when every coefficient is 1 (a fair die;
// mirrored entries of the result share their words, which is safe for read-only weights),
// exact.Pow otherwise.
func polyPow(x []*big.Int, n int) []*big.Int {
	if n >= 1 && len(x) >= 2 && allOnes(x) {
		return dieSum(len(x), n)
	}
	return exact.Pow(nil, x, n)
}

// allOnes reports whether every entry of x is 1.
func allOnes(x []*big.Int) bool {
	for _, a := range x {
		if a.Cmp(bigOne) != 0 {
			return false
		}
	}
	return true
}

// newInts returns n new zero big.Ints.
func newInts(n int) []*big.Int {
	z := make([]*big.Int, n)
	vals := make([]big.Int, n)
	for i := range z {
		z[i] = &vals[i]
	}
	return z
}
