package fft

import (
	"fmt"
	"testing"
)

// BenchmarkForwardMulti times the column transforms of an n×v matrix (with the assembly
// butterflies and with their generic twin) beside the same number of contiguous n-point
// transforms.
func BenchmarkForwardMulti(b *testing.B) {
	for _, sz := range [][2]int{{1024, 512}, {2048, 1024}, {256, 128}} {
		n, v := sz[0], sz[1]
		f := NewPlan(n, NewRootTable(n))
		a := make([]complex128, n*v)
		for i := range a {
			a[i] = complex(float64(i%7), 1)
		}
		for _, asm := range []bool{true, false} {
			if asm && !useAVX {
				continue
			}
			impl := map[bool]string{true: "asm", false: "go"}[asm]
			b.Run(fmt.Sprintf("n=%d/v=%d/impl=%s", n, v, impl), func(b *testing.B) {
				defer func(u bool) { useAVX = u }(useAVX)
				useAVX = asm
				for b.Loop() {
					f.ForwardMulti(a, v)
				}
			})
		}
		b.Run(fmt.Sprintf("n=%d/v=%d/impl=contiguous", n, v), func(b *testing.B) {
			for b.Loop() {
				for c := range v {
					f.Forward(a[c*n : (c+1)*n])
				}
			}
		})
	}
}
