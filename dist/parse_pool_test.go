package dist

import (
	"errors"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The new forms of the notation (!p, x, xo, km, f, matches, straight, &) against roll
// programs run through the tree roller of parse_test.go: no code shared with the pool
// functions.

// penetrateD rolls a penetrating die with faces 1..s: while a roll passes match, at most depth
// times, roll again and add the roll less one.
func penetrateD(r *treeRoller, s, depth int, match func(int) bool) int {
	x := r.d(s)
	t := x
	for i := 0; i < depth && match(x); i++ {
		x = r.d(s)
		t += x - 1
	}
	return t
}

// sepD rolls n dice with faces 1..s exploding as separate dice: every roll that passes match
// is followed by another, at most depth per die, and every roll is a die.
func sepD(r *treeRoller, n, s, depth int, match func(int) bool) []int {
	var v []int
	for range n {
		x := r.d(s)
		v = append(v, x)
		for i := 0; i < depth && match(x); i++ {
			x = r.d(s)
			v = append(v, x)
		}
	}
	return v
}

// keepMid returns the k middle values of v: ⌊(n−k)/2⌋ lowest and ⌈(n−k)/2⌉ highest dropped
// (all of v when k ≥ n).
func keepMid(v []int, k int) []int {
	v = slices.Clone(v)
	slices.Sort(v)
	n := len(v)
	k = min(k, n)
	low := (n - k) / 2
	return v[low : low+k]
}

// topK returns the k highest values of v.
func topK(v []int, k int) []int {
	v = slices.Clone(v)
	slices.Sort(v)
	return v[len(v)-min(k, len(v)):]
}

// hitsMinusFails counts the values passing s less those passing f.
func hitsMinusFails(v []int, s, f func(int) bool) int {
	return tcount(v, s) - tcount(v, f)
}

func tmatches(v []int) int {
	c := map[int]int{}
	best := 0
	for _, x := range v {
		c[x]++
		best = max(best, c[x])
	}
	return best
}

func tstraight(v []int) int {
	s := slices.Clone(v)
	slices.Sort(s)
	s = slices.Compact(s)
	best, run := 0, 0
	for i := range s {
		if i > 0 && s[i] == s[i-1]+1 {
			run++
		} else {
			run = 1
		}
		best = max(best, run)
	}
	return best
}

func TestParsePoolFormsBrute(t *testing.T) {
	ge := func(t int) func(int) bool { return func(v int) bool { return v >= t } }
	le := func(t int) func(int) bool { return func(v int) bool { return v <= t } }
	eq := func(t int) func(int) bool { return func(v int) bool { return v == t } }
	tests := []struct {
		expr  string
		depth int
		prog  func(r *treeRoller) int
	}{
		{"d6!p", 2, func(r *treeRoller) int { return penetrateD(r, 6, 2, eq(6)) }},
		{"2d4!p", 3, func(r *treeRoller) int { return penetrateD(r, 4, 3, eq(4)) + penetrateD(r, 4, 3, eq(4)) }},
		{"2d4!p>=3", 2, func(r *treeRoller) int { return penetrateD(r, 4, 2, ge(3)) + penetrateD(r, 4, 2, ge(3)) }},
		{"3d4!pkh2", 1, func(r *treeRoller) int {
			return keepHi([]int{penetrateD(r, 4, 1, eq(4)), penetrateD(r, 4, 1, eq(4)), penetrateD(r, 4, 1, eq(4))}, 2)
		}},
		{"d2!p", 0, func(r *treeRoller) int { return penetrateD(r, 2, DefaultExplodeDepth, eq(2)) }},
		{"3d4x", 2, func(r *treeRoller) int { return tsum(sepD(r, 3, 4, 2, eq(4))) }},
		{"3d4xkh2", 2, func(r *treeRoller) int { return tsum(topK(sepD(r, 3, 4, 2, eq(4)), 2)) }},
		{"3d4x>=3kl2", 1, func(r *treeRoller) int { v := sepD(r, 3, 4, 1, ge(3)); return keepLo(v, 2) }},
		{"3d4xo>=3", 3, func(r *treeRoller) int { return tsum(sepD(r, 3, 4, 1, ge(3))) }},
		{"4d4xo=4>=3", 0, func(r *treeRoller) int { return tcount(sepD(r, 4, 4, 1, eq(4)), ge(3)) }},
		{"{3d4x}>=4", 2, func(r *treeRoller) int { return tcount(sepD(r, 3, 4, 2, eq(4)), ge(4)) }},
		{"3d4x=4>=3f1", 2, func(r *treeRoller) int { return hitsMinusFails(sepD(r, 3, 4, 2, eq(4)), ge(3), eq(1)) }},
		{"3d4xkh2>=3", 2, func(r *treeRoller) int { return tcount(topK(sepD(r, 3, 4, 2, eq(4)), 2), ge(3)) }},
		{"{2d4x, d6}km1", 1, func(r *treeRoller) int {
			v := sepD(r, 2, 4, 1, eq(4))
			return tsum(keepMid(append(v, r.d(6)), 1))
		}},
		{"{2d3x, d4x}kl2", 2, func(r *treeRoller) int {
			v := sepD(r, 2, 3, 2, eq(3))
			return keepLo(append(v, sepD(r, 1, 4, 2, eq(4))...), 2)
		}},
		{"2d6r1x", 1, func(r *treeRoller) int {
			var v []int
			for range 2 {
				x := rerollD(r, 6, 1, eq(1))
				v = append(v, x)
				if x == 6 {
					v = append(v, rerollD(r, 6, 1, eq(1)))
				}
			}
			return tsum(v)
		}},
		{"5d4km3", 0, func(r *treeRoller) int { return tsum(keepMid(r.dice(5, 4), 3)) }},
		{"4d6km2", 0, func(r *treeRoller) int { return tsum(keepMid(r.dice(4, 6), 2)) }},
		{"4d6km1", 0, func(r *treeRoller) int { return tsum(keepMid(r.dice(4, 6), 1)) }},
		{"3d6km", 0, func(r *treeRoller) int { return tsum(keepMid(r.dice(3, 6), 1)) }},
		{"4d4km4", 0, func(r *treeRoller) int { return tsum(r.dice(4, 4)) }},
		{"{2d6, d4, 2}km2", 0, func(r *treeRoller) int {
			return tsum(keepMid([]int{r.d(6), r.d(6), r.d(4), 2}, 2))
		}},
		{"(d3)d4km2", 0, func(r *treeRoller) int { return tsum(keepMid(r.dice(r.d(3), 4), 2)) }},
		{"5d4km3>=3", 0, func(r *treeRoller) int { return tcount(keepMid(r.dice(5, 4), 3), ge(3)) }},
		{"5d4km3=2", 0, func(r *treeRoller) int { return tcount(keepMid(r.dice(5, 4), 3), eq(2)) }},
		{"6d4>=3f1", 0, func(r *treeRoller) int { return hitsMinusFails(r.dice(6, 4), ge(3), eq(1)) }},
		{"5d6>=5f<=2", 0, func(r *treeRoller) int { return hitsMinusFails(r.dice(5, 6), ge(5), le(2)) }},
		{"5d6<=3f>=3", 0, func(r *treeRoller) int { return hitsMinusFails(r.dice(5, 6), le(3), ge(3)) }},
		{"4d6kh2>=4f6", 0, func(r *treeRoller) int { return hitsMinusFails(topK(r.dice(4, 6), 2), ge(4), eq(6)) }},
		{"{3d4, d6}kh2>=3f1", 0, func(r *treeRoller) int {
			return hitsMinusFails(topK([]int{r.d(4), r.d(4), r.d(4), r.d(6)}, 2), ge(3), eq(1))
		}},
		{"(d3)d4>=3f1", 0, func(r *treeRoller) int { return hitsMinusFails(r.dice(r.d(3), 4), ge(3), eq(1)) }},
		{"4dF>=1f-1", 0, func(r *treeRoller) int {
			v := []int{r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1)}
			return hitsMinusFails(v, ge(1), eq(-1))
		}},
		{"matches(4d4)", 0, func(r *treeRoller) int { return tmatches(r.dice(4, 4)) }},
		{"matches(5d3)", 0, func(r *treeRoller) int { return tmatches(r.dice(5, 3)) }},
		{"matches({2d4, d3})", 0, func(r *treeRoller) int { return tmatches([]int{r.d(4), r.d(4), r.d(3)}) }},
		{"matches({d4, (d4+1), 2})", 0, func(r *treeRoller) int { return tmatches([]int{r.d(4), r.d(4) + 1, 2}) }},
		{"matches(3d4x)", 2, func(r *treeRoller) int { return tmatches(sepD(r, 3, 4, 2, eq(4))) }},
		{"matches((d3)d4)", 0, func(r *treeRoller) int { return tmatches(r.dice(r.d(3), 4)) }},
		{"matches(4dF)>=2", 0, func(r *treeRoller) int {
			return b2i(tmatches([]int{r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1)}) >= 2)
		}},
		{"MATCHES ( 3d6 ) + 1", 0, func(r *treeRoller) int { return tmatches(r.dice(3, 6)) + 1 }},
		{"straight(5d4)", 0, func(r *treeRoller) int { return tstraight(r.dice(5, 4)) }},
		{"straight(4d6)", 0, func(r *treeRoller) int { return tstraight(r.dice(4, 6)) }},
		{"straight({2d6, d4})", 0, func(r *treeRoller) int { return tstraight([]int{r.d(6), r.d(6), r.d(4)}) }},
		{"straight(3d{1,3,4,6})", 0, func(r *treeRoller) int {
			return tstraight([]int{r.face(1, 3, 4, 6), r.face(1, 3, 4, 6), r.face(1, 3, 4, 6)})
		}},
		{"straight(3d4x)", 1, func(r *treeRoller) int { return tstraight(sepD(r, 3, 4, 1, eq(4))) }},
		{"straight((d3)d5)", 0, func(r *treeRoller) int { return tstraight(r.dice(r.d(3), 5)) }},
		{"straight(0d6)", 0, func(r *treeRoller) int { return 0 }},
	}
	for _, tc := range tests {
		d, err := ParseWith(tc.expr, ParseOptions{ExplodeDepth: tc.depth})
		if !assert.NoError(t, err, tc.expr) {
			continue
		}
		checkAgainst(t, tc.expr, d, treeEnumerate(tc.prog))
	}
}

