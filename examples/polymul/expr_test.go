package main

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/polyconv/polyconv/poly"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testPoints are where generated expressions are evaluated.
var testPoints = []*big.Rat{big.NewRat(-2, 1), big.NewRat(-1, 1), big.NewRat(0, 1), big.NewRat(1, 2), big.NewRat(3, 1), big.NewRat(-7, 3)}

// genExpr is a random expression with its values and derivatives at testPoints, computed
// with big.Rat arithmetic as the text is built (independently of the parser and of package
// poly), and whether every number in it is an integer without division.
type genExpr struct {
	text     string
	val, der []*big.Rat
	isInt    bool
}

func constExpr(text string, v *big.Rat, isInt bool) genExpr {
	g := genExpr{text: text, isInt: isInt}
	for range testPoints {
		g.val = append(g.val, new(big.Rat).Set(v))
		g.der = append(g.der, new(big.Rat))
	}
	return g
}

func genRandExpr(r *rand.Rand, depth int) genExpr {
	if depth == 0 || r.IntN(4) == 0 {
		switch r.IntN(4) {
		case 0: // the variable
			g := genExpr{text: "x", isInt: true}
			for _, p := range testPoints {
				g.val = append(g.val, new(big.Rat).Set(p))
				g.der = append(g.der, big.NewRat(1, 1))
			}
			return g
		case 1: // a decimal
			n := r.IntN(1000)
			return constExpr(fmt.Sprintf("%d.%02d", n/100, n%100), big.NewRat(int64(n), 100), false)
		default:
			n := int64(r.IntN(30))
			return constExpr(fmt.Sprint(n), big.NewRat(n, 1), true)
		}
	}
	a := genRandExpr(r, depth-1)
	var b genExpr
	g := genExpr{isInt: a.isInt}
	switch op := r.IntN(8); op {
	case 0, 1, 2: // + - *
		b = genRandExpr(r, depth-1)
		g.isInt = a.isInt && b.isInt
		sym := []string{" + ", " - ", "*"}[op]
		g.text = "(" + a.text + ")" + sym + "(" + b.text + ")"
		if op == 2 && r.IntN(2) == 0 {
			g.text = "(" + a.text + ")(" + b.text + ")" // juxtaposition
		}
		for i := range testPoints {
			v, d := new(big.Rat), new(big.Rat)
			switch op {
			case 0:
				v.Add(a.val[i], b.val[i])
				d.Add(a.der[i], b.der[i])
			case 1:
				v.Sub(a.val[i], b.val[i])
				d.Sub(a.der[i], b.der[i])
			case 2:
				v.Mul(a.val[i], b.val[i])
				d.Add(new(big.Rat).Mul(a.der[i], b.val[i]), new(big.Rat).Mul(a.val[i], b.der[i]))
			}
			g.val, g.der = append(g.val, v), append(g.der, d)
		}
	case 3: // negation
		g.text = "-(" + a.text + ")"
		for i := range testPoints {
			g.val = append(g.val, new(big.Rat).Neg(a.val[i]))
			g.der = append(g.der, new(big.Rat).Neg(a.der[i]))
		}
	case 4, 5: // a power
		e := r.IntN(5)
		sym := "^"
		if op == 5 {
			sym = "**"
		}
		g.text = fmt.Sprintf("(%s)%s%d", a.text, sym, e)
		for i := range testPoints {
			v, d := big.NewRat(1, 1), new(big.Rat)
			for range e { // (a^k)' = a'·a^(k−1) + a·(a^(k−1))'
				d.Add(new(big.Rat).Mul(d, a.val[i]), new(big.Rat).Mul(v, a.der[i]))
				v.Mul(v, a.val[i])
			}
			g.val, g.der = append(g.val, v), append(g.der, d)
		}
	case 6: // division by a nonzero constant
		c := int64(1 + r.IntN(12))
		g.isInt = false
		g.text = fmt.Sprintf("(%s)/%d", a.text, c)
		for i := range testPoints {
			g.val = append(g.val, new(big.Rat).Quo(a.val[i], big.NewRat(c, 1)))
			g.der = append(g.der, new(big.Rat).Quo(a.der[i], big.NewRat(c, 1)))
		}
	default: // a coefficient times the expression: 3(…) or 3x
		c := int64(r.IntN(20))
		g.isInt = a.isInt
		g.text = fmt.Sprintf("%d(%s)", c, a.text)
		if a.text == "x" {
			g.text = fmt.Sprintf("%dx", c)
		}
		for i := range testPoints {
			g.val = append(g.val, new(big.Rat).Mul(a.val[i], big.NewRat(c, 1)))
			g.der = append(g.der, new(big.Rat).Mul(a.der[i], big.NewRat(c, 1)))
		}
	}
	return g
}

