package cnn_test

import (
	"fmt"

	"github.com/polyconv/polyconv/cnn"
)

// A 2×2 kernel of ones over a 3×3 image of ones sums four ones per window (worked by hand).
func ExampleConv2D() {
	x := cnn.NewTensor(1, 1, 3, 3, []float64{1, 1, 1, 1, 1, 1, 1, 1, 1})
	w := cnn.NewTensor(1, 1, 2, 2, []float64{1, 1, 1, 1})
	y := cnn.Conv2D(cnn.Tensor{}, x, w, []float64{0.5}, cnn.Params{})
	fmt.Println(y.N, y.C, y.H, y.W, y.Data)
	// Output:
	// 1 1 2 2 [4.5 4.5 4.5 4.5]
}

// The output size formula floor((in + 2·padding − dilation·(kernel−1) − 1)/stride) + 1, and
// the error for a kernel larger than the padded input.
func ExampleOutSize() {
	fmt.Println(cnn.OutSize(5, 3, 2, 1, 1))
	_, err := cnn.OutSize(2, 5, 1, 0, 1)
	fmt.Println(err != nil)
	// Output:
	// 3 <nil>
	// true
}
