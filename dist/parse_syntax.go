package dist

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// This file turns a dice expression into a syntax tree. The grammar is in the doc comment of
// Parse; the parser is a recursive descent over bytes with one function per rule, and every
// node records the byte span it came from so that later checks (sizes, keep counts) can name
// the column and the text they object to.

// maxAbsValue bounds every number and every value a distribution may take, so that sums and
// differences of two values never overflow an int: 2^62−1 (2^30−1 where int has 32 bits).
const maxAbsValue = 1<<(bits.UintSize-2) - 1

// maxAbsText names the bound on values in messages.
var maxAbsText = fmt.Sprintf("2^%d", bits.UintSize-2)

// A cmpOp is the comparison of a success test or of a reroll condition.
type cmpOp uint8

const (
	cmpEQ cmpOp = iota // =
	cmpGE              // >=
	cmpGT              // >
	cmpLE              // <=
	cmpLT              // <
)

// A cond is a comparison with a fixed threshold, such as ">=5" or "=1".
type cond struct {
	op cmpOp
	t  int
}

// match reports whether v passes the comparison.
func (c cond) match(v int) bool {
	switch c.op {
	case cmpGE:
		return v >= c.t
	case cmpGT:
		return v > c.t
	case cmpLE:
		return v <= c.t
	case cmpLT:
		return v < c.t
	}
	return v == c.t
}

// A span is the byte range [pos, end) of a node in the expression.
type span struct{ pos, end int }

// spanOf returns the span of a node.
func (s span) spanOf() span { return s }

// A node is a syntax-tree node.
type node interface{ spanOf() span }

// numNode is an integer literal.
type numNode struct {
	span
	v int
}

// negNode is unary minus.
type negNode struct {
	span
	x node
}

// binNode is x op y with op one of '+', '-', '*', '/'.
type binNode struct {
	span
	op   byte
	x, y node
}

// parenNode is a parenthesized expression; it makes dice a single value inside a pool.
type parenNode struct {
	span
	x node
}

// funcNode is max(...) or min(...) of independent arguments.
type funcNode struct {
	span
	max  bool
	args []node
}

// testNode is (x)>=T and friends: 1 when the single value of x passes the test, else 0. With
// y set, the threshold is the independent value y instead of c.t (which is then 0): the test
// is x−y against 0.
type testNode struct {
	span
	x, y node
	c    cond
}

// dieKind says how the faces of a die are given.
type dieKind uint8

const (
	dieSides dieKind = iota // dS or d%: faces 1..S
	dieFudge                // dF: faces -1, 0, 1
	dieFaces                // d{a,b,c}: the faces listed
)

// dieNode is one die with its per-die modifiers: rerolls, then explosion.
type dieNode struct {
	span
	kind    dieKind
	sides   int   // dieSides
	faces   []int // dieFaces, in the order written
	rerolls []cond
	once    bool // the rerolls are "ro" (once) rather than "r" (up to the depth)
	explode bool
	// penetrate is "!p": every extra roll counts one less.
	penetrate bool
	// separate is "x" (and "xo" with once set): the extra rolls are dice of their own.
	separate, sepOnce bool
	// explodeOn is the explode point of "!>=T", "x>=T" and friends; nil explodes on the
	// highest face.
	explodeOn *cond
}

// faceValues returns the faces of the die as written (for dieSides, 1..S is not expanded).
func (d *dieNode) faceValues() []int {
	switch d.kind {
	case dieFudge:
		return []int{-1, 0, 1}
	case dieFaces:
		return d.faces
	}
	return nil
}

