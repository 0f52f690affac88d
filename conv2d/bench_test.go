package conv2d

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/internal/pool"
	"github.com/polyconv/polyconv/poly"
)

// gridMatrix returns an r×c matrix of the float grid of BENCHMARKS.md from seed (row by
// row), the inputs testdata/bench_ref.py times scipy and OpenCV on.
func gridMatrix(seed uint64, r, c int) Matrix {
	return NewMatrix(r, c, grid.Floats(seed, r*c))
}

// bench2DCase is one case of issue 12, timed against scipy and OpenCV by
// testdata/bench_ref.py on the same inputs.
type bench2DCase struct {
	name string
	run  func(dst, in, k Matrix)
	n, k int // image and kernel sides
}

// operands returns the case's grid image and kernel and a dst of the output's shape.
func (c bench2DCase) operands() (in, k, dst Matrix) {
	in, k = gridMatrix(grid.SeedA, c.n, c.n), gridMatrix(grid.SeedB, c.k, c.k)
	rows, cols := c.n, c.n
	if c.name == "fft512" {
		rows, cols = 2*c.n-1, 2*c.n-1
	}
	return in, k, NewMatrix(rows, cols, nil)
}

// bench2D are the cases of issue 12.
var bench2D = []bench2DCase{
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
		in, k, dst := c.operands()
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

var peakHeap = flag.Bool("peakheap", false, "print the bytes each BenchmarkConvolve2D case allocates with empty pools (go test ./conv2d -run PeakHeap -v -args -peakheap)")

// TestPeakHeap prints, for each case of BenchmarkConvolve2D, the bytes one call allocates
// with the scratch pools emptied and the collector off (so every transform buffer, band and
// table it needs is counted), beside the bytes of its input and output: an upper bound on
// the call's peak memory above them.
func TestPeakHeap(t *testing.T) {
	if !*peakHeap {
		t.Skip("run with -peakheap")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	for _, c := range bench2D {
		in, k, dst := c.operands()
		pool.DropAll()
		plan2s.Clear()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		c.run(dst, in, k)
		runtime.ReadMemStats(&m1)
		io := 8 * float64(len(in.Data)+len(k.Data)+len(dst.Data))
		fmt.Printf("case=%s allocated=%.1fMiB inputs+output=%.1fMiB\n", c.name, float64(m1.TotalAlloc-m0.TotalAlloc)/(1<<20), io/(1<<20))
	}
}
