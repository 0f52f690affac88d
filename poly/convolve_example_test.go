package poly_test

import (
	"fmt"

	"github.com/polyconv/polyconv/poly"
)

// The worked example of the numpy.convolve documentation, in all three modes.
func ExampleConvolve() {
	x := []float64{1, 2, 3}
	y := []float64{0, 1, 0.5}
	fmt.Println(poly.Convolve(nil, x, y, poly.Full))
	fmt.Println(poly.Convolve(nil, x, y, poly.Same))
	fmt.Println(poly.Convolve(nil, x, y, poly.Valid))
	// Output:
	// [0 1 2.5 4 1.5]
	// [1 2.5 4]
	// [2.5]
}

// Reusing a destination: dst must have the output length, which OutputLen gives.
func ExampleConvolve_dst() {
	signal := []float64{1, 2, 3, 4, 5, 6}
	box := []float64{0.5, 0.5}
	dst := make([]float64, poly.OutputLen(len(signal), len(box), poly.Valid))
	poly.Convolve(dst, signal, box, poly.Valid)
	fmt.Println(dst)
	// Output:
	// [1.5 2.5 3.5 4.5 5.5]
}

// The examples of the numpy.correlate documentation. Swapping the operands reverses the
// full correlation.
func ExampleCorrelate() {
	x := []float64{1, 2, 3}
	v := []float64{0, 1, 0.5}
	fmt.Println(poly.Correlate(nil, x, v, poly.Valid))
	fmt.Println(poly.Correlate(nil, x, v, poly.Same))
	fmt.Println(poly.Correlate(nil, x, v, poly.Full))
	fmt.Println(poly.Correlate(nil, v, x, poly.Full))
	// Output:
	// [3.5]
	// [2 3.5 3]
	// [0.5 2 3.5 3 0]
	// [0 3 3.5 2 0.5]
}

// Finding where a pattern occurs in a signal: the valid correlation peaks at the offset
// of the match.
func ExampleCorrelate_search() {
	signal := []float64{0, 1, 0, 0, 2, 3, 1, 0}
	pattern := []float64{2, 3, 1}
	c := poly.Correlate(nil, signal, pattern, poly.Valid)
	best := 0
	for i := range c {
		if c[i] > c[best] {
			best = i
		}
	}
	fmt.Println(c, "best offset", best)
	// Output:
	// [3 2 2 9 14 9] best offset 4
}

func ExampleMode_String() {
	fmt.Println(poly.Full, poly.Same, poly.Valid)
	// Output:
	// full same valid
}
