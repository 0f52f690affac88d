package dist

import (
	"fmt"
	"math/bits"

	"github.com/polyconv/polyconv/internal/cliflag"
)

// This file checks a syntax tree before anything is computed: counts of dice and kept dice,
// the range of every value, and the memory and time of every step, from the [Shape] of each
// node (which mirrors the combinators without building anything).

// maxWork bounds the estimated work of an expression ([Shape.Work], machine-word operations).
// An expression over it is refused as too slow. Measured on sums of dice, a unit of Shape.Work
// costs 1 to 6 ns (10000d6: 1.4e8 units, 0.3 s), so the bound is roughly ten seconds; keep
// programs cost much less than their estimate.
var maxWork int64 = 3e9

// maxMixedDice bounds the number of dice in a braced pool that has a keep or drop modifier,
// whose dice are listed one by one.
const maxMixedDice = 10000

// constShape returns the shape of the point mass at v.
func constShape(v int) Shape {
	s := Shape{Lo: int64(v), Hi: int64(v), Bits: 1}
	s.Peak = s.Bytes()
	return s
}

// isFixed reports whether s is a point mass, and its value.
func isFixed(s Shape) (int, bool) { return int(s.Lo), s.Lo == s.Hi }

// checker walks a syntax tree, computing the Shape of every node and failing (by panicking
// with a *syntaxError, like the parser) at the first node that is invalid or too large.
type checker struct {
	p      *parser
	depth  int   // explode and reroll depth
	limit  int64 // MaxBytes
	work   int64 // the bound on Shape.Work, normally maxWork
	shapes map[node]Shape
	root   node // the whole expression
	joint  bool // the expression must be a joint count (ParseJoint)
}

// text returns the source of n, shortened for messages.
func (c *checker) text(n node) string {
	s := n.spanOf()
	t := c.p.s[s.pos:s.end]
	if utf8Len := len([]rune(t)); utf8Len > 40 {
		t = string([]rune(t)[:37]) + "…"
	}
	return t
}

// done records s as the shape of n after checking its values, memory and work.
func (c *checker) done(n node, s Shape) Shape {
	pos := n.spanOf().pos
	if !s.Fits() || s.Lo < -maxAbsValue || s.Hi > maxAbsValue {
		c.p.fail(pos, "the values of %s would exceed %s in size", c.text(n), maxAbsText)
	}
	if s.Peak > c.limit {
		c.p.fail(pos, "%s would need about %s of memory (the limit is %s)",
			c.text(n), cliflag.FormatBytes(float64(s.Peak)), cliflag.FormatBytes(float64(c.limit)))
	}
	if s.Len() > MaxValues {
		c.p.fail(pos, "%s would have more than 2^31 possible values", c.text(n))
	}
	if s.Work > c.work {
		c.p.fail(pos, "%s would take too long to compute (about %.2g word operations; the limit is %.2g)",
			c.text(n), float64(s.Work), float64(c.work))
	}
	c.shapes[n] = s
	return s
}

// check returns the shape of n.
func (c *checker) check(n node) Shape {
	switch n := n.(type) {
	case *numNode:
		return c.done(n, constShape(n.v))
	case *parenNode:
		return c.done(n, c.check(n.x))
	case *negNode:
		return c.done(n, c.check(n.x).Neg())
	case *binNode:
		x, y := c.check(n.x), c.check(n.y)
		switch n.op {
		case '+':
			return c.done(n, x.Add(y))
		case '-':
			return c.done(n, x.Sub(y))
		}
		if n.op == '/' {
			v, ok := isFixed(y)
			switch {
			case !ok:
				c.p.fail(n.y.spanOf().pos, "can only divide by a number, but %s is random", c.text(n.y))
			case v == 0:
				c.p.fail(n.y.spanOf().pos, "division by zero")
			}
			return c.done(n, quoShape(x, v))
		}
		if v, ok := isFixed(x); ok {
			return c.done(n, y.Scale(int64(v)))
		}
		if v, ok := isFixed(y); ok {
			return c.done(n, x.Scale(int64(v)))
		}
		return c.done(n, x.Mul(y))
	case *funcNode:
		s := c.check(n.args[0])
		for _, a := range n.args[1:] {
			x := c.check(a)
			h := s.Highest(x)
			// Highest returns a bound for both max and min; narrow the support.
			if n.max {
				h.Lo, h.Hi = max(s.Lo, x.Lo), max(s.Hi, x.Hi)
			} else {
				h.Lo, h.Hi = min(s.Lo, x.Lo), min(s.Hi, x.Hi)
			}
			s = h
		}
		return c.done(n, s)
	case *testNode:
		x := c.check(n.x)
		if n.y != nil {
			x = x.Sub(c.check(n.y))
		}
		s := x.CountSuccesses(1)
		if v, ok := isFixed(x); ok {
			r := constShape(0)
			if n.c.match(v) {
				r = constShape(1)
			}
			s.Lo, s.Hi = r.Lo, r.Hi
		}
		return c.done(n, s)
	case *poolNode:
		if needsPool(n) {
			return c.done(n, c.checkPoolFunc(n))
		}
		return c.done(n, c.checkPool(n))
	case *multiNode:
		return c.done(n, c.checkMulti(n))
	}
	panic(fmt.Sprintf("dist: internal error: unknown node %T", n))
}

