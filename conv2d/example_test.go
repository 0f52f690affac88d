package conv2d_test

import (
	"fmt"

	"github.com/polyconv/polyconv/conv2d"
	"github.com/polyconv/polyconv/poly"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// A 3×3 box blur of a 4×4 image, keeping the image's shape, with the edges mirrored
// half-sample (scipy's boundary "symm").
func ExampleConvolve() {
	img := conv2d.NewMatrix(4, 4, []float64{
		0, 0, 0, 0,
		0, 9, 9, 0,
		0, 9, 9, 0,
		0, 0, 0, 0,
	})
	box := conv2d.NewMatrix(3, 3, []float64{1, 1, 1, 1, 1, 1, 1, 1, 1})
	out := conv2d.Convolve(conv2d.Matrix{}, img, box, conv2d.Options{Mode: poly.Same, Boundary: conv2d.Symm})
	for i := range out.Rows {
		fmt.Println(out.Data[i*out.Stride : i*out.Stride+out.Cols])
	}
	// Output:
	// [9 18 18 9]
	// [18 36 36 18]
	// [18 36 36 18]
	// [9 18 18 9]
}

// The full convolution of two small matrices, as scipy.signal.convolve2d gives it by
// default (fill with zeros).
func ExampleConvolve_full() {
	a := conv2d.NewMatrix(2, 2, []float64{1, 2, 3, 4})
	k := conv2d.NewMatrix(1, 2, []float64{1, -1})
	out := conv2d.Convolve(conv2d.Matrix{}, a, k, conv2d.Options{})
	fmt.Println(out.Rows, out.Cols, out.Data)
	// Output:
	// 2 3 [1 1 -2 3 1 -4]
}

// Matrix has the fields of gonum's blas64.General, so a mat.Dense's data is used in place,
// and the result converts back without a copy.
func ExampleMatrix() {
	d := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})
	in := conv2d.Matrix(d.RawMatrix())
	out := conv2d.Correlate(conv2d.Matrix{}, in, conv2d.NewMatrix(1, 1, []float64{10}), conv2d.Options{})
	var r mat.Dense
	r.SetRawMatrix(blas64.General(out))
	fmt.Println(mat.Formatted(&r))
	// Output:
	// ⎡10  20  30⎤
	// ⎣40  50  60⎦
}

// A Gaussian blur with scipy.ndimage's defaults (boundary "reflect", which is Symm); the
// outputs are scipy's, and the middle one is the kernel's centre weight 1/√(2π).
func ExampleGaussianFilter() {
	img := conv2d.NewMatrix(1, 5, []float64{0, 0, 1, 0, 0})
	out := conv2d.GaussianFilter(conv2d.Matrix{}, img, 1, conv2d.Symm, 0)
	fmt.Printf("%.4f\n", out.Data)
	fmt.Printf("%.4f\n", conv2d.GaussianKernel(1, 4)[4])
	// Output:
	// [0.0584 0.2421 0.3989 0.2421 0.0584]
	// 0.3989
}

// A 3×3 mean filter, as scipy.ndimage.uniform_filter(a, 3, mode="constant").
func ExampleUniformFilter() {
	img := conv2d.NewMatrix(3, 3, []float64{9, 9, 9, 9, 9, 9, 9, 9, 9})
	out := conv2d.UniformFilter(conv2d.Matrix{}, img, 3, conv2d.Fill, 0)
	fmt.Println(out.Data)
	// Output:
	// [4 6 4 6 9 6 4 6 4]
}

// A separable kernel: the outer product of a column and a row vector (here a Sobel
// derivative across the columns), applied as two 1-D passes.
func ExampleConvolveSeparable() {
	img := conv2d.NewMatrix(3, 4, []float64{
		0, 0, 5, 5,
		0, 0, 5, 5,
		0, 0, 5, 5,
	})
	out := conv2d.ConvolveSeparable(conv2d.Matrix{}, img, []float64{1, 2, 1}, []float64{1, 0, -1}, conv2d.Options{Mode: poly.Same, Boundary: conv2d.Nearest})
	fmt.Println(out.Data)
	// Output:
	// [0 20 20 0 0 20 20 0 0 20 20 0]
}

func ExampleParseBoundary() {
	b, err := conv2d.ParseBoundary("reflect")
	fmt.Println(b, err)
	_, err = conv2d.ParseBoundary("bounce")
	fmt.Println(err)
	// Output:
	// symm <nil>
	// conv2d: unknown boundary "bounce" (want fill, wrap, symm, nearest or mirror)
}
