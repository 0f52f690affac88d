package conv2d

import (
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/poly"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	modes      = []poly.Mode{poly.Full, poly.Same, poly.Valid}
	boundaries = []Boundary{Fill, Wrap, Symm, Nearest, Mirror}
)

// validOK reports whether Valid mode accepts the shapes.
func validOK(r, c, kr, kc int) bool { return (r >= kr && c >= kc) || (kr >= r && kc >= c) }

// TestConvolveSmall checks Convolve and Correlate against the reference on every small
// shape (including empty operands and kernels larger than the input), mode and boundary:
// on these shapes the direct sums run, and they must give the reference's values bit for
// bit (they add the same terms in the same order).
func TestConvolveSmall(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for r := range 5 {
		for c := range 5 {
			for kr := range 6 {
				for kc := range 6 {
					in, k := randMatrix(rng, r, c, true), randMatrix(rng, kr, kc, true)
					for _, mode := range modes {
						if mode == poly.Valid && !validOK(r, c, kr, kc) {
							continue
						}
						for _, b := range boundaries {
							if in.empty() && b != Fill && !k.empty() && mode != poly.Valid {
								rows, cols := OutputShape(r, c, kr, kc, mode)
								if rows > 0 && cols > 0 {
									assert.PanicsWithValue(t, "conv2d: cannot extend an empty input with boundary "+b.String(), func() { Convolve(Matrix{}, in, k, Options{Mode: mode, Boundary: b}) })
									continue
								}
							}
							o := Options{Mode: mode, Boundary: b, FillValue: rng.Float64() * 3}
							for _, corr := range []bool{false, true} {
								want := refConvolve2D(in, k, o, corr)
								got := run(Matrix{}, in, k, o, corr)
								checkMatrix(t, want, got, 0, "%d×%d ⊛ %d×%d %v %v corr=%v", r, c, kr, kc, mode, b, corr)
							}
						}
					}
				}
			}
		}
	}
}

// TestConvolveShapes checks OutputShape and the panics for impossible Valid shapes and bad
// arguments.
func TestConvolveShapes(t *testing.T) {
	r, c := OutputShape(3, 4, 2, 7, poly.Full)
	assert.Equal(t, [2]int{4, 10}, [2]int{r, c})
	r, c = OutputShape(0, 0, 0, 0, poly.Full)
	assert.Equal(t, [2]int{0, 0}, [2]int{r, c})
	r, c = OutputShape(2, 3, 5, 7, poly.Valid)
	assert.Equal(t, [2]int{4, 5}, [2]int{r, c})
	r, c = OutputShape(0, 3, 3, 3, poly.Valid) // scipy gives (4, 1) zeros
	assert.Equal(t, [2]int{4, 1}, [2]int{r, c})
	msg := "conv2d: Valid mode needs one operand at least as large as the other in every dimension"
	assert.PanicsWithValue(t, msg, func() { OutputShape(2, 3, 3, 2, poly.Valid) })
	assert.PanicsWithValue(t, msg, func() { Convolve(Matrix{}, NewMatrix(2, 3, nil), NewMatrix(3, 2, nil), Options{Mode: poly.Valid}) })
	assert.PanicsWithValue(t, "conv2d: invalid Mode", func() { OutputShape(1, 1, 1, 1, poly.Mode(7)) })
	assert.PanicsWithValue(t, "conv2d: invalid Boundary", func() {
		Convolve(Matrix{}, NewMatrix(2, 2, nil), NewMatrix(1, 1, nil), Options{Boundary: 9})
	})
	assert.PanicsWithValue(t, "conv2d: dst has the wrong shape", func() {
		Convolve(NewMatrix(2, 2, nil), NewMatrix(2, 2, nil), NewMatrix(2, 2, nil), Options{})
	})
	assert.PanicsWithValue(t, "conv2d: in has Stride < Cols", func() {
		Convolve(Matrix{}, Matrix{Rows: 2, Cols: 2, Stride: 1, Data: make([]float64, 4)}, NewMatrix(1, 1, nil), Options{})
	})
	assert.PanicsWithValue(t, "conv2d: kernel has too little Data for its shape", func() {
		Convolve(Matrix{}, NewMatrix(2, 2, nil), Matrix{Rows: 2, Cols: 2, Stride: 2, Data: make([]float64, 3)}, Options{})
	})
}

