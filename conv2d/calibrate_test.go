package conv2d

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/polyconv/polyconv/poly"
)

var calibrate = flag.Bool("calibrate", false, "measure directCost (go test ./conv2d -run Calibrate -calibrate -v)")

// TestCalibrate measures the time of one multiply-add of the direct sums and of one unit
// of the FFT cost model (on whole transforms and on tiles), prints their ratio (the value
// for directCost, with fftScale 1), and then, for a set of shapes, times each method and
// shows which one the model picks. Run it on a quiet machine, single-threaded:
//
//	GOMAXPROCS=1 go test ./conv2d -run Calibrate -calibrate -v
func TestCalibrate(t *testing.T) {
	if !*calibrate {
		t.Skip("run with -calibrate")
	}
	rng := rand.New(rand.NewPCG(19, 20))
	timeIt := func(f func()) float64 {
		f()
		var ts []float64
		for range 5 {
			reps := 1
			for {
				start := time.Now()
				for range reps {
					f()
				}
				if d := time.Since(start); d > 30*time.Millisecond {
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
	fmt.Printf("%-22s %10s %10s %10s %8s %s\n", "case", "direct", "fft", "ratio", "model", "plan")
	for _, c := range []struct{ r, kr int }{{256, 9}, {512, 9}, {512, 15}, {1024, 11}, {256, 31}, {1024, 21}, {512, 64}, {300, 300}} {
		in, k := randMatrix(rng, c.r, c.r, false), randMatrix(rng, c.kr, c.kr, false)
		for _, b := range []Boundary{Fill, Symm} {
			o := Options{Mode: poly.Same, Boundary: b}
			j := newJob(in, k, o, false)
			j.out = NewMatrix(c.r, c.r, nil)
			td := timeIt(func() { direct(&j) })
			fp := planFFT(c.r, c.r, c.kr, c.kr, c.r, c.r, b == Fill)
			tf := timeIt(func() {
				if fp.whole {
					fftWhole(&j, fp, false)
				} else {
					fftTiles(&j, fp, false)
				}
			})
			cd := td / directOps(c.r, c.r, c.kr, c.kr)
			cf := tf / (fp.cost / fftScale)
			ratios = append(ratios, cd/cf)
			model := "direct"
			if fp.cost < directCost*directOps(c.r, c.r, c.kr, c.kr) {
				model = "fft"
			}
			fmt.Printf("%4d² ⊛ %3d² %-7v %10v %10v %10.3f %8s %+v\n", c.r, c.kr, b, time.Duration(td*1e9), time.Duration(tf*1e9), cd/cf, model, fp)
		}
	}
	slices.Sort(ratios)
	fmt.Printf("directCost = %.3f (median of the ratios above; currently %.3f)\n", ratios[len(ratios)/2], directCost)
}