// TestParseJointBrute checks ParseJoint against roll programs returning the pair, encoded as
// one integer.
func TestParseJointBrute(t *testing.T) {
	ge := func(t int) func(int) bool { return func(v int) bool { return v >= t } }
	le := func(t int) func(int) bool { return func(v int) bool { return v <= t } }
	eq := func(t int) func(int) bool { return func(v int) bool { return v == t } }
	const base = 1000
	pair := func(v []int, a, b func(int) bool) int { return tcount(v, a)*base + tcount(v, b) }
	tests := []struct {
		expr  string
		depth int
		prog  func(r *treeRoller) int
	}{
		{"3d4>=3&=1", 0, func(r *treeRoller) int { return pair(r.dice(3, 4), ge(3), eq(1)) }},
		{"5d6>=5&=1", 0, func(r *treeRoller) int { return pair(r.dice(5, 6), ge(5), eq(1)) }},
		{"4dF>=1&<=-1", 0, func(r *treeRoller) int {
			return pair([]int{r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1)}, ge(1), le(-1))
		}},
		{"4d4>=2&<=3", 0, func(r *treeRoller) int { return pair(r.dice(4, 4), ge(2), le(3)) }},
		{"{3d4x}>=3&=1", 2, func(r *treeRoller) int { return pair(sepD(r, 3, 4, 2, eq(4)), ge(3), eq(1)) }},
		{"3d4x>=3>=4&=1", 1, func(r *treeRoller) int { return pair(sepD(r, 3, 4, 1, ge(3)), ge(4), eq(1)) }},
		{"3d4x=4>=3&=1", 2, func(r *treeRoller) int { return pair(sepD(r, 3, 4, 2, eq(4)), ge(3), eq(1)) }},
		{"{2d4, d6}>=4 & <2", 0, func(r *treeRoller) int { return pair([]int{r.d(4), r.d(4), r.d(6)}, ge(4), le(1)) }},
		{"(d3)d4>=3&=1", 0, func(r *treeRoller) int { return pair(r.dice(r.d(3), 4), ge(3), eq(1)) }},
		{"4d4km2>=3&<=2", 0, func(r *treeRoller) int { return pair(keepMid(r.dice(4, 4), 2), ge(3), le(2)) }},
		{"4d6kh2>=5&=6", 0, func(r *treeRoller) int { return pair(topK(r.dice(4, 6), 2), ge(5), eq(6)) }},
		{"3d4xkh2>=3&=4", 1, func(r *treeRoller) int { return pair(topK(sepD(r, 3, 4, 1, eq(4)), 2), ge(3), eq(4)) }},
		{"{2d4!}>=5&=1", 1, func(r *treeRoller) int { return pair([]int{explodeD(r, 4, 1), explodeD(r, 4, 1)}, ge(5), eq(1)) }},
	}
	for _, tc := range tests {
		j, err := ParseJoint(tc.expr, ParseOptions{ExplodeDepth: tc.depth})
		if !assert.NoError(t, err, tc.expr) {
			continue
		}
		want := treeEnumerate(tc.prog)
		n := 0
		for ab, p := range j.All() {
			w := want[ab[0]*base+ab[1]]
			if w == nil || w.Cmp(p) != 0 {
				t.Errorf("%s: P%v = %s, reference %v", tc.expr, ab, p.RatString(), w)
			}
			n++
		}
		nonzero := 0
		for _, p := range want {
			if p.Sign() > 0 {
				nonzero++
			}
		}
		assert.Equal(t, nonzero, n, "%s: number of pairs", tc.expr)
	}
}

