package exact

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/polyconv/polyconv/internal/pool"
)

// withSmallPools lowers the pooling threshold and work sizes so that small products run through
// the pooled buffers and the parallel loops, and returns a function restoring them.
func withSmallPools() (restore func()) {
	mp, rg, cg := pool.MinLen, residueGrain, crtGrain
	procs := runtime.GOMAXPROCS(4)
	pool.MinLen, residueGrain, crtGrain = 16, 7, 5
	return func() {
		pool.MinLen, residueGrain, crtGrain = mp, rg, cg
		runtime.GOMAXPROCS(procs)
	}
}

// withNils returns x with some entries replaced by nil (read as zero).
func withNils(r *rand.Rand, x []*big.Int) []*big.Int {
	for i := range x {
		if r.IntN(9) == 0 {
			x[i] = nil
		}
	}
	return x
}

// TestPooledScratch runs the multi-modular product (and Auto) through the pooled scratch on
// products of changing sizes, signs and bit lengths, so that buffers come back from the pools
// with the stale contents of other products, and compares with the schoolbook product. Earlier
// results are checked again after later calls, which would overwrite them if they aliased
// pooled memory.
func TestPooledScratch(t *testing.T) {
	defer withSmallPools()()
	r := rand.New(rand.NewPCG(41, 42))
	type done struct {
		got, want []*big.Int
		msg       string
	}
	var kept []done
	rounds := 120
	if testing.Short() {
		rounds = 40
	}
	for round := range rounds {
		nx, ny := 1+r.IntN(300), 1+r.IntN(300)
		b := []int{1, 16, 40, 64, 65, 130, 300}[r.IntN(7)]
		signed := r.IntN(3) != 0
		x, y := withNils(r, randPoly(r, nx, b, signed)), withNils(r, randPoly(r, ny, b, signed))
		xc, yc := copyInts(x), copyInts(y)
		want := MulUsing(Schoolbook, nil, x, y)
		msg := fmt.Sprintf("round %d %d×%d bits=%d signed=%v", round, nx, ny, b, signed)
		for _, alg := range []Algorithm{MultiModular, Auto} {
			got := MulUsing(alg, nil, x, y)
			equalInts(t, got, want, fmt.Sprintf("%s %v", msg, alg))
			kept = append(kept, done{got, want, fmt.Sprintf("%s %v later", msg, alg)})
		}
		equalInts(t, copyInts(x), xc, msg+" x unchanged")
		equalInts(t, copyInts(y), yc, msg+" y unchanged")
		// Squares, into dst == x when the product has x's length.
		sqWant := MulUsing(Schoolbook, nil, x, x)
		equalInts(t, Sqr(nil, x), sqWant, msg+" Sqr")
		one := randPoly(r, 1, b, signed)
		oneWant := MulUsing(Schoolbook, nil, xc, one)
		x2 := copyInts(xc)
		equalInts(t, MulUsing(MultiModular, x2, x2, one), oneWant, msg+" dst==x")
		// dst given, with entries shared with the operands.
		x3, y3 := copyInts(xc), copyInts(yc)
		dst := make([]*big.Int, nx+ny-1)
		for i := range dst { // each operand entry at most once: dst entries must be distinct
			if j := i / 3; i%3 == 0 && j < nx {
				dst[i] = x3[j]
			} else if i%3 == 1 && j < ny {
				dst[i] = y3[j]
			}
		}
		equalInts(t, MulUsing(MultiModular, dst, x3, y3), want, msg+" shared dst")
	}
	for _, d := range kept {
		equalInts(t, d.got, d.want, d.msg)
	}
}

// TestPooledConcurrent runs multi-modular products concurrently so that `go test -race` sees the
// pools shared between calls.
func TestPooledConcurrent(t *testing.T) {
	defer withSmallPools()()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(51, uint64(g)))
			for i := range 15 {
				b := []int{16, 64, 200}[i%3]
				x, y := randPoly(r, 20+r.IntN(200), b, true), randPoly(r, 20+r.IntN(200), b, i%2 == 0)
				want := MulUsing(Schoolbook, nil, x, y)
				equalInts(t, MulUsing(MultiModular, nil, x, y), want, fmt.Sprintf("goroutine %d call %d", g, i))
			}
		}()
	}
	wg.Wait()
}
