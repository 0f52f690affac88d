package conv2d

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/poly"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runWith computes Convolve (corr false) or Correlate on the job, with method m instead of
// the cost model's choice.
func runWith(in, k Matrix, o Options, corr bool, m func(*job)) Matrix {
	rows, cols := OutputShape(in.Rows, in.Cols, k.Rows, k.Cols, o.Mode)
	j := newJob(in, k, o, corr)
	j.out = NewMatrix(rows, cols, nil)
	if rows > 0 && cols > 0 {
		m(&j)
	}
	return j.out
}

// tilePlan returns the plan of tiles whose transforms are the least sizes ≥ the kernel plus
// extra (at most the whole patch).
func tilePlan(j *job, extraR, extraC int) fftPlan {
	nr := fftSize(min(j.k.Rows+extraR, j.patchRows()), false)
	nc := fftSize(max(min(j.k.Cols+extraC, j.patchCols()), 2), true)
	return fftPlan{nr: nr, mc: nc / 2, tr: min(nr-j.k.Rows+1, j.out.Rows), tc: min(nc-j.k.Cols+1, j.out.Cols)}
}

// TestFFTMethods checks overlap-save on tiles of several sizes, and the single transform of
// a Fill job, against the reference on random shapes, modes and boundaries, and the cost
// model's choice through Convolve.
func TestFFTMethods(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for it := range 300 {
		r, c := 1+rng.IntN(40), 1+rng.IntN(40)
		kr, kc := 1+rng.IntN(14), 1+rng.IntN(14)
		if it%5 == 0 { // kernels larger than the input
			kr, kc = r+rng.IntN(6), c+rng.IntN(6)
		}
		in, k := randMatrix(rng, r, c, true), randMatrix(rng, kr, kc, true)
		mode := modes[rng.IntN(3)]
		if mode == poly.Valid && !validOK(r, c, kr, kc) {
			mode = poly.Full
		}
		o := Options{Mode: mode, Boundary: boundaries[rng.IntN(5)], FillValue: float64(rng.IntN(3)) - 0.5}
		corr := rng.IntN(2) == 0
		want := refConvolve2D(in, k, o, corr)
		tag := func(s string) string { return s }
		for _, ex := range [][2]int{{0, 0}, {3, 5}, {17, 9}, {1000, 1000}} {
			got := runWith(in, k, o, corr, func(j *job) { fftTiles(j, tilePlan(j, ex[0], ex[1]), false) })
			checkMatrix(t, want, got, 1e-13, "%s %d×%d ⊛ %d×%d %v %v corr=%v extra=%v", tag("tiles"), r, c, kr, kc, mode, o.Boundary, corr, ex)
		}
		if o.Boundary == Fill && mode != poly.Valid {
			got := runWith(in, k, o, corr, func(j *job) {
				nr, nc := fftSize(r+kr-1, false), fftSize(c+kc-1, true)
				fftWhole(j, fftPlan{nr: nr, mc: nc / 2, whole: true}, false)
			})
			checkMatrix(t, want, got, 1e-13, "whole %d×%d ⊛ %d×%d %v fill=%v corr=%v", r, c, kr, kc, mode, o.FillValue, corr)
		}
		checkMatrix(t, want, run(Matrix{}, in, k, o, corr), 1e-13, "auto %d×%d ⊛ %d×%d %v %v corr=%v", r, c, kr, kc, mode, o.Boundary, corr)
	}
}

