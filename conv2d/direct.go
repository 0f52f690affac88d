package conv2d

import "gonum.org/v1/gonum/floats"

// directBandPoints is the size (elements) of the patch band the direct method fills at a
// time: the extended rows of a band of outputs stay in cache while every kernel row is
// applied to them.
var directBandPoints = 1 << 15

// direct computes the job by direct summation: for each band of output rows the patch rows
// it reads are filled from the extension once, and each output row accumulates, for every
// kernel element k(a, b), k(a, b) times a stretch of patch row m+a (an axpy along the row:
// gonum's vectorised AddScaled).
func direct(j *job) {
	kr := j.k.Rows
	w := j.patchCols()
	f := newRowFiller(&j.ext, j.c0, w)
	band := max(1, directBandPoints/w-kr+1)
	buf := make([]float64, (min(band, j.out.Rows)+kr-1)*w)
	for m0 := 0; m0 < j.out.Rows; m0 += band {
		nb := min(band, j.out.Rows-m0)
		for t := range nb + kr - 1 {
			f.fill(buf[t*w:(t+1)*w], j.r0+m0+t)
		}
		for m := range nb {
			o := j.out.row(m0 + m)
			clear(o)
			for a := range kr {
				if j.rev {
					a = kr - 1 - a
				}
				corrRow(o, buf[(m+a)*w:(m+a+1)*w], j.k.row(a), j.rev)
			}
		}
	}
}

// corrRow adds to o the valid correlation of p with k: o[n] += Σ_b k[b]·p[n+b], with
// len(p) = len(o)+len(k)−1, adding the terms in the order of b (descending if rev).
func corrRow(o, p, k []float64, rev bool) {
	for b := range k {
		if rev {
			b = len(k) - 1 - b
		}
		axpy(o, k[b], p[b:b+len(o)])
	}
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