// dieShape returns the shape of one die with its rerolls and explosion.
func (c *checker) dieShape(d *dieNode) Shape {
	lo, hi := d.minMaxFace()
	nfaces := d.sides
	if d.kind != dieSides {
		nfaces = len(d.faces)
		if d.kind == dieFudge {
			nfaces = 3
		}
	}
	s := Shape{Lo: int64(lo), Hi: int64(hi), Bits: int64(bits.Len(uint(nfaces)))}
	// dS and dF weigh every value from lo to hi equally; custom faces need not.
	s.Fair = d.kind != dieFaces
	s.Peak, s.Work = s.Bytes(), s.Len()
	if len(d.rerolls) > 0 {
		depth := c.depth
		if d.once {
			depth = 1
		}
		s = s.Reroll(int64(depth))
	}
	switch {
	case d.penetrate:
		s = s.Penetrate(int64(c.depth))
	case d.explodeOn != nil && d.explode:
		s = s.ExplodeOn(int64(c.depth))
	case d.explode:
		s = s.Explode(int64(c.depth))
	}
	return s
}

// checkPool returns the shape of a dice group or a braced pool.
func (c *checker) checkPool(n *poolNode) Shape {
	type entry struct {
		x     Shape  // one die or one value
		die   bool   // x is a die, repeated n times
		n     int    // how many, when fixed
		count *Shape // how many, when random
	}
	entries := make([]entry, len(n.items))
	dice := 0 // number of dice (or values) when all counts are fixed
	random := -1
	for i, it := range n.items {
		if it.die == nil {
			entries[i] = entry{x: c.check(it.expr), n: 1}
			dice++
			continue
		}
		e := entry{n: 1, die: true}
		if it.count != nil {
			cs := c.check(it.count)
			if cs.Lo < 0 {
				s := it.count.spanOf()
				if v, ok := isFixed(cs); ok {
					c.p.fail(s.pos, "the number of dice cannot be negative, found %d", v)
				}
				c.p.fail(s.pos, "the number of dice cannot be negative, but %s can be %d", c.text(it.count), cs.Lo)
			}
			if v, ok := isFixed(cs); ok {
				e.n = v
			} else {
				e.count = &cs
				if random < 0 {
					random = i
				}
			}
		}
		e.x = c.dieShape(it.die)
		entries[i] = e
		if dice += e.n; dice < 0 || dice > maxAbsValue {
			dice = maxAbsValue
		}
	}
	if n.keep != nil {
		if random >= 0 {
			if len(entries) > 1 {
				c.p.fail(n.keep.pos, "%s in a {pool} needs a fixed number of dice, but %s is random",
					c.p.s[n.keep.pos:n.keep.end], c.text(n.items[random].count))
			}
			return c.keepRandomShape(n, entries[0].x, *entries[0].count)
		}
		c.checkKept(n, dice)
		pool := make([]keepEntry, len(entries))
		for i, e := range entries {
			pool[i] = keepEntry{e.x, e.n}
		}
		return c.keepShape(n, pool, dice)
	}
	var s *Shape
	for _, e := range entries {
		x := e.x
		switch {
		case n.test != nil && e.count != nil:
			x = x.CountSuccesses(1).RepeatDist(*e.count)
		case n.test != nil:
			x = x.CountSuccesses(int64(e.n))
		case e.count != nil:
			x = x.RepeatDist(*e.count)
		case e.die:
			x = x.Repeat(int64(e.n))
		}
		s = addShape(s, x)
	}
	return *s
}

// keptEqualShape returns the shape of keptEqual (parse_eval.go) on a pool of the given dice
// (dice in all): its joint weights have about dice²/2 entries of up to the total's bits, two
// generations alive, and each die's step costs three products per entry so far.
func keptEqualShape(entries []keepEntry, dice, kept int) Shape {
	var bits int64
	ops := make([]Shape, len(entries))
	for i, e := range entries {
		bits = sadd(bits, smul(e.x.Bits, int64(e.n)))
		ops[i] = e.x
	}
	r := Shape{Lo: 0, Hi: int64(kept), Bits: bits}
	d := int64(dice)
	cells := sadd(smul(d, d)/2, sadd(d, 1))
	w := words(bits)
	peak := smul(smul(cells, 2), sadd(8+intHeader, smul(w, 8)))
	work := smul(smul(cells, d), w) // Σ over the dice of three products per entry so far
	return combine(r, peak, work, ops...)
}

