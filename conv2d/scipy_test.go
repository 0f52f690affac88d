package conv2d

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/polyconv/polyconv/poly"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/scipy_golden.json from scipy (needs /usr/bin/python3 with scipy)")

// scipyMatrix is a matrix as testdata/scipy_ref.py reads it: values as strings, so that
// NaN and infinities survive JSON.
type scipyMatrix struct {
	R int      `json:"r"`
	C int      `json:"c"`
	V []string `json:"v"`
}

func toScipy(m Matrix) scipyMatrix {
	s := scipyMatrix{R: m.Rows, C: m.Cols, V: []string{}}
	for i := range m.Rows {
		for _, v := range m.row(i) {
			s.V = append(s.V, strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	return s
}

func (s scipyMatrix) matrix(t *testing.T) Matrix {
	m := NewMatrix(s.R, s.C, nil)
	for i, v := range s.V {
		f, err := strconv.ParseFloat(v, 64)
		require.NoError(t, err)
		m.Data[i] = f
	}
	return m
}

// scipyCase is one case of testdata/scipy_ref.py, with scipy's answer once it has one.
type scipyCase struct {
	Op       string       `json:"op"`
	In       *scipyMatrix `json:"in,omitempty"`
	K        *scipyMatrix `json:"k,omitempty"`
	Mode     string       `json:"mode,omitempty"`
	Boundary string       `json:"boundary,omitempty"`
	Fill     float64      `json:"fill"`
	Sigma    float64      `json:"sigma,omitempty"`
	Truncate float64      `json:"truncate,omitempty"`
	Size     int          `json:"size,omitempty"`
	Want     []string     `json:"want,omitempty"`
}

// scipyCases draws n cases of every operation from rng: small shapes (empty ones and
// kernels larger than the input among them) and, if large, shapes big enough for the FFT
// methods; integer values in some cases (where the direct sums must be exact) and NaN or
// ±Inf in a few.
func scipyCases(rng *rand.Rand, n int, large bool) []scipyCase {
	var cs []scipyCase
	mat := func(r, c int, ints bool) *scipyMatrix {
		var m Matrix
		if ints {
			m = randIntMatrix(rng, r, c, 9)
		} else {
			m = randMatrix(rng, r, c, false)
		}
		if !large && r*c > 0 && rng.IntN(12) == 0 {
			m.Set(rng.IntN(r), rng.IntN(c), []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[rng.IntN(3)])
		}
		s := toScipy(m)
		return &s
	}
	dim := func(lo, hi int) int { return lo + rng.IntN(hi-lo+1) }
	for i := range n {
		var r, c, kr, kc int
		if large {
			r, c, kr, kc = dim(30, 90), dim(30, 90), dim(9, 40), dim(9, 40)
		} else {
			r, c, kr, kc = dim(0, 7), dim(0, 7), dim(0, 9), dim(0, 9)
			if i%3 == 0 {
				r, c = max(r, 1), max(c, 1)
			}
		}
		ints := i%2 == 0
		mode := []string{"full", "same", "valid"}[i%3]
		b := boundaries[(i/3)%5]
		if mode == "valid" && !validOK(r, c, kr, kc) {
			mode = "full"
		}
		if (r == 0 || c == 0) && b != Fill {
			b = Fill // scipy divides by zero extending an empty input
		}
		for _, op := range []string{"convolve2d", "correlate2d"} {
			cs = append(cs, scipyCase{Op: op, In: mat(r, c, ints), K: mat(kr, kc, ints), Mode: mode, Boundary: b.String(), Fill: float64(rng.IntN(5)) - 1.5})
		}
		r, c = max(r, 1), max(c, 1)
		if large {
			r, c = 200, 150
		}
		cs = append(cs,
			scipyCase{Op: "gaussian_filter", In: mat(r, c, false), Sigma: 0.3 + 3*rng.Float64(), Boundary: b.String(), Fill: 0.75},
			scipyCase{Op: "uniform_filter", In: mat(r, c, false), Size: 1 + rng.IntN(12), Boundary: b.String(), Fill: -0.5},
			scipyCase{Op: "gaussian_kernel", Sigma: 0.1 + 5*rng.Float64(), Truncate: []float64{4, 3, 1, 0.2}[i%4]})
	}
	return cs
}

// askScipy fills in Want of every case by running testdata/scipy_ref.py, or reports that
// scipy is not available.
func askScipy(cs []scipyCase) error {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import scipy, numpy").Run(); err != nil {
		return fmt.Errorf("no scipy: %v", err)
	}
	in, err := json.Marshal(map[string]any{"cases": cs})
	if err != nil {
		return err
	}
	cmd := exec.Command(py, filepath.Join("testdata", "scipy_ref.py"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("scipy_ref.py: %v: %s", err, stderr.String())
	}
	var res struct{ Results [][]string }
	if err := json.Unmarshal(out, &res); err != nil {
		return err
	}
	if len(res.Results) != len(cs) {
		return fmt.Errorf("scipy_ref.py answered %d of %d cases", len(res.Results), len(cs))
	}
	for i, r := range res.Results {
		cs[i].Want = r
	}
	return nil
}

// checkScipyCase computes the case with this package (and, for convolutions, with the
// reference) and compares both with scipy's answer: within tol of the output's scale, and
// exactly for integer inputs on the direct path.
func checkScipyCase(t *testing.T, c scipyCase, tol float64) {
	t.Helper()
	want := scipyMatrix{V: c.Want[2:]}
	want.R, _ = strconv.Atoi(c.Want[0])
	want.C, _ = strconv.Atoi(c.Want[1])
	w := want.matrix(t)
	b, err := ParseBoundary(c.Boundary)
	if c.Boundary != "" {
		require.NoError(t, err)
	}
	desc := fmt.Sprintf("%s mode=%s boundary=%s fill=%v sigma=%v size=%d", c.Op, c.Mode, c.Boundary, c.Fill, c.Sigma, c.Size)
	switch c.Op {
	case "convolve2d", "correlate2d":
		in, k := c.In.matrix(t), c.K.matrix(t)
		mode := map[string]poly.Mode{"full": poly.Full, "same": poly.Same, "valid": poly.Valid}[c.Mode]
		o := Options{Mode: mode, Boundary: b, FillValue: c.Fill}
		corr := c.Op == "correlate2d"
		desc += fmt.Sprintf(" %d×%d ⊛ %d×%d", in.Rows, in.Cols, k.Rows, k.Cols)
		if !(in.Rows == 0 || in.Cols == 0) || b == Fill {
			checkMatrix(t, w, refConvolve2D(in, k, o, corr), tol, "reference vs scipy: %s", desc)
		}
		dtol := tol
		if k.Rows*k.Cols <= directMaxTaps && b <= Symm {
			// The direct sums add scipy's terms in scipy's order: bit for bit (Nearest
			// and Mirror are answered by padding and convolving, in another order).
			dtol = 0
		}
		checkMatrix(t, w, run(Matrix{}, in, k, o, corr), dtol, "%s", desc)
		if (in.Rows-1)*(in.Cols-1) > 0 {
			// The same through a separable factorisation, where the kernel is one.
			col, row := make([]float64, k.Rows), make([]float64, k.Cols)
			for a := range col {
				col[a] = float64(a%3) - 0.5
			}
			for b := range row {
				row[b] = float64(b%4) + 1
			}
			if !corr {
				k2 := outer(col, row)
				checkMatrix(t, refConvolve2D(in, k2, o, false), ConvolveSeparable(Matrix{}, in, col, row, o), 1e-13, "separable %s", desc)
			}
		}
	case "gaussian_filter":
		in := c.In.matrix(t)
		g := GaussianKernel(c.Sigma, 4)
		checkMatrix(t, w, refCorrelate1D(refCorrelate1D(in, g, 0, b, c.Fill), g, 1, b, c.Fill), tol, "reference vs scipy: %s", desc)
		checkMatrix(t, w, GaussianFilter(Matrix{}, in, c.Sigma, b, c.Fill), tol, "%s", desc)
	case "uniform_filter":
		in := c.In.matrix(t)
		got := UniformFilter(Matrix{}, in, c.Size, b, c.Fill)
		checkMatrix(t, refUniform(in, c.Size, b, c.Fill), got, tol, "reference: %s", desc)
		if finite(in) {
			// ndimage's running sum spreads a NaN or ±Inf over the rest of its line, where
			// UniformFilter keeps it to the windows that hold it (see its doc).
			checkMatrix(t, w, got, tol, "%s", desc)
		}
	case "gaussian_kernel":
		g := GaussianKernel(c.Sigma, c.Truncate)
		checkMatrix(t, w, NewMatrix(1, len(g), g), tol, "%s truncate=%v", desc, c.Truncate)
	}
}

const goldenPath = "testdata/scipy_golden.json"

// TestScipyGolden compares with scipy's answers stored in testdata/scipy_golden.json
// (written by -update from testdata/scipy_ref.py, and checked here against the reference
// too), so that the comparison runs where scipy is not installed.
func TestScipyGolden(t *testing.T) {
	if *update {
		cs := scipyCases(rand.New(rand.NewPCG(20, 21)), 120, false)
		require.NoError(t, askScipy(cs))
		data, err := json.Marshal(cs)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(goldenPath, data, 0o644))
	}
	data, err := os.ReadFile(goldenPath)
	require.NoError(t, err)
	var cs []scipyCase
	require.NoError(t, json.Unmarshal(data, &cs))
	require.Greater(t, len(cs), 500)
	for _, c := range cs {
		checkScipyCase(t, c, 1e-12)
	}
}

// TestScipyLive draws fresh cases, small and large (the FFT methods), asks Debian's scipy
// and compares; it is skipped where /usr/bin/python3 has no scipy.
func TestScipyLive(t *testing.T) {
	seed := uint64(os.Getpid())
	rng := rand.New(rand.NewPCG(seed, 22))
	cs := scipyCases(rng, 60, false)
	if !testing.Short() {
		cs = append(cs, scipyCases(rng, 15, true)...)
	}
	if err := askScipy(cs); err != nil {
		t.Skip(err)
	}
	t.Logf("seed %d, %d cases", seed, len(cs))
	for _, c := range cs {
		checkScipyCase(t, c, 1e-12)
	}
}
