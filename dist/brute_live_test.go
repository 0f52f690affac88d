package dist

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// This file checks the wave-2 dice notation (!p, x, xo, km, f, matches, straight and joint
// counts) against testdata/brute.py, an independent Python enumerator of every roll written
// from the documentation alone. The expressions are random and small; Python is run once on
// the whole batch, and the probabilities compared exactly.

const bruteLivePython = "/usr/bin/python3"

// bruteCase is one expression with its explode depth, as brute.py reads it.
type bruteCase struct {
	Expr  string `json:"expr"`
	Depth int    `json:"depth"`
}

// bruteResult is one answer of brute.py: value (or "a,b") to reduced probability "p/q".
type bruteResult struct {
	Expr  string            `json:"expr"`
	Depth int               `json:"depth"`
	Joint bool              `json:"joint"`
	Dist  map[string]string `json:"dist"`
	Total string            `json:"total"`
	Error string            `json:"error"`
}

// bruteGen builds random small expressions of the new forms, sized so that brute.py
// enumerates every roll quickly (at most 5 dice of at most 6 sides, or 3 dice that
// explode as separate dice).
type bruteGen struct {
	r *rand.Rand
	// wide asks for more dice (up to 20, 6 exploding as separate dice) of two or three
	// sides, to reach the sizes where the fast paths change.
	wide bool
}

// die is one dice group: its notation and its faces (for choosing tests inside them).
type bruteDie struct {
	text  string
	n     int // dice written
	faces []int
	mode  string // "", "!", "!p", "x", "xo"
	expl  bool   // an explode test is written
	// random is a number of dice rolled on a die, (dK)dS (n is then K).
	random bool
}

func (g *bruteGen) faces() (string, []int) {
	switch g.r.IntN(8) {
	case 0:
		return "F", []int{-1, 0, 1}
	case 1:
		return "{0,1,1,3}", []int{0, 1, 1, 3}
	}
	s := 2 + g.r.IntN(5)
	if g.wide {
		s = 2 + g.r.IntN(2)
	}
	f := make([]int, s)
	for i := range f {
		f[i] = i + 1
	}
	return fmt.Sprint(s), f
}

// cond returns a test around the faces, such as ">=4", that passes some face and fails some
// face when proper is set.
func (g *bruteGen) cond(faces []int, proper bool) string {
	ops := []string{">=", ">", "<=", "<", "="}
	lo, hi := faces[0], faces[len(faces)-1]
	for {
		op := ops[g.r.IntN(len(ops))]
		v := lo - 1 + g.r.IntN(hi-lo+3)
		if !proper {
			return fmt.Sprintf("%s%d", op, v)
		}
		pass := 0
		for _, f := range faces {
			if bruteCondHolds(op, v, f) {
				pass++
			}
		}
		if pass > 0 && pass < len(faces) {
			return fmt.Sprintf("%s%d", op, v)
		}
	}
}

func bruteCondHolds(op string, v, x int) bool {
	switch op {
	case ">=":
		return x >= v
	case ">":
		return x > v
	case "<=":
		return x <= v
	case "<":
		return x < v
	}
	return x == v
}

// die returns a dice group of at most maxN dice; explodeTest forces an explode test after
// the explode modifier (so that a success test written next is not read as one).
func (g *bruteGen) die(maxN int, explodeTest bool) bruteDie {
	fs, faces := g.faces()
	d := bruteDie{faces: faces}
	d.mode = []string{"", "", "!", "!p", "x", "xo"}[g.r.IntN(6)]
	d.n = 1 + g.r.IntN(maxN)
	if g.wide {
		d.n = 1 + g.r.IntN(4*maxN)
		if d.mode != "" {
			d.n = min(d.n, 10) // compounding sums spread: keep brute.py fast
		}
	}
	if d.mode == "x" || d.mode == "xo" {
		if g.wide {
			d.n = min(d.n, 6)
		} else {
			d.n = min(d.n, 3)
		}
	}
	n := fmt.Sprint(d.n)
	if d.n == 1 && g.r.IntN(2) == 0 {
		n = ""
	}
	if d.mode != "x" && d.mode != "xo" && g.r.IntN(8) == 0 {
		// a random number of dice, (d3)d4; n is the most there can be
		d.n = 2 + g.r.IntN(2)
		d.random = true
		n = fmt.Sprintf("(d%d)", d.n)
	}
	if g.r.IntN(5) == 0 {
		fs += []string{"r", "ro"}[g.r.IntN(2)] + g.cond(faces, true)
	}
	d.text = n + "d" + fs + d.mode
	if d.mode != "" && (explodeTest || g.r.IntN(3) == 0) {
		d.text += g.cond(faces, true)
		d.expl = true
	}
	return d
}

