package dist

import "slices"

// This file estimates the functions of pools (poolops.go, joint.go) for the parser: the
// sorted-multiset dynamic program of multiset.go, and the fast paths that treat the dice one
// by one.

// poolPartShape is a part of a pool for the estimates: n dice of shape x, or up to count.Hi
// of them when count is set (a random number), and with depth > 0 dice exploding as separate
// dice, up to depth extra rolls each ([Pool.AddExploding]).
type poolPartShape struct {
	x     Shape
	n     int64
	count *Shape
	depth int64
	// eLo..eHi and sLo..sHi bound the faces that explode and those that stop, when depth > 0
	eLo, eHi, sLo, sHi int64
}

// maxDice returns the largest number of dice of the part, extra rolls included.
func (pt poolPartShape) maxDice() int64 {
	if pt.count != nil {
		return max(pt.count.Hi, 0)
	}
	return smul(pt.n, sadd(pt.depth, 1))
}

// bits returns a bound on the bits of the part's total.
func (pt poolPartShape) bits() int64 {
	if pt.count != nil {
		return sadd(pt.count.Bits, smul(pt.x.Bits, max(pt.count.Hi, 0)))
	}
	return smul(pt.x.Bits, pt.maxDice())
}

// poolStats returns the largest number of dice, the bits of the total and the range of the
// values of a pool.
func poolStats(parts []poolPartShape) (dice, bits, lo, hi int64) {
	lo, hi = 0, 0
	for i, pt := range parts {
		dice, bits = sadd(dice, pt.maxDice()), sadd(bits, pt.bits())
		if i == 0 {
			lo, hi = pt.x.Lo, pt.x.Hi
		}
		lo, hi = min(lo, pt.x.Lo), max(hi, pt.x.Hi)
	}
	return dice, max(bits, 1), lo, hi
}

// transitionCost is the work of one move of the dynamic program besides its polynomial: the
// map look-ups and the allocations of a state (about 150 ns, measured on matches(100d100)).
const transitionCost = 60

// multisetCost estimates the working bytes and the word operations of the dynamic program of
// multiset.go on a pool: the values from lo to hi are visited in turn; at each, every state
// (a number of dice left of each kind, times evStates states of the evaluator) moves to
// every state with fewer dice left, Π_g (n_g+1)(n_g+2)/2 moves in all, each a scaled sum of
// a polynomial of polyLen coefficients of the total's words. Parts whose dice have equal
// shapes are counted as one kind, as the evaluation merges equal dice; an exploding part is
// two kinds (the faces that explode and those that stop).
//
// The values are visited from the highest down if descending, else from the lowest up. need
// > 0 says that a state is finished once need dice have shown a value (a keep rule that
// only looks at the first need dice visited): then only the states with fewer dice seen move,
// at most one per starting vector of numbers of dice and per way of seeing fewer than need of
// each kind. step > 0 says that the polynomials span at most step times the values visited
// so far (a sum of step kept dice).
func multisetCost(parts []poolPartShape, evStates, polyLen, step, need int64, descending bool) (working, work int64) {
	_, bits, lo, hi := poolStats(parts)
	type key struct {
		lo, hi, bits int64
		fair         bool
		role         int8 // 0 for plain dice, 1 and 2 for the stopping and exploding faces
	}
	kinds := map[key]int64{}
	starts := int64(1) // the number of starting vectors of numbers of dice
	for _, pt := range parts {
		k := key{pt.x.Lo, pt.x.Hi, pt.x.Bits, pt.x.Fair, 0}
		switch {
		case pt.depth > 0:
			s := key{pt.sLo, pt.sHi, pt.x.Bits, pt.x.Fair, 1}
			e := key{pt.eLo, pt.eHi, pt.x.Bits, pt.x.Fair, 2}
			kinds[s] = sadd(kinds[s], pt.n)
			kinds[e] = sadd(kinds[e], smul(pt.n, sadd(pt.depth, 1)))
			starts = smul(starts, smul(sadd(pt.n, 1), sadd(smul(pt.n, pt.depth), 1)))
		case pt.count != nil:
			kinds[k] = sadd(kinds[k], pt.maxDice())
			starts = smul(starts, pt.count.Len())
		default:
			kinds[k] = sadd(kinds[k], pt.maxDice())
		}
	}
	alive := starts
	cuts := []int64{lo, sadd(hi, 1)}
	for k, n := range kinds {
		alive = smul(alive, min(sadd(n, 1), max(need, 1)))
		cuts = append(cuts, k.lo, sadd(k.lo, 1), k.hi, sadd(k.hi, 1))
	}
	// The values in ranges where the same kinds can show them: at each, the kinds that can
	// show the value choose how many of their dice do, C(r, k) for k ≤ r, the kinds not
	// reached yet carry their numbers over, and those passed have none left.
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	w := words(bits)
	cell := sadd(intHeader, smul(w, 8))
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a < lo || a > hi {
			continue
		}
		all, some, st := int64(1), alive, int64(1)
		for k, n := range kinds {
			last := k.hi
			if descending {
				last = k.lo
			}
			switch {
			case a == last:
				// the last value of a kind takes all its dice left: one move per state
				all, st = smul(all, sadd(n, 1)), smul(st, sadd(n, 1))
			case k.lo <= a && a <= k.hi:
				all = smul(all, smul(sadd(n, 1), sadd(n, 2))/2)
				some, st = smul(some, sadd(n, 1)), smul(st, sadd(n, 1))
			case (a < k.lo) == descending:
				// a kind whose values are all visited has no dice left
			default:
				// a kind not reached yet holds any number of dice
				all, st = smul(all, sadd(n, 1)), smul(st, sadd(n, 1))
			}
		}
		if need > 0 {
			all, st = min(all, some), min(st, alive)
		}
		// with step > 0, the polynomial spans at most step times the values visited so far
		pl := polyLen
		if step > 0 {
			visited := sadd(ssub(b, lo), 0)
			if descending {
				visited = sadd(ssub(hi, a), 1)
			}
			pl = min(pl, sadd(smul(step, visited), 1))
		}
		cost := sadd(smul(pl, sadd(w, 2)), transitionCost)
		work = sadd(work, smul(smul(smul(all, ssub(b, a)), evStates), cost))
		working = max(working, smul(smul(smul(smul(st, evStates), pl), cell), 2))
	}
	return working, work
}

