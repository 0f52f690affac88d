package dist

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// This file checks the fast paths against brute force: every roll of a small pool is
// enumerated, its outcome computed directly, and the weights (products of the face weights)
// accumulated. The reference never uses the code under test beyond reading weights.

// outcomes accumulates weights by value.
type outcomes map[int]*big.Int

func (o outcomes) add(v int, w *big.Int) {
	if o[v] == nil {
		o[v] = new(big.Int)
	}
	o[v].Add(o[v], w)
}

// dist converts o into a Dist through FromWeights.
func (o outcomes) dist() *Dist {
	lo, hi := 0, 0
	first := true
	for v := range o {
		if first {
			lo, hi, first = v, v, false
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	w := make([]*big.Int, hi-lo+1)
	for i := range w {
		w[i] = new(big.Int)
		if x := o[lo+i]; x != nil {
			w[i].Set(x)
		}
	}
	return FromWeights(lo, w)
}

// faces lists the (value, weight) pairs of d with positive weight.
type face struct {
	v int
	w *big.Int
}

func facesOf(d *Dist) []face {
	var fs []face
	for v, w := range d.Weights() {
		if w.Sign() > 0 {
			fs = append(fs, face{v, new(big.Int).Set(w)})
		}
	}
	return fs
}

// enumerate calls f with every roll of the pool (one value per die) and its weight.
func enumerate(pool []*Dist, f func(vals []int, w *big.Int)) {
	fs := make([][]face, len(pool))
	for i, p := range pool {
		fs[i] = facesOf(p)
	}
	vals := make([]int, len(pool))
	var rec func(i int, w *big.Int)
	rec = func(i int, w *big.Int) {
		if i == len(pool) {
			f(vals, w)
			return
		}
		for _, fc := range fs[i] {
			vals[i] = fc.v
			rec(i+1, new(big.Int).Mul(w, fc.w))
		}
	}
	rec(0, big.NewInt(1))
}

// bruteTotal is the product of the totals of the pool (the number of weighted rolls).
func bruteTotal(pool []*Dist) *big.Int {
	t := big.NewInt(1)
	for _, p := range pool {
		t.Mul(t, p.Total())
	}
	return t
}

// brutePool returns the distribution of g(roll) over every roll of pool.
func brutePool(pool []*Dist, g func(vals []int) int) *Dist {
	o := outcomes{}
	enumerate(pool, func(vals []int, w *big.Int) { o.add(g(vals), w) })
	return o.dist()
}

func copies(x *Dist, n int) []*Dist {
	p := make([]*Dist, n)
	for i := range p {
		p[i] = x
	}
	return p
}

func sum(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}

// keepHighestBrute sorts the roll and sums the k highest.
func keepHighestBrute(k int) func([]int) int {
	return func(v []int) int {
		s := slices.Clone(v)
		slices.Sort(s)
		return sum(s[len(s)-k:])
	}
}

func keepLowestBrute(k int) func([]int) int {
	return func(v []int) int {
		s := slices.Clone(v)
		slices.Sort(s)
		return sum(s[:k])
	}
}

// totalPow returns x's total to the power n, the total of n independent rolls of x.
func totalPow(x *Dist, n int) *big.Int {
	return new(big.Int).Exp(x.Total(), big.NewInt(int64(n)), nil)
}

// checkSame fails unless got and want have the same support, the same weights and the same
// total (the documented total, not only the same probabilities).
func checkSame(t *testing.T, name string, got, want *Dist, wantTotal *big.Int) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s: distribution differs:\n got %s\nwant %s", name, dump(got), dump(want))
		return
	}
	if wantTotal != nil && got.Total().Cmp(wantTotal) != 0 {
		t.Errorf("%s: total %v, want %v", name, got.Total(), wantTotal)
	}
	checkInvariants(t, name, got)
}

