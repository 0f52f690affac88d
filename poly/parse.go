package poly

import (
	"fmt"
	"strconv"
	"strings"
)

// unmarshalError is the error of the UnmarshalText methods: the type and (the start of)
// the text that SetString refused.
func unmarshalError(typ string, text []byte) error {
	const maxShown = 64
	if len(text) > maxShown {
		return fmt.Errorf("poly: cannot unmarshal %q... into a %s", text[:maxShown], typ)
	}
	return fmt.Errorf("poly: cannot unmarshal %q into a %s", text, typ)
}

// parseBig parses s in the given syntax into new coefficients, converting each literal
// with conv (which reports false for an invalid one), or returns ok false.
func parseBig[T any, P bigNum[T]](s string, syntax numSyntax, conv func(v P, lit string) bool) (c []P, ok bool) {
	terms, maxExp, ok := parseTerms(s, syntax)
	if !ok {
		return nil, false
	}
	c = newCoeffs[T, P](maxExp + 1)
	v := P(new(T))
	for _, t := range terms {
		v.SetInt64(1)
		if t.coef != "" && !conv(v, t.coef) {
			return nil, false
		}
		if t.neg {
			v.Neg(v)
		}
		c[t.exp].Add(c[t.exp], v)
	}
	return normalize[T](c), true
}

// formatBig returns the text of the polynomial with coefficients c as String prints it;
// text returns a coefficient's text with a leading '-' if negative.
func formatBig[T any, P bigNum[T]](c []P, text func(v P, exp int) string) string {
	if len(c) == 0 {
		return "0"
	}
	var b []byte
	for i := len(c) - 1; i >= 0; i-- {
		v := c[i]
		if v.Sign() == 0 {
			continue
		}
		abs := strings.TrimPrefix(text(v, i), "-")
		b = appendTerm(b, b == nil, v.Sign() < 0, abs, abs == "1", i)
	}
	return string(b)
}

// MaxParseDegree is the largest exponent the SetString methods accept. A polynomial is
// stored densely, so an exponent n costs memory for n+1 coefficients; a larger exponent
// makes SetString return (nil, false) before anything is allocated.
const MaxParseDegree = 1 << 20

// numSyntax says which coefficient literals a parser accepts.
type numSyntax int

const (
	intSyntax   numSyntax = iota // decimal digits: 12
	ratSyntax                    // 12, 3/4, 1.25, .5
	floatSyntax                  // strconv.ParseFloat's decimal syntax, plus Inf, NaN
)

// A parsedTerm is one term ±c·v^exp of a polynomial's text; coef is the literal of c's
// absolute value, or "" when it was omitted (c = 1).
type parsedTerm struct {
	neg  bool
	coef string
	exp  int
}

// A termParser reads the text of a polynomial (the grammar is in doc.go).
type termParser struct {
	s      string
	i      int
	syntax numSyntax
	v      byte // the variable's letter, 0 until one is seen
}

// parseTerms splits s into terms and returns them with the largest exponent, or ok false
// if s is malformed. It never allocates more than a constant times len(s).
func parseTerms(s string, syntax numSyntax) (terms []parsedTerm, maxExp int, ok bool) {
	p := &termParser{s: s, syntax: syntax}
	for {
		p.space()
		var t parsedTerm
		switch {
		case p.eat('-'):
			t.neg = true
		case p.eat('+'):
		default:
			if len(terms) > 0 || p.i == len(s) {
				return nil, 0, false // terms must be separated by a sign; s is not blank
			}
		}
		p.space()
		if !p.term(&t) {
			return nil, 0, false
		}
		terms = append(terms, t)
		maxExp = max(maxExp, t.exp)
		p.space()
		if p.i == len(s) {
			return terms, maxExp, true
		}
	}
}

