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
	} {
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, expr string, depth uint8) {
		opt := ParseOptions{ExplodeDepth: int(depth%4) + 1, MaxBytes: 1 << 20}
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
