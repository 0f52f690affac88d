package cnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/internal/gemm"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func randTensor(r *rand.Rand, n, c, h, w int) Tensor {
	t := NewTensor(n, c, h, w, nil)
	for i := range t.Data {
		t.Data[i] = r.NormFloat64()
	}
	return t
}

func randSlice(r *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = r.NormFloat64()
	}
	return s
}

// closeTo reports whether got equals want within tol relative to want's largest magnitude
// (at least 1), element by element, and describes the first difference.
func closeTo(got, want []float64, tol float64) (bool, string) {
	if len(got) != len(want) {
		return false, fmt.Sprintf("%d values, want %d", len(got), len(want))
	}
	scale := 1.0
	for _, v := range want {
		scale = math.Max(scale, math.Abs(v))
	}
	for i := range want {
		g, w := got[i], want[i]
		if math.IsNaN(w) != math.IsNaN(g) || (!math.IsNaN(w) && !(math.Abs(g-w) <= tol*scale) && g != w) {
			return false, fmt.Sprintf("[%d] = %v, want %v (scale %v)", i, g, w, scale)
		}
	}
	return true, ""
}

func assertTensor(t *testing.T, got, want Tensor, tol float64, what string) bool {
	t.Helper()
	if !assert.Equal(t, want.Shape(), got.Shape(), what) {
		return false
	}
	ok, msg := closeTo(got.Data, want.Data, tol)
	return assert.True(t, ok, "%s: %s", what, msg)
}

// convCase is one random convolution: shapes and parameters.
type convCase struct {
	n, cin, cout, h, w, kh, kw int
	p                          Params
	bias                       bool
}

func (c convCase) String() string {
	return fmt.Sprintf("x(%d,%d,%d,%d) w %d→%d %d×%d %+v bias=%v", c.n, c.cin, c.h, c.w, c.cin, c.cout, c.kh, c.kw, c.p, c.bias)
}

// randConvCase draws a convolution whose kernel fits its padded input (transposed: whose output
// size is at least 1, with an output padding when it may have one).
func randConvCase(r *rand.Rand, transposed bool) convCase {
	for {
		var c convCase
		g := 1 + r.IntN(3)
		cig, cog := 1+r.IntN(5), 1+r.IntN(9)
		switch r.IntN(4) {
		case 0: // depthwise, possibly with a channel multiplier
			g, cig, cog = 1+r.IntN(6), 1, 1+r.IntN(2)
		case 1:
			g = 1
		}
		c.n, c.cin, c.cout = 1+r.IntN(3), g*cig, g*cog
		c.h, c.w = 1+r.IntN(11), 1+r.IntN(11)
		c.kh, c.kw = 1+r.IntN(5), 1+r.IntN(5)
		c.p.Groups = g
		for i := range 2 {
			c.p.Stride[i] = r.IntN(4) // 0 means 1
			c.p.Padding[i] = r.IntN(4)
			c.p.Dilation[i] = r.IntN(4)
		}
		c.bias = r.IntN(3) != 0
		q := c.p.norm()
		if transposed {
			for i := range 2 {
				if m := max(q.Stride[i], q.Dilation[i]); m > 1 {
					c.p.OutputPadding[i] = r.IntN(m)
				}
			}
			_, e1 := TransposedOutSize(c.h, c.kh, q.Stride[0], q.Padding[0], q.Dilation[0], c.p.OutputPadding[0])
			_, e2 := TransposedOutSize(c.w, c.kw, q.Stride[1], q.Padding[1], q.Dilation[1], c.p.OutputPadding[1])
			if e1 == nil && e2 == nil {
				return c
			}
			continue
		}
		_, e1 := OutSize(c.h, c.kh, q.Stride[0], q.Padding[0], q.Dilation[0])
		_, e2 := OutSize(c.w, c.kw, q.Stride[1], q.Padding[1], q.Dilation[1])
		if e1 == nil && e2 == nil {
			return c
		}
	}
}

// operands draws x, w and bias for c; transposed weights are (Cin, Cout/groups, kh, kw).
func (c convCase) operands(r *rand.Rand, transposed bool) (x, w Tensor, bias []float64) {
	g := c.p.norm().Groups
	x = randTensor(r, c.n, c.cin, c.h, c.w)
	if transposed {
		w = randTensor(r, c.cin, c.cout/g, c.kh, c.kw)
	} else {
		w = randTensor(r, c.cout, c.cin/g, c.kh, c.kw)
	}
	if c.bias {
		bias = randSlice(r, c.cout)
	}
	return x, w, bias
}

