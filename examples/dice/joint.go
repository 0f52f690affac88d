package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/polyconv/polyconv/dist"
)

// jointCols is the number of columns (values of the second count) a joint table shows
// without -all.
const jointCols = 12

// writeJointTable prints a joint count as a matrix: a row per value a of the first count, a
// column per value b of the second, the probability of each pair (· where it cannot happen),
// and the probabilities of each a and of each b in an "all" column and row; then the means,
// standard deviations, the covariance and the support. Large tables show the most likely rows
// (opt.rows) and columns (jointCols) unless opt.all.
func writeJointTable(w *errWriter, expr string, j *dist.Joint, opt options) {
	lo, hi := j.Lo(), j.Hi()
	total := j.Total()
	ma, mb := j.Marginal(0), j.Marginal(1)
	wa, wb := weightsOf(ma), weightsOf(mb)
	r0, r1 := lo[0], hi[0]
	if !opt.all && len(wa) > opt.rows {
		f, l := window(probsOf(wa, total), opt.rows)
		r0, r1 = lo[0]+f, lo[0]+l
	}
	c0, c1 := lo[1], hi[1]
	if !opt.all && len(wb) > jointCols {
		f, l := window(probsOf(wb, total), jointCols)
		c0, c1 = lo[1]+f, lo[1]+l
	}

	maxP := 0.0
	for a := r0; a <= r1; a++ {
		for b := c0; b <= c1; b++ {
			maxP = max(maxP, ratio(j.Weight(a, b), total))
		}
	}
	decimals := percentDecimals(maxP)
	format := func(x *big.Int) string {
		if x.Sign() == 0 {
			return "·"
		}
		return percent(x, total, decimals)
	}
	unit := "P(A = a, B = b) in %"
	if opt.exact {
		format = func(x *big.Int) string {
			if x.Sign() == 0 {
				return "·"
			}
			return fraction(x, total)
		}
		unit = "P(A = a, B = b)"
	}

	cells := [][]string{{`a \ b`}}
	for b := c0; b <= c1; b++ {
		cells[0] = append(cells[0], strconv.Itoa(b))
	}
	cells[0] = append(cells[0], "all")
	for a := r0; a <= r1; a++ {
		row := []string{strconv.Itoa(a)}
		for b := c0; b <= c1; b++ {
			row = append(row, format(j.Weight(a, b)))
		}
		cells = append(cells, append(row, format(wa[a-lo[0]])))
	}
	all := []string{"all"}
	for b := c0; b <= c1; b++ {
		all = append(all, format(wb[b-lo[1]]))
	}
	cells = append(cells, append(all, format(total)))

	widths := columnWidths(cells)
	line := func(row []string) { w.printf("%s\n", alignRow(row, widths)) }

	w.printf("%s\n", expr)
	if ta, tb, ok := jointTests(expr); ok {
		w.printf("%s, A the dice meeting %s (a row each), B those meeting %s (a column each)\n", unit, ta, tb)
	} else {
		w.printf("%s: a row per value a of the first count, a column per value b of the second\n", unit)
	}
	if c0 > lo[1] || c1 < hi[1] {
		w.printf("columns b = %d to %d of %d to %d shown; -all shows every column\n", c0, c1, lo[1], hi[1])
	}
	line(cells[0])
	if r0 > lo[0] {
		w.printf("%*s  … %d lower values of a, %d to %d, not shown; -all shows every row\n", widths[0], "", r0-lo[0], lo[0], r0-1)
	}
	for _, row := range cells[1 : len(cells)-1] {
		line(row)
	}
	if r1 < hi[0] {
		w.printf("%*s  … %d higher values of a, %d to %d, not shown; -all shows every row\n", widths[0], "", hi[0]-r1, r1+1, hi[0])
	}
	line(cells[len(cells)-1])

	// Summary.
	pairs := 0
	for range j.Weights() {
		pairs++
	}
	cov := j.CovarianceRat()
	va, vb := ma.VarianceRat(), mb.VarianceRat()
	if opt.exact {
		w.printf("mean                a %s, b %s\n", ma.MeanRat().RatString(), mb.MeanRat().RatString())
		w.printf("variance            a %s, b %s\n", va.RatString(), vb.RatString())
		w.printf("covariance          %s%s\n", cov.RatString(), approx(cov))
	} else {
		w.printf("mean                a %s, b %s\n", decimal(ma.MeanRat()), decimal(mb.MeanRat()))
		w.printf("standard deviation  a %s, b %s\n", stdDevText(ma), stdDevText(mb))
		w.printf("covariance          %s%s\n", decimal(cov), correlation(cov, va, vb))
	}
	w.printf("support             a %d..%d, b %d..%d (%d pairs)\n", lo[0], hi[0], lo[1], hi[1], pairs)
}

