package dist

import (
	"math/big"
)

// Explode sets z to the distribution of an exploding X ~ x and returns z: roll x; whenever the
// roll shows x's highest value Hi, roll again and add, at most depth extra rolls (after depth
// extra rolls the last one stands, whatever it shows). Dice notation uses
// [DefaultExplodeDepth] (9). The total is x's total to the power depth+1, the number of
// sequences of depth+1 rolls. z and x may alias. It panics if depth < 0. It is
// [Dist.ExplodeOn] with the test v == Hi.
func (z *Dist) Explode(x *Dist, depth int) *Dist {
	if depth < 0 {
		panic("dist: Explode with depth < 0")
	}
	hi := x.Hi()
	return z.ExplodeOn(x, func(v int) bool { return v == hi }, depth)
}

// ExplodeOn sets z to the distribution of X ~ x exploding on the values that pass explode
// (notation d10!>=8) and returns z: roll x; whenever the roll passes, roll again and add, at
// most depth extra rolls (the last roll stands, whatever it shows). The total is x's total to
// the power depth+1, the number of sequences of depth+1 rolls. z and x may alias. explode is
// called once per value of x's support (values of weight zero are not tested). It panics if
// depth < 0 or explode is nil, and if the sums leave the int range.
//
// With S the weights of the values that stop and A those that explode, E_0 = x and
// E_d = S·t^d + A·E_{d−1}: one product by the short polynomial A per extra roll. The die stays
// one die whose value is the sum of its rolls (compounding); [Pool.AddExploding] makes each
// extra roll a die of its own.
func (z *Dist) ExplodeOn(x *Dist, explode func(v int) bool, depth int) *Dist {
	if depth < 0 || explode == nil {
		panic("dist: ExplodeOn with depth < 0 or a nil test")
	}
	return z.explodeOn(x, explode, depth, 0)
}

// Penetrate sets z to the distribution of a penetrating X ~ x (Hackmaster's rule, notation
// d6!p) and returns z: like [Dist.Explode], a roll of x's highest value rolls again and adds,
// at most depth extra rolls, but every extra roll counts one less than it shows (the test
// for rolling again reads the face shown). The total is x's total to the power depth+1. z and
// x may alias. It panics if depth < 0.
func (z *Dist) Penetrate(x *Dist, depth int) *Dist {
	if depth < 0 {
		panic("dist: Penetrate with depth < 0")
	}
	hi := x.Hi()
	return z.explodeOn(x, func(v int) bool { return v == hi }, depth, -1)
}

// PenetrateOn is [Dist.Penetrate] rolling again on the values that pass explode (notation
// d10!p>=9), with the documentation of [Dist.ExplodeOn]: the value is the first roll plus
// each extra roll less one. It panics if depth < 0 or explode is nil, and if the sums leave
// the int range.
func (z *Dist) PenetrateOn(x *Dist, explode func(v int) bool, depth int) *Dist {
	if depth < 0 || explode == nil {
		panic("dist: PenetrateOn with depth < 0 or a nil test")
	}
	return z.explodeOn(x, explode, depth, -1)
}

