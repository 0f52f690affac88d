package ntt

import "math/bits"

// Radix-4 kernels and the depth-first drivers of the transforms.
//
// Twiddle layout: tw holds pairs (w, ⌊w·2^64/p⌋); pair g is the twiddle of block g of every
// level (see Plan.tw), so the children of block g are blocks 2g and 2g+1 of the next level.
// A radix-4 step on a block g of size 4q does level ℓ with pair g on the quarter pairs
// (0,2), (1,3), then level ℓ+1 with pairs 2g on (0,1) and 2g+1 on (2,3).
//
// Ranges (Harvey): forward kernels take and return values in [0, 4p); inverse kernels take
// and return values in [0, 2p).

// blockLog is log2 of the block size (in words) below which the drivers switch from
// depth-first recursion to level-by-level iteration within the block; a block should fit in
// L2 together with the matching block of the other operand.
var blockLog uint = 13

// The kernels below repeat two butterflies, with w·y by mulShoup in [0, 2p):
//
//	forward, x, y in [0, 4p) → [0, 4p):  x' = csub(x, 2p) + w·y,  y' = csub(x, 2p) − w·y + 2p
//	inverse, x, y in [0, 2p) → [0, 2p):  x' = csub(x + y, 2p),    y' = w·(x − y + 2p)
//
// Each kernel writes them out: the compiler does not inline a radix-4 butterfly (two levels
// on four values) as a function, and a call per butterfly costs 20–30%. fwd4 and fwdLast2
// (inv4 and invFirst2) differ only in how they index the quarters, which is worth 60% at
// q = 1. Where a kernel spells mulShoup out with bits.Mul64, it compiles to fewer
// instructions that way.

// fwd2 does one forward level on the halves x, y of a block with twiddle (w, wq).
func fwd2(x, y []uint64, w, wq, p uint64) {
	p2 := 2 * p
	y = y[:len(x)]
	for j := range x {
		u := csub(x[j], p2)
		t := mulShoup(y[j], w, wq, p)
		x[j], y[j] = u+t, u-t+p2
	}
}

// inv2 does one inverse level on the halves x, y of a block with twiddle (w, wq).
func inv2(x, y []uint64, w, wq, p uint64) {
	p2 := 2 * p
	y = y[:len(x)]
	for j := range x {
		u, v := x[j], y[j]
		x[j], y[j] = csub(u+v, p2), mulShoup(u-v+p2, w, wq, p)
	}
}

