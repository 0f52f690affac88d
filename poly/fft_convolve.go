package poly

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
// convolveBlocked does overlap-save with short transforms for unbalanced operands.

// fftConvPlan holds everything a real convolution of length N = 2·m needs. It is immutable
// after newFFTConvPlan and safe for concurrent use; pool hands out scratch buffers.
type fftConvPlan struct {
	m   int
	fft *fftPlan
	// partner[p] is the position of frequency (m − k) mod m, k the frequency at position p.
	partner []int32
	// wk[p] = exp(−2πi·k/(2m)), k the frequency at position p.
	wk []complex128
	// top is the number of levels run as passes over whole arrays before the transform
	// proceeds block by block (blocks of at most fftBlock values).
	top  int
	pool sync.Pool // *[]complex128 of length m
}

// fftBlock is the largest block (complex values) that transformMultiply finishes, multiplies
// and inverse-transforms in one go; four such blocks are live at once.
var fftBlock = 1 << 16

// fftConvPlans caches one *fftConvPlan per half-length m; fftConvPlanBytes is the
// approximate size of the cached tables. When it would exceed fftPlanCacheBudget the cache
// is emptied (plans in use stay valid; the garbage collector frees them afterwards), so a
// program convolving many different lengths does not accumulate tables without bound.
var (
	fftConvPlans     sync.Map
	fftConvPlanBytes atomic.Int64
)

// fftPlanCacheBudget bounds the bytes of cached FFT tables (about 36 bytes per complex
// point: twiddles, partner positions and the real-FFT twiddles).
var fftPlanCacheBudget int64 = 1 << 29

// fftConvPlanFor returns the cached plan for half-length m, building it on first use.
func fftConvPlanFor(m int) *fftConvPlan {
	if p, ok := fftConvPlans.Load(m); ok {
		return p.(*fftConvPlan)
	}
	p := newFFTConvPlan(m)
	size := int64(36 * m)
	if fftConvPlanBytes.Add(size) > fftPlanCacheBudget {
		fftConvPlans.Clear()
		fftConvPlanBytes.Store(size)
	}
	q, _ := fftConvPlans.LoadOrStore(m, p)
	return q.(*fftConvPlan)
}

// newFFTConvPlan builds the plan for half-length m (5-smooth, at most maxFFTHalf).
func newFFTConvPlan(m int) *fftConvPlan {
	rt := newRootTable(2 * m)
	f := newFFTPlan(m, rt)
	freq := f.freqs()
	p := &fftConvPlan{m: m, fft: f, partner: f.partners(), wk: make([]complex128, m)}
	for i, k := range freq {
		// root, not rt: the table would be read in digit-reversed order, which costs
		// more in cache misses than Sincos costs.
		p.wk[i] = root(int(k), 2*m)
	}
	for s := m; s > fftBlock && p.top < len(f.levels); p.top++ {
		s = f.levels[p.top].s
	}
	p.pool.New = func() any {
		b := make([]complex128, m)
		return &b
	}
	return p
}