// TestParsePoolFormsCombinators checks that the notation builds what the API builds, on pools
// too large for brute force, and the closed forms.
func TestParsePoolFormsCombinators(t *testing.T) {
	d6, d10 := Die(6), Die(10)
	ge := func(t int) func(int) bool { return func(v int) bool { return v >= t } }
	eq := func(t int) func(int) bool { return func(v int) bool { return v == t } }
	tests := []struct {
		expr string
		want *Dist
	}{
		{"5d6km3", new(Dist).KeepMiddle(d6, 5, 3)},
		{"10d6x", new(Dist).Repeat(new(Dist).Explode(d6, DefaultExplodeDepth), 10)},
		{"10d6x>=5", new(Dist).Repeat(new(Dist).ExplodeOn(d6, ge(5), DefaultExplodeDepth), 10)},
		{"d6!p", new(Dist).Penetrate(d6, DefaultExplodeDepth)},
		{"3d10!p>=9", new(Dist).Repeat(new(Dist).PenetrateOn(d10, ge(9), DefaultExplodeDepth), 3)},
		{"10d10>=8f1", new(Dist).CountKept(new(Pool).Add(d10, 10), Keep{}, ge(8), eq(1))},
		{"matches(10d10)", new(Dist).Matches(new(Pool).Add(d10, 10))},
		{"straight(8d6)", new(Dist).Straight(new(Pool).Add(d6, 8))},
		{"20d10x=10>=8", new(Dist).CountKept(new(Pool).AddExploding(d10, 20, eq(10), DefaultExplodeDepth), Keep{}, ge(8), nil)},
		{"6d6xkh3", new(Dist).SumKept(new(Pool).AddExploding(d6, 6, eq(6), DefaultExplodeDepth), Keep{KeepHigh, 3})},
		{"5d10xo>=8", new(Dist).SumKept(new(Pool).AddExploding(d10, 5, ge(8), 1), Keep{})},
	}
	for _, tc := range tests {
		d, err := Parse(tc.expr)
		if assert.NoError(t, err, tc.expr) {
			assert.True(t, d.Equal(tc.want), "%s differs from the API", tc.expr)
			assert.Equal(t, 0, d.Total().Cmp(tc.want.Total()), "%s: total", tc.expr)
		}
	}
	d, err := Parse("matches(5d6)")
	require.NoError(t, err)
	assert.Equal(t, "1/1296", d.ProbRat(5).RatString())
	d, err = Parse("straight(5d6)")
	require.NoError(t, err)
	assert.Equal(t, big.NewRat(240, 7776).RatString(), d.ProbRat(5).RatString())
	// x sums equal ! sums whatever the depth
	for _, depth := range []int{NoExtraRolls, 1, 2, 5} {
		a, err := ParseWith("7d6x+{3d4x>=3}", ParseOptions{ExplodeDepth: depth})
		require.NoError(t, err)
		b, err := ParseWith("7d6!+3d4!>=3", ParseOptions{ExplodeDepth: depth})
		require.NoError(t, err)
		assert.True(t, a.Equal(b), "depth %d", depth)
		assert.Equal(t, 0, a.Total().Cmp(b.Total()), "depth %d", depth)
	}
	// the joint's marginals are the single counts
	j, err := ParseJoint("10d6>=5&=1", ParseOptions{})
	require.NoError(t, err)
	for i, single := range []string{"10d6>=5", "10d6=1"} {
		d, err := Parse(single)
		require.NoError(t, err)
		assert.True(t, j.Marginal(i).Equal(d), single)
	}
	j, err = ParseJoint("8d6xkh4>=5&=1", ParseOptions{ExplodeDepth: 3})
	require.NoError(t, err)
	for i, single := range []string{"8d6xkh4>=5", "8d6xkh4=1"} {
		d, err := ParseWith(single, ParseOptions{ExplodeDepth: 3})
		require.NoError(t, err)
		assert.True(t, j.Marginal(i).Equal(d), single)
	}
}

