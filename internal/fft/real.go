package fft

import (
	"math"
	"sync"
	"sync/atomic"
)

// This file turns the complex FFT of fft.go into a convolution of real sequences. A real
// sequence c of even length N = 2M is packed as z[j] = c[2j] + i·c[2j+1] and transformed with
// one complex FFT of length M; the spectra of the even and odd halves are separated with the
// partner frequency M−k, combined with the twiddle exp(−2πi·k/N), multiplied, and packed back
// for the inverse in one fused loop over the (digit-reversed) spectra. A convolution of real
// inputs therefore costs three complex FFTs of half the real length. For large M the
// transforms run their first levels over the whole arrays and then finish, multiply and
// invert one pair of partner blocks at a time while they are in cache (transformMultiply).
// ConvolveBlocked does overlap-save with short transforms for unbalanced operands.

// RealPlan holds everything a real convolution of length N = 2·m needs. It is immutable
// after newRealPlan and safe for concurrent use; pool hands out scratch buffers.
type RealPlan struct {
	m   int
	fft *Plan
	// partner[p] is the position of frequency (m − k) mod m, k the frequency at position p.
	partner []int32
	// wk[p] = exp(−2πi·k/(2m)), k the frequency at position p.
	wk []complex128
	// top is the number of levels run as passes over whole arrays before the transform
	// proceeds block by block (blocks of at most Block values).
	top  int
	pool sync.Pool // *[]complex128 of length m
}

// Block is the largest block (complex values) that transformMultiply finishes, multiplies
// and inverse-transforms in one go; four such blocks are live at once.
var Block = 1 << 16

// realPlans caches one *RealPlan per half-length m; realPlanBytes is the
// approximate size of the cached tables. When it would exceed CacheBudget the cache
// is emptied (plans in use stay valid; the garbage collector frees them afterwards), so a
// program convolving many different lengths does not accumulate tables without bound.
var (
	realPlans     sync.Map
	realPlanBytes atomic.Int64
)

// CacheBudget bounds the bytes of cached FFT tables (about 36 bytes per complex
// point: twiddles, partner positions and the real-FFT twiddles).
var CacheBudget int64 = 1 << 29

// RealPlanFor returns the cached plan for half-length m, building it on first use.
func RealPlanFor(m int) *RealPlan {
	if p, ok := realPlans.Load(m); ok {
		return p.(*RealPlan)
	}
	p := newRealPlan(m)
	size := int64(36 * m)
	if realPlanBytes.Add(size) > CacheBudget {
		realPlans.Clear()
		realPlanBytes.Store(size)
	}
	q, _ := realPlans.LoadOrStore(m, p)
	return q.(*RealPlan)
}

// newRealPlan builds the plan for half-length m (5-smooth, at most MaxHalf).
func newRealPlan(m int) *RealPlan {
	rt := NewRootTable(2 * m)
	f := NewPlan(m, rt)
	freq := f.Freqs()
	p := &RealPlan{m: m, fft: f, partner: f.Partners(), wk: make([]complex128, m)}
	for i, k := range freq {
		// root, not rt: the table would be read in digit-reversed order, which costs
		// more in cache misses than Sincos costs.
		p.wk[i] = Root(int(k), 2*m)
	}
	for s := m; s > Block && p.top < len(f.levels); p.top++ {
		s = f.levels[p.top].s
	}
	p.pool.New = func() any {
		b := make([]complex128, m)
		return &b
	}
	return p
}

// Pack stores the real sequence x (zero-padded, reversed if rev) into z as
// z[j] = x[2j] + i·x[2j+1]. len(x) ≤ 2·len(z).
func Pack(z []complex128, x []float64, rev bool) {
	n := len(x)
	h := n / 2
	if rev {
		for j := 0; j < h; j++ {
			z[j] = complex(x[n-1-2*j], x[n-2-2*j])
		}
		if n%2 == 1 {
			z[h] = complex(x[0], 0)
			h++
		}
	} else {
		for j := 0; j < h; j++ {
			z[j] = complex(x[2*j], x[2*j+1])
		}
		if n%2 == 1 {
			z[h] = complex(x[n-1], 0)
			h++
		}
	}
	clear(z[h:])
}

// Unpack stores in dst the values off … off+len(dst)−1 of the real sequence packed in z as
// z[j] = c[2j] + i·c[2j+1]; off+len(dst) ≤ 2·len(z).
func Unpack(dst []float64, z []complex128, off int) {
	if len(dst) == 0 {
		return
	}
	if off&1 == 1 {
		dst[0] = imag(z[off>>1])
		dst, off = dst[1:], off+1
	}
	zs := z[off>>1 : (off+len(dst))>>1]
	for i, v := range zs {
		dst[2*i], dst[2*i+1] = real(v), imag(v)
	}
	if len(dst)&1 == 1 {
		dst[len(dst)-1] = real(z[(off+len(dst))>>1])
	}
}

