package conv2d

// Reviewer's adversarial tests. Everything here is checked against references written for
// this file (rvRef, rvFilter) and, where Debian's scipy is installed, against scipy itself
// through testdata/review_ref.py (values passed as IEEE bit patterns, so that the
// direct path's bit-identity and the placement of NaN and ±Inf are checked exactly).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/polyconv/polyconv/poly"
)

// rvIdx folds extension position j of a length-n sequence back into [0, n) by the
// boundary's own definition, one reflection or period at a time; −1 for Fill.
func rvIdx(b Boundary, j, n int) int {
	if j >= 0 && j < n {
		return j
	}
	switch b {
	case Wrap:
		for j < 0 {
			j += n
		}
		for j >= n {
			j -= n
		}
		return j
	case Symm: // d c b a | a b c d | d c b a
		for j < 0 || j >= n {
			if j < 0 {
				j = -j - 1
			} else {
				j = 2*n - 1 - j
			}
		}
		return j
	case Nearest:
		if j < 0 {
			return 0
		}
		return n - 1
	case Mirror: // d c b | a b c d | c b a
		if n == 1 {
			return 0
		}
		for j < 0 || j >= n {
			if j < 0 {
				j = -j
			} else {
				j = 2*n - 2 - j
			}
		}
		return j
	}
	return -1
}

// rvExt returns E(i, j): in extended by o's boundary.
func rvExt(in Matrix, o Options, i, j int) float64 {
	if in.empty() {
		return o.FillValue
	}
	r, c := rvIdx(o.Boundary, i, in.Rows), rvIdx(o.Boundary, j, in.Cols)
	if r < 0 || c < 0 {
		return o.FillValue
	}
	return in.Data[r*in.Stride+c]
}

// rvRef is scipy.signal.convolve2d / correlate2d from their definitions: the full
// convolution C(m, n) = Σ k(a, b)·E(m−a, n−b) (correlation: Σ k(a, b)·E(m−(kr−1)+a, …)),
// cut to the mode's window; Valid with the larger operand unextended (correlation
// reversed when swapped, as scipy does).
func rvRef(in, k Matrix, o Options, corr bool) Matrix {
	R, C := OutputShape(in.Rows, in.Cols, k.Rows, k.Cols, o.Mode)
	out := NewMatrix(R, C, nil)
	kr, kc := k.Rows, k.Cols
	at := func(m Matrix, i, j int) float64 { return m.Data[i*m.Stride+j] }
	if o.Mode == poly.Valid {
		big, small, swap := in, k, false
		if !(in.Rows >= kr && in.Cols >= kc) {
			big, small, swap = k, in, true
		}
		for m := range R {
			for n := range C {
				var s float64
				for a := range small.Rows {
					for b := range small.Cols {
						if corr {
							s += at(small, a, b) * at(big, m+a, n+b)
						} else {
							s += at(small, a, b) * at(big, m+small.Rows-1-a, n+small.Cols-1-b)
						}
					}
				}
				if corr && swap {
					out.Data[(R-1-m)*C+(C-1-n)] = s
				} else {
					out.Data[m*C+n] = s
				}
			}
		}
		return out
	}
	r0, c0 := 0, 0 // offset of the window in the full result
	if o.Mode == poly.Same {
		if corr {
			r0, c0 = kr/2, kc/2
		} else {
			r0, c0 = (kr-1)/2, (kc-1)/2
		}
	}
	for m := range R {
		for n := range C {
			fm, fn := m+r0, n+c0
			var s float64
			for a := range kr {
				for b := range kc {
					if corr {
						s += at(k, a, b) * rvExt(in, o, fm-(kr-1)+a, fn-(kc-1)+b)
					} else {
						s += at(k, a, b) * rvExt(in, o, fm-a, fn-b)
					}
				}
			}
			out.Data[m*C+n] = s
		}
	}
	return out
}

// rvView returns a copy of m laid out with Stride cols+pad and garbage (NaN) in the gaps.
func rvView(m Matrix, pad int) Matrix {
	s := m.Cols + pad
	d := make([]float64, max(0, (m.Rows-1)*s+m.Cols+pad))
	for i := range d {
		d[i] = math.NaN()
	}
	v := Matrix{Rows: m.Rows, Cols: m.Cols, Stride: s, Data: d}
	for i := range m.Rows {
		for j := range m.Cols {
			v.Data[i*s+j] = m.Data[i*m.Stride+j]
		}
	}
	return v
}

// rvDense returns a contiguous copy of m (Stride = Cols).
func rvDense(m Matrix) Matrix {
	c := NewMatrix(m.Rows, m.Cols, nil)
	for i := range m.Rows {
		for j := range m.Cols {
			c.Data[i*m.Cols+j] = m.Data[i*m.Stride+j]
		}
	}
	return c
}

// rvRand returns an r×c matrix: small integers if ints, else normal values, with a
// fraction bad of NaN/±Inf.
func rvRand(rng *rand.Rand, r, c int, ints bool, bad float64) Matrix {
	m := NewMatrix(r, c, nil)
	for i := range m.Data {
		switch {
		case rng.Float64() < bad:
			m.Data[i] = []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[rng.IntN(3)]
		case ints:
			m.Data[i] = float64(rng.IntN(19) - 9)
		default:
			m.Data[i] = rng.NormFloat64()
		}
	}
	return m
}

