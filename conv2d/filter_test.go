package conv2d

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/poly"
	"github.com/stretchr/testify/assert"
)

// TestFilters checks GaussianFilter and UniformFilter against the 1-D references on random
// shapes (views among them, and images smaller than the kernel), every boundary, band
// boundaries (filterBandRows small) and both uniform methods.
func TestFilters(t *testing.T) {
	defer func(n, m int) { filterBandRows, uniformDirectMax = n, m }(filterBandRows, uniformDirectMax)
	rng := rand.New(rand.NewPCG(11, 12))
	for it := range 200 {
		filterBandRows = []int{32, 1, 3, 7}[it%4]
		uniformDirectMax = []int{11, 0}[it%2]
		r, c := 1+rng.IntN(40), 1+rng.IntN(40)
		in := randMatrix(rng, r, c, true)
		b := boundaries[rng.IntN(5)]
		cval := rng.Float64()
		sigma := 0.2 + 4*rng.Float64()
		g := GaussianKernel(sigma, 4)
		want := refCorrelate1D(refCorrelate1D(in, g, 0, b, cval), g, 1, b, cval)
		checkMatrix(t, want, GaussianFilter(Matrix{}, in, sigma, b, cval), 1e-14, "gaussian %d×%d σ=%v %v", r, c, sigma, b)
		size := 1 + rng.IntN(20)
		checkMatrix(t, refUniform(in, size, b, cval), UniformFilter(Matrix{}, in, size, b, cval), 1e-13, "uniform %d×%d size=%d %v", r, c, size, b)
	}
}

// TestFiltersInPlace checks dst aliasing in (a filter in place) and dst views.
func TestFiltersInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	in := randMatrix(rng, 70, 45, false)
	for _, b := range boundaries {
		want := GaussianFilter(Matrix{}, in, 2, b, 0.5)
		x := in.clone()
		GaussianFilter(x, x, 2, b, 0.5)
		checkMatrix(t, want, x, 0, "gaussian in place %v", b)
		want = UniformFilter(Matrix{}, in, 20, b, 0.5)
		x = in.clone()
		UniformFilter(x, x, 20, b, 0.5)
		checkMatrix(t, want, x, 0, "uniform in place %v", b)
	}
	// sigma = 0 and size = 1 copy, also into a view.
	big := NewMatrix(72, 50, nil)
	view := Matrix{Rows: 70, Cols: 45, Stride: 50, Data: big.Data[51:]}
	checkMatrix(t, in, GaussianFilter(view, in, 0, Symm, 0), 0, "sigma 0")
	checkMatrix(t, in, UniformFilter(Matrix{}, in, 1, Wrap, 0), 0, "size 1")
	assert.Equal(t, 0.0, big.At(0, 0))
}

// TestFiltersNonFinite checks that NaN and ±Inf stay in the windows that hold them.
func TestFiltersNonFinite(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for range 50 {
		in := randMatrix(rng, 5+rng.IntN(30), 5+rng.IntN(30), false)
		in.Set(rng.IntN(in.Rows), rng.IntN(in.Cols), []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[rng.IntN(3)])
		in.Set(rng.IntN(in.Rows), rng.IntN(in.Cols), math.Inf(1))
		b := boundaries[rng.IntN(5)]
		size := 2 + rng.IntN(25)
		checkMatrix(t, refUniform(in, size, b, 0), UniformFilter(Matrix{}, in, size, b, 0), 1e-13, "uniform size=%d %v", size, b)
		g := GaussianKernel(1.5, 4)
		checkMatrix(t, refCorrelate1D(refCorrelate1D(in, g, 0, b, 0), g, 1, b, 0), GaussianFilter(Matrix{}, in, 1.5, b, 0), 1e-13, "gaussian %v", b)
	}
}