// minMaxFace returns the smallest and largest faces of the die.
func (d *dieNode) minMaxFace() (lo, hi int) {
	if d.kind == dieSides {
		return 1, d.sides
	}
	f := d.faceValues()
	lo, hi = f[0], f[0]
	for _, v := range f[1:] {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// anyMatch reports whether v passes one of conds.
func anyMatch(conds []cond, v int) bool {
	for _, c := range conds {
		if c.match(v) {
			return true
		}
	}
	return false
}

// matchesAll reports whether every face of d matches one of conds.
func matchesAll(d *dieNode, conds []cond) bool {
	if len(conds) == 0 {
		return false
	}
	if d.kind != dieSides {
		for _, v := range d.faceValues() {
			if !anyMatch(conds, v) {
				return false
			}
		}
		return true
	}
	// Faces 1..S: a face escapes every condition unless the conditions cover the whole range.
	// Checking the ends and each threshold's neighbours finds an escaping face if one exists,
	// since each condition's truth only changes next to its threshold.
	cand := []int{1, d.sides}
	for _, c := range conds {
		for _, v := range []int{c.t - 1, c.t, c.t + 1} {
			if v >= 1 && v <= d.sides {
				cand = append(cand, v)
			}
		}
	}
	for _, v := range cand {
		if !anyMatch(conds, v) {
			return false
		}
	}
	return true
}

// keepSpec is a keep or drop modifier: kh, kl, km, dh, dl with its count.
type keepSpec struct {
	span
	high bool // kh, dh: the highest dice are the ones kept or dropped
	drop bool // dh, dl
	mid  bool // km: the middle dice are kept (high and drop are false)
	k    int
}

// poolItem is one entry of a pool: count copies of a die (count nil means one), or a
// single value given by an expression (die nil).
type poolItem struct {
	count node
	die   *dieNode
	expr  node
}

// poolNode is a dice group like 4d6kh3 (one item) or a braced pool like {2d8,d6}kh2. Without
// keep and test its value is the sum of its items; with keep, the sum of the kept items; with
// a test, the number of (kept) items passing it.
type poolNode struct {
	span
	items  []poolItem
	braces bool
	keep   *keepSpec
	test   *cond
	tspan  span  // where the test is written
	fail   *cond // the failure test after "f" (10d10>=8f1), or nil
	fspan  span
	test2  *cond // the second test of a joint count (10d6>=5&=1), or nil
	t2span span
}

// multiNode is matches(POOL) or straight(POOL), a function of the values of a pool's dice.
type multiNode struct {
	span
	straight bool
	pool     *poolNode
}

// parser holds the state of one parse.
type parser struct {
	s     string
	pos   int
	depth int // nesting of unary, to refuse absurdly deep expressions
}

// maxNesting bounds the nesting of parentheses, braces, functions and unary minus.
const maxNesting = 200

// syntaxError is a parse failure at a byte offset; Parse turns it into a *ParseError.
type syntaxError struct {
	pos int
	msg string
}

// Error returns the message without the position.
func (e *syntaxError) Error() string { return e.msg }

// fail stops the parse (or the check) with a *syntaxError at byte offset pos; parseSyntax and
// checker.run recover it.
func (p *parser) fail(pos int, format string, args ...any) {
	panic(&syntaxError{pos, fmt.Sprintf(format, args...)})
}

// parseSyntax parses s into a syntax tree, or returns a *syntaxError.
func parseSyntax(s string) (n node, err error) {
	p := &parser{s: s}
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			n, err = nil, se
		}
	}()
	p.skipSpace()
	if p.pos == len(s) {
		p.fail(0, "empty expression")
	}
	n = p.expr("")
	p.skipSpace()
	if p.pos < len(s) {
		if s[p.pos] == ')' {
			p.fail(p.pos, "unmatched \")\"")
		}
		if s[p.pos] == '&' {
			p.fail(p.pos, "\"&\" must follow a success test on dice or a {pool}, as in 10d6>=5&=1")
		}
		p.fail(p.pos, "expected an operator (+ - * /) or the end of the expression, found %s", p.found())
	}
	return n, nil
}

