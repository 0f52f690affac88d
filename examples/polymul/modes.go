package main

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"regexp"
	"strings"

	"github.com/polyconv/polyconv/internal/cliflag"
	"github.com/polyconv/polyconv/poly"
)

// operand is one parsed expression argument.
type operand struct {
	text string
	p    *parser
	tree *node
	name string // how messages name it: "" alone, "first polynomial", "A" …
}

// failure is a problem with the input: one line on stderr, exit status 2.
type failure struct{ msg string }

func failf(format string, a ...any) *failure { return &failure{fmt.Sprintf(format, a...)} }

// failure names the operand and the column of err.
func (o *operand) failure(err error) *failure {
	name := ""
	if o.name != "" {
		name = " (" + o.name + ")"
	}
	return failf("%q%s: %v", abbrev(o.text), name, err)
}

// expressions runs the expression modes on args; it writes the result to stdout and returns
// the exit status.
func expressions(args []string, opt options, stdout, stderr io.Writer) int {
	f := runExpressions(args, opt, stdout, stderr)
	if f != nil {
		fmt.Fprintf(stderr, "polymul: %s\n", f.msg)
		return 2
	}
	return 0
}

func runExpressions(args []string, opt options, stdout, stderr io.Writer) *failure {
	modes := 0
	for _, on := range []bool{opt.eval != "" || opt.deriv, opt.gcd, opt.div} {
		if on {
			modes++
		}
	}
	switch {
	case modes > 1:
		return failf("use one of -eval/-deriv, -gcd and -div at a time")
	case opt.cofactors && !opt.gcd:
		return failf("-cofactors goes with -gcd")
	case (opt.gcd || opt.div) && len(args) != 2:
		return failf("-gcd and -div take two polynomials, A and B; got %d arguments", len(args))
	case len(args) == 0:
		return failf("no expression given; try: polymul '(1+x)^3*(1-x)'")
	case len(args) > 2:
		return failf("want one expression, or two to multiply; got %d arguments (quote each expression)", len(args))
	}
	ops := make([]*operand, len(args))
	for i, a := range args {
		o := &operand{text: a}
		if len(args) == 2 {
			o.name = []string{"first polynomial", "second polynomial"}[i]
			if opt.gcd || opt.div {
				o.name = []string{"A", "B"}[i]
			}
		}
		tree, p, err := parseOperand(a)
		if err != nil {
			return o.failure(err)
		}
		o.tree, o.p = tree, p
		ops[i] = o
	}
	letter := ops[0].p.letter
	if len(ops) == 2 {
		l1 := ops[1].p.letter
		if letter != 0 && l1 != 0 && l1 != letter {
			return failf("the two polynomials are in different variables, %q and %q", string(letter), string(l1))
		}
		letter = max(letter, l1)
	}
	out := &printer{w: stdout, stderr: stderr, letter: letter, maxOutput: float64(opt.maxOutput)}
	switch {
	case opt.gcd || opt.div:
		return divide(ops, opt, out)
	case opt.eval != "":
		return evaluate(ops, opt, out)
	}
	tree, p := ops[0].tree, ops[0].p
	if len(ops) == 2 {
		tree, p = product(ops)
	}
	rat := opt.rat || !tree.isInt
	c := &checker{p: p, rat: rat, maxBytes: float64(opt.maxBytes)}
	if _, err := c.check(tree); err != nil {
		return (&operand{text: p.s}).failure(err)
	}
	if rat {
		z := expand[*poly.Rat](ratRing{}, tree)
		if opt.deriv {
			z.Derivative(z)
		}
		out.poly(z, ratText(z))
		return nil
	}
	z := expand[*poly.Int](intRing{}, tree)
	if opt.deriv {
		z.Derivative(z)
	}
	out.poly(z, intText(z))
	return nil
}

// parseOperand parses one argument.
func parseOperand(s string) (*node, *parser, error) {
	p := &parser{s: s}
	n, err := parseWith(p)
	return n, p, err
}

