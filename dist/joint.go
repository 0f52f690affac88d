package dist

import (
	"iter"
	"math/big"

	"github.com/polyconv/polyconv/exact"
)

// A Joint is an exact joint distribution of a pair of integers (A, B), such as the number of
// dice of one roll meeting one test and the number meeting another (the notation
// 10d6>=5&=1, see [Joint.Count] and [ParseJoint]). It holds the lowest value of each
// coordinate, Lo, an integer weight for every pair from Lo to Hi, and the sum of those weights,
// the total; the probability of a pair is its weight over the total.
//
// Lo and Hi are tight: some pair with A = Lo()[0] and some with A = Hi()[0] have a positive
// weight, and likewise for B. Weights are not reduced; for dice the total is the number of
// equally likely rolls, as for a [Dist].
//
// The zero value is the point mass at (0, 0). The big integers held by a Joint are never
// modified after they are stored, so a Joint may be read by several goroutines at once while no
// goroutine writes to it. Copy a Joint with Set, not by assignment.
type Joint struct {
	lo    [2]int
	w     [][]*big.Int // w[a-lo[0]][b-lo[1]], rows of one length; empty means the point mass at (0, 0)
	total *big.Int     // sum of w; nil when w is empty
}

var oneGrid = [][]*big.Int{{bigOne}}

// parts returns the lowest pair, the weights and the total of j, mapping the zero value to
// the point mass at (0, 0). The results must not be modified.
func (j *Joint) parts() (lo [2]int, w [][]*big.Int, total *big.Int) {
	if len(j.w) == 0 {
		return [2]int{}, oneGrid, bigOne
	}
	return j.lo, j.w, j.total
}

// setGrid stores the rectangular grid w (rows for the first coordinate from lo[0], columns
// for the second from lo[1]; nil entries read as zero) in z after trimming the zero rows and
// columns at the edges, with the given total (the sum of w). w becomes z's.
func (z *Joint) setGrid(lo [2]int, w [][]*big.Int, total *big.Int) *Joint {
	r0, r1, c0, c1 := len(w), -1, int(^uint(0)>>1), -1
	for a, row := range w {
		for b, x := range row {
			if x != nil && x.Sign() != 0 {
				r0, r1 = min(r0, a), max(r1, a)
				c0, c1 = min(c0, b), max(c1, b)
			}
		}
	}
	if r1 < 0 {
		panic("dist: internal error: all weights zero")
	}
	rows := make([][]*big.Int, r1-r0+1)
	for i := range rows {
		row := w[r0+i][c0 : c1+1 : c1+1]
		for b, x := range row {
			if x == nil {
				row[b] = new(big.Int)
			}
		}
		rows[i] = row
	}
	z.lo, z.w, z.total = [2]int{lo[0] + r0, lo[1] + c0}, rows, total
	return z
}

// JointFromWeights returns the joint distribution whose weight of the pair (lo[0]+a, lo[1]+b)
// is w[a][b]. The weights are copied; nil entries are zero. It panics if w is ragged, if a
// weight is negative, if all are zero, or if the pairs leave the int range.
func JointFromWeights(lo [2]int, w [][]*big.Int) *Joint {
	if len(w) == 0 {
		panic("dist: JointFromWeights with no positive weight")
	}
	c := len(w[0])
	addInt(lo[0], len(w)-1)
	addInt(lo[1], max(c, 1)-1)
	rows := make([][]*big.Int, len(w))
	t := new(big.Int)
	for a, row := range w {
		if len(row) != c {
			panic("dist: JointFromWeights with rows of different lengths")
		}
		rows[a] = newInts(c)
		for b, x := range row {
			if x == nil {
				continue
			}
			if x.Sign() < 0 {
				panic("dist: JointFromWeights with a negative weight")
			}
			rows[a][b].Set(x)
			t.Add(t, x)
		}
	}
	if t.Sign() == 0 {
		panic("dist: JointFromWeights with no positive weight")
	}
	return new(Joint).setGrid(lo, rows, t)
}