// skipSpace moves past spaces, tabs and line breaks.
func (p *parser) skipSpace() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// found describes what is at the current position, for messages.
func (p *parser) found() string {
	if p.pos >= len(p.s) {
		return "the end of the expression"
	}
	r, _ := utf8.DecodeRuneInString(p.s[p.pos:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte %#02x", p.s[p.pos])
	}
	return fmt.Sprintf("%q", string(r))
}

// peekByte returns the next non-space byte, or 0 at the end.
func (p *parser) peekByte() byte {
	p.skipSpace()
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

// accept consumes word (ASCII, case-insensitive) after optional space, if present.
func (p *parser) accept(word string) bool {
	p.skipSpace()
	if len(p.s)-p.pos >= len(word) && strings.EqualFold(p.s[p.pos:p.pos+len(word)], word) {
		p.pos += len(word)
		return true
	}
	return false
}

// acceptWord is accept for a name, which must not be followed by another letter.
func (p *parser) acceptWord(word string) bool {
	save := p.pos
	if !p.accept(word) {
		return false
	}
	if p.pos < len(p.s) && isLetter(p.s[p.pos]) {
		p.pos = save
		return false
	}
	return true
}

// isLetter and isDigit classify ASCII bytes.
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }

// expr = product { ("+" | "-") product }. after names what came before, for messages.
func (p *parser) expr(after string) node {
	x := p.product(after)
	for {
		c := p.peekByte()
		if c != '+' && c != '-' {
			return x
		}
		p.pos++
		y := p.product(fmt.Sprintf("after %q", string(c)))
		x = &binNode{span{x.spanOf().pos, y.spanOf().end}, c, x, y}
	}
}

// product = unary { ("*" | "/") unary }.
func (p *parser) product(after string) node {
	x := p.unary(after)
	for c := p.peekByte(); c == '*' || c == '/'; c = p.peekByte() {
		p.pos++
		y := p.unary(fmt.Sprintf("after %q", string(c)))
		x = &binNode{span{x.spanOf().pos, y.spanOf().end}, c, x, y}
	}
	return x
}

// unary = ("-" | "+") unary | atom.
func (p *parser) unary(after string) node {
	if p.depth++; p.depth > maxNesting {
		p.fail(p.pos, "the expression is nested too deeply (more than %d levels)", maxNesting)
	}
	defer func() { p.depth-- }()
	switch p.peekByte() {
	case '-':
		start := p.pos
		p.pos++
		x := p.unary(`after "-"`)
		return &negNode{span{start, x.spanOf().end}, x}
	case '+':
		p.pos++
		return p.unary(`after "+"`)
	}
	return p.atom(after)
}

// atom = number [dice] | dice | "(" expr ")" [dice | test] | "{" items "}" poolMods
//
//	| ("max" | "min") "(" expr { "," expr } ")" [test]
//	| ("matches" | "straight") "(" pool ")" [test].
func (p *parser) atom(after string) node {
	c := p.peekByte()
	start := p.pos
	switch {
	case isDigit(c):
		n := p.number()
		if p.peekDice() {
			return p.dice(start, n)
		}
		if p.peekTest() {
			p.fail(p.pos, "a success test (%s) must follow dice, a {pool} or a parenthesized expression; "+
				"write (…)%s to test a total", p.s[p.pos:p.pos+p.testLen()], p.s[p.pos:p.pos+p.testLen()])
		}
		return n
	case c == 'd' || c == 'D':
		if p.peekDice() {
			return p.dice(start, nil)
		}
	case c == '(':
		p.pos++
		x := p.expr(`after "("`)
		p.expect(')', start, "(")
		paren := &parenNode{span{start, p.pos}, x}
		if p.peekDice() {
			return p.dice(start, paren)
		}
		return p.maybeTest(start, paren)
	case c == '{':
		return p.pool(start)
	case c == 'm' || c == 'M':
		isMax := p.acceptWord("max")
		if isMax || p.acceptWord("min") {
			return p.function(start, isMax)
		}
		if p.acceptWord("matches") {
			return p.multi(start, false)
		}
	case c == 's' || c == 'S':
		if p.acceptWord("straight") {
			return p.multi(start, true)
		}
	}
	what := "a number, dice or \"(\""
	if after != "" {
		what += " " + after
	}
	p.fail(p.pos, "expected %s, found %s", what, p.found())
	return nil
}

// expect consumes the closing byte c of a bracket opened at open.
func (p *parser) expect(c byte, open int, opener string) {
	if p.peekByte() == c {
		p.pos++
		return
	}
	p.fail(p.pos, "expected %q to close %q at column %d, found %s", string(c), opener, p.column(open), p.found())
}

// column converts a byte offset into a 1-based column counted in characters.
func (p *parser) column(pos int) int { return utf8.RuneCountInString(p.s[:min(pos, len(p.s))]) + 1 }

// number reads a decimal literal at the current position.
func (p *parser) number() *numNode {
	p.skipSpace()
	start := p.pos
	v := 0
	for p.pos < len(p.s) && isDigit(p.s[p.pos]) {
		d := int(p.s[p.pos] - '0')
		if v > (maxAbsValue-d)/10 {
			for p.pos < len(p.s) && isDigit(p.s[p.pos]) {
				p.pos++
			}
			p.fail(start, "number %s is too large (the limit is %s)", p.s[start:p.pos], maxAbsText)
		}
		v = v*10 + d
		p.pos++
	}
	if p.pos == start {
		panic("dist: internal error: number() called without a digit")
	}
	return &numNode{span{start, p.pos}, v}
}

// signedInt reads an optionally signed integer for faces, thresholds and reroll values; what
// names it in messages.
func (p *parser) signedInt(what string) int {
	neg := false
	switch p.peekByte() {
	case '-':
		neg = true
		p.pos++
	case '+':
		p.pos++
	}
	if !isDigit(p.peekByte()) {
		p.fail(p.pos, "expected %s, found %s", what, p.found())
	}
	n := p.number()
	if neg {
		return -n.v
	}
	return n.v
}

// peekDice reports whether a "d" that starts dice comes next (not "dh"/"dl", which drop).
func (p *parser) peekDice() bool {
	c := p.peekByte()
	if c != 'd' && c != 'D' {
		return false
	}
	if p.pos+1 < len(p.s) {
		switch p.s[p.pos+1] | 0x20 {
		case 'h', 'l':
			return false
		}
	}
	return true
}

// testLen returns the length of the comparison operator at the current position, or 0.
func (p *parser) testLen() int {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return 0
	}
	switch p.s[p.pos] {
	case '=':
		return 1
	case '<', '>':
		if p.pos+1 < len(p.s) && p.s[p.pos+1] == '=' {
			return 2
		}
		return 1
	}
	return 0
}