// product returns the tree of (A)·(B) over the text "(A)*(B)", so that messages about the
// product quote it.
func product(ops []*operand) (*node, *parser) {
	a, b := ops[0], ops[1]
	s := "(" + a.text + ")*(" + b.text + ")"
	shift := func(n *node, by int) *node {
		var walk func(n *node) *node
		walk = func(n *node) *node {
			if n == nil {
				return nil
			}
			m := *n
			m.start += by
			m.end += by
			m.op += by
			m.a, m.b = walk(n.a), walk(n.b)
			return &m
		}
		return walk(n)
	}
	ta := shift(a.tree, 1)
	tb := shift(b.tree, len(a.text)+3)
	ta.start, ta.end = 0, len(a.text)+2
	tb.start, tb.end = len(a.text)+3, len(s)
	p := &parser{s: s, letter: max(a.p.letter, b.p.letter)}
	return binary(opMul, len(a.text)+2, ta, tb), p
}

// parseIntPoly parses the -x or -y operand of the timing table: an expression with integer
// coefficients.
func parseIntPoly(flagName, s string, opt options) (*poly.Int, error) {
	if s == "" {
		return nil, fmt.Errorf("%s is missing: the timing table multiplies -x by -y", flagName)
	}
	tree, p, err := parseOperand(s)
	if err == nil && !tree.isInt {
		err = p.errAt(0, "the timing table multiplies integer polynomials: no fractions, decimals or division")
	}
	if err == nil {
		_, err = (&checker{p: p, maxBytes: float64(opt.maxBytes)}).check(tree)
	}
	if err != nil {
		return nil, fmt.Errorf("%s %q: %v", flagName, abbrev(s), err)
	}
	return expand[*poly.Int](intRing{}, tree), nil
}

var numberSyntax = regexp.MustCompile(`^[+-]?(\d+(\.\d+)?|\.\d+|\d+/\d+)$`)

// parseValue reads the point of -eval: an integer, a fraction or a decimal.
func parseValue(s string) (*big.Rat, *failure) {
	t := strings.TrimSpace(s)
	if len(t) > maxDigits+2 {
		return nil, failf("-eval: the number is too long (%d characters; at most %d digits)", len(t), maxDigits)
	}
	if !numberSyntax.MatchString(t) {
		return nil, failf("-eval %q: not a number (write an integer, a fraction like -1/3, or a decimal like 0.25)", abbrev(s))
	}
	v, ok := new(big.Rat).SetString(t)
	if !ok {
		return nil, failf("-eval %q: a fraction with a zero denominator", abbrev(s))
	}
	return v, nil
}

// evaluate prints the value (with -deriv, of the derivative) at -eval's point.
func evaluate(ops []*operand, opt options, out *printer) *failure {
	v, f := parseValue(opt.eval)
	if f != nil {
		return f
	}
	tree, p := ops[0].tree, ops[0].p
	if len(ops) == 2 {
		tree, p = product(ops)
	}
	limit := float64(opt.maxBytes)
	if opt.deriv {
		limit /= 3 // the value, the derivative and their products
	}
	c := &checker{p: p, rat: !v.IsInt() || !tree.isInt, point: v, maxBytes: limit}
	if _, err := c.check(tree); err != nil {
		return (&operand{text: p.s}).failure(err)
	}
	var r *big.Rat
	if opt.deriv {
		_, r = evalDual(tree, v)
	} else {
		r = evalAt(tree, v)
	}
	out.number(r)
	return nil
}

