//go:build amd64 && !purego

package fft

import "github.com/polyconv/polyconv/internal/cpu"

// The AVX kernels of bfly_amd64.s; each computes exactly what bfly4Generic does
// (TestBfly4Kernels compares them).

//go:noescape
func bfly4FwdAVX(a0, a1, a2, a3 *complex128, n int, w *[3]complex128)

//go:noescape
func bfly4InvAVX(a0, a1, a2, a3 *complex128, n int, w *[3]complex128)

//go:noescape
func bfly4FwdTwAVX(a0, a1, a2, a3, w1, w2, w3 *complex128, n int)

//go:noescape
func bfly4InvTwAVX(a0, a1, a2, a3, w1, w2, w3 *complex128, n int)

// useAVX is set when the CPU has AVX (a variable so that tests can run the generic twin).
var useAVX = cpu.AVX

// bfly4 runs the radix-4 butterfly of level.dif (inv false: butterfly, then twiddles w1,
// w2, w3) or level.dit (inv true: the conjugate twiddles given as w1, w2, w3 first, then the
// conjugate butterfly) on each column of four row stretches of equal length: on AVX two
// columns at a time in assembly, else (and for an odd last column) bfly4Generic.
func bfly4(a0, a1, a2, a3 []complex128, w1, w2, w3 complex128, inv bool) {
	n := len(a0) &^ 1
	if !useAVX || n == 0 {
		bfly4Generic(a0, a1, a2, a3, w1, w2, w3, inv)
		return
	}
	a1, a2, a3 = a1[:len(a0)], a2[:len(a0)], a3[:len(a0)]
	w := [3]complex128{w1, w2, w3}
	if inv {
		bfly4InvAVX(&a0[0], &a1[0], &a2[0], &a3[0], n, &w)
	} else {
		bfly4FwdAVX(&a0[0], &a1[0], &a2[0], &a3[0], n, &w)
	}
	if n < len(a0) {
		bfly4Generic(a0[n:], a1[n:], a2[n:], a3[n:], w1, w2, w3, inv)
	}
}

// radix4Tw runs level.dif's (inv false) or level.dit's radix-4 pass on one block, given as
// its four stretches a0 … a3 of length s and the level's twiddle rows w1, w2, w3: in
// assembly two columns at a time on AVX and returning true, else returning false (the
// caller runs the Go loop).
func radix4Tw(a0, a1, a2, a3, w1, w2, w3 []complex128, inv bool) bool {
	n := len(a0)
	if !useAVX || n%2 != 0 {
		return false
	}
	a1, a2, a3, w1, w2, w3 = a1[:n], a2[:n], a3[:n], w1[:n], w2[:n], w3[:n]
	if inv {
		bfly4InvTwAVX(&a0[0], &a1[0], &a2[0], &a3[0], &w1[0], &w2[0], &w3[0], n)
	} else {
		bfly4FwdTwAVX(&a0[0], &a1[0], &a2[0], &a3[0], &w1[0], &w2[0], &w3[0], n)
	}
	return true
}
