package main

// Polynomial expressions: parsing into a tree, size and work bounds checked before anything is
// computed, and evaluation (expanded over Z or Q, or at a point).

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/polyconv/polyconv/internal/cliflag"
)

// The grammar (spaces, tabs and newlines are allowed between tokens):
//
//	sum     = term { ("+" | "-") term }
//	term    = factor { ["*" | "/"] factor }   (no operator: multiplication, as in 2x or (x+1)(x-1))
//	factor  = ("+" | "-") factor | power
//	power   = primary [("^" | "**") exponent]
//	primary = number | letter | "(" sum ")"
//	exponent = digits | "(" sum ")"          (a constant integer ≥ 0)
//	number  = digits ["." digits] | "." digits
//
// "/" divides by a nonzero constant (1/3, x/2, (x^2 - 1)/(2*3)); a term without an operator
// must start with a letter or "(", so 2x and 3(x+1) multiply but "2 3" and "x2" are errors.
// The variable is one ASCII letter, the same throughout.

// Limits of the parser, besides the memory limit of the options.
const (
	maxDepth    = 1000          // nested parentheses and signs
	maxDigits   = 100000        // digits of one number
	maxExponent = 1_000_000_000 // an exponent (the size limit usually binds first)
	maxWork     = 2.5e9         // estimated word operations of one evaluation (about 2.5 s)
)

// exprError is a problem with an expression at a 1-based column (in characters).
type exprError struct {
	col int
	msg string
}

func (e *exprError) Error() string { return fmt.Sprintf("column %d: %s", e.col, e.msg) }

type opKind uint8

const (
	opNum opKind = iota
	opVar
	opNeg
	opAdd
	opSub
	opMul
	opDiv
	opPow
)

// A node of an expression tree. start and end are byte offsets of its text; op is the byte
// offset of its operator (of the number or letter for leaves).
type node struct {
	kind       opKind
	start, end int
	op         int
	a, b       *node
	num        *big.Rat // opNum: the value; opPow: nil
	exp        int      // opPow: the exponent
	hasVar     bool     // the variable occurs below
	isInt      bool     // every number below is an integer and there is no "/"
}

// parser reads one expression.
type parser struct {
	s      string
	i      int
	depth  int
	letter byte // the variable, 0 until one is seen
}

// parseWith returns the tree of the expression p.s, read from its start.
func parseWith(p *parser) (*node, error) {
	s := p.s
	p.space()
	if p.i == len(s) {
		return nil, p.errAt(0, "empty expression; write a polynomial such as (1+x)^3*(2x-1)")
	}
	n, err := p.sum()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(s) {
		if s[p.i] == ')' {
			return nil, p.errAt(p.i, `unmatched ")"`)
		}
		return nil, p.errAt(p.i, "expected an operator (+ - * / ^) or the end, found "+p.describe(p.i))
	}
	return n, nil
}

// col converts the byte offset i to a 1-based column in characters.
func (p *parser) col(i int) int { return utf8.RuneCountInString(p.s[:min(i, len(p.s))]) + 1 }

func (p *parser) errAt(i int, msg string) error { return &exprError{p.col(i), msg} }

// describe names what stands at byte offset i, for error messages.
func (p *parser) describe(i int) string {
	if i >= len(p.s) {
		return "the end of the expression"
	}
	r, size := utf8.DecodeRuneInString(p.s[i:])
	switch {
	case r == 0:
		return "a NUL byte"
	case r == utf8.RuneError && size == 1:
		return fmt.Sprintf("the byte 0x%02x (not UTF-8)", p.s[i])
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf("the control character 0x%02x", r)
	case r >= 0x80:
		return fmt.Sprintf("%q (U+%04X)", r, r)
	}
	return strconv.Quote(string(r))
}

func (p *parser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *parser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *parser) enter(at int, what string) error {
	if p.depth++; p.depth > maxDepth {
		return p.errAt(at, fmt.Sprintf("%s nested more than %d deep", what, maxDepth))
	}
	return nil
}