// parseOutput reads the polynomial the program printed.
func parseOutput(t *testing.T, out string) *poly.Rat {
	t.Helper()
	p, ok := new(poly.Rat).SetString(strings.TrimSpace(out))
	require.True(t, ok, "output %q is not a polynomial", out)
	return p
}

func TestExpressionsAgainstDirectEvaluation(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 1))
	for range 300 {
		g := genRandExpr(r, 1+r.IntN(5))
		code, out, errs := runProgram("--", g.text)
		require.Equal(t, 0, code, "%q: %s", g.text, errs)
		p := parseOutput(t, out)
		if g.isInt { // integer coefficients are printed as integers
			_, ok := new(poly.Int).SetString(strings.TrimSpace(out))
			assert.True(t, ok, "%q printed %q", g.text, out)
		}
		code, dout, errs := runProgram("-deriv", "--", g.text)
		require.Equal(t, 0, code, "-deriv %q: %s", g.text, errs)
		d := parseOutput(t, dout)
		for i, x := range testPoints {
			assert.Zero(t, p.Eval(x).Cmp(g.val[i]), "%q = %s at %s: want %s", g.text, out, x.RatString(), g.val[i].RatString())
			assert.Zero(t, d.Eval(x).Cmp(g.der[i]), "(%q)' = %s at %s: want %s", g.text, dout, x.RatString(), g.der[i].RatString())
			for _, deriv := range []bool{false, true} {
				args, want := []string{"-eval", x.RatString(), "--", g.text}, g.val[i]
				if deriv {
					args, want = append([]string{"-deriv"}, args...), g.der[i]
				}
				code, vout, errs := runProgram(args...)
				require.Equal(t, 0, code, "%v: %s", args, errs)
				v, ok := new(big.Rat).SetString(strings.TrimSpace(vout))
				require.True(t, ok, "%v printed %q", args, vout)
				assert.Zero(t, v.Cmp(want), "%v = %s, want %s", args, vout, want.RatString())
			}
		}
	}
}

func TestTwoOperandModes(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2))
	for range 60 {
		ga, gb := genRandExpr(r, 3), genRandExpr(r, 3)
		// The product of two expressions, at the points.
		code, out, errs := runProgram("--", ga.text, gb.text)
		require.Equal(t, 0, code, "%q %q: %s", ga.text, gb.text, errs)
		p := parseOutput(t, out)
		for i, x := range testPoints {
			assert.Zero(t, p.Eval(x).Cmp(new(big.Rat).Mul(ga.val[i], gb.val[i])), "(%q)(%q) at %s", ga.text, gb.text, x.RatString())
		}
		a, _ := new(poly.Rat).SetString(strings.TrimSpace(runOK(t, "--", ga.text)))
		b, _ := new(poly.Rat).SetString(strings.TrimSpace(runOK(t, "--", gb.text)))
		// -div: A = q·B + r with deg r < deg B.
		code, out, errs = runProgram("-div", "--", ga.text, gb.text)
		if b.Degree() < 0 {
			assert.Equal(t, 2, code, "-div by zero %q", gb.text)
			assert.Contains(t, errs, "division by zero")
		} else {
			require.Equal(t, 0, code, "-div %q %q: %s", ga.text, gb.text, errs)
			q, rem := labelled(t, out, "quotient"), labelled(t, out, "remainder")
			assert.True(t, new(poly.Rat).Add(new(poly.Rat).Mul(q, b), rem).Equal(a), "-div %q %q: %s", ga.text, gb.text, out)
			assert.Less(t, rem.Degree(), b.Degree())
		}
		// -gcd -cofactors with a planted common factor: g divides both, g = s·A + t·B.
		c := genRandExpr(r, 2)
		at, bt := "("+ga.text+")*("+c.text+")", "("+gb.text+")*("+c.text+")"
		code, out, errs = runProgram("-gcd", "-cofactors", "--", at, bt)
		require.Equal(t, 0, code, "-gcd %q %q: %s", at, bt, errs)
		g, s, tt := labelled(t, out, "gcd"), labelled(t, out, "s"), labelled(t, out, "t")
		A, _ := new(poly.Rat).SetString(strings.TrimSpace(runOK(t, "--", at)))
		B, _ := new(poly.Rat).SetString(strings.TrimSpace(runOK(t, "--", bt)))
		assert.True(t, new(poly.Rat).Add(new(poly.Rat).Mul(s, A), new(poly.Rat).Mul(tt, B)).Equal(g), "-gcd %q %q: %s", at, bt, out)
		if g.Degree() >= 0 {
			assert.Equal(t, -1, new(poly.Rat).Rem(A, g).Degree())
			assert.Equal(t, -1, new(poly.Rat).Rem(B, g).Degree())
			C, _ := new(poly.Rat).SetString(strings.TrimSpace(runOK(t, "--", c.text)))
			if C.Degree() >= 0 {
				assert.Equal(t, -1, new(poly.Rat).Rem(g, C).Degree(), "the planted factor %q does not divide the gcd %v", c.text, g)
			}
		}
		code, out2, _ := runProgram("-gcd", "--", at, bt)
		require.Equal(t, 0, code)
		assert.True(t, parseOutput(t, out2).Equal(g))
	}
}

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runProgram(args...)
	require.Equal(t, 0, code, "%v: %s", args, errs)
	return out
}

