package main

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pairs is a joint distribution from enumerating every roll: counts of (a, b) over total.
type pairs struct {
	expr   string
	counts map[[2]int]int64
	total  int64
}

// enumeratePairs enumerates the rolls of n dice with s sides, f giving the pair of each.
func enumeratePairs(expr string, n, s int, f func([]int) [2]int) pairs {
	const base = 1 << 10 // a and b are in [0, base)
	c, total := enumerateRolls(n, s, func(v []int) int { p := f(v); return p[0]*base + p[1] })
	out := pairs{expr, map[[2]int]int64{}, total}
	for k, x := range c {
		out.counts[[2]int{k / base, k % base}] = x
	}
	return out
}

// countBoth returns the pair (dice meeting first, dice meeting second) of the values v.
func countBoth(v []int, first, second func(int) bool) [2]int {
	var p [2]int
	for _, x := range v {
		if first(x) {
			p[0]++
		}
		if second(x) {
			p[1]++
		}
	}
	return p
}

// jointCases are joint counts with their enumerated distributions.
func jointCases() []pairs {
	hit, one := func(x int) bool { return x >= 5 }, func(x int) bool { return x == 1 }
	return []pairs{
		enumeratePairs("5d6>=5&=1", 5, 6, func(v []int) [2]int { return countBoth(v, hit, one) }),
		// dF faces -1, 0, 1 are 1, 2, 3 here.
		enumeratePairs("4dF>=1&<=-1", 4, 3, func(v []int) [2]int {
			return countBoth(v, func(x int) bool { return x-2 >= 1 }, func(x int) bool { return x-2 <= -1 })
		}),
		// Of five d6 the three highest count; 6 passes both tests.
		enumeratePairs("5d6kh3>=4&>=6", 5, 6, func(v []int) [2]int {
			w := slices.Clone(v)
			slices.Sort(w)
			return countBoth(w[2:], func(x int) bool { return x >= 4 }, func(x int) bool { return x >= 6 })
		}),
	}
}

// bounds returns the lowest and the highest a and b with a positive count.
func (p pairs) bounds() (lo, hi [2]int) {
	lo, hi = [2]int{1 << 30, 1 << 30}, [2]int{-1 << 30, -1 << 30}
	for ab, c := range p.counts {
		if c > 0 {
			for i := range 2 {
				lo[i], hi[i] = min(lo[i], ab[i]), max(hi[i], ab[i])
			}
		}
	}
	return lo, hi
}

// marginal returns the number of rolls whose coordinate i is v.
func (p pairs) marginal(i, v int) int64 {
	var n int64
	for ab, c := range p.counts {
		if ab[i] == v {
			n += c
		}
	}
	return n
}

// moments returns E[A], E[B] and Cov(A, B).
func (p pairs) moments() (ea, eb, cov *big.Rat) {
	ea, eb, eab := new(big.Rat), new(big.Rat), new(big.Rat)
	for ab, c := range p.counts {
		ea.Add(ea, big.NewRat(int64(ab[0])*c, p.total))
		eb.Add(eb, big.NewRat(int64(ab[1])*c, p.total))
		eab.Add(eab, big.NewRat(int64(ab[0]*ab[1])*c, p.total))
	}
	return ea, eb, eab.Sub(eab, new(big.Rat).Mul(ea, eb))
}