// keepStates returns the number of states of the keep evaluation per number of dice left: the
// ranks it keeps depend on the number of dice of the pool, which varies with random counts and
// separate explosions (up to dice); keeping the highest or lowest K, only while fewer than K.
func keepStates(k Keep, dice int64, fixed bool) int64 {
	switch {
	case fixed:
		return 1
	case k.Rule == KeepHigh || k.Rule == KeepLow:
		return sadd(min(int64(k.K), dice), 1)
	}
	return sadd(dice, 1)
}

// poolFixed reports whether every part of a pool has a fixed number of dice.
func poolFixed(parts []poolPartShape) bool {
	for _, pt := range parts {
		if pt.count != nil || pt.depth > 0 {
			return false
		}
	}
	return true
}

// descends reports whether the keep evaluation visits the values from the highest down.
func descends(k Keep) bool { return k.Rule != KeepLow && k.Rule != DropHigh }

// keepNeed returns the number of dice the keep evaluation sees before every state is
// finished (the dice visited first are the highest unless k keeps or drops from the lowest
// end, see SumKept), for a pool of at most dice dice.
func keepNeed(k Keep, dice int64) int64 {
	kk := min(int64(k.K), dice)
	switch k.Rule {
	case KeepHigh, KeepLow:
		return kk
	case KeepMid:
		return (dice-kk+1)/2 + kk
	case DropHigh, DropLow:
		return dice - kk
	}
	return dice
}

// sumAllShape returns the shape of the sum of every die of a pool, as [Dist.SumKept] computes
// it when every die is kept: an exploding part is the sum of [Dist.ExplodeOn] dice.
func sumAllShape(parts []poolPartShape) Shape {
	var s *Shape
	for _, pt := range parts {
		var x Shape
		switch {
		case pt.count != nil:
			x = pt.x.RepeatDist(*pt.count)
		case pt.depth > 0:
			x = pt.x.ExplodeOn(pt.depth).Repeat(pt.n)
		default:
			x = pt.x.Repeat(pt.n)
		}
		s = addShape(s, x)
	}
	if s == nil {
		return constShape(0)
	}
	return *s
}

// scoreBytes and scoreWork estimate the memory and work of scoring every value of a die of
// shape x by a test remembered in a map (memo, poolops.go).
func scoreBytes(x Shape) int64 { return smul(x.Len(), 64) }
func scoreWork(x Shape) int64  { return smul(x.Len(), transitionCost) }

// countAllShape returns the shape of a count of every die of a pool with scores in [lo, 1]
// (lo = −1 with failures), as [Dist.CountKept] computes it when every die is counted.
func countAllShape(parts []poolPartShape, lo int64) Shape {
	var s *Shape
	for _, pt := range parts {
		// the scores of the die's values, each test called once (remembered in a map)
		one := combine(Shape{Lo: lo, Hi: 1, Bits: pt.x.Bits}, scoreBytes(pt.x), scoreWork(pt.x), pt.x)
		var x Shape
		switch {
		case pt.count != nil:
			x = one.RepeatDist(*pt.count)
		case pt.depth > 0:
			x = one.ExplodeOn(pt.depth).Repeat(pt.n)
		default:
			x = one.Repeat(pt.n)
		}
		s = addShape(s, x)
	}
	if s == nil {
		return constShape(0)
	}
	return *s
}

// poolOperands returns the shapes of the dice of a pool, as the operands alive during its
// evaluation.
func poolOperands(parts []poolPartShape) []Shape {
	ops := make([]Shape, 0, 2*len(parts))
	for _, pt := range parts {
		ops = append(ops, pt.x)
		if pt.count != nil {
			ops = append(ops, *pt.count)
		}
	}
	return ops
}