// labelled returns the polynomial on the output line "label: …".
func labelled(t *testing.T, out, label string) *poly.Rat {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(line, label+": "); ok {
			return parseOutput(t, v)
		}
	}
	t.Fatalf("no %q line in %q", label, out)
	return nil
}

func TestExamplesOfTheIssue(t *testing.T) {
	// (1+x)^100*(1-x)^3 at x = 1 is 0 and at x = -1 is 0; at x = 2 it is 3^100·(−1).
	want := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(3), big.NewInt(100), nil))
	assert.Equal(t, want.Neg(want).RatString(), strings.TrimSpace(runOK(t, "-eval", "2", "(1+x)^100*(1-x)^3")))
	p := parseOutput(t, runOK(t, "(1+x)^100*(1-x)^3"))
	assert.Equal(t, 103, p.Degree())
	assert.Zero(t, p.Eval(big.NewRat(2, 1)).Cmp(want))
	// (x^2 - 1/3)*(2x + 5)^10 at x = 1/2: (1/4 − 1/3)·6^10 = −6^10/12.
	q := parseOutput(t, runOK(t, "(x^2 - 1/3)*(2x + 5)^10"))
	assert.Equal(t, 12, q.Degree())
	w := new(big.Rat).SetFrac(new(big.Int).Exp(big.NewInt(6), big.NewInt(10), nil), big.NewInt(-12))
	assert.Zero(t, q.Eval(big.NewRat(1, 2)).Cmp(w))
	// -rat prints integers as rationals would, and the same polynomial.
	assert.True(t, parseOutput(t, runOK(t, "-rat", "(1+x)^3")).Equal(parseOutput(t, runOK(t, "(1+x)^3"))))
	// A long power is expanded exactly: check C(100000, k) for a few k through the summary.
	code, out, errs := runProgram("(1+x)^100000")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "degree 100000, 100001 nonzero terms")
	// Another letter is kept in the output.
	assert.Equal(t, "t^2 + 2t + 1", strings.TrimSpace(runOK(t, "(t+1)^2")))
}

