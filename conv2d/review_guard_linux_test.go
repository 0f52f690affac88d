package conv2d

// Reviewer's guard-page test of the AVX direct-sum kernel (corr_amd64.s): p and o end (or
// start) exactly at a PROT_NONE page, so one element read or written outside faults.

import (
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"unsafe"
)

// rvGuardedF returns n float64s whose memory ends (atEnd) or starts at a PROT_NONE page.
func rvGuardedF(t *testing.T, n int, atEnd bool) ([]float64, func()) {
	t.Helper()
	page := syscall.Getpagesize()
	dataPages := max(1, (n*8+page-1)/page)
	mem, err := syscall.Mmap(-1, 0, (dataPages+2)*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	if syscall.Mprotect(mem[:page], syscall.PROT_NONE) != nil || syscall.Mprotect(mem[(dataPages+1)*page:], syscall.PROT_NONE) != nil {
		t.Skip("mprotect failed")
	}
	off := page
	if atEnd {
		off = (dataPages+1)*page - n*8
	}
	s := []float64{}
	if n > 0 {
		s = unsafe.Slice((*float64)(unsafe.Pointer(&mem[off])), n)
	}
	return s, func() { _ = syscall.Munmap(mem) }
}

// TestReviewCorrTapsGuarded runs corrTaps with o and p against guard pages, p exactly as
// long as the sums read, for output counts around multiples of 32 and offsets that make
// the last block read the very last element, and compares bit for bit with the definition.
func TestReviewCorrTapsGuarded(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, atEnd := range []bool{true, false} {
		for _, n := range []int{1, 31, 32, 33, 63, 64, 65, 96, 127, 128, 200} {
			for _, taps := range []int{1, 3, 8, 25} {
				k := make([]float64, taps)
				offs := make([]int, taps)
				for i := range k {
					k[i] = rng.NormFloat64()
					offs[i] = rng.IntN(40)
				}
				offs[rng.IntN(taps)] = 40 // the largest offset is used
				last := n - 1 + rvMaxInt(offs)
				p, freeP := rvGuardedF(t, last+1, atEnd)
				o, freeO := rvGuardedF(t, n, atEnd)
				for i := range p {
					p[i] = rng.NormFloat64()
				}
				want := make([]float64, n)
				rvCorrRef(want, p, k, offs)
				corrTaps(o, p, k, offs)
				for i := range want {
					if math.Float64bits(want[i]) != math.Float64bits(o[i]) {
						t.Fatalf("n=%d taps=%d atEnd=%v: o[%d] = %v, want %v", n, taps, atEnd, i, o[i], want[i])
					}
				}
				freeP()
				freeO()
			}
		}
	}
}