// Convolve stores in dst the outputs off … off+len(dst)−1 of the linear convolution of x
// with y (y reversed if revY). The caller guarantees that 2·p.m ≥ len(x)+len(y)−1−off and
// 2·p.m ≥ off+len(dst), so that the cyclic convolution of length 2m agrees with the linear
// one on the requested window.
func (p *RealPlan) Convolve(dst, x, y []float64, off int, revY bool) {
	bx := p.pool.Get().(*[]complex128)
	zx := *bx
	Pack(zx, x, false)
	if square := !revY && len(x) == len(y) && &x[0] == &y[0]; square {
		// x∗x: one forward transform serves both operands.
		p.transformMultiply(zx, zx)
	} else {
		by := p.pool.Get().(*[]complex128)
		Pack(*by, y, revY)
		p.transformMultiply(zx, *by)
		p.pool.Put(by)
	}
	Unpack(dst, zx, off)
	p.pool.Put(bx)
}

// transformMultiply replaces zx by the packed real convolution of the sequences packed in zx
// and zy (cyclic, length 2m), destroying zy; zy may be zx itself (a square, transformed
// once). The first p.top levels of the forward
// transforms run as passes over the whole arrays; after them each block of length s holds
// the frequencies of one residue class mod m/s, and the partner frequencies m−k of a block
// all lie in one other block (or the same one). Each pair of blocks is then transformed to
// the end, multiplied and inverse-transformed back to that level while it stays in cache,
// and the top levels of the inverse finish on the whole of zx.
func (p *RealPlan) transformMultiply(zx, zy []complex128) {
	f := p.fft
	top := p.top
	square := &zx[0] == &zy[0]
	// fwd runs the forward transform from level top on the block [lo, hi) of both operands.
	fwd := func(lo, hi int) {
		f.dif(zx[lo:hi], top)
		if !square {
			f.dif(zy[lo:hi], top)
		}
	}
	for l := range top {
		f.levels[l].dif(zx)
		if !square {
			f.levels[l].dif(zy)
		}
	}
	s := p.m
	if top > 0 {
		s = f.levels[top-1].s
	}
	for b := 0; b < p.m/s; b++ {
		pb := int(p.partner[b*s]) / s
		if pb < b {
			continue
		}
		fwd(b*s, (b+1)*s)
		if pb != b {
			fwd(pb*s, (pb+1)*s)
		}
		p.Multiply(zx, zy, b*s, (b+1)*s)
		f.dit(zx[b*s:(b+1)*s], top)
		if pb != b {
			f.dit(zx[pb*s:(pb+1)*s], top)
		}
	}
	for l := top - 1; l >= 0; l-- {
		f.levels[l].dit(zx)
	}
}

// Multiply replaces zx[lo:hi] and the partners of those positions by the packed spectrum of
// the cyclic convolution of the two real sequences whose packed spectra are zx and zy,
// scaled by 1/m so that the inverse FFT yields the convolution itself. Positions whose
// partner is below them are left for the call that covers the partner. zy may be zx (a
// square): every value is read before the pair is written.
func (p *RealPlan) Multiply(zx, zy []complex128, lo, hi int) {
	m := p.m
	MulPacked(zx[:m:m], zx[:m:m], zy[:m:m], zy[:m:m], p.partner, p.wk, lo, hi, true, 1/(8*float64(m)))
}

// MulPacked is the spectral product of packed real transforms (see the file comment),
// for one pair of partner rows of a 2-D transform or for a whole 1-D one. xi and yi hold
// the packed spectra of the two operands at the positions of a row, xq and yq those at the
// partner row (the row of the negated first frequency); partner[c] is the position of the
// negated frequency of position c within a row and wk[c] = exp(−2πi·k/(2·len(row))), k the
// frequency at position c. For each position c in [lo, hi) MulPacked replaces xi[c] and
// xq[partner[c]] by the packed spectrum of the product, times scale (1/(8·points) gives the
// convolution itself after the inverse transform). If same, the row is its own partner (xq
// is xi, yq is yi) and positions whose partner is below them are skipped, left for the call
// that covers the partner. yi may be xi (a square): every value is read before the pair is
// written.
func MulPacked(xi, xq, yi, yq []complex128, partner []int32, wk []complex128, lo, hi int, same bool, scale float64) {
	partner = partner[lo:hi:hi]
	wk = wk[lo:hi:hi]
	n := len(xi)
	xi, xq, yi, yq = xi[:n:n], xq[:n:n], yi[:n:n], yq[:n:n]
	for j, qq := range partner {
		i, q := lo+j, int(qq)
		if same && q < i {
			continue
		}
		w := wk[j]
		// 2E and 2O: spectra of the even and odd samples; X[k] = E + w·O, X[k+m] = E − w·O.
		a, aq := xi[i], conj(xq[q])
		ex, ox := a+aq, mulNegI(a-aq)
		b, bq := yi[i], conj(yq[q])
		ey, oy := b+bq, mulNegI(b-bq)
		wox, woy := w*ox, w*oy
		p1 := (ex + wox) * (ey + woy)
		p2 := (ex - wox) * (ey - woy)
		e := p1 + p2
		o := (p1 - p2) * conj(w)
		xi[i] = complex(scale*(real(e)-imag(o)), scale*(imag(e)+real(o)))
		if !same || q != i {
			// The negated frequency: E and O conjugate.
			xq[q] = complex(scale*(real(e)+imag(o)), scale*(real(o)-imag(e)))
		}
	}
}

