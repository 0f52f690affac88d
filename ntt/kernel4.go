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

// fwd2 does one forward level on the halves x, y of a block with twiddle (w, wq).
func fwd2(x, y []uint64, w, wq, p uint64) {
	p2 := 2 * p
	y = y[:len(x)]
	for j := range x {
		u := x[j]
		if u >= p2 {
			u -= p2
		}
		t := mulShoup(y[j], w, wq, p)
		x[j] = u + t
		y[j] = u - t + p2
	}
}

// inv2 does one inverse level on the halves x, y of a block with twiddle (w, wq).
func inv2(x, y []uint64, w, wq, p uint64) {
	p2 := 2 * p
	y = y[:len(x)]
	for j := range x {
		u, v := x[j], y[j]
		s := u + v
		if s >= p2 {
			s -= p2
		}
		x[j] = s
		y[j] = mulShoup(u-v+p2, w, wq, p)
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
		a0 := a[:q:q]
		a1 := a[q : 2*q : 2*q]
		a2 := a[2*q : 3*q : 3*q]
		a3 := a[3*q : 4*q : 4*q]
		a1 = a1[:len(a0)]
		a2 = a2[:len(a0)]
		a3 = a3[:len(a0)]
		for j := range a0 {
			x0, x1, x2, x3 := a0[j], a1[j], a2[j], a3[j]
			if x0 >= p2 {
				x0 -= p2
			}
			if x1 >= p2 {
				x1 -= p2
			}
			h2, _ := bits.Mul64(x2, w1q)
			h3, _ := bits.Mul64(x3, w1q)
			t2 := x2*w1 - h2*p
			t3 := x3*w1 - h3*p
			y0 := x0 + t2
			y2 := x0 - t2 + p2
			y1 := x1 + t3
			y3 := x1 - t3 + p2
			if y0 >= p2 {
				y0 -= p2
			}
			if y2 >= p2 {
				y2 -= p2
			}
			h1, _ := bits.Mul64(y1, w2q)
			h3, _ = bits.Mul64(y3, w3q)
			t1 := y1*w2 - h1*p
			t3 = y3*w3 - h3*p
			a0[j] = y0 + t1
			a1[j] = y0 - t1 + p2
			a2[j] = y2 + t3
			a3[j] = y2 - t3 + p2
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
		a0 := a[:q:q]
		a1 := a[q : 2*q : 2*q]
		a2 := a[2*q : 3*q : 3*q]
		a3 := a[3*q : 4*q : 4*q]
		a1 = a1[:len(a0)]
		a2 = a2[:len(a0)]
		a3 = a3[:len(a0)]
		for j := range a0 {
			x0, x1, x2, x3 := a0[j], a1[j], a2[j], a3[j]
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
			h1, _ := bits.Mul64(u1, w2q)
			h3, _ := bits.Mul64(u3, w3q)
			y1 := u1*w2 - h1*p
			y3 := u3*w3 - h3*p
			z0 := y0 + y2
			z1 := y1 + y3
			if z0 >= p2 {
				z0 -= p2
			}
			if z1 >= p2 {
				z1 -= p2
			}
			v2 := y0 - y2 + p2
			v3 := y1 - y3 + p2
			h2, _ := bits.Mul64(v2, w1q)
			h3, _ = bits.Mul64(v3, w1q)
			a0[j] = z0
			a1[j] = z1
			a2[j] = v2*w1 - h2*p
			a3[j] = v3*w1 - h3*p
		}
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
}

// red2 maps x in [0, 4p) to [0, 2p), given p2 = 2p.
func red2(x, p2 uint64) uint64 {
	if x >= p2 {
		x -= p2
	}
	return x
}

// fwd4One is fwd4 on one block of size 4q whose twiddles are 1 (level ℓ), 1 and (w3, w3q)
// (level ℓ+1): block 0 of a level, where three of the four multiplications vanish.
func fwd4One(a []uint64, q int, w3, w3q, p uint64) {
	p2 := 2 * p
	a0 := a[:q:q]
	a1 := a[q : 2*q : 2*q]
	a2 := a[2*q : 3*q : 3*q]
	a3 := a[3*q : 4*q : 4*q]
	a1 = a1[:len(a0)]
	a2 = a2[:len(a0)]
	a3 = a3[:len(a0)]
	for j := range a0 {
		x0, x1 := red2(a0[j], p2), red2(a1[j], p2)
		x2, x3 := red2(a2[j], p2), red2(a3[j], p2)
		y0 := red2(x0+x2, p2)
		y1 := red2(x1+x3, p2)
		y2 := red2(x0-x2+p2, p2)
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
	a0 := a[:q:q]
	a1 := a[q : 2*q : 2*q]
	a2 := a[2*q : 3*q : 3*q]
	a3 := a[3*q : 4*q : 4*q]
	a1 = a1[:len(a0)]
	a2 = a2[:len(a0)]
	a3 = a3[:len(a0)]
	for j := range a0 {
		x0, x1, x2, x3 := a0[j], a1[j], a2[j], a3[j]
		y0 := red2(x0+x1, p2)
		y1 := red2(x0-x1+p2, p2)
		y2 := red2(x2+x3, p2)
		u3 := x2 - x3 + p2
		h3, _ := bits.Mul64(u3, w3q)
		y3 := u3*w3 - h3*p
		a0[j] = red2(y0+y2, p2)
		a1[j] = red2(y1+y3, p2)
		a2[j] = red2(y0-y2+p2, p2)
		a3[j] = red2(y1-y3+p2, p2)
	}
}

// fwdLast2 does the last two forward levels on consecutive blocks of 4 (fwd4 with q = 1).
func fwdLast2(a []uint64, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
	for len(a) >= 4 && len(t1) >= 2 && len(t2) >= 4 {
		w1, w1q := t1[0], t1[1]
		x0, x1, x2, x3 := a[0], a[1], a[2], a[3]
		if x0 >= p2 {
			x0 -= p2
		}
		if x1 >= p2 {
			x1 -= p2
		}
		h2, _ := bits.Mul64(x2, w1q)
		h3, _ := bits.Mul64(x3, w1q)
		s2 := x2*w1 - h2*p
		s3 := x3*w1 - h3*p
		y0 := x0 + s2
		y2 := x0 - s2 + p2
		y1 := x1 + s3
		y3 := x1 - s3 + p2
		if y0 >= p2 {
			y0 -= p2
		}
		if y2 >= p2 {
			y2 -= p2
		}
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
// both, the pointwise Montgomery product (a == nil squares b), and the first two inverse
// levels, leaving the result in b. Inputs are in [0, 4p); results in [0, 2p), scaled by
// 2^−64. ft1/ft2 are forward twiddles and it1/it2 inverse twiddles laid out as for fwd4.
func fusedMid(b, a []uint64, ft1, ft2, it1, it2 []uint64, p, pinv uint64) {
	p2 := 2 * p
	sq := a == nil
	if sq {
		a = b
	}
	for len(b) >= 4 && len(a) >= 4 && len(ft1) >= 2 && len(ft2) >= 4 && len(it1) >= 2 && len(it2) >= 4 {
		w1, w1q := ft1[0], ft1[1]
		x0, x1, x2, x3 := b[0], b[1], b[2], b[3]
		if x0 >= p2 {
			x0 -= p2
		}
		if x1 >= p2 {
			x1 -= p2
		}
		h2, _ := bits.Mul64(x2, w1q)
		h3, _ := bits.Mul64(x3, w1q)
		s2 := x2*w1 - h2*p
		s3 := x3*w1 - h3*p
		y0 := x0 + s2
		y2 := x0 - s2 + p2
		y1 := x1 + s3
		y3 := x1 - s3 + p2
		if y0 >= p2 {
			y0 -= p2
		}
		if y2 >= p2 {
			y2 -= p2
		}
		h1, _ := bits.Mul64(y1, ft2[1])
		h3, _ = bits.Mul64(y3, ft2[3])
		s1 := y1*ft2[0] - h1*p
		s3 = y3*ft2[2] - h3*p
		// Outputs of the forward transform, in [0, 4p) (then [0, 2p) for the product).
		f0 := y0 + s1
		f1 := y0 - s1 + p2
		f2 := y2 + s3
		f3 := y2 - s3 + p2
		if f0 >= p2 {
			f0 -= p2
		}
		if f1 >= p2 {
			f1 -= p2
		}
		if f2 >= p2 {
			f2 -= p2
		}
		if f3 >= p2 {
			f3 -= p2
		}
		g0, g1, g2, g3 := f0, f1, f2, f3
		if !sq {
			g0, g1, g2, g3 = fwdQuad(a[0], a[1], a[2], a[3], w1, w1q, ft2[0], ft2[1], ft2[2], ft2[3], p)
		}
		x0 = mredLazy(f0, g0, p, pinv)
		x1 = mredLazy(f1, g1, p, pinv)
		x2 = mredLazy(f2, g2, p, pinv)
		x3 = mredLazy(f3, g3, p, pinv)
		// First two inverse levels.
		y0 = x0 + x1
		y2 = x2 + x3
		if y0 >= p2 {
			y0 -= p2
		}
		if y2 >= p2 {
			y2 -= p2
		}
		u1 := x0 - x1 + p2
		u3 := x2 - x3 + p2
		h1, _ = bits.Mul64(u1, it2[1])
		h3, _ = bits.Mul64(u3, it2[3])
		y1 = u1*it2[0] - h1*p
		y3 = u3*it2[2] - h3*p
		z0 := y0 + y2
		z1 := y1 + y3
		if z0 >= p2 {
			z0 -= p2
		}
		if z1 >= p2 {
			z1 -= p2
		}
		v2 := y0 - y2 + p2
		v3 := y1 - y3 + p2
		h2, _ = bits.Mul64(v2, it1[1])
		h3, _ = bits.Mul64(v3, it1[1])
		b[0] = z0
		b[1] = z1
		b[2] = v2*it1[0] - h2*p
		b[3] = v3*it1[0] - h3*p
		b, a = b[4:], a[4:]
		ft1, ft2, it1, it2 = ft1[2:], ft2[4:], it1[2:], it2[4:]
	}
}

// fwdQuad returns the last two forward levels of one block of 4 (inputs in [0, 4p)),
// reduced into [0, 2p).
func fwdQuad(x0, x1, x2, x3, w1, w1q, w2, w2q, w3, w3q, p uint64) (f0, f1, f2, f3 uint64) {
	p2 := 2 * p
	if x0 >= p2 {
		x0 -= p2
	}
	if x1 >= p2 {
		x1 -= p2
	}
	h2, _ := bits.Mul64(x2, w1q)
	h3, _ := bits.Mul64(x3, w1q)
	s2 := x2*w1 - h2*p
	s3 := x3*w1 - h3*p
	y0 := x0 + s2
	y2 := x0 - s2 + p2
	y1 := x1 + s3
	y3 := x1 - s3 + p2
	if y0 >= p2 {
		y0 -= p2
	}
	if y2 >= p2 {
		y2 -= p2
	}
	h1, _ := bits.Mul64(y1, w2q)
	h3, _ = bits.Mul64(y3, w3q)
	s1 := y1*w2 - h1*p
	s3 = y3*w3 - h3*p
	// y0, y2 < 2p and s1, s3 < 2p: the sums are below 4p, the differences in (0, 4p).
	f0 = y0 + s1
	f1 = y0 - s1 + p2
	f2 = y2 + s3
	f3 = y2 - s3 + p2
	if f0 >= p2 {
		f0 -= p2
	}
	if f1 >= p2 {
		f1 -= p2
	}
	if f2 >= p2 {
		f2 -= p2
	}
	if f3 >= p2 {
		f3 -= p2
	}
	return
}

// pairs returns the twiddle pairs g0 … g0+cnt−1 of tw.
func pairs(tw []uint64, g0, cnt int) []uint64 {
	return tw[2*g0 : 2*(g0+cnt)]
}

// fwdBlock runs all remaining forward levels on block a (global index g at its level),
// level by level; len(a) ≥ 4.
func (pl *Plan) fwdBlock(a []uint64, g int) {
	p, tw := pl.m.p, pl.tw
	s := len(a)
	r := 0 // relative depth: 2^r sub-blocks
	if bits.TrailingZeros(uint(s))&1 == 1 {
		fwd2(a[:s/2], a[s/2:], tw[2*g], tw[2*g+1], p)
		r = 1
	}
	for q := s >> (r + 2); q >= 1; q >>= 2 {
		g0 := g << r
		cnt := 1 << r
		if q == 1 {
			fwdLast2(a, pairs(tw, g0, cnt), pairs(tw, 2*g0, 2*cnt), p)
		} else {
			fwd4(a, q, pairs(tw, g0, cnt), pairs(tw, 2*g0, 2*cnt), p)
		}
		r += 2
	}
}

// invBlock runs the inverse levels of block a (global index g), level by level, assuming
// the first two levels (the blocks of 4) are done if done2 is set.
func (pl *Plan) invBlock(a []uint64, g int, done2 bool) {
	p, tw := pl.m.p, pl.itw
	s := len(a)
	lg := bits.TrailingZeros(uint(s))
	r := lg - 2 // relative depth of the blocks of 4
	q := 1
	if done2 {
		r -= 2
		q = 4
	}
	for ; r >= 0; r -= 2 {
		g0 := g << r
		cnt := 1 << r
		if q == 1 {
			invFirst2(a, pairs(tw, g0, cnt), pairs(tw, 2*g0, 2*cnt), p)
		} else {
			inv4(a, q, pairs(tw, g0, cnt), pairs(tw, 2*g0, 2*cnt), p)
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
	s := len(a)
	if s <= 1<<blockLog || s < 16 {
		pl.fwdBlock(a, g)
		return
	}
	q := s / 4
	fwd4(a, q, pairs(pl.tw, g, 1), pairs(pl.tw, 2*g, 2), pl.m.p)
	for i := range 4 {
		pl.fwdRec(a[i*q:(i+1)*q], 4*g+i)
	}
}

// invRec runs the inverse transform of block a (global index g) depth-first.
func (pl *Plan) invRec(a []uint64, g int) {
	s := len(a)
	if s <= 1<<blockLog || s < 16 {
		pl.invBlock(a, g, false)
		return
	}
	q := s / 4
	for i := range 4 {
		pl.invRec(a[i*q:(i+1)*q], 4*g+i)
	}
	inv4(a, q, pairs(pl.itw, g, 1), pairs(pl.itw, 2*g, 2), pl.m.p)
}

// convRec computes, on block b (global index g), the forward transforms of b and of the
// matching block a (nil: square b), their pointwise Montgomery product and its inverse
// transform, depth-first, so that each cache block of both operands is transformed,
// multiplied and transformed back while it is in cache. a and b are in [0, 4p) on entry; on
// return b is in [0, 2p), scaled by 2^−64, and a is clobbered.
func (pl *Plan) convRec(b, a []uint64, g int) {
	s := len(b)
	p := pl.m.p
	if s <= 1<<blockLog || s < 16 {
		// The block's levels, except the last two, then the fused middle, then back up.
		lg := bits.TrailingZeros(uint(s))
		if lg > 2 {
			pl.fwdBlockTop(b, g, lg-2)
			if a != nil {
				pl.fwdBlockTop(a, g, lg-2)
			}
		}
		r := lg - 2
		g0, cnt := g<<r, 1<<r
		fusedMid(b, a, pairs(pl.tw, g0, cnt), pairs(pl.tw, 2*g0, 2*cnt),
			pairs(pl.itw, g0, cnt), pairs(pl.itw, 2*g0, 2*cnt), p, pl.m.pinvPos())
		if lg > 2 {
			pl.invBlock(b, g, true)
		}
		return
	}
	q := s / 4
	fwd4(b, q, pairs(pl.tw, g, 1), pairs(pl.tw, 2*g, 2), p)
	if a != nil {
		fwd4(a, q, pairs(pl.tw, g, 1), pairs(pl.tw, 2*g, 2), p)
	}
	for i := range 4 {
		var ai []uint64
		if a != nil {
			ai = a[i*q : (i+1)*q]
		}
		pl.convRec(b[i*q:(i+1)*q], ai, 4*g+i)
	}
	inv4(b, q, pairs(pl.itw, g, 1), pairs(pl.itw, 2*g, 2), p)
}

// fwdBlockTop runs the first `levels` forward levels of block a (global index g).
func (pl *Plan) fwdBlockTop(a []uint64, g int, levels int) {
	p, tw := pl.m.p, pl.tw
	s := len(a)
	r := 0
	if levels&1 == 1 {
		fwd2(a[:s/2], a[s/2:], tw[2*g], tw[2*g+1], p)
		r = 1
	}
	for ; r < levels; r += 2 {
		q := s >> (r + 2)
		g0, cnt := g<<r, 1<<r
		fwd4(a, q, pairs(tw, g0, cnt), pairs(tw, 2*g0, 2*cnt), p)
	}
}

// pinvPos returns p^−1 mod 2^64.
func (m Modulus) pinvPos() uint64 { return -m.pinv }