// Set sets z to x and returns z. The big integers of a Joint are immutable, so z shares them
// with x; only the rows are copied.
func (z *Joint) Set(x *Joint) *Joint {
	if z == x {
		return z
	}
	if len(x.w) == 0 {
		*z = Joint{}
		return z
	}
	rows := make([][]*big.Int, len(x.w))
	for i, r := range x.w {
		rows[i] = append([]*big.Int(nil), r...)
	}
	z.lo, z.w, z.total = x.lo, rows, x.total
	return z
}

// Lo returns the smallest value of each coordinate with positive probability.
func (j *Joint) Lo() [2]int {
	lo, _, _ := j.parts()
	return lo
}

// Hi returns the largest value of each coordinate with positive probability.
func (j *Joint) Hi() [2]int {
	lo, w, _ := j.parts()
	return [2]int{lo[0] + len(w) - 1, lo[1] + len(w[0]) - 1}
}

// Total returns a new big.Int holding the sum of the weights, the denominator of every
// probability of j (not necessarily in lowest terms).
func (j *Joint) Total() *big.Int {
	_, _, t := j.parts()
	return new(big.Int).Set(t)
}

// weight returns the stored weight of (a, b) (read only) or nil outside the rectangle.
func (j *Joint) weight(a, b int) *big.Int {
	lo, w, _ := j.parts()
	i, k := a-lo[0], b-lo[1]
	if a < lo[0] || b < lo[1] || i < 0 || k < 0 || i >= len(w) || k >= len(w[0]) {
		return nil
	}
	return w[i][k]
}

// Weight returns a new big.Int holding the weight of the pair (a, b), zero outside the support.
func (j *Joint) Weight(a, b int) *big.Int {
	if x := j.weight(a, b); x != nil {
		return new(big.Int).Set(x)
	}
	return new(big.Int)
}

// ProbRat returns P(A = a, B = b) as a new reduced big.Rat (zero off the support).
func (j *Joint) ProbRat(a, b int) *big.Rat {
	_, _, t := j.parts()
	if x := j.weight(a, b); x != nil {
		return new(big.Rat).SetFrac(x, t)
	}
	return new(big.Rat)
}

// Prob returns P(A = a, B = b) as the float64 nearest to the exact probability (underflowing
// to 0 below about 1e-308).
func (j *Joint) Prob(a, b int) float64 {
	f, _ := j.ProbRat(a, b).Float64()
	return f
}

// Weights returns an iterator over the pairs with a positive weight, in ascending order (by
// the first coordinate, then the second), with their weights. Unlike [Dist.Weights] it skips
// zero weights. The yielded big.Ints are j's own and must not be modified.
func (j *Joint) Weights() iter.Seq2[[2]int, *big.Int] {
	return func(yield func([2]int, *big.Int) bool) {
		lo, w, _ := j.parts()
		for a, row := range w {
			for b, x := range row {
				if x.Sign() != 0 && !yield([2]int{lo[0] + a, lo[1] + b}, x) {
					return
				}
			}
		}
	}
}

// All returns an iterator over the pairs with a positive weight, in the order of
// [Joint.Weights], with their probabilities, a new reduced big.Rat each.
func (j *Joint) All() iter.Seq2[[2]int, *big.Rat] {
	return func(yield func([2]int, *big.Rat) bool) {
		_, _, t := j.parts()
		for ab, x := range j.Weights() {
			if !yield(ab, new(big.Rat).SetFrac(x, t)) {
				return
			}
		}
	}
}

// checkCoord panics unless i is 0 or 1.
func checkCoord(i int, fn string) {
	if i != 0 && i != 1 {
		panic("dist: Joint." + fn + " with a coordinate other than 0 or 1")
	}
}

