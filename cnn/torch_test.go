package cnn

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// torchTensor is a tensor as testdata/gen.py writes it; NaN and infinities are strings.
type torchTensor struct {
	Shape []int `json:"shape"`
	Data  []any `json:"data"`
}

func (tt *torchTensor) tensor(t *testing.T) Tensor {
	sh := append([]int(nil), tt.Shape...)
	for len(sh) < 4 {
		sh = append(sh, 1)
	}
	if len(tt.Shape) == 3 { // unfold's (N, C·kh·kw, L): kept as (N, rows, L, 1)
		sh = []int{tt.Shape[0], tt.Shape[1], tt.Shape[2], 1}
	}
	d := make([]float64, len(tt.Data))
	for i, v := range tt.Data {
		switch v := v.(type) {
		case float64:
			d[i] = v
		case string:
			d[i] = map[string]float64{"nan": math.NaN(), "inf": math.Inf(1), "-inf": math.Inf(-1)}[v]
		default:
			t.Fatalf("bad value %v", v)
		}
	}
	return NewTensor(sh[0], sh[1], sh[2], sh[3], d)
}

// torchCase is one case of testdata/torch.json, decoded field by field.
type torchCase struct {
	raw map[string]json.RawMessage
}

// field decodes the raw JSON field name into v, reporting whether it was there.
func (c *torchCase) field(t *testing.T, name string, v any) bool {
	r, ok := c.raw[name]
	if !ok {
		return false
	}
	require.NoError(t, json.Unmarshal(r, v))
	return true
}

func (c *torchCase) tensor(t *testing.T, name string) Tensor {
	var tt torchTensor
	require.True(t, c.field(t, name, &tt), "field %s", name)
	return tt.tensor(t)
}

// torchClose fails unless got and want agree elementwise to tol relative to want's largest
// magnitude (NaN and ±Inf exactly).
func torchClose(t *testing.T, want, got []float64, tol float64, msg string) {
	t.Helper()
	require.Equal(t, len(want), len(got), msg)
	scale := 1e-300
	for _, v := range want {
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			scale = max(scale, math.Abs(v))
		}
	}
	for i := range want {
		w, g := want[i], got[i]
		if math.IsNaN(w) || math.IsNaN(g) || math.IsInf(w, 0) || math.IsInf(g, 0) {
			if !(math.IsNaN(w) && math.IsNaN(g)) && w != g {
				t.Fatalf("%s: [%d] = %v, want %v", msg, i, g, w)
			}
			continue
		}
		if math.Abs(w-g) > tol*scale {
			t.Fatalf("%s: [%d] = %v, want %v (scale %g)", msg, i, g, w, scale)
		}
	}
}

// TestTorchGolden compares every function with PyTorch 1.13's answers stored in
// testdata/torch.json (written by testdata/gen.py; the Go references of reference_test.go
// agree with the same functions on random cases, so the goldens are checked twice).
func TestTorchGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/torch.json")
	require.NoError(t, err)
	checkTorchCases(t, data)
}

// TestTorchLive runs testdata/gen.py with a new seed (the process id) and a few cases of each
// kind, so that every run meets shapes the goldens do not hold. It skips when Debian's
// /usr/bin/python3 has no torch (CI's fresh machine); -short skips it too.
func TestTorchLive(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import torch").Run(); err != nil {
		t.Skip("no torch for /usr/bin/python3:", err)
	}
	seed := os.Getpid()
	out, err := exec.Command("/usr/bin/python3", "testdata/gen.py", "--seed", strconv.Itoa(seed), "--count", "4").Output()
	require.NoError(t, err, "gen.py --seed %d", seed)
	t.Logf("seed %d", seed)
	checkTorchCases(t, out)
}

