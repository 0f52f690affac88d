package dist

import (
	"errors"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reference for the parser is a roll program: an ordinary Go function that rolls dice
// through a tree roller and returns the outcome. treeEnumerate runs it once for every path
// through its random choices (an odometer over the choice tree, so explosions, rerolls and
// random counts need no special care) and adds up the probability of each outcome. It shares
// no code with the parser or the combinators.

// treeRoller hands out the choices of one path.
type treeRoller struct {
	choice []int // index chosen at each random choice of the path
	of     []int // number of options at each choice
	pos    int
}

// pick returns an index in [0, n) as the next random choice.
func (r *treeRoller) pick(n int) int {
	if r.pos == len(r.choice) {
		r.choice = append(r.choice, 0)
		r.of = append(r.of, n)
	}
	c := r.choice[r.pos]
	r.pos++
	return c
}

// d rolls a die with faces 1..s.
func (r *treeRoller) d(s int) int { return r.pick(s) + 1 }

// face rolls a die with the listed faces.
func (r *treeRoller) face(fs ...int) int { return fs[r.pick(len(fs))] }

// dice rolls n dice with faces 1..s.
func (r *treeRoller) dice(n, s int) []int {
	v := make([]int, n)
	for i := range v {
		v[i] = r.d(s)
	}
	return v
}

// treeEnumerate returns the probability of every outcome of prog.
func treeEnumerate(prog func(r *treeRoller) int) map[int]*big.Rat {
	out := map[int]*big.Rat{}
	r := &treeRoller{}
	for {
		r.pos = 0
		v := prog(r)
		r.choice, r.of = r.choice[:r.pos], r.of[:r.pos]
		p := big.NewRat(1, 1)
		for _, n := range r.of {
			p.Mul(p, big.NewRat(1, int64(n)))
		}
		if out[v] == nil {
			out[v] = new(big.Rat)
		}
		out[v].Add(out[v], p)
		// next path: bump the last choice that has options left
		i := len(r.choice) - 1
		for i >= 0 && r.choice[i]+1 == r.of[i] {
			i--
		}
		if i < 0 {
			return out
		}
		r.choice[i]++
		r.choice, r.of = r.choice[:i+1], r.of[:i+1]
	}
}

func tsum(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}

// keepHi returns the sum of the k highest of v.
func keepHi(v []int, k int) int {
	v = slices.Clone(v)
	slices.Sort(v)
	return tsum(v[len(v)-k:])
}

// keepLo returns the sum of the k lowest of v.
func keepLo(v []int, k int) int {
	v = slices.Clone(v)
	slices.Sort(v)
	return tsum(v[:k])
}

// count returns how many of v pass f.
func tcount(v []int, f func(int) bool) int {
	c := 0
	for _, x := range v {
		if f(x) {
			c++
		}
	}
	return c
}

// explodeD rolls an exploding die with faces 1..s and at most depth extra rolls.
func explodeD(r *treeRoller, s, depth int) int {
	t := 0
	for i := 0; ; i++ {
		x := r.d(s)
		t += x
		if x != s || i == depth {
			return t
		}
	}
}

// explodeWhere rolls a die with faces 1..s, rolling again and adding while the roll passes
// match, at most depth extra times.
func explodeWhere(r *treeRoller, s, depth int, match func(int) bool) int {
	t := 0
	for i := 0; ; i++ {
		x := r.d(s)
		t += x
		if !match(x) || i == depth {
			return t
		}
	}
}

// rerollD rolls a die with faces 1..s, rerolling values that match at most depth times.
func rerollD(r *treeRoller, s, depth int, match func(int) bool) int {
	x := r.d(s)
	for i := 0; i < depth && match(x); i++ {
		x = r.d(s)
	}
	return x
}

// checkAgainst compares d with the reference probabilities.
func checkAgainst(t *testing.T, name string, d *Dist, want map[int]*big.Rat) {
	t.Helper()
	lo, hi := d.Hi(), d.Lo()
	for v, p := range want {
		if p.Sign() > 0 {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if lo != d.Lo() || hi != d.Hi() {
		t.Errorf("%s: support %d..%d, reference %d..%d", name, d.Lo(), d.Hi(), lo, hi)
		return
	}
	for v := lo; v <= hi; v++ {
		w := want[v]
		if w == nil {
			w = new(big.Rat)
		}
		if got := d.ProbRat(v); got.Cmp(w) != 0 {
			t.Errorf("%s: P(%d) = %s, reference %s", name, v, got.RatString(), w.RatString())
			return
		}
	}
}

func TestParseBrute(t *testing.T) {
	ge := func(t int) func(int) bool { return func(v int) bool { return v >= t } }
	eq := func(t int) func(int) bool { return func(v int) bool { return v == t } }
	tests := []struct {
		expr  string
		depth int // ExplodeDepth, 0 for the default
		prog  func(r *treeRoller) int
	}{
		{"3d6", 0, func(r *treeRoller) int { return tsum(r.dice(3, 6)) }},
		{"d6", 0, func(r *treeRoller) int { return r.d(6) }},
		{"1d6", 0, func(r *treeRoller) int { return r.d(6) }},
		{" 2 D 6 + 3 ", 0, func(r *treeRoller) int { return tsum(r.dice(2, 6)) + 3 }},
		{"d6-d4", 0, func(r *treeRoller) int { return r.d(6) - r.d(4) }},
		{"2*d6", 0, func(r *treeRoller) int { return 2 * r.d(6) }},
		{"d6*3", 0, func(r *treeRoller) int { return 3 * r.d(6) }},
		{"d6*d4", 0, func(r *treeRoller) int { return r.d(6) * r.d(4) }},
		{"d4*d4*2-1", 0, func(r *treeRoller) int { return r.d(4)*r.d(4)*2 - 1 }},
		{"-d6+d6", 0, func(r *treeRoller) int { return -r.d(6) + r.d(6) }},
		{"--d4", 0, func(r *treeRoller) int { return r.d(4) }},
		{"d4-(d4-d4)", 0, func(r *treeRoller) int { a := r.d(4); return a - (r.d(4) - r.d(4)) }},
		{"2+3*d4", 0, func(r *treeRoller) int { return 2 + 3*r.d(4) }},
		{"(2+3)*d4", 0, func(r *treeRoller) int { return 5 * r.d(4) }},
		{"3d4/2", 0, func(r *treeRoller) int { return tsum(r.dice(3, 4)) / 2 }},
		{"(d6-4)/2", 0, func(r *treeRoller) int { return (r.d(6) - 4) / 2 }},
		{"d6/-2*3", 0, func(r *treeRoller) int { return r.d(6) / -2 * 3 }},
		{"2d6/(1+2)", 0, func(r *treeRoller) int { return tsum(r.dice(2, 6)) / 3 }},
		{"7/2+d4", 0, func(r *treeRoller) int { return 3 + r.d(4) }},
		{"(d20+5)>(d20+3)", 0, func(r *treeRoller) int { a := r.d(20) + 5; return b2i(a > r.d(20)+3) }},
		{"(d6)>=d6", 0, func(r *treeRoller) int { a := r.d(6); return b2i(a >= r.d(6)) }},
		{"max(d6,d6)=(2d3)", 0, func(r *treeRoller) int { a := max(r.d(6), r.d(6)); return b2i(a == tsum(r.dice(2, 3))) }},
		{"(2d4)<=max(d4,d4)", 0, func(r *treeRoller) int { a := tsum(r.dice(2, 4)); return b2i(a <= max(r.d(4), r.d(4))) }},
		{"(d4)<-1", 0, func(r *treeRoller) int { r.d(4); return 0 }},
		{"2d6 − 1 × d4 ÷ 2", 0, func(r *treeRoller) int { return tsum(r.dice(2, 6)) - r.d(4)/2 }},
		{"4d6≥5", 0, func(r *treeRoller) int { return tcount(r.dice(4, 6), ge(5)) }},
		{"0d6+1", 0, func(r *treeRoller) int { return 1 }},
		{"d1", 0, func(r *treeRoller) int { return 1 }},
		{"d%", 0, func(r *treeRoller) int { return r.d(100) }},
		{"3dF", 0, func(r *treeRoller) int { return r.face(-1, 0, 1) + r.face(-1, 0, 1) + r.face(-1, 0, 1) }},
		{"d{1,1,2,3,5,8}", 0, func(r *treeRoller) int { return r.face(1, 1, 2, 3, 5, 8) }},
		{"2d{-1, 0,0,+1}", 0, func(r *treeRoller) int { return r.face(-1, 0, 0, 1) + r.face(-1, 0, 0, 1) }},
		{"4d6kh3", 0, func(r *treeRoller) int { return keepHi(r.dice(4, 6), 3) }},
		{"4D6KH3", 0, func(r *treeRoller) int { return keepHi(r.dice(4, 6), 3) }},
		{"4d6k3", 0, func(r *treeRoller) int { return keepHi(r.dice(4, 6), 3) }},
		{"4d6dl", 0, func(r *treeRoller) int { return keepHi(r.dice(4, 6), 3) }},
		{"4d6dl1", 0, func(r *treeRoller) int { return keepHi(r.dice(4, 6), 3) }},
		{"5d4kl2", 0, func(r *treeRoller) int { return keepLo(r.dice(5, 4), 2) }},
		{"5d4dh2", 0, func(r *treeRoller) int { return keepLo(r.dice(5, 4), 3) }},
		{"2d20kh", 0, func(r *treeRoller) int { return keepHi(r.dice(2, 20), 1) }},
		{"2d20kl1+5", 0, func(r *treeRoller) int { return keepLo(r.dice(2, 20), 1) + 5 }},
		{"4dFkh2", 0, func(r *treeRoller) int {
			v := []int{r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1)}
			return keepHi(v, 2)
		}},
		{"(d4)d6", 0, func(r *treeRoller) int { return tsum(r.dice(r.d(4), 6)) }},
		{"(d4-1)d6", 0, func(r *treeRoller) int { return tsum(r.dice(r.d(4)-1, 6)) }},
		{"(d4)d6kh2", 0, func(r *treeRoller) int {
			v := r.dice(r.d(4), 6)
			return keepHi(v, min(2, len(v)))
		}},
		{"(d4-1)d4dl2", 0, func(r *treeRoller) int {
			v := r.dice(r.d(4)-1, 4)
			return keepHi(v, max(0, len(v)-2))
		}},
		{"(d3)d6kl1>=3", 0, func(r *treeRoller) int {
			v := r.dice(r.d(3), 6)
			return kept(v, 1, false, ge(3))
		}},
		{"(d{0,2,2})d{1,5}!kh1", 1, func(r *treeRoller) int {
			n := r.face(0, 2, 2)
			v := make([]int, n)
			for i := range v {
				v[i] = r.face(1, 5)
				if v[i] == 5 {
					v[i] += r.face(1, 5)
				}
			}
			return keepHi(v, min(1, n))
		}},
		{"(1+1)d6", 0, func(r *treeRoller) int { return tsum(r.dice(2, 6)) }},
		{"(d3)d4>=3", 0, func(r *treeRoller) int { return tcount(r.dice(r.d(3), 4), ge(3)) }},
		{"max(d20,d20)", 0, func(r *treeRoller) int { return max(r.d(20), r.d(20)) }},
		{"MIN(d6, d8, d4)", 0, func(r *treeRoller) int { return min(r.d(6), r.d(8), r.d(4)) }},
		{"max(2d4, d8)+1", 0, func(r *treeRoller) int { return max(tsum(r.dice(2, 4)), r.d(8)) + 1 }},
		{"{2d8,d6}kh2", 0, func(r *treeRoller) int { return keepHi([]int{r.d(8), r.d(8), r.d(6)}, 2) }},
		{"{2d6, d4}kl1", 0, func(r *treeRoller) int { return keepLo([]int{r.d(6), r.d(6), r.d(4)}, 1) }},
		{"{d8, d8, d6}dl", 0, func(r *treeRoller) int { return keepHi([]int{r.d(8), r.d(8), r.d(6)}, 2) }},
		{"{(2d4),d6+1}kh1", 0, func(r *treeRoller) int { return max(tsum(r.dice(2, 4)), r.d(6)+1) }},
		{"{d6, 3}", 0, func(r *treeRoller) int { return r.d(6) + 3 }},
		{"{d6, 3}kh1", 0, func(r *treeRoller) int { return max(r.d(6), 3) }},
		{"{2d6,d8}>=5", 0, func(r *treeRoller) int { return tcount([]int{r.d(6), r.d(6), r.d(8)}, ge(5)) }},
		{"5d6>=5", 0, func(r *treeRoller) int { return tcount(r.dice(5, 6), ge(5)) }},
		{"4d6>5", 0, func(r *treeRoller) int { return tcount(r.dice(4, 6), ge(6)) }},
		{"4d6<3", 0, func(r *treeRoller) int { return tcount(r.dice(4, 6), func(v int) bool { return v < 3 }) }},
		{"4d6<=3", 0, func(r *treeRoller) int { return tcount(r.dice(4, 6), func(v int) bool { return v <= 3 }) }},
		{"4d6=6", 0, func(r *treeRoller) int { return tcount(r.dice(4, 6), func(v int) bool { return v == 6 }) }},
		{"4dF>=0", 0, func(r *treeRoller) int {
			return tcount([]int{r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1), r.face(-1, 0, 1)}, ge(0))
		}},
		{"3d6>=-1", 0, func(r *treeRoller) int { return 3 + 0*tsum(r.dice(3, 6)) }},
		{"4d6kh2>=4", 0, func(r *treeRoller) int { return kept(r.dice(4, 6), 2, true, ge(4)) }},
		{"4d6kh2<4", 0, func(r *treeRoller) int { return kept(r.dice(4, 6), 2, true, func(v int) bool { return v < 4 }) }},
		{"4d6kl3>4", 0, func(r *treeRoller) int { return kept(r.dice(4, 6), 3, false, ge(5)) }},
		{"4d6dh1<=2", 0, func(r *treeRoller) int { return kept(r.dice(4, 6), 3, false, func(v int) bool { return v <= 2 }) }},
		{"{2d6,d8}kh2>=5", 0, func(r *treeRoller) int { return kept([]int{r.d(6), r.d(6), r.d(8)}, 2, true, ge(5)) }},
		// = after a keep: how many kept dice show the value (ties at the keep line included).
		{"4d6kh2=3", 0, func(r *treeRoller) int { return kept(r.dice(4, 6), 2, true, eq(3)) }},
		{"5d6kh3=4", 0, func(r *treeRoller) int { return kept(r.dice(5, 6), 3, true, eq(4)) }},
		{"4d6kl2=1", 0, func(r *treeRoller) int { return kept(r.dice(4, 6), 2, false, eq(1)) }},
		{"4d6dh1=3", 0, func(r *treeRoller) int { return kept(r.dice(4, 6), 3, false, eq(3)) }},
		{"4d6dl3=6", 0, func(r *treeRoller) int { return kept(r.dice(4, 6), 1, true, eq(6)) }},
		{"{2d6,d8}kh2=5", 0, func(r *treeRoller) int { return kept([]int{r.d(6), r.d(6), r.d(8)}, 2, true, eq(5)) }},
		{"{d4,2d{1,1,2}}kl2=1", 0, func(r *treeRoller) int {
			return kept([]int{r.d(4), r.face(1, 1, 2), r.face(1, 1, 2)}, 2, false, eq(1))
		}},
		{"(d3)d6kh2=6", 0, func(r *treeRoller) int {
			v := r.dice(r.d(3), 6)
			return kept(v, min(2, len(v)), true, eq(6))
		}},
		{"3d6kh2=7", 0, func(r *treeRoller) int { return 0 * tsum(r.dice(3, 6)) }},
		{"(2d6+3)>=10", 0, func(r *treeRoller) int { return b2i(tsum(r.dice(2, 6))+3 >= 10) }},
		{"max(d6,d6)>4", 0, func(r *treeRoller) int { return b2i(max(r.d(6), r.d(6)) > 4) }},
		{"(3)>=3", 0, func(r *treeRoller) int { return 1 }},
		{"2d4!", 2, func(r *treeRoller) int { return explodeD(r, 4, 2) + explodeD(r, 4, 2) }},
		{"d4!", 0, func(r *treeRoller) int { return explodeD(r, 4, DefaultExplodeDepth) }},
		{"d6!", 1, func(r *treeRoller) int { return explodeD(r, 6, 1) }},
		{"3d4!kh2", 1, func(r *treeRoller) int {
			return keepHi([]int{explodeD(r, 4, 1), explodeD(r, 4, 1), explodeD(r, 4, 1)}, 2)
		}},
		{"{2d3!}>=3", 2, func(r *treeRoller) int { return tcount([]int{explodeD(r, 3, 2), explodeD(r, 3, 2)}, ge(3)) }},
		{"2d3!=3>=3", 2, func(r *treeRoller) int { return tcount([]int{explodeD(r, 3, 2), explodeD(r, 3, 2)}, ge(3)) }},
		{"d4!!", 2, func(r *treeRoller) int { return explodeD(r, 4, 2) }},
		{"2d6!>=5", 1, func(r *treeRoller) int { return explodeWhere(r, 6, 1, ge(5)) + explodeWhere(r, 6, 1, ge(5)) }},
		{"d{1,2,3}!<2", 3, func(r *treeRoller) int {
			t := 0
			for i := 0; ; i++ {
				x := r.face(1, 2, 3)
				t += x
				if x >= 2 || i == 3 {
					return t
				}
			}
		}},
		{"3d4!=2kh2", 2, func(r *treeRoller) int {
			two := func(v int) bool { return v == 2 }
			return keepHi([]int{explodeWhere(r, 4, 2, two), explodeWhere(r, 4, 2, two), explodeWhere(r, 4, 2, two)}, 2)
		}},
		{"d6!>6", 0, func(r *treeRoller) int { return r.d(6) }},
		{"d6r1!>=5", 1, func(r *treeRoller) int {
			one := func(v int) bool { return v == 1 }
			x := rerollD(r, 6, 1, one)
			if x >= 5 {
				x += rerollD(r, 6, 1, one)
			}
			return x
		}},
		{"2d6r1", 2, func(r *treeRoller) int {
			one := func(v int) bool { return v == 1 }
			return rerollD(r, 6, 2, one) + rerollD(r, 6, 2, one)
		}},
		{"d6r1", 0, func(r *treeRoller) int {
			return rerollD(r, 6, DefaultExplodeDepth, func(v int) bool { return v == 1 })
		}},
		{"2d6ro<3", 0, func(r *treeRoller) int {
			lt3 := func(v int) bool { return v < 3 }
			return rerollD(r, 6, 1, lt3) + rerollD(r, 6, 1, lt3)
		}},
		{"d8r1r>=7", 2, func(r *treeRoller) int {
			return rerollD(r, 8, 2, func(v int) bool { return v == 1 || v >= 7 })
		}},
		{"d6 ro = 6 !", 2, func(r *treeRoller) int {
			// rerolls first, then the explosion rolls the rerolled die again
			var die func(depth int) int
			die = func(depth int) int {
				x := rerollD(r, 6, 1, func(v int) bool { return v == 6 })
				if x == 6 && depth > 0 {
					return x + die(depth-1)
				}
				return x
			}
			return die(2)
		}},
		{"3d4ro1kh2", 0, func(r *treeRoller) int {
			one := func(v int) bool { return v == 1 }
			return keepHi([]int{rerollD(r, 4, 1, one), rerollD(r, 4, 1, one), rerollD(r, 4, 1, one)}, 2)
		}},
		{"d{1,2,2}r2", 1, func(r *treeRoller) int {
			x := r.face(1, 2, 2)
			if x == 2 {
				x = r.face(1, 2, 2)
			}
			return x
		}},
	}
	for _, tc := range tests {
		d, err := ParseWith(tc.expr, ParseOptions{ExplodeDepth: tc.depth})
		if !assert.NoError(t, err, tc.expr) {
			continue
		}
		checkAgainst(t, tc.expr, d, treeEnumerate(tc.prog))
	}
}

// kept counts the dice passing f among the k highest (or lowest) of v.
func kept(v []int, k int, highest bool, f func(int) bool) int {
	v = slices.Clone(v)
	slices.Sort(v)
	if highest {
		return tcount(v[len(v)-k:], f)
	}
	return tcount(v[:k], f)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestParseMatchesCombinators checks that the notation builds what the combinators build.
func TestParseMatchesCombinators(t *testing.T) {
	d6 := Die(6)
	tests := []struct {
		expr string
		want *Dist
	}{
		{"3d6", new(Dist).Repeat(d6, 3)},
		{"1000d6", new(Dist).Repeat(d6, 1000)},
		{"100d20kh10", new(Dist).KeepHighest(Die(20), 100, 10)},
		{"100d20dl90", new(Dist).KeepHighest(Die(20), 100, 10)},
		{"50d8kl3", new(Dist).KeepLowest(Die(8), 50, 3)},
		{"10d6!", new(Dist).Repeat(new(Dist).Explode(d6, DefaultExplodeDepth), 10)},
		{"20d10>=8", new(Dist).CountSuccesses(Die(10), 20, func(v int) bool { return v >= 8 })},
		{"(2d4)d10", new(Dist).RepeatDist(Die(10), new(Dist).Repeat(Die(4), 2))},
		{"max(d20,d20)+5", new(Dist).Shift(new(Dist).Highest(Die(20), Die(20)), 5)},
		{"{3d8, 2d12}kh2", new(Dist).KeepHighestPool([]*Dist{Die(8), Die(8), Die(8), Die(12), Die(12)}, 2)},
		{"30dF", new(Dist).Repeat(Faces(-1, 0, 1), 30)},
	}
	for _, tc := range tests {
		d, err := Parse(tc.expr)
		if assert.NoError(t, err, tc.expr) {
			assert.True(t, d.Equal(tc.want), "%s differs from the combinators", tc.expr)
		}
	}
}

// TestParseTextbook checks values computed by hand.
func TestParseTextbook(t *testing.T) {
	d, err := Parse("4d6kh3")
	require.NoError(t, err)
	assert.Equal(t, "15869/1296", d.MeanRat().RatString())
	d, err = Parse("3d6")
	require.NoError(t, err)
	assert.Equal(t, "1/8", d.ProbRat(10).RatString()) // 27/216
	// 2d6: 1 2 3 4 5 6 5 4 3 2 1 over 36.
	d, err = Parse("2d6")
	require.NoError(t, err)
	for v := 2; v <= 12; v++ {
		assert.Equal(t, big.NewRat(int64(6-tabs(v-7)), 36).RatString(), d.ProbRat(v).RatString(), "2d6 P(%d)", v)
	}
	// (2d6+3)>=10 is 1 with probability P(2d6 >= 7) = 21/36.
	d, err = Parse("(2d6+3)>=10")
	require.NoError(t, err)
	assert.Equal(t, "7/12", d.MeanRat().RatString())
}

func tabs(x int) int { return max(x, -x) }

func TestParseErrors(t *testing.T) {
	tests := []struct {
		expr string
		col  int
		msg  string // a part of the message
	}{
		{"", 1, "empty expression"},
		{"   ", 1, "empty expression"},
		{"3d", 3, `expected the number of sides after "d"`},
		{"3d+1", 3, `expected the number of sides after "d"`},
		{"d0", 2, "at least 1 side"},
		{"4d6kh5", 4, "cannot keep 5 of 4 dice"},
		{"4d6dl4", 4, "cannot drop 4 of 4 dice"},
		{"4d6kh0", 4, "keeps nothing"},
		{"{d6,d8}kh3", 8, "cannot keep 3 of 2 items"},
		{"2d6+", 5, `after "+", found the end`},
		{"2d6*", 5, `after "*"`},
		{"(2d6", 5, `expected ")" to close "(" at column 1`},
		{"2d6)", 4, `unmatched ")"`},
		{"d{}", 3, "expected a face value"},
		{"d{1,}", 5, `expected a face value after ","`},
		{"d{1,2", 6, `expected "}" to close "{" at column 2`},
		{"3x6", 2, `expected an operator (+ - * /) or the end of the expression, found "x"`},
		{strings.Repeat("(", 300) + "d6" + strings.Repeat(")", 300), 201, "nested too deeply"},
		{strings.Repeat("-", 300) + "d6", 201, "nested too deeply"},
		{"99999999999999999999d6", 1, "number 99999999999999999999 is too large"},
		{"(-3)d6", 1, "number of dice cannot be negative, found -3"},
		{"(d4-2)d6", 1, "number of dice cannot be negative, but (d4-2) can be -1"},
		{"1000000000d6", 1, "1000000000d6 would need about"},
		{"2d6+1000000000d6", 5, "would need about"},
		{"3>=2", 2, "must follow dice"},
		{"d6r", 4, `a value to reroll after "r"`},
		{"d6r<7", 3, "would reroll every face"},
		{"d{1,1}r1", 7, "would reroll every face"},
		{"d6r1ro2", 5, `cannot mix "r"`},
		{"4d6kh3!", 7, `"!" must come before "kh3"`},
		{"d6!!!", 5, "already explodes"},
		{"d6!>0", 3, "!>0 would explode on every face"},
		{"d6!>", 5, "expected a value to explode on"},
		{"4d6kh3kl1", 7, "only one keep or drop"},
		{"{(d4)d6,d8}kh2", 12, "kh2 in a {pool} needs a fixed number of dice, but (d4) is random"},
		{"(d4)d6kh0", 7, "keeps nothing"},
		{"(d2000)d6kh2", 10, "at most 1000 possible numbers, but (d2000) has 2000"},
		{"max d6", 5, `expected "(" after "max"`},
		{"max()", 5, "expected a number"},
		{"d6>=", 5, "expected a threshold"},
		{"é+1", 1, `found "é"`},
		{"1+é", 3, `found "é"`},
		{"d6−≥", 4, `found ">"`},
		{"≤", 1, `found "<"`},
		{"d6×é", 4, `found "é"`},
		{"d6+d6+x", 7, `found "x"`},
		{"4611686018427387903*2", 1, "exceed 2^62"},
		{"4611686018427387904", 1, "too large (the limit is 2^62)"},
		{"d9223372036854775807", 2, "too large"},
		{"d6/d6", 4, "can only divide by a number, but d6 is random"},
		{"d6/0", 4, "division by zero"},
		{"d6/(1-1)", 4, "division by zero"},
		{"(d6)>=", 7, "expected a number"},
		{"4d6>=(d6)", 6, "expected a threshold"},
	}
	for _, tc := range tests {
		_, err := Parse(tc.expr)
		var pe *ParseError
		if !assert.True(t, errors.As(err, &pe), "%q: want a *ParseError, got %v", tc.expr, err) {
			continue
		}
		assert.Equal(t, tc.expr, pe.Expr)
		assert.Equal(t, tc.col, pe.Pos, "%q: column (%s)", tc.expr, pe.Msg)
		assert.Contains(t, pe.Msg, tc.msg, tc.expr)
		assert.True(t, strings.HasPrefix(err.Error(), "dist: "), err.Error())
		assert.NotContains(t, err.Error(), "\n")
	}
}

func TestParseErrorString(t *testing.T) {
	_, err := Parse("3d")
	assert.EqualError(t, err,
		`dist: parsing "3d": column 3: expected the number of sides after "d" (a number, %, F or {faces}), found the end of the expression`)
}

// TestParseSizes checks the refusals of expressions too large for memory or time, and that
// they come at once.
func TestParseSizes(t *testing.T) {
	start := time.Now()
	_, err := Parse("1000000000d6")
	assert.ErrorContains(t, err, "column 1: 1000000000d6 would need about")
	assert.ErrorContains(t, err, "EiB of memory (the limit is 1 GiB)")
	_, err = Parse("d1000000000000")
	assert.ErrorContains(t, err, "would need about")
	_, err = Parse("1000000d1000000kh500000")
	assert.ErrorContains(t, err, "would")
	assert.Less(t, time.Since(start), time.Second)

	// A smaller limit refuses a smaller expression; the default allows 10000d6.
	_, err = ParseWith("100d6", ParseOptions{MaxBytes: 1000})
	assert.ErrorContains(t, err, "(the limit is 1000 bytes)")
	_, _, err = check("10000d6", ParseOptions{}, maxWork, false)
	assert.NoError(t, err)
	_, _, err = check("1000d20", ParseOptions{}, maxWork, false)
	assert.NoError(t, err)
	// Fair dice take the cheaper keep algorithms, and the estimate knows it: this computes in
	// well under a second and must not be refused as too slow.
	_, _, err = check("100d100kh50", ParseOptions{}, maxWork, false)
	assert.NoError(t, err)

	// Work: a random number of many dice is refused as too slow, and any expression is
	// refused under a small enough bound.
	_, err = Parse("(1000d6)d6")
	assert.ErrorContains(t, err, "column 1: (1000d6)d6 would take too long to compute")
	_, _, err = check("2d6+400d6kh200", ParseOptions{}, 1e6, false)
	assert.ErrorContains(t, err, "column 5: 400d6kh200 would take too long to compute")
}

func TestParseOptionsPanics(t *testing.T) {
	assert.PanicsWithValue(t, "dist: ParseWith with a negative ExplodeDepth or MaxBytes", func() {
		_, _ = ParseWith("d6", ParseOptions{ExplodeDepth: -2})
	})
	assert.PanicsWithValue(t, "dist: ParseWith with a negative ExplodeDepth or MaxBytes", func() {
		_, _ = ParseWith("d6", ParseOptions{MaxBytes: -1})
	})
}

// TestParseDepth checks that ExplodeDepth reaches explosions and rerolls.
func TestParseDepth(t *testing.T) {
	// NoExtraRolls: "!" and "r" leave the die as first rolled (total 6, not 6^(depth+1)).
	for _, expr := range []string{"d6!", "d6r1", "d6!r<3", "d6!>=5"} {
		d, err := ParseWith(expr, ParseOptions{ExplodeDepth: NoExtraRolls})
		require.NoError(t, err, expr)
		assert.True(t, d.Equal(Die(6)), "%s with no extra rolls", expr)
		assert.Equal(t, "6", d.Total().String(), expr)
	}
	d, err := ParseWith("3d6!kh2", ParseOptions{ExplodeDepth: NoExtraRolls})
	require.NoError(t, err)
	assert.True(t, d.Equal(new(Dist).KeepHighest(Die(6), 3, 2)))

	d, err = ParseWith("d6!", ParseOptions{ExplodeDepth: 3})
	require.NoError(t, err)
	assert.Equal(t, 24, d.Hi())
	assert.Equal(t, "1296", d.Total().String()) // 6^(3+1)
	d, err = Parse("d6!")
	require.NoError(t, err)
	assert.Equal(t, 6*(DefaultExplodeDepth+1), d.Hi())
	d, err = ParseWith("d6r6", ParseOptions{ExplodeDepth: 2})
	require.NoError(t, err)
	assert.Equal(t, "1/216", d.ProbRat(6).RatString())
}

func BenchmarkParse(b *testing.B) {
	for _, expr := range []string{"3d6", "4d6kh3", "2d20kh1+5", "(d4)d6kh2", "100d20kh10", "1000d6", "10000d6"} {
		b.Run("expr="+expr, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(expr); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestParseErrorLong checks that a long expression is quoted by a window around the column,
// with the column still counted from the start, and a short one whole.
func TestParseErrorLong(t *testing.T) {
	long := strings.Repeat("(", 5000) + "3d" + strings.Repeat(")", 5000)
	_, err := Parse(long)
	require.Error(t, err)
	msg := err.Error()
	assert.Less(t, len(msg), 300, msg)
	assert.Contains(t, msg, "(10002 characters)")
	assert.Contains(t, msg, "column ")
	e := &ParseError{Expr: strings.Repeat("a", 100) + "XYZ" + strings.Repeat("b", 100), Pos: 101, Msg: "bad"}
	assert.Equal(t, `dist: parsing …"`+strings.Repeat("a", 30)+"XYZ"+strings.Repeat("b", 27)+`"… (203 characters): column 101: bad`, e.Error())
	e = &ParseError{Expr: strings.Repeat("é", 90), Pos: 1, Msg: "bad"}
	assert.Equal(t, `dist: parsing "`+strings.Repeat("é", 60)+`"… (90 characters): column 1: bad`, e.Error())
	e = &ParseError{Expr: "3d", Pos: 3, Msg: "bad"}
	assert.Equal(t, `dist: parsing "3d": column 3: bad`, e.Error())
}
