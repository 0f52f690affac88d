package cnn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestGradientFiniteDifferences checks Conv2DBackward against central finite differences of
// L = Σ dy ⊙ Conv2D(x, w, b) on random small shapes with strides, padding, dilation and
// groups: every element of dx, dw and db.
func TestGradientFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 72))
	randT := func(n, c, h, w int) Tensor {
		x := NewTensor(n, c, h, w, nil)
		for i := range x.Data {
			x.Data[i] = rng.NormFloat64()
		}
		return x
	}
	for it := 0; it < 30; it++ {
		g := 1 + rng.IntN(2)
		cin, cout := g*(1+rng.IntN(2)), g*(1+rng.IntN(3))
		kh, kw := 1+rng.IntN(3), 1+rng.IntN(3)
		p := Params{Stride: [2]int{1 + rng.IntN(2), 1 + rng.IntN(2)}, Padding: [2]int{rng.IntN(2), rng.IntN(2)},
			Dilation: [2]int{1 + rng.IntN(2), 1 + rng.IntN(2)}, Groups: g}
		h, w := 4+rng.IntN(4), 4+rng.IntN(4)
		if _, err := OutSize(h, kh, p.Stride[0], p.Padding[0], p.Dilation[0]); err != nil {
			continue
		}
		if _, err := OutSize(w, kw, p.Stride[1], p.Padding[1], p.Dilation[1]); err != nil {
			continue
		}
		x, wt := randT(1+rng.IntN(2), cin, h, w), randT(cout, cin/g, kh, kw)
		b := make([]float64, cout)
		for i := range b {
			b[i] = rng.NormFloat64()
		}
		y := Conv2D(Tensor{}, x, wt, b, p)
		dy := randT(y.N, y.C, y.H, y.W)
		L := func() float64 {
			y := Conv2D(Tensor{}, x, wt, b, p)
			var s float64
			for i, v := range y.Data {
				s += v * dy.Data[i]
			}
			return s
		}
		dx, dw, db := Conv2DBackward(x, wt, dy, p)
		const h0 = 1e-5
		check := func(name string, vals []float64, grad []float64) {
			for i := range vals {
				orig := vals[i]
				vals[i] = orig + h0
				lp := L()
				vals[i] = orig - h0
				lm := L()
				vals[i] = orig
				fd := (lp - lm) / (2 * h0)
				if math.Abs(fd-grad[i]) > 1e-6*max(1, math.Abs(fd)) {
					t.Fatalf("case %d %+v: %s[%d] = %v, central difference %v", it, p, name, i, grad[i], fd)
				}
			}
		}
		check("dx", x.Data, dx.Data)
		check("dw", wt.Data, dw.Data)
		check("db", b, db)
	}
}
