package poly

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/polyconv/polyconv/internal/fft"
)

// refCorrelate is numpy's _pyarray_correlate written out independently of convolve.go: the
// longer operand goes first (inverted records the swap), the window starts nLeft outputs
// before full overlap, each output is a plain sum, and a swapped result is reversed.
func refCorrelate(a, v []float64, mode Mode) []float64 {
	inverted := false
	if len(a) < len(v) {
		a, v = v, a
		inverted = true
	}
	n1, n2 := len(a), len(v)
	var nLeft, length int
	switch mode {
	case Valid:
		nLeft, length = 0, n1-n2+1
	case Same:
		nLeft, length = n2/2, n1
	case Full:
		nLeft, length = n2-1, n1+n2-1
	}
	out := make([]float64, length)
	for j := range out {
		k := j - nLeft
		var s float64
		for i := range v {
			if i+k >= 0 && i+k < n1 {
				s += a[i+k] * v[i]
			}
		}
		out[j] = s
	}
	if inverted {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

// refConvolve is numpy.convolve as numeric.py writes it: swap so the first operand is the
// longer, then correlate with the second reversed.
func refConvolve(a, v []float64, mode Mode) []float64 {
	if len(v) > len(a) {
		a, v = v, a
	}
	r := make([]float64, len(v))
	for i := range v {
		r[len(v)-1-i] = v[i]
	}
	return refCorrelate(a, r, mode)
}

var modes = []Mode{Full, Same, Valid}

// smallInts returns n random integers in [−8, 8], so every sum of products is exact and any
// method must reproduce the reference bit for bit.
func smallInts(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(rng.IntN(17) - 8)
	}
	return x
}

func uniform(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 2*rng.Float64() - 1
	}
	return x
}

// TestConvolveNumpyDocs checks the worked examples of the numpy.convolve documentation.
func TestConvolveNumpyDocs(t *testing.T) {
	x := []float64{1, 2, 3}
	y := []float64{0, 1, 0.5}
	for _, tc := range []struct {
		mode Mode
		want []float64
	}{
		{Full, []float64{0, 1, 2.5, 4, 1.5}},
		{Same, []float64{1, 2.5, 4}},
		{Valid, []float64{2.5}},
	} {
		assert.Equal(t, tc.want, Convolve(nil, x, y, tc.mode), "%v", tc.mode)
	}
	// numpy.correlate documentation: [1, 2, 3] with [0, 1, 0.5].
	assert.Equal(t, []float64{3.5}, Correlate(nil, x, y, Valid))
	assert.Equal(t, []float64{2, 3.5, 3}, Correlate(nil, x, y, Same))
	assert.Equal(t, []float64{0.5, 2, 3.5, 3, 0}, Correlate(nil, x, y, Full))
	// Swapped operands: numpy documents the time-reversed result for full mode.
	assert.Equal(t, []float64{0, 3, 3.5, 2, 0.5}, Correlate(nil, y, x, Full))
}

// TestConvolveAllLengths compares Convolve and Correlate with the reference for every pair
// of lengths up to 40×40 in every mode, both operand orders, on exact integer data (bitwise
// equality) and on random doubles (relative to the sum of |terms|).
func TestConvolveAllLengths(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n <= 40; n++ {
		for m := 1; m <= 40; m++ {
			xi, yi := smallInts(rng, n), smallInts(rng, m)
			xf, yf := uniform(rng, n), uniform(rng, m)
			for _, mode := range modes {
				assert.Equal(t, refConvolve(xi, yi, mode), Convolve(nil, xi, yi, mode), "convolve n=%d m=%d %v", n, m, mode)
				assert.Equal(t, refCorrelate(xi, yi, mode), Correlate(nil, xi, yi, mode), "correlate n=%d m=%d %v", n, m, mode)
				checkClose(t, refConvolve(xf, yf, mode), Convolve(nil, xf, yf, mode), 1e-14, "convolve n=%d m=%d %v", n, m, mode)
				checkClose(t, refCorrelate(xf, yf, mode), Correlate(nil, xf, yf, mode), 1e-14, "correlate n=%d m=%d %v", n, m, mode)
			}
		}
	}
}

// checkClose reports an error unless got and want have the same length and agree to within
// tol absolute at every index.
func checkClose(t *testing.T, want, got []float64, tol float64, format string, args ...any) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf(format+": got length %d, want %d", append(args, len(got), len(want))...)
		return
	}
	for i := range want {
		if !(math.Abs(want[i]-got[i]) <= tol) {
			t.Errorf(format+": index %d: got %v, want %v (tol %g)", append(args, i, got[i], want[i], tol)...)
			return
		}
	}
}

