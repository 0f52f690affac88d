package dist

import (
	"math"
	"math/bits"
)

// A Shape bounds a distribution without building it, so that a caller (the dice parser) can
// refuse work that would exhaust memory or run for hours before starting it. Lo and Hi bound the
// support, Bits bounds the bit length of the total (every weight is at most the total), Peak
// estimates the heap bytes alive at once while computing it (its operands included) and Work
// estimates the machine-word operations needed, both summed over the whole expression that
// produced it.
//
// All fields saturate at ±math.MaxInt64 instead of overflowing; a Shape whose Lo or Hi lies
// outside the int range describes a result the combinators would panic on (see [Shape.Fits]).
// Shape methods mirror the combinators of [Dist] and take and return values.
//
// Fair records that every value from Lo to Hi has the same weight (a fair die such as d6 or
// dF, or a Uniform): sums and keeps of fair dice take cheaper algorithms (running sums instead
// of products), and the estimates use them. The zero value false is the safe default; set it
// for a plain die so that large fair pools such as 100d100kh50 are not refused as too slow.
type Shape struct {
	Lo, Hi int64
	Bits   int64
	Peak   int64
	Work   int64
	Fair   bool
}

// ShapeOf returns the shape of d, with Peak its size in bytes, Work zero, and Fair set when all
// of d's weights are equal.
func ShapeOf(d *Dist) Shape {
	_, w, t := d.parts()
	return Shape{Lo: int64(d.Lo()), Hi: int64(d.Hi()), Bits: int64(t.BitLen()), Peak: d.SizeBytes(),
		Fair: newShort(0, w).run == 0}
}

// Fits reports whether Lo and Hi are in the int range, as the combinators need.
func (s Shape) Fits() bool {
	return s.Lo >= math.MinInt && s.Hi <= math.MaxInt && s.Lo <= s.Hi &&
		s.Lo > math.MinInt64 && s.Hi < math.MaxInt64
}

// Len returns the number of values from Lo to Hi (saturating).
func (s Shape) Len() int64 { return sadd(ssub(s.Hi, s.Lo), 1) }

// Bytes estimates the heap bytes of a Dist of this shape: one big.Int per value, each at most
// Bits bits (the weights of a sum are mostly close to that bound).
func (s Shape) Bytes() int64 {
	return smul(s.Len(), sadd(8+intHeader, words(s.Bits)*8))
}

// words returns the number of 64-bit words of a bits-bit integer.
func words(b int64) int64 { return max(1, sadd(b, 63)/64) }

// saturating int64 arithmetic