// checkInvariants checks the representation: positive end weights, non-negative weights that
// sum to the total.
func checkInvariants(t *testing.T, name string, d *Dist) {
	t.Helper()
	s := new(big.Int)
	for _, w := range d.Weights() {
		if w.Sign() < 0 {
			t.Errorf("%s: negative weight", name)
		}
		s.Add(s, w)
	}
	if s.Cmp(d.Total()) != 0 {
		t.Errorf("%s: weights sum to %v, total %v", name, s, d.Total())
	}
	if d.Weight(d.Lo()).Sign() <= 0 || d.Weight(d.Hi()).Sign() <= 0 {
		t.Errorf("%s: zero weight at an end of the support", name)
	}
}

func dump(d *Dist) string {
	s := "lo=" + big.NewInt(int64(d.Lo())).String() + " ["
	for _, w := range d.Weights() {
		s += w.String() + " "
	}
	return s + "] /" + d.Total().String()
}

// testDice is a set of small, varied distributions: fair dice, a shifted uniform with negative
// values, a custom die with repeated faces and a gap, fudge dice and a point mass.
func testDice() map[string]*Dist {
	return map[string]*Dist{
		"d1":     Die(1),
		"d2":     Die(2),
		"d4":     Die(4),
		"d6":     Die(6),
		"u-2..1": Uniform(-2, 1),
		"fib":    Faces(1, 1, 2, 3, 5, 8),
		"dF":     Faces(-1, 0, 1),
		"gap":    FromWeights(-1, []*big.Int{big.NewInt(2), big.NewInt(0), big.NewInt(0), big.NewInt(3), big.NewInt(1)}),
		"c3":     Const(3),
		"3x3":    FromWeights(1, []*big.Int{big.NewInt(3), big.NewInt(3), big.NewInt(3)}),
		"zero":   new(Dist),
	}
}

// poolSize returns how many dice of x keep the enumeration under about 6^6 rolls.
func poolSize(x *Dist) int {
	f := len(facesOf(x))
	n, r := 0, 1
	for r*f <= 50000 && n < 7 {
		r *= f
		n++
	}
	return n
}

func TestRepeatBrute(t *testing.T) {
	for name, x := range testDice() {
		for n := 0; n <= poolSize(x); n++ {
			pool := copies(x, n)
			want := brutePool(pool, sum)
			got := new(Dist).Repeat(x, n)
			checkSame(t, name+" repeat", got, want, bruteTotal(pool))
		}
	}
}

func TestKeepBrute(t *testing.T) {
	for name, x := range testDice() {
		for n := 0; n <= min(poolSize(x), 6); n++ {
			pool := copies(x, n)
			for k := 0; k <= n; k++ {
				checkSame(t, name+" kh", new(Dist).KeepHighest(x, n, k), brutePool(pool, keepHighestBrute(k)), bruteTotal(pool))
				checkSame(t, name+" kl", new(Dist).KeepLowest(x, n, k), brutePool(pool, keepLowestBrute(k)), bruteTotal(pool))
			}
		}
	}
}

func TestKeepPoolBrute(t *testing.T) {
	d := testDice()
	pools := [][]*Dist{
		{d["d6"], d["d6"], d["d4"]},
		{Die(8), Die(8), d["d6"]},
		{d["d4"], d["fib"], d["u-2..1"], d["d4"]},
		{d["gap"], d["dF"], d["gap"], d["c3"], d["d2"]},
		{d["zero"], d["d6"]},
		{d["d6"]},
		{},
	}
	for i, pool := range pools {
		for k := 0; k <= len(pool); k++ {
			name := "pool" + string(rune('0'+i))
			checkSame(t, name+" kh", new(Dist).KeepHighestPool(pool, k), brutePool(pool, keepHighestBrute(k)), bruteTotal(pool))
			checkSame(t, name+" kl", new(Dist).KeepLowestPool(pool, k), brutePool(pool, keepLowestBrute(k)), bruteTotal(pool))
		}
	}
}

