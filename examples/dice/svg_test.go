package main

import (
	"bytes"
	"encoding/xml"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// svgDoc is what the tests read back from a chart.
type svgDoc struct {
	XMLName xml.Name   `xml:"svg"`
	Title   string     `xml:"title"`
	Texts   []svgText  `xml:"text"`
	Groups  []svgGroup `xml:"g"`
}

type svgGroup struct {
	Class string    `xml:"class,attr"`
	Expr  string    `xml:"data-expr,attr"`
	Fill  string    `xml:"fill,attr"`
	Strk  string    `xml:"stroke,attr"`
	Rects []svgRect `xml:"rect"`
	Lines []struct {
		Y1 float64 `xml:"y1,attr"`
	} `xml:"line"`
	Polylines []struct {
		Points string `xml:"points,attr"`
	} `xml:"polyline"`
	Texts []svgText `xml:"text"`
}

type svgRect struct {
	Value int     `xml:"data-value,attr"`
	X     float64 `xml:"x,attr"`
	Y     float64 `xml:"y,attr"`
	W     float64 `xml:"width,attr"`
	H     float64 `xml:"height,attr"`
	Title string  `xml:"title"`
}

type svgText struct {
	Y    float64 `xml:"y,attr"`
	Text string  `xml:",chardata"`
	Span string  `xml:"tspan"`
}

// parseSVG parses a chart strictly and returns its groups by class, in order.
func parseSVG(t *testing.T, data []byte) (svgDoc, map[string][]svgGroup) {
	t.Helper()
	var doc svgDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	require.NoError(t, dec.Decode(&doc))
	groups := map[string][]svgGroup{}
	for _, g := range doc.Groups {
		groups[g.Class] = append(groups[g.Class], g)
	}
	return doc, groups
}

// percentTick reads an axis label such as "12.5%" as a fraction.
func percentTick(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	require.NoError(t, err, s)
	return v / 100
}

func TestSVG(t *testing.T) {
	cs := compareCases()
	cs = append(cs, enumerate("4d6<=2", 4, 6, func(v []int) int { // the < needs escaping
		n := 0
		for _, x := range v {
			if x <= 2 {
				n++
			}
		}
		return n
	}))
	path := filepath.Join(t.TempDir(), "chart.svg")
	code, out, errs := runDice(append([]string{"-svg", path}, exprsOf(cs)...)...)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "3d6\n", "the tables are printed as well")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	doc, groups := parseSVG(t, data)
	assert.Equal(t, "d4 vs 3d6 vs 4d6kh3 vs 4d6<=2", doc.Title)

	// The scales: the left axis's top label and line give the probability of the plot's top,
	// the right axis's 0 % and 100 % labels its bottom and top.
	yAxis := groups["y-axis"]
	require.Len(t, yAxis, 1)
	ticks := yAxis[0].Texts
	require.GreaterOrEqual(t, len(ticks), 3)
	assert.Equal(t, 0.0, percentTick(t, ticks[0].Text))
	bottom, top := ticks[0].Y, ticks[len(ticks)-1].Y
	yMax := percentTick(t, ticks[len(ticks)-1].Text)
	right := groups["y2-axis"]
	require.Len(t, right, 1)
	r := right[0].Texts
	assert.Equal(t, "0%", r[0].Text)
	assert.Equal(t, "100%", r[len(r)-1].Text)
	assert.Equal(t, bottom, r[0].Y)
	assert.Equal(t, top, r[len(r)-1].Y)

	lo, hi := unionSupport(cs)
	bars, lines := groups["bars"], groups["at-least"]
	require.Len(t, bars, len(cs))
	require.Len(t, lines, len(cs))
	maxP := 0.0
	for e, c := range cs {
		g := bars[e]
		assert.Equal(t, c.expr, g.Expr)
		require.Len(t, g.Rects, hi-lo+1, "one bar per value of the union, for %s", c.expr)
		for i, rc := range g.Rects {
			v := lo + i
			p, _ := big.NewRat(c.counts[v], c.total).Float64()
			maxP = max(maxP, p)
			assert.Equal(t, v, rc.Value)
			assert.InDelta(t, bottom, rc.Y+rc.H, 0.011, "%s bar %d stands on the axis", c.expr, v)
			assert.InDelta(t, p/yMax*(bottom-top), rc.H, 0.006, "%s bar %d: height of P = %g", c.expr, v, p)
			assert.True(t, strings.HasPrefix(rc.Title, c.expr+": P(X = "+strconv.Itoa(v)+") = "), rc.Title)
			if e > 0 { // side by side, in the order of the expressions
				prev := bars[e-1].Rects[i]
				assert.LessOrEqual(t, prev.X+prev.W, rc.X+0.011, "%s bar %d", c.expr, v)
			}
		}
		require.Len(t, lines[e].Polylines, 2, "a white halo and the line")
		pts := strings.Fields(lines[e].Polylines[1].Points)
		require.Len(t, pts, hi-lo+1)
		for i, pt := range pts {
			v := lo + i
			xy := strings.Split(pt, ",")
			y, err := strconv.ParseFloat(xy[1], 64)
			require.NoError(t, err)
			q, _ := big.NewRat(c.atLeast(v), c.total).Float64()
			assert.InDelta(t, bottom-q*(bottom-top), y, 0.006, "%s P(X>=%d)", c.expr, v)
			x, err := strconv.ParseFloat(xy[0], 64)
			require.NoError(t, err)
			first, last := bars[0].Rects[i], bars[len(bars)-1].Rects[i]
			assert.InDelta(t, (first.X+last.X+last.W)/2, x, 0.011, "the point of %d is over the middle of its bars", v)
		}
		assert.NotEqual(t, bars[e].Fill, bars[(e+1)%len(cs)].Fill, "a colour per expression")
		assert.Equal(t, bars[e].Fill, lines[e].Strk, "the line has the colour of the bars")
	}
	assert.Less(t, yMax, 2*maxP, "the left axis ends near the tallest bar")
	assert.GreaterOrEqual(t, yMax, maxP)

	legend := groups["legend"]
	require.Len(t, legend, 1)
	require.Len(t, legend[0].Texts, len(cs))
	for e, c := range cs {
		assert.Equal(t, c.expr, legend[0].Texts[e].Text)
		mean, _ := moments(c.counts, c.total)
		assert.Contains(t, legend[0].Texts[e].Span, "mean "+decimal(mean))
	}
}