// explodeOn sets z to X ~ x exploding on the values that pass explode, at most depth extra
// rolls, each extra roll adding step to the value (0 for explosions, −1 for penetration): a
// chain that rolls again j times is worth the sum of its rolls plus j·step. With the weights
// S of the values that stop and A of those that explode, E_0 = x and
// E_d = S·t^d + A·x^step·E_{d−1}.
func (z *Dist) explodeOn(x *Dist, explode func(v int) bool, depth, step int) *Dist {
	lo, w, t := x.parts()
	hi := lo + len(w) - 1
	mulInt(hi, depth+1)
	mulInt(lo, depth+1)
	addInt(mulInt(lo, depth+1), mulInt(step, depth))
	zero := new(big.Int)
	stop := make([]*big.Int, len(w))
	again := make([]*big.Int, len(w))
	alo, ahi := hi+1, lo-1 // range of the exploding values
	for i, a := range w {
		stop[i], again[i] = a, zero
		if a.Sign() != 0 && explode(lo+i) {
			stop[i], again[i] = zero, a
			alo, ahi = min(alo, lo+i), max(ahi, lo+i)
		}
	}
	cur := x                  // E_{d−1}, only read
	td := new(big.Int).Set(t) // t^d
	var tt big.Int
	for d := 1; d <= depth; d++ {
		clo, cw, ct := cur.parts()
		var r lpoly
		if alo <= ahi {
			r.addPoly(alo+clo+step, polyMul(again[alo-lo:ahi-lo+1], cw))
		}
		for i, a := range stop {
			if a.Sign() != 0 {
				r.addAt(lo+i, tt.Mul(a, td))
			}
		}
		cur = new(Dist).setPartsTotal(r.lo, r.ptrs(), new(big.Int).Mul(ct, t))
		td.Mul(td, t)
	}
	return z.Set(cur)
}

// Reroll sets z to the distribution of X ~ x rerolled while the roll matches reroll, at most
// depth times, and returns z: after depth rerolls the last roll stands, whatever it shows. So
// depth 1 is "reroll once" (notation roV) and [DefaultExplodeDepth] is the notation's rV. The
// total is x's total to the power depth+1. z and x may alias. reroll is called once per value
// of x's support range. It panics if depth < 0 or reroll is nil.
func (z *Dist) Reroll(x *Dist, reroll func(v int) bool, depth int) *Dist {
	if depth < 0 || reroll == nil {
		panic("dist: Reroll with depth < 0 or a nil test")
	}
	lo, w, t := x.parts()
	match := new(big.Int) // weight of the values that are rerolled
	keep := make([]*big.Int, len(w))
	zero := new(big.Int)
	for i, a := range w {
		keep[i] = a
		if reroll(lo + i) {
			match.Add(match, a)
			keep[i] = zero
		}
	}
	// R_0 = x; R_d = keep·t^d + match·R_{d−1}, all over t^{d+1}. Unrolled:
	// R_d = keep·g + match^d·x with g = Σ_{j<d} match^j·t^{d−j} = t·(t^d − match^d)/(t − match),
	// an exact quotient (t > match whenever some value is kept; otherwise keep is all zero).
	// Two powers and one pass over the values, whatever the depth.
	dd := big.NewInt(int64(depth))
	md := new(big.Int).Exp(match, dd, nil)
	g := new(big.Int)
	if diff := new(big.Int).Sub(t, match); diff.Sign() > 0 {
		g.Exp(t, dd, nil)
		g.Sub(g, md)
		g.Quo(g, diff)
		g.Mul(g, t)
	}
	cur := newInts(len(w))
	var tt big.Int
	for i := range w {
		cur[i].Mul(keep[i], g)
		cur[i].Add(cur[i], tt.Mul(w[i], md))
	}
	total := new(big.Int).Exp(t, big.NewInt(int64(depth+1)), nil)
	return z.setPartsTotal(lo, cur, total)
}

// CountSuccesses sets z to the distribution of the number of n independent dice X ~ x that pass
// success (notation NdS>=T and the other comparisons) and returns z: a binomial distribution
// on 0..n. The total is x's total to the power n. z and x may alias. success is called once per
// value of x's support range. It panics if n < 0 or success is nil.
func (z *Dist) CountSuccesses(x *Dist, n int, success func(v int) bool) *Dist {
	if n < 0 || success == nil {
		panic("dist: CountSuccesses with n < 0 or a nil test")
	}
	lo, w, t := x.parts()
	s := new(big.Int)
	for i, a := range w {
		if success(lo + i) {
			s.Add(s, a)
		}
	}
	f := new(big.Int).Sub(t, s)
	one := new(Dist).setPartsTotal(0, []*big.Int{f, s}, t)
	return z.Repeat(one, n)
}
