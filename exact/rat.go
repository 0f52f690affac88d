package exact

import "math/big"

// MulRat sets dst to the product of the polynomials x and y with rational coefficients and
// returns dst; the result has length len(x)+len(y)−1, or 0 if either is empty. It clears the
// denominators of each operand with their least common multiple, takes one integer product with
// [Mul], and reduces each coefficient once. nil entries of x and y are read as zero.
//
// dst may be nil (allocated) or must have exactly the result length; its non-nil entries are
// reused as storage. dst may be x or y: every coefficient is read before any is written.
// MulRat panics with "exact: wrong dst length" on a dst of the wrong length and with
// "exact: result too large" if the integer product would exceed [MaxResultWords] words.
func MulRat(dst, x, y []*big.Rat) []*big.Rat {
	if len(x) == 0 || len(y) == 0 {
		return emptyResult(dst)
	}
	n := len(x) + len(y) - 1
	if dst != nil && len(dst) != n {
		panic("exact: wrong dst length")
	}
	xi, lx := clearDenominators(x)
	yi := xi
	ly := lx
	if len(x) != len(y) || &x[0] != &y[0] {
		yi, ly = clearDenominators(y)
	}
	z := Mul(nil, xi, yi)
	den := lx.Mul(lx, ly)
	if dst == nil {
		dst = make([]*big.Rat, n)
	}
	for k, c := range z {
		if dst[k] == nil {
			dst[k] = new(big.Rat)
		}
		dst[k].SetFrac(c, den)
	}
	return dst
}

// clearDenominators returns the integers x[i]·L and L, the least common multiple of the
// denominators of x (nil entries count as 0).
func clearDenominators(x []*big.Rat) ([]*big.Int, *big.Int) {
	l := big.NewInt(1)
	var g, t big.Int
	for _, c := range x {
		if c == nil || c.IsInt() {
			continue
		}
		d := c.Denom()
		g.GCD(nil, nil, l, d)
		t.Quo(d, &g)
		l.Mul(l, &t)
	}
	out := newInts(len(x))
	for i, c := range x {
		if c == nil || c.Sign() == 0 {
			continue
		}
		if c.IsInt() {
			out[i].Mul(c.Num(), l)
			continue
		}
		t.Quo(l, c.Denom())
		out[i].Mul(c.Num(), &t)
	}
	return out, l
}
