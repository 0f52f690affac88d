//go:build amd64 && !purego

package vntt

// The AVX-512 IFMA kernels of kernel_amd64.s. Each computes exactly what its generic twin in
// kernel_generic.go computes; TestKernelsMatchGeneric compares them on random inputs.

//go:noescape
func fwdLevelAVX512(a, tw []uint64, h int, c *consts)

//go:noescape
func invLevelAVX512(a, tw []uint64, h int, c *consts)

//go:noescape
func pointwiseAVX512(a, b []uint64, scale *[2 * Lanes]uint64, c *consts)

//go:noescape
func fwd2LevelsAVX512(a, tw1, tw2 []uint64, q int, c *consts)

//go:noescape
func inv2LevelsAVX512(a, tw1, tw2 []uint64, q int, c *consts)

//go:noescape
func recombineAVX512(a []uint64, c *crtConsts, lc *consts)

//go:noescape
func setLimbsAVX512(a, d []uint64, c *limbConsts, lc *consts)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// hasIFMA reports whether the CPU has AVX-512F and AVX-512 IFMA and the OS saves the ZMM state.
func hasIFMA() bool {
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
	return ebx7&(1<<16) != 0 && ebx7&(1<<21) != 0 // AVX512F, AVX512IFMA
}

func init() {
	if !hasIFMA() {
		return
	}
	fast = true
	fwdLevel = func(a, tw []uint64, h int) { fwdLevelAVX512(a, tw, h, lane) }
	invLevel = func(a, tw []uint64, h int) { invLevelAVX512(a, tw, h, lane) }
	fwd2Levels = func(a, tw1, tw2 []uint64, q int) { fwd2LevelsAVX512(a, tw1, tw2, q, lane) }
	inv2Levels = func(a, tw1, tw2 []uint64, q int) { inv2LevelsAVX512(a, tw1, tw2, q, lane) }
	pointwise = func(a, b []uint64, scale *[2 * Lanes]uint64) { pointwiseAVX512(a, b, scale, lane) }
	recombine = func(a []uint64) { recombineAVX512(a, crt, lane) }
}

// setLimbsFast is SetLimbs's assembly kernel, called directly rather than through a function
// variable so that its slices do not escape.
func setLimbsFast(a, d []uint64) { setLimbsAVX512(a, d, limbc, lane) }