// jointTests returns the two tests of a joint count as written, ">=5" and "=1" for
// 10d6>=5&=1, or false if the text before "&" does not end in a plain test.
func jointTests(expr string) (first, second string, ok bool) {
	i := strings.LastIndex(expr, "&")
	before := strings.TrimRight(expr[:i], " ")
	j := len(before)
	for j > 0 && strings.IndexByte("0123456789- ", before[j-1]) >= 0 {
		j--
	}
	k := j
	for k > 0 && strings.IndexByte("<>=", before[k-1]) >= 0 {
		k--
	}
	second = strings.TrimSpace(expr[i+1:])
	if k == j || j == len(before) || second == "" {
		return "", "", false
	}
	return strings.ReplaceAll(before[k:], " ", ""), strings.ReplaceAll(second, " ", ""), true
}

// correlation returns " (correlation r)" for the covariance cov of variables with variances
// va and vb, or nothing when one of them is constant.
func correlation(cov, va, vb *big.Rat) string {
	if va.Sign() == 0 || vb.Sign() == 0 {
		return ""
	}
	c, _ := cov.Float64()
	a, _ := va.Float64()
	b, _ := vb.Float64()
	return " (correlation " + decimal(new(big.Rat).SetFloat64(c/math.Sqrt(a*b))) + ")"
}

// jsonJoint is the JSON shape of a joint count in DESIGN.md: every pair with a positive count
// in ascending (a, b) order, counts and the total as decimal strings, probabilities and the
// means as reduced fractions "n/d".
type jsonJoint struct {
	Expr     string         `json:"expr"`
	Joint    bool           `json:"joint"`
	Lo       [2]int         `json:"lo"`
	Hi       [2]int         `json:"hi"`
	Total    string         `json:"total"`
	Outcomes []jsonPairProb `json:"outcomes"`
	Mean     [2]string      `json:"mean"`
}

type jsonPairProb struct {
	Values [2]int `json:"values"`
	Count  string `json:"count"`
	Prob   string `json:"prob"`
}

// writeJointJSON prints j as one JSON object on one line.
func writeJointJSON(w *errWriter, expr string, j *dist.Joint) {
	total := j.Total()
	mean := j.MeanRat()
	out := jsonJoint{Expr: expr, Joint: true, Lo: j.Lo(), Hi: j.Hi(), Total: total.String(),
		Mean: [2]string{mean[0].String(), mean[1].String()}}
	for ab, x := range j.Weights() {
		out.Outcomes = append(out.Outcomes, jsonPairProb{ab, x.String(), new(big.Rat).SetFrac(x, total).String()})
	}
	encodeJSON(w, out)
}

// jointCSVHeader is the header of -csv for joint counts.
var jointCSVHeader = []string{"expr", "a", "b", "count", "probability"}

// writeJointCSV prints one CSV row per pair of j with a positive count (the header is
// printed once by run).
func writeJointCSV(w *errWriter, expr string, j *dist.Joint, exact bool) {
	total := j.Total()
	cw := csv.NewWriter(w)
	for ab, x := range j.Weights() {
		_ = cw.Write([]string{expr, strconv.Itoa(ab[0]), strconv.Itoa(ab[1]), x.String(), csvProb(x, total, exact)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil && w.err == nil {
		w.err = err
	}
}

// jointError is the message for a joint count given to an option that takes single values.
func jointError(flag, expr string) string {
	return fmt.Sprintf("%s takes expressions of one value; %q is a joint count of two (a pair of numbers)", flag, expr)
}
