package dist

// This file checks and evaluates the forms of dice notation that need the pool functions of
// poolops.go and joint.go: dice exploding as separate dice (x, xo), keep-middle (km),
// failures (f), joint counts (&), matches(…) and straight(…).

// needsPool reports whether the pool n uses a form that only the [Pool] functions compute.
func needsPool(n *poolNode) bool {
	if (n.keep != nil && n.keep.mid) || n.fail != nil || n.test2 != nil {
		return true
	}
	for _, it := range n.items {
		if it.die != nil && it.die.separate {
			return true
		}
	}
	return false
}

// keepOf returns the Keep of a keep or drop modifier (nil keeps every die).
func keepOf(ks *keepSpec) Keep {
	switch {
	case ks == nil:
		return Keep{}
	case ks.mid:
		return Keep{KeepMid, ks.k}
	case ks.drop && ks.high:
		return Keep{DropHigh, ks.k}
	case ks.drop:
		return Keep{DropLow, ks.k}
	case ks.high:
		return Keep{KeepHigh, ks.k}
	}
	return Keep{KeepLow, ks.k}
}

// sepDepth returns the number of extra rolls of a die exploding as separate dice.
func (c *checker) sepDepth(d *dieNode) int {
	if d.sepOnce {
		return min(c.depth, 1)
	}
	return c.depth
}

// poolParts returns the parts of the pool n for the estimates, and whether every count is
// fixed and no die explodes as separate dice.
func (c *checker) poolParts(n *poolNode) (parts []poolPartShape, fixed bool) {
	fixed = true
	for _, it := range n.items {
		if it.die == nil {
			parts = append(parts, poolPartShape{x: c.check(it.expr), n: 1})
			continue
		}
		pt := poolPartShape{x: c.dieShape(it.die), n: 1}
		if it.count != nil {
			cs := c.check(it.count)
			s := it.count.spanOf()
			if cs.Lo < 0 {
				if v, ok := isFixed(cs); ok {
					c.p.fail(s.pos, "the number of dice cannot be negative, found %d", v)
				}
				c.p.fail(s.pos, "the number of dice cannot be negative, but %s can be %d", c.text(it.count), cs.Lo)
			}
			if v, ok := isFixed(cs); ok {
				pt.n = int64(v)
			} else {
				if it.die.separate {
					c.p.fail(s.pos, "dice exploding as separate dice (x) need a fixed number, but %s is random", c.text(it.count))
				}
				pt.count = &cs
				fixed = false
			}
		}
		if it.die.separate {
			pt.depth = int64(c.sepDepth(it.die))
			if pt.depth > 0 {
				fixed = false
			}
			pt.eLo, pt.eHi, pt.sLo, pt.sHi = explodeRanges(pt.x, it.die.explodeOn)
		}
		parts = append(parts, pt)
	}
	if dice, _, _, _ := poolStats(parts); dice > maxAbsValue/2 {
		c.p.fail(n.pos, "%s has too many dice", c.text(n))
	}
	return parts, fixed
}

// checkPoolFunc returns the shape of a pool that needs the Pool functions (see needsPool).
func (c *checker) checkPoolFunc(n *poolNode) Shape {
	parts, fixed := c.poolParts(n)
	if n.test2 != nil && n != c.root {
		c.p.fail(n.t2span.pos, "a joint count (%s) must be the whole expression",
			c.p.s[n.tspan.pos:n.t2span.end])
	}
	k := keepOf(n.keep)
	if ks := n.keep; ks != nil {
		dice, _, _, _ := poolStats(parts)
		switch {
		case fixed && len(parts) > 1 && dice > maxMixedDice:
			c.p.fail(n.pos, "a pool with %s may have at most %d dice, found %d",
				c.p.s[ks.pos:ks.end], maxMixedDice, dice)
		case fixed:
			c.checkKept(n, int(dice))
		case !ks.drop && ks.k == 0:
			c.p.fail(ks.pos, "%s keeps nothing; keep at least 1", c.p.s[ks.pos:ks.end])
		case !ks.drop && int64(ks.k) > dice:
			c.p.fail(ks.pos, "cannot keep %d of at most %d dice", ks.k, dice)
		}
	}
	switch {
	case n.test2 != nil:
		return jointShape(parts, k)
	case n.test != nil:
		return countKeptShape(parts, k, n.fail != nil)
	}
	return sumKeptShape(parts, k, fixed)
}

// checkMulti returns the shape of matches(…) or straight(…).
func (c *checker) checkMulti(n *multiNode) Shape {
	parts, _ := c.poolParts(n.pool)
	return matchesShape(parts, n.straight)
}

// buildPool returns the Pool of the dice of n (an item that is not dice is one die with the
// item's distribution).
func (ev *evaluator) buildPool(n *poolNode) *Pool {
	p := new(Pool)
	for _, it := range n.items {
		if it.die == nil {
			p.Add(ev.eval(it.expr), 1)
			continue
		}
		x := ev.die(it.die)
		cnt := 1
		if it.count != nil {
			c := ev.eval(it.count)
			if !isConst(c) {
				p.AddRandom(x, c)
				continue
			}
			cnt = c.Lo()
		}
		d := it.die
		if !d.separate {
			p.Add(x, cnt)
			continue
		}
		depth := ev.depth
		if d.sepOnce {
			depth = min(depth, 1)
		}
		test := func(v int) bool { return v == x.Hi() }
		if d.explodeOn != nil {
			test = d.explodeOn.match
		}
		p.AddExploding(x, cnt, test, depth)
	}
	return p
}

// poolFunc computes a pool that needs the Pool functions (not a joint count).
func (ev *evaluator) poolFunc(n *poolNode) *Dist {
	p := ev.buildPool(n)
	k := keepOf(n.keep)
	if n.test != nil {
		var fail func(int) bool
		if n.fail != nil {
			fail = n.fail.match
		}
		return new(Dist).CountKept(p, k, n.test.match, fail)
	}
	return new(Dist).SumKept(p, k)
}

// joint computes the joint count of the pool n (n.test2 set).
func (ev *evaluator) joint(n *poolNode) *Joint {
	return new(Joint).Count(ev.buildPool(n), keepOf(n.keep), n.test.match, n.test2.match)
}

// multi computes matches(…) or straight(…).
func (ev *evaluator) multi(n *multiNode) *Dist {
	p := ev.buildPool(n.pool)
	if n.straight {
		return new(Dist).Straight(p)
	}
	return new(Dist).Matches(p)
}

// explodeRanges bounds the faces of a die of shape x that explode on e (nil: the highest
// face) and those that stop.
func explodeRanges(x Shape, e *cond) (eLo, eHi, sLo, sHi int64) {
	eLo, eHi, sLo, sHi = x.Lo, x.Hi, x.Lo, x.Hi
	if e == nil {
		return x.Hi, x.Hi, x.Lo, x.Hi - 1
	}
	t := int64(e.t)
	switch e.op {
	case cmpGE:
		eLo, sHi = t, t-1
	case cmpGT:
		eLo, sHi = t+1, t
	case cmpLE:
		eHi, sLo = t, t+1
	case cmpLT:
		eHi, sLo = t-1, t
	case cmpEQ:
		eLo, eHi = t, t
	}
	return max(eLo, x.Lo), min(eHi, x.Hi), max(sLo, x.Lo), min(sHi, x.Hi)
}
