package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/polyconv/polyconv/dist"
)

// maxSpan is the largest number of values, from the lowest value of any expression to the
// highest of any, that -compare tabulates and -svg charts: the rows are built in memory, and
// expressions as far apart as d6 and d6+1000000000 have nothing to compare row by row.
const maxSpan = 1 << 22

// series is one expression of a comparison or a chart, with its weights; or a joint count
// (j not nil, the other fields nil).
type series struct {
	expr  string
	d     *dist.Dist
	ws    []*big.Int // d's weights from Lo to Hi (d's own: read only)
	total *big.Int
	j     *dist.Joint
}

var zero = new(big.Int)

// parseSeries parses expr: a joint count (it has "&") or an expression of one value.
func parseSeries(expr string, opt dist.ParseOptions) (series, error) {
	if strings.Contains(expr, "&") {
		j, err := dist.ParseJoint(expr, opt)
		return series{expr: expr, j: j}, err
	}
	d, err := dist.ParseWith(expr, opt)
	if err != nil {
		return series{}, err
	}
	return series{expr, d, weightsOf(d), d.Total(), nil}, nil
}

// weight returns the weight of value k, zero outside the support (shared: read only).
func (s *series) weight(k int) *big.Int {
	if k < s.d.Lo() || k > s.d.Hi() {
		return zero
	}
	return s.ws[k-s.d.Lo()]
}

// below returns the weight of the values less than k (a new big.Int).
func (s *series) below(k int) *big.Int {
	b := new(big.Int)
	for _, x := range s.ws[:max(0, min(len(s.ws), k-s.d.Lo()))] {
		b.Add(b, x)
	}
	return b
}

// span returns the lowest and the highest value of any of ss, or an error naming the span
// when it has more than maxSpan values.
func span(ss []series) (lo, hi int, err error) {
	lo, hi = ss[0].d.Lo(), ss[0].d.Hi()
	for _, s := range ss[1:] {
		lo, hi = min(lo, s.d.Lo()), max(hi, s.d.Hi())
	}
	if n := int64(hi) - int64(lo) + 1; n > maxSpan {
		return 0, 0, fmt.Errorf("the expressions' values span %d..%d (%d values), more than the %d that can be shown side by side", lo, hi, n, maxSpan)
	}
	return lo, hi, nil
}

// mixture returns, for each value from lo to hi, the average of the probabilities the
// expressions give it: it sums to 1, so window can pick the rows to show.
func mixture(ss []series, lo, hi int) []float64 {
	p := make([]float64, hi-lo+1)
	for _, s := range ss {
		for i, x := range probsOf(s.ws, s.total) {
			p[s.d.Lo()-lo+i] += x / float64(len(ss))
		}
	}
	return p
}

