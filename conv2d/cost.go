package conv2d

import (
	"math"

	"github.com/polyconv/polyconv/internal/fft"
)

// The cost model. Costs are in units of one flop-point of the FFT cost model (fft.Cost);
// directCost is the measured time of one multiply-add of the direct sums in those units
// and fftScale the measured time of one unit on the 2-D transforms relative to the 1-D
// model. Set from TestCalibrate (calibrate_test.go: go test ./conv2d -run Calibrate
// -calibrate -v).
var (
	directCost = 0.77
	fftScale   = 1.0
)

// directMaxTaps is the largest kernel (elements) that is always summed directly, whatever
// the model says: scipy.signal.convolve2d always sums directly, and for small kernels this
// keeps its results (bit for bit, exact ones for small integers) at little cost.
const directMaxTaps = 64

// maxTile bounds the transform size (each side) the tile search tries.
const maxTile = 1 << 12

// fftExtra is the modelled cost per complex point, beyond the transforms, of filling and
// packing a patch, the spectral product and unpacking.
const fftExtra = 20

// directOps returns the multiply-adds of the direct sums for a rows×cols output and a
// kr×kc kernel.
func directOps(rows, cols, kr, kc int) float64 {
	return float64(rows) * float64(cols) * float64(kr) * float64(kc)
}

// smoothSizes returns the 5-smooth numbers in [lo, hi], and even ones only if even.
func smoothSizes(lo, hi int, even bool) []int {
	var s []int
	fft.Smooth(lo, hi+1, func(m int) {
		if !even || m%2 == 0 {
			s = append(s, m)
		}
	})
	return s
}

// planFFT returns the cheapest FFT plan for a rows×cols output of a kr×kc kernel: overlap
// save over tiles of every size the search tries, and, for Fill (fill set), one transform
// holding the input (of shape ir×ic) unextended.
func planFFT(rows, cols, kr, kc, ir, ic int, fill bool) fftPlan {
	best := fftPlan{cost: math.Inf(1)}
	if fill {
		nr := fftSize(ir+kr-1, false)
		nc := fftSize(ic+kc-1, true)
		if nr > 0 && nc > 0 {
			mc := nc / 2
			best = fftPlan{nr: nr, mc: mc, whole: true, cost: 3*transformCost(nr, mc) + fftExtra*float64(nr*mc)}
		}
	}
	pr, pc := rows+kr-1, cols+kc-1
	rs := smoothSizes(kr, min(fftSize(pr, false), maxTile), false)
	cs := smoothSizes(max(kc, 2), min(fftSize(pc, true), maxTile), true)
	for _, nr := range rs {
		tr := min(nr-kr+1, rows)
		for _, nc := range cs {
			tc := min(nc-kc+1, cols)
			mc := nc / 2
			tiles := float64((rows+tr-1)/tr) * float64((cols+tc-1)/tc)
			c := transformCost(nr, mc)*(2*tiles+1) + fftExtra*float64(nr*mc)*tiles
			if c < best.cost {
				best = fftPlan{nr: nr, mc: mc, tr: tr, tc: tc, cost: c}
			}
		}
	}
	best.cost *= fftScale
	return best
}

// fftSize returns the least 5-smooth number ≥ n (even if even), or 0 if there is none
// within the transform limit.
func fftSize(n int, even bool) int {
	best := 0
	for _, m := range smoothSizes(max(n, 1), 2*max(n, 1)+2, even) {
		if m <= fft.MaxHalf && (best == 0 || m < best) {
			best = m
		}
	}
	return best
}

// bestCost returns the modelled cost of the cheapest method Convolve has for a rows×cols
// output and a kr×kc kernel of a Fill job (the cheaper case).
func bestCost(rows, cols, kr, kc int) float64 {
	c := directCost * directOps(rows, cols, kr, kc)
	if kr*kc <= directMaxTaps {
		return c
	}
	return min(c, planFFT(rows, cols, kr, kc, rows, cols, true).cost)
}

// compute runs the job by the method the cost model picks.
func compute(j *job) {
	kr, kc := j.k.Rows, j.k.Cols
	if j.k.empty() { // empty sums
		for i := range j.out.Rows {
			clear(j.out.row(i))
		}
		return
	}
	dc := directCost * directOps(j.out.Rows, j.out.Cols, kr, kc)
	if kr*kc <= directMaxTaps || dc < 1e5 {
		direct(j)
		return
	}
	fill := j.ext.b == Fill && !j.ext.src.empty()
	fp := planFFT(j.out.Rows, j.out.Cols, kr, kc, j.ext.src.Rows, j.ext.src.Cols, fill && j.ext.fill-j.ext.fill == 0)
	if fp.cost >= dc {
		direct(j)
		return
	}
	// Non-finite values: the transforms would smear them over every output.
	mx, badE := maxFinite(j.ext.src)
	mk, badK := maxFinite(j.k)
	if readsFill(j) {
		mx = max(mx, math.Abs(j.ext.fill))
	}
	if readsFill(j) && j.ext.fill-j.ext.fill != 0 || !(mx*mk*float64(j.patchRows()*j.patchCols())*float64(kr*kc) < 0x1p1000) {
		direct(j)
		return
	}
	fx := newFixup(j, badE, badK)
	if fx != nil && 4*fx.cost > dc {
		direct(j)
		return
	}
	if fp.whole {
		fftWhole(j, fp, fx != nil)
	} else {
		fftTiles(j, fp, fx != nil)
	}
	if fx != nil {
		fx.apply(j)
	}
}

// readsFill reports whether some output of the job reads the fill value: the boundary is
// Fill and the patch reaches outside the input.
func readsFill(j *job) bool {
	src := j.ext.src
	return j.ext.b == Fill && (j.r0 < 0 || j.c0 < 0 || j.r0+j.patchRows() > src.Rows || j.c0+j.patchCols() > src.Cols)
}
