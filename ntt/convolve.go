package ntt

import (
	"math/bits"
	"runtime"
	"sync"

	"github.com/polyconv/polyconv/internal/pool"
)

// schoolThreshold is the shorter operand length at or below which Convolve uses the
// schoolbook product instead of transforms. Measured (TestTuneSchool): transforms win from
// 32×32 on (1.6 µs against 1.8 µs) and lose at 24×24 (1.0 µs against 0.75 µs); with a long
// operand the crossover is also between 16 and 24.
var schoolThreshold = 24

// Convolve sets dst to the linear convolution of x and y modulo p, dst[k] = Σ_{i+j=k}
// x[i]·y[j] mod p, and returns dst. The result has length len(x)+len(y)−1, or 0 if either
// operand is empty. Entries of x and y may be any uint64: entries ≥ p are reduced mod p (they
// are never mis-multiplied). Results are in [0, p).
//
// If dst is nil a new slice is allocated; otherwise dst must have exactly the result length,
// and Convolve panics if it does not. dst may alias x or y (or both, or overlap them): the
// operands are read before dst is written. x and y may be the same slice, which computes a
// square with two transforms instead of three.
//
// Short operands use the schoolbook product; longer ones transforms of the next power of two
// N ≥ len(dst), or, when len(dst) is at most 37% above a power of two M, a cyclic product of
// length M plus a smaller product for the top coefficients. Besides dst, Convolve uses at
// most two transform-length scratch buffers (and, for the split product, one for the top
// coefficients' product; for an aliased schoolbook product, one of the result's length),
// drawn from a pool: repeated calls allocate nothing but, with two goroutines, a few words
// for the second one. From transform length
// 2^16 on, and when GOMAXPROCS > 1, the two independent halves of the work run on two
// goroutines. Convolve is safe for concurrent use. For a prime whose MaxLen is too small for
// the product, Convolve computes the exact integer product with the three largest [Primes]
// and reduces it mod p; that fallback allocates about five result-length buffers.
func (m Modulus) Convolve(dst, x, y []uint64) []uint64 {
	if m.p == 0 {
		panic("ntt: zero Modulus (use NewModulus)")
	}
	if len(x) == 0 || len(y) == 0 {
		if len(dst) != 0 {
			panic("ntt: len(dst) != len(x)+len(y)-1")
		}
		if dst == nil {
			dst = []uint64{}
		}
		return dst
	}
	l := len(x) + len(y) - 1
	if dst == nil {
		dst = make([]uint64, l)
	} else if len(dst) != l {
		panic("ntt: len(dst) != len(x)+len(y)-1")
	}
	if min(len(x), len(y)) <= schoolThreshold || l <= 2 {
		schoolbookAliasSafe(dst, x, y, m.p)
		return dst
	}
	n := 1 << bits.Len(uint(l-1))
	if n > m.MaxLen() {
		m.convolveCRT(dst, x, y)
		return dst
	}
	if r := l - n/2; n >= 64 && 100*r <= wrapPercent*(n/2) {
		m.convolveWrapped(dst, x, y, m.mustPlan(n/2))
		return dst
	}
	m.convolveNTT(dst, x, y, m.mustPlan(n))
	return dst
}

// wrapPercent bounds the overhang r = len(dst) − N past a power of two N for which
// Convolve uses a cyclic product of length N plus a smaller product for the top r
// coefficients, instead of doubling the transform to 2N: r ≤ N·wrapPercent/100. Measured
// (TestTuneWrap, N = 2^18): the split wins by 2× at small r, by 25% at r = N/4, and loses
// by 10% at r = N/2.
var wrapPercent = 37