// TestConvolveAlias checks dst aliasing in (a same-mode filter in place) and the kernel,
// and dst views with Stride > Cols.
func TestConvolveAlias(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][4]int{{7, 9, 3, 3}, {40, 33, 5, 4}, {3, 3, 3, 3}} {
		in, k := randMatrix(rng, sz[0], sz[1], false), randMatrix(rng, sz[2], sz[3], false)
		for _, b := range boundaries {
			o := Options{Mode: poly.Same, Boundary: b, FillValue: 0.5}
			want := Convolve(Matrix{}, in, k, o)
			x := in.clone()
			got := Convolve(x, x, k, o)
			checkMatrix(t, want, got, 0, "in place %v", b)
			require.Equal(t, &x.Data[0], &got.Data[0])
			// dst is a view into a larger array whose other elements must stay untouched.
			big := NewMatrix(sz[0]+2, sz[1]+3, nil)
			for i := range big.Data {
				big.Data[i] = 42
			}
			view := Matrix{Rows: sz[0], Cols: sz[1], Stride: big.Stride, Data: big.Data[big.Stride+1:]}
			Correlate(view, in, k, o)
			checkMatrix(t, Correlate(Matrix{}, in, k, o), view, 0, "view %v", b)
			assert.Equal(t, 42.0, big.At(0, 0))
			assert.Equal(t, 42.0, big.At(1, 0))
			assert.Equal(t, 42.0, big.At(1, sz[1]+1))
		}
		// dst is the kernel (Valid, kernel as large as in).
		kk := in.clone()
		want := Convolve(Matrix{}, in, kk, Options{Mode: poly.Valid})
		got := Convolve(NewMatrix(1, 1, kk.Data[:1]), in, kk, Options{Mode: poly.Valid})
		checkMatrix(t, want, got, 0, "dst aliases kernel")
	}
}

// FuzzConvolve compares Convolve and Correlate with the reference on shapes, values, modes
// and boundaries drawn from the fuzzer's bytes (small shapes: the direct sums, bit for bit;
// kernels over 64 elements: the FFT methods, to 1e-12 of the scale).
func FuzzConvolve(f *testing.F) {
	f.Add([]byte{3, 4, 2, 2, 0, 0, 1, 2, 3, 4, 5})
	f.Add([]byte{9, 9, 9, 9, 1, 2, 200, 100, 50})
	f.Add([]byte{20, 30, 10, 12, 2, 4, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 6 {
			return
		}
		r, c, kr, kc := int(data[0]%24), int(data[1]%24), int(data[2]%16), int(data[3]%16)
		mode, b := modes[int(data[4])%3], boundaries[int(data[5])%5]
		corr := data[4]&8 != 0
		if mode == poly.Valid && !validOK(r, c, kr, kc) {
			return
		}
		if r*c == 0 && b != Fill {
			b = Fill
		}
		vals := data[6:]
		next := 0
		val := func() float64 {
			if len(vals) == 0 {
				return 1
			}
			v := vals[next%len(vals)]
			next++
			return float64(int(v)-128) / 16
		}
		in, k := NewMatrix(r, c, nil), NewMatrix(kr, kc, nil)
		for i := range in.Data {
			in.Data[i] = val()
		}
		for i := range k.Data {
			k.Data[i] = val()
		}
		o := Options{Mode: mode, Boundary: b, FillValue: val()}
		tol := 0.0
		if kr*kc > directMaxTaps {
			tol = 1e-12
		}
		checkMatrix(t, refConvolve2D(in, k, o, corr), run(Matrix{}, in, k, o, corr), tol, "%d×%d ⊛ %d×%d %v %v corr=%v", r, c, kr, kc, mode, b, corr)
	})
}

// TestDirectRows runs the direct sums with a band limit of zero, so that every job takes
// directRows (one extended row at a time), and checks them bit for bit against the
// reference on random shapes, modes and boundaries, and through the filters.
func TestDirectRows(t *testing.T) {
	defer func(m int) { directMaxBandPoints = m }(directMaxBandPoints)
	directMaxBandPoints = 0
	rng := rand.New(rand.NewPCG(23, 24))
	for range 300 {
		r, c, kr, kc := rng.IntN(12), rng.IntN(12), 1+rng.IntN(8), 1+rng.IntN(8)
		mode := modes[rng.IntN(3)]
		if mode == poly.Valid && !validOK(r, c, kr, kc) {
			continue
		}
		b := boundaries[rng.IntN(5)]
		if r*c == 0 {
			b = Fill
		}
		in, k := randMatrix(rng, r, c, true), randMatrix(rng, kr, kc, true)
		o := Options{Mode: mode, Boundary: b, FillValue: 0.5}
		corr := rng.IntN(2) == 0
		checkMatrix(t, refConvolve2D(in, k, o, corr), run(Matrix{}, in, k, o, corr), 0, "%d×%d ⊛ %d×%d %v %v corr=%v", r, c, kr, kc, mode, b, corr)
	}
	in := randMatrix(rng, 9, 300, false)
	g := GaussianKernel(40, 4)
	checkMatrix(t, refCorrelate1D(refCorrelate1D(in, g, 0, Mirror, 0), g, 1, Mirror, 0), GaussianFilter(Matrix{}, in, 40, Mirror, 0), 1e-14, "tall Gaussian")
}
