//go:build amd64 && !purego

package gemm

import "github.com/polyconv/polyconv/internal/cpu"

// kernelAVX512 is the AVX-512 micro-kernel of kernel_amd64.s: it computes what kernelGeneric
// computes, for kc ≥ 0, with a, b and c long enough (kernel checks). TestKernelMatchesGeneric
// compares the two on random inputs.
//
//go:noescape
func kernelAVX512(kc int, a, b, c []float64, ldc int, acc bool)

func init() {
	if cpu.AVX512F {
		microKernel = kernelAVX512
		Impl = "avx512"
	}
}
