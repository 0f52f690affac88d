package dist

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pool functions are checked against brute force: every roll of every die (every branch
// of every explosion, every possible number of dice) is enumerated with its weight over the
// pool's total, and the function is computed from the sorted values directly.

// brutePart describes dice added to a pool, for both the Pool and the enumeration.
type brutePart struct {
	x       *Dist
	n       int
	count   *Dist          // random number of dice, or nil
	explode func(int) bool // explode as separate dice, or nil
	depth   int
}

func (b brutePart) String() string {
	s := fmt.Sprintf("%d×%s", b.n, dump(b.x))
	if b.count != nil {
		s = fmt.Sprintf("(%s)×%s", dump(b.count), dump(b.x))
	}
	if b.explode != nil {
		s += fmt.Sprintf(" x depth %d", b.depth)
	}
	return s
}

func buildPool(parts []brutePart) *Pool {
	p := new(Pool)
	for _, b := range parts {
		switch {
		case b.count != nil:
			p.AddRandom(b.x, b.count)
		case b.explode != nil:
			p.AddExploding(b.x, b.n, b.explode, b.depth)
		default:
			p.Add(b.x, b.n)
		}
	}
	return p
}

// explodes reports whether some face of b.x with a positive weight explodes (else the dice
// are plain, with their own total, as AddExploding documents).
func (b brutePart) explodes() bool {
	if b.explode == nil || b.depth == 0 {
		return false
	}
	for _, f := range facesOf(b.x) {
		if b.explode(f.v) {
			return true
		}
	}
	return false
}

// enumeratePool calls f with every roll of the pool (the values of all its dice, extra rolls
// included) and its weight over the pool's total.
func enumeratePool(parts []brutePart, f func(vals []int, w *big.Int)) {
	var rec func(i int, vals []int, w *big.Int)
	rec = func(i int, vals []int, w *big.Int) {
		if i == len(parts) {
			f(vals, w)
			return
		}
		b := parts[i]
		fs := facesOf(b.x)
		t := b.x.Total()
		// dice rolls n more dice of b after vals, then goes on with the next part
		var dice func(n int, vals []int, w *big.Int)
		dice = func(n int, vals []int, w *big.Int) {
			if n == 0 {
				rec(i+1, vals, w)
				return
			}
			if !b.explodes() {
				for _, fc := range fs {
					dice(n-1, append(slices.Clone(vals), fc.v), new(big.Int).Mul(w, fc.w))
				}
				return
			}
			var chain func(j int, vals []int, w *big.Int)
			chain = func(j int, vals []int, w *big.Int) {
				for _, fc := range fs {
					nv := append(slices.Clone(vals), fc.v)
					nw := new(big.Int).Mul(w, fc.w)
					if b.explode(fc.v) && j < b.depth {
						chain(j+1, nv, nw)
						continue
					}
					dice(n-1, nv, nw.Mul(nw, new(big.Int).Exp(t, big.NewInt(int64(b.depth-j)), nil)))
				}
			}
			chain(0, vals, w)
		}
		if b.count == nil {
			dice(b.n, vals, w)
			return
		}
		for m, wm := range b.count.Weights() {
			if wm.Sign() > 0 {
				c := new(big.Int).Exp(t, big.NewInt(int64(b.count.Hi()-m)), nil)
				dice(m, vals, c.Mul(c, new(big.Int).Mul(w, wm)))
			}
		}
	}
	rec(0, nil, big.NewInt(1))
}

// bruteOf returns the distribution of g over the rolls of the pool, and the sum of weights.
func bruteOf(parts []brutePart, g func(vals []int) int) (*Dist, *big.Int) {
	o := outcomes{}
	tot := new(big.Int)
	enumeratePool(parts, func(vals []int, w *big.Int) {
		o.add(g(vals), w)
		tot.Add(tot, w)
	})
	return o.dist(), tot
}

// keptBrute returns the values k keeps of vals, by sorting (highest first).
func keptBrute(vals []int, k Keep) []int {
	s := slices.Clone(vals)
	slices.Sort(s)
	slices.Reverse(s)
	n := len(s)
	kk := min(k.K, n)
	switch k.Rule {
	case KeepHigh:
		return s[:kk]
	case KeepLow:
		return s[n-kk:]
	case DropHigh:
		return s[kk:]
	case DropLow:
		return s[:n-kk]
	case KeepMid:
		low := (n - kk) / 2 // dropped lowest
		high := n - kk - low
		return s[high : n-low]
	}
	return s
}

func matchesBrute(vals []int) int {
	c := map[int]int{}
	best := 0
	for _, v := range vals {
		c[v]++
		best = max(best, c[v])
	}
	return best
}

func straightBrute(vals []int) int {
	has := map[int]bool{}
	for _, v := range vals {
		has[v] = true
	}
	best := 0
	for v := range has {
		if has[v-1] {
			continue
		}
		n := 0
		for has[v+n] {
			n++
		}
		best = max(best, n)
	}
	return best
}

// testPools returns small pools of every kind of part.
func testPools() [][]brutePart {
	d := testDice()
	ge := func(t int) func(int) bool { return func(v int) bool { return v >= t } }
	eq := func(t int) func(int) bool { return func(v int) bool { return v == t } }
	return [][]brutePart{
		{},
		{{x: d["d6"], n: 4}},
		{{x: d["d6"], n: 5}},
		{{x: d["d4"], n: 3}, {x: d["d6"], n: 2}},
		{{x: d["fib"], n: 3}, {x: d["gap"], n: 1}},
		{{x: d["dF"], n: 4}},
		{{x: d["u-2..1"], n: 2}, {x: d["c3"], n: 1}, {x: d["zero"], n: 1}},
		{{x: d["d4"], count: Uniform(0, 3)}},
		{{x: d["d6"], count: Faces(1, 3, 3)}, {x: d["d4"], n: 1}},
		{{x: d["d4"], n: 2, explode: eq(4), depth: 2}},
		{{x: d["d6"], n: 3, explode: ge(5), depth: 1}},
		{{x: d["d4"], n: 2, explode: ge(3), depth: 3}},
		{{x: d["d4"], n: 1, explode: eq(1), depth: 2}, {x: d["d4"], n: 1}},
		{{x: d["fib"], n: 2, explode: eq(1), depth: 2}},
		{{x: d["d2"], n: 2, explode: ge(1), depth: 2}}, // every face explodes
		{{x: d["d6"], n: 2, explode: ge(7), depth: 3}}, // none does
		{{x: d["d4"], n: 2, explode: eq(4), depth: 0}}, // no extra rolls
		{{x: d["d4"], n: 2, explode: eq(4), depth: 2}, {x: d["d4"], n: 2, explode: eq(4), depth: 2}},
		{{x: d["gap"], n: 2, explode: ge(2), depth: 1}, {x: d["d2"], count: Uniform(0, 2)}},
	}
}

func keeps() []Keep {
	var ks []Keep
	for _, r := range []KeepRule{KeepEvery, KeepHigh, KeepLow, DropHigh, DropLow, KeepMid} {
		for k := 0; k <= 4; k++ {
			if r == KeepEvery && k > 0 {
				break
			}
			ks = append(ks, Keep{r, k})
		}
	}
	return ks
}

func TestPoolBrute(t *testing.T) {
	ge := func(t int) func(int) bool { return func(v int) bool { return v >= t } }
	tests := []struct {
		name             string
		success, failure func(int) bool
	}{
		{">=3", ge(3), nil},
		{">=4f1", ge(4), func(v int) bool { return v == 1 }},
		{"<=2f>=2", func(v int) bool { return v <= 2 }, ge(2)}, // 2 is both: counts 0
	}
	for i, parts := range testPools() {
		p := buildPool(parts)
		name := fmt.Sprintf("pool%d %v", i, parts)
		for _, k := range keeps() {
			want, tot := bruteOf(parts, func(v []int) int { return sum(keptBrute(v, k)) })
			checkSame(t, fmt.Sprintf("%s sum %+v", name, k), new(Dist).SumKept(p, k), want, tot)
			for _, tc := range tests {
				want, _ := bruteOf(parts, func(v []int) int {
					c := 0
					for _, x := range keptBrute(v, k) {
						if tc.success(x) {
							c++
						}
						if tc.failure != nil && tc.failure(x) {
							c--
						}
					}
					return c
				})
				checkSame(t, fmt.Sprintf("%s count%s %+v", name, tc.name, k), new(Dist).CountKept(p, k, tc.success, tc.failure), want, tot)
			}
		}
		want, tot := bruteOf(parts, matchesBrute)
		checkSame(t, name+" matches", new(Dist).Matches(p), want, tot)
		want, _ = bruteOf(parts, straightBrute)
		checkSame(t, name+" straight", new(Dist).Straight(p), want, tot)
		// the dynamic program, forced where a fast path exists
		for _, k := range []Keep{{}, {KeepHigh, 2}, {DropLow, 1}} {
			want, _ := bruteOf(parts, func(v []int) int { return sum(keptBrute(v, k)) })
			checkSame(t, fmt.Sprintf("%s dp sum %+v", name, k), new(Dist).keptEval(p, k, func(v int) int { return v }, nil), want, tot)
		}
	}
}

// randomPool returns a pool of one or two random parts of up to two dice: plain, with a
// random count, or exploding as separate dice.
func randomPool(r *rand.Rand) []brutePart {
	var parts []brutePart
	for range 1 + r.IntN(2) {
		b := brutePart{x: randomDist(r), n: r.IntN(3)}
		switch r.IntN(3) {
		case 1:
			b.count = Uniform(0, 1+r.IntN(2))
		case 2:
			cut := b.x.Lo() + r.IntN(b.x.Hi()-b.x.Lo()+1)
			b.explode, b.depth = func(v int) bool { return v >= cut }, 1+r.IntN(2)
		}
		parts = append(parts, b)
	}
	return parts
}

// TestPoolRandomBrute checks the pool functions on random small pools (fixed seed).
func TestPoolRandomBrute(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for it := range 60 {
		parts := randomPool(r)
		p := buildPool(parts)
		k := Keep{KeepRule(r.IntN(6)), r.IntN(4)}
		name := fmt.Sprintf("#%d %v %+v", it, parts, k)
		want, tot := bruteOf(parts, func(v []int) int { return sum(keptBrute(v, k)) })
		checkSame(t, name+" sum", new(Dist).SumKept(p, k), want, tot)
		want, _ = bruteOf(parts, matchesBrute)
		checkSame(t, name+" matches", new(Dist).Matches(p), want, tot)
		want, _ = bruteOf(parts, straightBrute)
		checkSame(t, name+" straight", new(Dist).Straight(p), want, tot)
	}
}

// TestPoolClosedForms checks values computed by hand: five of a kind on 5d6 is 6 of 6^5
// rolls; a straight of five is 1-5 or 2-6 in any order, 2·5! = 240 rolls; 3d20km1 is the
// median, P(median = m) = (6(m−1)(20−m) + 3·19 + 1)/8000 (one die at m, one below, one above,
// in 6 orders; or two or three dice at m).
func TestPoolClosedForms(t *testing.T) {
	p := new(Pool).Add(Die(6), 5)
	assert.Equal(t, "1/1296", new(Dist).Matches(p).ProbRat(5).RatString())
	assert.Equal(t, big.NewRat(240, 7776).RatString(), new(Dist).Straight(p).ProbRat(5).RatString())
	med := new(Dist).KeepMiddle(Die(20), 3, 1)
	for m := 1; m <= 20; m++ {
		want := big.NewRat(int64(6*(m-1)*(20-m)+3*19+1), 8000)
		assert.Equal(t, want.RatString(), med.ProbRat(m).RatString(), "median %d", m)
	}
	// x sums equal ! sums, totals included
	for _, depth := range []int{1, 3, DefaultExplodeDepth} {
		six := func(v int) bool { return v == 6 }
		x := new(Dist).SumKept(new(Pool).AddExploding(Die(6), 4, six, depth), Keep{})
		ex := new(Dist).Repeat(new(Dist).Explode(Die(6), depth), 4)
		checkSame(t, "4d6x sum", x, ex, ex.Total())
	}
}

func TestPenetrateBrute(t *testing.T) {
	for name, x := range testDice() {
		for depth := 0; depth <= 3; depth++ {
			for _, cut := range []int{x.Hi(), x.Lo() + 1} {
				match := func(v int) bool { return v >= cut }
				// the tree of rolls, each extra roll counting one less
				o := rollTreeBrute(x, match, depth, true, 1)
				checkSame(t, fmt.Sprintf("%s penetrate >=%d depth %d", name, cut, depth), new(Dist).PenetrateOn(x, match, depth), o.dist(), totalPow(x, depth+1))
				if cut == x.Hi() {
					checkSame(t, name+" penetrate", new(Dist).Penetrate(x, depth), o.dist(), totalPow(x, depth+1))
				}
			}
		}
	}
}

func TestPoolPanics(t *testing.T) {
	require.PanicsWithValue(t, "dist: Pool.Add with n < 0", func() { new(Pool).Add(Die(6), -1) })
	require.PanicsWithValue(t, "dist: Pool.AddRandom with a negative count", func() { new(Pool).AddRandom(Die(6), Uniform(-1, 2)) })
	require.PanicsWithValue(t, "dist: Pool.AddExploding with n < 0, depth < 0 or a nil test", func() { new(Pool).AddExploding(Die(6), 1, nil, 2) })
	require.PanicsWithValue(t, "dist: SumKept with an unknown keep rule or K < 0", func() { new(Dist).SumKept(new(Pool), Keep{KeepHigh, -1}) })
	require.PanicsWithValue(t, "dist: CountKept with a nil success test", func() { new(Dist).CountKept(new(Pool), Keep{}, nil, nil) })
	require.PanicsWithValue(t, "dist: KeepMiddle with n < 0 or k outside [0, n]", func() { new(Dist).KeepMiddle(Die(6), 2, 3) })
	require.PanicsWithValue(t, "dist: Penetrate with depth < 0", func() { new(Dist).Penetrate(Die(6), -1) })
}

// TestPoolTooLarge checks that a pool whose states cannot be numbered in an int64 panics
// instead of mixing states up: 70 kinds of dice, 2^70 vectors of dice left.
func TestPoolTooLarge(t *testing.T) {
	p := new(Pool)
	for s := 2; s < 72; s++ {
		p.Add(Die(s), 1)
	}
	require.PanicsWithValue(t, "dist: pool too large to evaluate", func() { new(Dist).Matches(p) })
	require.PanicsWithValue(t, "dist: pool too large to evaluate", func() { new(Dist).SumKept(p, Keep{KeepMid, 3}) })
	_, err := Parse("matches({d2,d3,d4,d5,d6,d7,d8,d9,d10,d11,d12,d13,d14,d15,d16,d17,d18,d19,d20,d21,d22,d23,d24,d25,d26,d27,d28,d29,d30,d31,d32,d33,d34,d35,d36,d37,d38,d39,d40,d41,d42,d43,d44,d45,d46,d47,d48,d49,d50,d51,d52,d53,d54,d55,d56,d57,d58,d59,d60,d61,d62,d63,d64,d65,d66,d67,d68,d69,d70,d71})")
	require.Error(t, err)
}

// TestKeepMiddleAll checks the shortcut for a keep-middle that keeps every die (the plain
// sum) against the multiset program on pools of several kinds, and against Repeat.
func TestKeepMiddleAll(t *testing.T) {
	d4, d6 := Die(4), Die(6)
	for _, n := range []int{1, 2, 5} {
		p := new(Pool).Add(d6, n).Add(d4, 1)
		for _, k := range []int{n + 1, n + 3} {
			got := new(Dist).SumKept(p, Keep{KeepMid, k})
			want := new(Dist).Add(new(Dist).Repeat(d6, n), d4)
			assert.True(t, got.Equal(want), "km%d of %dd6+d4", k, n)
			assert.Equal(t, 0, got.Total().Cmp(want.Total()), "km%d of %dd6+d4: total", k, n)
		}
	}
	// counts take the same shortcut
	p := new(Pool).Add(d6, 4)
	ge4 := func(v int) bool { return v >= 4 }
	assert.True(t, new(Dist).CountKept(p, Keep{KeepMid, 4}, ge4, nil).Equal(new(Dist).CountKept(p, Keep{}, ge4, nil)))
	assert.True(t, new(Joint).Count(p, Keep{KeepHigh, 9}, ge4, ge4).Equal(new(Joint).Count(p, Keep{}, ge4, ge4)))
	// the shortcut agrees with the multiset program's answer for keeping all but one
	p = new(Pool).Add(d6, 3)
	a := new(Dist).SumKept(p, Keep{KeepMid, 3})
	b := new(Dist).SumKept(p, Keep{KeepHigh, 3})
	assert.True(t, a.Equal(b))
}