// keep returns a keep or drop modifier for a pool of n dice ("" for none).
func (g *bruteGen) keep(n int) string {
	if n == 0 || g.r.IntN(3) == 0 {
		return ""
	}
	// Parse refuses keeping none and dropping all (of the dice written, even for x).
	rules := []string{"kh", "kl", "km", "dh", "dl"}
	if n < 2 {
		rules = rules[:3]
	}
	rule := rules[g.r.IntN(len(rules))]
	if rule[0] == 'd' {
		return fmt.Sprintf("%s%d", rule, 1+g.r.IntN(n-1))
	}
	return fmt.Sprintf("%s%d", rule, 1+g.r.IntN(n))
}

// pool returns a dice group or a braced pool, its number of dice (0 for a braced pool with
// a random number of dice, which Parse does not let keep) and a face list to choose tests
// from.
func (g *bruteGen) pool(explodeTest bool) (string, int, []int) {
	if g.r.IntN(3) > 0 {
		d := g.die(5, explodeTest)
		return d.text, d.n, d.faces
	}
	var items []string
	n := 0
	var faces []int
	random := false
	for len(items) < 2 || (n < 4 && g.r.IntN(2) == 0) {
		switch g.r.IntN(5) {
		case 0: // a single value: (2d3)
			items = append(items, fmt.Sprintf("(%dd%d)", 1+g.r.IntN(2), 2+g.r.IntN(2)))
			n++
		case 1: // a single value: a group with a keep
			d := g.die(3, true)
			items = append(items, d.text+fmt.Sprintf("kh%d", 1+g.r.IntN(d.n)))
			n++
		default:
			d := g.die(max(1, 4-n), false)
			items = append(items, d.text)
			n += d.n
			random = random || d.random
			if faces == nil || len(d.faces) > len(faces) {
				faces = d.faces
			}
		}
	}
	if faces == nil {
		faces = []int{1, 2, 3, 4}
	}
	if random {
		n = 0
	}
	return "{" + strings.Join(items, ",") + "}", n, faces
}

// expr returns a random expression and whether it is a joint count.
func (g *bruteGen) expr() (string, bool) {
	switch g.r.IntN(7) {
	case 0: // a sum, with a keep
		p, n, _ := g.pool(false)
		return p + g.keep(n), false
	case 1, 2: // a success count, perhaps with failures
		p, n, faces := g.pool(true)
		// pool(true) writes an explode test after "!" and "x", since a success test written
		// right after them would be read as one
		s := p + g.keep(n) + g.cond(faces, false)
		if g.r.IntN(2) == 0 {
			f := g.cond(faces, false)
			if g.r.IntN(3) == 0 && f[0] == '=' {
				f = f[1:] // bare V means =V
			}
			s += "f" + f
		}
		return s, false
	case 3: // a joint count
		p, n, faces := g.pool(true)
		return p + g.keep(n) + g.cond(faces, false) + "&" + g.cond(faces, false), true
	case 4:
		p, _, _ := g.pool(false)
		return "matches(" + p + ")", false
	case 5:
		p, _, _ := g.pool(false)
		return "straight(" + p + ")", false
	}
	p, _, _ := g.pool(false)
	f := []string{"matches", "straight"}[g.r.IntN(2)]
	return fmt.Sprintf("%s(%s)+%d", f, p, g.r.IntN(3)), false
}

