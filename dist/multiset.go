package dist

import (
	"math"
	"math/big"
)

// This file evaluates functions of the sorted values of a pool of dice without enumerating
// rolls, by the method of icepool's multiset evaluator (A. J. Liu, "Icepool: Efficient
// Computation of Dice Pool Probabilities", AIIDE 2022): the values are visited in order, and
// at each value v the number of dice showing it is chosen, C(r, k)·w(v)^k for k of the r dice
// of a kind still unassigned, while a small state (dice seen so far, a count, the best run…)
// summarizes what the function needs of the values seen. Weights are never normalized: every
// die is assigned exactly one value, so the weights of the final states sum to the product of
// the dice's totals.
//
// Here a state also carries a polynomial in one extra variable, so that sums and counts need
// not be part of the state: the evaluator says how much each step adds (the kept dice times
// their value, say), and a step multiplies by a power of the variable. A state that the
// remaining dice cannot change any more is finished at once: its remaining dice may show any
// value not yet visited, a factor of (the weight of those values)^(dice left). A pool is a
// list of kinds of dice (groups) with a joint distribution of how many of each there are,
// which covers random numbers of dice and explosions that add dice.

// mgroup is one kind of die in a pool.
type mgroup struct {
	x *Dist
}

// mentry is one possible vector of numbers of dice per group, with its weight (not counting
// the weights of the faces, which the evaluation multiplies in).
type mentry struct {
	n []int
	w *big.Int
}

// mpool is a pool as the evaluation sees it.
type mpool struct {
	groups  []mgroup
	entries []mentry
	maxN    []int // the largest number of dice of each group
}

// groupOf returns the index of the group of x in mp, adding it if needed.
func (mp *mpool) groupOf(x *Dist) int {
	for i, g := range mp.groups {
		if sameWeights(g.x, x) {
			return i
		}
	}
	mp.groups = append(mp.groups, mgroup{x})
	return len(mp.groups) - 1
}

// partEntry is a number of dice of some groups (map from group to count) with its weight.
type partEntry struct {
	n map[int]int
	w *big.Int
}

// newMpool converts p into groups and count vectors.
func newMpool(p *Pool) *mpool {
	mp := &mpool{}
	var lists [][]partEntry
	for _, pt := range p.parts {
		var l []partEntry
		switch {
		case pt.count != nil:
			g := mp.groupOf(pt.x)
			_, _, xt := pt.x.parts()
			nhi := pt.count.Hi()
			for m, w := range pt.count.Weights() {
				if w.Sign() == 0 {
					continue
				}
				c := new(big.Int).Exp(xt, big.NewInt(int64(nhi-m)), nil)
				l = append(l, partEntry{map[int]int{g: m}, c.Mul(c, w)})
			}
		case pt.e != nil:
			l = explodeEntries(mp, pt)
		default:
			l = []partEntry{{map[int]int{mp.groupOf(pt.x): pt.n}, big.NewInt(1)}}
		}
		lists = append(lists, l)
	}
	mp.maxN = make([]int, len(mp.groups))
	for _, l := range lists {
		most := make([]int, len(mp.groups))
		for _, e := range l {
			for g, c := range e.n {
				most[g] = max(most[g], c)
			}
		}
		for g := range most {
			mp.maxN[g] = addInt(mp.maxN[g], most[g])
		}
	}
	if mp.remStates() == math.MaxInt64 {
		panic("dist: pool too large to evaluate")
	}
	// the product of the parts' distributions, merging equal vectors
	cur := map[int64]*mentry{0: {n: make([]int, len(mp.groups)), w: big.NewInt(1)}}
	for _, l := range lists {
		next := map[int64]*mentry{}
		for _, a := range cur {
			for _, b := range l {
				n := append([]int(nil), a.n...)
				for g, c := range b.n {
					n[g] += c
				}
				k := mp.remKey(n)
				w := new(big.Int).Mul(a.w, b.w)
				if e := next[k]; e != nil {
					e.w.Add(e.w, w)
				} else {
					next[k] = &mentry{n, w}
				}
			}
		}
		cur = next
	}
	for _, e := range cur {
		mp.entries = append(mp.entries, *e)
	}
	return mp
}

