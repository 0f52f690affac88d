package vntt

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randOne returns n words below lim·p.
func randOne(rng *rand.Rand, n int, lim, p uint64) []uint64 {
	a := make([]uint64, n)
	for i := range a {
		a[i] = rng.Uint64N(lim * p)
	}
	return a
}

// cyclicOne returns the cyclic convolution of a and b (one residue per word) reduced mod p,
// by the schoolbook sum.
func cyclicOne(a, b []uint64, p uint64) []uint64 {
	m := modulus(p)
	n := len(a)
	z := make([]uint64, n)
	for i, x := range a {
		x = m.Reduce(x)
		for j, y := range b {
			k := (i + j) % n
			z[k] = m.Add(z[k], m.Mul(x, m.Reduce(y)))
		}
	}
	return z
}

// checkOne compares OnePlan's convolution of a (its first points words, the rest garbage) and
// b with the schoolbook one.
func checkOne(t *testing.T, op *OnePlan, a, b []uint64, points int, sq bool) {
	t.Helper()
	p := op.Prime()
	ref := append([]uint64(nil), a...)
	clear(ref[points:])
	want := cyclicOne(ref, b, p)
	if sq {
		want = cyclicOne(ref, ref, p)
	}
	fa := append([]uint64(nil), a...)
	op.ForwardPrefix(fa, points, 2)
	if sq {
		op.MulRing(fa, fa)
	} else {
		fb := append([]uint64(nil), b...)
		op.ForwardPrefix(fb, len(fb), 1)
		op.MulRing(fa, fb)
	}
	op.Inverse(fa, 2)
	for i, v := range fa {
		if v >= 2*p || v%p != want[i] {
			t.Fatalf("n=%d p=%#x points=%d sq=%v coefficient %d: %d, want %d mod p (below 2p)", op.Len(), p, points, sq, i, v, want[i])
		}
	}
}

// TestOnePlanConvolution checks the cyclic convolutions of every prime's plans of 16 to 2048
// points (the top levels gather columns from 2^15 vector points on: see TestOnePlanLong)
// against the schoolbook sum, with inputs up to 4p − 1, zero-padded prefixes whose padding
// holds garbage, and squares.
func TestOnePlanConvolution(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for prime := range Lanes {
		for logn := 4; logn <= 11; logn++ {
			if prime != 0 && logn > 7 {
				continue // the long ones on one prime
			}
			op := NewOnePlan(logn, prime)
			n, p := op.Len(), op.Prime()
			a, b := randOne(rng, n, 4, p), randOne(rng, n, 4, p)
			a[0], b[n-1] = 4*p-1, 4*p-1
			checkOne(t, op, a, b, n, false)
			checkOne(t, op, a, b, n, true)
			for _, points := range []int{0, 1, 7, 9, n/2 - 1, n / 2} {
				checkOne(t, op, a, b, points, false)
			}
		}
	}
}

// TestOnePlanLong checks a plan long enough for the column-gathering top levels (more than
// 2^blockLog vector points) on a few coefficients of the convolution of sparse operands.
func TestOnePlanLong(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	logn := blockLog + 3 + 3
	op := NewOnePlan(logn, 5)
	n, p := op.Len(), op.Prime()
	m := modulus(p)
	a, b := make([]uint64, n), make([]uint64, n)
	var ia, ib []int
	for range 40 {
		i, j := rng.IntN(n), rng.IntN(n)
		a[i], b[j] = rng.Uint64N(4*p), rng.Uint64N(4*p)
		ia, ib = append(ia, i), append(ib, j)
	}
	want := map[int]uint64{}
	for _, i := range ia {
		for _, j := range ib {
			k := (i + j) % n
			want[k] = m.Add(want[k], m.Mul(m.Reduce(a[i]), m.Reduce(b[j])))
		}
	}
	op.ForwardPrefix(a, n, 2)
	op.ForwardPrefix(b, n, 1)
	op.MulRing(a, b)
	op.Inverse(a, 1)
	for k, v := range a {
		if w := want[k]; v%p != w || v >= 2*p {
			t.Fatalf("coefficient %d: %d, want %d mod p", k, v, w)
		}
	}
}

