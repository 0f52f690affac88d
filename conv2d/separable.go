package conv2d

import "github.com/polyconv/polyconv/poly"

// ConvolveSeparable returns Convolve(dst, in, K, o) for the kernel K = col·rowᵀ
// (K(a, b) = col[a]·row[b]: col runs down the rows, row across the columns), computed as
// two 1-D passes over the extended input when that is cheaper (len(col)+len(row) operations
// per output instead of len(col)·len(row)), and otherwise by Convolve on the materialised
// kernel. The passes round differently from Convolve's 2-D sums (the result agrees to
// within rounding) and place NaN and ±Inf as sums of the two passes do. dst, aliasing,
// shapes, modes, boundaries, allocation and panics are as for Convolve (an empty col or
// row is an empty kernel).
func ConvolveSeparable(dst, in Matrix, col, row []float64, o Options) Matrix {
	kr, kc := len(col), len(row)
	rows, cols := OutputShape(in.Rows, in.Cols, kr, kc, o.Mode)
	if kr == 0 || kc == 0 || o.Mode == poly.Valid && validSwap(in.Rows, in.Cols, kr, kc) || !separableCheaper(rows, cols, kr, kc) {
		return Convolve(dst, in, outer(col, row), o)
	}
	in.validate("in")
	o.Boundary.check()
	dst = output(dst, rows, cols)
	if rows == 0 || cols == 0 {
		return dst
	}
	// The job of the kernel's shape; the passes read the reversed factors, not j.k.
	j := job{ext: extension{src: in, b: o.Boundary, fill: o.FillValue}, k: Matrix{Rows: kr, Cols: kc}}
	j.r0, j.c0 = origin(in, kr, kc, o, false)
	if overlaps(dst, j.ext.src) {
		j.ext.src = j.ext.src.clone()
	}
	j.out = dst
	separable(&j, reversed(col), reversed(row))
	return dst
}

// outer returns the kr×kc matrix col·rowᵀ.
func outer(col, row []float64) Matrix {
	k := NewMatrix(len(col), len(row), nil)
	for a, c := range col {
		r := k.row(a)
		for b, v := range row {
			r[b] = c * v
		}
	}
	return k
}

// reversed returns a copy of x in reverse order.
func reversed(x []float64) []float64 {
	r := make([]float64, len(x))
	for i, v := range x {
		r[len(x)-1-i] = v
	}
	return r
}

// separable computes the job for the kernel kc·krᵀ (the correlation kernel's column and
// row factors) in bands of output rows: the band's patch rows are filled from the
// extension and correlated with kr along the rows, and each output row is the sum of
// kc[a] times the filtered patch rows m+a.
func separable(j *job, kc, kr []float64) {
	nr := len(kc)
	w := j.patchCols()
	f := newRowFiller(&j.ext, j.c0, w)
	band := max(1, directBandPoints/w-nr+1)
	rows := min(band, j.out.Rows) + nr - 1
	ext := make([]float64, w)
	offs := rowOffsets(len(kr))
	tmp := make([]float64, rows*j.out.Cols)
	n := j.out.Cols
	for m0 := 0; m0 < j.out.Rows; m0 += band {
		nb := min(band, j.out.Rows-m0)
		for t := range nb + nr - 1 {
			f.fill(ext, j.r0+m0+t)
			corrTaps(tmp[t*n:(t+1)*n], ext, kr, offs)
		}
		for m := range nb {
			o := j.out.row(m0 + m)
			clear(o)
			for a, c := range kc {
				axpy(o, c, tmp[(m+a)*n:])
			}
		}
	}
}

// separableCheaper reports whether two 1-D passes cost less than Convolve's best method
// for a rows×cols output and a kr×kc kernel.
func separableCheaper(rows, cols, kr, kc int) bool {
	return directCost*float64(rows*cols)*float64(kr+kc) <= bestCost(rows, cols, kr, kc)
}
