package cnn

// The direct loops, for groups with few output channels (depthwise layers above all): each is
// a sum over kernel taps of shifted rows, with the valid ranges of every tap computed once, so
// that no inner loop tests a bound.

// directForward adds to o (cog output planes of the grid) the cross-correlation of the group's
// image xi with the filters wg (cog × kg).
func directForward(o, xi, wg []float64, g *geom, cog int) {
	kg, cols, plane := g.rows(), g.cols(), g.plane()
	for co := range cog {
		oc := o[co*cols:][:cols]
		for ci := range g.c {
			for i := range g.kh {
				ylo, yhi, yoff := g.ySpan(i)
				taps := wg[co*kg+(ci*g.kh+i)*g.kw:][:g.kw]
				for oy := ylo; oy < yhi; oy++ {
					row := xi[ci*plane+(oy*g.sh+yoff)*g.w:][:g.w]
					orow := oc[oy*g.ow:][:g.ow]
					g.rowTaps(orow, row, taps)
				}
			}
		}
	}
}

// rowTaps adds Σ_j taps[j]·row[ox·sw + j·dw − pw] to orow[ox] for every ox whose input is in
// the row.
func (g *geom) rowTaps(orow, row, taps []float64) {
	for j, a := range taps {
		lo, hi, off := g.xSpan(j)
		if lo >= hi {
			continue
		}
		out := orow[lo:hi]
		if g.sw == 1 {
			axpy(out, a, row[lo+off:hi+off])
			continue
		}
		for k := range out {
			out[k] += a * row[(lo+k)*g.sw+off]
		}
	}
}

// axpy adds a·x to y (len(x) ≥ len(y)).
func axpy(y []float64, a float64, x []float64) {
	x = x[:len(y)]
	for k, v := range x {
		y[k] += a * v
	}
}

// directTranspose adds to the group's image o the transposed convolution of xi (cig planes of
// the grid) with wg (cig × kg): each grid value times each tap, added where colRow would have
// read it.
func directTranspose(o, xi, wg []float64, g *geom, cig int) {
	kg, cols, plane := g.rows(), g.cols(), g.plane()
	for ci := range cig {
		in := xi[ci*cols:][:cols]
		for p := range kg {
			a := wg[ci*kg+p]
			c, i, j := g.tap(p)
			ylo, yhi, yoff := g.ySpan(i)
			lo, hi, off := g.xSpan(j)
			if lo >= hi {
				continue
			}
			for oy := ylo; oy < yhi; oy++ {
				orow := o[c*plane+(oy*g.sh+yoff)*g.w:][:g.w]
				irow := in[oy*g.ow:][:g.ow]
				if g.sw == 1 {
					axpy(orow[lo+off:hi+off], a, irow[lo:hi])
					continue
				}
				for ox := lo; ox < hi; ox++ {
					orow[ox*g.sw+off] += a * irow[ox]
				}
			}
		}
	}
}

// directWeightGrad adds to d (cog × kg) the correlation of the output gradient dyi (cog planes
// of the grid) with the group's image xi: d[co, p] += Σ_q dyi[co, q]·col[p, q].
func directWeightGrad(d, dyi, xi []float64, g *geom, cog int) {
	kg, cols, plane := g.rows(), g.cols(), g.plane()
	for co := range cog {
		dy := dyi[co*cols:][:cols]
		for p := range kg {
			c, i, j := g.tap(p)
			ylo, yhi, yoff := g.ySpan(i)
			lo, hi, off := g.xSpan(j)
			var s float64
			for oy := ylo; oy < yhi && lo < hi; oy++ {
				row := xi[c*plane+(oy*g.sh+yoff)*g.w:][:g.w]
				drow := dy[oy*g.ow:][:g.ow]
				if g.sw == 1 {
					s += dot(drow[lo:hi], row[lo+off:hi+off])
					continue
				}
				for ox := lo; ox < hi; ox++ {
					s += drow[ox] * row[ox*g.sw+off]
				}
			}
			d[co*kg+p] += s
		}
	}
}

// dot returns Σ x[k]·y[k] (len(y) ≥ len(x)).
func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s float64
	for k, v := range x {
		s += v * y[k]
	}
	return s
}
