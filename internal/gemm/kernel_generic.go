package gemm

// microKernel is the kernel in use: kernelGeneric, or on amd64 with AVX-512 the assembly of
// kernel_amd64.s, which computes the same values (up to the rounding of fused multiply-adds).
var microKernel = kernelGeneric

// Impl names the micro-kernel in use: "go" (kernelGeneric) or "avx512".
var Impl = "go"

// kernelGeneric sets (acc false) or adds to (acc true) the MR×NR tile of c at row stride ldc
// the product of the packed panels a (kc steps of MR values) and b (kc steps of NR values):
// c[i*ldc+j] (+)= Σ_p a[p*MR+i]·b[p*NR+j]. The sum runs in increasing p, added to the old
// value last.
func kernelGeneric(kc int, a, b, c []float64, ldc int, acc bool) {
	var t [MR][NR]float64
	for p := range kc {
		ap := a[p*MR : p*MR+MR]
		bp := b[p*NR : p*NR+NR]
		for i, ai := range ap {
			ti := &t[i]
			for j, bj := range bp {
				ti[j] += ai * bj
			}
		}
	}
	for i := range MR {
		ci := c[i*ldc : i*ldc+NR]
		if acc {
			for j := range ci {
				ci[j] += t[i][j]
			}
		} else {
			copy(ci, t[i][:])
		}
	}
}