func TestParsePoolFormsErrors(t *testing.T) {
	tests := []struct {
		expr string
		col  int
		msg  string
	}{
		{"d6!pp", 5, `expected an operator`},
		{"d6!p>", 6, `a value to explode on after "!p"`},
		{"d6!p>=1", 3, "!p>=1 would explode on every face"},
		{"d6!!!p", 5, "already explodes"},
		{"d6xx", 4, `"x" written twice`},
		{"d6xo!", 5, "cannot both explode"},
		{"d6!x", 4, "cannot both explode"},
		{"d6x<=6", 3, "x<=6 would explode on every face"},
		{"d6xo>", 6, `a value to explode on after "xo"`},
		{"4d6kh3x", 7, `"x" must come before "kh3"`},
		{"(d4)d6x", 1, "need a fixed number, but (d4) is random"},
		{"{d6, (d4)d6x}kh1", 6, "need a fixed number, but (d4) is random"},
		{"4d6km0", 4, "keeps nothing"},
		{"4d6km5", 4, "cannot keep 5 of 4 dice"},
		{"{d6,d8}km3", 8, "cannot keep 3 of 2 items"},
		{"4d6xkh0", 5, "keeps nothing"},
		{"4d6x kh41", 6, "cannot keep 41 of at most 40 dice"},
		{"(d4)d6km0", 7, "keeps nothing"},
		{"4d6km2km1", 7, "only one keep or drop"},
		{"10d10>=8f", 10, `expected a failure value after "f"`},
		{"10d10>=8f>", 11, `expected a failure value after "f"`},
		{"10d10f1", 6, `expected an operator`},
		{"10d10>=8f1f2", 11, "expected an operator"},
		{"(d6)>=3f1", 8, "expected an operator"},
		{"matches", 8, `expected "(" after "matches"`},
		{"matches(", 9, `expected a number, dice or "(" in matches(…)`},
		{"matches()", 9, `expected a number, dice or "(" in matches(…)`},
		{"matches(5d6", 12, `expected ")" to close "(" at column 8`},
		{"matches(5d6,d4)", 12, `expected ")" to close "(" at column 8`},
		{"matches(5d6+1)", 9, "takes dice (like 5d6 or 4d6x) or a {pool} without keep or test, found 5d6+1"},
		{"matches(4d6kh3)", 9, "without keep or test, found 4d6kh3"},
		{"straight(5d6>=3)", 10, "without keep or test, found 5d6>=3"},
		{"straight( (5d6) )", 11, "found (5d6)"},
		{"straight(3)", 10, "found 3"},
		{"matchesx(5d6)", 1, `found "m"`},
		{"straightd6", 1, `found "s"`},
		{"matches(1000d1000)", 1, "matches(1000d1000) would need about"},
		{"matches(200d6)+matches(500d100)", 16, "would take too long"},
		{"straight(1000d1000)", 1, "would need about"},
		{"10d6>=5&=1", 8, "is a joint count of two tests, a pair of numbers: parse it with ParseJoint"},
		{"(10d6>=5&=1)", 9, "a joint count (>=5&=1) must be the whole expression"},
		{"1+10d6>=5&=1", 10, "must be the whole expression"},
		{"3d6&", 4, `"&" must follow a success test`},
		{"(3d6)>=4&=1", 9, `"&" must follow a success test`},
		{"10d6>=5&", 9, `expected a second test after "&"`},
		{"10d6>=5&1", 9, `expected a second test after "&"`},
		{"10d6>=5&=", 10, "expected a threshold"},
		{"10d6>=5f1&=1", 10, `a joint count ("&") cannot have failures (f1)`},
		{"10d6>=5&=1&=2", 11, `"&" must follow a success test`},
		{"100000000d6x", 1, "would need about"},
		{"1000d6xkh500", 1, "would need about"},
		{"matches(150d100)", 1, "would take too long"},
		{"60d10x>=8kl3", 1, "would need about"},
		{"1000d1000km10", 1, "would need about"},
		{"200d20km100", 1, "would take too long"},
	}
	for _, tc := range tests {
		_, err := Parse(tc.expr)
		var pe *ParseError
		if !assert.True(t, errors.As(err, &pe), "%q: want a *ParseError, got %v", tc.expr, err) {
			continue
		}
		assert.Equal(t, tc.col, pe.Pos, "%q: column (%s)", tc.expr, pe.Msg)
		assert.Contains(t, pe.Msg, tc.msg, tc.expr)
		assert.NotContains(t, err.Error(), "\n")
	}
	joint := []struct {
		expr string
		col  int
		msg  string
	}{
		{"3d6", 1, "expected a joint count"},
		{"matches(5d6)", 1, "expected a joint count"},
		{"10d6>=5", 1, "expected a joint count"},
		{"10d6>=5&", 9, `expected a second test after "&"`},
		{"(10d6>=5&=1)", 1, "expected a joint count"},
		{"20000d6>=5&=1", 1, "would need about"},
		{"200d6kh100>=5&=1", 1, "would take too long"},
		{"", 1, "empty expression"},
	}
	for _, tc := range joint {
		_, err := ParseJoint(tc.expr, ParseOptions{})
		var pe *ParseError
		if !assert.True(t, errors.As(err, &pe), "ParseJoint %q: want a *ParseError, got %v", tc.expr, err) {
			continue
		}
		assert.Equal(t, tc.col, pe.Pos, "ParseJoint %q: column (%s)", tc.expr, pe.Msg)
		assert.Contains(t, pe.Msg, tc.msg, tc.expr)
	}
	assert.PanicsWithValue(t, "dist: ParseJoint with a negative ExplodeDepth or MaxBytes", func() {
		_, _ = ParseJoint("3d6>=4&=1", ParseOptions{MaxBytes: -1})
	})
}

