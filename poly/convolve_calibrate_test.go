package poly

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/polyconv/polyconv/internal/fft"
)

var calibrate = flag.Bool("calibrate", false, "measure directCost (go test ./poly -run Calibrate -calibrate -v)")

// TestCalibrateConvolve measures the time per multiply-add of the direct method and the time
// per unit of the FFT cost model (fftCost, fft.Extra), prints their ratio (the value for
// directCost), and then checks the method choice: for each case it times all three methods
// and shows which chooseMethod picks. Run it on a quiet machine:
//
//	go test ./poly -run Calibrate -calibrate -v
func TestCalibrateConvolve(t *testing.T) {
	if !*calibrate {
		t.Skip("run with -calibrate")
	}
	rng := rand.New(rand.NewPCG(15, 16))
	// timeIt returns the median time of f over enough repetitions.
	timeIt := func(f func()) float64 {
		f()
		var ts []float64
		for range 7 {
			reps := 1
			for {
				start := time.Now()
				for range reps {
					f()
				}
				d := time.Since(start)
				if d > 20*time.Millisecond {
					ts = append(ts, d.Seconds()/float64(reps))
					break
				}
				reps *= 2
			}
		}
		slices.Sort(ts)
		return ts[len(ts)/2]
	}
	var ratios []float64
	fmt.Printf("%8s %8s %12s %12s %12s %8s %s\n", "n", "m", "direct", "fft", "blocked", "ratio", "chosen")
	for _, sz := range [][2]int{{64, 64}, {128, 128}, {256, 256}, {512, 512}, {1024, 1024}, {8192, 8192},
		{100000, 16}, {100000, 32}, {100000, 64}, {100000, 128}, {100000, 512}, {100000, 4096}} {
		n, m := sz[0], sz[1]
		x, y := uniform(rng, n), uniform(rng, m)
		dst := make([]float64, n+m-1)
		td := timeIt(func() { convolveDirect(dst, x, y, 0, false) })
		h := fft.HalfLength(n + m - 1)
		tf := timeIt(func() { fft.RealPlanFor(h).Convolve(dst, x, y, 0, false) })
		tb := "-"
		if 4*m <= n {
			hb, _ := fft.BlockedPlan(m, n+m-1)
			tb = time.Duration(1e9 * timeIt(func() { fft.ConvolveBlocked(dst, x, y, 0, false, hb) })).String()
		}
		cd := td / directOps(n, m, 0, n+m-1)
		cf := tf / (float64(h) * (3*fft.Cost(h) + fft.Extra))
		ratios = append(ratios, cd/cf)
		meth, _ := chooseMethod(n, m, 0, n+m-1)
		fmt.Printf("%8d %8d %12v %12v %12s %8.2f %s\n", n, m, time.Duration(td*1e9), time.Duration(tf*1e9), tb, cd/cf,
			[]string{"direct", "fft", "blocked"}[meth])
	}
	slices.Sort(ratios)
	fmt.Printf("directCost = %.2f (median of the ratios above; currently %.2f)\n", ratios[len(ratios)/2], directCost)
}