// TestOneKernelsMatchGeneric compares the broadcast-entry level kernels and the ring product
// in use with their generic twins on random inputs over the documented ranges, extremes
// included.
func TestOneKernelsMatchGeneric(t *testing.T) {
	if !Fast() {
		t.Skip("no assembly kernels on this machine")
	}
	rng := rand.New(rand.NewPCG(9, 10))
	op := NewOnePlan(13, 2)
	pl, p := op.pl, op.Prime()
	same := func(name string, a, b []uint64) {
		t.Helper()
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%s word %d: %d, generic %d", name, i, a[i], b[i])
			}
		}
	}
	for h := 1; h <= 64; h *= 2 {
		for _, blocks := range []int{1, 2, 5} {
			n := 2 * h * blocks
			name := fmt.Sprintf("h=%d blocks=%d", h, blocks)
			a := randOne(rng, Lanes*n, 4, p)
			a[0], a[len(a)-1] = 0, 4*p-1
			b := append([]uint64(nil), a...)
			fwdLevelB(a, pl.fw[2*blocks:4*blocks], h, pl.c)
			fwdLevelBGeneric(b, pl.fw[2*blocks:4*blocks], h, pl.c)
			same("forward "+name, a, b)
			a = randOne(rng, Lanes*n, 2, p)
			b = append([]uint64(nil), a...)
			invLevelB(a, pl.iw[2*blocks:4*blocks], h, pl.c)
			invLevelBGeneric(b, pl.iw[2*blocks:4*blocks], h, pl.c)
			same("inverse "+name, a, b)
			if h > 1 {
				a = randOne(rng, Lanes*n, 4, p)
				b = append([]uint64(nil), a...)
				fwd2LevelsB(a, pl.fw[2*blocks:4*blocks], pl.fw[4*blocks:8*blocks], h/2, pl.c)
				fwd2LevelsBGeneric(b, pl.fw[2*blocks:4*blocks], pl.fw[4*blocks:8*blocks], h/2, pl.c)
				same("forward2 "+name, a, b)
				a = randOne(rng, Lanes*n, 2, p)
				b = append([]uint64(nil), a...)
				inv2LevelsB(a, pl.iw[2*blocks:4*blocks], pl.iw[4*blocks:8*blocks], h/2, pl.c)
				inv2LevelsBGeneric(b, pl.iw[2*blocks:4*blocks], pl.iw[4*blocks:8*blocks], h/2, pl.c)
				same("inverse2 "+name, a, b)
			}
			x, y := randOne(rng, Lanes*n, 4, p), randOne(rng, Lanes*n, 4, p)
			for i := range Lanes {
				x[i], y[Lanes+i] = 4*p-1, 4*p-1 // the largest products in one point
			}
			x2 := append([]uint64(nil), x...)
			tw := op.ring[2*blocks : 2*blocks+2*n]
			ringMul(x, y, tw, &pl.scale, pl.c)
			ringMulGeneric(x2, y, tw, &pl.scale, pl.c)
			same("ring "+name, x, x2)
		}
	}
}

// TestOnePlanGeneric runs TestOnePlanConvolution on the generic kernels.
func TestOnePlanGeneric(t *testing.T) {
	if !Fast() {
		t.Skip("the generic kernels are the only ones here")
	}
	withGeneric(func() { TestOnePlanConvolution(t) })
}

func TestOnePlanPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"short":     func() { NewOnePlan(3, 0) },
		"long":      func() { NewOnePlan(MaxLog+1, 0) },
		"prime":     func() { NewOnePlan(8, Lanes) },
		"vector":    func() { NewOnePlan(8, 0).ForwardPrefix(make([]uint64, 8), 0, 1) },
		"points":    func() { NewOnePlan(4, 0).ForwardPrefix(make([]uint64, 16), 17, 1) },
		"ring":      func() { NewOnePlan(4, 0).MulRing(make([]uint64, 16), make([]uint64, 8)) },
		"inverse":   func() { NewOnePlan(4, 0).Inverse(make([]uint64, 8), 1) },
		"putVector": func() { NewOnePlan(4, 0).PutVec(make([]uint64, 8)) },
		"convolve":  func() { NewOnePlan(4, 0).Convolve(make([]uint64, 16), make([]uint64, 8), 16, 1) },
		"convPts":   func() { NewOnePlan(4, 0).Convolve(make([]uint64, 16), make([]uint64, 16), 17, 1) },
		"planConv":  func() { NewPlan(4).Convolve(make([]uint64, 128), make([]uint64, 64), 16, 1) },
		"planPts":   func() { NewPlan(4).Convolve(make([]uint64, 128), make([]uint64, 128), 17, 1) },
		"planConvA": func() { NewPlan(4).Convolve(make([]uint64, 64), make([]uint64, 128), 16, 1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// BenchmarkOnePlan times the convolution steps of one prime: two forward transforms, the ring
// product and the inverse; ns/point-level is per scalar point and level of a length-n
// transform (three transforms).
func BenchmarkOnePlan(b *testing.B) {
	for _, c := range []struct {
		logn  int
		fused bool
	}{{15, false}, {15, true}, {18, false}, {18, true}, {21, false}, {21, true}} {
		logn := c.logn
		b.Run(fmt.Sprintf("n=%d/fused=%v", 1<<logn, c.fused), func(b *testing.B) {
			op := NewOnePlan(logn, 0)
			rng := rand.New(rand.NewPCG(1, 1))
			x, y := randOne(rng, 1<<logn, 1, op.Prime()), randOne(rng, 1<<logn, 1, op.Prime())
			for b.Loop() {
				op.ForwardPrefix(y, len(y), 1)
				if c.fused {
					op.Convolve(x, y, len(x), 1)
					continue
				}
				op.ForwardPrefix(x, len(x), 1)
				op.MulRing(x, y)
				op.Inverse(x, 1)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(3*float64(b.N)*float64(logn)*float64(int(1)<<logn)), "ns/point-level")
		})
	}
}

// TestOnePlanConcurrent builds and uses plans of several primes and lengths from many
// goroutines at once (run with -race): plans are shared and immutable.
func TestOnePlanConcurrent(t *testing.T) {
	done := make(chan string, 16)
	for g := range 16 {
		go func() {
			rng := rand.New(rand.NewPCG(uint64(g), 77))
			logn, prime := 4+g%5, g%Lanes
			op := NewOnePlan(logn, prime)
			p := op.Prime()
			a, b := randOne(rng, op.Len(), 4, p), randOne(rng, op.Len(), 4, p)
			want := cyclicOne(a, b, p)
			op.ForwardPrefix(a, len(a), 1)
			op.ForwardPrefix(b, len(b), 1)
			op.MulRing(a, b)
			op.Inverse(a, 1)
			for i, v := range a {
				if v%p != want[i] {
					done <- fmt.Sprintf("goroutine %d coefficient %d: %d, want %d", g, i, v%p, want[i])
					return
				}
			}
			done <- ""
		}()
	}
	for range 16 {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

// TestConvolveFused checks Plan.Convolve and OnePlan.Convolve against ForwardPrefix, the
// pointwise product and the inverse run one after the other (themselves checked against
// schoolbook sums above): the same words exactly, for plans of one block and of several
// (the column-gathering top levels), prefixes of the operand, squares, one and three
// workers, and the generic kernels; b must be left as it was. Lengths and prefixes are in
// words (a Plan's points are eight words).
func TestConvolveFused(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	check := func(name string, n int, fwd func(a []uint64, points int), mulInv func(a, b []uint64),
		conv func(a, b []uint64, points, workers int), lim func(i int) uint64) {
		t.Helper()
		for _, points := range []int{n, n/2 + 3, 1, 0} {
			for _, sq := range []bool{false, true} {
				a, b := make([]uint64, n), make([]uint64, n)
				for i := range a {
					a[i], b[i] = rng.Uint64N(lim(i)), rng.Uint64N(lim(i))
				}
				want := append([]uint64(nil), a...)
				fwd(want, points)
				fb := append([]uint64(nil), b...)
				fwd(fb, n)
				if sq {
					mulInv(want, want)
				} else {
					mulInv(want, fb)
				}
				for _, workers := range []int{1, 3} {
					got := append([]uint64(nil), a...)
					gb := append([]uint64(nil), fb...)
					if sq {
						conv(got, got, points, workers)
					} else {
						conv(got, gb, points, workers)
					}
					msg := fmt.Sprintf("%s n=%d points=%d sq=%v workers=%d", name, n, points, sq, workers)
					if !slices.Equal(got, want) {
						t.Fatalf("%s: fused convolution differs", msg)
					}
					if !slices.Equal(gb, fb) {
						t.Fatalf("%s: b was written", msg)
					}
				}
			}
		}
	}
	for _, logn := range []int{3, blockLog, blockLog + 2, blockLog + 3} {
		pl := NewPlan(logn)
		lim := func(i int) uint64 { return 4 * Primes[i%Lanes] }
		fwdP := func(a []uint64, points int) { pl.ForwardPrefix(a, points/Lanes, 2) }
		mulInvP := func(a, b []uint64) { pl.MulScaled(a, b); pl.InverseWorkers(a, 2) }
		convP := func(a, b []uint64, points, workers int) { pl.Convolve(a, b, points/Lanes, workers) }
		check("Plan", Lanes*pl.Len(), fwdP, mulInvP, convP, lim)
	}
	for _, logn := range []int{4, blockLog + 3, blockLog + 5, blockLog + 6} {
		op := NewOnePlan(logn, logn%Lanes)
		lim := func(int) uint64 { return 4 * op.Prime() }
		fwdO := func(a []uint64, points int) { op.ForwardPrefix(a, points, 2) }
		mulInvO := func(a, b []uint64) { op.MulRing(a, b); op.Inverse(a, 2) }
		check("OnePlan", op.Len(), fwdO, mulInvO, op.Convolve, lim)
		if logn == blockLog+5 {
			withGeneric(func() { check("OnePlan generic", op.Len(), fwdO, mulInvO, op.Convolve, lim) })
		}
	}
}
