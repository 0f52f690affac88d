package fft

import "math"

// This file holds the complex FFT behind the float convolution: an in-place mixed-radix
// (4, 2, 3, 5) transform of length M whose forward direction is decimation in frequency
// (natural order in, digit-reversed order out) and whose inverse is decimation in time
// (digit-reversed in, natural out). A convolution multiplies spectra pointwise, which does
// not care about order, so no reordering pass is ever made.
//
// Layout and recursion: the forward transform of a block of length L = r·s makes one radix-r
// pass (s butterflies reading a[j], a[j+s], …, a[j+(r−1)s], outputs multiplied by the
// twiddles w_L^{j·t}) and then transforms each of the r contiguous sub-blocks of length s.
// Blocks larger than Leaf are handled depth-first (each recursion level is one pass over
// memory), smaller ones breadth-first (all remaining passes run while the block stays in
// cache). Position t·s + pos_s(q) then holds frequency t + r·q.

// Leaf is the block length (complex values) below which the remaining passes of a
// transform are run breadth-first on a block that stays in cache.
var Leaf = 1 << 14

// level is one radix-r pass over blocks of length L = r·s.
type level struct {
	r, L, s int
	// tw[t−1][j] = w_L^{j·t} = exp(−2πi·j·t/L) for 1 ≤ t < r, 0 ≤ j < s (nil if s = 1).
	tw [][]complex128
}

// Plan is a complex transform of length n. It is immutable after NewPlan and safe for
// concurrent use.
type Plan struct {
	n      int
	levels []level
}

// Root returns exp(−2πi·k/n) for 0 ≤ k < n, computed from an angle in [0, π/4] by the
// symmetries of sine and cosine, so each part is within about one ulp of the true value.
func Root(k, n int) complex128 { return (*RootTable)(nil).Root(k, n) }

// RootTable holds exp(−2πi·k/n) for 0 ≤ k < n/2, n a multiple of 8, so that a plan's roots
// cost a lookup rather than a Sincos and several integer divisions each. Each octant is
// filled with the expression and the symmetry root uses for it, and root(k+n/2) is exactly
// −root(k), so the values are bit-identical to root's (TestRootTable checks this).
type RootTable struct {
	n    int
	half []complex128
}

// NewRootTable returns the table for n, or nil (roots computed one by one) if 8 ∤ n.
func NewRootTable(n int) *RootTable {
	if n%8 != 0 {
		return nil
	}
	e := n / 8
	h := make([]complex128, 4*e)
	for i := 0; i <= e; i++ {
		s, c := math.Sincos(math.Pi / 4 * float64(8*i) / float64(n))
		if i < e {
			h[i] = complex(c, -s)      // octant 0: θ = φ
			h[2*e+i] = complex(-s, -c) // octant 2: θ = π/2 + φ
		}
		if i > 0 {
			h[2*e-i] = complex(s, -c)  // octant 1: θ = π/2 − φ
			h[4*e-i] = complex(-c, -s) // octant 3: θ = π − φ
		}
	}
	return &RootTable{n: n, half: h}
}

// at returns exp(−2πi·k/t.n) for 0 ≤ k < t.n.
func (t *RootTable) at(k int) complex128 {
	if k < len(t.half) {
		return t.half[k]
	}
	return -t.half[k-len(t.half)]
}

// Root returns exp(−2πi·k/n) as the function root does, from the table when n divides t.n.
func (t *RootTable) Root(k, n int) complex128 {
	if t != nil && t.n%n == 0 {
		k %= n
		if k < 0 {
			k += n
		}
		return t.at(k * (t.n / n))
	}
	// Reduce k/n to the first octant.
	k %= n
	if k < 0 {
		k += n
	}
	// The octant is 8k / n and the remainder r = 8k mod n gives the angle (π/4)·r/n
	// within it.
	oct := 8 * k / n
	r := 8 * k % n
	// Odd octants are measured back from the end of the octant.
	if oct%2 == 1 {
		r = n - r
	}
	s, c := math.Sincos(math.Pi / 4 * float64(r) / float64(n))
	// (c, s) is cos/sin of the reduced angle φ; map to θ = 2πk/n.
	var cs, sn float64
	switch oct {
	case 0: // θ = φ
		cs, sn = c, s
	case 1: // θ = π/2 − φ
		cs, sn = s, c
	case 2: // θ = π/2 + φ
		cs, sn = -s, c
	case 3: // θ = π − φ
		cs, sn = -c, s
	case 4: // θ = π + φ
		cs, sn = -c, -s
	case 5: // θ = 3π/2 − φ
		cs, sn = -s, -c
	case 6: // θ = 3π/2 + φ
		cs, sn = s, -c
	default: // θ = 2π − φ
		cs, sn = c, -s
	}
	return complex(cs, -sn)
}

