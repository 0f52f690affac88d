package dist

import (
	"math"
	"math/big"

	"github.com/polyconv/polyconv/exact"
)

// Checked int arithmetic for support bounds: a value that leaves the int range panics.

func addInt(a, b int) int {
	c := a + b
	if (c > a) != (b > 0) {
		panic("dist: value overflows int")
	}
	return c
}

func mulInt(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	c := a * b
	if c/b != a || (a == -1 && b == math.MinInt) || (b == -1 && a == math.MinInt) {
		panic("dist: value overflows int")
	}
	return c
}

// Add sets z to the distribution of X+Y for independent X ~ x and Y ~ y and returns z. The total
// is the product of the totals. Any of z, x, y may alias. It allocates the result.
func (z *Dist) Add(x, y *Dist) *Dist {
	xlo, xw, xt := x.parts()
	ylo, yw, yt := y.parts()
	lo := addInt(xlo, ylo)
	addInt(lo, len(xw)+len(yw)-2)
	w := polyMul(xw, yw)
	return z.setPartsTotal(lo, w, new(big.Int).Mul(xt, yt))
}

// Sub sets z to the distribution of X−Y for independent X ~ x and Y ~ y and returns z. The total
// is the product of the totals. Any of z, x, y may alias.
func (z *Dist) Sub(x, y *Dist) *Dist {
	return z.Add(x, new(Dist).Neg(y))
}

// Neg sets z to the distribution of −X for X ~ x and returns z (same total). z and x may alias.
func (z *Dist) Neg(x *Dist) *Dist {
	lo, w, t := x.parts()
	hi := lo + len(w) - 1
	if hi == math.MinInt || lo == math.MinInt {
		panic("dist: value overflows int")
	}
	r := make([]*big.Int, len(w))
	for i, a := range w {
		r[len(w)-1-i] = a
	}
	return z.setPartsTotal(-hi, r, t)
}

// Mul sets z to the distribution of the product X·Y of independent X ~ x and Y ~ y and returns
// z. The total is the product of the totals. Any of z, x, y may alias. The result spans every
// value between the smallest and the largest product, so its size is about the product of the
// magnitudes of the bounds; see [Shape.Mul].
func (z *Dist) Mul(x, y *Dist) *Dist {
	xlo, xw, xt := x.parts()
	ylo, yw, yt := y.parts()
	xhi, yhi := xlo+len(xw)-1, ylo+len(yw)-1
	c := [4]int{mulInt(xlo, ylo), mulInt(xlo, yhi), mulInt(xhi, ylo), mulInt(xhi, yhi)}
	lo, hi := min(c[0], c[1], c[2], c[3]), max(c[0], c[1], c[2], c[3])
	n := uint(hi) - uint(lo) + 1
	if n == 0 || int(n) < 0 {
		panic("dist: value overflows int")
	}
	w := newInts(int(n))
	var t big.Int
	for i, a := range xw {
		if a.Sign() == 0 {
			continue
		}
		for j, b := range yw {
			if b.Sign() == 0 {
				continue
			}
			k := (xlo+i)*(ylo+j) - lo
			w[k].Add(w[k], t.Mul(a, b))
		}
	}
	return z.setPartsTotal(lo, w, new(big.Int).Mul(xt, yt))
}

// Repeat sets z to the distribution of the sum of n independent copies of X ~ x and returns z;
// Repeat(x, 0) is the point mass at 0. The total is x's total to the power n (6^n for nd6). z and
// x may alias. It panics if n < 0. The weight polynomial is raised to the power n by
// exact.Pow, never one copy at a time: for a die (one run of equal weights) by a three-term
// recurrence, otherwise by Miller's recurrence for short distributions and binary powering for
// long ones, so 10000d6 takes a fraction of a second (README.md lists measured times).
// [Shape.Repeat] bounds the size and cost beforehand.
func (z *Dist) Repeat(x *Dist, n int) *Dist {
	if n < 0 {
		panic("dist: Repeat with n < 0")
	}
	lo, w, t := x.parts()
	if n == 0 {
		return z.setPartsTotal(0, []*big.Int{big.NewInt(1)}, big.NewInt(1))
	}
	rlo := mulInt(lo, n)
	addInt(rlo, mulInt(len(w)-1, n))
	r := polyPow(w, n)
	return z.setPartsTotal(rlo, r, new(big.Int).Exp(t, big.NewInt(int64(n)), nil))
}