func (p *parser) sum() (*node, error) {
	left, err := p.term()
	if err != nil {
		return nil, err
	}
	for {
		p.space()
		c := p.peek()
		if c != '+' && c != '-' {
			return left, nil
		}
		op := p.i
		p.i++
		right, err := p.term()
		if err != nil {
			return nil, err
		}
		kind := opAdd
		if c == '-' {
			kind = opSub
		}
		left = binary(kind, op, left, right)
	}
}

func (p *parser) term() (*node, error) {
	left, err := p.factor()
	if err != nil {
		return nil, err
	}
	for {
		p.space()
		c, op := p.peek(), p.i
		kind := opMul
		switch {
		case c == '*' && !strings.HasPrefix(p.s[p.i:], "**"):
			p.i++
		case c == '/':
			kind = opDiv
			p.i++
		case isLetter(c) || c == '(':
			// juxtaposition: 2x, 3(x+1), (x+1)(x-1)
		case isDigit(c) || c == '.':
			return nil, p.errAt(p.i, "a number cannot follow here without an operator (write 2x or x*2, not x2 or \"2 3\")")
		default:
			return left, nil
		}
		right, err := p.factor()
		if err != nil {
			return nil, err
		}
		if kind == opDiv && right.hasVar {
			return nil, p.errAt(op, "division by a polynomial: only constants can divide here (-div A B gives the quotient and remainder)")
		}
		left = binary(kind, op, left, right)
	}
}

func (p *parser) factor() (*node, error) {
	p.space()
	c := p.peek()
	if c != '+' && c != '-' {
		return p.power()
	}
	op := p.i
	if err := p.enter(op, "signs"); err != nil {
		return nil, err
	}
	p.i++
	f, err := p.factor()
	if err != nil {
		return nil, err
	}
	p.depth--
	if c == '+' {
		return f, nil
	}
	return &node{kind: opNeg, start: op, end: f.end, op: op, a: f, hasVar: f.hasVar, isInt: f.isInt}, nil
}

func (p *parser) power() (*node, error) {
	base, err := p.primary()
	if err != nil {
		return nil, err
	}
	p.space()
	op := p.i
	if !p.eatOp("^") && !p.eatOp("**") {
		return base, nil
	}
	p.space()
	e, err := p.exponent()
	if err != nil {
		return nil, err
	}
	n := &node{kind: opPow, start: base.start, end: p.i, op: op, a: base, exp: e, hasVar: base.hasVar, isInt: base.isInt}
	p.space()
	if q := p.i; p.eatOp("^") || p.eatOp("**") {
		return nil, p.errAt(q, "a power of a power is ambiguous: write (a^b)^c or a^(b^c)")
	}
	return n, nil
}

func (p *parser) eatOp(op string) bool {
	if strings.HasPrefix(p.s[p.i:], op) {
		p.i += len(op)
		return true
	}
	return false
}

// exponent reads digits or a parenthesized constant integer expression, in [0, maxExponent].
func (p *parser) exponent() (int, error) {
	start := p.i
	switch c := p.peek(); {
	case isDigit(c):
		for p.i < len(p.s) && isDigit(p.s[p.i]) {
			p.i++
		}
		v, err := strconv.ParseInt(p.s[start:p.i], 10, 64)
		if err != nil || v > maxExponent {
			return 0, p.errAt(start, fmt.Sprintf("the exponent %s is too large (at most %d)", abbrev(p.s[start:p.i]), maxExponent))
		}
		return int(v), nil
	case c == '(':
		e, err := p.primary()
		if err != nil {
			return 0, err
		}
		if e.hasVar {
			return 0, p.errAt(start, "the exponent must be a constant integer, not a polynomial")
		}
		bits, err := bitsBound(p.s, e)
		if err != nil {
			return 0, err // a division by zero, found before anything is evaluated
		}
		if bits > 64 {
			return 0, p.errAt(start, fmt.Sprintf("the exponent is too large (at most %d)", maxExponent))
		}
		v := evalConst(e)
		switch {
		case !v.IsInt():
			return 0, p.errAt(start, fmt.Sprintf("the exponent must be an integer, not %s", v.RatString()))
		case v.Sign() < 0:
			return 0, p.errAt(start, fmt.Sprintf("negative exponent %s: only polynomials are allowed", v.RatString()))
		case v.Num().Cmp(big.NewInt(maxExponent)) > 0:
			return 0, p.errAt(start, fmt.Sprintf("the exponent %s is too large (at most %d)", abbrev(v.RatString()), maxExponent))
		}
		return int(v.Num().Int64()), nil
	case c == '-':
		return 0, p.errAt(start, "negative exponent: only polynomials are allowed (x^-1 is not one)")
	default:
		return 0, p.errAt(start, "expected an exponent (digits or a parenthesized integer) after \"^\", found "+p.describe(p.i))
	}
}