// checkTorchCases checks every case of a file written by testdata/gen.py.
func checkTorchCases(t *testing.T, data []byte) {
	var file struct {
		Cases []map[string]json.RawMessage `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(data, &file))
	require.NotEmpty(t, file.Cases)
	counts := map[string]int{}
	for i, raw := range file.Cases {
		c := &torchCase{raw: raw}
		var kind string
		c.field(t, "kind", &kind)
		counts[kind]++
		msg := fmt.Sprintf("case %d (%s)", i, kind)
		p := func() Params {
			var st, pd, dl, op [2]int
			var g int
			c.field(t, "stride", &st)
			c.field(t, "padding", &pd)
			c.field(t, "dilation", &dl)
			c.field(t, "output_padding", &op)
			c.field(t, "groups", &g)
			return Params{Stride: st, Padding: pd, Dilation: dl, OutputPadding: op, Groups: g}
		}
		switch kind {
		case "conv":
			x, w := c.tensor(t, "x"), c.tensor(t, "w")
			var b []float64
			c.field(t, "b", &b)
			y := Conv2D(Tensor{}, x, w, b, p())
			torchClose(t, c.tensor(t, "y").Data, y.Data, 1e-12, msg+" y")
			dx, dw, db := Conv2DBackward(x, w, c.tensor(t, "dy"), p())
			torchClose(t, c.tensor(t, "dx").Data, dx.Data, 1e-12, msg+" dx")
			torchClose(t, c.tensor(t, "dw").Data, dw.Data, 1e-12, msg+" dw")
			var wantDB []float64
			if c.field(t, "db", &wantDB) {
				torchClose(t, wantDB, db, 1e-12, msg+" db")
			}
		case "transpose":
			x, w := c.tensor(t, "x"), c.tensor(t, "w")
			var b []float64
			c.field(t, "b", &b)
			y := ConvTranspose2D(Tensor{}, x, w, b, p())
			torchClose(t, c.tensor(t, "y").Data, y.Data, 1e-12, msg+" y")
		case "maxpool", "avgpool":
			var k, s, pd [2]int
			c.field(t, "kernel", &k)
			c.field(t, "stride", &s)
			c.field(t, "padding", &pd)
			x := c.tensor(t, "x")
			f := MaxPool2D
			if kind == "avgpool" {
				f = AvgPool2D
			}
			var terr string
			if c.field(t, "error", &terr) {
				require.Panics(t, func() { f(Tensor{}, x, k, s, pd) }, "%s: torch refused: %s", msg, terr)
				continue
			}
			torchClose(t, c.tensor(t, "y").Data, f(Tensor{}, x, k, s, pd).Data, 1e-14, msg)
		case "unfold":
			var kh, kw, h, w int
			c.field(t, "kh", &kh)
			c.field(t, "kw", &kw)
			c.field(t, "h", &h)
			c.field(t, "w", &w)
			x := c.tensor(t, "x")
			pu := p()
			pu.Groups = 1 // drawn with the convolutions' parameters; unfold has none
			y := Im2Col(Tensor{}, x, [2]int{kh, kw}, pu)
			torchClose(t, c.tensor(t, "y").Data, y.Data, 0, msg+" unfold")
			col := c.tensor(t, "col")
			col = NewTensor(y.N, y.C, y.H, y.W, col.Data)
			torchClose(t, c.tensor(t, "folded").Data, Col2Im(Tensor{}, col, [2]int{h, w}, [2]int{kh, kw}, pu).Data, 1e-13, msg+" fold")
		case "size":
			var tr bool
			var in, k, s, pd, d, op int
			var out *int
			c.field(t, "transposed", &tr)
			c.field(t, "in", &in)
			c.field(t, "k", &k)
			c.field(t, "s", &s)
			c.field(t, "p", &pd)
			c.field(t, "d", &d)
			c.field(t, "op", &op)
			c.field(t, "out", &out)
			var got int
			var err error
			if tr {
				got, err = TransposedOutSize(in, k, s, pd, d, op)
			} else {
				got, err = OutSize(in, k, s, pd, d)
			}
			if out == nil {
				require.Error(t, err, "%s: torch refused %+v", msg, raw)
			} else {
				require.NoError(t, err, msg)
				require.Equal(t, *out, got, msg)
			}
		}
	}
	t.Logf("cases: %v", counts)
}