func TestBinaryBrute(t *testing.T) {
	ds := testDice()
	for nx, x := range ds {
		for ny, y := range ds {
			pool := []*Dist{x, y}
			tot := bruteTotal(pool)
			name := nx + "," + ny
			checkSame(t, name+" add", new(Dist).Add(x, y), brutePool(pool, func(v []int) int { return v[0] + v[1] }), tot)
			checkSame(t, name+" sub", new(Dist).Sub(x, y), brutePool(pool, func(v []int) int { return v[0] - v[1] }), tot)
			checkSame(t, name+" mul", new(Dist).Mul(x, y), brutePool(pool, func(v []int) int { return v[0] * v[1] }), tot)
			checkSame(t, name+" max", new(Dist).Highest(x, y), brutePool(pool, func(v []int) int { return max(v[0], v[1]) }), tot)
			checkSame(t, name+" min", new(Dist).Lowest(x, y), brutePool(pool, func(v []int) int { return min(v[0], v[1]) }), tot)

			var lt, eq, gt big.Int
			enumerate(pool, func(v []int, w *big.Int) {
				switch {
				case v[0] < v[1]:
					lt.Add(&lt, w)
				case v[0] == v[1]:
					eq.Add(&eq, w)
				default:
					gt.Add(&gt, w)
				}
			})
			l, e, g := Compare(x, y)
			for _, c := range []struct {
				got *big.Rat
				num *big.Int
			}{{l, &lt}, {e, &eq}, {g, &gt}} {
				if c.got.Cmp(new(big.Rat).SetFrac(c.num, tot)) != 0 {
					t.Errorf("%s compare: got %v, want %v/%v", name, c.got, c.num, tot)
				}
			}
		}
	}
}

func TestUnaryBrute(t *testing.T) {
	for name, x := range testDice() {
		pool := []*Dist{x}
		tot := x.Total()
		checkSame(t, name+" neg", new(Dist).Neg(x), brutePool(pool, func(v []int) int { return -v[0] }), tot)
		for _, c := range []int{-3, -1, 0, 1, 2, 5} {
			checkSame(t, name+" scale", new(Dist).Scale(x, c), brutePool(pool, func(v []int) int { return c * v[0] }), tot)
			checkSame(t, name+" shift", new(Dist).Shift(x, c), brutePool(pool, func(v []int) int { return c + v[0] }), tot)
		}
	}
}

// explodeBrute enumerates the exploding tree: a roll of x's highest value rolls again, at most
// depth more times; every branch is weighted by the product of its faces' weights, scaled to
// the common total t^(depth+1) (a branch that stops after j+1 rolls stands for t^(depth−j)
// continuations).
func explodeBrute(x *Dist, depth int) outcomes {
	hi := x.Hi()
	return explodeOnBrute(x, func(v int) bool { return v == hi }, depth)
}

// explodeOnBrute enumerates the tree of rolls exploding on the values that pass match.
func explodeOnBrute(x *Dist, match func(int) bool, depth int) outcomes {
	return rollTreeBrute(x, match, depth, true, 0)
}

// rollTreeBrute enumerates the tree of rolls of x in which a roll that passes match is followed
// by another, at most depth times: the rolls add up if sum (explosions), else the last one
// stands (rerolls). Each extra roll counts pen less (1 for penetrating explosions, else 0).
// Each leaf's weight is scaled to the total of depth+1 rolls.
func rollTreeBrute(x *Dist, match func(int) bool, depth int, sum bool, pen int) outcomes {
	fs := facesOf(x)
	o := outcomes{}
	var rec func(j, acc int, w *big.Int)
	rec = func(j, acc int, w *big.Int) {
		for _, f := range fs {
			nw := new(big.Int).Mul(w, f.w)
			v := f.v
			if j > 0 {
				v -= pen
			}
			if match(f.v) && j < depth {
				if sum {
					rec(j+1, acc+v, nw)
				} else {
					rec(j+1, 0, nw)
				}
				continue
			}
			nw.Mul(nw, totalPow(x, depth-j))
			o.add(acc+v, nw)
		}
	}
	rec(0, 0, big.NewInt(1))
	return o
}

func TestExplodeBrute(t *testing.T) {
	for name, x := range testDice() {
		for depth := 0; depth <= 4; depth++ {
			want := explodeBrute(x, depth).dist()
			tot := totalPow(x, depth+1)
			checkSame(t, name+" explode", new(Dist).Explode(x, depth), want, tot)
		}
	}
}