// convolveWrapped computes the product (length l = N + r, 0 < r < N, N = pl.Len()) as the
// cyclic product c mod (X^N − 1) of length N, whose first r entries hold c_k + c_{N+k}, and
// the top r coefficients c_N … c_{l−1}, which depend only on the top r entries of x and of
// y and are computed by a smaller Convolve first (before dst, which may alias x or y, is
// written).
func (m Modulus) convolveWrapped(dst, x, y []uint64, pl *Plan) {
	nn := pl.n
	r := len(dst) - nn
	xt := x[max(0, len(x)-r):]
	yt := y[max(0, len(y)-r):]
	skip := (len(x) - len(xt)) + (len(y) - len(yt)) // index of xt[0]·yt[0] in c
	buf, c := getScratch(len(xt) + len(yt) - 1)
	defer putBuf(buf)
	top := m.Convolve(c, xt, yt)[nn-skip:] // c_N … c_{l−1}
	m.convolveNTT(dst[:nn], x, y, pl)      // cyclic: the operands are folded
	for k, v := range top {
		dst[k] = m.Sub(dst[k], v)
	}
	copy(dst[nn:], top)
}

// convolveNTT computes the product through transforms of length n = pl.Len() ≥ len(dst),
// n ≥ 4; if the product is longer than n, dst gets the cyclic product (the product mod
// X^n − 1, operands longer than n folded), of which len(dst) == n entries are written.
//
// When both operands fit in half the transform (the usual case, len(dst) > n/2), the first
// forward level is a copy (the upper half is zero and its twiddle is 1), so the operands are
// loaded twice and the transforms start at level 1; the scaling by n^−1 (and the Montgomery
// factor 2^64 of the pointwise product) is applied to x while loading it, so the last inverse
// level (twiddle 1) is multiplication-free and writes dst directly.
func (m Modulus) convolveNTT(dst, x, y []uint64, pl *Plan) {
	n := pl.n
	h := n / 2
	sq := len(x) == len(y) && &x[0] == &y[0]
	if len(x) < len(y) {
		x, y = y, x
	}
	bufA := getBuf(n)
	a := *bufA
	defer putBuf(bufA)
	if n < 16 {
		loadPadded(a, x, m)
		if sq {
			pl.convRec(a, nil, 0)
		} else {
			bufB := getBuf(n)
			b := *bufB
			loadPadded(b, y, m)
			pl.convRec(a, b, 0)
			putBuf(bufB)
		}
		scaleReduce(dst, a[:len(dst)], pl.mscale, pl.mscaleq, m.p)
		return
	}
	// The two halves (blocks 0 and 1 of level 1) are independent until the last level.
	var b []uint64
	if sq {
		b = a
	} else {
		bufB := getBuf(n)
		defer putBuf(bufB)
		b = *bufB
	}
	var s, sq2 uint64 // scaling left for the last level
	loaded := len(x) > h
	if loaded {
		// An operand fills more than half the transform (or is folded, for a cyclic
		// product): load both in full and do the first level (twiddle 1) here.
		loadPadded(a, x, m)
		fwdLevel0(a, m.p)
		if !sq {
			loadPadded(b, y, m)
			fwdLevel0(b, m.p)
		}
		s, sq2 = pl.mscale, pl.mscaleq
	} else if sq {
		s, sq2 = pl.mscale, pl.mscaleq
	}
	if n >= parallelThreshold && runtime.GOMAXPROCS(0) > 1 {
		// Each goroutine does one half, then (after both are done) half of the last level.
		var halves, tops sync.WaitGroup
		halves.Add(2)
		tops.Add(1)
		go func() {
			pl.convHalf(1, a, b, x, y, sq, loaded)
			halves.Done()
			halves.Wait()
			topInverse(dst, b, h/2, h, s, sq2, m.p)
			tops.Done()
		}()
		pl.convHalf(0, a, b, x, y, sq, loaded)
		halves.Done()
		halves.Wait()
		topInverse(dst, b, 0, h/2, s, sq2, m.p)
		tops.Wait()
		return
	}
	pl.convHalf(0, a, b, x, y, sq, loaded)
	pl.convHalf(1, a, b, x, y, sq, loaded)
	topInverse(dst, b, 0, h, s, sq2, m.p)
}