// Factor returns the radices of n (outermost first: 4s, then a 2, then 3s, then 5s), or
// nil if n < 1 or n has a prime factor other than 2, 3, 5.
func Factor(n int) []int {
	if n < 1 {
		return nil
	}
	rad := []int{}
	m := n
	twos := 0
	for m%2 == 0 {
		m /= 2
		twos++
	}
	for ; twos >= 2; twos -= 2 {
		rad = append(rad, 4)
	}
	if twos == 1 {
		rad = append(rad, 2)
	}
	for m%3 == 0 {
		m /= 3
		rad = append(rad, 3)
	}
	for m%5 == 0 {
		m /= 5
		rad = append(rad, 5)
	}
	if m != 1 {
		return nil
	}
	return rad
}

// NewPlan returns a plan for length n, which must be ≥ 1 with no prime factor above 5.
// Roots come from rt when it is not nil (see RootTable.root).
func NewPlan(n int, rt *RootTable) *Plan {
	rad := Factor(n)
	if rad == nil {
		panic("fft: internal error: FFT length not 5-smooth")
	}
	p := &Plan{n: n}
	L := n
	for _, r := range rad {
		s := L / r
		lv := level{r: r, L: L, s: s}
		if s > 1 {
			lv.tw = make([][]complex128, r-1)
			for t := 1; t < r; t++ {
				w := make([]complex128, s)
				for j := range w {
					w[j] = rt.Root(j*t, L)
				}
				lv.tw[t-1] = w
			}
		}
		p.levels = append(p.levels, lv)
		L = s
	}
	return p
}

// Len returns the transform length.
func (p *Plan) Len() int { return p.n }

// Freqs returns the frequency held at each position of a forward transform's output:
// position t·s + pos_s(q) of a block of length r·s holds frequency t + r·q.
func (f *Plan) Freqs() []int32 {
	freq := []int32{0}
	for l := len(f.levels) - 1; l >= 0; l-- {
		r := f.levels[l].r
		s := len(freq)
		next := make([]int32, r*s)
		for t := 0; t < r; t++ {
			for q, k := range freq {
				next[t*s+q] = int32(t + r*int(k))
			}
		}
		freq = next
	}
	return freq
}

// Partners returns, for each position of a forward transform's output, the position of
// the negated frequency (n − k) mod n. Built level by level like Freqs: with k = t + r·K
// (t the digit placed first), −k = r·(−K) if t = 0 and (r−t) + r·(−K−1) otherwise, and the
// digit-wise complement −k−1 = (r−1−t) + r·(−K−1).
func (f *Plan) Partners() []int32 {
	neg, cmp := []int32{0}, []int32{0}
	for l := len(f.levels) - 1; l >= 0; l-- {
		r := f.levels[l].r
		s := len(neg)
		nneg, ncmp := make([]int32, r*s), make([]int32, r*s)
		for t := 0; t < r; t++ {
			for q := range neg {
				if t == 0 {
					nneg[q] = neg[q]
				} else {
					nneg[t*s+q] = int32((r-t)*s) + cmp[q]
				}
				ncmp[t*s+q] = int32((r-1-t)*s) + cmp[q]
			}
		}
		neg, cmp = nneg, ncmp
	}
	return neg
}

// Forward replaces a (length p.Len()) by its unnormalised DFT Σ_j a[j]·exp(−2πi·jk/n), stored in
// digit-reversed order.
func (p *Plan) Forward(a []complex128) {
	if len(a) != p.n {
		panic("fft: internal error: FFT length mismatch")
	}
	p.dif(a, 0)
}

// Inverse replaces a (digit-reversed, as Forward leaves it) by its unnormalised inverse DFT
// Σ_k a[k]·exp(+2πi·jk/n) in natural order, so Inverse(Forward(a)) = n·a.
func (p *Plan) Inverse(a []complex128) {
	if len(a) != p.n {
		panic("fft: internal error: FFT length mismatch")
	}
	p.dit(a, 0)
}

func (p *Plan) dif(a []complex128, l int) {
	if len(a) <= Leaf {
		for ; l < len(p.levels); l++ {
			p.levels[l].dif(a)
		}
		return
	}
	lv := &p.levels[l]
	lv.dif(a)
	for t := 0; t < lv.r; t++ {
		p.dif(a[t*lv.s:(t+1)*lv.s], l+1)
	}
}

func (p *Plan) dit(a []complex128, l int) {
	if len(a) <= Leaf {
		for k := len(p.levels) - 1; k >= l; k-- {
			p.levels[k].dit(a)
		}
		return
	}
	lv := &p.levels[l]
	for t := 0; t < lv.r; t++ {
		p.dit(a[t*lv.s:(t+1)*lv.s], l+1)
	}
	lv.dit(a)
}