func TestExplodeOnBrute(t *testing.T) {
	tests := map[string]func(int) bool{
		">=3":  func(v int) bool { return v >= 3 },
		"=1":   func(v int) bool { return v == 1 },
		"odd":  func(v int) bool { return v%2 != 0 },
		"none": func(int) bool { return false },
		"all":  func(int) bool { return true },
	}
	for name, x := range testDice() {
		for tn, f := range tests {
			for depth := 0; depth <= 3; depth++ {
				want := explodeOnBrute(x, f, depth).dist()
				tot := totalPow(x, depth+1)
				checkSame(t, name+" explode"+tn, new(Dist).ExplodeOn(x, f, depth), want, tot)
			}
		}
	}
}

// rerollBrute enumerates rolls: a roll that matches is replaced by a new roll, at most depth
// times.
func rerollBrute(x *Dist, match func(int) bool, depth int) outcomes {
	return rollTreeBrute(x, match, depth, false, 0)
}

func TestRerollBrute(t *testing.T) {
	tests := map[string]func(int) bool{
		"=1":   func(v int) bool { return v == 1 },
		"<=2":  func(v int) bool { return v <= 2 },
		"all":  func(int) bool { return true },
		"none": func(int) bool { return false },
	}
	for name, x := range testDice() {
		for tn, f := range tests {
			for depth := 0; depth <= 4; depth++ {
				want := rerollBrute(x, f, depth).dist()
				tot := totalPow(x, depth+1)
				checkSame(t, name+" reroll"+tn, new(Dist).Reroll(x, f, depth), want, tot)
			}
		}
	}
}

func TestCountSuccessesBrute(t *testing.T) {
	tests := map[string]func(int) bool{
		">=3": func(v int) bool { return v >= 3 },
		"=1":  func(v int) bool { return v == 1 },
		"all": func(int) bool { return true },
		"no":  func(int) bool { return false },
	}
	for name, x := range testDice() {
		for tn, f := range tests {
			for n := 0; n <= min(poolSize(x), 5); n++ {
				pool := copies(x, n)
				want := brutePool(pool, func(v []int) int {
					c := 0
					for _, a := range v {
						if f(a) {
							c++
						}
					}
					return c
				})
				checkSame(t, name+" count"+tn, new(Dist).CountSuccesses(x, n, f), want, bruteTotal(pool))
			}
		}
	}
}

func TestRepeatDistBrute(t *testing.T) {
	ds := testDice()
	counts := []*Dist{Die(4), Uniform(0, 3), Faces(0, 2, 2), Const(2), new(Dist)}
	for name, x := range ds {
		for _, n := range counts {
			// P(S = s) = Σ_j P(N = j)·P(X₁+…+X_j = s), with each sum enumerated roll by roll.
			o := outcomes{}
			tot := new(big.Int).Mul(n.Total(), totalPow(x, n.Hi()))
			for j, wj := range n.Weights() {
				if wj.Sign() == 0 {
					continue
				}
				scale := totalPow(x, n.Hi()-j)
				scale.Mul(scale, wj)
				enumerate(copies(x, j), func(v []int, w *big.Int) {
					o.add(sum(v), new(big.Int).Mul(w, scale))
				})
			}
			checkSame(t, name+" repeatdist", new(Dist).RepeatDist(x, n), o.dist(), tot)
		}
	}
}

func TestMixBrute(t *testing.T) {
	ds := testDice()
	xs := []*Dist{ds["d6"], ds["fib"], ds["gap"], ds["c3"]}
	// P(v) = (1/4) Σ P_i(v), exactly with rationals
	got := new(Dist).Mix(xs...)
	for v := -3; v <= 10; v++ {
		want := new(big.Rat)
		for _, x := range xs {
			want.Add(want, x.ProbRat(v))
		}
		want.Quo(want, big.NewRat(4, 1))
		if got.ProbRat(v).Cmp(want) != 0 {
			t.Errorf("mix P(%d) = %v, want %v", v, got.ProbRat(v), want)
		}
	}
	checkInvariants(t, "mix", got)
}

