package conv2d

import (
	"github.com/polyconv/polyconv/poly"
)

// Options selects the part of the convolution that Convolve and Correlate return and the
// extension of the input beyond its edges. The zero value is scipy.signal.convolve2d's
// default: Full mode, Fill boundary with fill value 0.
type Options struct {
	// Mode is poly.Full (every output where the operands overlap), poly.Same (the input's
	// shape, centred as scipy does) or poly.Valid (outputs that need no extension).
	Mode poly.Mode
	// Boundary is the extension of the input; FillValue is its value for Fill.
	Boundary  Boundary
	FillValue float64
}

// OutputShape returns the shape of Convolve's and Correlate's result for an input of shape
// r×c, a kernel of shape kr×kc and the given mode, as scipy.signal.convolve2d gives it:
// Full (r+kr−1)×(c+kc−1) (a dimension that would be negative is 0), Same r×c, Valid
// (R−S+1) per dimension with R, S the larger and smaller operand. It panics with
// "conv2d: invalid Mode" for another mode, with "conv2d: negative dimension" if a size is
// negative, and in Valid mode, unless one operand is at least as large as the other in both
// dimensions, with "conv2d: Valid mode needs one operand at least as large as the other in
// every dimension" (scipy's rule).
func OutputShape(r, c, kr, kc int, mode poly.Mode) (rows, cols int) {
	if r < 0 || c < 0 || kr < 0 || kc < 0 {
		panic("conv2d: negative dimension")
	}
	switch mode {
	case poly.Full:
		return max(r+kr-1, 0), max(c+kc-1, 0)
	case poly.Same:
		return r, c
	case poly.Valid:
		swap := validSwap(r, c, kr, kc)
		if swap {
			r, c, kr, kc = kr, kc, r, c
		}
		return r - kr + 1, c - kc + 1
	}
	panic("conv2d: invalid Mode")
}

// validSwap reports whether Valid mode convolves the kernel over the input (the kernel is
// the larger operand), as scipy does, panicking if neither operand is the larger.
func validSwap(r, c, kr, kc int) bool {
	inLarger := r >= kr && c >= kc
	if !inLarger && !(kr >= r && kc >= c) {
		panic("conv2d: Valid mode needs one operand at least as large as the other in every dimension")
	}
	return !inLarger
}

// Convolve returns the 2-D convolution of in with kernel,
//
//	out(m, n) = Σ_{a,b} kernel(a, b) · E(m + r0 − a, n + c0 − b),
//
// where E is in extended by o.Boundary (with o.FillValue for Fill) and (r0, c0) places
// the window of o.Mode: exactly scipy.signal.convolve2d(in, kernel, mode, boundary,
// fillvalue) for Fill, Wrap and Symm, and the same definition with the Nearest and Mirror
// extensions (in padded by the kernel size − 1 on every side, then the mode's window of the
// valid convolution). Full mode gives every output where the operands overlap, Same the
// shape of in with the window starting at ((kr−1)/2, (kc−1)/2) of the full output (rounded
// down), Valid only outputs that need no extension; in Valid mode the larger operand is
// convolved with the smaller, as scipy does (see OutputShape, which gives the shapes and
// the panics for impossible Valid shapes). Empty operands follow the same formulas (an
// empty kernel gives zeros); extending an empty input with anything but Fill panics with
// "conv2d: cannot extend an empty input".
//
// The result is stored in dst and returned. If dst.Data is nil a new matrix is allocated;
// otherwise dst must have the output shape or Convolve panics with "conv2d: dst has the
// wrong shape". dst may alias in or kernel (they are copied first); in, kernel and dst may
// be views with Stride > Cols. Convolve panics with "conv2d: invalid Mode" or
// "conv2d: invalid Boundary" for values outside the constants, and with a "conv2d: …"
// message naming a Matrix whose fields are inconsistent.
//
// Method: the cheapest by a calibrated cost model of direct summation (for small kernels;
// always when the kernel has at most directMaxTaps elements, which keeps small-integer
// results exact), one real 2-D FFT of the whole, or overlap-save with 2-D FFT tiles of a
// few hundred points a side (small to medium kernels on large inputs). Accuracy
// (ε = 2^−53): the direct sums' error for an output is at most about
// kr·kc·ε·Σ|terms|; on the FFT paths every output is within ε·(log₂(Nr·Nc)+3)·‖E‖₂·‖kernel‖₂
// of the exact value, ‖E‖₂ the norm of the part of the extended input one transform holds
// and Nr×Nc the real transform size (TestFFTAccuracy measured at most 0.10 of it, on inputs
// of random sign, of one sign and over nine decades; 0.002–0.012 of it for random signs): an
// output much smaller than the largest carries an absolute, not a relative, error. NaN and ±Inf: outputs are NaN or ±Inf exactly where the
// direct sums put them (as for poly.Convolve): the FFT paths transform the finite values and
// then set the outputs each non-finite value touches from the non-finite terms alone, or sum
// directly when that would cost more, or when the values are large enough (≥ 2^1000 in
// product) that a transform could overflow.
//
// Convolve is safe for concurrent use. It allocates the result when dst.Data is nil, a copy
// of an input dst overlaps, and scratch: bands of extended rows of at most 2^21 elements
// for the direct sums, two transform buffers (pooled) for the FFT methods; FFT tables are
// cached per transform size.
func Convolve(dst, in, kernel Matrix, o Options) Matrix {
	return run(dst, in, kernel, o, false)
}