// peekTest reports whether a comparison comes next.
func (p *parser) peekTest() bool { return p.testLen() > 0 }

// cond reads a comparison and its threshold; a bare number means "=". bare says whether a
// number without an operator is allowed (rerolls allow it, success tests do not).
func (p *parser) cond(bare bool, what string) cond {
	op := p.compare(bare)
	return cond{op, p.signedInt(what)}
}

// compare reads a comparison operator; with bare, a missing one means "=".
func (p *parser) compare(bare bool) cmpOp {
	n := p.testLen()
	op := cmpEQ
	switch p.s[p.pos:min(p.pos+n, len(p.s))] {
	case ">=":
		op = cmpGE
	case ">":
		op = cmpGT
	case "<=":
		op = cmpLE
	case "<":
		op = cmpLT
	case "=":
	default:
		if !bare {
			p.fail(p.pos, "expected a comparison (>= > = <= <), found %s", p.found())
		}
	}
	p.pos += n
	return op
}

// maybeTest parses an optional success test after x; x counts as a single item. The
// threshold is an integer, or any other operand (dice, parentheses, max/min) for an opposed
// test such as (d20+5)>=(d20+3).
func (p *parser) maybeTest(start int, x node) node {
	if !p.peekTest() {
		return x
	}
	op := p.compare(false)
	if c := p.peekByte(); c == '-' || c == '+' || isDigit(c) {
		t := p.signedInt("a threshold after the comparison")
		return &testNode{span{start, p.pos}, x, nil, cond{op, t}}
	}
	y := p.atom(`after the comparison`)
	return &testNode{span{start, y.spanOf().end}, x, y, cond{op, 0}}
}

