package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/polyconv/polyconv/dist"
)

// barWidth is the length in characters of the longest bar.
const barWidth = 40

// weightsOf returns the weights of d from Lo to Hi (d's own big.Ints: read only).
func weightsOf(d *dist.Dist) []*big.Int {
	ws := make([]*big.Int, 0, d.Hi()-d.Lo()+1)
	for _, w := range d.Weights() {
		ws = append(ws, w)
	}
	return ws
}

// ratio returns a/b for non-negative a and positive b as a float64, with a relative error
// of a few ulps (0 when it underflows). It reads only the top two words of each, so it is
// cheap for the huge weights of large pools.
func ratio(a, b *big.Int) float64 {
	ma, ea := top(a)
	mb, eb := top(b)
	return math.Ldexp(ma/mb, ea-eb)
}

// top returns x ≈ m·2^e from the top two words of x (x ≥ 0).
func top(x *big.Int) (m float64, e int) {
	w := x.Bits()
	n := len(w)
	switch n {
	case 0:
		return 0, 0
	case 1:
		return float64(w[0]), 0
	}
	const word = 32 << (^big.Word(0) >> 63) // bits per big.Word
	return math.Ldexp(float64(w[n-1]), word) + float64(w[n-2]), word * (n - 2)
}

// percent formats a/b as a percentage with the given number of decimals, or with two
// significant digits in scientific notation when it would show as zero, or "0" for exactly
// zero.
func percent(a, b *big.Int, decimals int) string {
	if a.Sign() == 0 {
		return "0"
	}
	x := new(big.Float).SetPrec(64).SetInt(a)
	y := new(big.Float).SetPrec(64).SetInt(b)
	x.Quo(x, y)
	x.Mul(x, big.NewFloat(100))
	if x.Cmp(big.NewFloat(0.5*math.Pow10(-decimals))) >= 0 {
		return x.Text('f', decimals)
	}
	return sci(x, 1)
}

// sci formats x > 0 like x.Text('e', digits). big.Float's exact decimal conversion takes
// seconds for binary exponents of millions (a probability such as 6^-300000 after a deep
// reroll), so beyond float64's range the decimal exponent and the leading digits are taken
// from log10 x instead, which is exact to far more digits than are shown.
func sci(x *big.Float, digits int) string {
	mant := new(big.Float)
	exp := x.MantExp(mant)
	if exp > -1000 && exp < 1000 {
		return x.Text('e', digits)
	}
	m, _ := mant.Float64() // in [0.5, 1)
	l := math.Log10(m) + float64(exp)*math.Log10(2)
	e := math.Floor(l)
	lead := strconv.FormatFloat(math.Pow(10, l-e), 'f', digits, 64)
	if lead[0] == '1' && lead[1] == '0' { // rounded up to 10.0…
		lead = strconv.FormatFloat(1, 'f', digits, 64)
		e++
	}
	return fmt.Sprintf("%se%+03d", lead, int64(e))
}

// percentDecimals returns the number of decimals that shows a largest probability maxP with
// at least three significant digits: 2 for 12.50 %, 3 for 0.219 %.
func percentDecimals(maxP float64) int {
	if maxP <= 0 {
		return 2
	}
	return max(2, min(6, 2-int(math.Floor(math.Log10(maxP*100)))))
}

// fraction formats a/b in lowest terms, as "n/d" (or "n" when d is 1).
func fraction(a, b *big.Int) string { return new(big.Rat).SetFrac(a, b).RatString() }

