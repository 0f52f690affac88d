package conv2d

import "math"

// fixup sets, after an FFT method has convolved the finite values, every output that a
// NaN or ±Inf term touches to the sum of those terms alone: NaN if any is NaN (0·Inf
// included) or if +Inf and −Inf meet, else that infinity. The finite terms cannot change
// such a sum (compute checks that no product of finite values overflows), so this is the
// value the direct sums give.
type fixup struct {
	// rowIdx and colIdx are the source indices (−1 for fill) of the patch's rows and
	// columns; rowsOf[i] and colsOf[j] the patch rows and columns that hold source row i
	// and column j.
	rowIdx, colIdx []int32
	rowsOf, colsOf [][]int32
	badE           [][2]int // ±Inf source elements
	nanE           [][2]int // NaN source elements
	badK           [][2]int // non-finite kernel elements
	cost           float64
}

// newFixup returns the fixup of the job, or nil if neither the source (badE non-finite
// elements) nor the kernel (badK) has non-finite values. The job's fill value is finite.
//
// A NaN element makes NaN every output whose window holds one of its copies, whatever the
// kernel's weights (NaN·0 is NaN), so it costs one rectangle of a difference array per copy
// instead of one term per tap: one NaN in a small periodic source under a big kernel stays
// on the FFT path.
func newFixup(j *job, badE, badK int) *fixup {
	if badE == 0 && badK == 0 {
		return nil
	}
	src := j.ext.src
	fx := &fixup{
		rowIdx: j.ext.indices(j.r0, j.patchRows(), src.Rows),
		colIdx: j.ext.indices(j.c0, j.patchCols(), src.Cols),
		rowsOf: make([][]int32, src.Rows),
		colsOf: make([][]int32, src.Cols),
	}
	for p, i := range fx.rowIdx {
		if i >= 0 {
			fx.rowsOf[i] = append(fx.rowsOf[i], int32(p))
		}
	}
	for p, i := range fx.colIdx {
		if i >= 0 {
			fx.colsOf[i] = append(fx.colsOf[i], int32(p))
		}
	}
	taps := float64(j.k.Rows * j.k.Cols)
	for i := range src.Rows {
		for c, v := range src.row(i) {
			switch {
			case v != v: // NaN: whatever the weights, the window it falls in is NaN
				fx.nanE = append(fx.nanE, [2]int{i, c})
				fx.cost += float64(len(fx.rowsOf[i]) * len(fx.colsOf[c]))
			case v-v != 0:
				fx.badE = append(fx.badE, [2]int{i, c})
				fx.cost += taps * float64(len(fx.rowsOf[i])*len(fx.colsOf[c]))
			}
		}
	}
	if len(fx.nanE) > 0 {
		fx.cost += float64(j.out.Rows * j.out.Cols)
	}
	for a := range j.k.Rows {
		for b, v := range j.k.row(a) {
			if v-v != 0 {
				fx.badK = append(fx.badK, [2]int{a, b})
				fx.cost += float64(j.out.Rows * j.out.Cols)
			}
		}
	}
	return fx
}

// apply overwrites the outputs the non-finite terms touch.
func (fx *fixup) apply(j *job) {
	rows, cols := j.out.Rows, j.out.Cols
	kr, kc := j.k.Rows, j.k.Cols
	acc := make([]float64, rows*cols)
	hit := make([]bool, rows*cols)
	for _, e := range fx.badE {
		v := j.ext.src.At(e[0], e[1])
		for _, pr := range fx.rowsOf[e[0]] {
			for _, pc := range fx.colsOf[e[1]] {
				for a := max(0, int(pr)-rows+1); a < min(kr, int(pr)+1); a++ {
					m := int(pr) - a
					kra := j.k.row(a)
					for b := max(0, int(pc)-cols+1); b < min(kc, int(pc)+1); b++ {
						n := int(pc) - b
						acc[m*cols+n] += v * kra[b]
						hit[m*cols+n] = true
					}
				}
			}
		}
	}
	if len(fx.nanE) > 0 {
		fx.markNaN(j, hit, acc)
	}
	for _, e := range fx.badK {
		a, b := e[0], e[1]
		w := j.k.At(a, b)
		for m := range rows {
			r := fx.rowIdx[m+a]
			for n := range cols {
				c := fx.colIdx[n+b]
				v := j.ext.fill
				if r >= 0 && c >= 0 {
					v = j.ext.src.At(int(r), int(c))
				}
				if v-v == 0 { // non-finite values were added above
					acc[m*cols+n] += v * w
					hit[m*cols+n] = true
				}
			}
		}
	}
	for m := range rows {
		o := j.out.row(m)
		for n := range o {
			if hit[m*cols+n] {
				o[n] = acc[m*cols+n]
			}
		}
	}
}

// markNaN sets acc to NaN and hit to true at every output whose window holds a copy of a NaN
// source element: each copy at patch position (pr, pc) touches the rectangle of outputs
// (m, n) with pr−kr < m ≤ pr and pc−kc < n ≤ pc, added to a 2-D difference array whose
// prefix sums count the copies over each output.
func (fx *fixup) markNaN(j *job, hit []bool, acc []float64) {
	rows, cols := j.out.Rows, j.out.Cols
	kr, kc := j.k.Rows, j.k.Cols
	w := cols + 1
	d := make([]int32, (rows+1)*w)
	for _, e := range fx.nanE {
		for _, pr := range fx.rowsOf[e[0]] {
			m0, m1 := max(0, int(pr)-kr+1), min(rows-1, int(pr))
			if m0 > m1 {
				continue
			}
			for _, pc := range fx.colsOf[e[1]] {
				n0, n1 := max(0, int(pc)-kc+1), min(cols-1, int(pc))
				if n0 > n1 {
					continue
				}
				d[m0*w+n0]++
				d[m0*w+n1+1]--
				d[(m1+1)*w+n0]--
				d[(m1+1)*w+n1+1]++
			}
		}
	}
	nan := math.NaN()
	for m := range rows {
		run := int32(0)
		for n := range cols {
			run += d[m*w+n]
			if m > 0 {
				d[m*w+n] = run + d[(m-1)*w+n] // the column prefix of the rows above
			} else {
				d[m*w+n] = run
			}
			if d[m*w+n] != 0 {
				hit[m*cols+n] = true
				acc[m*cols+n] = nan
			}
		}
	}
}
