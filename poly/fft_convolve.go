package poly

import (
	"math"
	"sync"
)

// This file turns the complex FFT of fft.go into a convolution of real sequences. A real
// sequence c of even length N = 2M is packed as z[j] = c[2j] + i·c[2j+1] and transformed with
// one complex FFT of length M; the spectra of the even and odd halves are separated with the
// partner frequency M−k, combined with the twiddle exp(−2πi·k/N), multiplied, and packed back
// for the inverse, all in one fused pass over the (digit-reversed) spectra. A convolution of
// real inputs therefore costs three complex FFTs of half the real length.

// fftConvPlan holds everything a real convolution of length N = 2·m needs. It is immutable
// after newFFTConvPlan and safe for concurrent use; pool hands out scratch buffers.
type fftConvPlan struct {
	m   int
	fft *fftPlan
	// partner[p] is the position of frequency (m − k) mod m, k the frequency at position p.
	partner []int32
	// wk[p] = exp(−2πi·k/(2m)), k the frequency at position p.
	wk   []complex128
	pool sync.Pool // *[]complex128 of length m
}

// fftConvPlans caches one *fftConvPlan per half-length m.
var fftConvPlans sync.Map

// fftConvPlanFor returns the cached plan for half-length m, building it on first use.
func fftConvPlanFor(m int) *fftConvPlan {
	if p, ok := fftConvPlans.Load(m); ok {
		return p.(*fftConvPlan)
	}
	p, _ := fftConvPlans.LoadOrStore(m, newFFTConvPlan(m))
	return p.(*fftConvPlan)
}

func newFFTConvPlan(m int) *fftConvPlan {
	f := newFFTPlan(m)
	freq := f.freqs()
	pos := make([]int32, m)
	for p, k := range freq {
		pos[k] = int32(p)
	}
	p := &fftConvPlan{m: m, fft: f, partner: make([]int32, m), wk: make([]complex128, m)}
	for i, k := range freq {
		p.partner[i] = pos[(m-int(k))%m]
		p.wk[i] = root(int(k), 2*m)
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

// convolve stores in dst the outputs off … off+len(dst)−1 of the linear convolution of x
// with y (y reversed if revY). The caller guarantees that 2·p.m ≥ len(x)+len(y)−1−off and
// 2·p.m ≥ off+len(dst), so that the cyclic convolution of length 2m agrees with the linear
// one on the requested window.
func (p *fftConvPlan) convolve(dst, x, y []float64, off int, revY bool) {
	bx := p.pool.Get().(*[]complex128)
	by := p.pool.Get().(*[]complex128)
	zx, zy := *bx, *by
	pack(zx, x, false)
	pack(zy, y, revY)
	p.fft.forward(zx)
	p.fft.forward(zy)
	p.multiply(zx, zy)
	p.fft.inverse(zx)
	n := 2 * p.m
	k := off % n
	for j := range dst {
		if k&1 == 0 {
			dst[j] = real(zx[k>>1])
		} else {
			dst[j] = imag(zx[k>>1])
		}
		k++
		if k == n {
			k = 0
		}
	}
	p.pool.Put(by)
	p.pool.Put(bx)
}

// multiply replaces zx by the packed spectrum of the cyclic convolution of the two real
// sequences whose packed spectra are zx and zy, scaled by 1/m so that the inverse FFT yields
// the convolution itself.
func (p *fftConvPlan) multiply(zx, zy []complex128) {
	m := p.m
	partner := p.partner[:m:m]
	wk := p.wk[:m:m]
	zx, zy = zx[:m:m], zy[:m:m]
	scale := 1 / (8 * float64(m))
	for i := range partner {
		q := int(partner[i])
		if q < i {
			continue
		}
		w := wk[i]
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

// fftHalfLength returns the half-length m (a 5-smooth number, 2m ≥ need) of least modelled
// cost.
func fftHalfLength(need int) int {
	target := max((need+1)/2, 1)
	best, bestCost := 0, math.Inf(1)
	for p2 := 1; p2 < 2*target; p2 *= 2 {
		for p3 := p2; p3 < 2*target; p3 *= 3 {
			for m := p3; m < 2*target; m *= 5 {
				if m < target {
					continue
				}
				c := float64(m) * (fftCost(m) + 2) // + packing and the fused product
				if c < bestCost {
					best, bestCost = m, c
				}
			}
		}
	}
	return best
}

// fftErrC is the measured constant of the FFT path's error bound documented on Convolve.
const fftErrC = 2.0