// fwd4 does a forward radix-4 step on the consecutive blocks of size 4q of a; block i uses
// pair i of t1 and pairs 2i, 2i+1 of t2. q ≥ 1.
func fwd4(a []uint64, q int, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
	if len(a) >= 4*q && len(t1) >= 2 && len(t2) >= 4 && t1[0] == 1 {
		// Block 0 of its level: its twiddles are 1, 1 and ω_4.
		fwd4One(a[:4*q], q, t2[2], t2[3], p)
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
	for len(a) >= 4*q && len(t1) >= 2 && len(t2) >= 4 {
		w1, w1q := t1[0], t1[1]
		w2, w2q, w3, w3q := t2[0], t2[1], t2[2], t2[3]
		a0, a1, a2, a3 := quarters(a, q)
		for j := range a0 {
			// Level ℓ (twiddle w1) on the quarters (0, 2) and (1, 3).
			x0, x1 := csub(a0[j], p2), csub(a1[j], p2)
			s2, s3 := mulShoup(a2[j], w1, w1q, p), mulShoup(a3[j], w1, w1q, p)
			y0, y2 := csub(x0+s2, p2), csub(x0-s2+p2, p2)
			y1, y3 := x1+s3, x1-s3+p2
			// Level ℓ+1: w2 on (0, 1), w3 on (2, 3).
			s1, s3 := mulShoup(y1, w2, w2q, p), mulShoup(y3, w3, w3q, p)
			a0[j], a1[j] = y0+s1, y0-s1+p2
			a2[j], a3[j] = y2+s3, y2-s3+p2
		}
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
}

// inv4 does an inverse radix-4 step on the consecutive blocks of size 4q of a (the inverse
// of fwd4 up to a factor 4), with the inverse twiddles laid out as for fwd4.
func inv4(a []uint64, q int, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
	if len(a) >= 4*q && len(t1) >= 2 && len(t2) >= 4 && t1[0] == 1 {
		inv4One(a[:4*q], q, t2[2], t2[3], p)
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
	for len(a) >= 4*q && len(t1) >= 2 && len(t2) >= 4 {
		w1, w1q := t1[0], t1[1]
		w2, w2q, w3, w3q := t2[0], t2[1], t2[2], t2[3]
		a0, a1, a2, a3 := quarters(a, q)
		for j := range a0 {
			x0, x1, x2, x3 := a0[j], a1[j], a2[j], a3[j]
			// Level ℓ+1: w2 on (0, 1), w3 on (2, 3).
			y0, y1 := csub(x0+x1, p2), mulShoup(x0-x1+p2, w2, w2q, p)
			y2, y3 := csub(x2+x3, p2), mulShoup(x2-x3+p2, w3, w3q, p)
			// Level ℓ (twiddle w1) on (0, 2) and (1, 3).
			a0[j], a2[j] = csub(y0+y2, p2), mulShoup(y0-y2+p2, w1, w1q, p)
			a1[j], a3[j] = csub(y1+y3, p2), mulShoup(y1-y3+p2, w1, w1q, p)
		}
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
}

// csub returns x − m if x ≥ m, else x: it maps [0, 2m) to [0, m) (the kernels pass m = 2p to
// map [0, 4p) to [0, 2p)).
func csub(x, m uint64) uint64 {
	if x >= m {
		x -= m
	}
	return x
}

// quarters returns the four quarters of length q of a[:4q], sliced so that indexing all four
// with one index checks bounds once.
func quarters(a []uint64, q int) (a0, a1, a2, a3 []uint64) {
	a0 = a[:q:q]
	a1 = a[q : 2*q : 2*q]
	a2 = a[2*q : 3*q : 3*q]
	a3 = a[3*q : 4*q : 4*q]
	return a0, a1[:len(a0)], a2[:len(a0)], a3[:len(a0)]
}

// fwd4One is fwd4 on one block of size 4q whose twiddles are 1 (level ℓ), 1 and (w3, w3q)
// (level ℓ+1): block 0 of a level, where three of the four multiplications vanish.
func fwd4One(a []uint64, q int, w3, w3q, p uint64) {
	p2 := 2 * p
	a0, a1, a2, a3 := quarters(a, q)
	for j := range a0 {
		x0, x1 := csub(a0[j], p2), csub(a1[j], p2)
		x2, x3 := csub(a2[j], p2), csub(a3[j], p2)
		y0 := csub(x0+x2, p2)
		y1 := csub(x1+x3, p2)
		y2 := csub(x0-x2+p2, p2)
		y3 := x1 - x3 + p2
		a0[j] = y0 + y1
		a1[j] = y0 - y1 + p2
		h3, _ := bits.Mul64(y3, w3q)
		t3 := y3*w3 - h3*p
		a2[j] = y2 + t3
		a3[j] = y2 - t3 + p2
	}
}

// inv4One is inv4 on one block of size 4q whose twiddles are 1, 1 and (w3, w3q).
func inv4One(a []uint64, q int, w3, w3q, p uint64) {
	p2 := 2 * p
	a0, a1, a2, a3 := quarters(a, q)
	for j := range a0 {
		x0, x1, x2, x3 := a0[j], a1[j], a2[j], a3[j]
		y0 := csub(x0+x1, p2)
		y1 := csub(x0-x1+p2, p2)
		y2 := csub(x2+x3, p2)
		u3 := x2 - x3 + p2
		h3, _ := bits.Mul64(u3, w3q)
		y3 := u3*w3 - h3*p
		a0[j] = csub(y0+y2, p2)
		a1[j] = csub(y1+y3, p2)
		a2[j] = csub(y0-y2+p2, p2)
		a3[j] = csub(y1-y3+p2, p2)
	}
}

// fwdLast2 does the last two forward levels on consecutive blocks of 4 (fwd4 with q = 1).
func fwdLast2(a []uint64, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
	for len(a) >= 4 && len(t1) >= 2 && len(t2) >= 4 {
		w1, w1q := t1[0], t1[1]
		x0, x1, x2, x3 := csub(a[0], p2), csub(a[1], p2), a[2], a[3]
		h2, _ := bits.Mul64(x2, w1q)
		h3, _ := bits.Mul64(x3, w1q)
		s2 := x2*w1 - h2*p
		s3 := x3*w1 - h3*p
		y0 := csub(x0+s2, p2)
		y2 := csub(x0-s2+p2, p2)
		y1 := x1 + s3
		y3 := x1 - s3 + p2
		h1, _ := bits.Mul64(y1, t2[1])
		h3, _ = bits.Mul64(y3, t2[3])
		s1 := y1*t2[0] - h1*p
		s3 = y3*t2[2] - h3*p
		a[0] = y0 + s1
		a[1] = y0 - s1 + p2
		a[2] = y2 + s3
		a[3] = y2 - s3 + p2
		a, t1, t2 = a[4:], t1[2:], t2[4:]
	}
}

// invFirst2 does the first two inverse levels on consecutive blocks of 4 (inv4, q = 1).
// (Its reductions are written out: through csub the loop compiles to 1% more instructions.)
func invFirst2(a []uint64, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
	for len(a) >= 4 && len(t1) >= 2 && len(t2) >= 4 {
		x0, x1, x2, x3 := a[0], a[1], a[2], a[3]
		y0 := x0 + x1
		y2 := x2 + x3
		if y0 >= p2 {
			y0 -= p2
		}
		if y2 >= p2 {
			y2 -= p2
		}
		u1 := x0 - x1 + p2
		u3 := x2 - x3 + p2
		h1, _ := bits.Mul64(u1, t2[1])
		h3, _ := bits.Mul64(u3, t2[3])
		y1 := u1*t2[0] - h1*p
		y3 := u3*t2[2] - h3*p
		z0 := y0 + y2
		z1 := y1 + y3
		if z0 >= p2 {
			z0 -= p2
		}
		if z1 >= p2 {
			z1 -= p2
		}
		w1, w1q := t1[0], t1[1]
		v2 := y0 - y2 + p2
		v3 := y1 - y3 + p2
		h2, _ := bits.Mul64(v2, w1q)
		h3, _ = bits.Mul64(v3, w1q)
		a[0] = z0
		a[1] = z1
		a[2] = v2*w1 - h2*p
		a[3] = v3*w1 - h3*p
		a, t1, t2 = a[4:], t1[2:], t2[4:]
	}
}

// mredLazy returns a·b·2^−64 mod p in [0, 2p) for a·b < p·2^64 (Montgomery), given
// pinv = p^−1 mod 2^64.
func mredLazy(a, b, p, pinv uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	mh, _ := bits.Mul64(lo*pinv, p)
	return hi - mh + p
}

// fusedMid does, on consecutive blocks of 4 of b and a, the last two forward levels of
// both and the pointwise Montgomery product (a == nil squares b), then the first two inverse
// levels, leaving the result in b. Inputs are in [0, 4p); results in [0, 2p), scaled by
// 2^−64. ft1/ft2 are forward twiddles and it1/it2 inverse twiddles laid out as for fwd4.
// (Fusing the inverse levels into the same loop too saves nothing measurable.)
func fusedMid(b, a []uint64, ft1, ft2, it1, it2 []uint64, p, pinv uint64) {
	sq := a == nil
	if sq {
		a = b
	}
	for bl := b; len(bl) >= 4 && len(a) >= 4 && len(ft1) >= 2 && len(ft2) >= 4; {
		w1, w1q, w2, w2q, w3, w3q := ft1[0], ft1[1], ft2[0], ft2[1], ft2[2], ft2[3]
		f0, f1, f2, f3 := fwdQuad(bl[0], bl[1], bl[2], bl[3], w1, w1q, w2, w2q, w3, w3q, p)
		g0, g1, g2, g3 := f0, f1, f2, f3
		if !sq {
			g0, g1, g2, g3 = fwdQuad(a[0], a[1], a[2], a[3], w1, w1q, w2, w2q, w3, w3q, p)
		}
		bl[0], bl[1] = mredLazy(f0, g0, p, pinv), mredLazy(f1, g1, p, pinv)
		bl[2], bl[3] = mredLazy(f2, g2, p, pinv), mredLazy(f3, g3, p, pinv)
		bl, a, ft1, ft2 = bl[4:], a[4:], ft1[2:], ft2[4:]
	}
	invFirst2(b, it1, it2, p)
}

// fwdQuad returns the last two forward levels of one block of 4 (inputs in [0, 4p)),
// reduced into [0, 2p) for mredLazy: fwdLast2 on values instead of memory. (fwdLast2 does not
// call it: a call per block costs it 20%.)
func fwdQuad(x0, x1, x2, x3, w1, w1q, w2, w2q, w3, w3q, p uint64) (f0, f1, f2, f3 uint64) {
	p2 := 2 * p
	x0, x1 = csub(x0, p2), csub(x1, p2)
	h2, _ := bits.Mul64(x2, w1q)
	h3, _ := bits.Mul64(x3, w1q)
	s2 := x2*w1 - h2*p
	s3 := x3*w1 - h3*p
	y0 := csub(x0+s2, p2)
	y2 := csub(x0-s2+p2, p2)
	y1 := x1 + s3
	y3 := x1 - s3 + p2
	h1, _ := bits.Mul64(y1, w2q)
	h3, _ = bits.Mul64(y3, w3q)
	s1 := y1*w2 - h1*p
	s3 = y3*w3 - h3*p
	// y0, y2 < 2p and s1, s3 < 2p: the sums are below 4p, the differences in (0, 4p).
	return csub(y0+s1, p2), csub(y0-s1+p2, p2), csub(y2+s3, p2), csub(y2-s3+p2, p2)
}

// stepPairs returns the twiddles t1, t2 of a radix-4 step on the 2^r sub-blocks of block g
// (laid out as fwd4 takes them): the pairs g·2^r … (g+1)·2^r − 1 and their children.
func stepPairs(tw []uint64, g, r int) (t1, t2 []uint64) {
	g0, g1 := g<<r, (g+1)<<r
	return tw[2*g0 : 2*g1], tw[4*g0 : 4*g1]
}

// leaf reports whether the drivers do a block of length s level by level instead of
// splitting it.
func leaf(s int) bool { return s <= 1<<blockLog || s < 16 }

// fwdBlockTop runs the first `levels` forward levels of block a (global index g).
func (pl *Plan) fwdBlockTop(a []uint64, g int, levels int) {
	p, tw := pl.m.p, pl.tw
	s := len(a)
	r := 0 // relative depth: 2^r sub-blocks
	if levels&1 == 1 {
		fwd2(a[:s/2], a[s/2:], tw[2*g], tw[2*g+1], p)
		r = 1
	}
	for ; r < levels; r += 2 {
		t1, t2 := stepPairs(tw, g, r)
		fwd4(a, s>>(r+2), t1, t2, p)
	}
}

// fwdBlock runs all remaining forward levels on block a (global index g at its level),
// level by level; len(a) ≥ 4.
func (pl *Plan) fwdBlock(a []uint64, g int) {
	r := bits.TrailingZeros(uint(len(a))) - 2 // relative depth of the blocks of 4
	pl.fwdBlockTop(a, g, r)
	t1, t2 := stepPairs(pl.tw, g, r)
	fwdLast2(a, t1, t2, pl.m.p)
}

// invBlock runs the inverse levels of block a (global index g), level by level, assuming
// the first two levels (the blocks of 4) are done if done2 is set.
func (pl *Plan) invBlock(a []uint64, g int, done2 bool) {
	p, tw := pl.m.p, pl.itw
	s := len(a)
	r := bits.TrailingZeros(uint(s)) - 2 // relative depth of the blocks of 4
	q := 1
	if done2 {
		r -= 2
		q = 4
	}
	for ; r >= 0; r -= 2 {
		t1, t2 := stepPairs(tw, g, r)
		if q == 1 {
			invFirst2(a, t1, t2, p)
		} else {
			inv4(a, q, t1, t2, p)
		}
		q *= 4
	}
	if r == -1 {
		inv2(a[:s/2], a[s/2:], tw[2*g], tw[2*g+1], p)
	}
}

// fwdRec runs the forward transform of block a (global index g) depth-first: radix-4 steps
// on the whole block while it is larger than the cache block, then recursion.
func (pl *Plan) fwdRec(a []uint64, g int) {
	if leaf(len(a)) {
		pl.fwdBlock(a, g)
		return
	}
	q := len(a) / 4
	t1, t2 := stepPairs(pl.tw, g, 0)
	fwd4(a, q, t1, t2, pl.m.p)
	for i := range 4 {
		pl.fwdRec(a[i*q:(i+1)*q], 4*g+i)
	}
}

// invRec runs the inverse transform of block a (global index g) depth-first.
func (pl *Plan) invRec(a []uint64, g int) {
	if leaf(len(a)) {
		pl.invBlock(a, g, false)
		return
	}
	q := len(a) / 4
	for i := range 4 {
		pl.invRec(a[i*q:(i+1)*q], 4*g+i)
	}
	t1, t2 := stepPairs(pl.itw, g, 0)
	inv4(a, q, t1, t2, pl.m.p)
}

// convRec computes, on block b (global index g), the forward transforms of b and of the
// matching block a (nil: square b), their pointwise Montgomery product and its inverse
// transform, depth-first, so that each cache block of both operands is transformed,
// multiplied and transformed back while it is in cache. a and b are in [0, 4p) on entry; on
// return b is in [0, 2p), scaled by 2^−64, and a is clobbered.
func (pl *Plan) convRec(b, a []uint64, g int) {
	p := pl.m.p
	if leaf(len(b)) {
		// The block's levels, except the last two, then the fused middle, then back up.
		r := bits.TrailingZeros(uint(len(b))) - 2 // relative depth of the blocks of 4
		pl.fwdBlockTop(b, g, r)
		if a != nil {
			pl.fwdBlockTop(a, g, r)
		}
		ft1, ft2 := stepPairs(pl.tw, g, r)
		it1, it2 := stepPairs(pl.itw, g, r)
		fusedMid(b, a, ft1, ft2, it1, it2, p, pl.m.pinvPos())
		pl.invBlock(b, g, true)
		return
	}
	q := len(b) / 4
	t1, t2 := stepPairs(pl.tw, g, 0)
	fwd4(b, q, t1, t2, p)
	if a != nil {
		fwd4(a, q, t1, t2, p)
	}
	for i := range 4 {
		var ai []uint64
		if a != nil {
			ai = a[i*q : (i+1)*q]
		}
		pl.convRec(b[i*q:(i+1)*q], ai, 4*g+i)
	}
	t1, t2 = stepPairs(pl.itw, g, 0)
	inv4(b, q, t1, t2, p)
}

// pinvPos returns p^−1 mod 2^64.
func (m Modulus) pinvPos() uint64 { return -m.pinv }
