package exact

import "math/big"

// karatsubaThreshold is the operand length below which Karatsuba's recursion falls back to
// the quadratic loop, and below which karatsubaCost rules Karatsuba out. It is set by hand:
// TestCalibrate (calibrate_test.go) prints Karatsuba's times beside the other methods but does
// not measure this threshold.
var karatsubaThreshold = 16

// karatsuba returns x·y (entries non-nil) in newly allocated big.Ints, by Karatsuba's method at
// the polynomial level: with x = x0 + x1·t^m and y = y0 + y1·t^m,
// x·y = x0y0 + ((x0+x1)(y0+y1) − x0y0 − x1y1)·t^m + x1y1·t^2m.
// Unbalanced operands are cut into pieces of the shorter length.
func karatsuba(x, y []*big.Int) []*big.Int {
	z := newInts(len(x) + len(y) - 1)
	karaAdd(z, x, y, new(big.Int))
	return z
}

// karaAdd adds x·y to z[:len(x)+len(y)-1]; t is scratch.
func karaAdd(z, x, y []*big.Int, t *big.Int) {
	if len(x) < len(y) {
		x, y = y, x
	}
	ny := len(y)
	if ny < max(karatsubaThreshold, 2) {
		schoolbookAdd(z, x, y, t)
		return
	}
	m := (len(x) + 1) / 2
	if ny <= m {
		// Unbalanced: cut x into pieces of length ny.
		for off := 0; off < len(x); off += ny {
			karaAdd(z[off:], x[off:min(off+ny, len(x))], y, t)
		}
		return
	}
	x0, x1, y0, y1 := x[:m], x[m:], y[:m], y[m:]
	p0 := karatsuba(x0, y0)
	p2 := karatsuba(x1, y1)
	sx := addPad(x0, x1)
	sy := addPad(y0, y1)
	p1 := karatsuba(sx, sy)
	for i, c := range p0 {
		p1[i].Sub(p1[i], c)
		z[i].Add(z[i], c)
	}
	for i, c := range p2 {
		p1[i].Sub(p1[i], c)
		z[i+2*m].Add(z[i+2*m], c)
	}
	for i, c := range p1 {
		if i+m < len(z) {
			z[i+m].Add(z[i+m], c)
		}
	}
}

// addPad returns a + b in new big.Ints, len(a) >= len(b).
func addPad(a, b []*big.Int) []*big.Int {
	s := newInts(len(a))
	for i := range a {
		if i < len(b) {
			s[i].Add(a[i], b[i])
		} else {
			s[i].Set(a[i])
		}
	}
	return s
}