// Marginal returns the distribution of coordinate i (0 for A, 1 for B) as a new Dist with the
// same total as j. It panics if i is not 0 or 1.
func (j *Joint) Marginal(i int) *Dist {
	checkCoord(i, "Marginal")
	d, _ := j.Conditional(i, func(int) bool { return true })
	return d
}

// Conditional returns the distribution of coordinate i (0 for A, 1 for B) given that the other
// coordinate passes the test given, as a new Dist whose total is the weight of the pairs
// meeting the condition, and true; or nil and false if no pair of positive weight meets it.
// Conditional(0, func(b int) bool { return b == 0 }) is the distribution of A given B = 0.
// given is called once per value of the other coordinate from its Lo to its Hi. It panics if
// i is not 0 or 1 or given is nil.
func (j *Joint) Conditional(i int, given func(v int) bool) (*Dist, bool) {
	checkCoord(i, "Conditional")
	if given == nil {
		panic("dist: Joint.Conditional with a nil test")
	}
	lo, w, _ := j.parts()
	other := 1 - i
	n := [2]int{len(w), len(w[0])}
	pass := make([]bool, n[other])
	for k := range pass {
		pass[k] = given(lo[other] + k)
	}
	out := newInts(n[i])
	t := new(big.Int)
	for a, row := range w {
		for b, x := range row {
			if x.Sign() == 0 {
				continue
			}
			k, o := a, b
			if i == 1 {
				k, o = b, a
			}
			if pass[o] {
				out[k].Add(out[k], x)
				t.Add(t, x)
			}
		}
	}
	if t.Sign() == 0 {
		return nil, false
	}
	return new(Dist).setPartsTotal(lo[i], out, t), true
}

// MeanRat returns E[A] and E[B] as new reduced big.Rats.
func (j *Joint) MeanRat() [2]*big.Rat {
	return [2]*big.Rat{j.Marginal(0).MeanRat(), j.Marginal(1).MeanRat()}
}

// Mean returns E[A] and E[B] as the nearest float64s.
func (j *Joint) Mean() [2]float64 {
	m := j.MeanRat()
	a, _ := m[0].Float64()
	b, _ := m[1].Float64()
	return [2]float64{a, b}
}

// CovarianceRat returns Cov(A, B) = E[AB] − E[A]·E[B] as a new reduced big.Rat.
func (j *Joint) CovarianceRat() *big.Rat {
	_, w, t := j.parts()
	// measured from Lo, which leaves the covariance unchanged
	var sab, sa, sb, x big.Int
	var ia, ib big.Int
	for a, row := range w {
		ia.SetInt64(int64(a))
		for b, c := range row {
			if c.Sign() == 0 {
				continue
			}
			ib.SetInt64(int64(b))
			x.Mul(c, &ia)
			sa.Add(&sa, &x)
			sab.Add(&sab, x.Mul(&x, &ib))
			sb.Add(&sb, x.Mul(c, &ib))
		}
	}
	// (sab·t − sa·sb) / t²
	num := new(big.Int).Mul(&sab, t)
	num.Sub(num, x.Mul(&sa, &sb))
	return new(big.Rat).SetFrac(num, new(big.Int).Mul(t, t))
}

// Equal reports whether j and x are the same joint distribution: the same support and the same
// probability for every pair (weights that differ by a common factor compare equal).
func (j *Joint) Equal(x *Joint) bool {
	jlo, jw, jt := j.parts()
	xlo, xw, xt := x.parts()
	if jlo != xlo || len(jw) != len(xw) || len(jw[0]) != len(xw[0]) {
		return false
	}
	var p, q big.Int
	for a := range jw {
		for b := range jw[a] {
			p.Mul(jw[a][b], xt)
			q.Mul(xw[a][b], jt)
			if p.Cmp(&q) != 0 {
				return false
			}
		}
	}
	return true
}

