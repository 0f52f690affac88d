package exact

import (
	"flag"
	"fmt"
	"math/big"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/internal/pool"
)

var peakHeap = flag.Bool("peakheap", false, "measure the peak heap of Mul on the benchmark grid")

// intsBytes is the heap size of x: the slice, the big.Ints and their words.
func intsBytes(x []*big.Int) uint64 {
	b := uint64(cap(x)) * 8
	for _, c := range x {
		b += 32 + uint64(cap(c.Bits()))*8
	}
	return b
}

// TestPeakHeap bounds Mul's peak heap on the grid: with the collector off, everything a call
// allocates stays live, so the heap growth during the call bounds its peak from above. Pools are
// emptied first so that transform scratch is counted; the cached transform plans (twiddle
// tables, shared by all later calls of the same size) are built by a warm-up call and not
// counted. Run with
//
//	go test -count=1 -run TestPeakHeap -v ./exact -args -peakheap
func TestPeakHeap(t *testing.T) {
	if !*peakHeap {
		t.Skip("run with -args -peakheap")
	}
	fmt.Println("case: inputs+output MB, heap growth MB (upper bound on peak), (inputs+growth)/(inputs+output)")
	for _, g := range benchGrid {
		x, y := grid.Ints(grid.SeedA, g.n, g.bits), grid.Ints(grid.SeedB, g.n, g.bits)
		Mul(nil, x, y) // build and cache the transform plans, which outlive the call
		pool.DropAll() // pooled scratch is counted as the call's own
		runtime.GC()
		runtime.GC()
		old := debug.SetGCPercent(-1)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		z := Mul(nil, x, y)
		runtime.ReadMemStats(&after)
		debug.SetGCPercent(old)
		in := intsBytes(x) + intsBytes(y)
		io := in + intsBytes(z)
		growth := after.TotalAlloc - before.TotalAlloc
		fmt.Printf("n=%d bits=%d: %.1f MB, %.1f MB, ratio %.2f\n", g.n, g.bits,
			float64(io)/1e6, float64(growth)/1e6, float64(in+growth)/float64(io))
	}
}
