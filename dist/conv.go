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

// polyPow returns x^n for n >= 0 (x^0 = [1]) with exact.Pow, which powers a fair die (every
// coefficient 1) by its three-term recurrence.
func polyPow(x []*big.Int, n int) []*big.Int {
	return exact.Pow(nil, x, n)
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
