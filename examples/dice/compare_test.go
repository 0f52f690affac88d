package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// enumerated is an expression with its distribution from enumerating every roll.
type enumerated struct {
	expr   string
	counts map[int]int64
	total  int64
}

func enumerate(expr string, n, s int, f func([]int) int) enumerated {
	c, t := enumerateRolls(n, s, f)
	return enumerated{expr, c, t}
}

// support returns the lowest and the highest value with a positive count.
func (e enumerated) support() (lo, hi int) {
	lo, hi = math.MaxInt, math.MinInt
	for v, c := range e.counts {
		if c > 0 {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	return lo, hi
}

// atLeast returns the number of rolls giving at least v.
func (e enumerated) atLeast(v int) int64 {
	var n int64
	for w, c := range e.counts {
		if w >= v {
			n += c
		}
	}
	return n
}

// compareCases are three expressions with different supports: 1..4, 3..18, 3..18.
func compareCases() []enumerated {
	return []enumerated{
		enumerate("d4", 1, 4, sumOf),
		enumerate("3d6", 3, 6, sumOf),
		enumerate("4d6kh3", 4, 6, top3),
	}
}

func exprsOf(cs []enumerated) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.expr
	}
	return out
}

// unionSupport returns the lowest and the highest value of any of cs.
func unionSupport(cs []enumerated) (lo, hi int) {
	lo, hi = math.MaxInt, math.MinInt
	for _, c := range cs {
		a, b := c.support()
		lo, hi = min(lo, a), max(hi, b)
	}
	return lo, hi
}

// checkCompareRows checks that the table out has a row for each value from lo to hi (and no
// other) with the probability and the at-least probability of each of cs, in format.
func checkCompareRows(t *testing.T, out string, cs []enumerated, lo, hi int, format func(a, b int64) string) {
	t.Helper()
	rows := tableRows(t, out)
	require.Len(t, rows, hi-lo+1)
	for v := lo; v <= hi; v++ {
		f := rows[v]
		require.Len(t, f, 1+2*len(cs), "row %d", v)
		for e, c := range cs {
			assert.Equal(t, format(c.counts[v], c.total), f[1+2*e], "%s P(X=%d)", c.expr, v)
			assert.Equal(t, format(c.atLeast(v), c.total), f[2+2*e], "%s P(X>=%d)", c.expr, v)
		}
	}
}

// exactOrPct formats a/b as the text tables do: a fraction with exact, else a percentage
// with two decimals, exactly 0 as "0".
func exactOrPct(exact bool) func(a, b int64) string {
	if exact {
		return func(a, b int64) string { return big.NewRat(a, b).RatString() }
	}
	return func(a, b int64) string {
		if a == 0 {
			return "0" // exactly zero, not rounded to zero
		}
		return pct(a, b)
	}
}

func TestCompare(t *testing.T) {
	for _, exact := range []bool{false, true} {
		cs := compareCases()
		args := append([]string{"-compare"}, exprsOf(cs)...)
		format := exactOrPct(exact)
		if exact {
			args = append([]string{"-exact"}, args...)
		}
		code, out, errs := runDice(args...)
		require.Equal(t, 0, code, errs)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		assert.Equal(t, exprsOf(cs), strings.Fields(lines[0]), "the first line names the expressions")

		lo, hi := unionSupport(cs)
		checkCompareRows(t, out, cs, lo, hi, format)

		footer := map[string][]string{}
		for _, l := range lines[len(lines)-3:] {
			f := strings.Fields(l)
			footer[f[0]] = f[1:]
		}
		for e, c := range cs {
			mean, variance := moments(c.counts, c.total)
			want := mean.FloatString(4)
			if exact {
				want = mean.RatString()
			}
			assert.Equal(t, strings.TrimRight(strings.TrimRight(want, "0"), "."), footer["mean"][e], c.expr)
			vf, _ := variance.Float64()
			sd, err := strconv.ParseFloat(footer["sd"][e], 64)
			require.NoError(t, err)
			assert.InDelta(t, math.Sqrt(vf), sd, 0.5e-4, c.expr)
			a, b := c.support()
			assert.Equal(t, fmt.Sprintf("%d..%d", a, b), footer["support"][e])
		}
	}
}