// mulNegI returns −i·z.
func mulNegI(z complex128) complex128 { return complex(imag(z), -real(z)) }

// mulI returns i·z.
func mulI(z complex128) complex128 { return complex(-imag(z), real(z)) }

// Radix-3 and radix-5 butterfly constants.
var (
	sin60 = math.Sqrt(3) / 2
	cos72 = math.Cos(2 * math.Pi / 5)
	cos36 = math.Cos(math.Pi / 5) // −cos(4π/5)
	sin72 = math.Sin(2 * math.Pi / 5)
	sin36 = math.Sin(math.Pi / 5) // sin(4π/5)
)

// dif runs this level's forward pass on every block of length lv.L in a.
func (lv *level) dif(a []complex128) {
	s, L := lv.s, lv.L
	switch lv.r {
	case 4:
		if s == 1 {
			dft4s(a, false)
			return
		}
		for b := 0; b < len(a); b += L {
			a0, a1, a2, a3 := part(a, b, s, 0), part(a, b, s, 1), part(a, b, s, 2), part(a, b, s, 3)
			w1, w2, w3 := lv.tw[0][:s], lv.tw[1][:s], lv.tw[2][:s]
			if radix4Tw(a0, a1, a2, a3, w1, w2, w3, false) {
				continue
			}
			for j := range a0 {
				x0, x1, x2, x3 := a0[j], a1[j], a2[j], a3[j]
				b0, b1 := x0+x2, x0-x2
				b2, b3 := x1+x3, mulNegI(x1-x3)
				a0[j] = b0 + b2
				a1[j] = (b1 + b3) * w1[j]
				a2[j] = (b0 - b2) * w2[j]
				a3[j] = (b1 - b3) * w3[j]
			}
		}
	case 2:
		if s == 1 {
			dft2s(a)
			return
		}
		for b := 0; b < len(a); b += L {
			a0, a1, w1 := part(a, b, s, 0), part(a, b, s, 1), lv.tw[0][:s]
			for j := range a0 {
				x0, x1 := a0[j], a1[j]
				a0[j] = x0 + x1
				a1[j] = (x0 - x1) * w1[j]
			}
		}
	case 3:
		for b := 0; b < len(a); b += L {
			a0, a1, a2 := part(a, b, s, 0), part(a, b, s, 1), part(a, b, s, 2)
			for j := range a0 {
				x0, x1, x2 := a0[j], a1[j], a2[j]
				t0 := x1 + x2
				t1 := x0 - sc(0.5, t0)
				t2 := mulNegI(sc(sin60, x1-x2))
				a0[j] = x0 + t0
				y1, y2 := t1+t2, t1-t2
				if s > 1 {
					y1 *= lv.tw[0][j]
					y2 *= lv.tw[1][j]
				}
				a1[j], a2[j] = y1, y2
			}
		}
	case 5:
		for b := 0; b < len(a); b += L {
			a0, a1, a2, a3, a4 := part(a, b, s, 0), part(a, b, s, 1), part(a, b, s, 2), part(a, b, s, 3), part(a, b, s, 4)
			for j := range a0 {
				// The length-5 DFT with root exp(−2πi/5), written out here and in dit (a helper
				// function would not be inlined).
				x0, x1, x2, x3, x4 := a0[j], a1[j], a2[j], a3[j], a4[j]
				b1, b2, d1, d2 := x1+x4, x2+x3, x1-x4, x2-x3
				t1 := x0 + sc(cos72, b1) - sc(cos36, b2)
				t2 := x0 - sc(cos36, b1) + sc(cos72, b2)
				u1 := mulNegI(sc(sin72, d1) + sc(sin36, d2))
				u2 := mulNegI(sc(sin36, d1) - sc(sin72, d2))
				a0[j] = x0 + b1 + b2
				y1, y2, y3, y4 := t1+u1, t2+u2, t2-u2, t1-u1
				if s > 1 {
					y1 *= lv.tw[0][j]
					y2 *= lv.tw[1][j]
					y3 *= lv.tw[2][j]
					y4 *= lv.tw[3][j]
				}
				a1[j], a2[j], a3[j], a4[j] = y1, y2, y3, y4
			}
		}
	}
}

