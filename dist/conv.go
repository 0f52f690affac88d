package dist

import (
	"math/big"
)

// This file holds the polynomial arithmetic on weight slices (ascending powers). Inputs are
// read only; every result is a new slice of new big.Ints.

// polyMul returns the product of the weight polynomials x and y.
func polyMul(x, y []*big.Int) []*big.Int {
	if len(x) == 0 || len(y) == 0 {
		return nil
	}
	if len(x) < len(y) {
		x, y = y, x
	}
	z := newInts(len(x) + len(y) - 1)
	var t big.Int
	for j, b := range y {
		if b.Sign() == 0 {
			continue
		}
		for i, a := range x {
			if a.Sign() == 0 {
				continue
			}
			z[i+j].Add(z[i+j], t.Mul(a, b))
		}
	}
	return z
}

// polyPow returns x^n for n >= 0 (x^0 = [1]). x[0] must be non-zero when len(x) > 1.
func polyPow(x []*big.Int, n int) []*big.Int {
	switch {
	case n == 0:
		return []*big.Int{big.NewInt(1)}
	case n == 1 || len(x) == 1:
		z := make([]*big.Int, len(x))
		for i, a := range x {
			z[i] = new(big.Int).Exp(a, big.NewInt(int64(n)), nil)
		}
		return z
	}
	return millerPow(x, n)
}

// millerPow computes x^n by J.C.P. Miller's recurrence: with Q = P^n, P·Q' = n·P'·Q gives
// Q[k] = (Σ_{i=1..min(k,d)} ((n+1)·i − k)·P[i]·Q[k−i]) / (k·P[0]), an exact division.
// It needs x[0] != 0.
func millerPow(x []*big.Int, n int) []*big.Int {
	d := len(x) - 1
	m := d*n + 1
	q := newInts(m)
	q[0].Exp(x[0], big.NewInt(int64(n)), nil)
	var acc, t, c big.Int
	for k := 1; k < m; k++ {
		acc.SetInt64(0)
		for i := 1; i <= min(k, d); i++ {
			if x[i].Sign() == 0 {
				continue
			}
			c.SetInt64(int64(n+1)*int64(i) - int64(k))
			t.Mul(x[i], q[k-i])
			acc.Add(&acc, t.Mul(&t, &c))
		}
		c.SetInt64(int64(k))
		c.Mul(&c, x[0])
		q[k].Quo(&acc, &c)
	}
	return q
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