// keepEntry is a kind of die in a pool with a keep or drop modifier, and how many of it.
type keepEntry struct {
	x Shape
	n int
}

// keepShape returns the shape of a pool of the given dice (dice in all) with n's keep or
// drop modifier and test.
func (c *checker) keepShape(n *poolNode, entries []keepEntry, dice int) Shape {
	kept := keptFor(n.keep, dice)
	if n.test != nil && n.test.op == cmpEQ {
		return keptEqualShape(entries, dice, kept)
	}
	if n.test != nil {
		var s *Shape
		for _, e := range entries {
			s = addShape(s, e.x.CountSuccesses(int64(e.n)))
		}
		r := *s
		r.Lo, r.Hi = 0, int64(kept)
		return r
	}
	if len(entries) == 1 {
		return entries[0].x.Keep(int64(dice), int64(kept))
	}
	if dice > maxMixedDice {
		c.p.fail(n.pos, "a pool with %s may have at most %d dice, found %d",
			c.p.s[n.keep.pos:n.keep.end], maxMixedDice, dice)
	}
	pool := make([]Shape, 0, dice)
	for _, e := range entries {
		for range e.n {
			pool = append(pool, e.x)
		}
	}
	return KeepPoolShape(pool, int64(kept))
}

// maxRandomCounts bounds the number of possible counts of a dice group with a random count and
// a keep or drop modifier, which is computed once per count.
const maxRandomCounts = 1000

// keepRandomShape returns the shape of a dice group with a random number of dice (of shape
// count) and a keep or drop modifier: a mixture of one group per possible count.
func (c *checker) keepRandomShape(n *poolNode, x, count Shape) Shape {
	ks := n.keep
	if !ks.drop && ks.k == 0 {
		c.p.fail(ks.pos, "%s keeps nothing; keep at least 1", c.p.s[ks.pos:ks.end])
	}
	if count.Len() > maxRandomCounts {
		c.p.fail(ks.pos, "%s with a random number of dice allows at most %d possible numbers, but %s has %d",
			c.p.s[ks.pos:ks.end], maxRandomCounts, c.text(n.items[0].count), count.Len())
	}
	var r Shape
	for m := count.Lo; m <= count.Hi; m++ {
		s := c.keepShape(n, []keepEntry{{x, int(m)}}, int(m))
		if m == count.Lo {
			r = s
			continue
		}
		r.Lo, r.Hi, r.Bits = min(r.Lo, s.Lo), max(r.Hi, s.Hi), max(r.Bits, s.Bits)
		r.Peak, r.Work = max(r.Peak, s.Peak), sadd(r.Work, s.Work)
	}
	r.Bits = sadd(r.Bits, count.Bits)
	r.Peak = sadd(r.Peak, r.Bytes())
	return r
}

// keptFor returns the number of dice a keep or drop modifier keeps of a pool of dice; more
// than there are (for random counts) keeps them all.
func keptFor(ks *keepSpec, dice int) int {
	if ks.drop {
		return max(0, dice-ks.k)
	}
	return min(ks.k, dice)
}

// addShape returns x if s is nil, else the shape of s+x.
func addShape(s *Shape, x Shape) *Shape {
	if s == nil {
		return &x
	}
	r := s.Add(x)
	return &r
}

// checkKept checks the keep or drop count of n, a pool of the given number of dice.
func (c *checker) checkKept(n *poolNode, dice int) {
	ks := n.keep
	what := "dice"
	switch {
	case n.braces && dice == 1:
		what = "item"
	case n.braces:
		what = "items"
	case dice == 1:
		what = "die"
	}
	mod := c.p.s[ks.pos:ks.end]
	switch {
	case !ks.drop && ks.k == 0:
		c.p.fail(ks.pos, "%s keeps nothing; keep at least 1", mod)
	case !ks.drop && ks.k > dice:
		c.p.fail(ks.pos, "cannot keep %d of %d %s", ks.k, dice, what)
	case ks.drop && ks.k >= dice:
		c.p.fail(ks.pos, "cannot drop %d of %d %s (at least one must be left)", ks.k, dice, what)
	}
}

// quoShape returns the shape of x divided by the non-zero constant v (quo).
func quoShape(x Shape, v int) Shape {
	a, b := x.Lo/int64(v), x.Hi/int64(v)
	r := Shape{Lo: min(a, b), Hi: max(a, b), Bits: x.Bits}
	return combine(r, 0, x.Len(), x)
}