// runBrute runs brute.py on cases and returns its results in order.
func runBrute(t *testing.T, cases []bruteCase) []bruteResult {
	t.Helper()
	in, err := json.Marshal(map[string]any{"cases": cases})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bruteLivePython, "testdata/brute.py")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("brute.py: %v\n%s", err, stderr.String())
	}
	var res struct {
		Results []bruteResult `json:"results"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("brute.py output: %v", err)
	}
	if len(res.Results) != len(cases) {
		t.Fatalf("brute.py gave %d results for %d cases", len(res.Results), len(cases))
	}
	return res.Results
}

// knownMismatch lists expressions whose difference from brute.py is a confirmed bug in
// dist (checked by hand on the smallest case); they are skipped with the reason.
var knownMismatch = map[string]string{}

// compareBrute checks that got (value or "a,b" to probability, zero ones left out) is want.
func compareBrute(want map[string]string, got map[string]*big.Rat) error {
	var diffs []string
	for k, ws := range want {
		w, ok := new(big.Rat).SetString(ws)
		if !ok {
			return fmt.Errorf("brute.py probability %q", ws)
		}
		g := got[k]
		if g == nil {
			g = new(big.Rat)
		}
		if g.Cmp(w) != 0 {
			diffs = append(diffs, fmt.Sprintf("P(%s) = %s, brute force %s", k, g.RatString(), w.RatString()))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("P(%s) = %s, brute force 0", k, g.RatString()))
		}
	}
	if len(diffs) > 0 {
		if len(diffs) > 6 {
			diffs = append(diffs[:6], fmt.Sprintf("and %d more", len(diffs)-6))
		}
		return errors.New(strings.Join(diffs, "; "))
	}
	return nil
}

// evalNotation evaluates c with dist, as value (or "a,b") to nonzero probability, and
// returns the total weight.
func evalNotation(c bruteCase, joint bool) (map[string]*big.Rat, *big.Int, error) {
	opt := ParseOptions{ExplodeDepth: c.Depth}
	got := map[string]*big.Rat{}
	if joint {
		j, err := ParseJoint(c.Expr, opt)
		if err != nil {
			return nil, nil, err
		}
		for ab, p := range j.All() {
			if p.Sign() != 0 {
				got[fmt.Sprintf("%d,%d", ab[0], ab[1])] = p
			}
		}
		return got, j.Total(), nil
	}
	d, err := ParseWith(c.Expr, opt)
	if err != nil {
		return nil, nil, err
	}
	for v, p := range d.All() {
		if p.Sign() != 0 {
			got[fmt.Sprint(v)] = p
		}
	}
	return got, d.Total(), nil
}

// bruteFixed are hand-picked cases, among them the examples of DESIGN.md, always run.
var bruteFixed = []bruteCase{
	{"matches(5d6)", 1}, {"straight(5d6)", 1}, {"d6!p", 2}, {"3d4!p>=3", 2}, {"4d6xkh3", 1},
	{"3d4xo>=3", 2}, {"5d6km3", 1}, {"3d6km1", 1}, {"4d6km2", 1}, {"6d4>=3f1", 1},
	{"5d6>=4f<=2", 1}, {"4dF>=1&<=-1", 1}, {"5d6>=5&=1", 1}, {"{2d4, d6}kh2", 1},
	{"{2d4x, d3}>=3", 2}, {"{3d4x}>=4&=1", 2}, {"3d4x=4>=3", 2}, {"2d6x", 2}, {"2d6!", 2},
	{"matches(3d4x)", 2}, {"straight({2d4!, d6})", 1}, {"4d6xkm2", 1}, {"3d3xdl1", 2},
	{"3dFx", 2}, {"3dF!p", 2}, {"matches(3dFxo)", 2}, {"4d{0,1,1,3}x>=1kh2", 1},
	{"d3r1x", 1}, {"d3r1!p", 2}, {"2d3ro1xkh1", 2}, {"matches(2d3r1x)", 1}, {"3d4r<2x=4>=3", 1},
	{"d3!p", 3}, {"2d3x", 3}, {"{2d2x}kh2", 3}, {"2d2x=2kh1>=2&=1", 3}, {"straight(2d3x)", 3},
	{"matches(4d3)>=2", 1}, {"straight(4d4x)=3", 1}, {"straight({d4,d4})<2", 1},
	// the examples of DESIGN.md at the default depth
	{"10d10>=8f1", 9}, {"6d10>=7f<=2", 9}, {"10d6>=5&=1", 9}, {"4dF>=1&<=-1", 9}, {"3d20km1", 9},
	{"d6!p", 9}, {"3d10!p>=9", 9}, {"4d6xkh3", 9}, {"3d6x>=5", 9}, {"3d10xo>=8", 9},
	{"{3d6x}>=5&=1", 9},
}

func TestBruteLive(t *testing.T) {
	if _, err := os.Stat(bruteLivePython); err != nil {
		t.Skipf("%s is missing: %v", bruteLivePython, err)
	}
	seed := uint64(os.Getpid())
	t.Logf("seed %d (the process id)", seed)
	g := &bruteGen{r: rand.New(rand.NewPCG(seed, 0x6272757465))}
	cases := append([]bruteCase(nil), bruteFixed...)
	n := 200
	if testing.Short() {
		n = 50
	}
	for i := range n {
		g.wide = i%4 == 3
		e, _ := g.expr()
		cases = append(cases, bruteCase{e, 1 + g.r.IntN(2)})
	}
	start := time.Now()
	res := runBrute(t, cases)
	t.Logf("brute.py: %d cases in %v", len(cases), time.Since(start))
	for i, c := range cases {
		r := res[i]
		name := fmt.Sprintf("%s@depth=%d", c.Expr, c.Depth)
		if r.Error != "" {
			t.Errorf("%s: brute.py cannot read it: %s", name, r.Error)
			continue
		}
		got, total, err := evalNotation(c, r.Joint)
		if err != nil {
			if m := err.Error(); strings.Contains(m, "would take too long") || strings.Contains(m, "would need about") {
				// The estimates may be pessimistic; brute.py did it, so say so, but a
				// refusal is not a wrong number.
				t.Logf("%s: refused as too large although brute force did it: %v", name, err)
				continue
			}
			t.Errorf("%s: dist refuses it: %v", name, err)
			continue
		}
		if err := compareBrute(r.Dist, got); err != nil {
			if why, ok := knownMismatch[c.Expr]; ok {
				t.Logf("%s: known mismatch (%s): %v", name, why, err)
				continue
			}
			t.Errorf("%s: %v", name, err)
		}
		// ParseWith documents its total as the number of equally likely rolls.
		if total.String() != r.Total {
			t.Errorf("%s: total %v, the number of rolls is %s", name, total, r.Total)
		}
	}
}

// parseOutcome is what one call of Parse did: an error, a panic or a hang.
type parseOutcome struct {
	err      error
	panicked any
}

// parseGuarded runs parse on expr, reporting a panic, and gives up after limit.
func parseGuarded(expr string, limit time.Duration, parse func(string) error) (parseOutcome, bool) {
	done := make(chan parseOutcome, 1)
	go func() {
		var o parseOutcome
		defer func() {
			if r := recover(); r != nil {
				o.panicked = r
			}
			done <- o
		}()
		o.err = parse(expr)
	}()
	select {
	case o := <-done:
		return o, true
	case <-time.After(limit):
		return parseOutcome{}, false
	}
}

func TestHostileNewNotation(t *testing.T) {
	parse := func(e string) error { _, err := Parse(e); return err }
	parseJoint := func(e string) error { _, err := ParseJoint(e, ParseOptions{}); return err }
	// Every one of these must be refused with a *ParseError whose column is within the
	// expression (or just after it, for a missing end), quickly and without a panic.
	refused := []struct {
		expr  string
		joint bool
	}{
		{"matches()", false}, {"straight()", false}, {"straight(3)", false}, {"matches(3)", false},
		{"10d6x>=1", false}, {"d6!p<=6", false}, {"d6x<7", false}, {"dFx>=-1", false},
		{"5d6km9", false}, {"4d6km0", false}, {"4d6dl4", false}, {"{d6,d8}dh2", false}, {"3d6>=4f", false}, {"3d6f1", false},
		{"3d6>=4f>=", false}, {"3d6>=4ff1", false}, {"3d6>=4f1f2", false},
		{"10d6>=5&", false}, {"&=1", false}, {"10d6>=5&=1&=2", false}, {"10d6>=5&=1", false},
		{"10d6>=5&", true}, {"&=1", true}, {"10d6>=5&=1&=2", true}, {"3d6", true}, {"3d6>=4", true},
		{"10d6>=5f1&=1", true}, {"10d6>=5&=1+1", true}, {"(10d6>=5&=1)", true},
		{"matches(10d6>=5&=1)", true}, {"10d6&=1", true}, {"10d6>=5&&=1", true},
		{"matches(matches(3d6))", false}, {"straight(matches(3d6))", false},
		{"matches(3d6kh2)", false}, {"matches(3d6>=4)", false}, {"matches(3d6+1)", false},
		{"matches(3d6", false}, {"straight(", false}, {"matches", false}, {"matches 3d6", false},
		{"{}", false}, {"{}kh1", false}, {"matches({})", false}, {"{,}", false}, {"{2d6,}km1", false},
		{"1000000d6x", false}, {"1000000d6xkh3", false}, {"matches(1000d1000)", false},
		{"straight(100000d100000)", false}, {"100000d6x>=5", false}, {"1000d6xo>=2kh500", false},
		{"4d6xx", false}, {"4d6x!", false}, {"4d6!x", false}, {"d6!p!", false}, {"d6!pp", false},
		{"4d6kmx", false}, {"4d6kh3km2", false}, {"4d6km2x", false},
		{"d6xo>=", false}, {"d6!p>", false}, {"xo", false}, {"dx", false}, {"d0x", false},
		{"5d6>=4f1>=2", false}, {"straight(5d6)f1", false}, {"3d6&=1", false},
	}
	for _, c := range refused {
		p := parse
		if c.joint {
			p = parseJoint
		}
		o, ok := parseGuarded(c.expr, time.Second, p)
		switch {
		case !ok:
			t.Errorf("%q (joint %v): no answer within 1 s", c.expr, c.joint)
		case o.panicked != nil:
			t.Errorf("%q (joint %v): panic %v", c.expr, c.joint, o.panicked)
		case o.err == nil:
			t.Errorf("%q (joint %v): accepted, want a *ParseError", c.expr, c.joint)
		default:
			var pe *ParseError
			if !errors.As(o.err, &pe) {
				t.Errorf("%q: error %T %v, want a *ParseError", c.expr, o.err, o.err)
			} else if pe.Pos < 1 || pe.Pos > len([]rune(c.expr))+1 {
				t.Errorf("%q: column %d outside the expression: %v", c.expr, pe.Pos, pe)
			} else {
				t.Logf("%q: %v", c.expr, pe)
			}
		}
	}
	// A keep count left out is 1, so 4d6km-1 is 4d6km1 minus 1, not a keep of -1.
	a, errA := Parse("4d6km-1")
	b, errB := Parse("4d6km1-1")
	if errA != nil || errB != nil || !a.Equal(b) {
		t.Errorf("4d6km-1 is not 4d6km1-1: %v, %v", errA, errB)
	}
	// These may be accepted or refused, but never with a panic or a hang.
	either := []string{
		"0d6x", "matches(0d6)", "straight(0d6)", "0d6>=1&=1", "d6x>=7", "d6!p>6", "d1x",
		"d1!p", "matches(d1)", "straight(d{5})", "5d6km0", "5d6km5", "0d6km0",
		"(d4)d6x", "(d4)d6xkh2", "matches((d4)d6)", "straight((d3)d6x)", "(d3)d6>=4f1",
		"matches(5d6)>=3", "straight(5d6)=5", "d{-3,-1,0,2}x", "straight(4d{-3,-1,0,2})",
		"matches(60d6)", "straight(60d6)", "100d6xkm50", "50d10x>=8f1", "20d6>=5&=1",
		"{(2d6), 3d4x}km1", "{d6x, d8!p}>=5f1", "3d6!p!=6", "4d6X>=5", "4D6XO", "MATCHES(3D6)",
		"3d6 >= 4 f 1", "3d6 km 1", "4d6km", "matches ( 3d6 )", "10d6≥5f≤1",
	}
	for _, e := range either {
		o, ok := parseGuarded(e, time.Second, parse)
		switch {
		case !ok:
			t.Errorf("%q: no answer within 1 s", e)
		case o.panicked != nil:
			t.Errorf("%q: panic %v", e, o.panicked)
		case o.err != nil:
			var pe *ParseError
			if !errors.As(o.err, &pe) {
				t.Errorf("%q: error %T %v, want a *ParseError", e, o.err, o.err)
			}
			t.Logf("%q: %v", e, o.err)
		default:
			t.Logf("%q: accepted", e)
		}
	}
}

var hostileSlow = flag.Bool("hostile.slow", false, "run TestHostileSlow: expressions Parse accepts that take far more than a second")

// hostileSlowCases are accepted by Parse at 672f265 although they take far longer than the
// ten seconds of work ParseWith promises to refuse (times measured on a loaded 2-core
// machine). At dist15 3a4bb7a (new estimates) every one is refused or done within 3 s.
var hostileSlowCases = []string{
	"matches(200d6)",      // 10.6 s
	"matches(300d6)",      // 39 s
	"matches(360d6)",      // 61 s; matches(390d6) is refused (estimate 3.8e9 > 3e9)
	"matches(100d100)",    // 65 s
	"straight(400d6)",     // 16 s
	"straight(500d7)",     // 25 s
	"matches(200d22)",     // 41 s
	"matches(100d7!)",     // 14 s
	"matches(100d5!p>=4)", // 9 s
}

// TestHostileSlow is a known bug: the work estimate of matches (and of straight) is far
// below its cost. It runs only with -hostile.slow, since a Parse cannot be stopped and each
// case goes on computing after the limit.
func TestHostileSlow(t *testing.T) {
	if !*hostileSlow {
		t.Skip("known bug, Parse accepts expressions that take 9-65 s: run with -hostile.slow")
	}
	parse := func(e string) error { _, err := Parse(e); return err }
	for _, e := range hostileSlowCases {
		start := time.Now()
		o, ok := parseGuarded(e, 1000*time.Second, parse)
		took := time.Since(start)
		switch {
		case !ok || o.panicked != nil:
			t.Errorf("%q: %v", e, o.panicked)
		case o.err == nil && took > 10*time.Second:
			t.Errorf("%q: accepted and took %v, past the ten seconds ParseWith refuses", e, took)
		case o.err == nil && took > time.Second:
			t.Logf("%q: accepted and took %v", e, took)
		default:
			t.Logf("%q: %v in %v", e, o.err, took)
		}
	}
}

// TestHostileTokens parses random strings of the notation's pieces: every answer must come
// quickly, without a panic, and every error be a *ParseError with a column in the string.
func TestHostileTokens(t *testing.T) {
	toks := []string{"d", "d", "6", "3", "2", "1", "0", "x", "xo", "!", "!p", "p", "o", "km", "kh",
		"dl", "k", "f", "&", ">=", "<=", "=", ">", "<", "matches(", "straight(", "{", "}", ",", "(",
		")", "-", "+", "r", "ro", "F", "%", "10", "20", " ", "*", "/", "max(", "min(", "{2d6,d4}",
		"3d6", "4d6x", ">=5&=1", "f1"}
	seed := uint64(os.Getpid())
	t.Logf("seed %d (the process id)", seed)
	r := rand.New(rand.NewPCG(seed, 0x746f6b))
	parse := func(e string) error { _, err := Parse(e); return err }
	parseJoint := func(e string) error { _, err := ParseJoint(e, ParseOptions{}); return err }
	n := 5000
	if testing.Short() {
		n = 1000
	}
	accepted := 0
	for range n {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			b.WriteString(toks[r.IntN(len(toks))])
		}
		e := b.String()
		joint := r.IntN(4) == 0
		p := parse
		if joint {
			p = parseJoint
		}
		o, ok := parseGuarded(e, 5*time.Second, p)
		var pe *ParseError
		switch {
		case !ok:
			t.Errorf("%q (joint %v): no answer within 5 s", e, joint)
		case o.panicked != nil:
			t.Errorf("%q (joint %v): panic %v", e, joint, o.panicked)
		case o.err == nil:
			accepted++
		case !errors.As(o.err, &pe):
			t.Errorf("%q: error %T %v, want a *ParseError", e, o.err, o.err)
		case pe.Pos < 1 || pe.Pos > len([]rune(e))+1:
			t.Errorf("%q: column %d outside the expression: %v", e, pe.Pos, pe)
		}
	}
	t.Logf("%d of %d accepted", accepted, n)
}
