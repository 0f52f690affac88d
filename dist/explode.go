package dist

import (
	"math/big"
)

// Explode sets z to the distribution of an exploding X ~ x and returns z: roll x; whenever the
// roll shows x's highest value Hi, roll again and add, at most depth extra rolls (after depth
// extra rolls the last one stands, whatever it shows). Dice notation uses
// [DefaultExplodeDepth] (9). The total is x's total to the power depth+1, the number of
// sequences of depth+1 rolls. z and x may alias. It panics if depth < 0.
func (z *Dist) Explode(x *Dist, depth int) *Dist {
	if depth < 0 {
		panic("dist: Explode with depth < 0")
	}
	lo, w, t := x.parts()
	hi := lo + len(w) - 1
	mulInt(hi, depth+1)
	mulInt(lo, depth+1)
	// E_0 = x; E_d = (x below Hi)·t^d + w(Hi)·(E_{d−1} shifted by Hi).
	cur := &Dist{}
	cur.Set(x)
	for d := 1; d <= depth; d++ {
		// Result spans lo .. hi·(d+1) when hi ≥ lo ≥ ... in general min/max of both parts.
		clo, cw, ct := cur.parts()
		slo := addInt(clo, hi)
		nlo := min(lo, slo)
		nhi := max(hi-1, slo+len(cw)-1)
		if len(w) == 1 {
			nlo, nhi = slo, slo+len(cw)-1
		}
		r := newInts(nhi - nlo + 1)
		var tt big.Int
		for i := 0; i < len(w)-1; i++ {
			r[lo+i-nlo].Mul(w[i], ct)
		}
		for i, a := range cw {
			r[slo+i-nlo].Add(r[slo+i-nlo], tt.Mul(a, w[len(w)-1]))
		}
		cur = new(Dist).setPartsTotal(nlo, r, new(big.Int).Mul(ct, t))
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
	// R_0 = x; R_d = keep·t^d + match·R_{d−1}, all over t^{d+1}.
	cur := slicesClone(w)
	for d := 1; d <= depth; d++ {
		td := new(big.Int).Exp(t, big.NewInt(int64(d)), nil)
		r := newInts(len(w))
		var tt big.Int
		for i := range w {
			r[i].Mul(keep[i], td)
			r[i].Add(r[i], tt.Mul(cur[i], match))
		}
		cur = r
	}
	total := new(big.Int).Exp(t, big.NewInt(int64(depth+1)), nil)
	return z.setPartsTotal(lo, cur, total)
}

func slicesClone(w []*big.Int) []*big.Int { return append([]*big.Int(nil), w...) }

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