// TestGaussianKernel checks the kernel's radius rule, symmetry and sum, and the panics.
func TestGaussianKernel(t *testing.T) {
	for _, c := range []struct {
		sigma, truncate float64
		radius          int
	}{{1, 4, 4}, {3, 4, 12}, {0.1, 4, 0}, {0.125, 4, 1}, {2.5, 1, 3}, {1, 0, 0}} {
		w := GaussianKernel(c.sigma, c.truncate)
		assert.Len(t, w, 2*c.radius+1, "σ=%v truncate=%v", c.sigma, c.truncate)
		var s float64
		for i, v := range w {
			s += v
			assert.Equal(t, v, w[len(w)-1-i])
		}
		assert.InDelta(t, 1, s, 1e-15)
	}
	assert.PanicsWithValue(t, "conv2d: sigma must be positive and finite", func() { GaussianKernel(0, 4) })
	assert.PanicsWithValue(t, "conv2d: sigma must be positive and finite", func() { GaussianKernel(math.NaN(), 4) })
	assert.PanicsWithValue(t, "conv2d: truncate must be non-negative and finite", func() { GaussianKernel(1, -1) })
	assert.PanicsWithValue(t, "conv2d: Gaussian radius too large", func() { GaussianKernel(1e9, 4) })
	assert.PanicsWithValue(t, "conv2d: sigma must be non-negative and finite", func() { GaussianFilter(Matrix{}, NewMatrix(2, 2, nil), -1, Symm, 0) })
	assert.PanicsWithValue(t, "conv2d: size must be positive", func() { UniformFilter(Matrix{}, NewMatrix(2, 2, nil), 0, Symm, 0) })
	assert.PanicsWithValue(t, "conv2d: invalid Boundary", func() { UniformFilter(Matrix{}, NewMatrix(2, 2, nil), 3, Boundary(-1), 0) })
	assert.PanicsWithValue(t, "conv2d: dst has the wrong shape", func() { GaussianFilter(NewMatrix(1, 2, nil), NewMatrix(2, 2, nil), 1, Symm, 0) })
}

// TestBoundaryNames checks String and ParseBoundary, which accepts scipy's and numpy's
// spellings.
func TestBoundaryNames(t *testing.T) {
	for _, b := range boundaries {
		p, err := ParseBoundary(b.String())
		assert.NoError(t, err)
		assert.Equal(t, b, p)
	}
	for name, b := range map[string]Boundary{"constant": Fill, "reflect": Symm, "symmetric": Symm, "edge": Nearest, "grid-wrap": Wrap, "circular": Wrap} {
		p, err := ParseBoundary(name)
		assert.NoError(t, err)
		assert.Equal(t, b, p, name)
	}
	_, err := ParseBoundary("")
	assert.EqualError(t, err, `conv2d: unknown boundary "" (want fill, wrap, symm, nearest or mirror)`)
	assert.Equal(t, "Boundary(9)", Boundary(9).String())
}

// TestSeparable checks ConvolveSeparable against Convolve of the outer product on random
// shapes, modes and boundaries, including factors long enough that it takes the 2-D path.
func TestSeparable(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for range 150 {
		r, c := 1+rng.IntN(30), 1+rng.IntN(30)
		kr, kc := rng.IntN(12), rng.IntN(12)
		if rng.IntN(10) == 0 {
			kr, kc = 30+rng.IntN(40), 30+rng.IntN(40)
		}
		in := randMatrix(rng, r, c, true)
		col, row := randMatrix(rng, 1, kr, false).Data, randMatrix(rng, 1, kc, false).Data
		mode := modes[rng.IntN(3)]
		if mode == poly.Valid && !validOK(r, c, kr, kc) {
			mode = poly.Same
		}
		o := Options{Mode: mode, Boundary: boundaries[rng.IntN(5)], FillValue: 0.5}
		want := refConvolve2D(in, outer(col, row), o, false)
		checkMatrix(t, want, ConvolveSeparable(Matrix{}, in, col, row, o), 1e-13, "%d×%d ⊛ %d·%d %v %v", r, c, kr, kc, mode, o.Boundary)
	}
	// In place.
	in := randMatrix(rng, 20, 20, false)
	o := Options{Mode: poly.Same, Boundary: Mirror}
	want := ConvolveSeparable(Matrix{}, in, []float64{1, 2, 1}, []float64{-1, 0, 1}, o)
	ConvolveSeparable(in, in, []float64{1, 2, 1}, []float64{-1, 0, 1}, o)
	checkMatrix(t, want, in, 0, "in place")
}
