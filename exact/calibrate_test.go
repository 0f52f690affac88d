//go:build unix

package exact

// Calibration of Auto's cost model (choose.go), in the manner of math/big's calibrate_test.go.
// Run on an otherwise idle machine:
//
//	go test -count=1 -run TestCalibrate -v ./exact -args -calibrate
//
// It measures each cost constant with process CPU time (robust to other load on the machine,
// with GOMAXPROCS=1), prints the values to copy into choose.go, then, with the measured values
// installed, compares Auto's choice with the fastest method on a grid of shapes.

import (
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/internal/vntt"
	"github.com/polyconv/polyconv/ntt"
)

var calibrate = flag.Bool("calibrate", false, "measure the cost constants of Auto's method choice")

// cpuTime returns the CPU time used by the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure returns the median CPU time of f over enough runs to last about 0.3 s (at least 5).
func measure(f func()) float64 {
	var ts []time.Duration
	start := cpuTime()
	for len(ts) < 5 || (cpuTime()-start < 300*time.Millisecond && len(ts) < 1000) {
		t := cpuTime()
		f()
		ts = append(ts, cpuTime()-t)
	}
	slices.Sort(ts)
	return float64(ts[len(ts)/2].Nanoseconds())
}

func TestCalibrate(t *testing.T) {
	if !*calibrate {
		t.Skip("run with -calibrate")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	ops := func(n, bits int) ([]*big.Int, []*big.Int, operandInfo, operandInfo) {
		x, y := grid.Ints(grid.SeedA, n, bits), grid.Ints(grid.SeedB, n, bits)
		return x, y, scan(x), scan(y)
	}

	// Word schoolbook: n² MACs.
	x, y, xs, ys := ops(1000, 64)
	mac := measure(func() { schoolbook(x, y, xs, ys) }) / 1e6
	// big.Int schoolbook: n² terms of 4×4 words.
	x, y, xs, ys = ops(300, 256)
	bigTerm := measure(func() { schoolbook(x, y, xs, ys) })/9e4 - 16*mac
	// Transforms: one ntt convolution of length 2^16 (three transforms and the pointwise
	// products), and its pointwise part alone.
	m, err := ntt.NewModulus(ntt.Primes[0])
	if err != nil {
		t.Fatal(err)
	}
	a := grid.ModP(grid.SeedA, 1<<15, m.P())
	b := grid.ModP(grid.SeedB, 1<<15, m.P())
	dst := make([]uint64, 1<<16-1)
	conv := measure(func() { m.Convolve(dst, a, b) })
	point := measure(func() {
		for i := range a {
			a[i] = m.Mul(a[i], b[i])
		}
	}) / float64(len(a))
	butterfly := (conv/(1<<16) - point) / (3 * 16)
	// Per-coefficient cost: the one-prime CRT output of 10^5 coefficients.
	basis := basisFor(1)
	r := [][]uint64{grid.ModP(grid.SeedA, 100000, m.P())}
	coeff := measure(func() { crtOut(nil, r, len(r[0]), basis, 1) }) / 1e5
	// Kronecker limbs: the whole method minus its transforms (as the cost model prices them,
	// with the transform constants just measured), per limb.
	costButterfly, costPointwise = butterfly, point
	x, y, xs, ys = ops(100, 16384)
	s := boundBits(100, 100, xs.bits, ys.bits) + 1
	limbs := 199*s/64 + 1
	defer func(u bool) { useVec = u }(useVec)
	useVec = false // the three-prime product that costKroneckerWord prices
	kron := measure(func() { kronecker(nil, x, y, xs, ys) })
	kronWord := (kron - 3*transformCost(limbs, 3)) / float64(limbs)

	// The vector path (natMulVec), when its IFMA kernels run: natMulVec on operands whose
	// product has just under 2^17 limbs minus a product on transforms of length 2^17 (per
	// limb); natMulVec at each transform length of the costVecButterfly table minus that (per
	// butterfly); and Kronecker substitution minus natMulVec and costCoeff per coefficient (per
	// product word) on a shape where it competes with the multi-modular method.
	vecBF, vecLimb, vecWord := costVecButterfly, costVecLimb, costVecWord
	if vntt.Fast() {
		const lg = 17
		pl := vntt.NewPlan(lg)
		va, vb := make([]uint64, vntt.Lanes<<lg), make([]uint64, vntt.Lanes<<lg)
		vtr := measure(func() {
			pl.Forward(va)
			pl.Forward(vb)
			pl.MulScaled(va, vb)
			pl.Inverse(va)
		})
		rng := rand.New(rand.NewPCG(1, 2))
		w := (1<<(lg-1) - 8) * 190 / 64 // words per operand: 2^(lg−1) limbs of 190 bits
		xw, yw := randNat(rng, w, 0), randNat(rng, w, 0)
		_, lx, ly := vecLimbs(64*len(xw), 64*len(yw))
		vecLimb = (measure(func() { natMulVec(xw, yw) }) - vtr) / float64(lx+ly-1)
		// natMulVec on operands whose product fills transforms of each length of the table:
		// its time beyond vecLimb per limb, per butterfly.
		for i := range vecBF {
			lg := vecMinLog + i
			w := (1<<(lg-1) - 8) * 190 / 64
			xw, yw := randNat(rng, w, 0), randNat(rng, w, 0)
			_, lx, ly := vecLimbs(64*len(xw), 64*len(yw))
			t := measure(func() { natMulVec(xw, yw) })
			vecBF[i] = (t - vecLimb*float64(lx+ly-1)) / (3 * float64(int(1)<<(lg-1)) * float64(lg))
		}
		useVec = true
		x, y, xs, ys = ops(3000, 64)
		s := boundBits(3000, 3000, xs.bits, ys.bits) + 1
		xw, _ = pack(x, s, xs.bits)
		yw, _ = pack(y, s, ys.bits)
		nv := measure(func() { natMulVec(xw, yw) })
		kv := measure(func() { kronecker(nil, x, y, xs, ys) })
		vecWord = (kv - nv - 6000*coeff) / float64(len(xw)+len(yw))
	} else {
		fmt.Println("// vntt.Fast() is false: costVecButterfly, costVecLimb, costVecWord not measured")
	}

	fmt.Printf("// measured by TestCalibrate on %s/%s\n", runtime.GOOS, runtime.GOARCH)
	fmt.Printf("costMAC = %.2f\ncostBigTerm = %.1f\ncostButterfly = %.3f\ncostPointwise = %.2f\ncostCoeff = %.1f\ncostKroneckerWord = %.1f\n",
		mac, bigTerm, butterfly, point, coeff, max(kronWord, 1))
	fmt.Printf("costVecButterfly = %.2f\ncostVecLimb = %.1f\ncostVecWord = %.1f\n", vecBF, vecLimb, max(vecWord, 0.1))

	costMAC, costBigTerm, costButterfly, costPointwise, costCoeff = mac, bigTerm, butterfly, point, coeff
	costKroneckerWord = max(kronWord, 1)
	costVecButterfly, costVecLimb, costVecWord = vecBF, vecLimb, max(vecWord, 0.1)

	// Check the choice against the fastest method on a grid of shapes.
	fmt.Println("n bits: chosen (fastest; times in µs per method)")
	for _, sh := range []struct{ n, bits int }{
		{4, 64}, {16, 64}, {40, 64}, {100, 64}, {300, 64}, {16, 1024}, {40, 1024}, {100, 1024},
		{300, 1024}, {10, 8192}, {40, 8192}, {100, 4096}, {2000, 16}, {3000, 300},
		{3000, 64}, {1000, 1024}, {200, 16384}, {20000, 16},
	} {
		x, y, _, _ := ops(sh.n, sh.bits)
		best, bestT := Auto, 0.0
		var line string
		for _, alg := range []Algorithm{Schoolbook, Karatsuba, MultiModular, Kronecker} {
			d := measure(func() { MulUsing(alg, nil, x, y) })
			line += fmt.Sprintf(" %v=%.0f", alg, d/1e3)
			if best == Auto || d < bestT {
				best, bestT = alg, d
			}
		}
		chosen := choose(sh.n, sh.n, sh.bits, sh.bits, false)
		mark := ""
		if chosen != best {
			mark = "  <- differs"
		}
		fmt.Printf("%d %d: %v (%v;%s)%s\n", sh.n, sh.bits, chosen, best, line, mark)
	}
}
