package dist

import (
	"errors"
	"math/big"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, that its errors are *ParseError with a column
// inside the expression (or just after it), and that every distribution it returns is
// well formed: positive end weights, no negative weight, and weights summing to the total, so
// that the probabilities sum to 1. Sizes and work are kept small so that each input is fast.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"3d6", "4d6kh3", "2d20kl1+5", "d%", "4dF", "d{1,1,2,3,5,8}", "d{-3,0,2}!", "(d4)d6",
		"max(d20,d20)", "min(d6,2d4)-1", "{2d8,d6}kh2", "{(2d6),d8+1}kl1>3", "10d6>=5",
		"5d10kh3>7", "(2d6+3)>=10", "3d6!", "d6r1r6", "2d6ro<3!", "4d6dl", "3*(d6-d6)",
		"-d6*d4", "(0)d6", "", "3d", "d0", "4d6kh5", "2d6+", "(2d6", "d{}", "3x6",
		"99999999999999999999d6", "(-3)d6", "1000000000d6", "d6>=", "{d6,}", "é",
		"8d6/2", "(d6-4)/-2", "d6/0", "(d20+5)>(d20+3)", "max(d6,d6)<=(2d3)", "(d4)d6kh2",
		"(d4-1)d4dl2>=3", "((((d6))))", "--d6", "2d6 kh 1",
		// wave 2: penetration, separate explosions, keep-middle, failures, sets, runs, joints
		"d6!p", "3d10!p>=9", "d6!pp", "d6!p>", "10d6x", "10d6x>=5", "4d6xkh3", "5d10xo>=8", "d6xx",
		"d6!x", "(d4)d6x", "{2d4x, d6}km1", "5d6km3", "3d20km1", "4d6km0", "4d6km", "10d10>=8f1",
		"6d10>=7f<=2", "10d10>=8f", "10d10f1", "matches(5d6)", "straight(5d6)", "matches({2d8, d6})",
		"straight(4d6x)", "matches(5d6)>=3", "matches(", "matches()", "matches(5d6+1)",
		"straight(4d6kh3)", "matches((d3)d4)", "10d6>=5&=1", "4dF>=1&<=-1", "10d6>=5&", "3d6&",
		"(10d6>=5&=1)", "10d6>=5f1&=1", "{3d4x}>=3&=1", "4d6kh2>=5&=6", "&", "d6x>=1", "x",
	} {
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, expr string, depth uint8) {
		opt := ParseOptions{ExplodeDepth: int(depth%4) + 1, MaxBytes: 1 << 20}
		if j, err := parseJointLimited(expr, opt, 1e6); err == nil {
			checkJointWellFormed(t, expr, j)
		} else if !errors.As(err, new(*ParseError)) {
			t.Fatalf("%q: ParseJoint error %v is not a *ParseError", expr, err)
		}
		d, err := parseLimited(expr, opt, 1e6)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%q: error %v is not a *ParseError", expr, err)
			}
			if pe.Pos < 1 || pe.Pos > utf8.RuneCountInString(expr)+1 {
				t.Fatalf("%q: column %d outside the expression", expr, pe.Pos)
			}
			return
		}
		sum := new(big.Int)
		i := 0
		for v, w := range d.Weights() {
			if w.Sign() < 0 || ((v == d.Lo() || v == d.Hi()) && w.Sign() == 0) {
				t.Fatalf("%q: weight %v at %d (support %d..%d)", expr, w, v, d.Lo(), d.Hi())
			}
			sum.Add(sum, w)
			i++
		}
		if i != d.Hi()-d.Lo()+1 || sum.Cmp(d.Total()) != 0 {
			t.Fatalf("%q: %d weights summing to %v, total %v", expr, i, sum, d.Total())
		}
	})
}

// checkJointWellFormed fails unless j has tight bounds, no negative weight, and weights
// summing to its total.
func checkJointWellFormed(t *testing.T, expr string, j *Joint) {
	sum := new(big.Int)
	lo, hi := j.Lo(), j.Hi()
	seen := [2][2]bool{}
	for ab, w := range j.Weights() {
		if w.Sign() <= 0 || ab[0] < lo[0] || ab[0] > hi[0] || ab[1] < lo[1] || ab[1] > hi[1] {
			t.Fatalf("%q: weight %v at %v (support %v..%v)", expr, w, ab, lo, hi)
		}
		for i := range 2 {
			seen[i][0] = seen[i][0] || ab[i] == lo[i]
			seen[i][1] = seen[i][1] || ab[i] == hi[i]
		}
		sum.Add(sum, w)
	}
	if seen != [2][2]bool{{true, true}, {true, true}} || sum.Cmp(j.Total()) != 0 {
		t.Fatalf("%q: bounds %v..%v not tight or weights summing to %v, total %v", expr, lo, hi, sum, j.Total())
	}
}
