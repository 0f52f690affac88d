//go:build amd64 && !purego

package cpu

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

func init() {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 1 {
		return
	}
	_, _, ecx1, _ := cpuid(1, 0)
	if ecx1&(1<<27) == 0 { // OSXSAVE: XGETBV is usable
		return
	}
	xcr0, _ := xgetbv()
	// XCR0: SSE (bit 1) and AVX (bit 2) state enabled, and the AVX flag.
	AVX = xcr0&0x6 == 0x6 && ecx1&(1<<28) != 0
	if maxLeaf < 7 {
		return
	}
	_, ebx7, _, _ := cpuid(7, 0)
	// Also opmask (5), ZMM_Hi256 (6) and Hi16_ZMM (7) state; AVX512F (16), AVX512IFMA (21).
	AVX512F = xcr0&0xe6 == 0xe6 && ebx7&(1<<16) != 0
	AVX512IFMA = AVX512F && ebx7&(1<<21) != 0
}