// paths runs f with each way of computing: the default thresholds, every group through the
// matrix product, every group through the direct loops, and the product with tiny cache
// blocks (so that every block loop takes several turns).
func paths(t *testing.T, f func(t *testing.T)) {
	defer func(d, kc, mc, nc int) { directBelow, gemm.KC, gemm.MC, gemm.NC = d, kc, mc, nc }(directBelow, gemm.KC, gemm.MC, gemm.NC)
	for _, pc := range []struct {
		name       string
		direct     int
		kc, mc, nc int
	}{
		{"default", directBelow, gemm.KC, gemm.MC, gemm.NC},
		{"gemm", 0, gemm.KC, gemm.MC, gemm.NC},
		{"direct", math.MaxInt, gemm.KC, gemm.MC, gemm.NC},
		{"tiny-blocks", 0, 3, 8, 24},
	} {
		directBelow, gemm.KC, gemm.MC, gemm.NC = pc.direct, pc.kc, pc.mc, pc.nc
		t.Run(pc.name, f)
	}
}

const tol = 1e-12

func TestConv2DRandom(t *testing.T) {
	paths(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 1))
		for range 150 {
			c := randConvCase(r, false)
			x, w, bias := c.operands(r, false)
			want := refConv2D(x, w, bias, c.p)
			if !assertTensor(t, Conv2D(Tensor{}, x, w, bias, c.p), want, tol, c.String()) {
				return
			}
		}
	})
}

func TestConvTranspose2DRandom(t *testing.T) {
	paths(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(2, 2))
		for range 150 {
			c := randConvCase(r, true)
			x, w, bias := c.operands(r, true)
			want := refConvTranspose2D(x, w, bias, c.p)
			if !assertTensor(t, ConvTranspose2D(Tensor{}, x, w, bias, c.p), want, tol, c.String()) {
				return
			}
		}
	})
}

func TestConv2DBackwardRandom(t *testing.T) {
	paths(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 3))
		for range 150 {
			c := randConvCase(r, false)
			x, w, _ := c.operands(r, false)
			y := refConv2D(x, w, nil, c.p)
			dy := randTensor(r, y.N, y.C, y.H, y.W)
			wdx, wdw, wdb := refBackward(x, w, dy, c.p)
			dx, dw, db := Conv2DBackward(x, w, dy, c.p)
			ok := assertTensor(t, dx, wdx, tol, "dx "+c.String()) && assertTensor(t, dw, wdw, tol, "dw "+c.String())
			okb, msg := closeTo(db, wdb, tol)
			if !ok || !assert.True(t, okb, "db %s: %s", c, msg) {
				return
			}
		}
	})
}

func TestIm2ColCol2Im(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for range 200 {
		c := randConvCase(r, false)
		p := Params{Stride: c.p.Stride, Padding: c.p.Padding, Dilation: c.p.Dilation}
		x := randTensor(r, c.n, c.cin, c.h, c.w)
		k := [2]int{c.kh, c.kw}
		col := Im2Col(Tensor{}, x, k, p)
		require.True(t, assertTensor(t, col, refIm2Col(x, k, p), 0, "Im2Col "+c.String()))
		img := Col2Im(Tensor{}, col, [2]int{c.h, c.w}, k, p)
		require.True(t, assertTensor(t, img, refCol2Im(col, [2]int{c.h, c.w}, k, p), tol, "Col2Im "+c.String()))
	}
}

func TestPoolRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for range 300 {
		var k, s, pad [2]int
		h, w := 1+r.IntN(9), 1+r.IntN(9)
		for i := range 2 {
			k[i] = 1 + r.IntN(4)
			s[i] = r.IntN(4)
			pad[i] = r.IntN(k[i]/2 + 1)
		}
		if h+2*pad[0] < k[0] || w+2*pad[1] < k[1] {
			continue
		}
		x := randTensor(r, 1+r.IntN(2), 1+r.IntN(3), h, w)
		if r.IntN(4) == 0 { // specials: NaN, ±Inf, ties
			for range 3 {
				x.Data[r.IntN(len(x.Data))] = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, 1}[r.IntN(5)]
			}
		}
		what := fmt.Sprintf("x %v k %v s %v p %v", x.Shape(), k, s, pad)
		require.True(t, assertTensor(t, MaxPool2D(Tensor{}, x, k, s, pad), refPool(x, k, s, pad, true), 0, "max "+what))
		require.True(t, assertTensor(t, AvgPool2D(Tensor{}, x, k, s, pad), refPool(x, k, s, pad, false), tol, "avg "+what))
	}
}
