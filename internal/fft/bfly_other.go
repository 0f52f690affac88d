//go:build !amd64 || purego

package fft

// useAVX is false without the assembly kernels.
var useAVX = false

// bfly4 is bfly4Generic without the assembly kernels.
func bfly4(a0, a1, a2, a3 []complex128, w1, w2, w3 complex128, inv bool) {
	bfly4Generic(a0, a1, a2, a3, w1, w2, w3, inv)
}

// radix4Tw returns false without the assembly kernels: the caller runs the Go loop.
func radix4Tw(a0, a1, a2, a3, w1, w2, w3 []complex128, inv bool) bool { return false }