// RepeatDist sets z to the distribution of X₁+…+X_N where N ~ n and the Xᵢ ~ x are independent
// (of each other and of N) and returns z: the notation (d4)d6. The total is n's total times x's
// total to the power n.Hi(). Any of z, x, n may alias. It panics if n.Lo() < 0.
func (z *Dist) RepeatDist(x, n *Dist) *Dist {
	nlo, nw, nt := n.parts()
	if nlo < 0 {
		panic("dist: RepeatDist with a negative count")
	}
	xlo, xw, xt := x.parts()
	nhi := nlo + len(nw) - 1
	xhi := addInt(xlo, len(xw)-1)
	lo := min(mulInt(xlo, nlo), mulInt(xlo, nhi))
	hi := max(mulInt(xhi, nlo), mulInt(xhi, nhi))
	// Σ_j c_j·X^j with c_j = P(N=j)'s weight·xt^(nhi−j) (the common total nt·xt^nhi), by
	// Horner's rule: H = c_nhi, H = H·X + c_j down to nlo, then H·X^nlo. X is padded with zero
	// weights to reach value 0, so that every H spans value 0, where c_j is added.
	plo, phi := min(xlo, 0), max(xhi, 0)
	pw := make([]*big.Int, phi-plo+1)
	zero := new(big.Int)
	for i := range pw {
		pw[i] = zero
	}
	copy(pw[xlo-plo:], xw)
	px := newShort(plo, pw)
	h := lpoly{lo: 0, c: make([]big.Int, 1)}
	scale := big.NewInt(1)
	var t big.Int
	var spare lpoly
	for j := nhi; j >= nlo; j-- {
		if j < nhi {
			mulLongInto(&spare, h, px)
			h, spare = spare, h
			scale.Mul(scale, xt)
		}
		if c := nw[j-nlo]; c.Sign() != 0 {
			h.c[-h.lo].Add(&h.c[-h.lo], t.Mul(c, scale))
		}
	}
	res := h.ptrs()
	rlo := h.lo
	if nlo > 0 {
		res = polyMul(res, polyPow(xw, nlo))
		rlo += nlo * xlo
	}
	// trim to [lo, hi]; the padding leaves zero weights outside
	out := make([]*big.Int, hi-lo+1)
	for i := range out {
		out[i] = zero
		if k := lo + i - rlo; k >= 0 && k < len(res) {
			out[i] = res[k]
		}
	}
	total := new(big.Int).Exp(xt, big.NewInt(int64(nhi)), nil)
	return z.setPartsTotal(lo, out, total.Mul(total, nt))
}

// mulLongInto sets *z to h·s (z must not share coefficients with h): by the running sums of
// short.mulInto, reusing z's storage, when s is short or a run of equal weights, and by
// exact.Mul otherwise.
func mulLongInto(z *lpoly, h lpoly, s short) {
	if s.run <= 32 || len(h.c) <= 32 {
		s.mulInto(z, h)
		return
	}
	p := exact.Mul(nil, h.ptrs(), s.c)
	z.lo = h.lo + s.lo
	if cap(z.c) >= len(p) {
		z.c = z.c[:len(p)]
	} else {
		z.c = make([]big.Int, len(p), len(p)+len(p)/2)
	}
	for i, a := range p {
		z.c[i].Set(a)
	}
}

// Scale sets z to the distribution of c·X for X ~ x and returns z (same total). z and x may
// alias. For c = 0 the result is the point mass at 0 with x's total as its weight.
func (z *Dist) Scale(x *Dist, c int) *Dist {
	lo, w, t := x.parts()
	if c == 0 {
		return z.setPartsTotal(0, []*big.Int{t}, t)
	}
	hi := lo + len(w) - 1
	a, b := mulInt(lo, c), mulInt(hi, c)
	rlo := min(a, b)
	n := uint(max(a, b)) - uint(rlo) + 1
	if n == 0 || int(n) < 0 {
		panic("dist: value overflows int")
	}
	r := make([]*big.Int, n)
	zero := new(big.Int)
	for i := range r {
		r[i] = zero
	}
	for i, v := range w {
		r[(lo+i)*c-rlo] = v
	}
	return z.setPartsTotal(rlo, r, t)
}

// Shift sets z to the distribution of X+c for X ~ x and returns z (same total and weights). z and
// x may alias.
func (z *Dist) Shift(x *Dist, c int) *Dist {
	lo, w, t := x.parts()
	addInt(addInt(lo, len(w)-1), c)
	return z.setPartsTotal(addInt(lo, c), append([]*big.Int(nil), w...), t)
}

// cumulative returns the running sums c[i] = w[0]+…+w[i] as new big.Ints.
func cumulative(w []*big.Int) []*big.Int {
	c := newInts(len(w))
	for i, a := range w {
		if i > 0 {
			c[i].Set(c[i-1])
		}
		c[i].Add(c[i], a)
	}
	return c
}

// Highest sets z to the distribution of max(X, Y) for independent X ~ x and Y ~ y and returns z.
// The total is the product of the totals. Any of z, x, y may alias.
func (z *Dist) Highest(x, y *Dist) *Dist {
	return z.extreme(x, y, false)
}

// Lowest sets z to the distribution of min(X, Y) for independent X ~ x and Y ~ y and returns z.
// The total is the product of the totals. Any of z, x, y may alias.
func (z *Dist) Lowest(x, y *Dist) *Dist {
	return z.extreme(x, y, true)
}