// rvScale is the largest magnitude an output can have: max|E| · Σ|k| over finite values.
func rvScale(in, k Matrix, fill float64) float64 {
	mx := 0.0
	if !math.IsNaN(fill) && !math.IsInf(fill, 0) {
		mx = math.Abs(fill)
	}
	for i := range in.Rows {
		for j := range in.Cols {
			if v := in.Data[i*in.Stride+j]; v-v == 0 {
				mx = max(mx, math.Abs(v))
			}
		}
	}
	var s float64
	for i := range k.Rows {
		for j := range k.Cols {
			if v := k.Data[i*k.Stride+j]; v-v == 0 {
				s += math.Abs(v)
			}
		}
	}
	return mx * s
}

// rvCompare reports the first difference between want and got: shapes, NaN where NaN,
// ±Inf where ±Inf, and finite values equal bit for bit (exact) or within tol.
func rvCompare(want, got Matrix, exact bool, tol float64) string {
	if want.Rows != got.Rows || want.Cols != got.Cols {
		return fmt.Sprintf("shape %d×%d, want %d×%d", got.Rows, got.Cols, want.Rows, want.Cols)
	}
	for i := range want.Rows {
		for j := range want.Cols {
			w, g := want.Data[i*want.Stride+j], got.Data[i*got.Stride+j]
			switch {
			case math.IsNaN(w) || math.IsNaN(g):
				if math.IsNaN(w) != math.IsNaN(g) {
					return fmt.Sprintf("(%d,%d) = %v, want %v", i, j, g, w)
				}
			case math.IsInf(w, 0) || math.IsInf(g, 0):
				if w != g {
					return fmt.Sprintf("(%d,%d) = %v, want %v", i, j, g, w)
				}
			case exact:
				if math.Float64bits(w) != math.Float64bits(g) && w != g { // ±0 are equal sums
					return fmt.Sprintf("(%d,%d) = %v, want %v bit for bit (diff %g)", i, j, g, w, g-w)
				}
			default:
				if !(math.Abs(w-g) <= tol) {
					return fmt.Sprintf("(%d,%d) = %v, want %v (diff %g > tol %g)", i, j, g, w, g-w, tol)
				}
			}
		}
	}
	return ""
}

// rvCase is one case for scipy and its answer.
type rvCase struct {
	Op       string   `json:"op"`
	In       []string `json:"in"`
	K        []string `json:"k,omitempty"`
	Mode     string   `json:"mode,omitempty"`
	Boundary string   `json:"boundary"`
	Fill     string   `json:"fill"`
	Sigma    float64  `json:"sigma,omitempty"`
	Size     int      `json:"size,omitempty"`

	in, k Matrix
	o     Options
	want  Matrix
	err   string
}

func rvBits(m Matrix) []string {
	s := []string{strconv.Itoa(m.Rows), strconv.Itoa(m.Cols)}
	for i := range m.Rows {
		for j := range m.Cols {
			s = append(s, strconv.FormatUint(math.Float64bits(m.Data[i*m.Stride+j]), 10))
		}
	}
	return s
}

// rvScipy answers the cases with testdata/review_ref.py, or skips t without scipy.
func rvScipy(t *testing.T, cs []*rvCase) {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import scipy, numpy").Run(); err != nil {
		t.Skipf("no scipy at %s: %v", py, err)
	}
	for _, c := range cs {
		c.In = rvBits(c.in)
		if c.k.Data != nil || c.k.Rows+c.k.Cols > 0 {
			c.K = rvBits(c.k)
		}
		c.Fill = strconv.FormatUint(math.Float64bits(c.o.FillValue), 10)
		c.Boundary = c.o.Boundary.String()
		if c.Op == "conv" || c.Op == "corr" {
			c.Mode = c.o.Mode.String()
		}
	}
	in, err := json.Marshal(cs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, filepath.Join("testdata", "review_ref.py"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("review_ref.py: %v: %s", err, stderr.String())
	}
	var res [][]string
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	if len(res) != len(cs) {
		t.Fatalf("%d answers for %d cases", len(res), len(cs))
	}
	for i, r := range res {
		if r[0] == "error" {
			cs[i].err = r[1]
			continue
		}
		rows, _ := strconv.Atoi(r[0])
		cols, _ := strconv.Atoi(r[1])
		m := NewMatrix(rows, cols, nil)
		for x, s := range r[2:] {
			u, _ := strconv.ParseUint(s, 10, 64)
			m.Data[x] = math.Float64frombits(u)
		}
		cs[i].want = m
	}
}

var rvModes = []poly.Mode{poly.Full, poly.Same, poly.Valid}
var rvBounds = []Boundary{Fill, Wrap, Symm, Nearest, Mirror}