func TestExpressionErrors(t *testing.T) {
	for _, c := range []struct {
		expr string
		col  int
		msg  string
	}{
		{"2x+", 4, "found the end"},
		{"(1+x", 5, `expected ")" to close the "(" at column 1`},
		{"1+x)", 4, `unmatched ")"`},
		{"x^", 3, "expected an exponent"},
		{"x^-1", 3, "negative exponent"},
		{"x^1.5", 4, "a number cannot follow"},
		{"x^(1/2)", 3, "must be an integer"},
		{"x^99999999999", 3, "the exponent 99999999999 is too large (at most 1000000000)"},
		{"(1+x)^1000000000", 6, "the exponent 1000000000"},
		{"(1+x)^1000000000", 6, "the exponent can be at most about"},
		{"x/(x+1)", 2, "division by a polynomial"},
		{"1/0", 2, "division by zero"},
		{"x/(2-2)", 2, "division by zero"},
		{"(10/7)^(100/0)", 12, "division by zero"}, // found by FuzzParseExpr: a panic in the exponent
		{"x^(2/(3-3)+1)", 5, "division by zero: (3-3) is 0"},
		{"x y", 3, "a second variable"},
		{"2 3", 3, "a number cannot follow"},
		{"xx", 1, "unknown name"},
		{"()", 2, "empty parentheses"},
		{"x^2^3", 4, "power of a power"},
		{"3x +\u00e9", 5, "U+00E9"},
		{"x + \u00e9\u00e9 + ?", 5, "U+00E9"},
		{"(\u00e9\u00e9)", 2, "U+00E9"},
		{"x+1 ?", 5, `"?"`},
		{"1 + \x00", 5, "NUL"},
		{"", 1, "empty expression"},
		{"(((((x)))))" + strings.Repeat("(", 2000), 1012, "parentheses nested more than 1000 deep"},
		{strings.Repeat("-", 1001) + "x", 1001, "signs nested more than 1000 deep"},
		{"(1+x)^60000*(1-x)^60000", 12, "memory"},
	} {
		code, out, errs := runProgram("--", c.expr)
		assert.Equal(t, 2, code, "%q", c.expr)
		assert.Empty(t, out, "%q", c.expr)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "%q: one line: %q", c.expr, errs)
		assert.True(t, strings.HasSuffix(errs, "\n"))
		assert.Contains(t, errs, fmt.Sprintf("column %d: ", c.col), "%q", c.expr)
		assert.Contains(t, errs, c.msg, "%q", c.expr)
		assert.NotContains(t, errs, "not a polynomial", "%q", c.expr)
	}
	// A tiny memory limit refuses even small results, naming the limit.
	code, _, errs := runProgram("-max-bytes", "1K", "(1+x)^100")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "the limit is 1 KiB")
	// Mode errors.
	for _, args := range [][]string{{"-gcd", "x"}, {"-div", "x", "x", "x"}, {"-eval", "1/0", "x"}, {"-eval", "two", "x"}, {"-cofactors", "x", "x"}, {"-gcd", "-div", "x", "x"}, {"-div", "x", "0"}, {"-x^2+1"}} {
		code, out, errs := runProgram(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "%v: %q", args, errs)
	}
}

// checkParse is the property FuzzParseExpr checks: no panic; an error names a column within
// the text; an accepted small expression expands to a polynomial whose value at 3 is the
// tree's value there.
func checkParse(t *testing.T, s string) {
	tree, p, err := parseOperand(s)
	if err != nil {
		var e *exprError
		require.ErrorAs(t, err, &e)
		require.True(t, 1 <= e.col && e.col <= utf8.RuneCountInString(s)+1, "column %d of %q", e.col, s)
		return
	}
	c := &checker{p: p, rat: !tree.isInt, maxBytes: 1 << 20}
	if b, err := c.check(tree); err != nil || b.work > 1e6 {
		return
	}
	x := big.NewRat(3, 1)
	want := evalAt(tree, x)
	var got *big.Rat
	if tree.isInt {
		v := expand[*poly.Int](intRing{}, tree).Eval(x.Num())
		got = new(big.Rat).SetInt(v)
	} else {
		got = expand[*poly.Rat](ratRing{}, tree).Eval(x)
	}
	require.Zero(t, got.Cmp(want), "%q at 3: expanded %s, tree %s", s, got.RatString(), want.RatString())
}

func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{"(1+x)^100*(1-x)^3", "(x^2 - 1/3)*(2x + 5)^10", "3x^2 - 2x + 1", "x**2", "2(x+1)(x-1)", ".5x - 1.25", "x^(2*3)", "-(-x)", "(1+x)^(10^9)", "x/0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkParse(t, s)
		// The program on the same text with small limits: exit 0, or 2 with one line.
		code, _, errs := runProgram("-max-bytes", "1M", "--", s)
		if code != 0 {
			require.Equal(t, 2, code, "%q", s)
			require.Equal(t, 1, strings.Count(errs, "\n"), "%q: %q", s, errs)
		}
	})
}
