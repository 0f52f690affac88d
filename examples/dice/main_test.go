package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expected numbers come from enumerating every roll in the test, not from package dist.

// enumerateRolls returns the number of rolls of n dice with s sides giving each outcome of f,
// and the number of rolls.
func enumerateRolls(n, s int, f func([]int) int) (map[int]int64, int64) {
	counts := map[int]int64{}
	roll := make([]int, n)
	var rec func(i int)
	rec = func(i int) {
		if i == n {
			counts[f(roll)]++
			return
		}
		for v := 1; v <= s; v++ {
			roll[i] = v
			rec(i + 1)
		}
	}
	rec(0)
	total := int64(1)
	for range n {
		total *= int64(s)
	}
	return counts, total
}

func sumOf(v []int) int {
	t := 0
	for _, x := range v {
		t += x
	}
	return t
}

func top3(v []int) int {
	w := slices.Clone(v)
	slices.Sort(w)
	return sumOf(w[1:])
}

// runDice runs the program and returns its exit status, stdout and stderr.
func runDice(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// tableRows returns the table rows of the text output of one expression, as fields, keyed by
// value.
func tableRows(t *testing.T, out string) map[int][]string {
	t.Helper()
	rows := map[int][]string{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		v, err := strconv.Atoi(f[0])
		if err != nil {
			continue
		}
		rows[v] = f
	}
	return rows
}

// pct formats num/den in percent with two decimals, computed exactly then rounded.
// An exact tie (3.125 %) rounds to even, as big.Float does: "3.12".
func pct(num, den int64) string {
	q, r := new(big.Int).QuoRem(big.NewInt(num*10000), big.NewInt(den), new(big.Int)) // hundredths of a percent
	switch c := new(big.Int).Lsh(r, 1).Cmp(big.NewInt(den)); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	return new(big.Rat).SetFrac(q, big.NewInt(100)).FloatString(2)
}

// checkTable compares the printed table with enumerated counts.
func checkTable(t *testing.T, out string, counts map[int]int64, total int64) {
	t.Helper()
	rows := tableRows(t, out)
	lo, hi := 1<<30, -1<<30
	for v := range counts {
		lo, hi = min(lo, v), max(hi, v)
	}
	require.Len(t, rows, hi-lo+1)
	var below int64
	for v := lo; v <= hi; v++ {
		f := rows[v]
		require.NotNil(t, f, "row %d", v)
		c := counts[v]
		assert.Equal(t, pct(c, total), f[1], "%% of %d", v)
		assert.Equal(t, pct(total-below, total), f[2], "at least %% of %d", v)
		below += c
		assert.Equal(t, pct(below, total), f[3], "at most %% of %d", v)
		assert.Len(t, f, 5, "row %d has a bar", v)
	}
}

// moments returns the exact mean and variance of the enumerated distribution.
func moments(counts map[int]int64, total int64) (mean, variance *big.Rat) {
	mean, sq := new(big.Rat), new(big.Rat)
	for v, c := range counts {
		mean.Add(mean, big.NewRat(int64(v)*c, total))
		sq.Add(sq, big.NewRat(int64(v)*int64(v)*c, total))
	}
	variance = new(big.Rat).Sub(sq, new(big.Rat).Mul(mean, mean))
	return mean, variance
}

func TestTables(t *testing.T) {
	code, out, errs := runDice("3d6", "4d6kh3")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	parts := strings.Split(out, "\n\n")
	require.Len(t, parts, 2)
	require.True(t, strings.HasPrefix(parts[0], "3d6\n"))
	require.True(t, strings.HasPrefix(parts[1], "4d6kh3\n"))

	c3, t3 := enumerateRolls(3, 6, sumOf)
	checkTable(t, parts[0], c3, t3)
	assert.Contains(t, parts[0], "mean                10.5\n")
	assert.Contains(t, parts[0], "variance            8.75\n") // 3 × 35/12
	assert.Contains(t, parts[0], "support             3..18 (16 values)")

	c4, t4 := enumerateRolls(4, 6, top3)
	checkTable(t, parts[1], c4, t4)
	mean, variance := moments(c4, t4)
	assert.Equal(t, "15869/1296", mean.RatString()) // the textbook value
	assert.Contains(t, parts[1], "mean                "+mean.FloatString(4)+"\n")
	assert.Contains(t, parts[1], "variance            "+variance.FloatString(4)+"\n")
	// The mode of 4d6kh3 is 13, with the longest bar.
	assert.Contains(t, tableRows(t, parts[1])[13][4], strings.Repeat("█", barWidth))
}

func TestExact(t *testing.T) {
	code, out, errs := runDice("-exact", "3d6")
	require.Equal(t, 0, code, errs)
	counts, total := enumerateRolls(3, 6, sumOf)
	rows := tableRows(t, out)
	var below int64
	for v := 3; v <= 18; v++ {
		f := rows[v]
		require.NotNil(t, f)
		assert.Equal(t, big.NewRat(counts[v], total).RatString(), f[1])
		assert.Equal(t, big.NewRat(total-below, total).RatString(), f[2])
		below += counts[v]
		assert.Equal(t, big.NewRat(below, total).RatString(), f[3])
	}
	assert.Contains(t, out, "mean                21/2 = 10.5\n")
	assert.Contains(t, out, "variance            35/4 = 8.75\n")
	_, out, _ = runDice("-exact", "2d6", "4d6kh3")
	assert.Contains(t, out, "mean                7\n")
	assert.Contains(t, out, "mean                15869/1296 ≈ 12.2446\n")
}

// checkJSONObject decodes the JSON object of one expression (no unknown fields) and compares
// it with enumerated counts.
func checkJSONObject(t *testing.T, raw []byte, expr string, counts map[int]int64, total int64) {
	t.Helper()
	var got struct {
		Expr     string `json:"expr"`
		Lo, Hi   int
		Total    string `json:"total"`
		Outcomes []struct {
			Value int    `json:"value"`
			Count string `json:"count"`
			Prob  string `json:"prob"`
		} `json:"outcomes"`
		Mean     string `json:"mean"`
		Variance string `json:"variance"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&got))
	assert.Equal(t, expr, got.Expr)
	jt, ok := new(big.Int).SetString(got.Total, 10)
	require.True(t, ok, got.Total)
	require.Len(t, got.Outcomes, got.Hi-got.Lo+1)
	for i, o := range got.Outcomes {
		assert.Equal(t, got.Lo+i, o.Value)
		c, ok := new(big.Int).SetString(o.Count, 10)
		require.True(t, ok, o.Count)
		want := big.NewRat(counts[o.Value], total)
		assert.Equal(t, 0, new(big.Rat).SetFrac(c, jt).Cmp(want), "count of %d", o.Value)
		assert.Equal(t, want.String(), o.Prob, "prob of %d", o.Value) // reduced, "n/d"
	}
	mean, variance := moments(counts, total)
	assert.Equal(t, mean.String(), got.Mean)
	assert.Equal(t, variance.String(), got.Variance)
}

func TestJSON(t *testing.T) {
	code, out, errs := runDice("-json", "4d6kh3", "2d6")
	require.Equal(t, 0, code, errs)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 2, "one object per line")
	check := func(line, expr string, counts map[int]int64, total int64) {
		checkJSONObject(t, []byte(line), expr, counts, total)
	}
	c4, t4 := enumerateRolls(4, 6, top3)
	check(lines[0], "4d6kh3", c4, t4)
	assert.Contains(t, lines[0], `"total":"1296"`)
	assert.Contains(t, lines[0], `"mean":"15869/1296"`)
	assert.Contains(t, lines[0], `"variance":"13612487/1679616"`) // DESIGN.md's example
	c2, t2 := enumerateRolls(2, 6, sumOf)
	check(lines[1], "2d6", c2, t2)

	// Characters such as > are not escaped.
	_, out, _ = runDice("-json", "4d6>=5")
	assert.Contains(t, out, `"expr":"4d6>=5"`)
}

// runCSV runs the program with args (and -exact first if exact) and returns the CSV records
// it prints.
func runCSV(t *testing.T, exact bool, args ...string) [][]string {
	t.Helper()
	if exact {
		args = append([]string{"-exact"}, args...)
	}
	code, out, errs := runDice(args...)
	require.Equal(t, 0, code, errs)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	return recs
}

// csvWant formats a probability as the CSV output should: a reduced fraction if exact, else
// the float64 nearest to it, shortest form.
func csvWant(r *big.Rat, exact bool) string {
	if exact {
		return r.String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func TestCSV(t *testing.T) {
	for _, exact := range []bool{false, true} {
		recs := runCSV(t, exact, "-csv", "2d6", "d4")
		require.Len(t, recs, 1+11+4)
		assert.Equal(t, []string{"expr", "value", "count", "probability", "at_least", "at_most"}, recs[0])
		counts, total := enumerateRolls(2, 6, sumOf)
		var below int64
		for i, r := range recs[1:12] {
			v := 2 + i
			assert.Equal(t, "2d6", r[0])
			assert.Equal(t, strconv.Itoa(v), r[1])
			assert.Equal(t, strconv.FormatInt(counts[v], 10), r[2]) // total 36 here
			atLeast := big.NewRat(total-below, total)
			below += counts[v]
			for j, want := range []*big.Rat{big.NewRat(counts[v], total), atLeast, big.NewRat(below, total)} {
				assert.Equal(t, csvWant(want, exact), r[3+j])
			}
		}
		assert.Equal(t, "d4", recs[12][0])
	}
}

func TestLargeTableElided(t *testing.T) {
	code, out, errs := runDice("1000d20")
	require.Equal(t, 0, code, errs)
	rows := tableRows(t, out)
	assert.Len(t, rows, 41)
	assert.Contains(t, rows, 10500, "the central row (the mean) is shown")
	assert.Contains(t, out, "… 9480 lower values, 1000 to 10479")
	assert.Contains(t, out, "… 9480 higher values, 10521 to 20000")
	assert.Contains(t, out, "-all shows every row")
	assert.Contains(t, out, "support             1000..20000 (19001 values)")
	assert.Less(t, strings.Count(out, "\n"), 60)

	code, out, _ = runDice("-all", "100d6")
	require.Equal(t, 0, code)
	assert.Len(t, tableRows(t, out), 501)
	assert.NotContains(t, out, "not shown")

	code, out, _ = runDice("-rows", "5", "100d6")
	require.Equal(t, 0, code)
	rows = tableRows(t, out)
	assert.Len(t, rows, 5)
	for v := 348; v <= 352; v++ {
		assert.Contains(t, rows, v)
	}
}

func TestTinyProbabilities(t *testing.T) {
	// P(100d6 = 100) = 6^-100 ≈ 1.5e-78, so 1.5e-76 %.
	code, out, _ := runDice("-all", "100d6")
	require.Equal(t, 0, code)
	assert.Equal(t, "1.5e-76", tableRows(t, out)[100][1])
}

func TestBadExpression(t *testing.T) {
	for _, args := range [][]string{{"3d"}, {"3d6", "4d6kh5"}, {"1000000000d6"}, {"-max-bytes", "1K", "100d6"}} {
		code, out, errs := runDice(args...)
		assert.Equal(t, 2, code, args)
		assert.Empty(t, out, "nothing on stdout when an expression is bad")
		assert.Equal(t, 1, strings.Count(errs, "\n"), "one line: %q", errs)
		assert.True(t, strings.HasPrefix(errs, "dice: "), errs)
		assert.Contains(t, errs, "column ")
	}
	_, _, errs := runDice("3d")
	assert.Equal(t, `dice: "3d": column 3: expected the number of sides after "d" (a number, %, F or {faces}), found the end of the expression`+"\n", errs)
}

func TestUsage(t *testing.T) {
	code, out, errs := runDice("-h")
	assert.Equal(t, 0, code)
	assert.Empty(t, errs)
	assert.Contains(t, out, "usage: dice")
	assert.Contains(t, out, "4d6kh3")
	assert.Contains(t, out, "-explode-depth")
	assert.Contains(t, out, "-compare")
	assert.Contains(t, out, "-svg file")
	for _, args := range [][]string{{}, {"-svg", "", "d6"}, {"-svg"}, {"-compare"}, {"-json", "-csv", "d6"}, {"-bogus", "d6"}, {"-explode-depth", "-1", "d6"}, {"-rows", "1", "d6"}, {"-max-bytes", "lots", "d6"}} {
		code, out, errs := runDice(args...)
		assert.Equal(t, 2, code, args)
		assert.Empty(t, out, args)
		assert.Contains(t, errs, "dice -h explains", args)
	}
}

func TestExplodeDepthFlag(t *testing.T) {
	code, out, _ := runDice("-explode-depth", "1", "-exact", "d6!")
	require.Equal(t, 0, code)
	rows := tableRows(t, out)
	// One extra roll: 7..12 each 1/36, and 1..5 each 1/6.
	assert.Len(t, rows, 12)
	assert.Equal(t, "1/6", rows[5][1])
	assert.Equal(t, "0", rows[6][1])
	assert.Equal(t, "1/36", rows[12][1])

	// Depth 0: no extra roll, so d6! is a plain d6 (1..6, each 1/6), and so is d6r1.
	for _, expr := range []string{"d6!", "d6r1"} {
		code, out, errs := runDice("-explode-depth", "0", "-exact", expr)
		require.Equal(t, 0, code, errs)
		rows := tableRows(t, out)
		assert.Len(t, rows, 6, expr)
		for v := 1; v <= 6; v++ {
			assert.Equal(t, "1/6", rows[v][1], "%s value %d", expr, v)
		}
	}
}

// TestSci checks the logarithmic formatting of tiny probabilities against big.Float's own
// (slow but exact) decimal conversion, on both sides of the switch point.
func TestSci(t *testing.T) {
	for _, c := range []struct{ num, den, pow int64 }{{1, 6, 100}, {5, 6, 1000}, {1, 3, 5000}, {2, 7, 20000}, {999, 1000, 2}} {
		r := new(big.Float).SetPrec(64).SetInt64(c.num)
		r.Quo(r, new(big.Float).SetPrec(64).SetInt64(c.den))
		x := new(big.Float).SetPrec(64).SetInt64(1)
		for range c.pow {
			x.Mul(x, r)
		}
		if got, want := sci(x, 1), x.Text('e', 1); got != want {
			t.Errorf("%d/%d^%d: sci = %s, Text = %s", c.num, c.den, c.pow, got, want)
		}
	}
}

// flagSets are the flag combinations the robustness tests run expressions under.
var flagSets = [][]string{
	{}, {"-exact"}, {"-json"}, {"-csv"}, {"-all"}, {"-rows", "3"}, {"-compare"}, {"-compare", "-json"},
	{"-compare", "-csv", "-exact"}, {"-svg", "-"}, {"-explode-depth", "0"}, {"-explode-depth", "2", "-exact"},
}

// checkRun runs the program and checks that it either succeeds or fails with one line on
// stderr, nothing on stdout and status 2: never a panic, never status 1 (writing to a buffer
// does not fail).
func checkRun(t *testing.T, args ...string) {
	t.Helper()
	args = append([]string{"-max-bytes", "4M"}, args...)
	code, out, errs := runDice(args...)
	switch code {
	case 0:
		assert.Empty(t, errs, args)
	case 2:
		assert.Empty(t, out, args)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "%q: one line: %q", args, errs)
		assert.True(t, strings.HasPrefix(errs, "dice: ") || strings.Contains(errs, "dice -h explains"), "%q: %q", args, errs)
	default:
		t.Errorf("%q: status %d, stderr %q", args, code, errs)
	}
}

// TestRandomArgs mutates valid expressions at random (a fixed seed) and runs them under every
// flag set: each run must succeed or fail in one line with status 2.
func TestRandomArgs(t *testing.T) {
	seeds := []string{"3d6", "4d6kh3", "2d20kl1+5", "d{1,1,2,3,5,8}", "3d6!", "5d10!>=8", "d6r1", "d6ro<3",
		"10d6>=5", "(2d6+3)>=10", "(d4)d6", "max(d20,d20)", "{2d8,d6}kh2", "4dF", "d%", "8d6/2",
		"d6!p", "10d6x", "5d10xo>=8", "5d6km3", "10d10>=8f1", "matches(5d6)", "straight(5d6)",
		"10d6>=5&=1", "4dF>=1&<=-1", "{2d8,d6}>=5&=1", "5d6kh3>=4&>=6"}
	const alphabet = "0123456789dDF%{},+-*/()!xkhlmrofp<>=& "
	rng := rand.New(rand.NewPCG(1, 2))
	n := 400
	if testing.Short() {
		n = 100
	}
	for i := range n {
		b := []byte(seeds[rng.IntN(len(seeds))])
		for range 1 + rng.IntN(3) {
			k := rng.IntN(len(b) + 1)
			c := alphabet[rng.IntN(len(alphabet))]
			switch rng.IntN(3) {
			case 0: // insert
				b = append(b[:k], append([]byte{c}, b[k:]...)...)
			case 1: // replace
				if k < len(b) {
					b[k] = c
				}
			default: // delete
				if k < len(b) {
					b = append(b[:k], b[k+1:]...)
				}
			}
		}
		args := append(slices.Clone(flagSets[i%len(flagSets)]), "--", string(b))
		checkRun(t, args...)
	}
}

// FuzzRun runs the program on an expression under one of flagSets; go test runs the seeds.
func FuzzRun(f *testing.F) {
	for i, e := range []string{"3d6", "4d6kh3", "10d6>=5&=1", "3d", "4d6kh5", "&", "d6+100000000", "(((d6", "d{}", "matches(d6+1)"} {
		f.Add(e, uint8(i))
	}
	f.Fuzz(func(t *testing.T, expr string, flags uint8) {
		if len(expr) > 40 {
			t.Skip("long expressions only make slow cases")
		}
		checkRun(t, append(slices.Clone(flagSets[int(flags)%len(flagSets)]), "--", expr)...)
	})
}