// term reads one term after its sign: [coef] [['*'] var ['^' exp]], with at least a
// coefficient or a variable.
func (p *termParser) term(t *parsedTerm) bool {
	switch {
	case p.eat('('):
		// A parenthesized coefficient, such as (1/2) or (-3), as Rat.String prints.
		p.space()
		if p.eat('-') {
			t.neg = !t.neg
		} else {
			p.eat('+')
		}
		p.space()
		if t.coef = p.number(); t.coef == "" {
			return false
		}
		p.space()
		if !p.eat(')') {
			return false
		}
	default:
		t.coef = p.number()
	}
	p.space()
	star := p.eat('*')
	if star {
		p.space()
	}
	if p.i == len(p.s) || !isLetter(p.s[p.i]) {
		// A constant term: no variable, so there must be a coefficient and no '*'.
		return t.coef != "" && !star
	}
	if star && t.coef == "" {
		return false
	}
	if !p.variable() {
		return false
	}
	t.exp = 1
	p.space()
	if p.eat('^') || p.eatString("**") {
		p.space()
		e, ok := p.exponent()
		if !ok {
			return false
		}
		t.exp = e
	}
	return true
}

// variable reads the variable: one letter, the same in every term.
func (p *termParser) variable() bool {
	w := p.word()
	if len(w) != 1 {
		return false
	}
	if p.v == 0 {
		p.v = w[0]
	}
	return w[0] == p.v
}

// exponent reads a decimal exponent in [0, MaxParseDegree].
func (p *termParser) exponent() (int, bool) {
	start, e := p.i, 0
	for ; p.i < len(p.s) && isDigit(p.s[p.i]); p.i++ {
		e = e*10 + int(p.s[p.i]-'0')
		if e > MaxParseDegree {
			return 0, false
		}
	}
	return e, p.i > start
}

// number reads a coefficient literal in p's syntax and returns it, or "" (consuming
// nothing) if there is none. Its value is checked later, when it is converted.
func (p *termParser) number() string {
	start := p.i
	if p.syntax == floatSyntax && p.i < len(p.s) && isLetter(p.s[p.i]) {
		// Inf and NaN are words; any other word is the variable, not a number.
		w := p.word()
		switch strings.ToLower(w) {
		case "inf", "infinity", "nan":
			return w
		}
		p.i = start
		return ""
	}
	digits := p.digits()
	if p.syntax == intSyntax {
		return p.s[start:p.i]
	}
	if p.eat('.') {
		digits += p.digits()
	}
	if digits == 0 {
		p.i = start
		return ""
	}
	switch p.syntax {
	case ratSyntax:
		if !strings.Contains(p.s[start:p.i], ".") && p.eat('/') {
			if p.digits() == 0 {
				p.i = start // "3/" or "3/x": not a number; the caller fails on the '/'
				return ""
			}
		}
	case floatSyntax:
		// An exponent only if e is followed by digits: in "2e" or "2e^2", e is the variable.
		if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
			save := p.i
			p.i++
			if !p.eat('+') {
				p.eat('-')
			}
			if p.digits() == 0 {
				p.i = save
			}
		}
	}
	return p.s[start:p.i]
}

// digits skips decimal digits and returns how many.
func (p *termParser) digits() int {
	start := p.i
	for p.i < len(p.s) && isDigit(p.s[p.i]) {
		p.i++
	}
	return p.i - start
}

// word reads a run of ASCII letters.
func (p *termParser) word() string {
	start := p.i
	for p.i < len(p.s) && isLetter(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

func (p *termParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *termParser) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *termParser) eatString(w string) bool {
	if strings.HasPrefix(p.s[p.i:], w) {
		p.i += len(w)
		return true
	}
	return false
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// appendTerm appends one term of a polynomial's text as String prints it: the sign (" + "
// or " - ", or a bare "-" on the first term), the absolute value of the coefficient
// (omitted when it is 1 and exp > 0) and x^exp (nothing for exp 0, x for exp 1).
func appendTerm(b []byte, first, neg bool, abs string, one bool, exp int) []byte {
	switch {
	case first && neg:
		b = append(b, '-')
	case !first && neg:
		b = append(b, " - "...)
	case !first:
		b = append(b, " + "...)
	}
	if exp == 0 || !one {
		b = append(b, abs...)
	}
	if exp > 0 {
		b = append(b, 'x')
	}
	if exp > 1 {
		b = append(b, '^')
		b = strconv.AppendInt(b, int64(exp), 10)
	}
	return b
}
