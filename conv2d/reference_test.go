package conv2d

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/poly"
)

// This file holds the slow references the tests check every method against. They follow
// scipy's C loop (pylab_convolve_2d) term by term, and fold out-of-range indices back by
// repeated reflection rather than by the modular arithmetic of Boundary.index, so that they
// share no code with the package.

// refIndex returns the source index of extension position i of a sequence of length n, or
// −1 for a Fill position.
func refIndex(b Boundary, i, n int) int {
	switch b {
	case Fill:
		if i < 0 || i >= n {
			return -1
		}
	case Wrap:
		for i < 0 {
			i += n
		}
		for i >= n {
			i -= n
		}
	case Symm:
		for i < 0 || i >= n {
			if i < 0 {
				i = -1 - i
			} else {
				i = 2*n - 1 - i
			}
		}
	case Nearest:
		i = min(max(i, 0), n-1)
	case Mirror:
		if n == 1 {
			return 0
		}
		for i < 0 || i >= n {
			if i < 0 {
				i = -i
			} else {
				i = 2*n - 2 - i
			}
		}
	}
	return i
}

// refConvolve2D is scipy.signal.convolve2d (corr false) or correlate2d (corr true) written
// as scipy computes it: the operands swapped in Valid mode when the kernel is larger (and,
// for correlation, the result reversed), and each output summed over the kernel rows and
// columns in order.
func refConvolve2D(in, k Matrix, o Options, corr bool) Matrix {
	if o.Mode == poly.Valid && !(in.Rows >= k.Rows && in.Cols >= k.Cols) {
		out := refConvolve2D(k, in, o, corr)
		if corr {
			return out.flipped()
		}
		return out
	}
	R, C, kr, kc := in.Rows, in.Cols, k.Rows, k.Cols
	var or, oc int
	switch o.Mode {
	case poly.Full:
		or, oc = max(R+kr-1, 0), max(C+kc-1, 0)
	case poly.Same:
		or, oc = R, C
	case poly.Valid:
		or, oc = R-kr+1, C-kc+1
	}
	out := NewMatrix(or, oc, nil)
	for m := range or {
		for n := range oc {
			var nm, nn int
			switch o.Mode {
			case poly.Full:
				nm, nn = m, n
				if corr {
					nm, nn = m-kr+1, n-kc+1
				}
			case poly.Same:
				nm, nn = m+(kr-1)/2, n+(kc-1)/2
				if corr {
					nm, nn = m-(kr-1)/2, n-(kc-1)/2
				}
			case poly.Valid:
				nm, nn = m+kr-1, n+kc-1
				if corr {
					nm, nn = m, n
				}
			}
			var sum float64
			for a := range kr {
				for b := range kc {
					i, j := nm-a, nn-b
					if corr {
						i, j = nm+a, nn+b
					}
					v := o.FillValue
					if ii, jj := refIndex(o.Boundary, i, R), refIndex(o.Boundary, j, C); ii >= 0 && jj >= 0 {
						v = in.At(ii, jj)
					}
					sum += v * k.At(a, b)
				}
			}
			out.Set(m, n, sum)
		}
	}
	return out
}

// randMatrix returns an r×c matrix of uniform values in [−1, 1), as a view with a random
// extra stride when view is set.
func randMatrix(rng *rand.Rand, r, c int, view bool) Matrix {
	stride := c
	if view {
		stride += rng.IntN(3)
	}
	m := Matrix{Rows: r, Cols: c, Stride: stride, Data: make([]float64, max(0, (r-1)*stride+c))}
	for i := range m.Data {
		m.Data[i] = 2*rng.Float64() - 1
	}
	return m
}

// randIntMatrix returns an r×c matrix of integers in [−lim, lim].
func randIntMatrix(rng *rand.Rand, r, c, lim int) Matrix {
	m := NewMatrix(r, c, nil)
	for i := range m.Data {
		m.Data[i] = float64(rng.IntN(2*lim+1) - lim)
	}
	return m
}

// maxAbs returns the largest magnitude of m's finite elements (at least 1e-300).
func maxAbs(m Matrix) float64 {
	s := 1e-300
	for i := range m.Rows {
		for _, v := range m.row(i) {
			if !math.IsInf(v, 0) && !math.IsNaN(v) {
				s = max(s, math.Abs(v))
			}
		}
	}
	return s
}

// checkMatrix fails the test unless got has want's shape and every element is within
// tol·scale of want's, scale the largest finite magnitude in want; NaN and ±Inf must match
// exactly. tol = 0 demands bit-identical values (with 0 = −0).
func checkMatrix(t *testing.T, want, got Matrix, tol float64, format string, args ...any) {
	t.Helper()
	if got.Rows != want.Rows || got.Cols != want.Cols {
		t.Fatalf(format+": shape %d×%d, want %d×%d", append(args, got.Rows, got.Cols, want.Rows, want.Cols)...)
	}
	scale := maxAbs(want)
	for i := range want.Rows {
		for j := range want.Cols {
			w, g := want.At(i, j), got.At(i, j)
			switch {
			case math.IsNaN(w) || math.IsNaN(g):
				if math.IsNaN(w) != math.IsNaN(g) {
					t.Fatalf(format+": (%d, %d) = %v, want %v", append(args, i, j, g, w)...)
				}
			case math.IsInf(w, 0) || math.IsInf(g, 0):
				if w != g {
					t.Fatalf(format+": (%d, %d) = %v, want %v", append(args, i, j, g, w)...)
				}
			case math.Abs(w-g) > tol*scale:
				t.Fatalf(format+": (%d, %d) = %v, want %v (error %.3g of scale %.3g)", append(args, i, j, g, w, math.Abs(w-g)/scale, scale)...)
			}
		}
	}
}

// refCorrelate1D is scipy.ndimage.correlate1d with origin 0: each line of m along axis
// (0: down the columns, 1: along the rows) correlated with w, output i reading the line's
// extension at i − len(w)/2 … i − len(w)/2 + len(w) − 1.
func refCorrelate1D(m Matrix, w []float64, axis int, b Boundary, cval float64) Matrix {
	out := NewMatrix(m.Rows, m.Cols, nil)
	for i := range m.Rows {
		for j := range m.Cols {
			var s float64
			for t, wt := range w {
				ii, jj, n := i, j, m.Cols
				if axis == 0 {
					ii, n = i-len(w)/2+t, m.Rows
				} else {
					jj = j - len(w)/2 + t
				}
				v := cval
				if axis == 0 {
					if k := refIndex(b, ii, n); k >= 0 {
						v = m.At(k, jj)
					}
				} else if k := refIndex(b, jj, n); k >= 0 {
					v = m.At(ii, k)
				}
				s += wt * v
			}
			out.Set(i, j, s)
		}
	}
	return out
}

// refUniform is the uniform filter as direct window sums, ndimage's definition for finite
// inputs and this package's for non-finite ones.
func refUniform(m Matrix, size int, b Boundary, cval float64) Matrix {
	w := make([]float64, size)
	for i := range w {
		w[i] = 1 / float64(size)
	}
	return refCorrelate1D(refCorrelate1D(m, w, 0, b, cval), w, 1, b, cval)
}
