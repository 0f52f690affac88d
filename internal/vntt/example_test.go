package vntt_test

import (
	"fmt"

	"github.com/polyconv/polyconv/internal/vntt"
)

// Example multiplies 1 + 2x + 3x² by 4 + 5x modulo each of the eight primes: every lane holds
// the same operands here, so every lane gives the same cyclic convolution of length 4.
func Example() {
	pl := vntt.NewPlan(2) // length 4
	a := make([]uint64, vntt.Lanes*pl.Len())
	b := make([]uint64, vntt.Lanes*pl.Len())
	for l := range vntt.Lanes {
		for i, c := range []uint64{1, 2, 3} {
			a[vntt.Lanes*i+l] = c
		}
		for i, c := range []uint64{4, 5} {
			b[vntt.Lanes*i+l] = c
		}
	}
	pl.Forward(a)
	pl.Forward(b)
	pl.MulScaled(a, b)
	pl.Inverse(a)
	for l, p := range vntt.Primes {
		for i := range pl.Len() {
			a[vntt.Lanes*i+l] %= p // entries come back below 2p
		}
	}
	fmt.Println(a[0], a[vntt.Lanes], a[2*vntt.Lanes], a[3*vntt.Lanes])
	// Output: 4 13 22 15
}