type goldenCase struct {
	X, Y           []float64
	ConvolveFull   []float64 `json:"convolve_full"`
	ConvolveSame   []float64 `json:"convolve_same"`
	ConvolveValid  []float64 `json:"convolve_valid"`
	CorrelateFull  []float64 `json:"correlate_full"`
	CorrelateSame  []float64 `json:"correlate_same"`
	CorrelateValid []float64 `json:"correlate_valid"`
}

// TestConvolveNumpyGolden compares with outputs numpy produced (testdata/convolve_golden.py
// writes testdata/convolve_golden.json; rerun it to refresh).
func TestConvolveNumpyGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "convolve_golden.json"))
	require.NoError(t, err)
	var golden struct {
		Numpy string
		Cases []goldenCase
	}
	require.NoError(t, json.Unmarshal(data, &golden))
	require.NotEmpty(t, golden.Cases)
	for _, c := range golden.Cases {
		n, m := len(c.X), len(c.Y)
		want := map[Mode][2][]float64{
			Full:  {c.ConvolveFull, c.CorrelateFull},
			Same:  {c.ConvolveSame, c.CorrelateSame},
			Valid: {c.ConvolveValid, c.CorrelateValid},
		}
		for _, mode := range modes {
			checkClose(t, want[mode][0], Convolve(nil, c.X, c.Y, mode), 1e-14, "numpy convolve n=%d m=%d %v", n, m, mode)
			checkClose(t, want[mode][1], Correlate(nil, c.X, c.Y, mode), 1e-14, "numpy correlate n=%d m=%d %v", n, m, mode)
		}
	}
}

func TestModeString(t *testing.T) {
	assert.Equal(t, "full", Full.String())
	assert.Equal(t, "same", Same.String())
	assert.Equal(t, "valid", Valid.String())
	assert.Equal(t, "Mode(7)", Mode(7).String())
	assert.Equal(t, "Mode(-1)", Mode(-1).String())
}

func TestConvolvePanics(t *testing.T) {
	x, y := []float64{1, 2, 3}, []float64{4, 5}
	assert.PanicsWithValue(t, "poly: invalid Mode", func() { Convolve(nil, x, y, Mode(3)) })
	assert.PanicsWithValue(t, "poly: invalid Mode", func() { Correlate(nil, x, y, Mode(-1)) })
	assert.PanicsWithValue(t, "poly: invalid Mode", func() { Convolve(nil, nil, nil, Mode(3)) })
	assert.PanicsWithValue(t, "poly: dst has the wrong length", func() { Convolve(make([]float64, 3), x, y, Full) })
	assert.PanicsWithValue(t, "poly: dst has the wrong length", func() { Correlate(make([]float64, 5), x, y, Same) })
	assert.PanicsWithValue(t, "poly: dst has the wrong length", func() { Convolve(make([]float64, 1), nil, y, Full) })
	assert.PanicsWithValue(t, "poly: invalid Mode", func() { OutputLen(1, 1, Mode(9)) })
	assert.PanicsWithValue(t, "poly: negative length", func() { OutputLen(-1, 1, Full) })
}

// TestConvolveEmpty documents the departure from numpy (which raises ValueError): an empty
// operand is the zero polynomial and the result is empty in every mode.
func TestConvolveEmpty(t *testing.T) {
	x := []float64{1, 2, 3}
	for _, mode := range modes {
		for _, f := range []func([]float64, []float64, []float64, Mode) []float64{Convolve, Correlate} {
			got := f(nil, x, nil, mode)
			assert.NotNil(t, got)
			assert.Empty(t, got)
			assert.Empty(t, f(nil, []float64{}, x, mode))
			assert.Empty(t, f(nil, nil, nil, mode))
			assert.Empty(t, f([]float64{}, nil, x, mode))
			assert.Equal(t, 0, OutputLen(0, 3, mode))
		}
	}
}

// TestConvolveDst checks that a supplied dst is used and returned.
func TestConvolveDst(t *testing.T) {
	x, y := []float64{1, 2, 3}, []float64{0, 1, 0.5}
	dst := make([]float64, 5)
	got := Convolve(dst, x, y, Full)
	assert.Equal(t, []float64{0, 1, 2.5, 4, 1.5}, got)
	assert.Same(t, &dst[0], &got[0])
}