func TestSVGStdout(t *testing.T) {
	code, out, errs := runDice("-svg", "-", "2d6", "d{1,2,3}")
	require.Equal(t, 0, code, errs)
	assert.True(t, strings.HasPrefix(out, "<?xml"), "only the chart")
	_, groups := parseSVG(t, []byte(out))
	require.Len(t, groups["bars"], 2)
	assert.Equal(t, "d{1,2,3}", groups["bars"][1].Expr)
	assert.Len(t, groups["bars"][0].Rects, 12) // 1..12
}

func TestSVGCutTails(t *testing.T) {
	// d6! at depth 9 reaches 60, but beyond 12 every probability is under 1/216 of 1/6 …
	code, out, errs := runDice("-svg", "-", "d6!")
	require.Equal(t, 0, code, errs)
	_, groups := parseSVG(t, []byte(out))
	rects := groups["bars"][0].Rects
	// P(d6! = k) for k ≥ 7 is 1/36 up to 11, 1/216 from 13 to 17, 1/1296 from 19 to 23; the
	// cut keeps what is at least 1/6000: up to 23.
	require.Len(t, rects, 23)
	assert.Equal(t, 1, rects[0].Value)
	assert.Equal(t, 23, rects[len(rects)-1].Value)
	assert.Contains(t, out, "values 1..23")
}

func TestSVGErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-svg", filepath.Join(dir, "missing", "x.svg"), "d6"}, "no such file or directory"},
		{[]string{"-svg", dir, "d6"}, "is a directory"},
		{[]string{"-svg", filepath.Join(dir, "x.svg"), "d5000"}, "5000 values to chart"},
		{[]string{"-svg", filepath.Join(dir, "y.svg"), "3d"}, "column 3"},
	} {
		code, out, errs := runDice(c.args...)
		assert.Equal(t, 2, code, c.args)
		assert.Empty(t, out, c.args)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "one line: %q", errs)
		assert.True(t, strings.HasPrefix(errs, "dice: "), errs)
		assert.Contains(t, errs, c.msg)
	}
	_, err := os.Stat(filepath.Join(dir, "y.svg"))
	assert.True(t, os.IsNotExist(err), "no file for a bad expression")
}
