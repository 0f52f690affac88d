package dist

import (
	"math/big"
	"slices"
)

// KeepHighest sets z to the distribution of the sum of the k highest of n independent copies of
// X ~ x (the notation NdSkhK; drop lowest is KeepHighest(x, n, n−k)) and returns z. The total is
// x's total to the power n, the number of rolls. z and x may alias. It panics if n < 0 or k is
// not in [0, n], or if n times Lo or Hi leaves the int range.
//
// It never enumerates rolls. It conditions on the lowest kept value v and counts the dice above,
// at and below v with binomial weights (the dynamic program over the values from the highest
// down, with its sums over the dropped dice done in closed form): from the top when few dice
// are kept, costing about k²·s² operations on big integers for s values whatever n is, and from
// the bottom, with one power per value, when few are dropped. 100d20 keep highest 10 takes about
// a millisecond. See keepiid.go for the formulas.
func (z *Dist) KeepHighest(x *Dist, n, k int) *Dist {
	if n < 0 || k < 0 || k > n {
		panic("dist: KeepHighest with n < 0 or k outside [0, n]")
	}
	return z.keepHighestIID(x, n, k)
}

// keepHighestIID sets z to the sum of the k highest of n copies of x, choosing between the
// threshold formulas from the top and from the bottom (keepiid.go) by their estimated cost.
func (z *Dist) keepHighestIID(x *Dist, n, k int) *Dist {
	switch {
	case k == n:
		return z.Repeat(x, n)
	case k == 0:
		return z.keepHighest([]group{{x, n}}, 0)
	}
	lo, w, t := x.parts()
	hi := lo + len(w) - 1
	mulInt(n, lo) // the formulas handle sums of up to n values
	mulInt(n, hi)
	total := new(big.Int).Exp(t, big.NewInt(int64(n)), nil)
	var rw []*big.Int
	var rlo int
	switch keepMethod(len(w), n, k, newShort(0, w).run == 0) {
	case keepByTop:
		rlo, rw = keepTop(x, n, k)
	case keepByBottom:
		rlo, rw = keepBottom(x, n, k)
	default:
		return z.keepHighest([]group{{x, n}}, k)
	}
	return z.setPartsTotal(rlo, rw, total)
}

// The algorithms for keeping the highest k of n copies of one distribution.
const (
	keepByTop    = iota // threshold formula from the top (keepTop)
	keepByBottom        // threshold formula from the bottom (keepBottom)
	keepByStates        // the state program of pools (keepHighest), for few dice of many values
)

// keepMethod returns the algorithm estimated cheapest (see keepCosts).
func keepMethod(s, n, k int, run bool) int {
	top, bottom, states := keepCosts(s, n, k, run)
	switch {
	case states < top && states < bottom:
		return keepByStates
	case top <= bottom:
		return keepByTop
	}
	return keepByBottom
}

// keepCosts estimates the operations on big integers of the three algorithms for keeping k of
// n copies of a distribution spanning s values (run: its weights are equal, as for a fair die).
func keepCosts(s, n, k int, run bool) (top, bottom, states float64) {
	f := func(a int) float64 { return float64(a) }
	r := n - k
	// from the top: per value v, k Horner steps on polynomials of up to k·(Hi−v) terms, each
	// multiplied by Hi−v terms (a running sum for a run)
	per := f(s)
	if run {
		per = 2
	}
	top = f(k) * f(k) * f(s) * f(s) * per / 4
	if run {
		// per value u: a power and r running sums over about n·(Hi−u) terms, plus 2r scaled
		// copies of the power
		bottom = f(s) * f(s) / 2 * f(n) * (1 + 4*f(r))
	} else {
		// per value: Miller's power, r short Horner steps, and a product of n·s by r·s terms
		bottom = f(s) * (f(n)*f(s)*f(s) + f(r)*f(r)*f(s)*f(s)/2 + f(n)*f(s)*min(f(r*s+2), 64))
	}
	// states: per value, k states with polynomials of up to k·s terms, each moving up to k ways
	states = f(k) * f(k) * f(k) * f(s) * f(s) / 2
	return top, bottom, states
}