// rvConvCases draws small cases (every mode and boundary, kernels larger than the input,
// even sizes, non-finite values and fill values) and FFT-sized ones.
func rvConvCases(rng *rand.Rand) []*rvCase {
	var cs []*rvCase
	fills := []float64{0, 2.5, -7, math.NaN(), math.Inf(1), math.Inf(-1), 1e300}
	sizes := []int{1, 2, 3, 4, 5, 7, 8}
	ksizes := []int{1, 2, 3, 4, 6, 8, 9, 11}
	add := func(r, c, kr, kc int, ints bool, bad float64) {
		mode := rvModes[rng.IntN(3)]
		if mode == poly.Valid && !((r >= kr && c >= kc) || (kr >= r && kc >= c)) {
			mode = poly.Same
		}
		o := Options{Mode: mode, Boundary: rvBounds[rng.IntN(5)], FillValue: fills[rng.IntN(len(fills))]}
		if rng.IntN(3) > 0 {
			o.FillValue = float64(rng.IntN(5) - 2)
		}
		op := []string{"conv", "corr"}[rng.IntN(2)]
		cs = append(cs, &rvCase{Op: op, in: rvRand(rng, r, c, ints, bad), k: rvRand(rng, kr, kc, ints, bad/2), o: o})
	}
	for range 500 {
		r, c := sizes[rng.IntN(len(sizes))], sizes[rng.IntN(len(sizes))]
		kr, kc := ksizes[rng.IntN(len(ksizes))], ksizes[rng.IntN(len(ksizes))]
		bad := 0.0
		if rng.IntN(4) == 0 {
			bad = 0.1
		}
		add(r, c, kr, kc, rng.IntN(2) == 0, bad)
	}
	// FFT-sized: more than 64 taps and enough work for the cost model to leave the direct
	// sums; tiny inputs under huge kernels (many periods of the extension), big ones under
	// medium kernels, and non-finite values for the fix-up.
	for it := range 36 {
		var r, c, kr, kc int
		switch it % 3 {
		case 0:
			r, c, kr, kc = 1+rng.IntN(6), 1+rng.IntN(6), 30+rng.IntN(30), 30+rng.IntN(30)
		case 1:
			r, c, kr, kc = 60+rng.IntN(70), 60+rng.IntN(70), 9+rng.IntN(15), 9+rng.IntN(15)
		case 2:
			r, c, kr, kc = 30+rng.IntN(30), 30+rng.IntN(30), 30+rng.IntN(35), 30+rng.IntN(35)
		}
		bad := 0.0
		if it%4 == 0 {
			bad = 0.002
		}
		add(r, c, kr, kc, it%5 == 0, bad)
	}
	return cs
}

// TestReviewScipyConvolve compares Convolve and Correlate with scipy (and rvRef with scipy)
// on small and FFT-sized cases, inputs and kernels as views with Stride > Cols and NaN in
// the gaps. Kernels of at most directMaxTaps elements are summed directly and must match
// scipy bit for bit for fill, wrap and symm (the package doc's claim); the rest within
// 1e-12 of the largest possible output.
func TestReviewScipyConvolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(2024, 12))
	cs := rvConvCases(rng)
	rvScipy(t, cs)
	nfail := 0
	for _, c := range cs {
		name := fmt.Sprintf("%s %d×%d⊛%d×%d %v %v fill=%v", c.Op, c.in.Rows, c.in.Cols, c.k.Rows, c.k.Cols, c.o.Mode, c.o.Boundary, c.o.FillValue)
		if c.err != "" {
			t.Errorf("%s: scipy: %s", name, c.err)
			continue
		}
		f := Convolve
		if c.Op == "corr" {
			f = Correlate
		}
		got := f(Matrix{}, rvView(c.in, 3), rvView(c.k, 1), c.o)
		ref := rvRef(c.in, c.k, c.o, c.Op == "corr")
		tol := 1e-12 * rvScale(c.in, c.k, c.o.FillValue)
		if d := rvCompare(c.want, ref, false, tol); d != "" {
			t.Errorf("%s: the review's reference differs from scipy: %s", name, d)
		}
		exact := c.k.Rows*c.k.Cols <= directMaxTaps && c.o.Boundary <= Symm
		if d := rvCompare(c.want, got, exact, tol); d != "" {
			t.Errorf("%s: %s", name, d)
			nfail++
		}
		if nfail > 20 {
			t.Fatal("too many failures")
		}
	}
}