// TestParsePoolFormsRefusedAtOnce checks that huge new forms are refused before any work.
func TestParsePoolFormsRefusedAtOnce(t *testing.T) {
	start := time.Now()
	for _, e := range []string{"matches(100000d100000)", "straight(5000d6x)", "1000000000d6x>=5", "100000d20km1000"} {
		_, err := Parse(e)
		assert.Error(t, err, e)
	}
	_, err := ParseJoint("1000000000d6>=5&=1", ParseOptions{})
	assert.Error(t, err)
	assert.Less(t, time.Since(start), time.Second)
}

// TestPoolShapeBounds checks that the estimates bound the results of the new forms.
func TestPoolShapeBounds(t *testing.T) {
	for _, e := range []string{"5d6km3", "{2d8, d6, 3}km2", "10d6x", "6d6xkh3", "10d10>=8f1", "6d6xkh2>=5f1",
		"matches(10d10)", "straight(8d6)", "matches({3d4x, 2d6})", "(d4)d6km2", "d6!p", "3d10!p>=9", "(d6)d4>=3f1"} {
		n, c, err := check(e, ParseOptions{}, maxWork, false)
		require.NoError(t, err, e)
		d := (&evaluator{depth: c.depth}).eval(n)
		s := c.shapes[n]
		g := ShapeOf(d)
		if g.Lo < s.Lo || g.Hi > s.Hi || g.Bits > s.Bits {
			t.Errorf("%s: result %+v outside the estimate %+v", e, g, s)
		}
		if s.Peak < d.SizeBytes()/2 {
			t.Errorf("%s: peak %d for a result of %d bytes", e, s.Peak, d.SizeBytes())
		}
	}
	for _, e := range []string{"10d6>=5&=1", "4dF>=1&<=-1", "8d6xkh4>=5&=1", "(d4)d6>=5&=1"} {
		n, c, err := check(e, ParseOptions{}, maxWork, true)
		require.NoError(t, err, e)
		j := (&evaluator{depth: c.depth}).joint(n.(*poolNode))
		s := c.shapes[n]
		lo, hi := j.Lo(), j.Hi()
		if min(lo[0], lo[1]) < int(s.Lo) || max(hi[0], hi[1]) > int(s.Hi) || int64(j.Total().BitLen()) > s.Bits {
			t.Errorf("%s: joint %v..%v outside the estimate %+v", e, lo, hi, s)
		}
		if s.Peak < j.SizeBytes()/2 {
			t.Errorf("%s: peak %d for a result of %d bytes", e, s.Peak, j.SizeBytes())
		}
	}
}
