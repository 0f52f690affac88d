package dist

import (
	"fmt"
	"strings"
)

// DefaultMaxBytes is the memory limit [Parse] applies: 1 GiB.
const DefaultMaxBytes = 1 << 30

// NoExtraRolls is the [ParseOptions] ExplodeDepth that allows no extra roll or reroll (the
// zero ExplodeDepth means DefaultExplodeDepth).
const NoExtraRolls = -1

// ParseOptions are the settings of [ParseWith]. The zero value means the defaults.
type ParseOptions struct {
	// ExplodeDepth is the number of extra rolls "!" allows and the number of rerolls "r"
	// allows ("ro" rerolls once whatever it is); 0 means DefaultExplodeDepth (9), and
	// NoExtraRolls allows none, so that "!" and "r" leave a die as first rolled. Any other
	// negative depth panics.
	ExplodeDepth int

	// MaxBytes is the memory an expression may need, estimated before any work starts from
	// the size of every intermediate distribution; 0 means DefaultMaxBytes (1 GiB). A
	// negative limit panics.
	MaxBytes int64
}

// A ParseError reports a dice expression that [Parse] refuses: bad syntax, a count that does
// not fit (keep 5 of 4 dice), or a computation too large for the memory or work limit.
type ParseError struct {
	Expr string // the expression
	Pos  int    // the 1-based column (in characters) of the problem
	Msg  string // what was expected or what is wrong, like `expected "d" …`
}

// Error returns the error as one line: `dist: parsing "3d": column 3: expected …`. An
// expression over 80 characters is quoted by the 60 around the column, with its length:
// `dist: parsing …"((((((…" (130000 characters): column 201: …`.
func (e *ParseError) Error() string {
	r := []rune(e.Expr)
	if len(r) <= 80 {
		return fmt.Sprintf("dist: parsing %q: column %d: %s", e.Expr, e.Pos, e.Msg)
	}
	lo := min(max(0, e.Pos-1-30), len(r)-60)
	pre, post := "…", "…"
	if lo == 0 {
		pre = ""
	}
	if lo+60 == len(r) {
		post = ""
	}
	return fmt.Sprintf("dist: parsing %s%q%s (%d characters): column %d: %s", pre, string(r[lo:lo+60]), post, len(r), e.Pos, e.Msg)
}

// Parse returns the exact distribution of a dice expression, with the default options of
// [ParseWith]. The result is a new Dist.
func Parse(expr string) (*Dist, error) {
	return ParseWith(expr, ParseOptions{})
}