// TestReviewScipyFilters compares GaussianFilter and UniformFilter with scipy.ndimage on
// images smaller than the kernel (every boundary repeats), tiny and large sigmas, even and
// large sizes (the running sums), views, and non-finite values.
func TestReviewScipyFilters(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 77))
	var cs []*rvCase
	sigmas := []float64{1e-100, 1e-16, 0.1, 0.3, 0.5, 1, 2.5, 7, 30}
	for it := range 300 {
		r, c := 1+rng.IntN(9), 1+rng.IntN(9)
		if it%6 == 0 {
			r, c = 20+rng.IntN(60), 20+rng.IntN(60)
		}
		bad := 0.0
		if it%5 == 0 {
			bad = 0.05
		}
		o := Options{Boundary: rvBounds[rng.IntN(5)], FillValue: float64(rng.IntN(5)) - 1.5}
		in := rvRand(rng, r, c, false, bad)
		if it%2 == 0 {
			cs = append(cs, &rvCase{Op: "gauss", in: in, o: o, Sigma: sigmas[rng.IntN(len(sigmas))]})
		} else {
			size := []int{1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 16, 25, 40}[rng.IntN(13)]
			cs = append(cs, &rvCase{Op: "uniform", in: in, o: o, Size: size})
		}
	}
	rvScipy(t, cs)
	nfail := 0
	for _, c := range cs {
		name := fmt.Sprintf("%s %d×%d sigma=%v size=%d %v cval=%v", c.Op, c.in.Rows, c.in.Cols, c.Sigma, c.Size, c.o.Boundary, c.o.FillValue)
		if c.err != "" {
			t.Errorf("%s: scipy: %s", name, c.err)
			continue
		}
		var got Matrix
		if c.Op == "gauss" {
			got = GaussianFilter(Matrix{}, rvView(c.in, 2), c.Sigma, c.o.Boundary, c.o.FillValue)
		} else {
			got = UniformFilter(Matrix{}, rvView(c.in, 2), c.Size, c.o.Boundary, c.o.FillValue)
		}
		want := c.want
		if c.Op == "uniform" && !finite(c.in) {
			// Documented deviation: ndimage's running sums spread NaN along the line;
			// UniformFilter puts NaN/Inf where direct window sums do.
			want = rvUniform(c.in, c.Size, c.o.Boundary, c.o.FillValue)
		}
		m := rvScale(c.in, NewMatrix(1, 1, []float64{1}), c.o.FillValue)
		// The running sums (size > 11) drift by an ulp per step as scipy's do.
		tol := 1e-12 * max(m, 1)
		if d := rvCompare(want, got, false, tol); d != "" {
			t.Errorf("%s: %s", name, d)
			nfail++
		}
		if nfail > 20 {
			t.Fatal("too many failures")
		}
	}
}

// rvUniform is ndimage's uniform filter by direct window sums: down the columns, then
// along the rows, each pass extending its own input (window of i: i−size/2 …).
func rvUniform(in Matrix, size int, b Boundary, cval float64) Matrix {
	o := Options{Boundary: b, FillValue: cval}
	tmp := NewMatrix(in.Rows, in.Cols, nil)
	for i := range in.Rows {
		for j := range in.Cols {
			var s float64
			for t := range size {
				s += rvExt(in, o, i-size/2+t, j)
			}
			tmp.Data[i*in.Cols+j] = s / float64(size)
		}
	}
	out := NewMatrix(in.Rows, in.Cols, nil)
	for i := range in.Rows {
		for j := range in.Cols {
			var s float64
			for t := range size {
				s += rvExt(tmp, o, i, j-size/2+t)
			}
			out.Data[i*in.Cols+j] = s / float64(size)
		}
	}
	return out
}

// TestReviewGaussianTinySigma: scipy.ndimage.gaussian_filter skips every axis whose sigma is
// at most 1e-15 (the input comes back unchanged); GaussianFilter documents only that sigma
// = 0 copies. For sigma below about 1e-154, sigma² underflows, GaussianKernel's exponent
// becomes −Inf·0 = NaN, and the filter returns NaN everywhere (the blur program then writes
// a black image for -sigma 1e-200).
func TestReviewGaussianTinySigma(t *testing.T) {
	in := NewMatrix(2, 3, []float64{1, 2, 3, 4, 5, 6})
	for _, s := range []float64{1e-16, 1e-160, 1e-200, 5e-324} {
		got := GaussianFilter(Matrix{}, in, s, Symm, 0)
		if d := rvCompare(in, got, true, 0); d != "" {
			t.Errorf("GaussianFilter(sigma=%g): %s (scipy returns the input unchanged)", s, d)
		}
		if k := GaussianKernel(s, 4); len(k) != 1 || k[0] != 1 {
			t.Errorf("GaussianKernel(%g, 4) = %v, want [1]", s, k)
		}
	}
}

// TestReviewEmpty checks empty operands against rvRef (scipy refuses them).
func TestReviewEmpty(t *testing.T) {
	shapes := [][2]int{{0, 0}, {0, 3}, {3, 0}, {1, 1}, {2, 3}}
	for _, si := range shapes {
		for _, sk := range shapes {
			for _, mode := range rvModes {
				for _, b := range rvBounds {
					for _, corr := range []bool{false, true} {
						in, k := NewMatrix(si[0], si[1], nil), NewMatrix(sk[0], sk[1], nil)
						for i := range in.Data {
							in.Data[i] = float64(i + 1)
						}
						for i := range k.Data {
							k.Data[i] = float64(2*i + 1)
						}
						o := Options{Mode: mode, Boundary: b, FillValue: 0.5}
						name := fmt.Sprintf("%v⊛%v %v %v corr=%v", si, sk, mode, b, corr)
						var want Matrix
						wantPanic := func() (p any) {
							defer func() { p = recover() }()
							want = rvRef(in, k, o, corr)
							return nil
						}()
						var got Matrix
						gotPanic := func() (p any) {
							defer func() { p = recover() }()
							if corr {
								got = Correlate(Matrix{}, in, k, o)
							} else {
								got = Convolve(Matrix{}, in, k, o)
							}
							return nil
						}()
						if wantPanic != nil {
							if gotPanic == nil {
								t.Errorf("%s: no panic, the reference panics with %v", name, wantPanic)
							}
							continue
						}
						if gotPanic != nil {
							// Only documented: extending an empty input by anything but Fill.
							if !(in.empty() && b != Fill && !k.empty()) {
								t.Errorf("%s: panic %v", name, gotPanic)
							}
							continue
						}
						if d := rvCompare(want, got, false, 0); d != "" {
							t.Errorf("%s: %s", name, d)
						}
					}
				}
			}
		}
	}
}