// decimal formats r with up to 4 decimals, trailing zeros removed.
func decimal(r *big.Rat) string {
	s := r.FloatString(4)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// probsOf returns the probability of each weight in ws over total, as float64s.
func probsOf(ws []*big.Int, total *big.Int) []float64 {
	p := make([]float64, len(ws))
	for i, w := range ws {
		p[i] = ratio(w, total)
	}
	return p
}

// window returns the first and last index of the rows to show when only rows of the
// len(p) values fit, p being their probabilities (summing to 1): the run of rows with the
// largest total probability, and among equal runs the one centred nearest the median.
func window(p []float64, rows int) (first, last int) {
	median, cum := -1, 0.0
	for i, x := range p {
		if cum += x; median < 0 && cum >= 0.5 {
			median = i
		}
	}
	if median < 0 {
		median = len(p) / 2
	}
	mass := 0.0
	for _, x := range p[:rows] {
		mass += x
	}
	best, bestMass := 0, mass
	dist := func(start int) int { return max(start+rows/2-median, median-start-rows/2) }
	for s := 1; s+rows <= len(p); s++ {
		mass += p[s+rows-1] - p[s-1]
		switch {
		case mass > bestMass*(1+1e-9):
			best, bestMass = s, mass
		case mass >= bestMass*(1-1e-9) && dist(s) < dist(best):
			best = s
		}
	}
	return best, best + rows - 1
}

// bar draws a bar of f×barWidth characters (0 ≤ f ≤ 1) with eighth-block resolution.
func bar(f float64) string {
	eighths := int(f*barWidth*8 + 0.5)
	s := strings.Repeat("█", eighths/8)
	if r := eighths % 8; r > 0 {
		s += string([]rune("▏▎▍▌▋▊▉")[r-1])
	}
	return s
}

// writeTable prints the human-readable table and summary of d.
func writeTable(w *errWriter, expr string, d *dist.Dist, opt options) {
	ws := weightsOf(d)
	total := d.Total()
	lo := d.Lo()
	first, last := 0, len(ws)-1
	if !opt.all && len(ws) > opt.rows {
		first, last = window(probsOf(ws, total), opt.rows)
	}
	// atMost is the weight of the values up to the current row.
	atMost := new(big.Int)
	for _, x := range ws[:first] {
		atMost.Add(atMost, x)
	}
	below := new(big.Int).Set(atMost)

	header := []string{"value", "%", "at least %", "at most %"}
	maxP := 0.0
	probs := make([]float64, 0, last-first+1)
	for _, x := range ws[first : last+1] {
		probs = append(probs, ratio(x, total))
		maxP = max(maxP, probs[len(probs)-1])
	}
	decimals := percentDecimals(maxP)
	format := func(a, b *big.Int) string { return percent(a, b, decimals) }
	if opt.exact {
		header = []string{"value", "probability", "at least", "at most"}
		format = fraction
	}
	cells := [][]string{header}
	for i := first; i <= last; i++ {
		x := ws[i]
		atLeast := new(big.Int).Sub(total, atMost)
		atMost.Add(atMost, x)
		cells = append(cells, []string{strconv.Itoa(lo + i), format(x, total), format(atLeast, total), format(atMost, total)})
	}
	above := new(big.Int).Sub(total, atMost)

	widths := columnWidths(cells)
	line := func(row []string, barText string) {
		if barText != "" {
			barText = "  " + barText
		}
		w.printf("%s%s\n", alignRow(row, widths), barText)
	}
	unit := "%"
	if opt.exact {
		unit = ""
	}
	elided := func(n int, which string, from, to int, weight *big.Int) {
		w.printf("%*s  … %d %s values, %d to %d (%s%s in all), not shown; -all shows every row\n",
			widths[0], "", n, which, from, to, format(weight, total), unit)
	}

	w.printf("%s\n", expr)
	line(cells[0], "")
	if first > 0 {
		elided(first, "lower", lo, lo+first-1, below)
	}
	for i, row := range cells[1:] {
		f := 0.0
		if maxP > 0 {
			f = probs[i] / maxP
		}
		line(row, bar(f))
	}
	if last < len(ws)-1 {
		elided(len(ws)-1-last, "higher", lo+last+1, d.Hi(), above)
	}

	writeSummary(w, d, ws, opt.exact)
}

// columnWidths returns the width in characters of the widest cell of each column.
func columnWidths(cells [][]string) []int {
	var widths []int
	for _, row := range cells {
		for j, c := range row {
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], utf8.RuneCountInString(c))
		}
	}
	return widths
}

// alignRow returns the cells of row right-aligned in their columns' widths, two spaces apart.
func alignRow(row []string, widths []int) string {
	var b strings.Builder
	for j, c := range row {
		if j > 0 {
			b.WriteString("  ")
		}
		b.WriteString(strings.Repeat(" ", widths[j]-utf8.RuneCountInString(c)))
		b.WriteString(c)
	}
	return b.String()
}

