package fft

// This file transforms the columns of a row-major matrix: the same levels as Forward and
// Inverse, but every "element" is a stretch of a row, so each butterfly runs along the row
// with one twiddle, reading memory in order. Columns are taken in strips narrow enough that
// a strip of all the rows stays in cache while every level runs over it; the output order
// along the columns is the digit-reversed one of Forward, so Freqs and Partners describe it.
// This runs at 0.5–0.65 of the speed of as many contiguous transforms (BenchmarkForwardMulti,
// whose every sequence stays in L1 for all its levels); gathering the strip's columns into
// contiguous sequences for Forward, and copying strips to contiguous memory and recursing
// depth-first over them, both measured slower at 256×128, 1024×512 and 2048×1024.

// stripPoints is the number of complex values (rows × strip width) of one column strip.
var stripPoints = 1 << 15

// ForwardMulti replaces each column of the p.Len()×v row-major matrix a (element (j, c) at
// a[j*v+c], len(a) = p.Len()·v) by its unnormalised DFT, stored in the digit-reversed order
// of Forward. It panics if len(a) ≠ p.Len()·v.
func (p *Plan) ForwardMulti(a []complex128, v int) {
	p.multi(a, v, false)
}

// InverseMulti undoes ForwardMulti up to the factor p.Len(), as Inverse undoes Forward,
// column by column.
func (p *Plan) InverseMulti(a []complex128, v int) {
	p.multi(a, v, true)
}

func (p *Plan) multi(a []complex128, v int, inv bool) {
	if v < 0 || len(a) != p.n*v {
		panic("fft: internal error: FFT length mismatch")
	}
	w := max(8, stripPoints/p.n)
	for c0 := 0; c0 < v; c0 += w {
		m := strip{a: a, v: v, c0: c0, w: min(w, v-c0)}
		if inv {
			for l := len(p.levels) - 1; l >= 0; l-- {
				p.levels[l].multi(m, true)
			}
		} else {
			for l := range p.levels {
				p.levels[l].multi(m, false)
			}
		}
	}
}

// twiddles returns the twiddles w_L^{j·t} for t = 1 … r−1 (conjugated if inv), 1 for the
// unused ones and on a level without twiddles (s = 1).
func (lv *level) twiddles(j int, inv bool) (w1, w2, w3, w4 complex128) {
	w := [4]complex128{1, 1, 1, 1}
	if lv.s > 1 {
		for t := range lv.r - 1 {
			w[t] = lv.tw[t][j]
			if inv {
				w[t] = conj(w[t])
			}
		}
	}
	return w[0], w[1], w[2], w[3]
}

// strip is the columns c0 … c0+w−1 of a row-major matrix with v columns.
type strip struct {
	a        []complex128
	v, c0, w int
}

// row returns the part of row j in the strip.
func (m strip) row(j int) []complex128 {
	o := j*m.v + m.c0
	return m.a[o : o+m.w : o+m.w]
}

// multi runs this level's forward pass (inv false) or its inverse on the strip's columns.
func (lv *level) multi(m strip, inv bool) {
	s, L, n := lv.s, lv.L, len(m.a)/m.v
	for b := 0; b < n; b += L {
		for j := range s {
			w1, w2, w3, w4 := lv.twiddles(j, inv)
			switch lv.r {
			case 4:
				bfly4(m.row(b+j), m.row(b+j+s), m.row(b+j+2*s), m.row(b+j+3*s), w1, w2, w3, inv)
			case 2:
				bfly2(m.row(b+j), m.row(b+j+s), w1, inv)
			case 3:
				bfly3(m.row(b+j), m.row(b+j+s), m.row(b+j+2*s), w1, w2, inv)
			case 5:
				bfly5(m.row(b+j), m.row(b+j+s), m.row(b+j+2*s), m.row(b+j+3*s), m.row(b+j+4*s), w1, w2, w3, w4, inv)
			}
		}
	}
}

// bfly2 is bfly4's radix-2 counterpart (level.dif and level.dit's case 2).
func bfly2(a0, a1 []complex128, w1 complex128, inv bool) {
	a1 = a1[:len(a0)]
	if inv {
		for c, x0 := range a0 {
			x1 := a1[c] * w1
			a0[c], a1[c] = x0+x1, x0-x1
		}
		return
	}
	for c, x0 := range a0 {
		x1 := a1[c]
		a0[c], a1[c] = x0+x1, (x0-x1)*w1
	}
}