// TestReviewAliasPartial makes dst share memory with in or kernel through views whose
// Data slices end at different capacities (three-index slices of one array), so that the
// last-element test of overlaps misses the overlap. The doc promises "dst may alias in or
// kernel (they are copied first)".
func TestReviewAliasPartial(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		r, c, kr, kc int
		mode         poly.Mode
	}{
		{8, 8, 3, 3, poly.Same}, {40, 40, 12, 12, poly.Same}, {120, 120, 15, 15, poly.Same},
	} {
		for _, b := range []Boundary{Fill, Symm} {
			in := rvRand(rng, tc.r, tc.c, true, 0)
			k := rvRand(rng, tc.kr, tc.kc, true, 0)
			o := Options{Mode: tc.mode, Boundary: b}
			want := rvRef(in, k, o, false)
			tol := 1e-12 * rvScale(in, k, 0)
			n := tc.r * tc.c
			for _, shift := range []int{0, 1, tc.c, n / 2} {
				// One array holds in at offset shift and dst at 0, both n long; dst's Data
				// is capped at its end (dst = buf[0:n:n]), in's runs to the array's end.
				buf := make([]float64, n+shift)
				copy(buf[shift:], in.Data)
				src := Matrix{Rows: tc.r, Cols: tc.c, Stride: tc.c, Data: buf[shift:]}
				dst := Matrix{Rows: tc.r, Cols: tc.c, Stride: tc.c, Data: buf[0:n:n]}
				got := Convolve(dst, src, k, o)
				if d := rvCompare(want, got, false, tol); d != "" {
					t.Errorf("Convolve %v %v, dst = buf[0:n:n], in = buf[%d:]: %s", tc, b, shift, d)
				}
				// The same with ConvolveSeparable and the filters.
				col, row := []float64{1, 2, -1}, []float64{3, 0, 1, 2}
				wantS := rvRef(in, outer(col, row), o, false)
				buf = make([]float64, n+shift)
				copy(buf[shift:], in.Data)
				src.Data, dst.Data = buf[shift:], buf[0:n:n]
				got = ConvolveSeparable(dst, src, col, row, o)
				if d := rvCompare(wantS, got, false, 1e-12*rvScale(in, outer(col, row), 0)); d != "" {
					t.Errorf("ConvolveSeparable %v %v shift %d: %s", tc, b, shift, d)
				}
				wantU := UniformFilter(Matrix{}, in, 3, b, 0)
				buf = make([]float64, n+shift)
				copy(buf[shift:], in.Data)
				src.Data, dst.Data = buf[shift:], buf[0:n:n]
				got = UniformFilter(dst, src, 3, b, 0)
				if d := rvCompare(wantU, got, false, 1e-12*9); d != "" {
					t.Errorf("UniformFilter %v %v shift %d: %s", tc, b, shift, d)
				}
			}
			// dst overlapping the kernel (both capped differently).
			nk := tc.kr * tc.kc
			buf := make([]float64, n+nk)
			copy(buf, k.Data)
			kv := Matrix{Rows: tc.kr, Cols: tc.kc, Stride: tc.kc, Data: buf[0:nk:nk]}
			dst := Matrix{Rows: tc.r, Cols: tc.c, Stride: tc.c, Data: buf[nk/2 : nk/2+n]}
			got := Convolve(dst, in, kv, o)
			if d := rvCompare(want, got, false, tol); d != "" {
				t.Errorf("Convolve %v %v, dst overlapping the kernel: %s", tc, b, d)
			}
		}
	}
}