// dit runs the inverse of this level's forward pass (conjugate twiddles, then the conjugate
// butterfly) on every block of length lv.L in a.
func (lv *level) dit(a []complex128) {
	s, L := lv.s, lv.L
	switch lv.r {
	case 4:
		if s == 1 {
			dft4s(a, true)
			return
		}
		for b := 0; b < len(a); b += L {
			a0, a1, a2, a3 := part(a, b, s, 0), part(a, b, s, 1), part(a, b, s, 2), part(a, b, s, 3)
			w1, w2, w3 := lv.tw[0][:s], lv.tw[1][:s], lv.tw[2][:s]
			if radix4Tw(a0, a1, a2, a3, w1, w2, w3, true) {
				continue
			}
			for j := range a0 {
				x0 := a0[j]
				x1 := a1[j] * conj(w1[j])
				x2 := a2[j] * conj(w2[j])
				x3 := a3[j] * conj(w3[j])
				b0, b1 := x0+x2, x0-x2
				b2, b3 := x1+x3, mulI(x1-x3)
				a0[j] = b0 + b2
				a1[j] = b1 + b3
				a2[j] = b0 - b2
				a3[j] = b1 - b3
			}
		}
	case 2:
		if s == 1 {
			dft2s(a)
			return
		}
		for b := 0; b < len(a); b += L {
			a0, a1, w1 := part(a, b, s, 0), part(a, b, s, 1), lv.tw[0][:s]
			for j := range a0 {
				x0, x1 := a0[j], a1[j]*conj(w1[j])
				a0[j], a1[j] = x0+x1, x0-x1
			}
		}
	case 3:
		for b := 0; b < len(a); b += L {
			a0, a1, a2 := part(a, b, s, 0), part(a, b, s, 1), part(a, b, s, 2)
			for j := range a0 {
				x0, x1, x2 := a0[j], a1[j], a2[j]
				if s > 1 {
					x1 *= conj(lv.tw[0][j])
					x2 *= conj(lv.tw[1][j])
				}
				t0 := x1 + x2
				t1 := x0 - sc(0.5, t0)
				t2 := mulI(sc(sin60, x1-x2))
				a0[j], a1[j], a2[j] = x0+t0, t1+t2, t1-t2
			}
		}
	case 5:
		for b := 0; b < len(a); b += L {
			a0, a1, a2, a3, a4 := part(a, b, s, 0), part(a, b, s, 1), part(a, b, s, 2), part(a, b, s, 3), part(a, b, s, 4)
			for j := range a0 {
				x1, x2, x3, x4 := a1[j], a2[j], a3[j], a4[j]
				if s > 1 {
					x1 *= conj(lv.tw[0][j])
					x2 *= conj(lv.tw[1][j])
					x3 *= conj(lv.tw[2][j])
					x4 *= conj(lv.tw[3][j])
				}
				// The length-5 DFT with root exp(+2πi/5).
				x0 := a0[j]
				b1, b2, d1, d2 := x1+x4, x2+x3, x1-x4, x2-x3
				t1 := x0 + sc(cos72, b1) - sc(cos36, b2)
				t2 := x0 - sc(cos36, b1) + sc(cos72, b2)
				u1 := mulI(sc(sin72, d1) + sc(sin36, d2))
				u2 := mulI(sc(sin36, d1) - sc(sin72, d2))
				a0[j], a1[j], a2[j], a3[j], a4[j] = x0+b1+b2, t1+u1, t2+u2, t2-u2, t1-u1
			}
		}
	}
}

// part returns the t-th stretch of length s of the block of a starting at b.
func part(a []complex128, b, s, t int) []complex128 {
	return a[b+t*s:][:s:s]
}

// dft4s replaces each group of four consecutive values of a by its length-4 DFT with root
// −i, or +i if inv (the last radix-4 level, which needs no twiddles). The inverse DFT is
// the forward one with outputs 1 and 3 exchanged.
func dft4s(a []complex128, inv bool) {
	for b := 0; b+3 < len(a); b += 4 {
		q := a[b : b+4 : b+4]
		b0, b1 := q[0]+q[2], q[0]-q[2]
		b2, b3 := q[1]+q[3], mulNegI(q[1]-q[3])
		q[0], q[2] = b0+b2, b0-b2
		if inv {
			q[1], q[3] = b1-b3, b1+b3
		} else {
			q[1], q[3] = b1+b3, b1-b3
		}
	}
}

// dft2s replaces each pair of consecutive values of a by its length-2 DFT (sum and
// difference), the last radix-2 level in either direction.
func dft2s(a []complex128) {
	for b := 0; b+1 < len(a); b += 2 {
		x0, x1 := a[b], a[b+1]
		a[b], a[b+1] = x0+x1, x0-x1
	}
}

// conj returns the complex conjugate of z.
func conj(z complex128) complex128 { return complex(real(z), -imag(z)) }

// sc returns c·z for real c (two multiplications, where complex(c, 0)*z would take four).
func sc(c float64, z complex128) complex128 { return complex(c*real(z), c*imag(z)) }