// bfly4Generic is bfly4 in Go: the radix-4 butterfly of level.dif (inv false: butterfly,
// then twiddles w1, w2, w3) or level.dit (inv true: the conjugate twiddles given as w1, w2,
// w3 first, then the conjugate butterfly) on each column of four row stretches of equal
// length.
func bfly4Generic(a0, a1, a2, a3 []complex128, w1, w2, w3 complex128, inv bool) {
	a1, a2, a3 = a1[:len(a0)], a2[:len(a0)], a3[:len(a0)]
	if inv {
		for c, x0 := range a0 {
			x1, x2, x3 := cmul(a1[c], w1), cmul(a2[c], w2), cmul(a3[c], w3)
			b0, b1 := x0+x2, x0-x2
			b2, b3 := x1+x3, mulI(x1-x3)
			a0[c], a1[c], a2[c], a3[c] = b0+b2, b1+b3, b0-b2, b1-b3
		}
		return
	}
	for c, x0 := range a0 {
		x1, x2, x3 := a1[c], a2[c], a3[c]
		b0, b1 := x0+x2, x0-x2
		b2, b3 := x1+x3, mulNegI(x1-x3)
		a0[c], a1[c], a2[c], a3[c] = b0+b2, cmul(b1+b3, w1), cmul(b0-b2, w2), cmul(b1-b3, w3)
	}
}

// cmul is the complex product a·b with each of its four real products rounded before the
// sum, as the AVX kernels compute it: the explicit conversions keep the compiler from fusing
// them into multiply-adds (which GOAMD64=v3 allows), so that bfly4Generic stays bit-identical
// to the assembly at every GOAMD64 level.
func cmul(a, b complex128) complex128 {
	rr, ii := float64(real(a)*real(b)), float64(imag(a)*imag(b))
	ri, ir := float64(real(a)*imag(b)), float64(imag(a)*real(b))
	return complex(rr-ii, ri+ir)
}

// bfly3 is bfly4's radix-3 counterpart (level.dif and level.dit's case 3).
func bfly3(a0, a1, a2 []complex128, w1, w2 complex128, inv bool) {
	a1, a2 = a1[:len(a0)], a2[:len(a0)]
	if inv {
		for c, x0 := range a0 {
			x1, x2 := a1[c]*w1, a2[c]*w2
			t0 := x1 + x2
			t1 := x0 - sc(0.5, t0)
			t2 := mulI(sc(sin60, x1-x2))
			a0[c], a1[c], a2[c] = x0+t0, t1+t2, t1-t2
		}
		return
	}
	for c, x0 := range a0 {
		x1, x2 := a1[c], a2[c]
		t0 := x1 + x2
		t1 := x0 - sc(0.5, t0)
		t2 := mulNegI(sc(sin60, x1-x2))
		a0[c], a1[c], a2[c] = x0+t0, (t1+t2)*w1, (t1-t2)*w2
	}
}

// bfly5 is bfly4's radix-5 counterpart (level.dif and level.dit's case 5).
func bfly5(a0, a1, a2, a3, a4 []complex128, w1, w2, w3, w4 complex128, inv bool) {
	a1, a2, a3, a4 = a1[:len(a0)], a2[:len(a0)], a3[:len(a0)], a4[:len(a0)]
	rot := mulNegI
	if inv {
		rot = mulI
	}
	for c, x0 := range a0 {
		x1, x2, x3, x4 := a1[c], a2[c], a3[c], a4[c]
		if inv {
			x1, x2, x3, x4 = x1*w1, x2*w2, x3*w3, x4*w4
		}
		b1, b2, d1, d2 := x1+x4, x2+x3, x1-x4, x2-x3
		t1 := x0 + sc(cos72, b1) - sc(cos36, b2)
		t2 := x0 - sc(cos36, b1) + sc(cos72, b2)
		u1 := rot(sc(sin72, d1) + sc(sin36, d2))
		u2 := rot(sc(sin36, d1) - sc(sin72, d2))
		y1, y2, y3, y4 := t1+u1, t2+u2, t2-u2, t1-u1
		if !inv {
			y1, y2, y3, y4 = y1*w1, y2*w2, y3*w3, y4*w4
		}
		a0[c], a1[c], a2[c], a3[c], a4[c] = x0+b1+b2, y1, y2, y3, y4
	}
}