// TestReviewAliasViews has dst be in itself, or interleaved views of one array (every
// other column), and dst = kernel in Valid mode where the kernel is the larger operand.
func TestReviewAliasViews(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, sz := range [][4]int{{6, 7, 2, 3}, {70, 70, 9, 9}, {150, 150, 20, 20}} {
		r, c, kr, kc := sz[0], sz[1], sz[2], sz[3]
		tol := 1e-12 * 9 * 9 * float64(kr*kc)
		for _, b := range rvBounds {
			for _, corr := range []bool{false, true} {
				in, k := rvRand(rng, r, c, true, 0), rvRand(rng, kr, kc, true, 0)
				o := Options{Mode: poly.Same, Boundary: b, FillValue: 1}
				want := rvRef(in, k, o, corr)
				f := Convolve
				if corr {
					f = Correlate
				}
				v := rvView(in, 4)
				got := f(v, v, k, o)
				if d := rvCompare(want, got, false, tol); d != "" {
					t.Errorf("%v dst = in (view) %v corr=%v: %s", sz, b, corr, d)
				}
				// in in the first half of each 2c-wide row of one array.
				buf := make([]float64, 2*r*c)
				for i := range r {
					for j := range c {
						buf[i*2*c+j] = in.Data[i*c+j]
					}
				}
				src := Matrix{Rows: r, Cols: c, Stride: 2 * c, Data: buf}
				// dst starts half a row later: each of its rows overlaps half of in's.
				got = f(Matrix{Rows: r, Cols: c, Stride: 2 * c, Data: buf[c/2:]}, src, k, o)
				if d := rvCompare(want, got, false, tol); d != "" {
					t.Errorf("%v dst = in shifted by half a row %v corr=%v: %s", sz, b, corr, d)
				}
			}
		}
		// Valid mode, kernel larger than in, dst inside the kernel.
		in, k := rvRand(rng, kr, kc, true, 0), rvRand(rng, r, c, true, 0)
		for _, corr := range []bool{false, true} {
			o := Options{Mode: poly.Valid}
			want := rvRef(in, k, o, corr)
			kk := rvDense(k)
			dst := Matrix{Rows: want.Rows, Cols: want.Cols, Stride: kk.Stride, Data: kk.Data[kk.Stride+1:]}
			f := Convolve
			if corr {
				f = Correlate
			}
			got := f(dst, in, kk, o)
			if d := rvCompare(want, got, false, tol); d != "" {
				t.Errorf("%v Valid swap, dst inside the kernel, corr=%v: %s", sz, corr, d)
			}
		}
	}
}

// rvMethod returns the method compute picks before its non-finite checks: "direct",
// "whole" or "tiles".
func rvMethod(in, k Matrix, o Options) string {
	rows, cols := OutputShape(in.Rows, in.Cols, k.Rows, k.Cols, o.Mode)
	j := newJob(in, k, o, false)
	j.out = Matrix{Rows: rows, Cols: cols}
	dc := directCost * directOps(rows, cols, k.Rows, k.Cols)
	if k.Rows*k.Cols <= directMaxTaps || dc < 1e5 {
		return "direct"
	}
	fill := j.ext.b == Fill && !j.ext.src.empty()
	fp := planFFT(rows, cols, k.Rows, k.Cols, j.ext.src.Rows, j.ext.src.Cols, fill && j.ext.fill-j.ext.fill == 0)
	switch {
	case fp.cost >= dc:
		return "direct"
	case fp.whole:
		return "whole"
	}
	return "tiles"
}

// TestReviewFFTFillValue: on the FFT paths a Fill job's fill value must act only where the
// window leaves the input. Valid mode reads no extension at all (scipy ignores fillvalue),
// yet fftWhole subtracts the fill value from the input and adds c·Σk back, so a large fill
// value destroys the result; and a fill value of 1e305 (finite products, finite sums) is
// not counted by compute's overflow guard, so the transform overflows to NaN.
func TestReviewFFTFillValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	in := rvRand(rng, 200, 200, false, 0)
	k := rvRand(rng, 20, 20, false, 0)
	for _, mode := range rvModes {
		for _, c := range []float64{1e10, 1e20, 1e305} {
			o := Options{Mode: mode, Boundary: Fill, FillValue: c}
			want := rvRef(in, k, o, false)
			got := Convolve(Matrix{}, in, k, o)
			// Valid outputs never see c: their scale is that of in and k alone.
			scale := rvScale(in, k, 0)
			if mode != poly.Valid {
				scale = rvScale(in, k, c)
			}
			if d := rvCompare(want, got, false, 1e-12*scale); d != "" {
				t.Errorf("%v fill %g (method %s): %s", mode, c, rvMethod(in, k, o), d)
			}
		}
	}
}

// TestReviewFFTNonFinite checks NaN and ±Inf placement on the FFT paths for every boundary
// and both operations, against rvRef (the finite outputs within the documented scale).
func TestReviewFFTNonFinite(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for it := range 30 {
		var r, c, kr, kc int
		if it%2 == 0 {
			r, c, kr, kc = 3+rng.IntN(5), 3+rng.IntN(5), 40+rng.IntN(20), 40+rng.IntN(20)
		} else {
			r, c, kr, kc = 70+rng.IntN(40), 70+rng.IntN(40), 9+rng.IntN(8), 9+rng.IntN(8)
		}
		// Non-finite values in the input only, in the kernel only, or in both.
		badIn, badK := []float64{0.01, 0, 0.01}[it%3], []float64{0, 0.003, 0.003}[it%3]
		in := rvRand(rng, r, c, false, badIn)
		k := rvRand(rng, kr, kc, false, badK)
		o := Options{Mode: rvModes[it%2], Boundary: rvBounds[it%5], FillValue: 0.25}
		for _, corr := range []bool{false, true} {
			want := rvRef(in, k, o, corr)
			var got Matrix
			if corr {
				got = Correlate(Matrix{}, rvView(in, 1), k, o)
			} else {
				got = Convolve(Matrix{}, in, rvView(k, 2), o)
			}
			if d := rvCompare(want, got, false, 1e-12*rvScale(in, k, o.FillValue)); d != "" {
				t.Errorf("%d×%d⊛%d×%d %v %v corr=%v (method %s): %s", r, c, kr, kc, o.Mode, o.Boundary, corr, rvMethod(in, k, o), d)
			}
		}
	}
}

