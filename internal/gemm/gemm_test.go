package gemm

import (
	"math"
	"math/rand/v2"
	"testing"
)

func randSlice(r *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	return x
}

// TestKernelMatchesGeneric compares the micro-kernel in use with kernelGeneric.
func TestKernelMatchesGeneric(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, kc := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 64, 255, 256, 257} {
		for _, acc := range []bool{false, true} {
			a, b := randSlice(r, kc*MR), randSlice(r, kc*NR)
			ldc := NR + r.IntN(5)
			c0 := randSlice(r, (MR-1)*ldc+NR+3)
			want := append([]float64(nil), c0...)
			got := append([]float64(nil), c0...)
			kernelGeneric(kc, a, b, want, ldc, acc)
			microKernel(kc, a, b, got, ldc, acc)
			for i := range want {
				if math.Abs(want[i]-got[i]) > 1e-13*float64(kc+1) {
					t.Fatalf("kc=%d acc=%v: c[%d] = %v, want %v", kc, acc, i, got[i], want[i])
				}
			}
		}
	}
}

// naiveMul is C (+)= A·B by the definition, A m×k and B k×n row-major.
func naiveMul(c []float64, ldc, m, n, k int, a, b []float64, acc bool) {
	for i := range m {
		for j := range n {
			var s float64
			for p := range k {
				s += a[i*k+p] * b[p*n+j]
			}
			if acc {
				c[i*ldc+j] += s
			} else {
				c[i*ldc+j] = s
			}
		}
	}
}

func TestMul(t *testing.T) {
	defer func(kc, mc, nc int) { KC, MC, NC = kc, mc, nc }(KC, MC, NC)
	r := rand.New(rand.NewPCG(3, 4))
	for _, blk := range [][3]int{{256, 192, 3072}, {5, 16, 48}, {1, 8, 24}, {7, 24, 72}} {
		KC, MC, NC = blk[0], blk[1], blk[2]
		for range 60 {
			m, n, k := r.IntN(70), r.IntN(120), r.IntN(40)
			if r.IntN(4) == 0 {
				m, n, k = 1+r.IntN(3), 1+r.IntN(3), 1+r.IntN(3)
			}
			acc := r.IntN(2) == 0
			a, b := randSlice(r, m*k), randSlice(r, k*n)
			ldc := n + r.IntN(3)
			c0 := randSlice(r, m*ldc+1)
			want := append([]float64(nil), c0...)
			naiveMul(want, ldc, m, n, k, a, b, acc)
			// A as its transpose; B row-major, or B given as the transpose of a row-major Bᵀ.
			bt := make([]float64, len(b))
			for p := range k {
				for j := range n {
					bt[j*k+p] = b[p*n+j]
				}
			}
			for _, bs := range []Strided{{b, n, 1}, {bt, 1, k}} {
				got := append([]float64(nil), c0...)
				Mul(got, ldc, m, n, k, Strided{a, 1, k}, bs, acc)
				for i := range want {
					if d := math.Abs(want[i] - got[i]); d > 1e-12*(1+math.Abs(want[i])) {
						t.Fatalf("blocks %v m=%d n=%d k=%d acc=%v: c[%d] = %v, want %v", blk, m, n, k, acc, i, got[i], want[i])
					}
				}
			}
		}
	}
}