// explodeEntries returns the numbers of exploding and stopping dice of n dice exploding as
// separate dice. A die rolls j ≤ depth exploding values and then a stopping one, with weight
// t^(depth−j) for the rolls it did not make, or depth+1 exploding values (the last one
// stands), weight 1. Of n dice, m reach depth+1: the n−m others add up their j by the power
// (Σ_j t^(depth−j)·x^j)^(n−m).
func explodeEntries(mp *mpool, pt poolPart) []partEntry {
	ge := mp.groupOf(pt.e)
	gs := -1
	if pt.s != nil {
		gs = mp.groupOf(pt.s)
	}
	_, _, t := pt.x.parts()
	d := pt.depth
	base := make([]*big.Int, d+1)
	for j := range base {
		base[j] = new(big.Int).Exp(t, big.NewInt(int64(d-j)), nil)
	}
	var l []partEntry
	binom := new(big.Int)
	for m := 0; m <= pt.n; m++ {
		if gs < 0 && m < pt.n {
			continue // no value stops: every die rolls depth+1 times
		}
		binom.Binomial(int64(pt.n), int64(m))
		pw := polyPow(base, pt.n-m)
		for i, c := range pw {
			if c.Sign() == 0 {
				continue
			}
			n := map[int]int{ge: m*(d+1) + i}
			if gs >= 0 {
				n[gs] = pt.n - m
			}
			l = append(l, partEntry{n, new(big.Int).Mul(c, binom)})
		}
	}
	return l
}

// remKey encodes a vector of numbers of dice per group as one integer (mixed radix).
func (mp *mpool) remKey(n []int) int64 {
	k, mult := int64(0), int64(1)
	for g, c := range n {
		k += int64(c) * mult
		mult *= int64(mp.maxN[g] + 1)
	}
	return k
}

// remDecode is the inverse of remKey, into n.
func (mp *mpool) remDecode(k int64, n []int) {
	for g := range n {
		r := int64(mp.maxN[g] + 1)
		n[g] = int(k % r)
		k /= r
	}
}

// remStates returns the number of vectors remKey can encode (saturating at math.MaxInt64).
func (mp *mpool) remStates() int64 {
	s := int64(1)
	for _, m := range mp.maxN {
		s = smul(s, int64(m)+1)
	}
	return s
}

// An mevaluator is a function of the sorted values of a pool, computed one value at a time.
// States are int64 keys chosen by the evaluator.
type mevaluator interface {
	// start returns the state before any value, for a pool of n dice.
	start(n int) int64
	// next returns the state after k ≥ 0 dice show v with left dice still to come, how much
	// to add to the polynomial's variable, and whether the state is finished (no later
	// value can change it or its variable). Unless the evaluation visits gaps, next(s, v, 0,
	// left) must return s, 0 and false.
	next(s int64, v, k, left int) (t int64, add int, done bool)
}

// mkey is a state of the evaluation: the dice left per group (remKey) and the evaluator's.
type mkey struct{ rem, ev int64 }

