package poly

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var calibrate = flag.Bool("calibrate", false, "measure fftCostRatio and fftMinShort (go test -run Calibrate -calibrate -v)")

// TestCalibrateConvolve measures the cost per multiply-add of the direct method and the cost
// per N·log2(N) of the FFT path, and prints their ratio, the value for fftCostRatio, and the
// balanced crossover. Run it on a quiet machine:
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
	fmt.Printf("%8s %8s %12s %12s %10s\n", "n", "m", "direct", "fft", "ratio")
	for _, sz := range [][2]int{{64, 64}, {128, 128}, {256, 256}, {512, 512}, {1024, 1024}, {100000, 32}, {100000, 64}, {100000, 128}, {20000, 256}} {
		n, m := sz[0], sz[1]
		x, y := uniform(rng, n), uniform(rng, m)
		dst := make([]float64, n+m-1)
		td := timeIt(func() { convolveDirect(dst, x, y, 0, false) })
		tf := timeIt(func() { convolveFFT(dst, x, y, 0, false) })
		N := 2 * fftHalfLength(n+m-1)
		cd := td / directOps(n, m, 0, n+m-1)
		cf := tf / (float64(N) * math.Log2(float64(N)))
		ratios = append(ratios, cf/cd)
		fmt.Printf("%8d %8d %12v %12v %10.2f\n", n, m, time.Duration(td*1e9), time.Duration(tf*1e9), cf/cd)
	}
	slices.Sort(ratios)
	fmt.Printf("fftCostRatio = %.2f (median of the ratios above; currently %.2f)\n", ratios[len(ratios)/2], fftCostRatio)
}
