//go:build !amd64 || purego

package vntt

// setLimbsFast is never called without the assembly kernels (fast is false).
func setLimbsFast(a, d []uint64) { setLimbsGeneric(a, d) }