// convHalf runs, on half i (block i of level 1) of a and b, the transforms, pointwise
// product and inverse down to level 1 (b == a and only x when squaring). Unless loaded is
// set (the halves already hold level-1 data), it first loads the half from the operands: x
// scaled (see convolveNTT) into a and y into b, each zero-padded.
func (pl *Plan) convHalf(i int, a, b, x, y []uint64, sq, loaded bool) {
	m := pl.m
	h := pl.n / 2
	ai, bi := a[i*h:(i+1)*h], b[i*h:(i+1)*h]
	if loaded {
		if sq {
			pl.convRec(ai, nil, i)
		} else {
			pl.convRec(bi, ai, i)
		}
		return
	}
	if sq {
		loadPadded(ai, x, m)
		pl.convRec(ai, nil, i)
		return
	}
	loadScaled(ai, x, pl.mscale, pl.mscaleq, m.p)
	loadPadded(bi, y, m)
	pl.convRec(bi, ai, i)
}

// fwdLevel0 does the first forward level (twiddle 1) on a, whose entries are in [0, p):
// the results are in [0, 4p).
func fwdLevel0(a []uint64, p uint64) {
	h := len(a) / 2
	lo, hi := a[:h], a[h:]
	hi = hi[:len(lo)]
	for i, u := range lo {
		v := hi[i]
		lo[i] = u + v
		hi[i] = u - v + 2*p
	}
}

// parallelThreshold is the transform length from which Convolve runs the two independent
// halves of its transforms on two goroutines (when GOMAXPROCS > 1).
var parallelThreshold = 1 << 16

// loadScaled sets a to x·s mod p (in [0, 2p)), zero-padded, for any entries of x (len(x) ≤
// len(a)); sq is the Shoup constant of s.
func loadScaled(a, x []uint64, s, sq, p uint64) {
	lo := a[:len(x)]
	for i, v := range x {
		lo[i] = mulShoup(v, s, sq, p)
	}
	clear(a[len(x):])
}

// topInverse does the butterflies i ∈ [i0, i1) of the last inverse level (twiddle 1) on b
// (values in [0, 2p), halves of length h = len(b)/2): results i and h+i, reduced into
// [0, p), go to dst[i] and, if it exists, dst[h+i]; len(b)/2 ≤ len(dst) ≤ len(b). If s is
// non-zero the results are also multiplied by s (Shoup constant sq).
func topInverse(dst, b []uint64, i0, i1 int, s, sq, p uint64) {
	h := len(b) / 2
	lo, hi := b[i0:i1], b[h+i0:h+i1]
	d0 := dst[i0:i1]
	d1 := dst[min(len(dst), h+i0):min(len(dst), h+i1)]
	p2 := 2 * p
	hi = hi[:len(lo)]
	d0 = d0[:len(lo)]
	for i, u := range lo {
		v := hi[i]
		x, y := u+v, u-v+p2
		if s != 0 {
			x, y = mulShoup(x, s, sq, p), mulShoup(y, s, sq, p)
		} else {
			x, y = csub(x, p2), csub(y, p2)
		}
		d0[i] = csub(x, p)
		if i < len(d1) {
			d1[i] = csub(y, p)
		}
	}
}

// loadPadded sets a to x reduced mod p followed by zeros. If x is longer than a, it is
// folded: a[i] = Σ_k x[i + k·len(a)] mod p.
func loadPadded(a, x []uint64, m Modulus) {
	if len(x) > len(a) {
		loadPadded(a, x[:len(a)], m)
		for x = x[len(a):]; len(x) > 0; x = x[min(len(a), len(x)):] {
			c := x[:min(len(a), len(x))]
			for i, v := range c {
				a[i] = m.Add(a[i], m.Reduce(v))
			}
		}
		return
	}
	lo := a[:len(x)]
	p := m.p
	for i, v := range x {
		if v >= p {
			v %= p
		}
		lo[i] = v
	}
	clear(a[len(x):])
}

// schoolbookAliasSafe is schoolbook that tolerates dst overlapping x or y.
func schoolbookAliasSafe(dst, x, y []uint64, p uint64) {
	if alias(dst, x) || alias(dst, y) {
		buf, t := getScratch(len(dst))
		schoolbook(t, x, y, p)
		copy(dst, t)
		putBuf(buf)
		return
	}
	schoolbook(dst, x, y, p)
}

