package pool_test

import (
	"fmt"

	"github.com/polyconv/polyconv/internal/pool"
)

// A buffer handed back with Put is handed out again to a request of about its size, whatever
// goroutine or processor asks.
func Example() {
	var scratch pool.Slices[uint64]
	b := scratch.Get(10000)
	(*b)[0] = 42
	scratch.Put(b)
	c := scratch.Get(9500) // the same size class
	fmt.Println(len(*c), cap(*c), c == b)
	// Output: 9500 10240 true
}
