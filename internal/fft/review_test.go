//go:build linux

package fft

// Reviewer's tests of the AVX butterflies against out-of-bounds access: every slice the
// kernels get lies against an inaccessible (PROT_NONE) page, at its end or at its start, so
// that one element read or written past either end faults instead of passing silently.

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"syscall"
	"testing"
	"unsafe"
)

// rvGuarded returns a slice of n complex128s whose memory ends (atEnd) or starts exactly at
// a PROT_NONE page, and the function that unmaps it.
func rvGuarded(t *testing.T, n int, atEnd bool) ([]complex128, func()) {
	t.Helper()
	page := syscall.Getpagesize()
	bytes := n * 16
	dataPages := (bytes + page - 1) / page
	if dataPages == 0 {
		dataPages = 1
	}
	mem, err := syscall.Mmap(-1, 0, (dataPages+2)*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	// Guard pages on both sides of the data pages.
	if err := syscall.Mprotect(mem[:page], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	if err := syscall.Mprotect(mem[(dataPages+1)*page:], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	off := page
	if atEnd {
		off = (dataPages+1)*page - bytes
	}
	var s []complex128
	if n > 0 {
		s = unsafe.Slice((*complex128)(unsafe.Pointer(&mem[off])), n)
	} else {
		s = []complex128{}
	}
	return s, func() { _ = syscall.Munmap(mem) }
}

func rvRandC(rng *rand.Rand, a []complex128) {
	for i := range a {
		a[i] = complex(2*rng.Float64()-1, 2*rng.Float64()-1)
	}
}

func rvSameC(x, y complex128) bool {
	same := func(p, q float64) bool {
		return math.Float64bits(p) == math.Float64bits(q) || p != p && q != q
	}
	return same(real(x), real(y)) && same(imag(x), imag(y)) || twinClose(x, y)
}

// twinClose reports whether x and y, two roundings of the same computation (up to whole
// transforms of 2^15 points), agree to 1e-10 relative to 1+|x| on a build that fuses
// multiply-adds (fusedArith); on other builds it is false, and the twins must be
// bit-identical. A wrong twiddle or index errs by O(|x|).
func twinClose(x, y complex128) bool {
	if !fusedArith {
		return false
	}
	d := cmplx.Abs(x - y)
	return d <= 1e-10*(1+cmplx.Abs(x))
}

// TestReviewBfly4Guarded runs bfly4 and radix4Tw (assembly on AVX) on stretches of every
// length 0 … 33 that lie against a guard page, and compares with the Go loops bit for bit.
func TestReviewBfly4Guarded(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for _, atEnd := range []bool{true, false} {
		for n := 0; n <= 33; n++ {
			var a [7][]complex128
			var free []func()
			for i := range a {
				var f func()
				a[i], f = rvGuarded(t, n, atEnd)
				free = append(free, f)
				rvRandC(rng, a[i])
			}
			w := [3]complex128{complex(rng.Float64(), rng.Float64()), complex(rng.Float64(), rng.Float64()), complex(rng.Float64(), rng.Float64())}
			for _, inv := range []bool{false, true} {
				var b [4][]complex128
				for i := range b {
					b[i] = append([]complex128(nil), a[i]...)
				}
				bfly4(a[0], a[1], a[2], a[3], w[0], w[1], w[2], inv)
				bfly4Generic(b[0], b[1], b[2], b[3], w[0], w[1], w[2], inv)
				for i := range b {
					for c := range b[i] {
						if !rvSameC(a[i][c], b[i][c]) {
							t.Fatalf("bfly4 n=%d inv=%v atEnd=%v: [%d][%d] = %v, generic %v", n, inv, atEnd, i, c, a[i][c], b[i][c])
						}
					}
				}
				for i := range b {
					b[i] = append([]complex128(nil), a[i]...)
				}
				if n > 0 && radix4Tw(a[0], a[1], a[2], a[3], a[4], a[5], a[6], inv) {
					// The Go loop of level.dif / level.dit on the copies.
					for j := range b[0] {
						x0, x1, x2, x3 := b[0][j], b[1][j], b[2][j], b[3][j]
						if inv {
							x1, x2, x3 = x1*conj(a[4][j]), x2*conj(a[5][j]), x3*conj(a[6][j])
							b0, b1 := x0+x2, x0-x2
							b2, b3 := x1+x3, mulI(x1-x3)
							b[0][j], b[1][j], b[2][j], b[3][j] = b0+b2, b1+b3, b0-b2, b1-b3
						} else {
							b0, b1 := x0+x2, x0-x2
							b2, b3 := x1+x3, mulNegI(x1-x3)
							b[0][j], b[1][j], b[2][j], b[3][j] = b0+b2, (b1+b3)*a[4][j], (b0-b2)*a[5][j], (b1-b3)*a[6][j]
						}
					}
					for i := range b {
						for c := range b[i] {
							if !rvSameC(a[i][c], b[i][c]) {
								t.Fatalf("radix4Tw n=%d inv=%v atEnd=%v: [%d][%d] = %v, Go loop %v", n, inv, atEnd, i, c, a[i][c], b[i][c])
							}
						}
					}
				}
			}
			for _, f := range free {
				f()
			}
		}
	}
}

// TestReviewTransformsGuarded runs Forward, Inverse, ForwardMulti and InverseMulti on
// buffers that lie against guard pages, for lengths of every radix mix and odd column
// counts, with and without the assembly, and requires the same bits.
func TestReviewTransformsGuarded(t *testing.T) {
	defer func(u bool) { useAVX = u }(useAVX)
	rng := rand.New(rand.NewPCG(43, 44))
	for _, n := range []int{1, 2, 3, 4, 5, 6, 8, 12, 16, 20, 36, 64, 100, 128, 250, 384, 512, 1000, 2048} {
		for _, v := range []int{1, 2, 3, 7, 9, 33} {
			p := NewPlan(n, NewRootTable(n))
			for _, atEnd := range []bool{true, false} {
				src := make([]complex128, n*v)
				rvRandC(rng, src)
				var res [2][]complex128
				for k, asm := range []bool{false, true} {
					useAVX = asm && rvAVX
					a, free := rvGuarded(t, n*v, atEnd)
					copy(a, src)
					p.Forward(a[:n])
					p.Forward(a[len(a)-n:])
					p.ForwardMulti(a, v)
					p.InverseMulti(a, v)
					p.Inverse(a[len(a)-n:])
					res[k] = append([]complex128(nil), a...)
					free()
				}
				for i := range res[0] {
					if !rvSameC(res[0][i], res[1][i]) {
						t.Fatalf("n=%d v=%d atEnd=%v: [%d] = %v with assembly, %v without", n, v, atEnd, i, res[1][i], res[0][i])
					}
				}
			}
		}
	}
}

// rvAVX is useAVX as the build and CPU set it, before any test changes it.
var rvAVX = useAVX