// schoolbook sets dst (length len(x)+len(y)−1, not overlapping x or y) to the product mod p.
// Entries may be any uint64: each coefficient is accumulated exactly in three words.
func schoolbook(dst, x, y []uint64, p uint64) {
	for k := range dst {
		lo := max(0, k-len(y)+1)
		hi := min(k, len(x)-1)
		var c2, c1, c0 uint64
		for i := lo; i <= hi; i++ {
			h, l := bits.Mul64(x[i], y[k-i])
			var cc uint64
			c0, cc = bits.Add64(c0, l, 0)
			c1, cc = bits.Add64(c1, h, cc)
			c2 += cc
		}
		r := bits.Rem64(c2, c1, p)
		dst[k] = bits.Rem64(r, c0, p)
	}
}

// alias reports whether x and y share their underlying array (as in math/big).
func alias(x, y []uint64) bool {
	return cap(x) > 0 && cap(y) > 0 && &x[0:cap(x)][cap(x)-1] == &y[0:cap(y)][cap(y)-1]
}

// bufs holds scratch buffers (of power-of-two lengths) of every size: a pool without
// per-processor slots, so that a buffer put back on one processor is found by the next call on
// any other.
var bufs = pool.Slices[uint64]{Min: 16}

// getBuf returns a scratch buffer of n words (contents unspecified), to be handed back with
// putBuf.
func getBuf(n int) *[]uint64 { return bufs.Get(n) }

// getScratch returns a pooled buffer (to be handed back with putBuf) of at least n ≥ 1 words
// and its first n words.
func getScratch(n int) (*[]uint64, []uint64) {
	b := getBuf(1 << bits.Len(uint(n-1)))
	return b, (*b)[:n]
}

// putBuf hands back a buffer from getBuf.
func putBuf(b *[]uint64) { bufs.Put(b) }

// crt holds the three moduli of the exact fallback and their Garner constants.
var crtOnce sync.Once
var crt struct {
	q             [3]Modulus
	inv01, inv012 uint64 // q0^−1 mod q1, (q0·q1)^−1 mod q2
	q0mod2        uint64 // q0 mod q2 (for Garner)
}

// convolveCRT computes the exact integer product of x and y reduced mod p (entries < 2^62,
// so each coefficient is below 2^164, well under q0·q1·q2 > 2^185) with three primes of
// Primes, then reduces it mod p. It serves primes whose MaxLen is too small.
func (m Modulus) convolveCRT(dst, x, y []uint64) {
	crtOnce.Do(func() {
		for i := range crt.q {
			crt.q[i], _ = NewModulus(Primes[i])
		}
		q0, q1, q2 := crt.q[0], crt.q[1], crt.q[2]
		crt.inv01 = q1.Inv(q0.p)
		crt.q0mod2 = q2.Reduce(q0.p)
		crt.inv012 = q2.Inv(q2.Mul(crt.q0mod2, q2.Reduce(q1.p)))
	})
	xr := append([]uint64(nil), x...)
	reduceInput(xr, m)
	yr := xr
	if !(len(x) == len(y) && &x[0] == &y[0]) {
		yr = append([]uint64(nil), y...)
		reduceInput(yr, m)
	}
	q0, q1, q2 := crt.q[0], crt.q[1], crt.q[2]
	r0 := q0.Convolve(nil, xr, yr)
	r1 := q1.Convolve(nil, xr, yr)
	r2 := q2.Convolve(nil, xr, yr)
	q0p := m.Reduce(q0.p)
	q01p := m.Mul(q0p, m.Reduce(q1.p))
	for k := range dst {
		// c = r0 + q0·t1 + q0·q1·t2 with t1 < q1, t2 < q2.
		a0 := r0[k]
		t1 := q1.Mul(q1.Sub(r1[k], q1.Reduce(a0)), crt.inv01)
		// value of r0 + q0·t1 mod q2
		v := q2.Add(q2.Reduce(a0), q2.Mul(crt.q0mod2, q2.Reduce(t1)))
		t2 := q2.Mul(q2.Sub(r2[k], v), crt.inv012)
		c := m.Add(m.Reduce(a0), m.Mul(q0p, m.Reduce(t1)))
		dst[k] = m.Add(c, m.Mul(q01p, m.Reduce(t2)))
	}
}
