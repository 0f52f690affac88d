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
	procs := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(procs)
	for _, n := range []int{1 << 16, 1 << 18, 1 << 20} {
		m, _ := ntt.NewModulus(grid.NTTPrime)
		x, y := grid.ModP(grid.SeedA, n, grid.NTTPrime), grid.ModP(grid.SeedB, n, grid.NTTPrime)
		l, q, err := newLattigo(2 * n)
		if err != nil {
			t.Fatal(err)
		}
		lx, ly := grid.ModP(grid.SeedA, n, q), grid.ModP(grid.SeedB, n, q)
		dst := make([]uint64, 2*n-1)
		names := []string{"polyconv(1 goroutine)", "lattigo", "polyconv(GOMAXPROCS=" + fmt.Sprint(procs) + ")"}
		fs := []func(){
			func() { runtime.GOMAXPROCS(1); m.Convolve(dst, x, y); runtime.GOMAXPROCS(procs) },
			func() { l.mul(dst, lx, ly) },
			func() { m.Convolve(dst, x, y) },
		}
		cpu := make([][]time.Duration, len(fs))
		wall := make([][]time.Duration, len(fs))
		for _, f := range fs {
			f()
		}
		inner := max(1, (1<<21)/n)
		for range 9 {
			for i, f := range fs {
				c0, w0 := threadCPU(), time.Now()
				for range inner {
					f()
				}
				cpu[i] = append(cpu[i], (threadCPU()-c0)/time.Duration(inner))
				wall[i] = append(wall[i], time.Since(w0)/time.Duration(inner))
			}
		}
		med := func(d []time.Duration) time.Duration { slices.Sort(d); return d[len(d)/2] }
		cl := med(cpu[1])
		wl := med(wall[1])
		for i, name := range names {
			c, w := med(cpu[i]), med(wall[i])
			fmt.Printf("n=%d %-26s thread-CPU %10v (%.3f× lattigo)  wall %10v (%.3f× lattigo)\n",
				n, name, c, float64(c)/float64(cl), w, float64(w)/float64(wl))
		}
	}
}