func (p *parser) primary() (*node, error) {
	p.space()
	start := p.i
	c := p.peek()
	switch {
	case isDigit(c) || c == '.':
		return p.number()
	case isLetter(c):
		for p.i < len(p.s) && isLetter(p.s[p.i]) {
			p.i++
		}
		w := p.s[start:p.i]
		if len(w) > 1 {
			return nil, p.errAt(start, fmt.Sprintf("unknown name %q: the variable is a single letter (write 2*x*y as a product of x's only, and x y as x*y)", abbrev(w)))
		}
		if p.letter == 0 {
			p.letter = w[0]
		} else if w[0] != p.letter {
			return nil, p.errAt(start, fmt.Sprintf("a second variable %q: the polynomial is in %q (one variable only)", w, string(p.letter)))
		}
		return &node{kind: opVar, start: start, end: p.i, op: start, hasVar: true, isInt: true}, nil
	case c == '(':
		if err := p.enter(start, "parentheses"); err != nil {
			return nil, err
		}
		p.i++
		p.space()
		if p.peek() == ')' {
			return nil, p.errAt(p.i, `empty parentheses "()"`)
		}
		n, err := p.sum()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.peek() != ')' {
			return nil, p.errAt(p.i, fmt.Sprintf("expected \")\" to close the \"(\" at column %d, found %s", p.col(start), p.describe(p.i)))
		}
		p.i++
		p.depth--
		// The parenthesized text is the node's text, so that messages quote it whole.
		n2 := *n
		n2.start, n2.end = start, p.i
		return &n2, nil
	case c == ')':
		return nil, p.errAt(p.i, `expected a number, the variable or "(" before ")"`)
	default:
		what := "a number, the variable or \"(\""
		if p.i > 0 && p.i == len(p.s) {
			return nil, p.errAt(p.i, "expected "+what+" after "+strconv.Quote(string(p.s[p.i-1]))+", found the end of the expression")
		}
		return nil, p.errAt(p.i, "expected "+what+", found "+p.describe(p.i))
	}
}

// number reads digits ["." digits] or "." digits.
func (p *parser) number() (*node, error) {
	start := p.i
	for p.i < len(p.s) && isDigit(p.s[p.i]) {
		p.i++
	}
	isInt := true
	if p.peek() == '.' {
		isInt = false
		p.i++
		d := p.i
		for p.i < len(p.s) && isDigit(p.s[p.i]) {
			p.i++
		}
		if p.i == d {
			return nil, p.errAt(p.i, "expected digits after the decimal point")
		}
	}
	lit := p.s[start:p.i]
	if n := len(lit); n > maxDigits {
		return nil, p.errAt(start, fmt.Sprintf("a number of %d digits is too long (at most %d digits)", n, maxDigits))
	}
	v, ok := new(big.Rat).SetString(lit)
	if !ok { // cannot happen for digits [. digits]
		return nil, p.errAt(start, "not a number: "+strconv.Quote(abbrev(lit)))
	}
	return &node{kind: opNum, start: start, end: p.i, op: start, num: v, isInt: isInt}, nil
}

func binary(kind opKind, op int, a, b *node) *node {
	return &node{kind: kind, start: a.start, end: b.end, op: op, a: a, b: b,
		hasVar: a.hasVar || b.hasVar, isInt: a.isInt && b.isInt && kind != opDiv}
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// abbrev shortens long text for messages.
func abbrev(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max/2] + "…" + s[len(s)-max/4:] + fmt.Sprintf(" (%d characters)", len(s))
}