// divide runs -gcd and -div on the two operands, over Q.
func divide(ops []*operand, opt options, out *printer) *failure {
	var ps [2]*poly.Rat
	var bs [2]bound
	for i, o := range ops {
		c := &checker{p: o.p, rat: true, maxBytes: float64(opt.maxBytes)}
		b, err := c.check(o.tree)
		if err != nil {
			return o.failure(err)
		}
		bs[i] = b
		ps[i] = expand[*poly.Rat](ratRing{}, o.tree)
	}
	a, b := ps[0], ps[1]
	if opt.div {
		if b.Degree() < 0 {
			return failf("division by zero: B %q is the zero polynomial", abbrev(ops[1].text))
		}
		if w := divWork(a, b); w > maxWork {
			return failf("dividing A (degree %d) by B (degree %d) would take too long (an estimated %.1e word operations; the limit is %.2g)",
				a.Degree(), b.Degree(), w, maxWork)
		}
		q, r := new(poly.Rat).QuoRem(a, b, new(poly.Rat))
		out.labelled("quotient", q, ratText(q))
		out.labelled("remainder", r, ratText(r))
		return nil
	}
	if w := gcdWork(a, b, opt.cofactors); w > maxWork {
		return failf("the gcd of polynomials of degrees %d and %d would take too long (an estimated %.1e word operations; the limit is %.2g)",
			a.Degree(), b.Degree(), w, maxWork)
	}
	if !opt.cofactors {
		g := new(poly.Rat).GCD(nil, nil, a, b)
		out.poly(g, ratText(g))
		return nil
	}
	s, t := new(poly.Rat), new(poly.Rat)
	g := new(poly.Rat).GCD(s, t, a, b)
	out.labelled("gcd", g, ratText(g))
	out.labelled("s", s, ratText(s))
	out.labelled("t", t, ratText(t))
	return nil
}

// coeffBits returns the largest bit length of the numerators and of the denominators of p's
// coefficients.
func coeffBits(p *poly.Rat) (num, den int) {
	for _, c := range p.All() {
		num = max(num, c.Num().BitLen())
		den = max(den, c.Denom().BitLen())
	}
	return num, den
}

// divWork estimates the word operations of poly's long division of a by b over Q: each of the
// deg a − deg b + 1 steps updates the deg b entries of an integer remainder whose entries grow
// by the bits of b's leading coefficient (all deg a entries when it is not ±1 after clearing
// denominators).
func divWork(a, b *poly.Rat) float64 {
	da, db := float64(a.Degree()), float64(b.Degree())
	if da < db {
		return 0
	}
	k := da - db + 1
	an, ad := coeffBits(a)
	bn, bd := coeffBits(b)
	lc := float64(bn + bd + 1)
	w := (float64(an+ad)+k*lc)/64 + 1
	return k * (db + k) * w
}

// gcdWork estimates the word operations of a gcd over Q: GCDHEU evaluates the primitive parts
// at a point of about the smaller coefficient size and takes an integer gcd (quadratic in
// their length), then divides trially (quadratic in the degrees). The cofactors' size is
// about H = deg B·log₂‖A‖₂ + deg A·log₂‖B‖₂ bits, the Hadamard bound. When the operands'
// coefficient norms stay below 2^57, poly lifts them M-adically (about 3H/400 steps of
// transforms of length 2·max degree): calibrated on degree 2000 (coefficients in [−9, 9],
// H ≈ 32000: about 0.8 s with the output's reduction, about 0.5·H·(deg A + deg B)·log₂ of the
// length), doubled for a margin on a busy machine. Otherwise it uses images modulo about
// H/61 primes, each costing 3·deg A·deg B word products: calibrated on degree 1000 (2.9 s on
// one core, about 0.15·deg A·deg B·H), doubled likewise.
func gcdWork(a, b *poly.Rat, cofactors bool) float64 {
	da, db := float64(max(a.Degree(), 0)), float64(max(b.Degree(), 0))
	bitsA, bitsB := clearedBits(a), clearedBits(b)
	xi := min(bitsA, bitsB) + 2
	ev := (max(da, db) + 1) * xi / 64
	w := ev*ev + da*db*(max(bitsA, bitsB)/64+1)
	if cofactors {
		h := db*(bitsA+math.Log2(da+1)/2) + da*(bitsB+math.Log2(db+1)/2)
		if max(bitsA+math.Log2(da+1), bitsB+math.Log2(db+1)) < 56 {
			w += h * (da + db) * math.Log2(2*max(da, db)+2)
		} else {
			w += 0.3 * da * db * h
		}
	}
	return w
}