// Correlate returns the 2-D cross-correlation of in with kernel,
//
//	out(m, n) = Σ_{a,b} kernel(a, b) · E(m + r0 + a, n + c0 + b),
//
// exactly scipy.signal.correlate2d(in, kernel, mode, boundary, fillvalue): Full mode starts
// at (−(kr−1), −(kc−1)), Same at (−((kr−1)/2), −((kc−1)/2)) (so for even kernel sizes
// Correlate is not Convolve with the flipped kernel: scipy centres the two differently),
// and in Valid mode with a kernel larger than in, scipy correlates the swapped operands and
// reverses the result, which Correlate reproduces. dst, aliasing, empty operands, panics,
// methods, accuracy, NaN/Inf and allocation are as for Convolve.
func Correlate(dst, in, kernel Matrix, o Options) Matrix {
	return run(dst, in, kernel, o, true)
}

// job is the computation every method performs: out(m, n) = Σ_{a,b} k(a, b) ·
// ext(r0 + m + a, c0 + n + b), a valid correlation of the extended input with a contiguous
// kernel over the patch of the extension that starts at (r0, c0).
type job struct {
	ext    extension
	k      Matrix
	r0, c0 int
	out    Matrix
	// rev is set when k is the operand reversed: the direct sums then take the terms in
	// the reverse order of k, which is scipy's order, so that they round as scipy's do.
	rev bool
}

// patchRows and patchCols return the size of the patch of the extension the outputs read.
func (j *job) patchRows() int { return j.out.Rows + j.k.Rows - 1 }
func (j *job) patchCols() int { return j.out.Cols + j.k.Cols - 1 }

// run implements Convolve (corr false) and Correlate (corr true).
func run(dst, in, kernel Matrix, o Options, corr bool) Matrix {
	in.validate("in")
	kernel.validate("kernel")
	o.Boundary.check()
	rows, cols := OutputShape(in.Rows, in.Cols, kernel.Rows, kernel.Cols, o.Mode)
	dst = output(dst, rows, cols)
	if rows == 0 || cols == 0 {
		return dst
	}
	j := newJob(in, kernel, o, corr)
	if overlaps(dst, j.ext.src) {
		j.ext.src = j.ext.src.clone()
	}
	j.out = dst
	compute(&j)
	return dst
}

// newJob returns the job of Convolve (corr false) or Correlate (corr true); its out is not
// set. The kernel is always copied, so dst may alias it.
func newJob(in, kernel Matrix, o Options, corr bool) job {
	kr, kc := kernel.Rows, kernel.Cols
	if o.Mode == poly.Valid && validSwap(in.Rows, in.Cols, kr, kc) {
		// The kernel is the larger operand: nothing is extended. Correlation of the
		// swapped operands, reversed, is the valid correlation of both reversed.
		j := job{ext: extension{src: kernel}, k: in.flipped(), rev: true}
		if corr {
			j.ext.src = kernel.flipped()
		}
		return j
	}
	j := job{ext: extension{src: in, b: o.Boundary, fill: o.FillValue}, rev: !corr}
	j.r0, j.c0 = origin(in, kr, kc, o, corr)
	if corr {
		j.k = kernel.clone()
	} else {
		j.k = kernel.flipped()
	}
	return j
}

// origin returns the position of the extension that output (0, 0) reads with kernel
// element (0, 0) of the correlation kernel (the kernel itself for Correlate, reversed for
// Convolve), for a kr×kc kernel that is not larger than in in Valid mode. It panics if the
// outputs would need the extension of an empty input by anything but Fill.
func origin(in Matrix, kr, kc int, o Options, corr bool) (r0, c0 int) {
	switch o.Mode {
	case poly.Full:
		r0, c0 = -(kr - 1), -(kc - 1)
	case poly.Same:
		if corr {
			r0, c0 = -((kr - 1) >> 1), -((kc - 1) >> 1)
		} else {
			r0, c0 = (kr-1)>>1-(kr-1), (kc-1)>>1-(kc-1)
		}
	}
	if in.empty() && o.Boundary != Fill && kr > 0 && kc > 0 {
		panic("conv2d: cannot extend an empty input with boundary " + o.Boundary.String())
	}
	return r0, c0
}