// TestReviewHugeTiny: values near the overflow and underflow limits. Direct sums of
// products that stay finite must stay finite on every path; tiny values must not flush.
func TestReviewHugeTiny(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, sz := range [][4]int{{5, 6, 3, 3}, {80, 80, 12, 12}, {100, 70, 30, 5}} {
		for _, s := range [][2]float64{{1e150, 1e150}, {1e300, 1e-5}, {1e-300, 1e-20}, {1e-160, 1e-160}, {math.SmallestNonzeroFloat64, 1}} {
			in, k := rvRand(rng, sz[0], sz[1], false, 0), rvRand(rng, sz[2], sz[3], false, 0)
			for i := range in.Data {
				in.Data[i] *= s[0]
			}
			for i := range k.Data {
				k.Data[i] *= s[1]
			}
			for _, b := range rvBounds {
				o := Options{Mode: poly.Same, Boundary: b}
				want := rvRef(in, k, o, false)
				got := Convolve(Matrix{}, in, k, o)
				tol := 1e-12 * rvScale(in, k, 0)
				if s[0]*s[1] < 1e-300 { // subnormal products: absolute error of a few subnormals
					tol = max(tol, 1e-305)
				}
				if d := rvCompare(want, got, false, tol); d != "" {
					t.Errorf("%v scale %v %v (method %s): %s", sz, s, b, rvMethod(in, k, o), d)
				}
			}
		}
	}
}

// TestReviewSeparable checks ConvolveSeparable on factors of length 0 and 1, kernels larger
// than the input, every mode and boundary, against rvRef on the outer product.
func TestReviewSeparable(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	lens := []int{0, 1, 2, 3, 5, 9, 40}
	for it := range 400 {
		r, c := 1+rng.IntN(12), 1+rng.IntN(12)
		if it%10 == 0 {
			r, c = 100+rng.IntN(50), 100+rng.IntN(50)
		}
		col := rvRand(rng, 1, lens[rng.IntN(len(lens))], true, 0).Data
		row := rvRand(rng, 1, lens[rng.IntN(len(lens))], true, 0).Data
		kr, kc := len(col), len(row)
		mode := rvModes[rng.IntN(3)]
		if mode == poly.Valid && !((r >= kr && c >= kc) || (kr >= r && kc >= c)) {
			mode = poly.Full
		}
		o := Options{Mode: mode, Boundary: rvBounds[rng.IntN(5)], FillValue: 3}
		in := rvRand(rng, r, c, true, 0.01*float64(it%2))
		want := rvRef(in, outer(col, row), o, false)
		var got Matrix
		p := func() (p any) {
			defer func() { p = recover() }()
			got = ConvolveSeparable(Matrix{}, rvView(in, 2), col, row, o)
			return nil
		}()
		name := fmt.Sprintf("%d×%d col %d row %d %v %v", r, c, kr, kc, mode, o.Boundary)
		if p != nil {
			t.Errorf("%s: panic %v", name, p)
			continue
		}
		if d := rvCompare(want, got, false, 1e-12*rvScale(in, outer(col, row), 3)); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
}

// rvCorrRef is corrTaps by its definition.
func rvCorrRef(o, p, k []float64, offs []int) {
	for i := range o {
		var s float64
		for t, w := range k {
			s += w * p[i+offs[t]]
		}
		o[i] = s
	}
}

// TestReviewCorrTapsEdge runs corrTaps (AVX where the CPU has it) with p ending exactly at
// the last element it may read (len = cap), every output count around the 32-block, and
// compares bit for bit with the definition and with the generic twin.
func TestReviewCorrTapsEdge(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	for n := 0; n <= 100; n++ {
		for _, taps := range []int{1, 2, 5, 17} {
			k := make([]float64, taps)
			offs := make([]int, taps)
			for i := range k {
				k[i] = rng.NormFloat64()
				offs[i] = rng.IntN(50)
			}
			last := n - 1 + rvMaxInt(offs)
			p := make([]float64, last+1)
			for i := range p {
				p[i] = rng.NormFloat64()
			}
			p = p[: last+1 : last+1]
			want := make([]float64, n+1)
			got := make([]float64, n+1)
			gen := make([]float64, n+1)
			got[n], want[n], gen[n] = 42, 42, 42 // a sentinel past o
			if n > 0 {
				rvCorrRef(want[:n], p, k, offs)
				corrTaps(got[:n:n], p, k, offs)
				corrTapsGeneric(gen[:n:n], p, k, offs)
			}
			for i := range want {
				if math.Float64bits(want[i]) != math.Float64bits(got[i]) || math.Float64bits(want[i]) != math.Float64bits(gen[i]) {
					t.Fatalf("n=%d taps=%d: o[%d] = %v (generic %v), want %v", n, taps, i, got[i], gen[i], want[i])
				}
			}
		}
	}
}

// TestReviewGaussianThinMemory: GaussianFilter on a 1×20000 image with sigma 1000 (the blur
// program's largest, and a size its cost check accepts). The column pass's direct sums
// fill a band of (1 + 8000) extended rows of the whole width: 8001·20000 float64s =
// 1.28 GB for an image of 160 kB. The allocation should be a small multiple of the image
// plus the kernel.
func TestReviewGaussianThinMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates over a gigabyte while the bug is there")
	}
	in := NewMatrix(1, 20000, nil)
	for i := range in.Data {
		in.Data[i] = float64(i % 7)
	}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	GaussianFilter(in, in, 1000, Symm, 0)
	runtime.ReadMemStats(&m1)
	alloc := m1.TotalAlloc - m0.TotalAlloc
	limit := uint64(64 * 8 * (20000 + 8001))
	if alloc > limit {
		t.Errorf("GaussianFilter(1×20000, sigma 1000) allocated %d MB, want at most %d MB", alloc>>20, limit>>20)
	}
}