// freqs returns the frequency held at each position of a forward transform's output:
// position t·s + pos_s(q) of a block of length r·s holds frequency t + r·q.
func (f *fftPlan) freqs() []int32 {
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

// partners returns, for each position of a forward transform's output, the position of
// the negated frequency (n − k) mod n. Built level by level like freqs: with k = t + r·K
// (t the digit placed first), −k = r·(−K) if t = 0 and (r−t) + r·(−K−1) otherwise, and the
// digit-wise complement −k−1 = (r−1−t) + r·(−K−1).
func (f *fftPlan) partners() []int32 {
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

// pack stores the real sequence x (zero-padded, reversed if rev) into z as
// z[j] = x[2j] + i·x[2j+1]. len(x) ≤ 2·len(z).
func pack(z []complex128, x []float64, rev bool) {
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

// unpack stores in dst the values off … off+len(dst)−1 of the real sequence packed in z as
// z[j] = c[2j] + i·c[2j+1]; off+len(dst) ≤ 2·len(z).
func unpack(dst []float64, z []complex128, off int) {
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

// convolve stores in dst the outputs off … off+len(dst)−1 of the linear convolution of x
// with y (y reversed if revY). The caller guarantees that 2·p.m ≥ len(x)+len(y)−1−off and
// 2·p.m ≥ off+len(dst), so that the cyclic convolution of length 2m agrees with the linear
// one on the requested window.
func (p *fftConvPlan) convolve(dst, x, y []float64, off int, revY bool) {
	bx := p.pool.Get().(*[]complex128)
	zx := *bx
	pack(zx, x, false)
	if square := !revY && len(x) == len(y) && &x[0] == &y[0]; square {
		// x∗x: one forward transform serves both operands.
		p.transformMultiply(zx, zx)
	} else {
		by := p.pool.Get().(*[]complex128)
		pack(*by, y, revY)
		p.transformMultiply(zx, *by)
		p.pool.Put(by)
	}
	unpack(dst, zx, off)
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
func (p *fftConvPlan) transformMultiply(zx, zy []complex128) {
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
		p.multiply(zx, zy, b*s, (b+1)*s)
		f.dit(zx[b*s:(b+1)*s], top)
		if pb != b {
			f.dit(zx[pb*s:(pb+1)*s], top)
		}
	}
	for l := top - 1; l >= 0; l-- {
		f.levels[l].dit(zx)
	}
}

// multiply replaces zx[lo:hi] and the partners of those positions by the packed spectrum of
// the cyclic convolution of the two real sequences whose packed spectra are zx and zy,
// scaled by 1/m so that the inverse FFT yields the convolution itself. Positions whose
// partner is below them are left for the call that covers the partner. zy may be zx (a
// square): every value is read before the pair is written.
func (p *fftConvPlan) multiply(zx, zy []complex128, lo, hi int) {
	m := p.m
	partner := p.partner[lo:hi:hi]
	wk := p.wk[lo:hi:hi]
	zx, zy = zx[:m:m], zy[:m:m]
	scale := 1 / (8 * float64(m))
	for j, qq := range partner {
		i, q := lo+j, int(qq)
		if q < i {
			continue
		}
		w := wk[j]
		// 2E and 2O: spectra of the even and odd samples; X[k] = E + w·O, X[k+m] = E − w·O.
		a, aq := zx[i], conj(zx[q])
		ex, ox := a+aq, mulNegI(a-aq)
		b, bq := zy[i], conj(zy[q])
		ey, oy := b+bq, mulNegI(b-bq)
		wox, woy := w*ox, w*oy
		p1 := (ex + wox) * (ey + woy)
		p2 := (ex - wox) * (ey - woy)
		e := p1 + p2
		o := (p1 - p2) * conj(w)
		zx[i] = complex(scale*(real(e)-imag(o)), scale*(imag(e)+real(o)))
		if q != i {
			// Frequency m−k: E and O conjugate.
			zx[q] = complex(scale*(real(e)+imag(o)), scale*(real(o)-imag(e)))
		}
	}
}

// fftCost returns the modelled cost per point of a complex FFT of length m (5-smooth): the
// sum over its passes of each radix's flops per point plus a memory term.
func fftCost(m int) float64 {
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

// smooth calls f for every 5-smooth m in [lo, hi).
func smooth(lo, hi int, f func(m int)) {
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

// fftHalfLength returns the half-length m (a 5-smooth number, 2m ≥ need) of least modelled
// cost.
func fftHalfLength(need int) int {
	target := max((need+1)/2, 1)
	best, bestCost := 0, math.Inf(1)
	smooth(target, 2*target, func(m int) {
		if c := float64(m) * (fftCost(m) + 2); c < bestCost {
			best, bestCost = m, c
		}
	})
	return best
}

// blockedPlan returns the FFT half-length h of least modelled cost for an overlap-save
// convolution of a short operand of length short producing length outputs, and that cost:
// each block transforms 2h inputs and keeps 2h−short+1 outputs.
func blockedPlan(short, length int) (h int, cost float64) {
	cost = math.Inf(1)
	smooth(max(short, 16), max(2*short, fftBlock), func(m int) {
		per := 2*m - short + 1
		blocks := (length + per - 1) / per
		c := float64(m) * (float64(blocks)*(2*fftCost(m)+fftExtra) + fftCost(m))
		if c < cost {
			h, cost = m, c
		}
	})
	return h, cost
}

// convolveBlocked stores in dst the outputs off … off+len(dst)−1 of the convolution of x with
// y (reversed if revY) by overlap-save: the shorter operand is transformed once at real
// length 2h, and each block of 2h−short+1 outputs costs one forward and one inverse
// transform of a stretch of the longer operand.
func convolveBlocked(dst, x, y []float64, off int, revY bool, h int) {
	long, short := seq{x, false}, seq{y, revY}
	if len(x) < len(y) {
		long, short = short, long
	}
	m := len(short.data)
	p := fftConvPlanFor(h)
	N := 2 * h
	bx := p.pool.Get().(*[]complex128)
	by := p.pool.Get().(*[]complex128)
	zx, zy := *bx, *by
	seg := make([]float64, N)
	short.segment(seg, 0)
	pack(zy, seg, false)
	p.fft.forward(zy)
	per := N - m + 1
	for j0 := 0; j0 < len(dst); j0 += per {
		// seg[t] = long[k0−m+1+t]; cyclic outputs m−1 … N−1 are linear outputs k0 … k0+per−1.
		k0 := off + j0
		long.segment(seg, k0-m+1)
		pack(zx, seg, false)
		p.fft.forward(zx)
		p.multiply(zx, zy, 0, h)
		p.fft.inverse(zx)
		unpack(dst[j0:min(j0+per, len(dst))], zx, m-1)
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
