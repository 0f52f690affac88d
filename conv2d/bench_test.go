package conv2d

import (
	"fmt"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/poly"
)

// gridMatrix returns an r×c matrix of the float grid of BENCHMARKS.md from seed (row by
// row), the inputs testdata/bench_ref.py times scipy and OpenCV on.
func gridMatrix(seed uint64, r, c int) Matrix {
	return NewMatrix(r, c, grid.Floats(seed, r*c))
}

// bench2D are the cases of issue 12, each timed against scipy and OpenCV by
// testdata/bench_ref.py on the same inputs.
var bench2D = []struct {
	name string
	run  func(dst, in, k Matrix)
	n, k int // image and kernel sides
}{
	{"fft512", func(dst, in, k Matrix) { Convolve(dst, in, k, Options{}) }, 512, 512},
	{"k31", func(dst, in, k Matrix) { Convolve(dst, in, k, Options{Mode: poly.Same, Boundary: Symm}) }, 2048, 31},
	{"k5", func(dst, in, k Matrix) { Convolve(dst, in, k, Options{Mode: poly.Same}) }, 2048, 5},
	{"gauss3", func(dst, in, _ Matrix) { GaussianFilter(dst, in, 3, Symm, 0) }, 2048, 0},
	{"uniform7", func(dst, in, _ Matrix) { UniformFilter(dst, in, 7, Symm, 0) }, 2048, 0},
}

// BenchmarkConvolve2D times the cases of bench2D into a preallocated dst, single-threaded
// as Convolve is.
func BenchmarkConvolve2D(b *testing.B) {
	for _, c := range bench2D {
		in, k := gridMatrix(grid.SeedA, c.n, c.n), gridMatrix(grid.SeedB, c.k, c.k)
		rows, cols := c.n, c.n
		if c.name == "fft512" {
			rows, cols = 2*c.n-1, 2*c.n-1
		}
		dst := NewMatrix(rows, cols, nil)
		b.Run("case="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.run(dst, in, k)
			}
		})
	}
}

// BenchmarkUniformFilter times UniformFilter on a 2048×2048 image by direct sums and by
// running sums, for the switch point uniformDirectMax.
func BenchmarkUniformFilter(b *testing.B) {
	in := gridMatrix(grid.SeedA, 2048, 2048)
	dst := NewMatrix(2048, 2048, nil)
	defer func(m int) { uniformDirectMax = m }(uniformDirectMax)
	for _, size := range []int{3, 7, 15, 31} {
		for _, meth := range []string{"direct", "running"} {
			b.Run(fmt.Sprintf("size=%d/method=%s", size, meth), func(b *testing.B) {
				uniformDirectMax = map[string]int{"direct": size, "running": 0}[meth]
				b.ReportAllocs()
				for b.Loop() {
					UniformFilter(dst, in, size, Symm, 0)
				}
			})
		}
	}
}