// extreme sets z to the distribution of max(X, Y), or of min(X, Y) = −max(−X, −Y) if lowest,
// and returns z.
func (z *Dist) extreme(x, y *Dist, lowest bool) *Dist {
	if lowest {
		nx, ny := new(Dist).Neg(x), new(Dist).Neg(y)
		return z.Neg(new(Dist).extreme(nx, ny, false))
	}
	xlo, xw, xt := x.parts()
	ylo, yw, yt := y.parts()
	lo, hi := max(xlo, ylo), max(xlo+len(xw)-1, ylo+len(yw)-1)
	cx, cy := cumulative(xw), cumulative(yw)
	// at returns the weight of v and the cumulative weight of values ≤ v (nil for none).
	at := func(lo int, w, c []*big.Int, v int) (p, le *big.Int) {
		switch {
		case v < lo:
			return nil, nil
		case v-lo >= len(w):
			return nil, c[len(c)-1]
		}
		return w[v-lo], c[v-lo]
	}
	r := newInts(hi - lo + 1)
	var t big.Int
	for v := lo; v <= hi; v++ {
		px, lx := at(xlo, xw, cx, v)
		py, ly := at(ylo, yw, cy, v)
		// P(max = v) = P(X=v)·P(Y≤v) + P(X<v)·P(Y=v), and P(X<v) = P(X≤v) − P(X=v).
		if px != nil && ly != nil {
			r[v-lo].Add(r[v-lo], t.Mul(px, ly))
		}
		if py != nil && lx != nil {
			t.Set(lx)
			if px != nil {
				t.Sub(&t, px)
			}
			r[v-lo].Add(r[v-lo], t.Mul(&t, py))
		}
	}
	return z.setPartsTotal(lo, r, new(big.Int).Mul(xt, yt))
}

// Mix sets z to the equal-weight mixture of xs (pick one of them uniformly at random, then draw
// from it) and returns z. The total is len(xs) times the least common multiple of the totals.
// z may alias any of xs. It panics if xs is empty.
func (z *Dist) Mix(xs ...*Dist) *Dist {
	if len(xs) == 0 {
		panic("dist: Mix of no distributions")
	}
	return z.mix(xs, nil)
}

// mix sets z to the mixture of xs (not empty) in which xs[i] is drawn with probability
// proportional to weights[i] (positive), or to 1 when weights is nil, and returns z: over the
// least common multiple L of the totals T_i, value v gets the weight Σ weights[i]·w_i(v)·L/T_i,
// and the total is L·Σ weights[i].
func (z *Dist) mix(xs []*Dist, weights []*big.Int) *Dist {
	lcm := big.NewInt(1)
	lo, hi := xs[0].Lo(), xs[0].Hi()
	var g big.Int
	for _, x := range xs {
		_, _, t := x.parts()
		g.GCD(nil, nil, lcm, t)
		lcm.Mul(lcm, new(big.Int).Quo(t, &g))
		lo, hi = min(lo, x.Lo()), max(hi, x.Hi())
	}
	r := newInts(hi - lo + 1)
	var sum, f, t big.Int // sum is Σ weights[i]
	for i, x := range xs {
		xlo, xw, xt := x.parts()
		f.Quo(lcm, xt)
		if weights != nil {
			f.Mul(&f, weights[i])
			sum.Add(&sum, weights[i])
		}
		for j, a := range xw {
			r[xlo-lo+j].Add(r[xlo-lo+j], t.Mul(a, &f))
		}
	}
	if weights == nil {
		sum.SetInt64(int64(len(xs)))
	}
	return z.setPartsTotal(lo, r, lcm.Mul(lcm, &sum))
}

// Compare returns P(X<Y), P(X=Y) and P(X>Y) for independent X ~ x and Y ~ y, as new reduced
// big.Rats that sum to 1.
func Compare(x, y *Dist) (lt, eq, gt *big.Rat) {
	xlo, xw, xt := x.parts()
	ylo, yw, yt := y.parts()
	cy := cumulative(yw)
	var nlt, neq, t big.Int
	for i, a := range xw {
		if a.Sign() == 0 {
			continue
		}
		v := xlo + i
		// Y > v: total − cumulative(≤ v); Y = v.
		j := v - ylo
		switch {
		case j < 0:
			nlt.Add(&nlt, t.Mul(a, yt))
		case j >= len(yw):
		default:
			t.Sub(yt, cy[j])
			nlt.Add(&nlt, t.Mul(&t, a))
			neq.Add(&neq, t.Mul(a, yw[j]))
		}
	}
	den := new(big.Int).Mul(xt, yt)
	lt = new(big.Rat).SetFrac(&nlt, den)
	eq = new(big.Rat).SetFrac(&neq, den)
	gt = new(big.Rat).SetInt64(1)
	gt.Sub(gt, lt).Sub(gt, eq)
	return lt, eq, gt
}