// rvMaxInt returns the largest element of x (not empty).
func rvMaxInt(x []int) int {
	m := x[0]
	for _, v := range x {
		m = max(m, v)
	}
	return m
}

// BenchmarkReviewTraps times inputs where Convolve and the filters leave their fast
// methods: a fill value of NaN (also in Valid mode and for Wrap, where it is never read),
// kernel values large enough to trip the overflow guard, non-finite inputs under a kernel
// much larger than a periodic input, and UniformFilter with one NaN; each next to its
// ordinary twin. go test ./conv2d -run '^$' -bench ReviewTraps -benchtime 1x
func BenchmarkReviewTraps(b *testing.B) {
	rng := rand.New(rand.NewPCG(61, 62))
	img := rvRand(rng, 1000, 1000, false, 0)
	k41 := rvRand(rng, 41, 41, false, 0)
	kBig := NewMatrix(41, 41, nil)
	for i, v := range k41.Data {
		kBig.Data[i] = v * 1e296
	}
	tiny := rvRand(rng, 3, 3, false, 0)
	tinyNaN := rvRand(rng, 3, 3, false, 0)
	tinyNaN.Data[4] = math.NaN()
	k200 := rvRand(rng, 200, 200, false, 0)
	imgNaN := rvRand(rng, 1000, 1000, false, 0)
	imgNaN.Data[500500] = math.NaN()
	nan := math.NaN()
	cases := []struct {
		name string
		f    func()
	}{
		{"same-fill0", func() { Convolve(Matrix{}, img, k41, Options{Mode: poly.Same}) }},
		{"same-fillNaN", func() { Convolve(Matrix{}, img, k41, Options{Mode: poly.Same, FillValue: nan}) }},
		{"valid-fill0", func() { Convolve(Matrix{}, img, k41, Options{Mode: poly.Valid}) }},
		{"valid-fillNaN", func() { Convolve(Matrix{}, img, k41, Options{Mode: poly.Valid, FillValue: nan}) }},
		{"wrap-fillNaN", func() { Convolve(Matrix{}, img, k41, Options{Mode: poly.Same, Boundary: Wrap, FillValue: nan}) }},
		{"same-kernel1e296", func() { Convolve(Matrix{}, img, kBig, Options{Mode: poly.Same}) }},
		{"tiny-wrap-k200", func() { Convolve(Matrix{}, tiny, k200, Options{Boundary: Wrap}) }},
		{"tinyNaN-wrap-k200", func() { Convolve(Matrix{}, tinyNaN, k200, Options{Boundary: Wrap}) }},
		{"uniform201", func() { UniformFilter(Matrix{}, img, 201, Symm, 0) }},
		{"uniform201-oneNaN", func() { UniformFilter(Matrix{}, imgNaN, 201, Symm, 0) }},
	}
	for _, c := range cases {
		b.Run("case="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.f()
			}
		})
	}
}

// TestReviewDocPanics: panics the docs do not list, and a constructor that returns a Matrix
// its own validate rejects.
func TestReviewDocPanics(t *testing.T) {
	msg := func(f func()) (s any) {
		defer func() { s = recover() }()
		f()
		return nil
	}
	in := NewMatrix(2, 2, nil)
	// A size over 2^24 panics with "conv2d: size too large", which UniformFilter's doc now
	// lists (the review found it missing).
	if p := msg(func() { UniformFilter(Matrix{}, in, 1<<24+1, Symm, 0) }); p != "conv2d: size too large" {
		t.Errorf("UniformFilter(size 2^24+1) panics with %v, want the documented conv2d: size too large", p)
	}
	// NewMatrix(2^32, 2^32, nil): rows·cols overflows to 0 and a 2^32×2^32 Matrix with no
	// Data comes back, where a "conv2d: …" panic is due.
	if p := msg(func() {
		m := NewMatrix(1<<32, 1<<32, nil)
		if len(m.Data) != m.Rows*m.Cols || m.Rows*m.Cols/m.Cols != m.Rows {
			panic(fmt.Sprintf("returned %d×%d with len(Data) = %d", m.Rows, m.Cols, len(m.Data)))
		}
	}); p != nil {
		if s, ok := p.(string); !ok || len(s) < 8 || s[:8] != "conv2d: " {
			t.Errorf("NewMatrix(2^32, 2^32, nil): %v", p)
		}
	}
}
