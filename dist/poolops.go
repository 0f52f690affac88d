package dist

import (
	"math/big"
)

// This file holds the functions of pools: sums and counts of the kept dice, sets and
// straights. Each takes a fast path when the dice can be treated one by one (every die kept:
// a sum or count of independent dice, or of independent chains of exploding dice) and
// otherwise runs the multiset evaluation of multiset.go.

// packer packs small non-negative fields into an int64 state: field i is in [0, m).
type packer struct{ m int64 }

func (p packer) pack(f ...int) int64 {
	s := int64(0)
	for i := len(f) - 1; i >= 0; i-- {
		s = s*p.m + int64(f[i])
	}
	return s
}

func (p packer) unpack(s int64, f []int) {
	for i := range f {
		f[i] = int(s % p.m)
		s /= p.m
	}
}

// newPacker returns a packer for fields up to maxN, checking that fields fit in an int64.
func newPacker(maxN, fields int) packer {
	m := int64(maxN) + 1
	s := int64(1)
	for range fields {
		if s = smul(s, m); s == 1<<63-1 {
			panic("dist: pool too large to evaluate")
		}
	}
	return packer{m}
}

// keepEval scores the kept dice: a state is (dice seen c, kept ranks p0, p1, count a), the
// variable adds score(v) per kept die, and with second set a counts the kept dice for
// which second(v) (for joint counts). Ranks count from the first value visited.
type keepEval struct {
	keep   Keep
	asc    bool // values visited from the lowest
	score  func(v int) int
	second func(v int) bool
	pk     packer
	f      [4]int
}

func (e *keepEval) start(n int) int64 {
	p0, p1 := e.keep.keptRange(n)
	if e.asc {
		p0, p1 = n-p1, n-p0
	}
	return e.pk.pack(0, p0, p1, 0)
}

func (e *keepEval) next(s int64, v, k, left int) (int64, int, bool) {
	f := e.f[:]
	e.pk.unpack(s, f)
	c, p0, p1, a := f[0], f[1], f[2], f[3]
	kept := max(0, min(c+k, p1)-max(c, p0))
	add := 0
	if kept > 0 {
		add = kept * e.score(v)
		if e.second != nil && e.second(v) {
			a += kept
		}
	}
	c += k
	return e.pk.pack(c, p0, p1, a), add, c >= p1
}

// matchesEval tracks the largest number of dice showing one value.
type matchesEval struct{}

func (matchesEval) start(int) int64 { return 0 }
func (matchesEval) next(s int64, v, k, left int) (int64, int, bool) {
	b := max(int(s), k)
	return int64(b), 0, left <= b
}

// straightEval tracks the current run of consecutive values shown and the longest so far;
// it visits every value (gaps break runs).
type straightEval struct{ pk packer }

func (e straightEval) start(int) int64 { return 0 }
func (e straightEval) next(s int64, v, k, left int) (int64, int, bool) {
	var f [2]int
	e.pk.unpack(s, f[:])
	run, best := f[0], f[1]
	if k > 0 {
		run++
	} else {
		run = 0
	}
	best = max(best, run)
	return e.pk.pack(run, best), 0, best >= run+left
}

// evalToDist returns the distribution of value(state) plus the variable over the final
// states of an evaluation, with the given total.
func evalToDist(out map[int64]*lpoly, value func(int64) int, total *big.Int) *Dist {
	var acc lpoly
	for s, p := range out {
		acc.addScaled(p, value(s), bigOne)
	}
	return new(Dist).setPartsTotal(acc.lo, acc.ptrs(), total)
}

// maxDice returns the largest number of dice p may hold (extra rolls included).
func (mp *mpool) maxDice() int {
	n := 0
	for _, m := range mp.maxN {
		n += m
	}
	return n
}