// KeepLowest sets z to the distribution of the sum of the k lowest of n independent copies of
// X ~ x (NdSklK; drop highest is KeepLowest(x, n, n−k)) and returns z. The total is x's total to
// the power n. z and x may alias. It panics if n < 0 or k is not in [0, n], or if n times Lo or
// Hi leaves the int range.
func (z *Dist) KeepLowest(x *Dist, n, k int) *Dist {
	if n < 0 || k < 0 || k > n {
		panic("dist: KeepLowest with n < 0 or k outside [0, n]")
	}
	r := new(Dist).keepHighestIID(new(Dist).Neg(x), n, k)
	return z.Neg(r)
}

// KeepHighestPool sets z to the distribution of the sum of the k highest of independent dice
// drawn from the distributions in pool (one die per element, so {d8, d8, d6} keep highest 2 is
// KeepHighestPool([]*Dist{d8, d8, d6}, 2)) and returns z. The total is the product of the totals
// of the pool. Elements with identical weights are grouped, so a pool of many copies of a few
// dice is cheap. z may alias any element of pool. It panics if k is not in [0, len(pool)].
//
// It runs a dynamic program over the values from the highest down: a state counts, per group,
// the dice already assigned to higher values (all kept, fewer than k in all) with a polynomial
// in their sum; each value assigns any number of the remaining dice of each group with binomial
// weights, and once k dice are kept the rest are counted in closed form. The number of states
// grows with the number of distinct dice and k; [KeepPoolShape] estimates it.
func (z *Dist) KeepHighestPool(pool []*Dist, k int) *Dist {
	if k < 0 || k > len(pool) {
		panic("dist: KeepHighestPool with k outside [0, len(pool)]")
	}
	return z.keepHighestGroups(groupPool(pool, false), k)
}

// KeepLowestPool sets z to the distribution of the sum of the k lowest of independent dice drawn
// from the distributions in pool and returns z. The total is the product of the totals of the
// pool. z may alias any element of pool. It panics if k is not in [0, len(pool)].
func (z *Dist) KeepLowestPool(pool []*Dist, k int) *Dist {
	if k < 0 || k > len(pool) {
		panic("dist: KeepLowestPool with k outside [0, len(pool)]")
	}
	r := new(Dist).keepHighestGroups(groupPool(pool, true), k)
	return z.Neg(r)
}

// keepHighestGroups sets z to the sum of the k highest dice of the pool gs: by the formulas
// for copies of one distribution when the pool has one group, by the state program otherwise.
func (z *Dist) keepHighestGroups(gs []group, k int) *Dist {
	if len(gs) == 1 {
		return z.keepHighestIID(gs[0].x, gs[0].n, k)
	}
	return z.keepHighest(gs, k)
}

// A group is n independent copies of one distribution in a pool.
type group struct {
	x *Dist
	n int
}

// groupPool groups the elements of pool with identical weights (negated if neg).
func groupPool(pool []*Dist, neg bool) []group {
	var gs []group
next:
	for _, p := range pool {
		if neg {
			p = new(Dist).Neg(p)
		}
		for i := range gs {
			if sameWeights(gs[i].x, p) {
				gs[i].n++
				continue next
			}
		}
		gs = append(gs, group{p, 1})
	}
	return gs
}

// sameWeights reports whether x and y have the same lowest value and identical weights.
func sameWeights(x, y *Dist) bool {
	xlo, xw, _ := x.parts()
	ylo, yw, _ := y.parts()
	return xlo == ylo && slices.EqualFunc(xw, yw, func(a, b *big.Int) bool { return a.Cmp(b) == 0 })
}

// keepState is a state of the keep-highest program: u[g] dice of group g have been assigned to
// the values seen so far (all of them kept, sum(u) < k), and poly[i] counts the ways for the kept
// sum to be i + sum(u)·L, where L is the lowest value of the pool.
type keepState struct {
	u    []int
	sum  int
	poly []big.Int
}