// dice parses "d" sides dieMods poolMods after an optional count (nil means one die).
func (p *parser) dice(start int, count node) node {
	p.skipSpace()
	dpos := p.pos
	p.pos++ // the "d"
	d := &dieNode{}
	d.pos = dpos
	p.skipSpace()
	switch c := p.peekByte(); {
	case isDigit(c):
		n := p.number()
		if n.v < 1 {
			p.fail(n.pos, "a die needs at least 1 side, found %d", n.v)
		}
		d.kind, d.sides = dieSides, n.v
	case c == '%':
		p.pos++
		d.kind, d.sides = dieSides, 100
	case c == 'f' || c == 'F':
		p.pos++
		d.kind = dieFudge
	case c == '{':
		open := p.pos
		p.pos++
		d.kind = dieFaces
		for {
			if p.peekByte() == '}' && len(d.faces) > 0 {
				p.fail(p.pos, "expected a face value after \",\", found %s", p.found())
			}
			d.faces = append(d.faces, p.signedInt("a face value"))
			if p.peekByte() != ',' {
				break
			}
			p.pos++
		}
		p.expect('}', open, "{")
	default:
		p.fail(p.pos, "expected the number of sides after \"d\" (a number, %%, F or {faces}), found %s", p.found())
	}
	d.end = p.pos
	p.dieMods(d)
	item := poolItem{count: count, die: d}
	pool := &poolNode{items: []poolItem{item}}
	pool.pos = start
	p.poolMods(pool)
	return pool
}

// dieMods parses { "!" | "r" cond | "ro" cond } after a die.
func (p *parser) dieMods(d *dieNode) {
	for {
		c := p.peekByte()
		switch {
		case c == '!' || c|0x20 == 'x':
			mpos := p.pos
			switch {
			case d.explode && c == '!':
				p.fail(p.pos, "the die already explodes (\"!\" written twice)")
			case d.separate && c != '!':
				p.fail(p.pos, "the die already explodes as separate dice (\"x\" written twice)")
			case d.explode || d.separate:
				p.fail(p.pos, "a die cannot both explode (\"!\") and explode as separate dice (\"x\")")
			}
			p.pos++
			name := "!"
			if c == '!' {
				if p.pos < len(p.s) && p.s[p.pos] == '!' {
					p.pos++ // "!!" (compounding elsewhere) is what "!" does here
				}
				d.explode = true
				if p.pos < len(p.s) && p.s[p.pos]|0x20 == 'p' {
					p.pos++
					d.penetrate = true
					name = "!p"
				}
			} else {
				d.separate = true
				name = "x"
				if p.pos < len(p.s) && p.s[p.pos]|0x20 == 'o' {
					p.pos++
					d.sepOnce = true
					name = "xo"
				}
			}
			if p.peekTest() {
				c := p.cond(false, fmt.Sprintf("a value to explode on after %q (like %s>=5)", name, name))
				d.explodeOn = &c
				if matchesAll(d, []cond{c}) {
					p.fail(mpos, "%s would explode on every face of the die", p.s[mpos:p.pos])
				}
			}
		case c == 'r' || c == 'R':
			mpos := p.pos
			p.pos++
			once := p.pos < len(p.s) && p.s[p.pos]|0x20 == 'o'
			if once {
				p.pos++
			}
			if len(d.rerolls) > 0 && once != d.once {
				p.fail(mpos, "cannot mix \"r\" (reroll repeatedly) and \"ro\" (reroll once) on one die")
			}
			d.once = once
			name := "r"
			if once {
				name = "ro"
			}
			d.rerolls = append(d.rerolls, p.cond(true, fmt.Sprintf("a value to reroll after %q (like %s1 or %s<3)", name, name, name)))
			if matchesAll(d, d.rerolls) {
				p.fail(mpos, "%s would reroll every face of the die", p.s[mpos:p.pos])
			}
		default:
			return
		}
		d.end = p.pos
	}
}