// ---- Bounds ----

// bound over-estimates the value of a subexpression: a polynomial P/d with P in Z[x] of degree
// at most deg, log2 ‖P‖₁ ≤ num and log2 d ≤ den (or, at a point, a number with num and den bits
// of numerator and denominator, deg 0). work is the estimated word operations to compute it;
// mono says that it is a monomial c·x^k, which the evaluator keeps as (c, k) instead of a dense
// coefficient slice (so that long sums of terms like 3x^1000 cost no more than their text).
type bound struct {
	deg, num, den, work float64
	mono                bool
}

// bytes is the estimated memory in bytes of a dense value with these bounds, rat saying whether
// its coefficients are fractions.
func (b bound) bytes(rat bool) float64 {
	per := 48 + b.num/8
	if rat {
		per = 96 + (b.num+b.den)/8
	}
	return (b.deg + 1) * per
}

// checker computes bounds and reports the first node that exceeds the limits.
type checker struct {
	p        *parser
	rat      bool     // coefficients are fractions
	point    *big.Rat // at a point: its value; nil when expanding
	maxBytes float64
}

func log2Abs(v *big.Int) float64 {
	b := v.BitLen()
	if b == 0 {
		return 0
	}
	t := new(big.Int).Abs(v)
	if b > 64 {
		t.Rsh(t, uint(b-64))
	}
	return float64(max(b-64, 0)) + math.Log2(float64(t.Uint64()))
}