// Extra is the modelled cost per point, beyond the three transforms, of packing the
// inputs, the fused spectral product and unpacking the result.
const Extra = 14

// MaxHalf is the largest half-length a RealPlan may have (positions are stored as int32).
const MaxHalf = 1 << 30

// Cost returns the modelled cost per point of a complex FFT of length m (5-smooth): the
// sum over its passes of each radix's flops per point plus a memory term.
func Cost(m int) float64 {
	var c float64
	for m%4 == 0 {
		m /= 4
		c += 11.5
	}
	if m%2 == 0 {
		m /= 2
		c += 8
	}
	for m%3 == 0 {
		m /= 3
		c += 12.3
	}
	for m%5 == 0 {
		m /= 5
		c += 16.6
	}
	return c
}

// Smooth calls f for every 5-smooth m in [lo, hi).
func Smooth(lo, hi int, f func(m int)) {
	for p2 := 1; p2 < hi; p2 *= 2 {
		for p3 := p2; p3 < hi; p3 *= 3 {
			for m := p3; m < hi; m *= 5 {
				if m >= lo {
					f(m)
				}
			}
		}
	}
}

// HalfLength returns the half-length m (a 5-smooth number, 2m ≥ need) of least modelled
// cost.
func HalfLength(need int) int {
	target := max((need+1)/2, 1)
	best, bestCost := 0, math.Inf(1)
	Smooth(target, 2*target, func(m int) {
		if c := float64(m) * (Cost(m) + 2); c < bestCost {
			best, bestCost = m, c
		}
	})
	return best
}

// BlockedPlan returns the FFT half-length h of least modelled cost for an overlap-save
// convolution of a short operand of length short producing length outputs, and that cost:
// each block transforms 2h inputs and keeps 2h−short+1 outputs.
func BlockedPlan(short, length int) (h int, cost float64) {
	cost = math.Inf(1)
	Smooth(max(short, 16), max(2*short, Block), func(m int) {
		per := 2*m - short + 1
		blocks := (length + per - 1) / per
		c := float64(m) * (float64(blocks)*(2*Cost(m)+Extra) + Cost(m))
		if c < cost {
			h, cost = m, c
		}
	})
	return h, cost
}

// ConvolveBlocked stores in dst the outputs off … off+len(dst)−1 of the convolution of x with
// y (reversed if revY) by overlap-save: the shorter operand is transformed once at real
// length 2h, and each block of 2h−short+1 outputs costs one forward and one inverse
// transform of a stretch of the longer operand.
func ConvolveBlocked(dst, x, y []float64, off int, revY bool, h int) {
	long, short := seq{x, false}, seq{y, revY}
	if len(x) < len(y) {
		long, short = short, long
	}
	m := len(short.data)
	p := RealPlanFor(h)
	N := 2 * h
	bx := p.pool.Get().(*[]complex128)
	by := p.pool.Get().(*[]complex128)
	zx, zy := *bx, *by
	seg := make([]float64, N)
	short.segment(seg, 0)
	Pack(zy, seg, false)
	p.fft.Forward(zy)
	per := N - m + 1
	for j0 := 0; j0 < len(dst); j0 += per {
		// seg[t] = long[k0−m+1+t]; cyclic outputs m−1 … N−1 are linear outputs k0 … k0+per−1.
		k0 := off + j0
		long.segment(seg, k0-m+1)
		Pack(zx, seg, false)
		p.fft.Forward(zx)
		p.Multiply(zx, zy, 0, h)
		p.fft.Inverse(zx)
		Unpack(dst[j0:min(j0+per, len(dst))], zx, m-1)
	}
	p.pool.Put(by)
	p.pool.Put(bx)
}

// seq is a sequence given by data, read backwards if rev.
type seq struct {
	data []float64
	rev  bool
}

// segment stores in dst the elements start, start+1, … of s, with zeros outside s.
func (s seq) segment(dst []float64, start int) {
	n := len(s.data)
	lo, hi := max(start, 0), min(start+len(dst), n) // the part of s that is present
	if hi <= lo {
		clear(dst)
		return
	}
	clear(dst[:lo-start])
	clear(dst[hi-start:])
	part := dst[lo-start : hi-start]
	if !s.rev {
		copy(part, s.data[lo:hi])
		return
	}
	for i := range part {
		part[i] = s.data[n-1-(lo+i)]
	}
}

// ClearCache empties the cache of RealPlanFor (plans in use stay valid). Tests use it to
// make goroutines race to build plans, or to rebuild plans after changing Block.
func ClearCache() {
	realPlans.Clear()
	realPlanBytes.Store(0)
}