// SizeBytes returns an estimate of the heap memory held by j, in bytes.
func (j *Joint) SizeBytes() int64 {
	_, w, t := j.parts()
	n := intHeader + int64(len(t.Bits()))*8
	for _, row := range w {
		n += 24 + int64(len(row))*(8+intHeader)
		for _, x := range row {
			n += int64(cap(x.Bits())) * 8
		}
	}
	return n
}

// Count sets z to the joint distribution of (A, B) over one roll of the pool p, A the number
// of dice that k keeps and that pass first, B the number of those that pass second (the
// notation 10d6>=5&=1: Shadowrun's hits and ones; 4dF>=1&<=-1), and returns z. A die passing
// both tests counts in both. The total is the number of weighted rolls of p (see its Add
// methods). first and second are called once per value. The result is new; z's previous
// weights are dropped, never overwritten. It panics if first or second is nil, if k's rule is
// unknown or k.K < 0, and as [Dist.SumKept] on pools too large to evaluate.
//
// When every die is counted, each die (or each die with its extra rolls) adds an independent
// pair, and the joint is a product of powers of bivariate polynomials (by [exact.Mul2D]);
// otherwise it runs the sorted-multiset dynamic program of [Dist.SumKept] with the count B in
// its state and A in its polynomial.
func (z *Joint) Count(p *Pool, k Keep, first, second func(v int) bool) *Joint {
	if first == nil || second == nil {
		panic("dist: Joint.Count with a nil test")
	}
	k.check("Joint.Count")
	first, second = memo(first), memo(second)
	if k.keepsAll(p) {
		g := unitBigrid()
		for _, pt := range p.parts {
			g = g.mul(partGrid(pt, first, second))
		}
		return z.setGrid(g.lo, g.c, p.total())
	}
	mp := newMpool(p)
	asc := k.Rule == KeepLow || k.Rule == DropHigh
	score := func(v int) int {
		if first(v) {
			return 1
		}
		return 0
	}
	e := &keepEval{keep: k, asc: asc, score: score, second: second, pk: newPacker(mp.maxDice(), 4)}
	out := mp.run(e, !asc, false)
	// the first coordinate is the polynomial's variable, the second the state's count
	var f [4]int
	lo, hi := [2]int{int(^uint(0) >> 1), int(^uint(0) >> 1)}, [2]int{-1, -1}
	for s, q := range out {
		e.pk.unpack(s, f[:])
		if len(q.c) > 0 {
			lo = [2]int{min(lo[0], q.lo), min(lo[1], f[3])}
			hi = [2]int{max(hi[0], q.hi()), max(hi[1], f[3])}
		}
	}
	g := newBigrid(lo, hi)
	for s, q := range out {
		e.pk.unpack(s, f[:])
		for i := range q.c {
			c := g.c[q.lo+i-lo[0]][f[3]-lo[1]]
			c.Add(c, &q.c[i])
		}
	}
	return z.setGrid(g.lo, g.c, p.total())
}

// bigrid is a dense bivariate polynomial: c[a][b] is the coefficient of u^(lo[0]+a)·v^(lo[1]+b).
type bigrid struct {
	lo [2]int
	c  [][]*big.Int
}

// newBigrid returns the zero bigrid covering lo to hi.
func newBigrid(lo, hi [2]int) bigrid {
	g := bigrid{lo: lo, c: make([][]*big.Int, hi[0]-lo[0]+1)}
	for a := range g.c {
		g.c[a] = newInts(hi[1] - lo[1] + 1)
	}
	return g
}

// unitBigrid returns the constant 1.
func unitBigrid() bigrid { return bigrid{c: [][]*big.Int{{big.NewInt(1)}}} }

// mul returns g·h (new big.Ints).
func (g bigrid) mul(h bigrid) bigrid {
	return bigrid{lo: [2]int{g.lo[0] + h.lo[0], g.lo[1] + h.lo[1]}, c: exact.Mul2D(nil, g.c, h.c)}
}