// clearedBits bounds the bits of p's coefficients once their denominators are cleared: the
// largest numerator, times the least common multiple of the denominators, which is at most
// the product of the distinct ones.
func clearedBits(p *poly.Rat) float64 {
	num, den := 0, 0
	seen := map[string]bool{}
	for _, c := range p.All() {
		num = max(num, c.Num().BitLen())
		if d := c.Denom(); !c.IsInt() && !seen[string(d.Bytes())] {
			seen[string(d.Bytes())] = true
			den += d.BitLen()
		}
	}
	return float64(num + den)
}

// printer writes results, summarizing those whose text would exceed maxOutput bytes.
type printer struct {
	w, stderr io.Writer
	letter    byte
	maxOutput float64
}

// polyText is what the printer needs of a result: its degree and its coefficients' sizes.
type polyText struct {
	degree, terms int
	bits          float64 // decimal digits of all coefficients (numerators and denominators)
	maxDigits     int
	maxAt         int
	lead, const0  string
}

func intText(p *poly.Int) polyText {
	t := polyText{degree: p.Degree()}
	for i, c := range p.All() {
		t.add(i, c.BitLen(), func() string { return c.String() })
	}
	return t
}

func ratText(p *poly.Rat) polyText {
	t := polyText{degree: p.Degree()}
	for i, c := range p.All() {
		t.add(i, c.Num().BitLen()+c.Denom().BitLen(), func() string { return c.RatString() })
	}
	return t
}

func (t *polyText) add(i, bitLen int, text func() string) {
	if bitLen == 0 {
		return
	}
	t.terms++
	d := int(float64(bitLen)*math.Log10(2)) + 1
	t.bits += float64(d)
	if d > t.maxDigits {
		t.maxDigits, t.maxAt = d, i
	}
	short := func() string {
		if d > 60 {
			return fmt.Sprintf("a number of about %d digits", d)
		}
		return text()
	}
	if i == 0 {
		t.const0 = short()
	}
	if i == t.degree {
		t.lead = short()
	}
}

// length estimates the printed length.
func (t polyText) length() float64 { return t.bits + 12*float64(t.terms) }

func (pr *printer) subst(s string) string {
	if pr.letter != 0 && pr.letter != 'x' {
		return strings.ReplaceAll(s, "x", string(pr.letter))
	}
	return s
}

// poly prints p (a *poly.Int or *poly.Rat) on one line, or a summary.
func (pr *printer) poly(p fmt.Stringer, t polyText) { pr.labelled("", p, t) }

func (pr *printer) labelled(label string, p fmt.Stringer, t polyText) {
	what := "result"
	if label != "" {
		what = label
		label += ": "
	}
	if l := t.length(); pr.maxOutput > 0 && l > pr.maxOutput {
		fmt.Fprintf(pr.stderr, "polymul: the %s would be about %s of text, more than -max-output %s; printing a summary\n",
			what, cliflag.FormatBytes(l), cliflag.FormatBytes(pr.maxOutput))
		fmt.Fprintf(pr.w, "%sdegree %d, %d nonzero terms, coefficients of up to %d digits (at %s), leading coefficient %s, constant term %s\n",
			label, t.degree, t.terms, t.maxDigits, pr.subst(fmt.Sprintf("x^%d", t.maxAt)), t.lead, orZero(t.const0))
		return
	}
	fmt.Fprintf(pr.w, "%s%s\n", label, pr.subst(p.String()))
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// number prints an exact value: an integer or a reduced fraction.
func (pr *printer) number(v *big.Rat) {
	d := float64(v.Num().BitLen()+v.Denom().BitLen()) * math.Log10(2)
	if pr.maxOutput > 0 && d > pr.maxOutput {
		fmt.Fprintf(pr.stderr, "polymul: the value would be about %s of text, more than -max-output %s; printing a summary\n",
			cliflag.FormatBytes(d), cliflag.FormatBytes(pr.maxOutput))
		fmt.Fprintf(pr.w, "a number of about %.0f digits (numerator %d bits, denominator %d bits)\n", d, v.Num().BitLen(), v.Denom().BitLen())
		return
	}
	fmt.Fprintln(pr.w, v.RatString())
}
