package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// The chart's geometry, in SVG user units (pixels at 100 %).
const (
	chartWidth     = 900
	plotLeft       = 78  // left edge of the plot area
	plotRight      = 822 // right edge
	plotTop        = 64
	plotBottom     = 424
	legendTop      = plotBottom + 62
	legendRow      = 22
	fontFamily     = "DejaVu Sans, Verdana, Arial, sans-serif"
	charWidth      = 7.2 // mean width of a character at font size 13 (DejaVu Sans), for the legend
	maxChartValues = 2000
)

// palette is Tableau 10's colours, one per expression (repeating after ten).
var palette = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"}

// esc returns s escaped for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// num formats a coordinate with at most two decimals.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// chartRange returns the values to chart: from lo to hi without the tails in which every
// expression gives every value less than a thousandth of the highest probability (bars
// under half a pixel), and whether it cut any.
func chartRange(ss []series, lo, hi int) (a, b int, cut bool) {
	maxP := 0.0
	for _, s := range ss {
		for _, x := range s.ws {
			maxP = max(maxP, ratio(x, s.total))
		}
	}
	a, b = hi, lo
	for _, s := range ss {
		for i, x := range s.ws {
			if ratio(x, s.total) >= maxP/1000 {
				a, b = min(a, s.d.Lo()+i), max(b, s.d.Lo()+i)
			}
		}
	}
	return a, b, a > lo || b < hi
}