// keepHighest sets z to the sum of the k highest dice of the pool described by gs.
func (z *Dist) keepHighest(gs []group, k int) *Dist {
	total := big.NewInt(1)
	for _, g := range gs {
		_, _, t := g.x.parts()
		total.Mul(total, new(big.Int).Exp(t, big.NewInt(int64(g.n)), nil))
	}
	if k == 0 {
		return z.setPartsTotal(0, []*big.Int{total}, total)
	}
	L, H := gs[0].x.Lo(), gs[0].x.Hi()
	for _, g := range gs {
		L, H = min(L, g.x.Lo()), max(H, g.x.Hi())
	}
	mulInt(k, L)
	mulInt(k, H)
	span := H - L
	mulInt(k, span)
	G := len(gs)
	// below[g] is the weight of group g strictly below the current value.
	below := make([]*big.Int, G)
	for i, g := range gs {
		_, _, t := g.x.parts()
		below[i] = new(big.Int).Set(t)
	}
	res := make([]big.Int, k*span+1)
	states := map[string]*keepState{}
	start := &keepState{u: make([]int, G), poly: make([]big.Int, 1)}
	start.poly[0].SetInt64(1)
	states[stateKey(start.u)] = start
	wv := make([]*big.Int, G)
	c := make([]int, G)
	var t, coef big.Int
	zero := new(big.Int)
	for v := H; v >= L; v-- {
		any := false
		for i, g := range gs {
			wv[i] = zero
			if w := g.x.weight(v); w != nil && w.Sign() > 0 {
				wv[i] = w
				below[i].Sub(below[i], w)
				any = true
			}
		}
		if !any {
			continue
		}
		list := make([]*keepState, 0, len(states))
		for _, s := range states {
			list = append(list, s)
		}
		slices.SortFunc(list, func(a, b *keepState) int { return b.sum - a.sum })
		for _, s := range list {
			j := k - s.sum // slots left
			// fin accumulates Σ over c with sum(c) < j of Π C(m,c)·w^c·below^(m−c);
			// the finishing coefficient is Π (w+below)^m minus it.
			fin := new(big.Int)
			var rec func(g, cs int, a *big.Int)
			rec = func(g, cs int, a *big.Int) {
				if g == G {
					b := new(big.Int).Set(a)
					for i := range gs {
						m := gs[i].n - s.u[i]
						b.Mul(b, t.Exp(below[i], big.NewInt(int64(m-c[i])), nil))
					}
					fin.Add(fin, b)
					if cs == 0 {
						return
					}
					// move the ways of s, with cs more kept dice at v, into the target state
					nu := slices.Clone(s.u)
					for i := range nu {
						nu[i] += c[i]
					}
					key := stateKey(nu)
					tg := states[key]
					if tg == nil {
						tg = &keepState{u: nu, sum: s.sum + cs, poly: make([]big.Int, (s.sum+cs)*span+1)}
						states[key] = tg
					}
					off := cs * (v - L)
					for i := range s.poly {
						if s.poly[i].Sign() != 0 {
							tg.poly[i+off].Add(&tg.poly[i+off], t.Mul(&s.poly[i], a))
						}
					}
					return
				}
				m := gs[g].n - s.u[g]
				for cg := 0; cg <= m && cs+cg < j; cg++ {
					if cg > 0 && wv[g].Sign() == 0 {
						break
					}
					c[g] = cg
					na := new(big.Int).Binomial(int64(m), int64(cg))
					na.Mul(na, t.Exp(wv[g], big.NewInt(int64(cg)), nil))
					rec(g+1, cs+cg, na.Mul(na, a))
				}
				c[g] = 0
			}
			rec(0, 0, big.NewInt(1))
			coef.SetInt64(1)
			for i := range gs {
				m := gs[i].n - s.u[i]
				t.Add(wv[i], below[i])
				coef.Mul(&coef, t.Exp(&t, big.NewInt(int64(m)), nil))
			}
			coef.Sub(&coef, fin)
			if coef.Sign() != 0 {
				off := j * (v - L)
				for i := range s.poly {
					if s.poly[i].Sign() != 0 {
						res[i+off].Add(&res[i+off], t.Mul(&s.poly[i], &coef))
					}
				}
			}
		}
	}
	w := make([]*big.Int, len(res))
	for i := range res {
		w[i] = &res[i]
	}
	return z.setPartsTotal(k*L, w, total)
}

// stateKey encodes the per-group counts of a state as a map key (4 bytes per group).
func stateKey(u []int) string {
	b := make([]byte, 0, 4*len(u))
	for _, x := range u {
		b = append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
	}
	return string(b)
}
