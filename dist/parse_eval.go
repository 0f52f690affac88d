package dist

import (
	"fmt"
	"math/big"
)

// This file computes the distribution of a checked syntax tree with the combinators of the
// package. The checker has already refused invalid counts, so a panic here is a bug.

// evaluator computes distributions; depth is the explode and reroll depth.
type evaluator struct {
	depth int
}

// eval returns the distribution of n, a new Dist.
func (ev *evaluator) eval(n node) *Dist {
	switch n := n.(type) {
	case *numNode:
		return Const(n.v)
	case *parenNode:
		return ev.eval(n.x)
	case *negNode:
		return new(Dist).Neg(ev.eval(n.x))
	case *binNode:
		x, y := ev.eval(n.x), ev.eval(n.y)
		switch n.op {
		case '+':
			return new(Dist).Add(x, y)
		case '-':
			return new(Dist).Sub(x, y)
		}
		switch {
		case n.op == '/':
			return quo(x, y.Lo())
		case isConst(x):
			return new(Dist).Scale(y, x.Lo())
		case isConst(y):
			return new(Dist).Scale(x, y.Lo())
		}
		return new(Dist).Mul(x, y)
	case *funcNode:
		z := ev.eval(n.args[0])
		for _, a := range n.args[1:] {
			if n.max {
				z.Highest(z, ev.eval(a))
			} else {
				z.Lowest(z, ev.eval(a))
			}
		}
		return z
	case *testNode:
		x := ev.eval(n.x)
		if n.y != nil {
			x.Sub(x, ev.eval(n.y)) // x op y is x−y op 0
		}
		return new(Dist).CountSuccesses(x, 1, n.c.match)
	case *poolNode:
		if needsPool(n) {
			return ev.poolFunc(n)
		}
		return ev.pool(n)
	case *multiNode:
		return ev.multi(n)
	}
	panic(fmt.Sprintf("dist: internal error: unknown node %T", n))
}

// isConst reports whether d is a point mass.
func isConst(d *Dist) bool { return d.Lo() == d.Hi() }

// die returns the distribution of one die with its rerolls and explosion.
func (ev *evaluator) die(d *dieNode) *Dist {
	var x *Dist
	switch d.kind {
	case dieSides:
		x = Die(d.sides)
	default:
		x = Faces(d.faceValues()...)
	}
	if len(d.rerolls) > 0 {
		depth := ev.depth
		if d.once {
			depth = 1
		}
		x.Reroll(x, func(v int) bool { return anyMatch(d.rerolls, v) }, depth)
	}
	switch {
	case d.penetrate && d.explodeOn != nil:
		if explodes(x, d.explodeOn.match) {
			x.PenetrateOn(x, d.explodeOn.match, ev.depth)
		}
	case d.penetrate:
		x.Penetrate(x, ev.depth)
	case d.explodeOn != nil && d.explode:
		if explodes(x, d.explodeOn.match) {
			x.ExplodeOn(x, d.explodeOn.match, ev.depth)
		}
	case d.explode:
		x.Explode(x, ev.depth)
	}
	return x
}

// poolEntry is one kind of die (or one value) in a pool and how many of it there are: count
// is nil for a fixed number n.
type poolEntry struct {
	x     *Dist
	n     int
	count *Dist
}

// pool computes a dice group or a braced pool: the sum of its items, or with a test the
// number of items passing it, or with keep or drop the sum (or count) of the kept ones.
func (ev *evaluator) pool(n *poolNode) *Dist {
	entries := make([]poolEntry, len(n.items))
	for i, it := range n.items {
		if it.die == nil {
			entries[i] = poolEntry{x: ev.eval(it.expr), n: 1}
			continue
		}
		e := poolEntry{x: ev.die(it.die), n: 1}
		if it.count != nil {
			cnt := ev.eval(it.count)
			if isConst(cnt) {
				e.n = cnt.Lo()
			} else {
				e.count = cnt
			}
		}
		entries[i] = e
	}
	var z *Dist
	switch {
	case n.keep != nil:
		z = ev.keep(n, entries)
	case n.test != nil:
		for _, e := range entries {
			var s *Dist
			if e.count != nil {
				s = new(Dist).CountSuccesses(e.x, 1, n.test.match)
				s.RepeatDist(s, e.count)
			} else {
				s = new(Dist).CountSuccesses(e.x, e.n, n.test.match)
			}
			z = addOrSet(z, s)
		}
	default:
		for _, e := range entries {
			if e.count != nil {
				z = addOrSet(z, new(Dist).RepeatDist(e.x, e.count))
			} else {
				z = addOrSet(z, new(Dist).Repeat(e.x, e.n))
			}
		}
	}
	return z
}

// addOrSet returns s if z is nil, else z+s in z.
func addOrSet(z, s *Dist) *Dist {
	if z == nil {
		return s
	}
	return z.Add(z, s)
}