// writeSummary prints the mean, standard deviation, variance and support of d, whose weights
// are ws.
func writeSummary(w *errWriter, d *dist.Dist, ws []*big.Int, exact bool) {
	mean, variance := d.MeanRat(), d.VarianceRat()
	stdDev := stdDevText(d)
	positive := 0
	for _, x := range ws {
		if x.Sign() > 0 {
			positive++
		}
	}
	values := fmt.Sprintf("%d values", positive)
	if positive == 1 {
		values = "1 value"
	}
	if exact {
		w.printf("mean                %s%s\n", mean.RatString(), approx(mean))
		w.printf("variance            %s%s\n", variance.RatString(), approx(variance))
		w.printf("standard deviation  ≈ %s\n", stdDev)
	} else {
		w.printf("mean                %s\n", decimal(mean))
		w.printf("standard deviation  %s\n", stdDev)
		w.printf("variance            %s\n", decimal(variance))
	}
	w.printf("support             %d..%d (%s)\n", d.Lo(), d.Hi(), values)
}

// stdDevText returns the standard deviation of d with up to 4 decimals.
func stdDevText(d *dist.Dist) string {
	vf, _ := d.VarianceRat().Float64()
	return decimal(new(big.Rat).SetFloat64(math.Sqrt(vf)))
}

// approx returns " = x" when r has an exact decimal form with at most 4 decimals (for an
// integer r, nothing), else " ≈ x" with x rounded to 4 decimals.
func approx(r *big.Rat) string {
	switch {
	case r.IsInt():
		return ""
	case new(big.Rat).Mul(r, big.NewRat(10000, 1)).IsInt():
		return " = " + decimal(r)
	}
	return " ≈ " + decimal(r)
}

// jsonDist is the JSON shape of DESIGN.md: counts and the total as decimal strings,
// probabilities, the mean and the variance as reduced fractions "n/d".
type jsonDist struct {
	Expr     string        `json:"expr"`
	Lo       int           `json:"lo"`
	Hi       int           `json:"hi"`
	Total    string        `json:"total"`
	Outcomes []jsonOutcome `json:"outcomes"`
	Mean     string        `json:"mean"`
	Variance string        `json:"variance"`
}

type jsonOutcome struct {
	Value int    `json:"value"`
	Count string `json:"count"`
	Prob  string `json:"prob"`
}

// jsonOf returns the JSON object of d.
func jsonOf(expr string, d *dist.Dist) jsonDist {
	total := d.Total()
	out := jsonDist{Expr: expr, Lo: d.Lo(), Hi: d.Hi(), Total: total.String(),
		Mean: d.MeanRat().String(), Variance: d.VarianceRat().String()}
	for v, x := range d.Weights() {
		out.Outcomes = append(out.Outcomes, jsonOutcome{v, x.String(), new(big.Rat).SetFrac(x, total).String()})
	}
	return out
}

// writeJSON prints d as one JSON object on one line.
func writeJSON(w *errWriter, expr string, d *dist.Dist) { encodeJSON(w, jsonOf(expr, d)) }

// csvProb formats a/total for CSV: a decimal, or a fraction "n/d" with exact.
func csvProb(a, total *big.Int, exact bool) string {
	if exact {
		return new(big.Rat).SetFrac(a, total).String()
	}
	x := new(big.Float).SetPrec(53).SetInt(a)
	x.Quo(x, new(big.Float).SetPrec(53).SetInt(total))
	if f, acc := x.Float64(); f != 0 || x.Sign() == 0 || acc == big.Exact {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return sci(x, 15) // below float64's range
}

// writeCSV prints the rows of d (the header is printed once by run). Probabilities are
// decimals, or fractions "n/d" with exact.
func writeCSV(w *errWriter, expr string, d *dist.Dist, exact bool) {
	total := d.Total()
	cw := csv.NewWriter(w)
	atMost := new(big.Int)
	for v, x := range d.Weights() {
		atLeast := new(big.Int).Sub(total, atMost)
		atMost.Add(atMost, x)
		_ = cw.Write([]string{expr, strconv.Itoa(v), x.String(), csvProb(x, total, exact), csvProb(atLeast, total, exact), csvProb(atMost, total, exact)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil && w.err == nil {
		w.err = err
	}
}