// run evaluates ev on mp, visiting the values from the highest down if descending, and
// every integer between the lowest and the highest value if gaps (otherwise only values some
// die can show). It returns the final states of the evaluator with their polynomials.
func (mp *mpool) run(ev mevaluator, descending, gaps bool) map[int64]*lpoly {
	out := map[int64]*lpoly{}
	G := len(mp.groups)
	states := map[mkey]*lpoly{}
	for _, e := range mp.entries {
		tot := 0
		for _, c := range e.n {
			tot += c
		}
		p := &lpoly{c: make([]big.Int, 1)}
		p.c[0].Set(e.w)
		k := mkey{mp.remKey(e.n), ev.start(tot)}
		if q := states[k]; q != nil {
			q.addScaled(p, 0, bigOne)
		} else {
			states[k] = p
		}
	}
	// the range of values and the weight of each group still to come
	L, H := math.MaxInt, math.MinInt
	rest := make([]*big.Int, G)
	for g, gr := range mp.groups {
		L, H = min(L, gr.x.Lo()), max(H, gr.x.Hi())
		rest[g] = gr.x.Total()
	}
	if G == 0 {
		L, H = 0, -1
	}
	rem := make([]int, G)
	ks := make([]int, G)
	wv := make([]*big.Int, G)
	zero := new(big.Int)
	var binom binomials
	for i := 0; i <= H-L; i++ {
		v := L + i
		if descending {
			v = H - i
		}
		active := false
		for g, gr := range mp.groups {
			wv[g] = zero
			if w := gr.x.weight(v); w != nil && w.Sign() != 0 {
				wv[g] = w
				rest[g] = new(big.Int).Sub(rest[g], w)
				active = true
			}
		}
		if !active && !gaps {
			continue
		}
		// w_g^k for the value, bigOne for k = 0 or a weight of one
		wpows := make([][]*big.Int, G)
		wpow := func(g, k int) *big.Int {
			if k == 0 || wv[g].Cmp(bigOne) == 0 {
				return bigOne
			}
			p := wpows[g]
			if len(p) == 0 {
				p = append(p, bigOne)
			}
			for len(p) <= k {
				p = append(p, new(big.Int).Mul(p[len(p)-1], wv[g]))
			}
			wpows[g] = p
			return p[k]
		}
		pows := map[[2]int]*big.Int{} // rest[g]^r
		restPow := func(g, r int) *big.Int {
			if r == 0 {
				return bigOne
			}
			k := [2]int{g, r}
			if p := pows[k]; p != nil {
				return p
			}
			p := new(big.Int).Exp(rest[g], big.NewInt(int64(r)), nil)
			pows[k] = p
			return p
		}
		next := map[mkey]*lpoly{}
		for key, poly := range states {
			mp.remDecode(key.rem, rem)
			dead := false
			for g := range rem {
				if rem[g] > 0 && wv[g].Sign() == 0 && rest[g].Sign() == 0 {
					dead = true // dice with no value left to show (never reached)
				}
			}
			if dead {
				continue
			}
			left := 0
			for _, r := range rem {
				left += r
			}
			// choose k_g dice of each group showing v: C(rem_g, k_g)·w_g^k_g
			var rec func(g, k, left int, w *big.Int)
			rec = func(g, k, left int, w *big.Int) {
				if g == G {
					t, add, done := ev.next(key.ev, v, k, left)
					if done {
						f := new(big.Int).Set(w)
						for h := range ks {
							f.Mul(f, restPow(h, rem[h]-ks[h]))
						}
						q := out[t]
						if q == nil {
							q = &lpoly{}
							out[t] = q
						}
						q.addScaled(poly, add, f)
						return
					}
					nk := mkey{ev: t}
					for h := range ks {
						rem[h] -= ks[h]
					}
					nk.rem = mp.remKey(rem)
					for h := range ks {
						rem[h] += ks[h]
					}
					q := next[nk]
					if q == nil {
						q = &lpoly{}
						next[nk] = q
					}
					q.addScaled(poly, add, w)
					return
				}
				r := rem[g]
				lo, hi := 0, r
				if wv[g].Sign() == 0 {
					hi = 0
				}
				if rest[g].Sign() == 0 {
					lo = r // the last value of the group takes its remaining dice
				}
				if lo > hi {
					return
				}
				brow := binom.row(r)
				for kg := lo; kg <= hi; kg++ {
					ks[g] = kg
					// C(r, kg)·w_g^kg·w, skipping products by one (fair dice)
					c := brow[kg]
					if pw := wpow(g, kg); pw != bigOne {
						c = new(big.Int).Mul(c, pw)
					}
					if w != bigOne {
						c = new(big.Int).Mul(c, w)
					}
					rec(g+1, k+kg, left-kg, c)
				}
				ks[g] = 0
			}
			rec(0, 0, left, bigOne)
		}
		states = next
	}
	for key, poly := range states {
		mp.remDecode(key.rem, rem)
		for _, r := range rem {
			if r != 0 {
				panic("dist: internal error: dice left after the last value")
			}
		}
		q := out[key.ev]
		if q == nil {
			q = &lpoly{}
			out[key.ev] = q
		}
		q.addScaled(poly, 0, bigOne)
	}
	return out
}

// addScaled adds c·x^shift·q to p.
func (p *lpoly) addScaled(q *lpoly, shift int, c *big.Int) {
	if len(q.c) == 0 {
		return
	}
	lo, hi := q.lo+shift, q.hi()+shift
	p.grow(lo, hi)
	var t big.Int
	off := lo - p.lo
	for i := range q.c {
		if q.c[i].Sign() != 0 {
			p.c[off+i].Add(&p.c[off+i], t.Mul(&q.c[i], c))
		}
	}
}

// grow widens p to cover the values lo..hi, keeping its coefficients.
func (p *lpoly) grow(lo, hi int) {
	if len(p.c) == 0 {
		p.lo, p.c = lo, make([]big.Int, hi-lo+1)
		return
	}
	if lo >= p.lo && hi <= p.hi() {
		return
	}
	nlo, nhi := min(lo, p.lo), max(hi, p.hi())
	c := make([]big.Int, nhi-nlo+1)
	for i := range p.c {
		c[p.lo-nlo+i].Set(&p.c[i])
	}
	p.lo, p.c = nlo, c
}

// binomials is Pascal's triangle, grown row by row as needed; its big.Ints are read only.
type binomials struct{ rows [][]*big.Int }

// row returns the binomial coefficients C(r, 0..r).
func (b *binomials) row(r int) []*big.Int {
	for len(b.rows) <= r {
		n := len(b.rows)
		row := make([]*big.Int, n+1)
		row[0], row[n] = bigOne, bigOne
		for k := 1; k < n; k++ {
			row[k] = new(big.Int).Add(b.rows[n-1][k-1], b.rows[n-1][k])
		}
		b.rows = append(b.rows, row)
	}
	return b.rows[r]
}
