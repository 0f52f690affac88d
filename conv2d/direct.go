package conv2d

import (
	"github.com/polyconv/polyconv/internal/pool"
	"gonum.org/v1/gonum/floats"
)

// directBandPoints is the size (elements) of the patch band the direct method fills at a
// time: the extended rows of a band of outputs stay in cache while every kernel row is
// applied to them.
var directBandPoints = 1 << 15

// direct computes the job by direct summation: each output is the sum of its kr·kc terms
// from zero, in the order of the kernel's elements (reversed if j.rev, which is scipy's
// order), by corrTaps. Where the patch rows an output row reads lie inside the source, the
// sums read the source itself; elsewhere they read a band of patch rows filled from the
// extension (each band holds the rows of up to band outputs).
func direct(j *job) {
	kr, kc := j.k.Rows, j.k.Cols
	src := j.ext.src
	w := j.patchCols()
	// The terms in summation order: kernel element k[t] multiplies the patch element
	// a[t] rows and b[t] columns from the output's own position.
	k := make([]float64, 0, kr*kc)
	offs := make([]int, 0, kr*kc)    // in the band buffer (rows w apart)
	offsSrc := make([]int, 0, kr*kc) // in the source (rows Stride apart)
	for a := range kr {
		for b := range kc {
			ta, tb := a, b
			if j.rev {
				ta, tb = kr-1-a, kc-1-b
			}
			k = append(k, j.k.At(ta, tb))
			offs = append(offs, ta*w+tb)
			offsSrc = append(offsSrc, ta*src.Stride+tb)
		}
	}
	colsInside := j.c0 >= 0 && j.c0+w <= src.Cols
	inside := func(m0, m1 int) bool { // patch rows of outputs m0 … m1−1 all in the source
		return colsInside && j.r0+m0 >= 0 && j.r0+m1-1+kr <= src.Rows
	}
	band := max(16, 2*kr, directBandPoints/w-kr+1)
	if (min(band, j.out.Rows)+kr-1)*w > directMaxBandPoints {
		// A tall kernel on wide rows: a band would not fit the limit. Take the terms one
		// kernel row at a time instead, in the same order.
		directRows(j, k, offs)
		return
	}
	var buf []float64
	var f *rowFiller
	for m0 := 0; m0 < j.out.Rows; m0 += band {
		nb := min(band, j.out.Rows-m0)
		if inside(m0, m0+nb) {
			for m := m0; m < m0+nb; m++ {
				corrTaps(j.out.row(m), src.Data[(j.r0+m)*src.Stride+j.c0:], k, offsSrc)
			}
			continue
		}
		if buf == nil {
			b := floatScratch.Get((min(band, j.out.Rows) + kr - 1) * w)
			defer floatScratch.Put(b)
			buf = *b
			f = newRowFiller(&j.ext, j.c0, w)
		}
		for t := range nb + kr - 1 {
			f.fill(buf[t*w:(t+1)*w], j.r0+m0+t)
		}
		for m := range nb {
			corrTaps(j.out.row(m0+m), buf[m*w:], k, offs)
		}
	}
}

// directMaxBandPoints bounds the band buffer of the direct sums (elements); jobs whose band
// would be larger (kernels of thousands of rows) are summed by directRows instead.
var directMaxBandPoints = 1 << 21

// directRows computes the job as direct does, in the same order of terms (k[t] times the
// patch element offs[t] = a·w + b from the output), but with one extended row in memory at
// a time: each output row is cleared and gets, kernel row by kernel row, the axpys of that
// row's taps over the extended row (the source row itself where it lies inside).
func directRows(j *job, k []float64, offs []int) {
	kc := j.k.Cols
	w := j.patchCols()
	src := j.ext.src
	colsInside := j.c0 >= 0 && j.c0+w <= src.Cols
	f := newRowFiller(&j.ext, j.c0, w)
	b := floatScratch.Get(w)
	defer floatScratch.Put(b)
	ext := *b
	for m := range j.out.Rows {
		o := j.out.row(m)
		clear(o)
		for t0 := 0; t0 < len(k); t0 += kc {
			a := offs[t0] / w // the kernel row of these kc terms
			r := j.r0 + m + a
			p := ext
			if colsInside && r >= 0 && r < src.Rows {
				p = src.Data[r*src.Stride+j.c0:]
			} else {
				f.fill(ext, r)
			}
			for t := t0; t < t0+kc; t++ {
				axpy(o, k[t], p[offs[t]-a*w:])
			}
		}
	}
}

// floatScratch holds the band buffers of the direct sums and the filters between calls.
var floatScratch = pool.Slices[float64]{Min: 1 << 10}

// rowOffsets returns 0, 1, …, n−1: the offsets of a 1-D correlation's taps for corrTaps.
func rowOffsets(n int) []int {
	offs := make([]int, n)
	for i := range offs {
		offs[i] = i
	}
	return offs
}

// axpy adds a·x to o (len(x) ≥ len(o)), with gonum's vectorised kernel.
func axpy(o []float64, a float64, x []float64) {
	floats.AddScaled(o, a, x[:len(o)])
}

// add adds x to o elementwise (len(x) ≥ len(o)).
func add(o, x []float64) {
	x = x[:len(o)]
	for i, v := range x {
		o[i] += v
	}
}

// addConst adds c to every element of o.
func addConst(o []float64, c float64) {
	for i := range o {
		o[i] += c
	}
}
