package vntt

import (
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"
)

func TestPrimes(t *testing.T) {
	var ps []uint64
	for c := uint64(1)<<20 - 1; len(ps) < Lanes; c-- {
		if p := c<<30 + 1; p < 1<<50 && new(big.Int).SetUint64(p).ProbablyPrime(20) {
			ps = append(ps, p)
		}
	}
	for l, p := range ps {
		if Primes[l] != p {
			t.Errorf("Primes[%d] = %#x, want %#x", l, Primes[l], p)
		}
	}
	for l, p := range Primes {
		if got := lane.pinv[l] * p & mask52; got != mask52 {
			t.Errorf("lane %d: p·pinv = %#x mod 2^52, want −1", l, got)
		}
	}
}

// randVec returns 8n words with lane l's entries below lim·p_l.
func randVec(rng *rand.Rand, n int, lim uint64) []uint64 {
	a := make([]uint64, Lanes*n)
	for i := range a {
		a[i] = rng.Uint64N(lim * Primes[i%Lanes])
	}
	return a
}

// cyclic returns the cyclic convolution of lane l of a and b, reduced mod p_l.
func cyclic(a, b []uint64, l int) []uint64 {
	n := len(a) / Lanes
	m := modulus(Primes[l])
	z := make([]uint64, n)
	for i := range n {
		for j := range n {
			k := (i + j) % n
			z[k] = m.Add(z[k], m.Mul(m.Reduce(a[Lanes*i+l]), m.Reduce(b[Lanes*j+l])))
		}
	}
	return z
}

func TestForwardIsEvaluation(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for logn := 1; logn <= 7; logn++ {
		n := 1 << logn
		pl := NewPlan(logn)
		a := randVec(rng, n, 4)
		f := append([]uint64(nil), a...)
		pl.Forward(f)
		for l, p := range Primes {
			m := modulus(p)
			w := m.Pow(rootOfUnity(m), uint64(1)<<(MaxLog-logn))
			for i := range n {
				r := bits.Reverse64(uint64(i)) >> (64 - logn)
				x := m.Pow(w, r)
				var v uint64
				for j := n - 1; j >= 0; j-- { // Horner
					v = m.Add(m.Mul(v, x), m.Reduce(a[Lanes*j+l]))
				}
				if got := f[Lanes*i+l]; got >= 4*p || got%p != v {
					t.Fatalf("n=%d lane %d point %d: %d, want %d mod p (below 4p)", n, l, i, got, v)
				}
			}
		}
	}
}

func testConvolution(t *testing.T, rng *rand.Rand, logn, workers int) {
	t.Helper()
	n := 1 << logn
	pl := NewPlan(logn)
	a, b := randVec(rng, n, 4), randVec(rng, n, 4)
	if logn <= 2 {
		// extreme entries: 0 and 4p−1
		for i := range a {
			a[i] = 4*Primes[i%Lanes] - 1
		}
		b[0] = 0
	}
	// a is transformed by ForwardPrefix as its first pts points followed by zeros; its
	// other points hold values ForwardPrefix must ignore.
	pts := rng.IntN(n + 1)
	ref := append([]uint64(nil), a...)
	clear(ref[Lanes*pts:])
	want := make([][]uint64, Lanes)
	for l := range Lanes {
		want[l] = cyclic(ref, b, l)
	}
	fa, fb := append([]uint64(nil), a...), append([]uint64(nil), b...)
	pl.ForwardPrefix(fa, pts, workers)
	pl.Forward(fb)
	pl.MulScaled(fa, fb)
	pl.InverseWorkers(fa, workers)
	for i := range n {
		for l, p := range Primes {
			if got := fa[Lanes*i+l]; got >= 2*p || got%p != want[l][i] {
				t.Fatalf("n=%d lane %d coefficient %d: %d, want %d mod p (below 2p)", n, l, i, got, want[l][i])
			}
		}
	}
}

func TestConvolution(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for logn := 1; logn <= 9; logn++ {
		testConvolution(t, rng, logn, 1)
	}
	// Chunked (depth-first) path: blocks much shorter than the transform.
	defer func(b int) { blockLog = b }(blockLog)
	for _, bl := range []int{1, 2, 3} {
		blockLog = bl
		for logn := 1; logn <= 8; logn++ {
			for _, w := range []int{1, 2, 3} {
				testConvolution(t, rng, logn, w)
			}
		}
	}
}

// TestSquare checks MulScaled with a and b the same slice.
func TestSquare(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pl := NewPlan(6)
	a := randVec(rng, 64, 1)
	want := cyclic(a, a, 3)
	pl.Forward(a)
	pl.MulScaled(a, a)
	pl.Inverse(a)
	for i, w := range want {
		if got := a[Lanes*i+3] % Primes[3]; got != w {
			t.Fatalf("coefficient %d: %d, want %d", i, got, w)
		}
	}
}

func TestPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"logn 0":        func() { NewPlan(0) },
		"logn 31":       func() { NewPlan(MaxLog + 1) },
		"forward len":   func() { NewPlan(3).Forward(make([]uint64, 63)) },
		"prefix > n":    func() { NewPlan(3).ForwardPrefix(make([]uint64, 64), 9, 1) },
		"prefix < 0":    func() { NewPlan(3).ForwardPrefix(make([]uint64, 64), -1, 1) },
		"inverse len":   func() { NewPlan(3).Inverse(make([]uint64, 65)) },
		"pointwise len": func() { NewPlan(3).MulScaled(make([]uint64, 64), make([]uint64, 8)) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// withGeneric runs f with the generic kernels in place of the assembly ones (the eight-prime
// level kernels and OnePlan's).
func withGeneric(f func()) {
	fw, iv, pw, fw2, iv2 := fwdLevel, invLevel, pointwise, fwd2Levels, inv2Levels
	bfw, biv, bfw2, biv2, rm := fwdLevelB, invLevelB, fwd2LevelsB, inv2LevelsB, ringMul
	defer func() {
		fwdLevel, invLevel, pointwise, fwd2Levels, inv2Levels = fw, iv, pw, fw2, iv2
		fwdLevelB, invLevelB, fwd2LevelsB, inv2LevelsB, ringMul = bfw, biv, bfw2, biv2, rm
	}()
	fwdLevel, invLevel, pointwise = fwdLevelGeneric, invLevelGeneric, pointwiseGeneric
	fwd2Levels, inv2Levels = fwd2LevelsGeneric, inv2LevelsGeneric
	fwdLevelB, invLevelB, ringMul = fwdLevelBGeneric, invLevelBGeneric, ringMulGeneric
	fwd2LevelsB, inv2LevelsB = fwd2LevelsBGeneric, inv2LevelsBGeneric
	f()
}

// TestGenericConvolution runs TestConvolution on the generic kernels (on machines without
// AVX-512 IFMA, TestConvolution already does).
func TestGenericConvolution(t *testing.T) {
	if !Fast() {
		t.Skip("the generic kernels are the only ones here")
	}
	withGeneric(func() { TestConvolution(t) })
}

// TestKernelsMatchGeneric compares each kernel in use with its generic twin on random inputs
// spanning the documented ranges (below 4p for the forward level and the pointwise product,
// below 2p for the inverse level), for every half-block length h up to 64.
func TestKernelsMatchGeneric(t *testing.T) {
	if !Fast() {
		t.Skip("no assembly kernels on this machine")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	pl := NewPlan(10)
	for h := 1; h <= 64; h *= 2 {
		for _, blocks := range []int{1, 2, 5} {
			n := 2 * h * blocks
			for _, k := range []struct {
				name      string
				lim       uint64
				fast, ref func(a, tw []uint64, h int)
				tw        []uint64
			}{
				{"forward", 4, fwdLevel, fwdLevelGeneric, pl.fw},
				{"inverse", 2, invLevel, invLevelGeneric, pl.iw},
			} {
				a := randVec(rng, n, k.lim)
				a[0], a[Lanes*(n-1)] = 0, k.lim*Primes[0]-1
				b := append([]uint64(nil), a...)
				tw := k.tw[16*blocks : 32*blocks]
				k.fast(a, tw, h)
				k.ref(b, tw, h)
				for i := range a {
					if a[i] != b[i] {
						t.Fatalf("%s h=%d blocks=%d word %d: %d, generic %d", k.name, h, blocks, i, a[i], b[i])
					}
				}
			}
			if h > 1 {
				for _, k := range []struct {
					name      string
					lim       uint64
					fast, ref func(a, tw1, tw2 []uint64, q int)
					tw        []uint64
				}{
					{"forward2", 4, fwd2Levels, fwd2LevelsGeneric, pl.fw},
					{"inverse2", 2, inv2Levels, inv2LevelsGeneric, pl.iw},
				} {
					a := randVec(rng, n, k.lim)
					b := append([]uint64(nil), a...)
					tw1, tw2 := k.tw[16*blocks:32*blocks], k.tw[32*blocks:64*blocks]
					k.fast(a, tw1, tw2, h/2)
					k.ref(b, tw1, tw2, h/2)
					for i := range a {
						if a[i] != b[i] {
							t.Fatalf("%s q=%d blocks=%d word %d: %d, generic %d", k.name, h/2, blocks, i, a[i], b[i])
						}
					}
				}
			}
			a, b := randVec(rng, n, 4), randVec(rng, n, 4)
			a2 := append([]uint64(nil), a...)
			pointwise(a, b, &pl.scale)
			pointwiseGeneric(a2, b, &pl.scale)
			for i := range a {
				if a[i] != a2[i] {
					t.Fatalf("pointwise n=%d word %d: %d, generic %d", n, i, a[i], a2[i])
				}
			}
		}
	}
}

func TestVecPool(t *testing.T) {
	pl := NewPlan(4)
	v := pl.GetVec()
	if len(v) != Lanes*16 {
		t.Fatalf("GetVec: %d words, want %d", len(v), Lanes*16)
	}
	pl.PutVec(v)
	if w := pl.GetVec(); len(w) != Lanes*16 {
		t.Fatalf("GetVec after PutVec: %d words", len(w))
	}
	defer func() {
		if recover() == nil {
			t.Error("PutVec of a short vector did not panic")
		}
	}()
	pl.PutVec(make([]uint64, 8))
}