// ParseWith returns the exact distribution of a dice expression, such as "3d6", "4d6kh3" or
// "2d20kh1+5". The result is a new Dist; its total is the number of equally likely outcomes
// of the rolls (6^4 for 4d6kh3).
//
// An expression that is malformed, nested more than 200 deep, or whose result or intermediate
// steps would need more than opt.MaxBytes of memory or an estimated ten seconds or more of
// work, returns a *ParseError naming the column and what was expected or what is too large.
// The sizes are estimated (with [Shape]) before any work starts, so "1000000000d6" is refused
// at once. ParseWith panics if opt.ExplodeDepth is negative other than NoExtraRolls, or if
// opt.MaxBytes is negative.
//
// # Notation
//
// Letters may be upper or lower case, and spaces may separate the parts; the typographic
// − – × ÷ ≥ ≤ are read as - - * / >= <=. In order of precedence, from the loosest:
//
//	a + b, a - b    sum and difference of independent values
//	a * b, a / c    product (2*d6 doubles one roll; d6*d6 multiplies two); division by a
//	                non-zero number, rounded toward zero: 8d6/2
//	-a              negation
//	NdS             the sum of N dice with S sides (N = 1 when left out): 3d6, d20
//	d%, dF          d100; the Fudge die with faces -1, 0, +1
//	d{1,1,2,3,5,8}  a die with the faces listed, negative ones allowed: d{-1,0,0,1}
//	(X)dS           a random number of dice: (d4)d6 rolls d4, then that many d6; with
//	                a keep, fewer dice than K are all kept: (d4)d6kh2
//	( a )           grouping
//	max(a, b, ...)  the highest of independent values: max(d20, d20) is advantage
//	min(a, b, ...)  the lowest: min(d20, d20) is disadvantage
//	matches(P)      the size of the largest set of dice of the pool P showing the same
//	                value: matches(5d6) is 5 with probability 1/1296
//	straight(P)     the length of the longest run of consecutive values among the dice
//	                of P (a value shown twice counts once): straight(5d6)
//
// The pool P of matches and straight is a dice group or a braced pool without keep or test
// (5d6, 4d6x, {2d8, d6}); like the other functions, either may be followed by a test.
// Each die may carry modifiers, applied in this order whatever order they are written in:
//
//	rV, r<V, r<=V, r>V, r>=V   reroll a die showing V (or meeting the test), at most
//	                           ExplodeDepth times; several r modifiers combine: d6r1r2
//	roV, ro<V, ...             reroll at most once
//	!                          explode: roll again on the highest face and add, at most
//	                           ExplodeDepth extra rolls: 3d6! (!! means the same)
//	!>=V, !>V, !=V, ...        explode on the faces meeting the test: 5d10!>=8
//	!p, !p>=V, ...             penetrate (Hackmaster): as "!", but every extra roll counts
//	                           one less: d6!p, 3d10!p>=9
//	x, x>=V, ...               explode as separate dice: every extra roll is a die of its
//	                           own, which keep and tests see one by one, at most
//	                           ExplodeDepth extra rolls per die: 4d6xkh3, {10d6x}>=5; the
//	                           sum of the dice is that of "!"
//	xo, xo>=V, ...             as x, at most one extra roll per die: 5d10xo>=8
//
// An exploding die stays one die whose value is the sum of its rolls (some tools call this
// compounding), so 4d6!kh3 keeps three such sums; with x the rolls stay apart (Roll20's "!",
// Foundry's "x"). A test written right after "!", "!p", "x" or "xo" is where the die
// explodes; to count successes of dice exploding on their highest face, give the explode
// point or use braces: 5d10!=10>=8, {5d10!}>=8, 10d6x=6>=5 or {10d6x}>=5. The dice of an x
// group need a fixed number: (d4)d6x is an error.
//
// Then a dice group or pool may keep or drop dice, and then count successes:
//
//	khK, klK, dhK, dlK   keep the highest or lowest K, drop the highest or lowest K; K is 1
//	                     when left out, and kK is khK: 4d6kh3, 4d6dl, 2d20kh, 4d6!kh3
//	kmK                  keep the middle K: drop ⌊(N−K)/2⌋ lowest and ⌈(N−K)/2⌉ highest
//	                     of the N dice: 5d6km3, 3d20km1 (the median die)
//	>=T, >T, =T, <=T, <T the number of dice (kept dice, after a keep) meeting the test,
//	                     instead of their sum: 10d6>=5, 5d10kh3>7; T may be negative;
//	                     5d6kh2=6 counts how many of the two kept dice show 6
//	TEST fV, TEST f<=V   after a test: less one for every counted die meeting the failure
//	                     test (Roll20's f; a bare V means =V): 10d10>=8f1, 6d10>=7f<=2;
//	                     a die meeting both counts 0
//
// Two tests joined by "&" after a pool, as in 10d6>=5&=1, make a joint count, a pair of
// numbers over the same roll; it must be the whole expression and is read by [ParseJoint],
// not ParseWith, which refuses it.
// A pool in braces mixes dice of different kinds: {2d8, d6}kh2 keeps the highest two of three
// dice. Dice written without a keep or test inside the braces join the pool one by one; any
// other item, such as (2d6) or d20+5, is a single value: {(2d6), (2d6)}kh1 is the better of
// two 2d6 totals. Without a modifier a pool is the sum of its items.
//
// A test may also follow a parenthesized expression or max/min, which then counts as one
// value: (2d6+3)>=10 is 1 when the total reaches 10 and 0 otherwise, so its mean is the
// probability of success. Its threshold may itself be rolled, for opposed rolls:
// (d20+5)>(d20+3) is 1 when the first total beats the second. A test binds to the operand
// just before it, like a modifier: (d20)>(d20)+1 adds 1 to the 0 or 1 of the test. A test
// directly after a plain number is an error.
func ParseWith(expr string, opt ParseOptions) (*Dist, error) {
	if opt.ExplodeDepth < NoExtraRolls || opt.MaxBytes < 0 {
		panic("dist: ParseWith with a negative ExplodeDepth or MaxBytes")
	}
	return parseLimited(expr, opt, maxWork)
}

