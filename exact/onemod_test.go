package exact

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/polyconv/polyconv/internal/vntt"
)

// TestOneModular compares the one-prime-per-vector product (oneModular, through MultiModular)
// with package ntt's multi-modular product on random word-size operands: lengths 1, 2, 2^k±1,
// unbalanced shapes, 1- to 64-bit coefficients (all-ones and powers of two among them), signs,
// squares, and a dst reused from a previous product (aliasing the result's storage).
func TestOneModular(t *testing.T) {
	if !vntt.Fast() || !useOne {
		t.Skip("no IFMA kernels, or EXACT_USEONE=0: the one-prime path is off")
	}
	r := rand.New(rand.NewPCG(41, 42))
	lens := []int{1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 257, 1023, 1025, 4097}
	for _, bits := range []int{1, 16, 32, 47, 50, 63, 64} {
		for trial := range 12 {
			nx, ny := lens[r.IntN(len(lens))], lens[r.IntN(len(lens))]
			if trial == 0 {
				nx, ny = 20000, 3 // long and short
			}
			x, y := randPoly(r, nx, bits, true), randPoly(r, ny, bits, trial%2 == 0)
			msg := fmt.Sprintf("bits=%d %d×%d", bits, nx, ny)
			if k, ok := onePays(nx, ny, bits, bits); !ok || k < 1 {
				t.Fatalf("%s: one-prime path not taken", msg)
			}
			useOne = false
			want := MulUsing(MultiModular, nil, x, y)
			wantSq := MulUsing(MultiModular, nil, x, x)
			useOne = true
			equalInts(t, MulUsing(MultiModular, nil, x, y), want, msg)
			equalInts(t, MulUsing(MultiModular, nil, x, x), wantSq, msg+" square")
			dst := MulUsing(MultiModular, nil, y, x)
			equalInts(t, MulUsing(MultiModular, dst, x, y), want, msg+" reused dst")
		}
	}
	// The largest products: all coefficients ±(2^64−1), so every output coefficient is near
	// the bound that decides the number of primes.
	for _, n := range []int{1, 2, 100, 1 << 12} {
		x, y := make([]*big.Int, n), make([]*big.Int, n)
		top := new(big.Int).SetUint64(^uint64(0))
		for i := range x {
			x[i], y[i] = new(big.Int).Set(top), new(big.Int).Neg(top)
		}
		useOne = false
		want := MulUsing(MultiModular, nil, x, y)
		useOne = true
		equalInts(t, MulUsing(MultiModular, nil, x, y), want, fmt.Sprintf("extreme n=%d", n))
	}
}

// TestOneModularIndependent checks that the coefficients of a new result (emitInts' block of
// big.Ints over one slab of words) are independent, and equal to the reference, with the
// coefficients split among goroutines in small chunks (each with its own block and slab) or
// in one; then that the result reused as dst gets the product again.
func TestOneModularIndependent(t *testing.T) {
	if !vntt.Fast() || !useOne {
		t.Skip("no IFMA kernels, or EXACT_USEONE=0: the one-prime path is off")
	}
	defer func(c int) { crtGrain = c }(crtGrain)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	r := rand.New(rand.NewPCG(45, 46))
	for _, set := range []struct{ grain, procs int }{{5, 3}, {1 << 20, 1}} {
		crtGrain = set.grain
		runtime.GOMAXPROCS(set.procs)
		for _, c := range []struct{ nx, ny, bits int }{{40, 33, 64}, {17, 50, 16}, {1, 1, 1}, {90, 2, 40}} {
			x, y := randPoly(r, c.nx, c.bits, true), randPoly(r, c.ny, c.bits, true)
			got, want := MulUsing(MultiModular, nil, x, y), naiveMul(x, y)
			msg := fmt.Sprintf("%+v %+v", set, c)
			if equalInts(t, got, want, msg) && independentInts(t, got, want, msg) {
				equalInts(t, MulUsing(MultiModular, got, x, y), naiveMul(x, y), msg+" into the result")
			}
		}
	}
}

// TestOnePrimes checks onePrimes against the bound it promises: M = Π p_i > 2·s·2^(bx+by) for
// the count returned, and not for one prime fewer.
func TestOnePrimes(t *testing.T) {
	for _, c := range []struct{ nx, ny, bx, by int }{{1, 1, 1, 1}, {1000, 1000, 16, 16}, {1000000, 1000000, 16, 16},
		{100000, 100000, 64, 64}, {1000000, 1000000, 64, 64}, {1 << 20, 5, 64, 1}, {3, 3, 64, 64}} {
		k := onePrimes(c.nx, c.ny, c.bx, c.by)
		lim := new(big.Int).Lsh(big.NewInt(int64(2*min(c.nx, c.ny))), uint(c.bx+c.by))
		m := big.NewInt(1)
		for i := range k {
			if i == k-1 && m.Cmp(lim) > 0 {
				t.Errorf("%v: %d primes, but %d suffice", c, k, k-1)
			}
			m.Mul(m, new(big.Int).SetUint64(vntt.Primes[i]))
		}
		if k == 0 || m.Cmp(lim) <= 0 {
			t.Errorf("%v: %d primes do not exceed the bound", c, k)
		}
	}
}

// TestOneModularPrimes runs oneModular with every prime count from the fewest that suffice to
// all eight (more primes than needed give the same product), so the general Garner loop (one
// prime, four to eight) is checked as well as the two- and three-prime loops.
func TestOneModularPrimes(t *testing.T) {
	if !vntt.Fast() || !useOne {
		t.Skip("no IFMA kernels, or EXACT_USEONE=0: the one-prime path is off")
	}
	r := rand.New(rand.NewPCG(43, 44))
	for _, c := range []struct{ n, bits int }{{1, 1}, {17, 8}, {65, 20}, {300, 64}} {
		x, y := randPoly(r, c.n, c.bits, true), randPoly(r, c.n+3, c.bits, true)
		useOne = false
		want := MulUsing(MultiModular, nil, x, y)
		useOne = true
		xs, ys := scan(x), scan(y)
		for k := onePrimes(len(x), len(y), xs.bits, ys.bits); k <= vntt.Lanes; k++ {
			equalInts(t, oneModular(nil, xs.vals, ys.vals, xs, ys, k), want, fmt.Sprintf("n=%d bits=%d k=%d", c.n, c.bits, k))
		}
		xs.release()
		ys.release()
	}
}