// TestConvolveAlias checks dst sharing memory with x or y, including partial overlap, for
// both methods (short inputs go direct, long ones through the FFT).
func TestConvolveAlias(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{7, 1500} {
		for _, mode := range modes {
			for _, corr := range []bool{false, true} {
				f, ref := Convolve, refConvolve
				if corr {
					f, ref = Correlate, refCorrelate
				}
				x, y := smallInts(rng, n), smallInts(rng, n)
				want := ref(x, y, mode)
				l := OutputLen(n, n, mode)
				// dst is x itself (Same has length n) or a window over a buffer holding x.
				buf := make([]float64, n+l)
				copy(buf[l/2:], x)
				xa := buf[l/2 : l/2+n]
				got := f(buf[:l], xa, y, mode)
				checkClose(t, want, got, 1e-9, "n=%d %v corr=%v dst overlaps x", n, mode, corr)
				copy(buf[l/2:], y)
				got = f(buf[:l], x, buf[l/2:l/2+n], mode)
				checkClose(t, want, got, 1e-9, "n=%d %v corr=%v dst overlaps y", n, mode, corr)
				// Re-capped slices: dst's capacity ends where it does, so the backing
				// arrays' last elements differ although the slices overlap.
				// x lies before dst, so writing dst in order would clobber inputs not yet read.
				b2 := make([]float64, n+l)
				copy(b2, x)
				got = f(b2[n/2:n/2+l:n/2+l], b2[:n], y, mode)
				checkClose(t, want, got, 1e-9, "n=%d %v corr=%v re-capped dst overlaps x", n, mode, corr)
				if mode == Same {
					xc, yc := append([]float64(nil), x...), append([]float64(nil), y...)
					checkClose(t, want, f(xc, xc, yc, mode), 1e-9, "n=%d corr=%v dst is x", n, corr)
					xc = append([]float64(nil), x...)
					checkClose(t, want, f(yc, xc, yc, mode), 1e-9, "n=%d corr=%v dst is y", n, corr)
					xc = append([]float64(nil), x...)
					checkClose(t, ref(x, x, mode), f(xc, xc, xc, mode), 1e-9, "n=%d corr=%v dst is x and y", n, corr)
				}
			}
		}
	}
}

func TestDirectOps(t *testing.T) {
	for n := 1; n <= 12; n++ {
		for m := 1; m <= 12; m++ {
			for off := 0; off < n+m-1; off++ {
				for length := 0; off+length <= n+m-1; length++ {
					want := 0
					for k := off; k < off+length; k++ {
						for i := 0; i < n; i++ {
							if k-i >= 0 && k-i < m {
								want++
							}
						}
					}
					if got := directOps(n, m, off, length); got != float64(want) {
						t.Fatalf("directOps(%d, %d, %d, %d) = %v, want %d", n, m, off, length, got, want)
					}
				}
			}
		}
	}
}

