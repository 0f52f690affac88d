package peer

import (
	"flag"
	"fmt"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/ntt"
)

// TestTuneRatio times polyconv and lattigo by the CPU time of the calling thread (robust to a
// loaded machine), interleaved, and prints medians and ratios:
//
//	go test -run TuneRatio -v -args -peer.tune
var tune = flag.Bool("peer.tune", false, "run the CPU-time comparison")

func threadCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestTuneRatio(t *testing.T) {
	if !*tune {
		t.Skip("-peer.tune")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for _, n := range []int{1 << 16, 1 << 18, 1 << 20} {
		m, _ := ntt.NewModulus(grid.NTTPrime)
		x, y := grid.ModP(grid.SeedA, n, grid.NTTPrime), grid.ModP(grid.SeedB, n, grid.NTTPrime)
		l, q, err := newLattigo(2 * n)
		if err != nil {
			t.Fatal(err)
		}
		lx, ly := grid.ModP(grid.SeedA, n, q), grid.ModP(grid.SeedB, n, q)
		dst := make([]uint64, 2*n-1)
		fs := []func(){func() { m.Convolve(dst, x, y) }, func() { l.mul(dst, lx, ly) }}
		var ts [2][]time.Duration
		for _, f := range fs {
			f()
		}
		inner := max(1, (1<<22)/n)
		for range 7 {
			for i, f := range fs {
				t0 := threadCPU()
				for range inner {
					f()
				}
				ts[i] = append(ts[i], (threadCPU()-t0)/time.Duration(inner))
			}
		}
		for i := range ts {
			slices.Sort(ts[i])
		}
		a, b := ts[0][3], ts[1][3]
		fmt.Printf("n=%d polyconv %v lattigo %v ratio %.3f\n", n, a, b, float64(a)/float64(b))
	}
}
