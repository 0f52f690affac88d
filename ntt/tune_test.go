package ntt

import (
	"flag"
	"fmt"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/polyconv/polyconv/internal/grid"
)

// Kernel variants measured with this harness and dropped (fwd4 at q = 2^10, 2^6, 2^4, all
// within ±5% of the kept kernel, or slower): index arithmetic on one slice with bounds
// checks (+25%), three radix-2 passes (+30%), four shrinking slices (+25%), a constant q
// with an array pointer (−8%, not reproducible), reordered statements (−2%), twiddles read
// through a pointer in the loop (±0). The kernel sits at ~1.05 ns per butterfly, which is
// the throughput of its three 64-bit multiplications.
//
// The tuning harness times variants by the CPU time of the calling thread (robust to a
// loaded machine, unlike wall time) and prints medians; run with
//
//	go test -run Tune -ntt.tune ./ntt
var tune = flag.Bool("ntt.tune", false, "run the CPU-time tuning harness")

func threadCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMedian interleaves reps runs of each variant and returns their median CPU times.
func cpuMedian(reps int, fs ...func()) []time.Duration {
	oldPar := parallelThreshold
	parallelThreshold = 1 << 62 // thread CPU time would miss the other goroutine
	defer func() { parallelThreshold = oldPar }()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ts := make([][]time.Duration, len(fs))
	for _, f := range fs {
		f()
	}
	// Repeat each call enough times per sample that the tick-granular CPU clock is accurate.
	inner := make([]int, len(fs))
	for i, f := range fs {
		t0 := time.Now()
		f()
		inner[i] = max(1, int(200*time.Millisecond/max(time.Since(t0), time.Microsecond)))
	}
	for range reps {
		for i, f := range fs {
			t0 := threadCPU()
			for range inner[i] {
				f()
			}
			ts[i] = append(ts[i], (threadCPU()-t0)/time.Duration(inner[i]))
		}
	}
	out := make([]time.Duration, len(fs))
	for i := range ts {
		slices.Sort(ts[i])
		out[i] = ts[i][len(ts[i])/2]
	}
	return out
}

func TestTuneConvolve(t *testing.T) {
	if !*tune {
		t.Skip("tuning harness: -ntt.tune")
	}
	m := mustModulus(t, grid.NTTPrime)
	for _, logn := range []int{12, 16, 18, 20} {
		n := 1 << logn
		x, y := grid.ModP(grid.SeedA, n, grid.NTTPrime), grid.ModP(grid.SeedB, n, grid.NTTPrime)
		dst := make([]uint64, 2*n-1)
		pl, _ := NewPlan(m, n)
		a := slices.Clone(x)
		reps := 7
		ts := cpuMedian(reps,
			func() { m.Convolve(dst, x, y) },
			func() { pl.Forward(a, x) },
		)
		bf := float64(n/2*logn) / 1
		fmt.Printf("n=2^%d  convolve %v  forward %v (%.3f ns/butterfly)\n", logn, ts[0], ts[1], float64(ts[1].Nanoseconds())/bf)
	}
}

func TestTuneBlock(t *testing.T) {
	if !*tune {
		t.Skip("tuning harness: -ntt.tune")
	}
	m := mustModulus(t, grid.NTTPrime)
	old := blockLog
	defer func() { blockLog = old }()
	for _, logn := range []int{18, 20} {
		n := 1 << logn
		x, y := grid.ModP(grid.SeedA, n, grid.NTTPrime), grid.ModP(grid.SeedB, n, grid.NTTPrime)
		dst := make([]uint64, 2*n-1)
		var fs []func()
		bls := []uint{11, 12, 13, 14, 15}
		for _, bl := range bls {
			fs = append(fs, func() { blockLog = bl; m.Convolve(dst, x, y) })
		}
		ts := cpuMedian(5, fs...)
		fmt.Printf("n=2^%d", logn)
		for i, d := range ts {
			fmt.Printf("  bl=%d %v", bls[i], d)
		}
		fmt.Println()
	}
}

func TestTuneWrap(t *testing.T) {
	if !*tune {
		t.Skip("tuning harness: -ntt.tune")
	}
	m := mustModulus(t, grid.NTTPrime)
	old := wrapPercent
	defer func() { wrapPercent = old }()
	for _, over := range []int{1, 1 << 10, 1 << 13, 1 << 14, 1 << 15, 1 << 16} {
		n := 1<<17 + over
		x, y := grid.ModP(grid.SeedA, n, grid.NTTPrime), grid.ModP(grid.SeedB, n, grid.NTTPrime)
		dst := make([]uint64, 2*n-1)
		ts := cpuMedian(5,
			func() { wrapPercent = 50; m.Convolve(dst, x, y) },
			func() { wrapPercent = 0; m.Convolve(dst, x, y) })
		fmt.Printf("L=2^18+%d: split %v doubled %v\n", 2*over-1, ts[0], ts[1])
	}
}

// TestTuneSchool compares schoolbook with transforms around schoolThreshold, for balanced
// and unbalanced shapes.
func TestTuneSchool(t *testing.T) {
	if !*tune {
		t.Skip("tuning harness: -ntt.tune")
	}
	m := mustModulus(t, grid.NTTPrime)
	old := schoolThreshold
	defer func() { schoolThreshold = old }()
	for _, sh := range [][2]int{{8, 8}, {16, 16}, {24, 24}, {32, 32}, {48, 48}, {64, 64}, {16, 1 << 14}, {24, 1 << 14}, {32, 1 << 14}, {48, 1 << 14}} {
		x, y := grid.ModP(grid.SeedA, sh[0], m.p), grid.ModP(grid.SeedB, sh[1], m.p)
		dst := make([]uint64, sh[0]+sh[1]-1)
		ts := cpuMedian(5,
			func() { schoolThreshold = 1 << 30; m.Convolve(dst, x, y) },
			func() { schoolThreshold = 0; m.Convolve(dst, x, y) })
		fmt.Printf("%dx%d: schoolbook %v transforms %v\n", sh[0], sh[1], ts[0], ts[1])
	}
}