// poolMods parses [ ("kh" | "kl" | "k" | "dh" | "dl") [number] ] [test] after a pool.
func (p *parser) poolMods(pool *poolNode) {
	pool.end = p.pos
	p.skipSpace()
	kpos := p.pos
	var ks *keepSpec
	switch {
	case p.accept("kh"):
		ks = &keepSpec{high: true}
	case p.accept("kl"):
		ks = &keepSpec{}
	case p.accept("km"):
		ks = &keepSpec{mid: true}
	case p.accept("dh"):
		ks = &keepSpec{high: true, drop: true}
	case p.accept("dl"):
		ks = &keepSpec{drop: true}
	case p.accept("k"):
		ks = &keepSpec{high: true}
	}
	if ks != nil {
		ks.pos = kpos
		ks.k = 1
		if isDigit(p.peekByte()) {
			ks.k = p.number().v
		}
		ks.end = p.pos
		pool.keep = ks
		pool.end = p.pos
	}
	switch c := p.peekByte(); {
	case c == '!' || c == 'r' || c == 'R' || c == 'x' || c == 'X':
		if ks != nil {
			p.fail(p.pos, "%q must come before %q: write the die modifiers (! x r ro) first, then keep or drop",
				p.s[p.pos:p.pos+1], p.s[ks.pos:ks.end])
		}
	case p.peekTest():
		tpos := p.pos
		c := p.cond(false, "a threshold after the comparison")
		pool.test = &c
		pool.tspan = span{tpos, p.pos}
		pool.end = p.pos
		if c := p.peekByte(); c == 'f' || c == 'F' {
			fpos := p.pos
			p.pos++
			f := p.cond(true, `a failure value after "f" (like f1 or f<=2)`)
			pool.fail = &f
			pool.fspan = span{fpos, p.pos}
			pool.end = p.pos
		}
		if p.peekByte() == '&' {
			apos := p.pos
			if pool.fail != nil {
				p.fail(apos, "a joint count (\"&\") cannot have failures (%s)", p.s[pool.fspan.pos:pool.fspan.end])
			}
			p.pos++
			if !p.peekTest() {
				p.fail(p.pos, "expected a second test after \"&\" (like &=1), found %s", p.found())
			}
			t2 := p.cond(false, `a threshold after the comparison`)
			pool.test2 = &t2
			pool.t2span = span{apos, p.pos}
			pool.end = p.pos
		}
	}
	if ks != nil && p.peekKeep() {
		p.fail(p.pos, "only one keep or drop modifier is allowed per pool")
	}
}

// peekKeep reports whether a keep or drop modifier comes next.
func (p *parser) peekKeep() bool {
	c := p.peekByte()
	if c|0x20 == 'k' {
		return true
	}
	return c|0x20 == 'd' && !p.peekDice()
}

// pool parses "{" item { "," item } "}" poolMods. An item that is dice without keep or test
// (like 2d8 or 3d6!) adds its dice to the pool one by one; any other item is one value.
func (p *parser) pool(start int) node {
	p.pos++ // "{"
	pool := &poolNode{braces: true}
	pool.pos = start
	for {
		x := p.expr(`in "{…}"`)
		item := poolItem{expr: x}
		if d, ok := x.(*poolNode); ok && !d.braces && d.keep == nil && d.test == nil {
			item = d.items[0]
		}
		pool.items = append(pool.items, item)
		if p.peekByte() != ',' {
			break
		}
		p.pos++
	}
	p.expect('}', start, "{")
	p.poolMods(pool)
	return pool
}

// function parses "(" expr { "," expr } ")" [test] after max or min.
func (p *parser) function(start int, isMax bool) node {
	name := "min"
	if isMax {
		name = "max"
	}
	open := p.openParen(name)
	f := &funcNode{max: isMax}
	f.pos = start
	for {
		f.args = append(f.args, p.expr(fmt.Sprintf("in %s(…)", name)))
		if p.peekByte() != ',' {
			break
		}
		p.pos++
	}
	p.expect(')', open, "(")
	f.end = p.pos
	return p.maybeTest(start, f)
}

// multi parses "(" pool ")" [test] after matches or straight: the pool is a dice group or a
// {pool} without keep or test.
func (p *parser) multi(start int, straight bool) node {
	name := "matches"
	if straight {
		name = "straight"
	}
	open := p.openParen(name)
	p.skipSpace()
	at := p.pos
	x := p.expr(fmt.Sprintf("in %s(…)", name))
	pool, ok := x.(*poolNode)
	if !ok || pool.keep != nil || pool.test != nil {
		p.fail(at, "%s(…) takes dice (like 5d6 or 4d6x) or a {pool} without keep or test, found %s",
			name, p.s[at:x.spanOf().end])
	}
	p.expect(')', open, "(")
	m := &multiNode{span{start, p.pos}, straight, pool}
	return p.maybeTest(start, m)
}

// openParen consumes the "(" after the function name, returning its offset.
func (p *parser) openParen(name string) int {
	if p.peekByte() != '(' {
		p.fail(p.pos, "expected \"(\" after %q, found %s", name, p.found())
	}
	p.pos++
	return p.pos - 1
}