// niceStep returns the smallest of 1, 2 and 5 times a power of ten that is at least x > 0.
func niceStep(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// percentLabel formats the fraction v as a percentage with the decimals that step needs.
func percentLabel(v, step float64) string {
	decimals := max(0, -int(math.Floor(math.Log10(step*100)+1e-9)))
	return strconv.FormatFloat(v*100, 'f', decimals, 64) + "%"
}

// svgChart draws the expressions as an SVG chart: for each value, a group of bars of
// P(X = k), one per expression, on the left axis, and for each expression a line through
// P(X ≥ k) on the right axis (0 to 100 %), with a legend giving each expression's colour,
// mean and standard deviation. It returns an error when there are more than maxChartValues
// values to draw.
func svgChart(ss []series, lo, hi int) ([]byte, error) {
	a, b, cut := chartRange(ss, lo, hi)
	n := b - a + 1
	if n > maxChartValues {
		return nil, fmt.Errorf("-svg: %d values to chart (%d..%d), more than the %d a chart can show; chart fewer values", n, a, b, maxChartValues)
	}

	// Probabilities of the charted values, and P(X ≥ k).
	probs := make([][]float64, len(ss))
	atLeast := make([][]float64, len(ss))
	maxP := 0.0
	for e, s := range ss {
		probs[e], atLeast[e] = make([]float64, n), make([]float64, n)
		below := s.below(a)
		for i := range n {
			x := s.weight(a + i)
			probs[e][i] = ratio(x, s.total)
			atLeast[e][i] = ratio(new(big.Int).Sub(s.total, below), s.total)
			below.Add(below, x)
			maxP = max(maxP, probs[e][i])
		}
	}
	yStep := niceStep(maxP / 5)
	yMax := math.Ceil(maxP/yStep*(1-1e-12)) * yStep
	plotH := float64(plotBottom - plotTop)
	plotW := float64(plotRight - plotLeft)
	slot := plotW / float64(n)
	xOf := func(i int) float64 { return plotLeft + (float64(i)+0.5)*slot } // the centre of value a+i

	// The legend: entries flow left to right, wrapping before the right edge of the plot.
	type entry struct {
		x, y   float64
		expr   string
		detail string
	}
	entries := make([]entry, len(ss))
	x, y := float64(plotLeft), float64(legendTop)
	for e, s := range ss {
		en := entry{expr: s.expr, detail: fmt.Sprintf("mean %s, sd %s", decimal(s.d.MeanRat()), stdDevText(s.d))}
		w := 52 + charWidth*float64(len([]rune(en.expr))+2+len(en.detail)) + 20
		if x > plotLeft && x+w > chartWidth-20 {
			x, y = plotLeft, y+legendRow
		}
		en.x, en.y = x, y
		entries[e] = en
		x += w
	}
	height := int(y) + legendRow - 4

	var buf bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&buf, format, args...) }
	exprs := make([]string, len(ss))
	for e, s := range ss {
		exprs[e] = s.expr
	}
	title := strings.Join(exprs, " vs ")
	if 11*float64(len([]rune(title))) > chartWidth-40 { // too long at font size 18: the legend names them
		title = fmt.Sprintf("%d dice expressions", len(ss))
	}

	p(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="%s" font-size="13">`+"\n",
		chartWidth, height, chartWidth, height, fontFamily)
	p("<title>%s</title>\n", esc(title))
	p(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	p(`<text x="%d" y="28" text-anchor="middle" font-size="18" font-weight="bold">%s</text>`+"\n", chartWidth/2, esc(title))
	subtitle := "bars: P(X = k), left axis; lines: P(X ≥ k), right axis"
	if cut {
		subtitle += fmt.Sprintf("; values %d..%d (every value outside has under 0.1%% of the highest bar)", a, b)
	}
	p(`<text x="%d" y="48" text-anchor="middle" fill="#555">%s</text>`+"\n", chartWidth/2, esc(subtitle))

	// Grid and left axis.
	p(`<g class="y-axis" stroke="#ddd">` + "\n")
	for v := 0.0; v <= yMax*(1+1e-9); v += yStep {
		y := plotBottom - v/yMax*plotH
		p(`<line x1="%d" y1="%s" x2="%d" y2="%s"/>`+"\n", plotLeft, num(y), plotRight, num(y))
		p(`<text x="%d" y="%s" text-anchor="end" dominant-baseline="middle" stroke="none" fill="#333">%s</text>`+"\n",
			plotLeft-6, num(y), esc(percentLabel(v, yStep)))
	}
	p("</g>\n")
	p(`<text transform="translate(20 %s) rotate(-90)" text-anchor="middle" fill="#333">P(X = k), bars</text>`+"\n", num((plotTop+plotBottom)/2.0))

	// Right axis.
	p(`<g class="y2-axis">` + "\n")
	p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`+"\n", plotRight, plotTop, plotRight, plotBottom)
	for q := 0; q <= 4; q++ {
		y := plotBottom - float64(q)/4*plotH
		p(`<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="#333"/>`+"\n", plotRight, num(y), plotRight+5, num(y))
		p(`<text x="%d" y="%s" dominant-baseline="middle" fill="#333">%d%%</text>`+"\n", plotRight+8, num(y), 25*q)
	}
	p("</g>\n")
	p(`<text transform="translate(%d %s) rotate(90)" text-anchor="middle" fill="#333">P(X ≥ k), lines</text>`+"\n", chartWidth-18, num((plotTop+plotBottom)/2.0))

	// Bars, then lines on top.
	group := slot * 0.8
	if slot < 4 {
		group = slot
	}
	barW := group / float64(len(ss))
	for e, s := range ss {
		colour := palette[e%len(palette)]
		p(`<g class="bars" data-expr="%s" fill="%s">`+"\n", esc(s.expr), colour)
		for i := range n {
			h := probs[e][i] / yMax * plotH
			x := plotLeft + float64(i)*slot + (slot-group)/2 + float64(e)*barW
			p(`<rect data-value="%d" x="%s" y="%s" width="%s" height="%s"><title>%s: P(X = %d) = %s</title></rect>`+"\n",
				a+i, num(x), num(plotBottom-h), num(barW), num(h), esc(s.expr), a+i, esc(percentLabel(probs[e][i], 1e-6)))
		}
		p("</g>\n")
	}
	for e, s := range ss {
		colour := palette[e%len(palette)]
		pts := make([]string, n)
		for i := range n {
			pts[i] = num(xOf(i)) + "," + num(plotBottom-atLeast[e][i]*plotH)
		}
		p(`<g class="at-least" data-expr="%s" stroke="%s" fill="%s">`+"\n", esc(s.expr), colour, colour)
		line := strings.Join(pts, " ")
		p(`<polyline points="%s" fill="none" stroke="white" stroke-width="5" stroke-linejoin="round" opacity="0.8"/>`+"\n", line)
		p(`<polyline points="%s" fill="none" stroke-width="2.5" stroke-linejoin="round"/>`+"\n", line)
		if slot >= 12 {
			for i := range n {
				p(`<circle cx="%s" cy="%s" r="3" stroke="white" stroke-width="1"/>`+"\n", num(xOf(i)), num(plotBottom-atLeast[e][i]*plotH))
			}
		}
		p("</g>\n")
	}

	// X axis: ticks every xStep values, 1, 2 or 5 times a power of ten, far enough apart for
	// their labels.
	labelW := 8.5*float64(max(len(strconv.Itoa(a)), len(strconv.Itoa(b)))) + 14
	xStep := int(niceStep(max(1, labelW/slot)))
	p(`<g class="x-axis" fill="#333">` + "\n")
	p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`+"\n", plotLeft, plotBottom, plotRight, plotBottom)
	p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>`+"\n", plotLeft, plotTop, plotLeft, plotBottom)
	for i := range n {
		if v := a + i; v%xStep == 0 {
			p(`<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#333"/>`+"\n", num(xOf(i)), plotBottom, num(xOf(i)), plotBottom+5)
			p(`<text x="%s" y="%d" text-anchor="middle">%d</text>`+"\n", num(xOf(i)), plotBottom+19, v)
		}
	}
	p("</g>\n")
	p(`<text x="%s" y="%d" text-anchor="middle" fill="#333">value k</text>`+"\n", num((plotLeft+plotRight)/2.0), plotBottom+38)

	// Legend.
	p(`<g class="legend">` + "\n")
	for e, en := range entries {
		colour := palette[e%len(palette)]
		p(`<rect x="%s" y="%s" width="14" height="12" fill="%s"/>`+"\n", num(en.x), num(en.y-10), colour)
		p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2.5"/>`+"\n", num(en.x+20), num(en.y-4), num(en.x+44), num(en.y-4), colour)
		p(`<text x="%s" y="%s">%s<tspan dx="10" fill="#555">%s</tspan></text>`+"\n", num(en.x+52), num(en.y), esc(en.expr), esc(en.detail))
	}
	p("</g>\n</svg>\n")
	return buf.Bytes(), nil
}