// keptDice returns the number of dice k keeps of a pool of at most dice dice.
func keptDice(k Keep, dice int64) int64 {
	kk := min(int64(k.K), dice)
	switch k.Rule {
	case DropHigh, DropLow:
		return dice - kk
	case KeepEvery:
		return dice
	}
	return kk
}

// sumKeptShape returns a bound on the shape of [Dist.SumKept] of the pool with k, following
// its choice of algorithm (fixed is true when no part has a random count or explodes).
func sumKeptShape(parts []poolPartShape, k Keep, fixed bool) Shape {
	if k.Rule == KeepEvery || (k.K == 0 && (k.Rule == DropHigh || k.Rule == DropLow)) {
		return sumAllShape(parts)
	}
	dice, bits, lo, hi := poolStats(parts)
	kept := keptDice(k, dice)
	if fixed && k.Rule != KeepMid {
		if len(parts) == 1 {
			return parts[0].x.Keep(dice, kept)
		}
		pool := make([]Shape, 0, dice)
		for _, pt := range parts {
			for range pt.n {
				pool = append(pool, pt.x)
			}
		}
		return KeepPoolShape(pool, kept)
	}
	r := Shape{Lo: min(0, smul(lo, kept)), Hi: max(0, smul(hi, kept)), Bits: bits}
	working, work := multisetCost(parts, keepStates(k, dice, fixed), sadd(smul(kept, ssub(hi, lo)), 1), kept, keepNeed(k, dice), descends(k))
	return combine(r, working, work, poolOperands(parts)...)
}

// countKeptShape returns a bound on the shape of [Dist.CountKept] of the pool with k, with
// failures or not.
func countKeptShape(parts []poolPartShape, k Keep, failures bool) Shape {
	lo := int64(0)
	if failures {
		lo = -1
	}
	if k.Rule == KeepEvery || (k.K == 0 && (k.Rule == DropHigh || k.Rule == DropLow)) {
		return countAllShape(parts, lo)
	}
	dice, bits, _, _ := poolStats(parts)
	kept := keptDice(k, dice)
	r := Shape{Lo: smul(lo, kept), Hi: kept, Bits: bits}
	working, work := multisetCost(parts, keepStates(k, dice, poolFixed(parts)), sadd(smul(kept, 1-lo), 1), 0, keepNeed(k, dice), descends(k))
	return combine(r, working, work, poolOperands(parts)...)
}

// matchesShape returns a bound on the shape of [Dist.Matches] (or with straight set,
// [Dist.Straight]) of the pool: the evaluator's state is the largest set (the current and the
// longest run), at most the number of dice (or of values).
func matchesShape(parts []poolPartShape, straight bool) Shape {
	dice, bits, lo, hi := poolStats(parts)
	r := Shape{Lo: 0, Hi: dice, Bits: bits}
	ev := sadd(dice, 1)
	if straight {
		runs := sadd(min(dice, sadd(ssub(hi, lo), 1)), 1)
		ev = smul(runs, sadd(runs, 1)) / 2 // the current run is at most the longest
	}
	working, work := multisetCost(parts, ev, 1, 0, 0, !straight)
	return combine(r, working, work, poolOperands(parts)...)
}

// jointShape returns a bound on the joint count of [Joint.Count] on the pool with k: Lo and
// Hi bound each coordinate, and Peak includes the grid of (kept+1)² weights. Counting every
// die powers a per-die grid by squaring (products of grids by Kronecker substitution);
// otherwise the dynamic program carries the second count in its state.
func jointShape(parts []poolPartShape, k Keep) Shape {
	dice, bits, _, _ := poolStats(parts)
	kept := keptDice(k, dice)
	side := sadd(kept, 1)
	cells := smul(side, side)
	cell := sadd(intHeader+8, smul(words(bits), 8))
	r := Shape{Lo: 0, Hi: kept, Bits: bits}
	grid := smul(cells, cell)
	var working, work int64
	if k.Rule == KeepEvery || (k.K == 0 && (k.Rule == DropHigh || k.Rule == DropLow)) {
		// the last squaring dominates: a product of two grids of a quarter of the cells
		working = smul(grid, 3)
		work = smul(mulWork(cells, cells, bits, bits), 2)
		for _, pt := range parts {
			working = max(working, sadd(pt.x.Peak, scoreBytes(pt.x)))
			work = sadd(work, scoreWork(pt.x))
			if pt.count != nil {
				// Horner-like: count.Hi products by the 2×2 grid of one die
				work = sadd(work, smul(smul(sadd(pt.count.Hi, 1), cells), smul(words(bits), 4)))
			}
		}
	} else {
		working, work = multisetCost(parts, smul(side, keepStates(k, dice, poolFixed(parts))), side, 0, keepNeed(k, dice), descends(k))
	}
	r = combine(r, working, work, poolOperands(parts)...)
	r.Peak = max(r.Peak, sadd(r.Peak, grid))
	return r
}