// parseLimited is ParseWith with a bound on the estimated work (see maxWork).
func parseLimited(expr string, opt ParseOptions, work int64) (*Dist, error) {
	n, c, err := check(expr, opt, work, false)
	if err != nil {
		return nil, err
	}
	ev := &evaluator{depth: c.depth}
	return ev.eval(n), nil
}

// ParseJoint returns the exact joint distribution of a joint count, a dice group or pool
// followed by two success tests joined by "&": "10d6>=5&=1" is the pair (dice showing 5 or 6,
// dice showing 1) of one roll of ten d6 (Shadowrun's hits and ones), "4dF>=1&<=-1" the pluses
// and minuses of four Fudge dice. The pool may be anything a success test may follow in
// [ParseWith] (a dice group with modifiers such as 6d10x or 5d6kh3, or a braced pool such as
// {2d8, d6}), a die passing both tests counts in both, and the whole expression must be the
// joint count. The result is a new Joint whose total is the number of equally likely rolls.
//
// Errors are those of ParseWith, as *ParseError naming the column, and an expression that is
// not a joint count is one. ParseJoint panics as ParseWith does on invalid options. See
// [Joint.Count] for the computation.
func ParseJoint(expr string, opt ParseOptions) (*Joint, error) {
	if opt.ExplodeDepth < NoExtraRolls || opt.MaxBytes < 0 {
		panic("dist: ParseJoint with a negative ExplodeDepth or MaxBytes")
	}
	return parseJointLimited(expr, opt, maxWork)
}

// parseJointLimited is ParseJoint with a bound on the estimated work.
func parseJointLimited(expr string, opt ParseOptions, work int64) (*Joint, error) {
	n, c, err := check(expr, opt, work, true)
	if err != nil {
		return nil, err
	}
	ev := &evaluator{depth: c.depth}
	return ev.joint(n.(*poolNode)), nil
}

// check parses and checks expr, returning the syntax tree and the checker (with the
// estimates of every node), or a *ParseError.
// With joint, expr must be a joint count (see ParseJoint); without, it must not be one.
func check(expr string, opt ParseOptions, work int64, joint bool) (n node, c *checker, err error) {
	switch opt.ExplodeDepth {
	case 0:
		opt.ExplodeDepth = DefaultExplodeDepth
	case NoExtraRolls:
		opt.ExplodeDepth = 0
	}
	if opt.MaxBytes == 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	ascii, cols := normalize(expr)
	p := &parser{s: ascii}
	c = &checker{p: p, depth: opt.ExplodeDepth, limit: opt.MaxBytes, work: work, shapes: map[node]Shape{}, joint: joint}
	n, err = parseSyntax(ascii)
	if err == nil {
		err = c.run(n)
	}
	if se, ok := err.(*syntaxError); ok {
		return nil, nil, &ParseError{Expr: expr, Pos: cols[se.pos], Msg: se.msg}
	}
	return n, c, err
}

// typographic maps the typographic operators that text copied from a book may hold to
// their ASCII forms.
var typographic = map[rune]string{
	'−': "-", '–': "-", '×': "*", '÷': "/", '≥': ">=", '≤': "<=",
}

// normalize replaces typographic operators in expr by ASCII ones, returning the new string
// and, for each of its byte offsets (and its end), the 1-based column in expr.
func normalize(expr string) (string, []int) {
	var b strings.Builder
	cols := make([]int, 0, len(expr)+1)
	col := 1
	for _, r := range expr {
		t, ok := typographic[r]
		if !ok {
			t = string(r)
		}
		b.WriteString(t)
		for range len(t) {
			cols = append(cols, col)
		}
		col++
	}
	return b.String(), append(cols, col)
}

// run checks n, turning the checker's panics into a *syntaxError.
func (c *checker) run(n node) (err error) {
	c.root = n
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			err = se
		}
	}()
	pn, _ := n.(*poolNode)
	switch isJoint := pn != nil && pn.test2 != nil; {
	case isJoint && !c.joint:
		c.p.fail(pn.t2span.pos, "%s is a joint count of two tests, a pair of numbers: parse it with ParseJoint",
			c.p.s[pn.tspan.pos:pn.t2span.end])
	case !isJoint && c.joint:
		c.p.fail(0, "expected a joint count: dice or a {pool}, a success test, \"&\" and a second test, as in 10d6>=5&=1")
	}
	c.check(n)
	return nil
}
