//go:build amd64 && !purego

package conv2d

import "github.com/polyconv/polyconv/internal/cpu"

// corrAVX is the kernel of corr_amd64.s (see corrTaps).
//
//go:noescape
func corrAVX(o *float64, n int, p *float64, k *float64, offs *int, taps int)

// useAVX is set when the CPU has AVX (a variable so that tests can run the generic twin).
var useAVX = cpu.AVX

// corrTaps stores in o the sums o[i] = Σ_t k[t]·p[i+offs[t]] from zero in the order of t,
// the outputs 32 at a time in assembly on AVX and the rest (all of them elsewhere) by
// corrTapsGeneric, with the same roundings. p must hold every element the sums read.
func corrTaps(o, p, k []float64, offs []int) {
	n := len(o) &^ 31
	if useAVX && n > 0 && len(k) > 0 {
		last := n - 1 + maxInt(offs) // the last element read
		_ = p[last]
		corrAVX(&o[0], n, &p[0], &k[0], &offs[0], len(k))
	} else {
		n = 0
	}
	if n < len(o) {
		corrTapsGeneric(o[n:], p[n:], k, offs)
	}
}

// maxInt returns the largest element of x (x not empty).
func maxInt(x []int) int {
	m := x[0]
	for _, v := range x[1:] {
		m = max(m, v)
	}
	return m
}