// SumKept sets z to the distribution of the sum of the dice of p that k keeps and returns z
// (the notation 4d6kh3, {2d8,d6}kh2, 5d6km3, 4d6xkh3). The total is the number of weighted
// rolls of p (see its Add methods). z may alias any distribution of p. It panics if k's rule
// is unknown or k.K < 0, and with "dist: pool too large to evaluate" if the dynamic program's
// states (numbers of dice left of each kind) would not fit in an int64.
//
// Keeping every die is a sum of independent dice. Pools of fixed numbers of dice kept by
// KeepHigh, KeepLow, DropHigh or DropLow take [Dist.KeepHighestPool]'s algorithms; the other
// cases run a dynamic program over the sorted values (see [Dist.Matches]) whose state is the
// number of dice seen, with a polynomial in the kept sum.
func (z *Dist) SumKept(p *Pool, k Keep) *Dist {
	k.check("SumKept")
	if k.keepsAll(p) {
		return z.sumAll(p)
	}
	if n, fixed := p.Dice(); fixed && !p.separate() && k.Rule != KeepMid {
		var pool []*Dist
		for _, pt := range p.parts {
			for range pt.n {
				pool = append(pool, pt.x)
			}
		}
		kk := min(k.K, n)
		switch k.Rule {
		case KeepHigh:
			return z.KeepHighestPool(pool, kk)
		case KeepLow:
			return z.KeepLowestPool(pool, kk)
		case DropHigh:
			return z.KeepLowestPool(pool, n-kk)
		}
		return z.KeepHighestPool(pool, n-kk)
	}
	return z.keptEval(p, k, func(v int) int { return v }, nil)
}

// keptEval runs keepEval on p: the distribution of the sum of score over the kept dice.
func (z *Dist) keptEval(p *Pool, k Keep, score func(int) int, second func(int) bool) *Dist {
	mp := newMpool(p)
	asc := k.Rule == KeepLow || k.Rule == DropHigh
	e := &keepEval{keep: k, asc: asc, score: memo(score), pk: newPacker(mp.maxDice(), 4)}
	out := mp.run(e, !asc, false)
	return z.Set(evalToDist(out, func(int64) int { return 0 }, p.total()))
}

// memo returns f remembering its results, so that f is called once per value.
func memo[T any](f func(int) T) func(int) T {
	m := map[int]T{}
	return func(v int) T {
		r, ok := m[v]
		if !ok {
			r = f(v)
			m[v] = r
		}
		return r
	}
}

// sumAll sets z to the sum of every die of p.
func (z *Dist) sumAll(p *Pool) *Dist {
	r := Const(0)
	for _, pt := range p.parts {
		var s *Dist
		switch {
		case pt.count != nil:
			s = new(Dist).RepeatDist(pt.x, pt.count)
		case pt.e != nil:
			// the sum of a chain of separate dice is the compounding explosion
			ex := new(Dist).ExplodeOn(pt.x, func(v int) bool {
				w := pt.e.weight(v)
				return w != nil && w.Sign() != 0
			}, pt.depth)
			s = new(Dist).Repeat(ex, pt.n)
		default:
			s = new(Dist).Repeat(pt.x, pt.n)
		}
		r.Add(r, s)
	}
	return z.Set(r)
}

// CountKept sets z to the distribution of the number of dice of p that k keeps and that pass
// success, less the number of those that pass failure (nil for none; Roll20's f), and returns
// z: the notation 10d10>=8f1, 5d6kh3>=5, 10d6x>=5. A die passing both tests counts 0. The
// total is the number of weighted rolls of p. success and failure are called once per value.
// z may alias any distribution of p. It panics if success is nil, if k's rule is unknown or
// k.K < 0, and as [Dist.SumKept] on pools too large to evaluate.
//
// When every die is counted, each die (or each die with its extra rolls) contributes
// independently and the count is a power; otherwise it runs the dynamic program of
// [Dist.SumKept].
func (z *Dist) CountKept(p *Pool, k Keep, success, failure func(v int) bool) *Dist {
	if success == nil {
		panic("dist: CountKept with a nil success test")
	}
	k.check("CountKept")
	score := memo(func(v int) int {
		s := 0
		if success(v) {
			s++
		}
		if failure != nil && failure(v) {
			s--
		}
		return s
	})
	if k.keepsAll(p) {
		r := Const(0)
		for _, pt := range p.parts {
			r.Add(r, partScore(pt, score))
		}
		return z.Set(r)
	}
	return z.keptEval(p, k, score, nil)
}

// scoreDist returns the distribution of score(X) for X ~ x (same total).
func scoreDist(x *Dist, score func(int) int) *Dist {
	lo, hi := 0, 0
	first := true
	for v, w := range x.Weights() {
		if w.Sign() == 0 {
			continue
		}
		s := score(v)
		if first {
			lo, hi, first = s, s, false
		}
		lo, hi = min(lo, s), max(hi, s)
	}
	ws := newInts(hi - lo + 1)
	for v, w := range x.Weights() {
		if w.Sign() != 0 {
			s := score(v) - lo
			ws[s].Add(ws[s], w)
		}
	}
	return new(Dist).setPartsTotal(lo, ws, x.Total())
}