// TestRepeatDistLarge checks (d20)d6 against the mixture Σ_j P(N=j)·(jd6) built with Repeat,
// and the mean E[N]·E[X].
func TestRepeatDistLarge(t *testing.T) {
	x, n := Die(6), Die(20)
	got := new(Dist).RepeatDist(x, n)
	parts := make([]*Dist, 0, 20)
	for j := 1; j <= 20; j++ {
		parts = append(parts, new(Dist).Repeat(x, j))
	}
	want := new(Dist).Mix(parts...)
	checkSame(t, "(d20)d6", got, want, new(big.Int).Mul(big.NewInt(20), new(big.Int).Exp(big.NewInt(6), big.NewInt(20), nil)))
	mean := new(big.Rat).Mul(n.MeanRat(), x.MeanRat())
	if got.MeanRat().Cmp(mean) != 0 {
		t.Errorf("(d20)d6 mean %v, want %v", got.MeanRat(), mean)
	}
	// a long non-run X takes the exact.Mul path of mulLong
	y := new(Dist).Repeat(Faces(1, 2, 2, 5), 20)
	got = new(Dist).RepeatDist(y, Uniform(0, 3))
	parts = parts[:0]
	for j := 0; j <= 3; j++ {
		parts = append(parts, new(Dist).Repeat(y, j))
	}
	checkSame(t, "(0..3)(20d{1,2,2,5})", got, new(Dist).Mix(parts...), nil)
}

// randomDist returns a small distribution with random weights (zeros inside allowed, ends
// positive), from lo in [−3, 3] and up to 5 values.
func randomDist(r *rand.Rand) *Dist {
	n := 1 + r.IntN(5)
	w := make([]*big.Int, n)
	for i := range w {
		w[i] = big.NewInt(int64(r.IntN(4)))
	}
	w[0].SetInt64(int64(1 + r.IntN(3)))
	w[n-1].SetInt64(int64(1 + r.IntN(3)))
	return FromWeights(r.IntN(7)-3, w)
}

// TestRandomBrute compares keep, pools, explode and reroll on random distributions with
// brute-force enumeration (fixed seed).
func TestRandomBrute(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for it := range 150 {
		x := randomDist(r)
		n := 1 + r.IntN(5)
		k := r.IntN(n + 1)
		pool := copies(x, n)
		name := fmt.Sprintf("#%d %s n=%d k=%d", it, dump(x), n, k)
		tot := bruteTotal(pool)
		checkSame(t, name+" kh", new(Dist).KeepHighest(x, n, k), brutePool(pool, keepHighestBrute(k)), tot)
		checkSame(t, name+" kl", new(Dist).KeepLowest(x, n, k), brutePool(pool, keepLowestBrute(k)), tot)
		if 0 < k && k < n {
			lo, w := keepTop(x, n, k)
			checkSame(t, name+" top", new(Dist).setPartsTotal(lo, w, tot), brutePool(pool, keepHighestBrute(k)), tot)
			lo, w = keepBottom(x, n, k)
			checkSame(t, name+" bottom", new(Dist).setPartsTotal(lo, w, tot), brutePool(pool, keepHighestBrute(k)), tot)
		}
		mixed := []*Dist{x, randomDist(r), randomDist(r), x}[:1+r.IntN(4)]
		km := r.IntN(len(mixed) + 1)
		checkSame(t, name+" pool", new(Dist).KeepHighestPool(mixed, km), brutePool(mixed, keepHighestBrute(km)), bruteTotal(mixed))
		depth := r.IntN(4)
		cut := x.Lo() + r.IntN(x.Hi()-x.Lo()+1)
		match := func(v int) bool { return v >= cut }
		dt := totalPow(x, depth+1)
		checkSame(t, name+" explodeon", new(Dist).ExplodeOn(x, match, depth), explodeOnBrute(x, match, depth).dist(), dt)
		checkSame(t, name+" reroll", new(Dist).Reroll(x, match, depth), rerollBrute(x, match, depth).dist(), dt)
	}
}