// TestFFTNonFinite puts NaN and ±Inf in the input and the kernel of jobs the FFT methods
// compute and checks that every output is NaN, ±Inf or finite exactly as the direct sums
// make it, including Inf meeting zero weights and infinities of both signs.
func TestFFTNonFinite(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	nan, inf := math.NaN(), math.Inf(1)
	for it := range 200 {
		r, c := 5+rng.IntN(30), 5+rng.IntN(30)
		if it%5 == 0 { // a kernel larger than the input: many copies of each element
			r, c = 1+rng.IntN(3), 1+rng.IntN(3)
		}
		kr, kc := 1+rng.IntN(9), 1+rng.IntN(9)
		in, k := randMatrix(rng, r, c, false), randMatrix(rng, kr, kc, false)
		for range 1 + rng.IntN(3) {
			in.Set(rng.IntN(r), rng.IntN(c), []float64{nan, inf, -inf}[rng.IntN(3)])
		}
		if it%3 == 0 {
			k.Set(rng.IntN(kr), rng.IntN(kc), []float64{nan, inf, -inf}[rng.IntN(3)])
		}
		if it%4 == 0 { // zero weights meet the infinities
			for a := range kr {
				k.Set(a, rng.IntN(kc), 0)
			}
		}
		o := Options{Mode: modes[rng.IntN(2)], Boundary: boundaries[rng.IntN(5)], FillValue: 0.25}
		corr := rng.IntN(2) == 0
		want := refConvolve2D(in, k, o, corr)
		_, badE := maxFinite(in)
		got := runWith(in, k, o, corr, func(j *job) {
			_, badK := maxFinite(j.k)
			fx := newFixup(j, badE, badK)
			require.NotNil(t, fx)
			fftTiles(j, tilePlan(j, 7, 7), true)
			fx.apply(j)
		})
		checkMatrix(t, want, got, 1e-13, "%d×%d ⊛ %d×%d %v %v corr=%v", r, c, kr, kc, o.Mode, o.Boundary, corr)
		if o.Boundary == Fill {
			got := runWith(in, k, o, corr, func(j *job) {
				_, badK := maxFinite(j.k)
				fx := newFixup(j, badE, badK)
				nr, nc := fftSize(r+kr-1, false), fftSize(c+kc-1, true)
				fftWhole(j, fftPlan{nr: nr, mc: nc / 2, whole: true}, true)
				fx.apply(j)
			})
			checkMatrix(t, want, got, 1e-13, "whole %d×%d ⊛ %d×%d %v corr=%v", r, c, kr, kc, o.Mode, corr)
		}
	}
}

// TestChoose checks that the cost model takes each method where it should: direct sums for
// small kernels, one transform for a kernel as large as the image, tiles for a medium kernel
// on a large image.
func TestChoose(t *testing.T) {
	assert.Greater(t, planFFT(2048, 2048, 5, 5, 2048, 2048, true).cost, directCost*directOps(2048, 2048, 5, 5))
	whole := planFFT(1023, 1023, 512, 512, 512, 512, true)
	assert.True(t, whole.whole, "512×512 ⊛ 512×512: %+v", whole)
	tiles := planFFT(2048, 2048, 31, 31, 2048, 2048, false)
	assert.False(t, tiles.whole)
	assert.Less(t, tiles.tr, 2048, "2048×2048 ⊛ 31×31 symm: %+v", tiles)
	assert.Less(t, tiles.cost, directCost*directOps(2048, 2048, 31, 31))
}

// TestConcurrent runs convolutions and filters of several sizes (sharing cached plans and
// pooled scratch) from many goroutines and checks each result against the serial one, bit
// for bit.
func TestConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	type tc struct{ in, k Matrix }
	var cases []tc
	for _, s := range [][2]int{{60, 20}, {100, 9}, {80, 40}, {33, 33}} {
		cases = append(cases, tc{randMatrix(rng, s[0], s[0]+7, false), randMatrix(rng, s[1], s[1]+2, false)})
	}
	o := Options{Mode: poly.Same, Boundary: Mirror}
	want := make([]Matrix, len(cases))
	for i, c := range cases {
		want[i] = Convolve(Matrix{}, c.in, c.k, o)
	}
	plan2s.Clear()
	done := make(chan error, 8)
	for g := range 8 {
		go func() {
			for r := range 4 {
				i := (g + r) % len(cases)
				got := Convolve(Matrix{}, cases[i].in, cases[i].k, o)
				for p := range got.Data {
					if got.Data[p] != want[i].Data[p] {
						done <- fmt.Errorf("goroutine %d case %d: [%d] = %v, want %v", g, i, p, got.Data[p], want[i].Data[p])
						return
					}
				}
				GaussianFilter(Matrix{}, cases[i].in, 2, Symm, 0)
			}
			done <- nil
		}()
	}
	for range 8 {
		require.NoError(t, <-done)
	}
}