// partScore returns the distribution of the sum of score over the dice of one part of a pool.
func partScore(pt poolPart, score func(int) int) *Dist {
	switch {
	case pt.count != nil:
		return new(Dist).RepeatDist(scoreDist(pt.x, score), pt.count)
	case pt.e != nil:
		return new(Dist).Repeat(chainScore(pt, score), pt.n)
	}
	return new(Dist).Repeat(scoreDist(pt.x, score), pt.n)
}

// chainScore returns the distribution of the sum of score over the rolls of one die exploding
// as separate dice: Σ_{j ≤ depth} E^j·S·t^(depth−j) + E^(depth+1), with E and S the weight
// polynomials of the scores of the exploding and the stopping values.
func chainScore(pt poolPart, score func(int) int) *Dist {
	_, _, t := pt.x.parts()
	e := scoreDist(pt.e, score)
	var acc lpoly
	ej := Const(0) // E^j
	for j := 0; j <= pt.depth; j++ {
		if pt.s != nil {
			s := new(Dist).Add(ej, scoreDist(pt.s, score))
			c := new(big.Int).Exp(t, big.NewInt(int64(pt.depth-j)), nil)
			slo, sw, _ := s.parts()
			for i, w := range sw {
				acc.addAt(slo+i, new(big.Int).Mul(w, c))
			}
		}
		ej = new(Dist).Add(ej, e)
	}
	elo, ew, _ := ej.parts()
	acc.addPoly(elo, ew)
	return new(Dist).setPartsTotal(acc.lo, acc.ptrs(), new(big.Int).Exp(t, big.NewInt(int64(pt.depth+1)), nil))
}

// Matches sets z to the distribution of the size of the largest set of dice of p showing the
// same value (icepool's largest_count, the notation matches(5d6)) and returns z: 0 for an
// empty pool. The total is the number of weighted rolls of p. z may alias any distribution of
// p. It panics as [Dist.SumKept] on pools too large to evaluate.
//
// It visits the values of the pool in order with the dynamic program of icepool's multiset
// evaluator: at each value, k of the r dice of a kind still unassigned show it, with weight
// C(r, k)·w^k, and the state is the number of dice left of each kind and the largest set so
// far; a state whose largest set is at least the dice left is finished at once. For n dice of
// s values this is about s·n³/6 products of big integers.
func (z *Dist) Matches(p *Pool) *Dist {
	mp := newMpool(p)
	out := mp.run(matchesEval{}, true, false)
	return z.Set(evalToDist(out, func(s int64) int { return int(s) }, p.total()))
}

// Straight sets z to the distribution of the length of the longest run of consecutive values
// shown by dice of p (icepool's largest_straight, the notation straight(5d6)) and returns z:
// 0 for an empty pool, and a value shown by several dice counts once. The total is the number
// of weighted rolls of p. z may alias any distribution of p. It panics as [Dist.SumKept] on
// pools too large to evaluate.
//
// It runs the dynamic program of [Dist.Matches] over every integer from the lowest value of
// the pool to the highest, with the current run and the longest run as the state.
func (z *Dist) Straight(p *Pool) *Dist {
	mp := newMpool(p)
	e := straightEval{newPacker(mp.maxDice(), 2)}
	out := mp.run(e, false, true)
	var f [2]int
	return z.Set(evalToDist(out, func(s int64) int { e.pk.unpack(s, f[:]); return f[1] }, p.total()))
}

// KeepMiddle sets z to the distribution of the sum of the k middle of n independent copies of
// X ~ x (the notation NdSkmK: drop ⌊(n−k)/2⌋ lowest and ⌈(n−k)/2⌉ highest; 3d20km1 is the
// median die) and returns z. The total is x's total to the power n. z and x may alias. It
// panics if n < 0 or k is not in [0, n].
func (z *Dist) KeepMiddle(x *Dist, n, k int) *Dist {
	if n < 0 || k < 0 || k > n {
		panic("dist: KeepMiddle with n < 0 or k outside [0, n]")
	}
	return z.SumKept(new(Pool).Add(x, n), Keep{KeepMid, k})
}