// TestConvolveNonFinite checks the documented NaN/Inf behaviour at sizes that take the FFT
// paths: outputs are NaN or ±Inf exactly where the direct sums put them, and the other
// outputs are unaffected. Cases: single and several non-finite values in either operand,
// Inf meeting exact zeros (0·Inf = NaN), a long operand (overlap-save path), and so many
// NaNs that Convolve sums directly.
func TestConvolveNonFinite(t *testing.T) {
	if meth, _ := chooseMethod(600, 607, 0, 1206); meth == methodDirect {
		t.Fatal("n=600 no longer takes an FFT path; the test would not exercise the fix-up")
	}
	if meth, _ := chooseMethod(5000, 100, 0, 5099); meth != methodBlocked {
		t.Fatal("5000×100 no longer takes the overlap-save path")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	nan, inf := math.NaN(), math.Inf(1)
	type setup func(x, y []float64)
	cases := map[string]setup{
		"NaN in x":       func(x, y []float64) { x[len(x)/3] = nan },
		"+Inf in x":      func(x, y []float64) { x[len(x)/3] = inf },
		"+Inf, −Inf":     func(x, y []float64) { x[len(x)/3] = inf; y[len(y)/2] = -inf },
		"−Inf, NaN":      func(x, y []float64) { x[1] = -inf; y[len(y)-1] = nan },
		"Inf meets zero": func(x, y []float64) { x[7] = inf; y[3] = 0; y[10] = 0; y[0] = -inf; x[0] = 0 },
		"several": func(x, y []float64) {
			x[0], x[5], x[len(x)-1] = nan, inf, -inf
			y[2], y[len(y)/2] = inf, inf
		},
		"mostly NaN": func(x, y []float64) {
			for i := range x {
				if i%3 == 0 {
					x[i] = nan
				}
			}
		},
	}
	sizes := [][2]int{{50, 57}, {600, 607}, {5000, 100}}
	if !testing.Short() {
		sizes = append(sizes, [2]int{100, 5000})
	}
	for _, sz := range sizes {
		for name, set := range cases {
			x, y := uniform(rng, sz[0]), uniform(rng, sz[1])
			set(x, y)
			for _, mode := range modes {
				for _, corr := range []bool{false, true} {
					f, ref := Convolve, refConvolve
					if corr {
						f, ref = Correlate, refCorrelate
					}
					want, got := ref(x, y, mode), f(nil, x, y, mode)
					require.Equal(t, len(want), len(got))
					for i := range want {
						msg := fmt.Sprintf("%dx%d %s %v corr=%v: output %d = %v, want %v", sz[0], sz[1], name, mode, corr, i, got[i], want[i])
						switch {
						case math.IsNaN(want[i]):
							require.True(t, math.IsNaN(got[i]), msg)
						case math.IsInf(want[i], 0):
							require.Equal(t, want[i], got[i], msg)
						default:
							require.InDelta(t, want[i], got[i], 1e-12, msg)
						}
					}
				}
			}
		}
	}
}

// TestConvolveHuge checks that inputs large enough for the transforms to overflow are summed
// directly (with an FFT they would come back as Inf or NaN).
func TestConvolveHuge(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	x, y := uniform(rng, 600), uniform(rng, 600)
	for i := range x {
		x[i] *= 1e150
		y[i] *= 1e150
	}
	want, got := refConvolve(x, y, Full), Convolve(nil, x, y, Full)
	for i := range want {
		require.False(t, math.IsNaN(got[i]) || math.IsInf(got[i], 0), "output %d = %v", i, got[i])
		require.InDelta(t, want[i]/1e300, got[i]/1e300, 1e-12, "output %d", i)
	}
}

// TestConvolveConcurrent runs convolutions of several sizes (sharing cached FFT plans and
// scratch pools) from many goroutines and checks each result against the serial one, bit
// for bit: the method is deterministic.
func TestConvolveConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	sizes := []int{40, 500, 1000, 3001, 20000}
	xs, ys, want := make([][]float64, len(sizes)), make([][]float64, len(sizes)), make([][]float64, len(sizes))
	for i, n := range sizes {
		xs[i], ys[i] = uniform(rng, n), uniform(rng, n/2+1)
		want[i] = Convolve(nil, xs[i], ys[i], Full)
	}
	// Fresh plans, so that goroutines also race to build them.
	fft.ClearCache()
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range 6 {
				i := (g + r) % len(sizes)
				got := Convolve(nil, xs[i], ys[i], Full)
				for k := range got {
					if got[k] != want[i][k] {
						errs <- fmt.Sprintf("goroutine %d, n=%d: output %d = %v, want %v", g, sizes[i], k, got[k], want[i][k])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// FuzzConvolve compares Convolve and Correlate (whatever method they pick) with the
// reference on small-integer data derived from the fuzz input, where every method must be
// within a tiny absolute error of the exact result.
func FuzzConvolve(f *testing.F) {
	f.Add([]byte{1, 2, 3, 0, 1, 2}, uint16(3), uint8(0))
	f.Add(make([]byte, 400), uint16(150), uint8(1))
	f.Add(make([]byte, 1200), uint16(1000), uint8(5))
	nonFinite := make([]byte, 900)
	nonFinite[10], nonFinite[300], nonFinite[700] = 0x80, 0x7f, 0x81
	f.Add(nonFinite, uint16(400), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, split uint16, sel uint8) {
		if len(data) == 0 || len(data) > 5000 {
			return
		}
		k := int(split) % (len(data) + 1)
		toFloats := func(b []byte) []float64 {
			x := make([]float64, len(b))
			for i, v := range b {
				switch int8(v) {
				case -128:
					x[i] = math.NaN()
				case 127:
					x[i] = math.Inf(1)
				case -127:
					x[i] = math.Inf(-1)
				default:
					x[i] = float64(int8(v))
				}
			}
			return x
		}
		x, y := toFloats(data[:k]), toFloats(data[k:])
		mode := modes[int(sel)%3]
		f, ref := Convolve, refConvolve
		if sel&4 != 0 {
			f, ref = Correlate, refCorrelate
		}
		got := f(nil, x, y, mode)
		if len(x) == 0 || len(y) == 0 {
			if len(got) != 0 {
				t.Fatalf("empty input gave %v", got)
			}
			return
		}
		// Integer sums of at most 5000 products of magnitude ≤ 128² are exact in the
		// reference; the FFT's error is far below 1e-6 at these sizes. Bytes 0x80, 0x7f and
		// 0x81 are NaN, +Inf and −Inf, which must land where the direct sums put them.
		want := ref(x, y, mode)
		if len(got) != len(want) {
			t.Fatalf("got length %d, want %d", len(got), len(want))
		}
		for i := range want {
			same := math.Abs(got[i]-want[i]) <= 1e-6 || got[i] == want[i] || math.IsNaN(got[i]) && math.IsNaN(want[i])
			if !same {
				t.Fatalf("n=%d m=%d %v corr=%v: output %d = %v, want %v", len(x), len(y), mode, sel&4 != 0, i, got[i], want[i])
			}
		}
	})
}