func sadd(a, b int64) int64 {
	c := a + b
	if (c > a) != (b > 0) {
		if b > 0 {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	return c
}

func ssub(a, b int64) int64 {
	if b == math.MinInt64 {
		return sadd(sadd(a, math.MaxInt64), 1)
	}
	return sadd(a, -b)
}

func smul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	neg := (a < 0) != (b < 0)
	ua, ub := uabs(a), uabs(b)
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 || lo > math.MaxInt64 {
		if neg {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	if neg {
		return -int64(lo)
	}
	return int64(lo)
}

func uabs(a int64) uint64 {
	if a < 0 {
		return uint64(-(a + 1)) + 1
	}
	return uint64(a)
}

// combine returns the peak and work of a node with the given operands, working bytes, result and
// work of its own: the operands stay alive while the node runs.
func combine(r Shape, working, work int64, ops ...Shape) Shape {
	peak, live, w := int64(0), int64(0), work
	for _, o := range ops {
		peak = max(peak, o.Peak)
		live = sadd(live, o.Bytes())
		w = sadd(w, o.Work)
	}
	r.Peak = max(peak, sadd(sadd(live, working), r.Bytes()))
	r.Work = w
	return r
}

// mulWork estimates the word operations of multiplying weight polynomials of the given lengths
// and coefficient bits: schoolbook for short operands, quasi-linear for long ones.
func mulWork(la, lb, ba, bb int64) int64 {
	w := words(sadd(ba, bb))
	school := smul(smul(la, lb), w)
	fast := smul(smul(sadd(la, lb), w), 64)
	return min(school, fast)
}

// Add returns the shape of [Dist.Add] of distributions of shapes s and t.
func (s Shape) Add(t Shape) Shape {
	r := Shape{Lo: sadd(s.Lo, t.Lo), Hi: sadd(s.Hi, t.Hi), Bits: sadd(s.Bits, t.Bits)}
	return combine(r, 0, mulWork(s.Len(), t.Len(), s.Bits, t.Bits), s, t)
}

// Sub returns the shape of [Dist.Sub].
func (s Shape) Sub(t Shape) Shape { return s.Add(t.Neg()) }

// Neg returns the shape of [Dist.Neg].
func (s Shape) Neg() Shape {
	r := s
	r.Lo, r.Hi = ssub(0, s.Hi), ssub(0, s.Lo)
	return r
}

// Mul returns the shape of [Dist.Mul], the product of values.
func (s Shape) Mul(t Shape) Shape {
	c := []int64{smul(s.Lo, t.Lo), smul(s.Lo, t.Hi), smul(s.Hi, t.Lo), smul(s.Hi, t.Hi)}
	r := Shape{Lo: min(c[0], c[1], c[2], c[3]), Hi: max(c[0], c[1], c[2], c[3]), Bits: sadd(s.Bits, t.Bits)}
	return combine(r, 0, smul(smul(s.Len(), t.Len()), words(r.Bits)), s, t)
}

// Repeat returns the shape of [Dist.Repeat] (n ≥ 0 copies).
func (s Shape) Repeat(n int64) Shape {
	if n == 0 {
		return combine(Shape{Bits: 1}, 0, 1, s)
	}
	r := Shape{Lo: smul(s.Lo, n), Hi: smul(s.Hi, n), Bits: smul(s.Bits, n)}
	// Each output coefficient costs a few passes over its words: three terms for a fair die,
	// Len−1 for Miller's recurrence on a short base, and a few dozen per coefficient for binary
	// powering with transform products on a long one.
	per := min(s.Len(), 64)
	if s.Fair {
		per = 3
	}
	return combine(r, 0, smul(smul(r.Len(), per), words(r.Bits)), s)
}

// RepeatDist returns the shape of [Dist.RepeatDist] with the count of shape n (n.Lo ≥ 0).
func (s Shape) RepeatDist(n Shape) Shape {
	r := Shape{Lo: min(smul(s.Lo, n.Lo), smul(s.Lo, n.Hi)), Hi: max(smul(s.Hi, n.Hi), smul(s.Hi, n.Lo)),
		Bits: sadd(smul(s.Bits, n.Hi), n.Bits)}
	// Horner's rule: n.Hi products of a growing sum by x (running sums for a fair x) and a
	// power for n.Lo.
	per := s.Len()
	if s.Fair {
		per = 3
	}
	work := smul(smul(sadd(n.Hi, 1), r.Len()), smul(per, words(r.Bits)))
	return combine(r, r.Bytes(), work, s, n)
}

// Scale returns the shape of [Dist.Scale].
func (s Shape) Scale(c int64) Shape {
	a, b := smul(s.Lo, c), smul(s.Hi, c)
	r := Shape{Lo: min(a, b), Hi: max(a, b), Bits: s.Bits}
	return combine(r, 0, r.Len(), s)
}

// Shift returns the shape of [Dist.Shift].
func (s Shape) Shift(c int64) Shape {
	r := Shape{Lo: sadd(s.Lo, c), Hi: sadd(s.Hi, c), Bits: s.Bits, Fair: s.Fair}
	return combine(r, 0, r.Len(), s)
}

// Keep returns the shape of [Dist.KeepHighest] or [Dist.KeepLowest] of n copies keeping k
// (0 ≤ k ≤ n), including the working memory and work of the algorithm KeepHighest picks.
func (s Shape) Keep(n, k int64) Shape {
	r := Shape{Lo: smul(s.Lo, k), Hi: smul(s.Hi, k), Bits: smul(s.Bits, n)}
	if k == n {
		return s.Repeat(n)
	}
	working, work := keepCost(s.Len(), n, k, r.Bits, s.Fair)
	return combine(r, working, work, s)
}

// keepCost estimates the working bytes and word operations of keeping k of n iid dice with the
// given number of values and result bits, for the algorithm KeepHighest picks (keepCosts in
// keep.go); fair tells that the weights are equal.
func keepCost(values, n, k, resBits int64, fair bool) (working, work int64) {
	if k == 0 || k == n {
		return 0, 1
	}
	w := words(resBits)
	cell := sadd(intHeader, smul(w, 8))
	f := func(a int64) int { return int(min(a, 1<<40)) } // keepCosts takes ints; clamp
	top, bottom, states := keepCosts(f(values), f(n), f(k), fair)
	best := min(top, bottom, states)
	work = smul(toInt64(best), w)
	switch {
	case best == states:
		working = smul(smul(k, sadd(smul(k, values), 1)), cell)
	case best == top:
		working = smul(smul(sadd(smul(k, values), 1), 2), cell)
	default:
		working = smul(smul(sadd(smul(n, values), 1), 4), cell)
	}
	return working, work
}

// toInt64 converts a non-negative estimate to int64, saturating.
func toInt64(x float64) int64 {
	if !(x < math.MaxInt64) {
		return math.MaxInt64
	}
	return int64(x)
}

// KeepPoolShape returns the shape of [Dist.KeepHighestPool] or [Dist.KeepLowestPool] keeping
// k of the pool. Dice with equal shapes are assumed to be copies of one die (the real
// combinators group identical dice), and the estimate follows the state program of keep.go:
// one state per way of taking fewer than k dice from the groups, each holding a polynomial of
// up to k·span terms.
func KeepPoolShape(pool []Shape, k int64) Shape {
	if len(pool) == 0 {
		return Shape{Bits: 1}
	}
	lo, hi, b := pool[0].Lo, pool[0].Hi, int64(0)
	groups := map[[3]int64]int64{}
	for _, p := range pool {
		lo, hi, b = min(lo, p.Lo), max(hi, p.Hi), sadd(b, p.Bits)
		groups[[3]int64{p.Lo, p.Hi, p.Bits}]++
	}
	if len(groups) == 1 {
		return pool[0].Keep(int64(len(pool)), k) // one kind of die: the iid formulas
	}
	r := Shape{Lo: smul(lo, k), Hi: smul(hi, k), Bits: b}
	// states: vectors (u_g ≤ n_g) with Σu < k, counted by a knapsack over the groups
	cnt := make([]int64, max(k, 1))
	cnt[0] = 1
	for _, ng := range groups {
		next := make([]int64, len(cnt))
		for t := range cnt {
			for u := int64(0); u <= ng && int64(t)+u < int64(len(cnt)); u++ {
				next[int64(t)+u] = sadd(next[int64(t)+u], cnt[t])
			}
		}
		cnt = next
	}
	states := int64(0)
	for _, c := range cnt {
		states = sadd(states, c)
	}
	span := sadd(ssub(hi, lo), 1)
	w := words(b)
	poly := sadd(smul(k, span), 1)
	working := smul(smul(states, poly), sadd(intHeader, smul(w, 8)))
	// per value, each state moves to every state above it
	work := smul(smul(smul(span, smul(states, states)), poly), w)
	return combine(r, working, work, pool...)
}

// Explode returns the shape of [Dist.Explode] with the given depth.
func (s Shape) Explode(depth int64) Shape {
	d1 := sadd(depth, 1)
	// j explosions then a last roll v: j·Hi + v for j = 0..depth
	r := Shape{Lo: min(s.Lo, sadd(smul(s.Hi, depth), s.Lo)), Hi: max(s.Hi, smul(s.Hi, d1)), Bits: smul(s.Bits, d1)}
	return combine(r, r.Bytes(), smul(smul(r.Len(), d1), words(r.Bits)), s)
}

// ExplodeOn returns a bound on the shape of [Dist.ExplodeOn] with the given depth, for any
// test: the sum of up to depth+1 values of s.
func (s Shape) ExplodeOn(depth int64) Shape {
	d1 := sadd(depth, 1)
	r := Shape{Lo: min(s.Lo, smul(s.Lo, d1)), Hi: max(s.Hi, smul(s.Hi, d1)), Bits: smul(s.Bits, d1)}
	// each extra roll is a product by a polynomial of at most Len terms
	return combine(r, r.Bytes(), smul(smul(smul(r.Len(), s.Len()), d1), words(r.Bits)), s)
}

// Penetrate returns a bound on the shape of [Dist.Penetrate] or [Dist.PenetrateOn] with the
// given depth: that of ExplodeOn, with each extra roll counting one less.
func (s Shape) Penetrate(depth int64) Shape {
	r := s.ExplodeOn(depth)
	d1 := sadd(depth, 1)
	r.Lo = min(s.Lo, ssub(smul(s.Lo, d1), depth))
	r.Hi = max(s.Hi, ssub(smul(s.Hi, d1), depth))
	return r
}

// Reroll returns the shape of [Dist.Reroll] with the given depth.
func (s Shape) Reroll(depth int64) Shape {
	r := Shape{Lo: s.Lo, Hi: s.Hi, Bits: smul(s.Bits, sadd(depth, 1))}
	// closed form: two big powers (at most quadratic in the words of the total) and a pass
	// of two products per value
	w := words(r.Bits)
	return combine(r, r.Bytes(), sadd(smul(smul(r.Len(), 4), w), smul(w, w)), s)
}

// CountSuccesses returns the shape of [Dist.CountSuccesses] of n dice.
func (s Shape) CountSuccesses(n int64) Shape {
	r := Shape{Lo: 0, Hi: n, Bits: smul(s.Bits, n)}
	return combine(r, 0, smul(r.Len(), words(r.Bits)), s)
}

// Highest returns a bound on the shape of [Dist.Highest] or [Dist.Lowest] of s and t.
func (s Shape) Highest(t Shape) Shape {
	r := Shape{Lo: min(s.Lo, t.Lo), Hi: max(s.Hi, t.Hi), Bits: sadd(s.Bits, t.Bits)}
	return combine(r, r.Bytes(), smul(r.Len(), words(r.Bits)), s, t)
}

// MixShape returns the shape of [Dist.Mix] of distributions of the given shapes.
func MixShape(xs ...Shape) Shape {
	if len(xs) == 0 {
		return Shape{Bits: 1}
	}
	r := Shape{Lo: xs[0].Lo, Hi: xs[0].Hi, Bits: int64(bits.Len(uint(len(xs))))}
	for _, x := range xs {
		r.Lo, r.Hi, r.Bits = min(r.Lo, x.Lo), max(r.Hi, x.Hi), sadd(r.Bits, x.Bits)
	}
	return combine(r, 0, smul(r.Len(), smul(int64(len(xs)), words(r.Bits))), xs...)
}