// writeCompare prints the expressions side by side: one row per value of any of them, with
// the probability of the value and of at least the value under each, then their means,
// standard deviations and supports.
func writeCompare(w *errWriter, ss []series, lo, hi int, opt options) {
	// The values of the rows: all from lo to hi with -all, else those in some support (a gap
	// between the supports is one line), cut to the opt.rows most likely of them.
	var vals []int
	for k := lo; k <= hi; k++ {
		if opt.all || inSomeSupport(ss, k) {
			vals = append(vals, k)
		}
	}
	if !opt.all && len(vals) > opt.rows {
		mix := mixture(ss, lo, hi)
		p := make([]float64, len(vals))
		for i, k := range vals {
			p[i] = mix[k-lo]
		}
		i, j := window(p, opt.rows)
		vals = vals[i : j+1]
	}

	maxP := 0.0
	for _, s := range ss {
		for _, k := range vals {
			maxP = max(maxP, ratio(s.weight(k), s.total))
		}
	}
	decimals := percentDecimals(maxP)
	format := func(a, b *big.Int) string { return percent(a, b, decimals) }
	sub := []string{"%", "at least %"}
	if opt.exact {
		format = fraction
		sub = []string{"probability", "at least"}
	}

	// cells[r][0] is the value, cells[r][1+2e] and cells[r][2+2e] the columns of series e.
	cells := [][]string{append([]string{"value"}, repeat(sub, len(ss))...)}
	atMost := make([]*big.Int, len(ss))
	for e := range ss {
		atMost[e] = ss[e].below(vals[0])
	}
	for _, k := range vals { // the values skipped between two of them are outside every support
		row := []string{strconv.Itoa(k)}
		for e, s := range ss {
			x := s.weight(k)
			row = append(row, format(x, s.total), format(new(big.Int).Sub(s.total, atMost[e]), s.total))
			atMost[e].Add(atMost[e], x)
		}
		cells = append(cells, row)
	}
	footer := [][]string{{"mean"}, {"sd"}, {"support"}}
	for _, s := range ss {
		mean := s.d.MeanRat()
		m := decimal(mean)
		if opt.exact {
			m = mean.RatString()
		}
		footer[0] = append(footer[0], m)
		footer[1] = append(footer[1], stdDevText(s.d))
		footer[2] = append(footer[2], fmt.Sprintf("%d..%d", s.d.Lo(), s.d.Hi()))
	}

	// Column widths; a series' two columns together are at least as wide as its expression
	// and its footer entries, the extra going to the probability column.
	widths := columnWidths(cells)
	widths[0] = max(widths[0], len("support"))
	group := make([]int, len(ss))
	for e, s := range ss {
		need := max(utf8.RuneCountInString(s.expr), utf8.RuneCountInString(footer[0][1+e]),
			utf8.RuneCountInString(footer[1][1+e]), utf8.RuneCountInString(footer[2][1+e]))
		if have := widths[1+2*e] + 2 + widths[2+2*e]; need > have {
			widths[1+2*e] += need - have
		}
		group[e] = widths[1+2*e] + 2 + widths[2+2*e]
	}
	pad := func(b *strings.Builder, s string, width int) {
		b.WriteString(strings.Repeat(" ", width-utf8.RuneCountInString(s)))
		b.WriteString(s)
	}
	const gap = "    " // between series
	line := func(row []string) {
		var b strings.Builder
		pad(&b, row[0], widths[0])
		for j := 1; j < len(row); j += 2 {
			b.WriteString(gap)
			pad(&b, row[j], widths[j])
			b.WriteString("  ")
			pad(&b, row[j+1], widths[j+1])
		}
		w.printf("%s\n", b.String())
	}
	groupLine := func(label string, texts []string) {
		var b strings.Builder
		pad(&b, label, widths[0])
		for e, t := range texts {
			b.WriteString(gap)
			pad(&b, t, group[e])
		}
		w.printf("%s\n", strings.TrimRight(b.String(), " "))
	}

	exprs := make([]string, len(ss))
	for e, s := range ss {
		exprs[e] = s.expr
	}
	groupLine("", exprs)
	line(cells[0])
	// hidden prints the line for the values a to b that have no row.
	hidden := func(a, b int) {
		if a > b {
			return
		}
		if !inSomeSupport(ss, a) && b-a+1 <= gapInside(ss, a) {
			w.printf("%*s  … %d values, %d to %d, that none of the expressions can take\n", widths[0], "", b-a+1, a, b)
			return
		}
		which := ""
		switch {
		case a == lo:
			which = "lower "
		case b == hi:
			which = "higher "
		}
		w.printf("%*s  … %d %svalues, %d to %d, not shown; -all shows every row\n", widths[0], "", b-a+1, which, a, b)
	}
	prev := lo - 1
	for i, row := range cells[1:] {
		hidden(prev+1, vals[i]-1)
		line(row)
		prev = vals[i]
	}
	hidden(prev+1, hi)
	for _, f := range footer {
		groupLine(f[0], f[1:])
	}
}

// inSomeSupport reports whether k is between the lowest and the highest value of one of ss.
func inSomeSupport(ss []series, k int) bool {
	for _, s := range ss {
		if k >= s.d.Lo() && k <= s.d.Hi() {
			return true
		}
	}
	return false
}

// gapInside returns the number of values from k up that are outside every support of ss.
func gapInside(ss []series, k int) int {
	next := math.MaxInt
	for _, s := range ss {
		if s.d.Lo() >= k {
			next = min(next, s.d.Lo())
		}
	}
	if next == math.MaxInt {
		return 0
	}
	return next - k
}

// repeat returns n copies of s, one after another.
func repeat(s []string, n int) []string {
	out := make([]string, 0, n*len(s))
	for range n {
		out = append(out, s...)
	}
	return out
}

// writeCompareJSON prints the expressions as one JSON array of the objects -json prints for
// each, on one line.
func writeCompareJSON(w *errWriter, ss []series) {
	out := make([]jsonDist, len(ss))
	for i, s := range ss {
		out[i] = jsonOf(s.expr, s.d)
	}
	encodeJSON(w, out)
}

// writeCompareCSV prints one CSV row per value from lo to hi, with the probability of the
// value and of at least the value under each expression: the header is
// value,<expr> probability,<expr> at_least,...
func writeCompareCSV(w *errWriter, ss []series, lo, hi int, exact bool) {
	cw := csv.NewWriter(w)
	header := []string{"value"}
	for _, s := range ss {
		header = append(header, s.expr+" probability", s.expr+" at_least")
	}
	_ = cw.Write(header)
	atMost := make([]*big.Int, len(ss))
	for e := range ss {
		atMost[e] = new(big.Int)
	}
	for k := lo; k <= hi; k++ {
		row := []string{strconv.Itoa(k)}
		for e, s := range ss {
			x := s.weight(k)
			row = append(row, csvProb(x, s.total, exact), csvProb(new(big.Int).Sub(s.total, atMost[e]), s.total, exact))
			atMost[e].Add(atMost[e], x)
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	if err := cw.Error(); err != nil && w.err == nil {
		w.err = err
	}
}

// encodeJSON writes v as one line of JSON, with <, > and & as they are.
func encodeJSON(w *errWriter, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil && w.err == nil {
		w.err = err
	}
}