// keep computes a pool with a keep or drop modifier (and maybe a success test after it).
func (ev *evaluator) keep(n *poolNode, entries []poolEntry) *Dist {
	if e := entries[0]; e.count != nil {
		// A random number of dice (the checker allows it for one kind of die): the group
		// for each possible number, mixed with the weights of the number.
		var parts []*Dist
		var weights []*big.Int
		for m, w := range e.count.Weights() {
			if w.Sign() > 0 {
				parts = append(parts, ev.keep(n, []poolEntry{{x: e.x, n: m}}))
				weights = append(weights, w)
			}
		}
		return new(Dist).mix(parts, weights)
	}
	dice := 0
	for _, e := range entries {
		dice += e.n
	}
	ks := n.keep
	kept := keptFor(ks, dice)
	// The highest dice are kept by kh and dl.
	highest := ks.high != ks.drop
	if n.test != nil && n.test.op == cmpEQ {
		return keptEqual(entries, kept, highest, n.test.t)
	}
	if n.test != nil {
		// The kept dice are the highest (or lowest) ones, and the dice passing an upward test
		// (> or >=) are the highest ones too: of c passing dice, min(c, kept) are kept. The
		// other three cases follow by symmetry, with max(0, c-(dice-kept)).
		var c *Dist
		for _, e := range entries {
			c = addOrSet(c, new(Dist).CountSuccesses(e.x, e.n, n.test.match))
		}
		upward := n.test.op == cmpGE || n.test.op == cmpGT
		if upward == highest {
			return mapValues(c, func(v int) int { return min(v, kept) })
		}
		return mapValues(c, func(v int) int { return max(0, v-(dice-kept)) })
	}
	if len(entries) == 1 {
		if highest {
			return new(Dist).KeepHighest(entries[0].x, dice, kept)
		}
		return new(Dist).KeepLowest(entries[0].x, dice, kept)
	}
	pool := make([]*Dist, 0, dice)
	for _, e := range entries {
		for range e.n {
			pool = append(pool, e.x)
		}
	}
	if highest {
		return new(Dist).KeepHighestPool(pool, kept)
	}
	return new(Dist).KeepLowestPool(pool, kept)
}

// keptEqual returns the distribution of how many of the kept dice of a pool show t, when the
// kept highest (or lowest) dice are kept: with A the dice beyond t (above it when the highest
// are kept, below it otherwise) and E those equal to t, the kept dice are the A beyond ones
// first, so min(kept, A+E) − min(kept, A) of them show t. The joint weights of (A, E) are
// those of the trinomial (a·X + e·Y + r)^n of each kind of die (a, e, r the weights of its
// faces beyond t, at t and the rest), multiplied over the kinds.
func keptEqual(entries []poolEntry, kept int, highest bool, t int) *Dist {
	// joint[i][j]: the weight of A = i, E = j.
	joint := [][]*big.Int{{big.NewInt(1)}}
	for _, en := range entries {
		lo, w, _ := en.x.parts()
		a, e, r := new(big.Int), new(big.Int), new(big.Int)
		for i, x := range w {
			switch v := lo + i; {
			case v == t:
				e.Add(e, x)
			case v > t == highest:
				a.Add(a, x)
			default:
				r.Add(r, x)
			}
		}
		for range en.n {
			joint = trinomialStep(joint, a, e, r)
		}
	}
	res := newInts(kept + 1)
	for i, row := range joint {
		for j, x := range row {
			k := min(kept, i+j) - min(kept, i)
			res[k].Add(res[k], x)
		}
	}
	return FromWeights(0, res)
}

// trinomialStep returns the joint weights of one more die: J'[i][j] = a·J[i−1][j] +
// e·J[i][j−1] + r·J[i][j], for J with rows i of length len(J)−i (i + j ≤ dice so far).
func trinomialStep(joint [][]*big.Int, a, e, r *big.Int) [][]*big.Int {
	n := len(joint) // dice so far + 1
	next := make([][]*big.Int, n+1)
	var t big.Int
	for i := range next {
		next[i] = newInts(n + 1 - i)
		for j := range next[i] {
			z := next[i][j]
			if i < n && j < len(joint[i]) {
				z.Mul(r, joint[i][j])
			}
			if i > 0 && j < len(joint[i-1]) {
				z.Add(z, t.Mul(a, joint[i-1][j]))
			}
			if j > 0 && i < n && j-1 < len(joint[i]) {
				z.Add(z, t.Mul(e, joint[i][j-1]))
			}
		}
	}
	return next
}

// mapValues returns the distribution of f(X) for X ~ d, with d's total; f must not decrease
// (so the new support is f(Lo)..f(Hi)).
func mapValues(d *Dist, f func(int) int) *Dist {
	dlo, dw, t := d.parts()
	lo, hi := f(dlo), f(dlo+len(dw)-1)
	w := newInts(hi - lo + 1)
	for i, x := range dw {
		k := f(dlo+i) - lo
		w[k].Add(w[k], x)
	}
	return new(Dist).setPartsTotal(lo, w, t)
}

// quo returns the distribution of X/c for X ~ x, rounded toward zero (c != 0).
func quo(x *Dist, c int) *Dist {
	if c < 0 {
		return new(Dist).Neg(quo(x, -c))
	}
	return mapValues(x, func(v int) int { return v / c })
}

// explodes reports whether some value of x with a nonzero weight passes match. A die that
// cannot explode stays as first rolled, with its own total (not raised to the depth+1 as
// [Dist.ExplodeOn] would).
func explodes(x *Dist, match func(int) bool) bool {
	for v, w := range x.Weights() {
		if w.Sign() != 0 && match(v) {
			return true
		}
	}
	return false
}
