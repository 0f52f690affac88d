package cnn

import (
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
)

// benchTensor returns an n×c×h×w tensor of the float grid of BENCHMARKS.md from seed.
func benchTensor(seed uint64, n, c, h, w int) Tensor {
	return NewTensor(n, c, h, w, grid.Floats(seed, n*c*h*w))
}

// BenchmarkConv2D times the layers of issue 13 (testdata/bench_torch.py times torch on the
// same shapes), single-threaded as the package is.
func BenchmarkConv2D(b *testing.B) {
	type layer struct {
		name  string
		x, w  [4]int
		p     Params
		trans bool
		back  bool
	}
	for _, l := range []layer{
		{name: "resnet3", x: [4]int{8, 64, 56, 56}, w: [4]int{64, 64, 3, 3}, p: Params{Padding: [2]int{1, 1}}},
		{name: "resnet3-backward", x: [4]int{8, 64, 56, 56}, w: [4]int{64, 64, 3, 3}, p: Params{Padding: [2]int{1, 1}}, back: true},
		{name: "stem7", x: [4]int{4, 3, 224, 224}, w: [4]int{64, 3, 7, 7}, p: Params{Stride: [2]int{2, 2}, Padding: [2]int{3, 3}}},
		{name: "transposed4", x: [4]int{8, 64, 28, 28}, w: [4]int{64, 32, 4, 4}, p: Params{Stride: [2]int{2, 2}, Padding: [2]int{1, 1}}, trans: true},
		{name: "depthwise3", x: [4]int{8, 128, 56, 56}, w: [4]int{128, 1, 3, 3}, p: Params{Padding: [2]int{1, 1}, Groups: 128}},
	} {
		x := benchTensor(grid.SeedA, l.x[0], l.x[1], l.x[2], l.x[3])
		w := benchTensor(grid.SeedB, l.w[0], l.w[1], l.w[2], l.w[3])
		b.Run("case="+l.name, func(b *testing.B) {
			b.ReportAllocs()
			var y Tensor
			switch {
			case l.trans:
				y = ConvTranspose2D(Tensor{}, x, w, nil, l.p)
			default:
				y = Conv2D(Tensor{}, x, w, nil, l.p)
			}
			for b.Loop() {
				switch {
				case l.back:
					Conv2DBackward(x, w, y, l.p)
				case l.trans:
					ConvTranspose2D(y, x, w, nil, l.p)
				default:
					Conv2D(y, x, w, nil, l.p)
				}
			}
		})
	}
}
