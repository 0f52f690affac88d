package ntt

import (
	"fmt"
	"math/bits"
	"slices"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
)

// fwd4b: single slice, index arithmetic (bounds checks kept).
func fwd4b(a []uint64, q int, t1, t2 []uint64, p uint64) {
	for len(a) >= 4*q && len(t1) >= 2 && len(t2) >= 4 {
		w1, w1q := t1[0], t1[1]
		w2, w2q, w3, w3q := t2[0], t2[1], t2[2], t2[3]
		b := a[:4*q]
		for j := 0; j < q; j++ {
			x0, x1, x2, x3 := b[j], b[j+q], b[j+2*q], b[j+3*q]
			if x0 >= 2*p {
				x0 -= 2 * p
			}
			if x1 >= 2*p {
				x1 -= 2 * p
			}
			h2, _ := bits.Mul64(x2, w1q)
			h3, _ := bits.Mul64(x3, w1q)
			t2 := x2*w1 - h2*p
			t3 := x3*w1 - h3*p
			y0 := x0 + t2
			y2 := x0 - t2 + 2*p
			y1 := x1 + t3
			y3 := x1 - t3 + 2*p
			if y0 >= 2*p {
				y0 -= 2 * p
			}
			if y2 >= 2*p {
				y2 -= 2 * p
			}
			h1, _ := bits.Mul64(y1, w2q)
			h3, _ = bits.Mul64(y3, w3q)
			t1 := y1*w2 - h1*p
			t3 = y3*w3 - h3*p
			b[j] = y0 + t1
			b[j+q] = y0 - t1 + 2*p
			b[j+2*q] = y2 + t3
			b[j+3*q] = y2 - t3 + 2*p
		}
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
}

// fwd4c: two radix-2 passes.
func fwd4c(a []uint64, q int, t1, t2 []uint64, p uint64) {
	for len(a) >= 4*q && len(t1) >= 2 && len(t2) >= 4 {
		fwd2(a[:2*q], a[2*q:4*q], t1[0], t1[1], p)
		fwd2(a[:q], a[q:2*q], t2[0], t2[1], p)
		fwd2(a[2*q:3*q], a[3*q:4*q], t2[2], t2[3], p)
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
}

// fwd4d: array-pointer quads via a 4-way interleaved walk with shrinking slices.
func fwd4d(a []uint64, q int, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
	for len(a) >= 4*q && len(t1) >= 2 && len(t2) >= 4 {
		w1, w1q := t1[0], t1[1]
		w2, w2q, w3, w3q := t2[0], t2[1], t2[2], t2[3]
		a0 := a[:q:q]
		a1 := a[q : 2*q : 2*q]
		a2 := a[2*q : 3*q : 3*q]
		a3 := a[3*q : 4*q : 4*q]
		for len(a0) > 0 && len(a1) > 0 && len(a2) > 0 && len(a3) > 0 {
			x0, x1, x2, x3 := a0[0], a1[0], a2[0], a3[0]
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
			a0[0] = y0 + t1
			a1[0] = y0 - t1 + p2
			a2[0] = y2 + t3
			a3[0] = y2 - t3 + p2
			a0, a1, a2, a3 = a0[1:], a1[1:], a2[1:], a3[1:]
		}
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
}

const cq = 1024

// fwd4e: constant q with an array pointer: one base register.
func fwd4e(a []uint64, q int, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
	for len(a) >= 4*cq && len(t1) >= 2 && len(t2) >= 4 {
		w1, w1q := t1[0], t1[1]
		w2, w2q, w3, w3q := t2[0], t2[1], t2[2], t2[3]
		b := (*[4 * cq]uint64)(a[:4*cq])
		for j := 0; j < cq; j++ {
			x0, x1, x2, x3 := b[j], b[j+cq], b[j+2*cq], b[j+3*cq]
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
			b[j] = y0 + t1
			b[j+cq] = y0 - t1 + p2
			b[j+2*cq] = y2 + t3
			b[j+3*cq] = y2 - t3 + p2
		}
		a, t1, t2 = a[4*cq:], t1[2:], t2[4:]
	}
}

// fwd4f: constant q, computation ordered to shorten live ranges.
func fwd4f(a []uint64, q int, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
	for len(a) >= 4*cq && len(t1) >= 2 && len(t2) >= 4 {
		w1, w1q := t1[0], t1[1]
		w2, w2q, w3, w3q := t2[0], t2[1], t2[2], t2[3]
		b := (*[4 * cq]uint64)(a[:4*cq])
		for j := 0; j < cq; j++ {
			x2 := b[j+2*cq]
			h, _ := bits.Mul64(x2, w1q)
			t := x2*w1 - h*p
			x0 := b[j]
			if x0 >= p2 {
				x0 -= p2
			}
			y0 := x0 + t
			y2 := x0 - t + p2
			x3 := b[j+3*cq]
			h, _ = bits.Mul64(x3, w1q)
			t = x3*w1 - h*p
			x1 := b[j+cq]
			if x1 >= p2 {
				x1 -= p2
			}
			y1 := x1 + t
			y3 := x1 - t + p2
			h, _ = bits.Mul64(y1, w2q)
			t = y1*w2 - h*p
			if y0 >= p2 {
				y0 -= p2
			}
			b[j] = y0 + t
			b[j+cq] = y0 - t + p2
			h, _ = bits.Mul64(y3, w3q)
			t = y3*w3 - h*p
			if y2 >= p2 {
				y2 -= p2
			}
			b[j+2*cq] = y2 + t
			b[j+3*cq] = y2 - t + p2
		}
		a, t1, t2 = a[4*cq:], t1[2:], t2[4:]
	}
}

// fwd4g: four slices, computation ordered to shorten live ranges.
func fwd4g(a []uint64, q int, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
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
			x2 := a2[j]
			h, _ := bits.Mul64(x2, w1q)
			t := x2*w1 - h*p
			x0 := a0[j]
			if x0 >= p2 {
				x0 -= p2
			}
			y0 := x0 + t
			y2 := x0 - t + p2
			x3 := a3[j]
			h, _ = bits.Mul64(x3, w1q)
			t = x3*w1 - h*p
			x1 := a1[j]
			if x1 >= p2 {
				x1 -= p2
			}
			y1 := x1 + t
			y3 := x1 - t + p2
			h, _ = bits.Mul64(y1, w2q)
			t = y1*w2 - h*p
			if y0 >= p2 {
				y0 -= p2
			}
			a0[j] = y0 + t
			a1[j] = y0 - t + p2
			h, _ = bits.Mul64(y3, w3q)
			t = y3*w3 - h*p
			if y2 >= p2 {
				y2 -= p2
			}
			a2[j] = y2 + t
			a3[j] = y2 - t + p2
		}
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
}

// fwd4h: four slices, twiddles read through an array pointer inside the loop.
func fwd4h(a []uint64, q int, t1, t2 []uint64, p uint64) {
	p2 := 2 * p
	var tw [6]uint64
	for len(a) >= 4*q && len(t1) >= 2 && len(t2) >= 4 {
		tw = [6]uint64{t1[0], t1[1], t2[0], t2[1], t2[2], t2[3]}
		w := &tw
		a0 := a[:q:q]
		a1 := a[q : 2*q : 2*q]
		a2 := a[2*q : 3*q : 3*q]
		a3 := a[3*q : 4*q : 4*q]
		a1 = a1[:len(a0)]
		a2 = a2[:len(a0)]
		a3 = a3[:len(a0)]
		for j := range a0 {
			x2 := a2[j]
			h, _ := bits.Mul64(x2, w[1])
			t := x2*w[0] - h*p
			x0 := a0[j]
			if x0 >= p2 {
				x0 -= p2
			}
			y0 := x0 + t
			y2 := x0 - t + p2
			x3 := a3[j]
			h, _ = bits.Mul64(x3, w[1])
			t = x3*w[0] - h*p
			x1 := a1[j]
			if x1 >= p2 {
				x1 -= p2
			}
			y1 := x1 + t
			y3 := x1 - t + p2
			h, _ = bits.Mul64(y1, w[3])
			t = y1*w[2] - h*p
			if y0 >= p2 {
				y0 -= p2
			}
			a0[j] = y0 + t
			a1[j] = y0 - t + p2
			h, _ = bits.Mul64(y3, w[5])
			t = y3*w[4] - h*p
			if y2 >= p2 {
				y2 -= p2
			}
			a2[j] = y2 + t
			a3[j] = y2 - t + p2
		}
		a, t1, t2 = a[4*q:], t1[2:], t2[4:]
	}
}

func TestTuneKernels(t *testing.T) {
	if !*tune {
		t.Skip("tuning harness: -ntt.tune")
	}
	m := mustModulus(t, grid.NTTPrime)
	p := m.p
	for _, q := range []int{1 << 10, 1 << 6, 16} {
		n := 1 << 12
		pl, _ := NewPlan(m, n)
		x := grid.ModP(grid.SeedA, n, p)
		a := slices.Clone(x)
		tw1 := pairs(pl.tw, 0, n/(4*q))
		tw2 := pairs(pl.tw, 0, 2*n/(4*q))
		variants := []func([]uint64, int, []uint64, []uint64, uint64){fwd4, fwd4g, fwd4h}
		if q == cq {
			variants = append(variants, fwd4e, fwd4f)
		}
		var fs []func()
		for _, v := range variants {
			fs = append(fs, func() { copy(a, x); v(a, q, tw1, tw2, p) })
		}
		// check agreement
		ref := slices.Clone(x)
		fwd4(ref, q, tw1, tw2, p)
		for i, v := range variants {
			b := slices.Clone(x)
			v(b, q, tw1, tw2, p)
			if !slices.Equal(b, ref) {
				t.Fatalf("variant %d differs", i)
			}
		}
		ts := cpuMedian(15, fs...)
		fmt.Printf("q=%d:", q)
		for _, d := range ts {
			fmt.Printf("  %.3f ns/bf", float64(d.Nanoseconds())/float64(n))
		}
		fmt.Println()
	}
}
