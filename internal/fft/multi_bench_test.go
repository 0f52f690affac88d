package fft

import (
	"fmt"
	"testing"
)

// BenchmarkForwardMulti times the column transforms of an n×v matrix beside the same
// number of contiguous n-point transforms.
func BenchmarkForwardMulti(b *testing.B) {
	for _, sz := range [][2]int{{1024, 512}, {2048, 1024}, {256, 128}} {
		n, v := sz[0], sz[1]
		f := NewPlan(n, NewRootTable(n))
		a := make([]complex128, n*v)
		for i := range a {
			a[i] = complex(float64(i%7), 1)
		}
		b.Run(fmt.Sprintf("n=%d/v=%d/impl=multi", n, v), func(b *testing.B) {
			for b.Loop() {
				f.ForwardMulti(a, v)
			}
		})
		b.Run(fmt.Sprintf("n=%d/v=%d/impl=rows", n, v), func(b *testing.B) {
			for b.Loop() {
				for c := range v {
					f.Forward(a[c*n : (c+1)*n])
				}
			}
		})
	}
}