// pow returns g^n for n ≥ 0 by repeated squaring.
func (g bigrid) pow(n int) bigrid {
	r := unitBigrid()
	for n > 0 {
		if n&1 != 0 {
			r = r.mul(g)
		}
		n >>= 1
		if n > 0 {
			g = g.mul(g)
		}
	}
	return r
}

// hi returns the highest exponents of g.
func (g bigrid) hi() [2]int { return [2]int{g.lo[0] + len(g.c) - 1, g.lo[1] + len(g.c[0]) - 1} }

// addScaled adds c·h to g, widening g as needed, and returns g.
func (g bigrid) addScaled(h bigrid, c *big.Int) bigrid {
	if len(g.c) == 0 {
		g = newBigrid(h.lo, h.hi())
	}
	gh, hh := g.hi(), h.hi()
	lo := [2]int{min(g.lo[0], h.lo[0]), min(g.lo[1], h.lo[1])}
	hi := [2]int{max(gh[0], hh[0]), max(gh[1], hh[1])}
	if lo != g.lo || hi != gh {
		w := newBigrid(lo, hi)
		for a, row := range g.c {
			for b, x := range row {
				if x != nil {
					w.c[g.lo[0]-lo[0]+a][g.lo[1]-lo[1]+b].Set(x)
				}
			}
		}
		g = w
	}
	var t big.Int
	for a, row := range h.c {
		for b, x := range row {
			if x != nil && x.Sign() != 0 {
				y := g.c[h.lo[0]-g.lo[0]+a][h.lo[1]-g.lo[1]+b]
				y.Add(y, t.Mul(x, c))
			}
		}
	}
	return g
}

// dieGrid returns the bivariate weight polynomial of one die of x: the weight of each value
// v at u^[first(v)]·v^[second(v)].
func dieGrid(x *Dist, first, second func(int) bool) bigrid {
	g := newBigrid([2]int{}, [2]int{1, 1})
	for v, w := range x.Weights() {
		if w.Sign() == 0 {
			continue
		}
		a, b := 0, 0
		if first(v) {
			a = 1
		}
		if second(v) {
			b = 1
		}
		g.c[a][b].Add(g.c[a][b], w)
	}
	return g
}

// partGrid returns the bivariate polynomial of the counts of one part of a pool, over the
// part's weighted rolls (as in [Pool.AddRandom] and [Pool.AddExploding]).
func partGrid(pt poolPart, first, second func(int) bool) bigrid {
	_, _, t := pt.x.parts()
	switch {
	case pt.count != nil:
		// Σ_m w_m·t^(hi−m)·g^m
		d := dieGrid(pt.x, first, second)
		hi := pt.count.Hi()
		var acc bigrid
		cur := unitBigrid()
		for m := 0; m <= hi; m++ {
			if m > 0 {
				cur = cur.mul(d)
			}
			if w := pt.count.weight(m); w != nil && w.Sign() != 0 {
				c := new(big.Int).Exp(t, big.NewInt(int64(hi-m)), nil)
				acc = acc.addScaled(cur, c.Mul(c, w))
			}
		}
		return acc
	case pt.e != nil:
		// one die and its extra rolls: Σ_{j ≤ depth} E^j·S·t^(depth−j) + E^(depth+1)
		e := dieGrid(pt.e, first, second)
		var acc bigrid
		ej := unitBigrid()
		for j := 0; j <= pt.depth; j++ {
			if pt.s != nil {
				c := new(big.Int).Exp(t, big.NewInt(int64(pt.depth-j)), nil)
				acc = acc.addScaled(ej.mul(dieGrid(pt.s, first, second)), c)
			}
			ej = ej.mul(e)
		}
		acc = acc.addScaled(ej, bigOne)
		return acc.pow(pt.n)
	}
	return dieGrid(pt.x, first, second).pow(pt.n)
}