// check returns n's bound, or an error naming the node that would exceed the memory or work
// limits or divides by zero.
func (c *checker) check(n *node) (bound, error) {
	var b bound
	switch n.kind {
	case opNum:
		b = bound{num: log2Abs(n.num.Num()), den: log2Abs(n.num.Denom()), work: 1, mono: true}
	case opVar:
		if c.point != nil {
			b = bound{num: log2Abs(c.point.Num()), den: log2Abs(c.point.Denom()), work: 1}
		} else {
			b = bound{deg: 1, work: 1, mono: true}
		}
	case opNeg:
		a, err := c.check(n.a)
		if err != nil {
			return a, err
		}
		b = a
		b.work += c.valueWords(a)
	case opPow:
		a, err := c.check(n.a)
		if err != nil {
			return a, err
		}
		b = c.powBound(a, n.exp)
		if err := c.limit(n, b, 1.5, a); err != nil || b.work > maxWork {
			// Name the largest exponent that would pass with this base.
			lo, hi := 0, n.exp
			for lo < hi {
				mid := lo + (hi-lo+1)/2
				if m := c.powBound(a, mid); c.limit(n, m, 1.5, a) == nil && m.work <= maxWork {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			if err == nil {
				err = c.p.errAt(n.op, fmt.Sprintf("%s would take too long (an estimated %.1e word operations; the limit is %.2g)", c.what(n), b.work, maxWork))
			}
			return b, fmt.Errorf("%w; with this base the exponent can be at most about %d", err, lo)
		}
	default:
		a, err := c.check(n.a)
		if err != nil {
			return a, err
		}
		r, err := c.check(n.b)
		if err != nil {
			return r, err
		}
		switch n.kind {
		case opAdd, opSub:
			b = bound{deg: max(a.deg, r.deg), num: max(a.num+r.den, r.num+a.den) + 1, den: a.den + r.den}
			// The evaluator adds a chain of terms into one accumulator: each term costs its
			// own size (a monomial one coefficient), the accumulator its final size.
			b.work = a.work + r.work + c.valueWords(r) + c.words(b) + c.normWork(b)
			if isSum(n.a) {
				b.work -= c.words(a)
			} else {
				b.work += c.valueWords(a)
			}
		case opMul:
			b = bound{deg: a.deg + r.deg, num: a.num + r.num, den: a.den + r.den, mono: a.mono && r.mono}
			if b.mono { // a product of coefficients
				a.deg, r.deg = 0, 0
			}
			b.work = a.work + r.work + c.mulWork(a, r) + c.normWork(b)
		case opDiv: // by a constant r = p/q: P/d · q/p
			if evalConst(n.b).Sign() == 0 {
				msg := "division by zero"
				if n.b.kind != opNum {
					msg += ": " + abbrev(c.p.s[n.b.start:n.b.end]) + " is 0"
				}
				return b, c.p.errAt(n.op, msg)
			}
			b = bound{deg: a.deg, num: a.num + r.den, den: a.den + r.num, mono: a.mono}
			b.work = a.work + r.work + 2*c.valueWords(b) + c.normWork(b)
		}
		factor := 2.0
		if n.kind == opMul {
			factor = 6 // measured: (1+x)^14000*(1-x)^14000 peaks at 3 times the estimate with 2
		}
		if err := c.limit(n, b, factor, a, r); err != nil {
			return b, err
		}
	}
	if b.work > maxWork {
		return b, c.p.errAt(n.op, fmt.Sprintf("%s would take too long (an estimated %.1e word operations; the limit is %.2g)", c.what(n), b.work, maxWork))
	}
	return b, nil
}

func isSum(n *node) bool { return n.kind == opAdd || n.kind == opSub }

// valueWords is the size in words of a value as the evaluator holds it: one coefficient for a
// monomial, the dense slice otherwise.
func (c *checker) valueWords(b bound) float64 {
	if b.mono {
		b.deg = 0
	}
	return c.words(b)
}

// words is the size of a value in words.
func (c *checker) words(b bound) float64 { return b.bytes(c.rat) / 8 }

// mulWork estimates the word operations of a product of values with bounds a and b: quasi-linear
// for polynomials (package exact's transforms), Karatsuba-like for single numbers (math/big).
func (c *checker) mulWork(a, b bound) float64 {
	wa, wb := c.words(a), c.words(b)
	if c.point != nil || (a.deg == 0 && b.deg == 0) {
		lo, hi := min(wa, wb), max(wa, wb)
		return hi / lo * math.Pow(lo, 1.585) * 2
	}
	w := wa + wb
	// Calibrated: exact.Mul on two operands of 10^4 coefficients of 10^4 bits (w ≈ 3·10^6)
	// takes about 1.3 s, 16 times w·log₂w word operations of 1 ns.
	return w * math.Log2(w+2) * 16
}

// normWork estimates the word operations of reducing the fractions of a rational result
// with bound b (math/big's gcd of each numerator and denominator, quadratic in their words;
// calibrated on (1/3+x/7)^8000, 3.7 s). Integer coefficients (den 0) cost nothing.
func (c *checker) normWork(b bound) float64 {
	if !c.rat || c.point != nil || b.den == 0 {
		return 0
	}
	deg := b.deg
	if b.mono {
		deg = 0
	}
	wn, wd := b.num/64+1, b.den/64+1
	return (deg + 1) * (wn + wd) * wd
}

// powBound is the bound of a^e.
func (c *checker) powBound(a bound, e int) bound {
	f := float64(e)
	b := bound{deg: a.deg * f, num: a.num * f, den: a.den * f, mono: a.mono}
	b.work = a.work + c.powWork(a, b) + c.normWork(b)
	return b
}

// powWork estimates the word operations of a power with bound b of a value with bound a: for
// numbers and monomials, repeated squaring (the last squarings dominate); for polynomials,
// exact.Pow's recurrences cost a few operations per output word and base coefficient, binary
// powering a logarithmic factor.
func (c *checker) powWork(a, b bound) float64 {
	if c.point != nil || b.mono || b.deg == 0 {
		b.deg = 0
		return 2 * c.mulWork(b, b)
	}
	w := c.words(b)
	return 4 * w * min(a.deg+1, 2*math.Log2(w+2))
}

// limit reports whether the value of n (bound b), scratch of (factor − 1) times its size, and
// the operands it is computed from fit in the memory limit. Products take factor 6 (package
// exact's transforms and the garbage collector's headroom, measured), sums 2, powers 1.5
// (exact.Pow's recurrences write the result directly; binary powering holds one more square).
func (c *checker) limit(n *node, b bound, factor float64, operands ...bound) error {
	total := factor * b.bytes(c.rat)
	for _, o := range operands {
		total += o.bytes(c.rat)
	}
	if total <= c.maxBytes {
		return nil
	}
	return c.p.errAt(n.op, fmt.Sprintf("%s would need about %s of memory (the limit is %s; raise it with -max-bytes)",
		c.what(n), cliflag.FormatBytes(total), cliflag.FormatBytes(c.maxBytes)))
}

// what names the operation at n for messages: "the power (1+x)^100000" or "the product at ...".
func (c *checker) what(n *node) string {
	text := abbrev(c.p.s[n.start:n.end])
	switch n.kind {
	case opPow:
		return fmt.Sprintf("the exponent %d in %s", n.exp, text)
	case opMul:
		return "the product " + text
	case opAdd, opSub:
		return "the sum " + text
	case opDiv:
		return "the quotient " + text
	}
	return text
}

// bitsBound is a cheap bound on the bits of a constant subexpression of the text s (for
// exponents), or the checker's error (a division by zero) for it.
func bitsBound(s string, n *node) (float64, error) {
	c := &checker{p: &parser{s: s}, point: new(big.Rat), maxBytes: math.Inf(1)}
	b, err := c.check(n)
	return b.num + b.den, err
}

// ---- Evaluation at a point ----

// evalConst returns the value of a constant subexpression (or of n at x = 0... never: callers
// pass nodes without the variable).
func evalConst(n *node) *big.Rat { return evalAt(n, new(big.Rat)) }

// evalAt returns the exact value of n at x = v.
func evalAt(n *node, v *big.Rat) *big.Rat {
	switch n.kind {
	case opNum:
		return new(big.Rat).Set(n.num)
	case opVar:
		return new(big.Rat).Set(v)
	case opNeg:
		r := evalAt(n.a, v)
		return r.Neg(r)
	case opPow:
		return ratPow(evalAt(n.a, v), n.exp)
	}
	a, b := evalAt(n.a, v), evalAt(n.b, v)
	switch n.kind {
	case opAdd:
		return a.Add(a, b)
	case opSub:
		return a.Sub(a, b)
	case opMul:
		return a.Mul(a, b)
	default: // opDiv; the checker refused a zero divisor
		return a.Quo(a, b)
	}
}

// ratPow returns a^e (a reduced fraction stays reduced: numerator and denominator are
// powered separately).
func ratPow(a *big.Rat, e int) *big.Rat {
	ee := big.NewInt(int64(e))
	num := new(big.Int).Exp(a.Num(), ee, nil)
	if a.IsInt() {
		return new(big.Rat).SetInt(num)
	}
	den := new(big.Int).Exp(a.Denom(), ee, nil)
	return new(big.Rat).SetFrac(num, den)
}

// evalDual returns the value and the derivative of n at x = v.
func evalDual(n *node, v *big.Rat) (val, der *big.Rat) {
	switch n.kind {
	case opNum:
		return new(big.Rat).Set(n.num), new(big.Rat)
	case opVar:
		return new(big.Rat).Set(v), big.NewRat(1, 1)
	case opNeg:
		a, da := evalDual(n.a, v)
		return a.Neg(a), da.Neg(da)
	case opPow:
		// (a^e)' = e·a^(e−1)·a'
		a, da := evalDual(n.a, v)
		if n.exp == 0 {
			return big.NewRat(1, 1), new(big.Rat)
		}
		pm := ratPow(a, n.exp-1)
		d := new(big.Rat).Mul(pm, da)
		d.Mul(d, new(big.Rat).SetInt64(int64(n.exp)))
		return pm.Mul(pm, a), d
	}
	a, da := evalDual(n.a, v)
	b, db := evalDual(n.b, v)
	switch n.kind {
	case opAdd:
		return a.Add(a, b), da.Add(da, db)
	case opSub:
		return a.Sub(a, b), da.Sub(da, db)
	case opMul:
		// (ab)' = a'b + ab'
		d := new(big.Rat).Mul(da, b)
		d.Add(d, db.Mul(db, a))
		return a.Mul(a, b), d
	default: // opDiv by a constant: b' = 0
		return a.Quo(a, b), da.Quo(da, b)
	}
}
