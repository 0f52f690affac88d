//go:build amd64 && !purego

package vntt

import "github.com/polyconv/polyconv/internal/cpu"

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
func fwdLevelBAVX512(a, tw []uint64, h int, c *consts)

//go:noescape
func invLevelBAVX512(a, tw []uint64, h int, c *consts)

//go:noescape
func fwd2LevelsBAVX512(a, tw1, tw2 []uint64, q int, c *consts)

//go:noescape
func inv2LevelsBAVX512(a, tw1, tw2 []uint64, q int, c *consts)

//go:noescape
func ringMulAVX512(a, b, tw []uint64, scale *[2 * Lanes]uint64, c *consts)

//go:noescape
func recombineAVX512(a []uint64, c *crtConsts, lc *consts)

//go:noescape
func setLimbsAVX512(a, d []uint64, c *limbConsts, lc *consts)

func init() {
	if !cpu.AVX512IFMA {
		return
	}
	fast = true
	fwdLevel = func(a, tw []uint64, h int) { fwdLevelAVX512(a, tw, h, lane) }
	invLevel = func(a, tw []uint64, h int) { invLevelAVX512(a, tw, h, lane) }
	fwd2Levels = func(a, tw1, tw2 []uint64, q int) { fwd2LevelsAVX512(a, tw1, tw2, q, lane) }
	inv2Levels = func(a, tw1, tw2 []uint64, q int) { inv2LevelsAVX512(a, tw1, tw2, q, lane) }
	pointwise = func(a, b []uint64, scale *[2 * Lanes]uint64) { pointwiseAVX512(a, b, scale, lane) }
	recombine = func(a []uint64) { recombineAVX512(a, crt, lane) }
	fwdLevelB, invLevelB = fwdLevelBAVX512, invLevelBAVX512
	fwd2LevelsB, inv2LevelsB = fwd2LevelsBAVX512, inv2LevelsBAVX512
	ringMul = ringMulAVX512
}

// setLimbsFast is SetLimbs's assembly kernel, called directly rather than through a function
// variable so that its slices do not escape.
func setLimbsFast(a, d []uint64) { setLimbsAVX512(a, d, limbc, lane) }
