//go:build amd64 && !purego

package gemm

// kernelAVX512 is the AVX-512 micro-kernel of kernel_amd64.s: it computes what kernelGeneric
// computes, for kc ≥ 0, with a, b and c long enough (kernel checks). TestKernelMatchesGeneric
// compares the two on random inputs.
//
//go:noescape
func kernelAVX512(kc int, a, b, c []float64, ldc int, acc bool)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// hasAVX512 reports whether the CPU has AVX-512F and the OS saves the ZMM state.
func hasAVX512() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	if ecx1&(1<<27) == 0 { // OSXSAVE
		return false
	}
	// XCR0: SSE (1), AVX (2), opmask (5), ZMM_Hi256 (6), Hi16_ZMM (7) state enabled.
	if xcr0, _ := xgetbv(); xcr0&0xe6 != 0xe6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<16) != 0 // AVX512F
}

func init() {
	if hasAVX512() {
		microKernel = kernelAVX512
		Impl = "avx512"
	}
}