func TestCompareElided(t *testing.T) {
	code, out, errs := runDice("-compare", "1000d20", "1000d20+40")
	require.Equal(t, 0, code, errs)
	rows := tableRows(t, out)
	assert.Len(t, rows, 41)
	// The most likely run of 41 rows of the average of the two is centred between the means.
	assert.Contains(t, rows, 10500)
	assert.Contains(t, rows, 10540)
	assert.Contains(t, out, "… 9500 lower values, 1000 to 10499, not shown; -all shows every row")
	assert.Contains(t, out, "… 9500 higher values, 10541 to 20040, not shown")
	assert.Regexp(t, `\nsupport +1000\.\.20000 +1040\.\.20040\n$`, out)

	code, out, _ = runDice("-compare", "-all", "d6", "d6+100")
	require.Equal(t, 0, code)
	assert.Len(t, tableRows(t, out), 106)
}

// TestCompareGaps checks that the values between the supports are one line, and that -all
// and the window still give the right at-least probabilities after a gap.
func TestCompareGaps(t *testing.T) {
	cs := []enumerated{
		enumerate("d6", 1, 6, sumOf),
		enumerate("d6+100", 1, 6, func(v []int) int { return v[0] + 100 }),
		enumerate("2d6+50", 2, 6, func(v []int) int { return sumOf(v) + 50 }),
	}
	code, out, errs := runDice(append([]string{"-compare"}, exprsOf(cs)...)...)
	require.Equal(t, 0, code, errs)
	rows := tableRows(t, out)
	assert.Len(t, rows, 6+11+6, "a row per value in a support")
	for _, r := range [][2]int{{1, 6}, {52, 62}, {101, 106}} {
		checkCompareRows(t, strings.Join(slices.DeleteFunc(strings.Split(out, "\n"), func(l string) bool {
			f := strings.Fields(l)
			v, err := strconv.Atoi(append(f, "")[0])
			return err == nil && (v < r[0] || v > r[1])
		}), "\n"), cs, r[0], r[1], exactOrPct(false))
	}
	assert.Contains(t, out, "… 45 values, 7 to 51, that none of the expressions can take\n")
	assert.Contains(t, out, "… 38 values, 63 to 100, that none of the expressions can take\n")

	code, out, _ = runDice("-compare", "-all", "-exact", "d6", "d6+100", "2d6+50")
	require.Equal(t, 0, code)
	checkCompareRows(t, out, cs, 1, 106, exactOrPct(true))

	code, out, _ = runDice("-compare", "-rows", "5", "d6", "d6+100")
	require.Equal(t, 0, code)
	assert.Len(t, tableRows(t, out), 5)
	assert.Contains(t, out, "… 94 values, 7 to 100, that none of the expressions can take\n")
	assert.Contains(t, out, "not shown; -all shows every row")
}

func TestCompareJSON(t *testing.T) {
	cs := compareCases()
	code, out, errs := runDice(append([]string{"-compare", "-json"}, exprsOf(cs)...)...)
	require.Equal(t, 0, code, errs)
	assert.Equal(t, 1, strings.Count(out, "\n"), "one line")
	var objs []json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(out), &objs))
	require.Len(t, objs, len(cs))
	for i, c := range cs {
		checkJSONObject(t, objs[i], c.expr, c.counts, c.total)
	}
}

func TestCompareCSV(t *testing.T) {
	for _, exact := range []bool{false, true} {
		cs := compareCases()
		recs := runCSV(t, exact, append([]string{"-compare", "-csv"}, exprsOf(cs)...)...)
		assert.Equal(t, []string{"value", "d4 probability", "d4 at_least", "3d6 probability", "3d6 at_least",
			"4d6kh3 probability", "4d6kh3 at_least"}, recs[0])
		lo, hi := unionSupport(cs)
		require.Len(t, recs, 1+hi-lo+1)
		for i, r := range recs[1:] {
			v := lo + i
			assert.Equal(t, strconv.Itoa(v), r[0])
			for e, c := range cs {
				for j, want := range []*big.Rat{big.NewRat(c.counts[v], c.total), big.NewRat(c.atLeast(v), c.total)} {
					assert.Equal(t, csvWant(want, exact), r[1+2*e+j])
				}
			}
		}
	}
}

func TestCompareSpanTooLarge(t *testing.T) {
	code, out, errs := runDice("-compare", "d6", "d6+100000000")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Equal(t, 1, strings.Count(errs, "\n"), errs)
	assert.Contains(t, errs, "span 1..100000006")
}
