package conv2d

import "math"

// gaussianMinSigma is the sigma at or below which scipy's gaussian_filter leaves an axis
// alone.
const gaussianMinSigma = 1e-15

// maxRadius bounds the radius of GaussianKernel (and so of GaussianFilter), so that a
// kernel can never exhaust memory by itself: 2^24 taps on each side.
const maxRadius = 1 << 24

// GaussianKernel returns scipy.ndimage's 1-D Gaussian kernel for standard deviation sigma,
// truncated at truncate standard deviations: radius r = int(truncate·sigma + 0.5) (rounded
// down), weights exp(−x²/(2σ²)) for x = −r … r normalised to sum 1, length 2r+1. It
// allocates the result and panics with "conv2d: sigma must be positive and finite" unless
// sigma > 0, with "conv2d: truncate must be non-negative and finite" unless
// 0 ≤ truncate < ∞, and with "conv2d: Gaussian radius too large" if r > 2^24.
func GaussianKernel(sigma, truncate float64) []float64 {
	if !(sigma > 0) || math.IsInf(sigma, 1) {
		panic("conv2d: sigma must be positive and finite")
	}
	if !(truncate >= 0) || math.IsInf(truncate, 1) {
		panic("conv2d: truncate must be non-negative and finite")
	}
	rf := truncate*sigma + 0.5
	if rf >= maxRadius+1 {
		panic("conv2d: Gaussian radius too large")
	}
	r := int(rf)
	if r == 0 {
		// One tap (also for a sigma so small that σ² underflows).
		return []float64{1}
	}
	w := make([]float64, 2*r+1)
	c := -0.5 / (sigma * sigma)
	var sum float64
	for i := range w {
		x := float64(i - r)
		w[i] = math.Exp(c * x * x)
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// GaussianFilter returns scipy.ndimage.gaussian_filter(in, sigma, mode=b, cval=cval,
// truncate=4.0): the correlation of in with GaussianKernel(sigma, 4) down the columns and
// then along the rows, each pass extending its own input by b (with cval for Fill) as
// ndimage does. The result has in's shape; a sigma of at most 1e-15 copies in, as scipy
// does (it skips such an axis).
//
// dst, aliasing and views are as for Convolve (dst may be in: a filter in place). It
// allocates the result if dst.Data is nil, a copy of in if dst overlaps it, and otherwise
// only pooled bands of rows (the passes take 32 rows at a time). It
// panics with "conv2d: sigma must be non-negative and finite" for a negative, NaN or
// infinite sigma, with "conv2d: Gaussian radius too large" as GaussianKernel does, and with
// "conv2d: invalid Boundary". NaN and ±Inf inputs give NaN or ±Inf exactly where the
// weighted sums put them. Accuracy: each output is a sum of 2r+1 terms per pass, with the
// error of ordinary floating-point summation.
func GaussianFilter(dst, in Matrix, sigma float64, b Boundary, cval float64) Matrix {
	if !(sigma >= 0) || math.IsInf(sigma, 1) {
		panic("conv2d: sigma must be non-negative and finite")
	}
	var w []float64
	if sigma > gaussianMinSigma {
		w = GaussianKernel(sigma, 4)
	}
	return separableFilter(dst, in, w, w, b, cval)
}

// UniformFilter returns scipy.ndimage.uniform_filter(in, size, mode=b, cval=cval): the mean
// over a size×size window, centred as ndimage centres it (the window of output i covers
// i − size/2 … i − size/2 + size − 1, rounding size/2 down, so an even window reaches one
// further back than forward), computed down the columns and then along the rows, each pass
// extending its own input by b. size = 1 copies in.
//
// Method: for sizes up to 11, direct sums of the weights 1/size (vectorised, faster there);
// above, running sums, as ndimage's: each pass costs a few operations per element whatever
// the size. Where in has a NaN or ±Inf the running sum cannot be used (ndimage's own spreads
// a NaN over the rest of its line); UniformFilter then sums every window directly, so that
// NaN and ±Inf appear only in the windows that hold them. dst, aliasing, allocation and
// the Boundary panic are as for GaussianFilter; it panics with "conv2d: size must be
// positive" if size < 1 and with "conv2d: size too large" if size > 2^24.
func UniformFilter(dst, in Matrix, size int, b Boundary, cval float64) Matrix {
	if size < 1 {
		panic("conv2d: size must be positive")
	}
	if size == 1 {
		return separableFilter(dst, in, nil, nil, b, cval)
	}
	if size > maxRadius {
		panic("conv2d: size too large")
	}
	in.validate("in")
	b.check()
	dst = output(dst, in.Rows, in.Cols)
	if in.empty() {
		return dst
	}
	if size <= uniformDirectMax || !finite(in) {
		w := make([]float64, size)
		for i := range w {
			w[i] = 1 / float64(size)
		}
		return separableFilter(dst, in, w, w, b, cval)
	}
	inBands(dst, in, func(out Matrix, i0 int, src Matrix) {
		uniformCols(out, src, i0, size, b, cval)
	}, func(out, band Matrix) {
		uniformRows(out, band, size, b, cval)
	})
	return dst
}

// uniformDirectMax is the largest size UniformFilter sums directly rather than by running
// sums: the direct sums' vectorised passes beat the running sums' sequential ones up to
// about this size (BenchmarkUniformFilter).
var uniformDirectMax = 11

// finite reports whether every element of m is finite.
func finite(m Matrix) bool {
	for i := range m.Rows {
		for _, v := range m.row(i) {
			if v-v != 0 {
				return false
			}
		}
	}
	return true
}

// separableFilter stores in dst the correlation of in with wc down the columns and then
// with wr along the rows (nil: no pass), ndimage style: each pass extends its own input by b,
// with the window of output i starting at i − len(w)/2.
func separableFilter(dst, in Matrix, wc, wr []float64, b Boundary, cval float64) Matrix {
	in.validate("in")
	b.check()
	dst = output(dst, in.Rows, in.Cols)
	if in.empty() {
		return dst
	}
	inBands(dst, in, func(out Matrix, i0 int, src Matrix) {
		if wc == nil {
			copyRows(out, src, i0)
			return
		}
		j := job{ext: extension{src: src, b: b, fill: cval}, k: NewMatrix(len(wc), 1, wc), r0: i0 - len(wc)/2, out: out}
		direct(&j)
	}, func(out, src Matrix) {
		if wr == nil {
			copyRows(out, src, 0)
			return
		}
		j := job{ext: extension{src: src, b: b, fill: cval}, k: NewMatrix(1, len(wr), wr), c0: -(len(wr) / 2), out: out}
		direct(&j)
	})
	return dst
}

// filterBandRows is the number of rows the separable filters take through both passes at a
// time, so that the intermediate result stays in cache instead of filling a whole matrix.
var filterBandRows = 32

// inBands stores in dst (in's shape) the row pass of the column pass of in, a band of rows
// at a time: col stores in out the column pass's rows i0 … i0+out.Rows−1 of src, and row
// the row pass of that band into the same rows of dst. in is copied first if dst overlaps
// it (a band's column pass reads rows that earlier bands have written).
func inBands(dst, in Matrix, col func(out Matrix, i0 int, src Matrix), row func(out, band Matrix)) {
	if overlaps(dst, in) {
		in = in.clone()
	}
	nb := min(filterBandRows, in.Rows)
	b := floatScratch.Get(nb * in.Cols)
	defer floatScratch.Put(b)
	tmp := *b
	for i0 := 0; i0 < in.Rows; i0 += nb {
		n := min(nb, in.Rows-i0)
		band := Matrix{Rows: n, Cols: in.Cols, Stride: in.Cols, Data: tmp[:n*in.Cols]}
		col(band, i0, in)
		row(Matrix{Rows: n, Cols: dst.Cols, Stride: dst.Stride, Data: dst.Data[i0*dst.Stride:]}, band)
	}
}

// copyRows copies the rows i0 … i0+out.Rows−1 of src into out.
func copyRows(out, src Matrix, i0 int) {
	for i := range out.Rows {
		copy(out.row(i), src.row(i0+i))
	}
}

// uniformCols stores in dst (not overlapping src) the rows i0 … i0+dst.Rows−1 of the
// running mean of size rows down each column of src, as ndimage's uniform_filter1d computes
// it: the first window summed, then for each later output the row entering minus the row
// leaving, divided by size, added on (the running sum restarts at each band).
func uniformCols(dst, src Matrix, i0, size int, b Boundary, cval float64) {
	s1 := size / 2
	s2 := size - s1 - 1
	fs := float64(size)
	n := src.Cols
	acc := make([]float64, n)
	konst := make([]float64, n)
	for j := range konst {
		konst[j] = cval
	}
	row := func(r int) []float64 {
		if k := b.index(r, src.Rows); k >= 0 {
			return src.row(k)
		}
		return konst
	}
	for t := -s1; t <= s2; t++ {
		add(acc, row(i0+t))
	}
	for j := range acc {
		acc[j] /= fs
	}
	copy(dst.row(0), acc)
	for i := 1; i < dst.Rows; i++ {
		in, out := row(i0+i+s2), row(i0+i-s1-1)
		in, out = in[:n], out[:n]
		o := dst.row(i)
		for j := range acc {
			acc[j] += (in[j] - out[j]) / fs
		}
		copy(o, acc)
	}
}

// uniformRows stores in dst (not overlapping src) the running mean of size elements along
// each row, as uniformCols does down the columns.
func uniformRows(dst, src Matrix, size int, b Boundary, cval float64) {
	s1 := size / 2
	w := src.Cols + size - 1
	f := newRowFiller(&extension{src: src, b: b, fill: cval}, -s1, w)
	ext := make([]float64, w)
	fs := float64(size)
	for i := range dst.Rows {
		f.fillRow(ext, src.row(i))
		o := dst.row(i)
		var acc float64
		for _, v := range ext[:size] {
			acc += v
		}
		acc /= fs
		o[0] = acc
		for j := 1; j < len(o); j++ {
			acc += (ext[j+size-1] - ext[j-1]) / fs
			o[j] = acc
		}
	}
}
