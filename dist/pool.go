package dist

import (
	"math/big"
)

// A Pool is a set of dice rolled together whose individual values matter: which are kept,
// how many meet a test, how many show the same face ([Dist.Matches]) or a run of faces
// ([Dist.Straight]). It lists kinds of dice with how many of each: a fixed number ([Pool.Add]),
// a random number ([Pool.AddRandom], the notation (d4)d6) or dice whose extra rolls join the
// pool as dice of their own ([Pool.AddExploding], the notation 10d6x).
//
// The zero value is the empty pool. A Pool is built by its Add methods, which keep references
// to the distributions given (never modified), and is only read by the functions that take
// it, so one Pool may be read by several goroutines at once while none adds to it.
type Pool struct {
	parts []poolPart
}

// poolPart is one Add call: n dice of x, or a random number count of them, or n dice of x
// whose rolls on the faces of e (the exploding part of x, s the rest) roll again, at most
// depth times per die, each extra roll a die of the pool.
type poolPart struct {
	x     *Dist
	n     int
	count *Dist
	e, s  *Dist // the exploding and stopping faces of x (weights of x), for AddExploding
	depth int
}

// Add adds n dice with the distribution x to p and returns p. It panics if n < 0.
func (p *Pool) Add(x *Dist, n int) *Pool {
	if n < 0 {
		panic("dist: Pool.Add with n < 0")
	}
	p.parts = append(p.parts, poolPart{x: x, n: n})
	return p
}

// AddRandom adds a random number N ~ n of dice with the distribution x to p (the notation
// (d4)d6) and returns p. As for [Dist.RepeatDist], the rolls are weighted over the common
// total n's total times x's total to the power n.Hi(). It panics if n.Lo() < 0.
func (p *Pool) AddRandom(x, n *Dist) *Pool {
	if n.Lo() < 0 {
		panic("dist: Pool.AddRandom with a negative count")
	}
	p.parts = append(p.parts, poolPart{x: x, count: n})
	return p
}

// AddExploding adds n dice with the distribution x to p whose rolls explode as separate dice
// (the notation 10d6x, Roll20's "!" and Foundry's "x") and returns p: a roll that passes
// explode is followed by another roll of x, at most depth extra rolls per die (depth 1 is
// the notation xo), and every roll is a die of the pool, which keep rules and tests see one by
// one. The sum of the pool is the same as that of n dice [Dist.ExplodeOn]. The rolls are
// weighted over x's total to the power n·(depth+1); when no value of x passes explode, or
// depth is 0, the dice are added as by [Pool.Add]. explode is called once per value of x's
// support with a positive weight. It panics if n < 0, depth < 0 or explode is nil.
func (p *Pool) AddExploding(x *Dist, n int, explode func(v int) bool, depth int) *Pool {
	if n < 0 || depth < 0 || explode == nil {
		panic("dist: Pool.AddExploding with n < 0, depth < 0 or a nil test")
	}
	lo, w, _ := x.parts()
	ew, sw := newInts(len(w)), newInts(len(w))
	var any bool
	for i, a := range w {
		if a.Sign() != 0 && explode(lo+i) {
			ew[i].Set(a)
			any = true
		} else {
			sw[i].Set(a)
		}
	}
	if !any || depth == 0 {
		return p.Add(x, n)
	}
	part := poolPart{x: x, n: n, depth: depth, e: new(Dist).setParts(lo, ew)}
	if !allZero(sw) {
		part.s = new(Dist).setParts(lo, sw)
	}
	p.parts = append(p.parts, part)
	return p
}

// allZero reports whether every weight of w is zero.
func allZero(w []*big.Int) bool {
	for _, a := range w {
		if a.Sign() != 0 {
			return false
		}
	}
	return true
}

// Dice returns the number of dice p holds before any extra roll, when it is fixed (no part
// added by AddRandom), and whether it is.
func (p *Pool) Dice() (n int, fixed bool) {
	for _, pt := range p.parts {
		if pt.count != nil {
			return 0, false
		}
		n += pt.n
	}
	return n, true
}

// total returns the number of weighted rolls of p: the product of the totals of its parts.
func (p *Pool) total() *big.Int {
	t := big.NewInt(1)
	for _, pt := range p.parts {
		_, _, xt := pt.x.parts()
		switch {
		case pt.count != nil:
			_, _, nt := pt.count.parts()
			t.Mul(t, nt)
			t.Mul(t, new(big.Int).Exp(xt, big.NewInt(int64(pt.count.Hi())), nil))
		case pt.e != nil:
			t.Mul(t, new(big.Int).Exp(xt, big.NewInt(int64(pt.n)*int64(pt.depth+1)), nil))
		default:
			t.Mul(t, new(big.Int).Exp(xt, big.NewInt(int64(pt.n)), nil))
		}
	}
	return t
}

// separate reports whether some part of p explodes as separate dice.
func (p *Pool) separate() bool {
	for _, pt := range p.parts {
		if pt.e != nil {
			return true
		}
	}
	return false
}

// A KeepRule says which dice of a pool a [Keep] counts.
type KeepRule uint8

const (
	KeepEvery KeepRule = iota // every die
	KeepHigh                  // the K highest (notation khK)
	KeepLow                   // the K lowest (klK)
	DropHigh                  // all but the K highest (dhK)
	DropLow                   // all but the K lowest (dlK)
	KeepMid                   // the K middle ones (kmK): drop ⌊(N−K)/2⌋ lowest and ⌈(N−K)/2⌉ highest
)

// A Keep selects the dice of a pool that count, by their rank: Keep{KeepHigh, 3} keeps the
// three highest. For a pool of N dice a K over N keeps (or drops) them all. The zero value
// keeps every die. Ties between equal values do not matter, since the dice kept then show the
// same values whichever are chosen.
type Keep struct {
	Rule KeepRule
	K    int
}

// keptRange returns the ranks [p0, p1) of the dice k keeps in a pool of n dice, rank 0 being
// the highest.
func (k Keep) keptRange(n int) (p0, p1 int) {
	kk := min(k.K, n)
	switch k.Rule {
	case KeepHigh:
		return 0, kk
	case KeepLow:
		return n - kk, n
	case DropHigh:
		return kk, n
	case DropLow:
		return 0, n - kk
	case KeepMid:
		hi := (n - kk + 1) / 2
		return hi, hi + kk
	}
	return 0, n
}

// keepsAll reports whether k keeps every die of p, so that the dice can be taken one by one
// without the multiset program: no keep rule, dropping none, or keeping at least as many as
// a pool of a fixed number of dice (without extra rolls as dice) holds.
func (k Keep) keepsAll(p *Pool) bool {
	switch {
	case k.Rule == KeepEvery, k.K == 0 && (k.Rule == DropHigh || k.Rule == DropLow):
		return true
	case k.Rule == DropHigh || k.Rule == DropLow:
		return false
	}
	n, fixed := p.Dice()
	return fixed && !p.separate() && k.K >= n
}

// check panics unless k is a valid rule with K ≥ 0.
func (k Keep) check(fn string) {
	if k.Rule > KeepMid || k.K < 0 {
		panic("dist: " + fn + " with an unknown keep rule or K < 0")
	}
}