// matrix reads a joint table: the column labels (values of b) and the cells of each row
// (value of a, or -1 for the "all" row), the last cell of a row being its "all" column.
func matrix(t *testing.T, out string) (cols []int, rows map[int][]string) {
	t.Helper()
	rows = map[int][]string{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 3 && f[0] == "a" && f[1] == `\` && f[2] == "b":
			for _, c := range f[3 : len(f)-1] {
				v, err := strconv.Atoi(c)
				require.NoError(t, err, line)
				cols = append(cols, v)
			}
			require.Equal(t, "all", f[len(f)-1])
		case len(f) > 1 && f[0] == "all":
			rows[-1] = f[1:]
		case len(f) > 1:
			if a, err := strconv.Atoi(f[0]); err == nil {
				rows[a] = f[1:]
			}
		}
	}
	return cols, rows
}

func TestJointTable(t *testing.T) {
	for _, exact := range []bool{false, true} {
		for _, c := range jointCases() {
			args := []string{c.expr}
			format := pct
			if exact {
				args = append([]string{"-exact"}, args...)
				format = func(a, b int64) string { return big.NewRat(a, b).RatString() }
			}
			code, out, errs := runDice(args...)
			require.Equal(t, 0, code, errs)
			require.True(t, strings.HasPrefix(out, c.expr+"\n"), out)
			lo, hi := c.bounds()
			cols, rows := matrix(t, out)
			require.Len(t, cols, hi[1]-lo[1]+1, c.expr)
			require.Len(t, rows, hi[0]-lo[0]+2, c.expr)
			cell := func(n int64) string {
				if n == 0 {
					return "·"
				}
				return format(n, c.total)
			}
			for a := lo[0]; a <= hi[0]; a++ {
				row := rows[a]
				require.Len(t, row, len(cols)+1, "%s row %d", c.expr, a)
				for i, b := range cols {
					assert.Equal(t, lo[1]+i, b)
					assert.Equal(t, cell(c.counts[[2]int{a, b}]), row[i], "%s P(%d, %d)", c.expr, a, b)
				}
				assert.Equal(t, cell(c.marginal(0, a)), row[len(cols)], "%s P(A = %d)", c.expr, a)
			}
			for i, b := range cols {
				assert.Equal(t, cell(c.marginal(1, b)), rows[-1][i], "%s P(B = %d)", c.expr, b)
			}
			assert.Equal(t, format(1, 1), rows[-1][len(cols)])

			ea, eb, cov := c.moments()
			if exact {
				assert.Contains(t, out, "\nmean                a "+ea.RatString()+", b "+eb.RatString()+"\n")
				assert.Contains(t, out, "\ncovariance          "+cov.RatString())
			} else {
				assert.Contains(t, out, "\nmean                a "+decimal(ea)+", b "+decimal(eb)+"\n")
				assert.Contains(t, out, "\ncovariance          "+decimal(cov))
			}
			pairs := 0
			for _, n := range c.counts {
				if n > 0 {
					pairs++
				}
			}
			assert.Contains(t, out, "\nsupport             a "+strconv.Itoa(lo[0])+".."+strconv.Itoa(hi[0])+
				", b "+strconv.Itoa(lo[1])+".."+strconv.Itoa(hi[1])+" ("+strconv.Itoa(pairs)+" pairs)\n")
		}
	}
}

// shadowrun returns the distribution of (hits, ones) of n d6 from the multinomial formula:
// n!/(a! b! (n-a-b)!) · 2^a · 1^b · 3^(n-a-b) rolls of 6^n.
func shadowrun(n int) (map[[2]int]*big.Int, *big.Int) {
	fact := func(k int) *big.Int { return new(big.Int).MulRange(1, int64(max(k, 1))) }
	out := map[[2]int]*big.Int{}
	for a := 0; a <= n; a++ {
		for b := 0; a+b <= n; b++ {
			c := new(big.Int).Div(fact(n), new(big.Int).Mul(fact(a), new(big.Int).Mul(fact(b), fact(n-a-b))))
			c.Mul(c, new(big.Int).Exp(big.NewInt(2), big.NewInt(int64(a)), nil))
			c.Mul(c, new(big.Int).Exp(big.NewInt(3), big.NewInt(int64(n-a-b)), nil))
			out[[2]int{a, b}] = c
		}
	}
	return out, new(big.Int).Exp(big.NewInt(6), big.NewInt(int64(n)), nil)
}

// jointJSON is the JSON object of a joint count, as DESIGN.md gives it.
type jointJSON struct {
	Expr     string `json:"expr"`
	Joint    bool   `json:"joint"`
	Lo       [2]int `json:"lo"`
	Hi       [2]int `json:"hi"`
	Total    string `json:"total"`
	Outcomes []struct {
		Values [2]int `json:"values"`
		Count  string `json:"count"`
		Prob   string `json:"prob"`
	} `json:"outcomes"`
	Mean [2]string `json:"mean"`
}

// checkJointJSON compares a decoded joint object with counts over total.
func checkJointJSON(t *testing.T, got jointJSON, expr string, counts map[[2]int]*big.Int, total *big.Int) {
	t.Helper()
	assert.Equal(t, expr, got.Expr)
	assert.True(t, got.Joint)
	jt, ok := new(big.Int).SetString(got.Total, 10)
	require.True(t, ok, got.Total)
	positive := 0
	lo, hi := [2]int{1 << 30, 1 << 30}, [2]int{-1 << 30, -1 << 30}
	ea, eb := new(big.Rat), new(big.Rat)
	for ab, c := range counts {
		if c.Sign() > 0 {
			positive++
			for i := range 2 {
				lo[i], hi[i] = min(lo[i], ab[i]), max(hi[i], ab[i])
			}
			p := new(big.Rat).SetFrac(c, total)
			ea.Add(ea, new(big.Rat).Mul(p, big.NewRat(int64(ab[0]), 1)))
			eb.Add(eb, new(big.Rat).Mul(p, big.NewRat(int64(ab[1]), 1)))
		}
	}
	assert.Equal(t, lo, got.Lo)
	assert.Equal(t, hi, got.Hi)
	require.Len(t, got.Outcomes, positive, "every pair with a positive count, once")
	for i, o := range got.Outcomes {
		if i > 0 {
			prev := got.Outcomes[i-1].Values
			assert.True(t, prev[0] < o.Values[0] || prev[0] == o.Values[0] && prev[1] < o.Values[1], "ascending: %v then %v", prev, o.Values)
		}
		c, ok := new(big.Int).SetString(o.Count, 10)
		require.True(t, ok, o.Count)
		want := new(big.Rat).SetFrac(counts[o.Values], total)
		assert.Equal(t, 0, new(big.Rat).SetFrac(c, jt).Cmp(want), "count of %v", o.Values)
		assert.Equal(t, want.String(), o.Prob, "prob of %v", o.Values)
	}
	assert.Equal(t, [2]string{ea.String(), eb.String()}, got.Mean)
}

func decodeJoint(t *testing.T, line string) jointJSON {
	t.Helper()
	var got jointJSON
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&got), line)
	return got
}

func TestJointJSON(t *testing.T) {
	cs := jointCases()
	args := []string{"-json", "10d6>=5&=1", "3d6"}
	for _, c := range cs {
		args = append(args, c.expr)
	}
	code, out, errs := runDice(args...)
	require.Equal(t, 0, code, errs)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 2+len(cs))

	counts, total := shadowrun(10)
	got := decodeJoint(t, lines[0])
	checkJointJSON(t, got, "10d6>=5&=1", counts, total)
	assert.Equal(t, "60466176", got.Total) // 6^10
	assert.Equal(t, [2]string{"10/3", "5/3"}, got.Mean)

	c3, t3 := enumerateRolls(3, 6, sumOf)
	checkJSONObject(t, []byte(lines[1]), "3d6", c3, t3)

	for i, c := range cs {
		counts := map[[2]int]*big.Int{}
		for ab, n := range c.counts {
			counts[ab] = big.NewInt(n)
		}
		checkJointJSON(t, decodeJoint(t, lines[2+i]), c.expr, counts, big.NewInt(c.total))
	}
}

func TestJointCSV(t *testing.T) {
	for _, exact := range []bool{false, true} {
		cs := jointCases()
		recs := runCSV(t, exact, "-csv", cs[0].expr, cs[1].expr)
		assert.Equal(t, jointCSVHeader, recs[0])
		n := 0
		for _, c := range cs[:2] {
			for _, r := range recs[1:] {
				if r[0] != c.expr {
					continue
				}
				n++
				a, err := strconv.Atoi(r[1])
				require.NoError(t, err)
				b, err := strconv.Atoi(r[2])
				require.NoError(t, err)
				want := c.counts[[2]int{a, b}]
				assert.Positive(t, want, "%s (%d, %d) is listed only if it can happen", c.expr, a, b)
				assert.Equal(t, strconv.FormatInt(want, 10), r[3]) // totals 7776 and 81 here
				assert.Equal(t, csvWant(big.NewRat(want, c.total), exact), r[4])
			}
		}
		assert.Equal(t, len(cs[0].counts)+len(cs[1].counts), n)
	}
}

func TestJointLargeTable(t *testing.T) {
	code, out, errs := runDice("100d6>=5&=1")
	require.Equal(t, 0, code, errs)
	cols, rows := matrix(t, out)
	assert.Len(t, cols, jointCols)
	assert.Len(t, rows, 41+1)
	// E[A] = 100/3 and E[B] = 100/6: the windows hold them.
	assert.Contains(t, rows, 33)
	assert.Contains(t, cols, 16)
	assert.Contains(t, cols, 17)
	assert.Contains(t, out, "-all shows every column")
	assert.Contains(t, out, "-all shows every row")

	code, out, _ = runDice("-all", "30d6>=5&=1")
	require.Equal(t, 0, code)
	cols, rows = matrix(t, out)
	assert.Len(t, cols, 31)
	assert.Len(t, rows, 31+1)
	assert.NotContains(t, out, "not shown")
}

func TestJointErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-compare", "3d6", "10d6>=5&=1"}, `-compare takes expressions of one value; "10d6>=5&=1" is a joint count`},
		{[]string{"-svg", "-", "10d6>=5&=1"}, `-svg takes expressions of one value`},
		{[]string{"-csv", "3d6", "10d6>=5&=1"}, "-csv cannot mix"},
		{[]string{"10d6>=5&"}, "column "},
		{[]string{"10d6&=1"}, "column "},
		{[]string{"10d6>=5&=1&=2"}, "column "},
		{[]string{"3d6&"}, "column "},
		{[]string{"&"}, "column "},
		{[]string{"(10d6>=5&=1)+1"}, "column "},
		{[]string{"1000000000d6>=5&=1"}, "column "},
	} {
		code, out, errs := runDice(c.args...)
		assert.Equal(t, 2, code, c.args)
		assert.Empty(t, out, c.args)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "one line: %q", errs)
		assert.True(t, strings.HasPrefix(errs, "dice: "), errs)
		assert.Contains(t, errs, c.msg, c.args)
	}
}

func TestJointTests(t *testing.T) {
	for _, c := range []struct{ expr, first, second string }{
		{"10d6>=5&=1", ">=5", "=1"},
		{"4dF >= 1 & <= -1", ">=1", "<=-1"},
		{"{2d8,d6}>5&<2", ">5", "<2"},
		{"10d6≥5&=1", "", ""}, // typographic: not recognised, the generic header
		{"10d6&=1", "", ""},
		{"10d6>=5&", "", ""},
	} {
		first, second, ok := jointTests(c.expr)
		assert.Equal(t, c.first != "", ok, c.expr)
		assert.Equal(t, c.first, first, c.expr)
		assert.Equal(t, c.second, second, c.expr)
	}
	_, out, _ := runDice("10d6>=5&=1")
	assert.Contains(t, out, "\nP(A = a, B = b) in %, A the dice meeting >=5 (a row each), B those meeting =1 (a column each)\n")
}