// refSum returns output (m, n) of the job as a compensated sum (TwoSum for the additions,
// FMA for each product's error), about as accurate as twice the working precision.
func refSum(j *job, m, n int) float64 {
	var s, c float64
	for a := range j.k.Rows {
		for b := range j.k.Cols {
			v := j.ext.fill
			r, q := j.ext.b.index(j.r0+m+a, j.ext.src.Rows), j.ext.b.index(j.c0+n+b, j.ext.src.Cols)
			if r >= 0 && q >= 0 {
				v = j.ext.src.At(r, q)
			}
			w := j.k.At(a, b)
			p := v * w
			pe := math.FMA(v, w, -p)
			t := s + p
			bp := t - s
			c += (s - (t - bp)) + (p - bp) + pe
			s = t
		}
	}
	return s + c
}

// TestFFTAccuracy measures the FFT methods' error against compensated sums on sampled
// outputs, for inputs of random sign, of one sign and over nine decades, and checks the
// bound documented on Convolve: ε·(log₂(nr·nc)+3)·‖patch‖₂·‖kernel‖₂.
func TestFFTAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	gens := map[string]func() float64{
		"uniform":  func() float64 { return 2*rng.Float64() - 1 },
		"positive": rng.Float64,
		"wide":     func() float64 { return math.Exp(20*rng.Float64() - 10) },
	}
	worst := 0.0
	for _, sz := range [][4]int{{64, 64, 20, 20}, {150, 90, 31, 17}, {200, 200, 64, 64}, {97, 101, 97, 101}} {
		for name, gen := range gens {
			in, k := NewMatrix(sz[0], sz[1], nil), NewMatrix(sz[2], sz[3], nil)
			for i := range in.Data {
				in.Data[i] = gen()
			}
			for i := range k.Data {
				k.Data[i] = gen()
			}
			for _, b := range []Boundary{Fill, Symm} {
				o := Options{Mode: poly.Full, Boundary: b}
				j := newJob(in, k, o, false)
				rows, cols := OutputShape(sz[0], sz[1], sz[2], sz[3], o.Mode)
				j.out = NewMatrix(rows, cols, nil)
				fp := planFFT(rows, cols, sz[2], sz[3], sz[0], sz[1], b == Fill)
				if fp.whole {
					fftWhole(&j, fp, false)
				} else {
					fftTiles(&j, fp, false)
				}
				var pn, kn float64
				for m := range j.patchRows() {
					for n := range j.patchCols() {
						r, q := j.ext.b.index(j.r0+m, in.Rows), j.ext.b.index(j.c0+n, in.Cols)
						if r >= 0 && q >= 0 {
							pn += in.At(r, q) * in.At(r, q)
						}
					}
				}
				for _, v := range k.Data {
					kn += v * v
				}
				bound := 0x1p-53 * (math.Log2(float64(fp.nr*2*fp.mc)) + 3) * math.Sqrt(pn) * math.Sqrt(kn)
				var e float64
				for range 200 {
					m, n := rng.IntN(rows), rng.IntN(cols)
					e = max(e, math.Abs(j.out.At(m, n)-refSum(&j, m, n)))
				}
				worst = max(worst, e/bound)
				t.Logf("%v %s %v: max error %.3g, bound %.3g (ratio %.3f), plan %+v", sz, name, b, e, bound, e/bound, fp)
				assert.LessOrEqual(t, e, bound, "%v %s %v", sz, name, b)
			}
		}
	}
	t.Logf("worst ratio to the bound: %.3f", worst)
}
