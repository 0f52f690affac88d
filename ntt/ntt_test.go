package ntt

import (
	"math/big"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testPrimes covers the table's extremes, the shared anchor, and small primes with small
// 2-adic order (which exercise the exact fallback of Convolve).
var testPrimes = []uint64{
	Primes[0], Primes[1], Primes[2], Primes[len(Primes)-1],
	grid.NTTPrime,
	1<<62 - 57, // the largest prime below 2^62 (p−1 = 2·odd, MaxLen 2)
	1<<61 - 1,  // Mersenne
	998244353,  // 119·2^23 + 1
	65537, 17, 5, 3, 2,
}

func mustModulus(t testing.TB, p uint64) Modulus {
	t.Helper()
	m, err := NewModulus(p)
	require.NoError(t, err, "p=%d", p)
	return m
}

// refMulMod is an independent a·b mod p for any a, b.
func refMulMod(a, b, p uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return bits.Rem64(hi, lo, p)
}

// refConvolve is the schoolbook product mod p through math/big (independent of the package).
func refConvolve(x, y []uint64, p uint64) []uint64 {
	if len(x) == 0 || len(y) == 0 {
		return []uint64{}
	}
	out := make([]uint64, len(x)+len(y)-1)
	P := new(big.Int).SetUint64(p)
	acc := make([]*big.Int, len(out))
	for i := range acc {
		acc[i] = new(big.Int)
	}
	t := new(big.Int)
	xb := new(big.Int)
	for i, xi := range x {
		xb.SetUint64(xi)
		for j, yj := range y {
			t.SetUint64(yj)
			t.Mul(t, xb)
			acc[i+j].Add(acc[i+j], t)
		}
	}
	for i := range out {
		out[i] = acc[i].Mod(acc[i], P).Uint64()
	}
	return out
}

// refConvolveFast is an independent O(len(x)·len(y)) product mod p for operands already in
// [0, p): one 128-bit remainder per term.
func refConvolveFast(x, y []uint64, p uint64) []uint64 {
	out := make([]uint64, len(x)+len(y)-1)
	for i, xi := range x {
		for j, yj := range y {
			s := out[i+j] + refMulMod(xi, yj, p)
			if s >= p || s < out[i+j] {
				s -= p
			}
			out[i+j] = s
		}
	}
	return out
}

// refProduct is refConvolveFast for small products and, above that, the package's exact
// three-word schoolbook (itself checked against math/big by TestSchoolbook).
func refProduct(x, y []uint64, p uint64) []uint64 {
	if len(x)*len(y) <= 1<<12 {
		return refConvolveFast(x, y, p)
	}
	out := make([]uint64, len(x)+len(y)-1)
	schoolbook(out, x, y, p)
	return out
}

func TestSchoolbook(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, p := range testPrimes {
		for range 20 {
			x, y := make([]uint64, 1+r.IntN(80)), make([]uint64, 1+r.IntN(80))
			for i := range x {
				x[i] = r.Uint64() >> r.IntN(3)
			}
			for i := range y {
				y[i] = r.Uint64() >> r.IntN(3)
			}
			got := make([]uint64, len(x)+len(y)-1)
			schoolbook(got, x, y, p)
			assert.Equal(t, refConvolve(x, y, p), got)
		}
	}
}

// unlessShort returns full, or short under -short.
func unlessShort(full, short int) int {
	if testing.Short() {
		return short
	}
	return full
}

func randVec(r *rand.Rand, n int, p uint64) []uint64 {
	v := make([]uint64, n)
	for i := range v {
		v[i] = r.Uint64N(p)
	}
	return v
}

func TestNewModulusErrors(t *testing.T) {
	for _, p := range []uint64{
		0, 1, 4, 9, 561, 2047, 1 << 40,
		3215031751,           // strong pseudoprime to bases 2, 3, 5, 7
		3825123056546413051,  // strong pseudoprime to bases 2 … 23
		1 << 62, 1<<62 + 135, // 2^62 + 135 is prime, but too large
		1<<64 - 59,                                    // the largest 64-bit prime
		1<<62 - 1, 65537 * 65537, 4611686014132420609, // (2^31−1)^2
	} {
		_, err := NewModulus(p)
		assert.Error(t, err, "p=%d", p)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "ntt: "), err.Error())
		}
	}
	for _, p := range testPrimes {
		_, err := NewModulus(p)
		assert.NoError(t, err, "p=%d", p)
	}
}

func TestIsPrimeAgainstBig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := r.Uint64()>>r.IntN(64) | 1
		assert.Equal(t, new(big.Int).SetUint64(n).ProbablyPrime(20), isPrime(n), "n=%d", n)
	}
	for n := range uint64(2000) {
		assert.Equal(t, new(big.Int).SetUint64(n).ProbablyPrime(20), isPrime(n), "n=%d", n)
	}
}

// TestPrimesTable re-derives Primes with the code shown in its doc comment.
func TestPrimesTable(t *testing.T) {
	var ps []uint64
	for c := uint64(1)<<22 - 1; len(ps) < 512; c-- {
		if p := c<<40 + 1; new(big.Int).SetUint64(p).ProbablyPrime(20) {
			ps = append(ps, p)
		}
	}
	require.Equal(t, ps, Primes)
	for i, p := range Primes {
		assert.True(t, isPrime(p))
		assert.Less(t, p, uint64(1)<<62)
		assert.GreaterOrEqual(t, bits.TrailingZeros64(p-1), 40)
		if i > 0 {
			assert.Less(t, p, Primes[i-1])
		}
		m := mustModulus(t, p)
		assert.Equal(t, 1<<min(32, bits.UintSize-2), m.MaxLen())
	}
}

func TestModulusArithmetic(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, p := range testPrimes {
		m := mustModulus(t, p)
		require.Equal(t, p, m.P())
		P := new(big.Int).SetUint64(p)
		edge := []uint64{0, 1, p - 1, p / 2, (p + 1) / 2}
		for i := range 2000 {
			a, b := r.Uint64N(p), r.Uint64N(p)
			if i < len(edge)*len(edge) {
				a, b = edge[i%len(edge)], edge[i/len(edge)]
			}
			A, B := new(big.Int).SetUint64(a), new(big.Int).SetUint64(b)
			want := new(big.Int)
			assert.Equal(t, want.Add(A, B).Mod(want, P).Uint64(), m.Add(a, b), "Add %d %d mod %d", a, b, p)
			assert.Equal(t, want.Sub(A, B).Mod(want, P).Uint64(), m.Sub(a, b), "Sub")
			assert.Equal(t, want.Mul(A, B).Mod(want, P).Uint64(), m.Mul(a, b), "Mul %d %d mod %d", a, b, p)
			u := r.Uint64()
			assert.Equal(t, u%p, m.Reduce(u))
			e := r.Uint64()
			assert.Equal(t, want.Exp(new(big.Int).SetUint64(u), new(big.Int).SetUint64(e), P).Uint64(), m.Pow(u, e))
			if u%p != 0 {
				inv := m.Inv(u)
				assert.Equal(t, new(big.Int).ModInverse(new(big.Int).SetUint64(u%p), P).Uint64(), inv)
			}
		}
		assert.Equal(t, uint64(1)%p, m.Pow(0, 0))
		assert.PanicsWithValue(t, "ntt: inverse of zero", func() { m.Inv(0) })
		assert.PanicsWithValue(t, "ntt: inverse of zero", func() { m.Inv(p) })
		// MaxLen is the 2-adic part of p−1 (capped).
		ml := uint64(m.MaxLen())
		assert.Zero(t, (p-1)%ml)
		if bits.TrailingZeros64(p-1) <= 32 {
			assert.NotZero(t, (p-1)%(2*ml))
		}
	}
}

func TestNewPlanErrors(t *testing.T) {
	m := mustModulus(t, Primes[0])
	for _, n := range []int{0, -1, -4, 3, 6, 12, 1<<20 + 1, 1 << 33, 1 << 41} {
		_, err := NewPlan(m, n)
		assert.Error(t, err, "n=%d", n)
	}
	m17 := mustModulus(t, 17) // 16 | 16
	for _, n := range []int{1, 2, 4, 8, 16} {
		_, err := NewPlan(m17, n)
		assert.NoError(t, err, "n=%d", n)
	}
	_, err := NewPlan(m17, 32)
	assert.Error(t, err)
	_, err = NewPlan(Modulus{}, 4)
	assert.Error(t, err)
	m3 := mustModulus(t, 3)
	_, err = NewPlan(m3, 4)
	assert.Error(t, err)
}

func TestPlanCached(t *testing.T) {
	m := mustModulus(t, Primes[5])
	a, err := NewPlan(m, 1024)
	require.NoError(t, err)
	b, err := NewPlan(m, 1024)
	require.NoError(t, err)
	assert.Same(t, a, b)
	assert.Equal(t, 1024, a.Len())
	assert.Equal(t, m, a.Modulus())
}

func rev(i, logn int) int {
	if logn == 0 {
		return 0
	}
	return int(bits.Reverse(uint(i)) >> (bits.UintSize - logn))
}

// TestForwardNaive checks Forward against the O(n²) DFT: Forward(a)[i] = a(ω^rev(i)) for a
// primitive n-th root ω, which is read off the transform of X and checked to be primitive.
func TestForwardNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, p := range testPrimes {
		m := mustModulus(t, p)
		for logn := 0; logn <= 7 && 1<<logn <= m.MaxLen(); logn++ {
			n := 1 << logn
			pl, err := NewPlan(m, n)
			require.NoError(t, err)
			e1 := make([]uint64, n)
			if n > 1 {
				e1[1] = 1
			} else {
				e1[0] = 1
			}
			f := pl.Forward(nil, e1)
			w := f[rev(1, logn)%n] // ω^rev(rev(1)) = ω
			if n == 1 {
				w = 1 % p
			}
			W := new(big.Int).SetUint64(w)
			P := new(big.Int).SetUint64(p)
			assert.Equal(t, uint64(1)%p, new(big.Int).Exp(W, big.NewInt(int64(n)), P).Uint64(), "ω^n")
			if n > 1 {
				assert.Equal(t, p-1, new(big.Int).Exp(W, big.NewInt(int64(n/2)), P).Uint64(), "ω^(n/2)")
			}
			for range 3 {
				a := randVec(r, n, p)
				got := pl.Forward(nil, a)
				for i := range n {
					x := new(big.Int).Exp(W, big.NewInt(int64(rev(i, logn))), P)
					acc, pw := new(big.Int), big.NewInt(1)
					for j := range n {
						acc.Add(acc, new(big.Int).Mul(pw, new(big.Int).SetUint64(a[j])))
						pw.Mul(pw, x).Mod(pw, P)
					}
					assert.Equal(t, acc.Mod(acc, P).Uint64(), got[i], "p=%d n=%d i=%d", p, n, i)
				}
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	maxLog := unlessShort(14, 11)
	for _, p := range testPrimes {
		m := mustModulus(t, p)
		for logn := 0; logn <= maxLog && 1<<logn <= m.MaxLen(); logn++ {
			n := 1 << logn
			pl, err := NewPlan(m, n)
			require.NoError(t, err)
			a := randVec(r, n, p)
			a[0] = p - 1
			f := pl.Forward(nil, a)
			for _, v := range f {
				require.Less(t, v, p)
			}
			b := pl.Inverse(nil, f)
			require.Equal(t, a, b, "p=%d n=%d", p, n)
			// In place, and with unreduced input (entries ≥ p).
			c := slices.Clone(a)
			for i := range c {
				if r.IntN(2) == 0 && c[i] <= ^uint64(0)-p {
					c[i] += p * uint64(r.IntN(int(min(uint64(1)<<20, (^uint64(0)-c[i])/p))+1))
				}
			}
			// Inverse of unreduced input.
			f2 := slices.Clone(f)
			f2[0] += p
			require.Equal(t, a, pl.Inverse(nil, f2))
			c[n-1] = ^uint64(0)
			a[n-1] = ^uint64(0) % p
			got := pl.Forward(c, c)
			require.Equal(t, pl.Forward(nil, a), got)
			require.Equal(t, a, pl.Inverse(got, got))
		}
	}
}

// TestPlanOverlap checks Forward and Inverse with dst overlapping src partially.
func TestPlanOverlap(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	m := mustModulus(t, Primes[3])
	for _, n := range []int{1, 2, 4, 64, 1 << 12} {
		pl, err := NewPlan(m, n)
		require.NoError(t, err)
		for _, shift := range []int{-5, -1, 1, 5} {
			buf := randVec(r, n+12, m.p)
			src := buf[6 : 6+n]
			want := pl.Forward(nil, slices.Clone(src))
			got := pl.Forward(buf[6+shift:6+shift+n], src)
			assert.Equal(t, want, got, "forward n=%d shift=%d", n, shift)
			buf = randVec(r, n+12, m.p)
			src = buf[6 : 6+n]
			want = pl.Inverse(nil, slices.Clone(src))
			got = pl.Inverse(buf[6+shift:6+shift+n], src)
			assert.Equal(t, want, got, "inverse n=%d shift=%d", n, shift)
		}
	}
}

func TestPlanPanics(t *testing.T) {
	m := mustModulus(t, Primes[0])
	pl, err := NewPlan(m, 16)
	require.NoError(t, err)
	assert.PanicsWithValue(t, "ntt: len(dst) != plan length", func() { pl.Forward(make([]uint64, 15), make([]uint64, 16)) })
	assert.PanicsWithValue(t, "ntt: len(src) != plan length", func() { pl.Forward(nil, make([]uint64, 17)) })
	assert.PanicsWithValue(t, "ntt: len(dst) != plan length", func() { pl.Inverse(make([]uint64, 32), make([]uint64, 16)) })
	assert.PanicsWithValue(t, "ntt: len(src) != plan length", func() { pl.Inverse(nil, nil) })
}

func checkConvolve(t *testing.T, m Modulus, x, y []uint64) bool {
	t.Helper()
	want := refProduct(x, y, m.p)
	got := m.Convolve(nil, x, y)
	if !assert.Equal(t, want, got, "p=%d lens %d %d", m.p, len(x), len(y)) {
		return false
	}
	got2 := m.Convolve(make([]uint64, len(want)), y, x)
	return assert.Equal(t, want, got2, "swapped p=%d lens %d %d", m.p, len(x), len(y))
}

// withThreshold runs f with schoolThreshold set to th (so small sizes exercise transforms).
func withThreshold(th int, f func()) {
	old := schoolThreshold
	schoolThreshold = th
	defer func() { schoolThreshold = old }()
	f()
}

func TestConvolveAllSmall(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, th := range []int{0, schoolThreshold} {
		withThreshold(th, func() {
			for _, p := range []uint64{Primes[0], grid.NTTPrime, 17} {
				m := mustModulus(t, p)
				for lx := 1; lx <= 64; lx++ {
					for ly := 1; ly <= 64; ly++ {
						if !checkConvolve(t, m, randVec(r, lx, p), randVec(r, ly, p)) {
							return
						}
					}
				}
			}
		})
	}
}

func TestConvolveEdgeLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	maxLog := unlessShort(12, 10)
	var lens []int
	for k := 0; k <= maxLog; k++ {
		lens = append(lens, max(1, 1<<k-1), 1<<k, 1<<k+1)
	}
	for _, p := range testPrimes {
		m := mustModulus(t, p)
		for _, lx := range lens {
			for _, ly := range []int{1, 2, 3, 31, 32, 33, lx - 1, lx, lx + 1} {
				if ly < 1 || (p < 100 && lx*ly > 1<<16) || (lx*ly > 1<<20 && p != Primes[0] && p != grid.NTTPrime) {
					continue
				}
				x, y := randVec(r, lx, p), randVec(r, ly, p)
				if lx > 2 {
					x[lx-1], y[ly-1] = p-1, p-1
				}
				checkConvolve(t, m, x, y)
			}
		}
	}
}

func TestConvolveRandomLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	iters := unlessShort(20, 6)
	for _, p := range testPrimes {
		m := mustModulus(t, p)
		for range iters {
			lx, ly := 1+r.IntN(3000), 1+r.IntN(3000)
			if r.IntN(3) == 0 {
				ly = 1 + r.IntN(100)
			}
			checkConvolve(t, m, randVec(r, lx, p), randVec(r, ly, p))
		}
	}
}

// TestConvolveWrapped forces the cyclic-plus-top split (and its absence) on lengths just
// above and below powers of two, unbalanced shapes included.
func TestConvolveWrapped(t *testing.T) {
	old, oldPar := wrapPercent, parallelThreshold
	defer func() { wrapPercent, parallelThreshold = old, oldPar }()
	r := rand.New(rand.NewPCG(27, 28))
	for i, wp := range []int{0, 10, 37, 60, 100} {
		wrapPercent = wp
		parallelThreshold = []int{16, oldPar}[i%2]
		for _, p := range []uint64{Primes[0], grid.NTTPrime} {
			m := mustModulus(t, p)
			for _, sz := range [][2]int{{33, 33}, {40, 40}, {60, 9}, {513, 513}, {600, 500}, {1000, 30}, {1025, 26}, {1500, 700}, {2049, 100}} {
				x, y := randVec(r, sz[0], p), randVec(r, sz[1], p)
				checkConvolve(t, m, x, y)
				assert.Equal(t, refProduct(x, x, p), m.Convolve(nil, x, x), "square")
				buf := make([]uint64, sz[0]+sz[1]-1)
				copy(buf, x)
				assert.Equal(t, refProduct(x, y, p), m.Convolve(buf, buf[:sz[0]], y), "aliased")
			}
		}
	}
}

func TestConvolveEmptyAndPanics(t *testing.T) {
	m := mustModulus(t, Primes[0])
	assert.Empty(t, m.Convolve(nil, nil, []uint64{1, 2}))
	assert.NotNil(t, m.Convolve(nil, nil, []uint64{1, 2}))
	assert.Empty(t, m.Convolve(nil, []uint64{1}, nil))
	assert.Empty(t, m.Convolve([]uint64{}, []uint64{}, []uint64{}))
	msg := "ntt: len(dst) != len(x)+len(y)-1"
	assert.PanicsWithValue(t, msg, func() { m.Convolve(make([]uint64, 1), nil, []uint64{1}) })
	assert.PanicsWithValue(t, msg, func() { m.Convolve(make([]uint64, 2), []uint64{1, 2}, []uint64{3, 4}) })
	assert.PanicsWithValue(t, msg, func() { m.Convolve(make([]uint64, 4), []uint64{1, 2}, []uint64{3, 4}) })
	big := make([]uint64, 1000)
	assert.PanicsWithValue(t, msg, func() { m.Convolve(make([]uint64, 1998), big, big) })
	assert.PanicsWithValue(t, "ntt: zero Modulus (use NewModulus)", func() { Modulus{}.Convolve(nil, []uint64{1}, []uint64{1}) })
	assert.PanicsWithValue(t, "ntt: zero Modulus (use NewModulus)", func() { Modulus{}.Reduce(5) })
	assert.PanicsWithValue(t, "ntt: zero Modulus (use NewModulus)", func() { Modulus{}.Pow(5, 3) })
	assert.PanicsWithValue(t, "ntt: zero Modulus (use NewModulus)", func() { Modulus{}.Inv(5) })
}

// TestConvolveUnreduced shows that entries ≥ p are reduced, not mis-multiplied.
func TestConvolveUnreduced(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for _, p := range testPrimes {
		m := mustModulus(t, p)
		for _, l := range []int{1, 5, 24, 25, 100, 400} {
			x, y := make([]uint64, l), make([]uint64, l+3)
			for i := range x {
				x[i] = r.Uint64()
			}
			for i := range y {
				y[i] = r.Uint64()
			}
			x[0], y[0] = ^uint64(0), ^uint64(0)
			xr, yr := slices.Clone(x), slices.Clone(y)
			for i := range xr {
				xr[i] %= p
			}
			for i := range yr {
				yr[i] %= p
			}
			want := refConvolve(x, y, p) // math/big, on the unreduced values
			assert.Equal(t, want, refConvolveFast(xr, yr, p))
			assert.Equal(t, want, m.Convolve(nil, x, y), "p=%d l=%d", p, l)
			assert.Equal(t, refConvolve(x, x, p), m.Convolve(nil, x, x), "square p=%d l=%d", p, l)
		}
	}
}

func TestConvolveAliasing(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	for _, p := range []uint64{Primes[0], Primes[2], 17} {
		m := mustModulus(t, p)
		for _, sz := range [][2]int{{3, 4}, {30, 40}, {257, 300}, {1000, 1025}} {
			lx, ly := sz[0], sz[1]
			x, y := randVec(r, lx, p), randVec(r, ly, p)
			want := refConvolveFast(x, y, p)
			l := lx + ly - 1
			// dst shares x's array.
			buf := make([]uint64, l)
			copy(buf, x)
			assert.Equal(t, want, m.Convolve(buf, buf[:lx], y), "dst=x")
			// dst shares y's array, y at the end.
			buf = make([]uint64, l)
			copy(buf[l-ly:], y)
			assert.Equal(t, want, m.Convolve(buf, x, buf[l-ly:]), "dst=y")
			// x and y in the same buffer as dst.
			buf = make([]uint64, lx+ly)
			copy(buf, x)
			copy(buf[lx:], y)
			assert.Equal(t, want, m.Convolve(buf[:l], buf[:lx], buf[lx:lx+ly]), "dst=x,y")
			// Squaring: the same slice twice, also aliased with dst.
			wantSq := refConvolveFast(x, x, p)
			assert.Equal(t, wantSq, m.Convolve(nil, x, x), "square")
			buf = make([]uint64, 2*lx-1)
			copy(buf, x)
			assert.Equal(t, wantSq, m.Convolve(buf, buf[:lx], buf[:lx]), "square in place")
		}
	}
}

// TestConvolveGridChecksum compares with the NTL reference harness: each checksum below was
// printed by `/work/shared/bench/run.sh modp N` (the line "ntl_ZZ_pX_mul P N 62 <ms>
// <checksum> ..."), on the same grid.ModP inputs.
func TestConvolveGridChecksum(t *testing.T) {
	cases := []struct {
		n           int
		ntlChecksum uint64
	}{
		{1 << 16, 576831069865174444},
		{1 << 18, 1161910097543664256},
		{1 << 20, 1293007980121087635},
	}
	m := mustModulus(t, grid.NTTPrime)
	for _, c := range cases {
		if testing.Short() && c.n > 1<<16 {
			continue
		}
		x := grid.ModP(grid.SeedA, c.n, grid.NTTPrime)
		y := grid.ModP(grid.SeedB, c.n, grid.NTTPrime)
		got := m.Convolve(nil, x, y)
		assert.Equal(t, c.ntlChecksum, grid.ChecksumUint64(got), "n=%d", c.n)
	}
}

// TestConvolveParallel runs the two-goroutine split at small lengths.
func TestConvolveParallel(t *testing.T) {
	old := parallelThreshold
	parallelThreshold = 16
	defer func() { parallelThreshold = old }()
	r := rand.New(rand.NewPCG(25, 26))
	for _, p := range []uint64{Primes[0], grid.NTTPrime, 998244353} {
		m := mustModulus(t, p)
		for _, l := range []int{25, 31, 32, 33, 100, 1000, 1025} {
			x, y := randVec(r, l, p), randVec(r, l+r.IntN(l), p)
			checkConvolve(t, m, x, y)
			// Unreduced entries through the parallel loads.
			xu, yu := slices.Clone(x), slices.Clone(y)
			xu[0], yu[len(yu)-1] = x[0]+p*(^uint64(0)/p-1), ^uint64(0)
			y[len(y)-1] = ^uint64(0) % p
			assert.Equal(t, refProduct(x, y, p), m.Convolve(nil, xu, yu), "unreduced")
			assert.Equal(t, refProduct(x, x, p), m.Convolve(nil, x, x), "square")
		}
	}
}

// TestConcurrent shares plans and primes across goroutines (run it with -race).
func TestConcurrent(t *testing.T) {
	ms := []Modulus{mustModulus(t, Primes[0]), mustModulus(t, Primes[1]), mustModulus(t, Primes[2])}
	pl, err := NewPlan(ms[0], 512)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(19, 20))
	x, y := randVec(r, 700, ms[2].p), randVec(r, 300, ms[2].p)
	wants := make([][]uint64, len(ms))
	for i, m := range ms {
		wants[i] = refConvolveFast(x, y, m.p)
	}
	a := randVec(r, 512, ms[0].p)
	fa := pl.Forward(nil, a)
	old := parallelThreshold
	parallelThreshold = 64 // the products below also split across goroutines
	defer func() { parallelThreshold = old }()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range 10 {
				i := (g + it) % len(ms)
				if got := ms[i].Convolve(nil, x, y); !slices.Equal(got, wants[i]) {
					t.Errorf("goroutine %d: wrong product mod %d", g, ms[i].p)
				}
				if got := pl.Forward(nil, a); !slices.Equal(got, fa) {
					t.Errorf("goroutine %d: wrong transform", g)
				}
				if got := pl.Inverse(nil, fa); !slices.Equal(got, a) {
					t.Errorf("goroutine %d: wrong inverse", g)
				}
				// Fresh plans of new sizes race with lookups of cached ones.
				if _, err := NewPlan(ms[i], 1<<(4+it)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzConvolve(f *testing.F) {
	f.Add(uint8(0), []byte{1, 2, 3}, []byte{4, 5})
	f.Add(uint8(1), make([]byte, 200), []byte{255, 255, 255, 255, 255, 255, 255, 255, 9})
	f.Add(uint8(3), make([]byte, 800), make([]byte, 560))
	f.Add(uint8(5), []byte{7}, make([]byte, 300))
	primes := []uint64{Primes[0], Primes[1], grid.NTTPrime, 1<<62 - 57, 998244353, 17, 2}
	f.Fuzz(func(t *testing.T, pi uint8, xb, yb []byte) {
		p := primes[int(pi)%len(primes)]
		m, err := NewModulus(p)
		if err != nil {
			t.Fatal(err)
		}
		words := func(b []byte) []uint64 {
			var v []uint64
			for len(b) > 0 {
				var w uint64
				for i := 0; i < 8 && i < len(b); i++ {
					w |= uint64(b[i]) << (8 * i)
				}
				v = append(v, w)
				b = b[min(8, len(b)):]
			}
			return v
		}
		x, y := words(xb), words(yb)
		for _, th := range []int{0, schoolThreshold} {
			withThreshold(th, func() {
				got := m.Convolve(nil, x, y)
				want := refConvolve(x, y, p)
				if !slices.Equal(got, want) {
					t.Fatalf("p=%d lens %d %d (threshold %d): mismatch", p, len(x), len(y), th)
				}
			})
		}
	})
}

// TestKernelsAgainstSimple checks the radix-4 depth-first transforms and the fused product
// against the radix-2 reference, for several cache-block sizes (so that the recursion runs
// at small lengths), on lazy inputs (forward: [0, 4p), inverse: [0, 2p)).
func TestKernelsAgainstSimple(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	oldBlock := blockLog
	defer func() { blockLog = oldBlock }()
	for _, bl := range []uint{4, 5, 6, oldBlock} {
		blockLog = bl
		for _, p := range []uint64{Primes[0], grid.NTTPrime, 998244353, 17} {
			m := mustModulus(t, p)
			for logn := 2; logn <= 12 && 1<<logn <= m.MaxLen(); logn++ {
				n := 1 << logn
				pl, err := NewPlan(m, n)
				require.NoError(t, err)
				a := randVec(r, n, 4*p)
				want := slices.Clone(a)
				pl.forwardSimple(want)
				reduce4(want, p)
				got := slices.Clone(a)
				pl.fwdRec(got, 0)
				reduce4(got, p)
				require.Equal(t, want, got, "forward bl=%d p=%d n=%d", bl, p, n)

				b := randVec(r, n, 2*p)
				want = slices.Clone(b)
				pl.inverseSimple(want)
				reduce4(want, p)
				got = slices.Clone(b)
				pl.invRec(got, 0)
				reduce4(got, p)
				require.Equal(t, want, got, "inverse bl=%d p=%d n=%d", bl, p, n)

				// Fused: forward b, multiply by forward(a) (Montgomery), inverse.
				fa := slices.Clone(a)
				pl.forwardSimple(fa)
				fb := slices.Clone(b)
				pl.forwardSimple(fb)
				prod := make([]uint64, n)
				rinv := m.Inv(bits.Rem64(1, 0, p)) // 2^−64 mod p
				for i := range prod {
					prod[i] = m.Mul(m.Mul(fa[i]%p, fb[i]%p), rinv)
				}
				pl.inverseSimple(prod)
				reduce4(prod, p)
				got = slices.Clone(b)
				pl.convRec(got, slices.Clone(a), 0)
				reduce4(got, p)
				require.Equal(t, prod, got, "fused bl=%d p=%d n=%d", bl, p, n)
				for i := range prod {
					prod[i] = m.Mul(m.Mul(fb[i]%p, fb[i]%p), rinv)
				}
				pl.inverseSimple(prod)
				reduce4(prod, p)
				got = slices.Clone(b)
				pl.convRec(got, nil, 0)
				reduce4(got, p)
				require.Equal(t, prod, got, "fused square bl=%d p=%d n=%d", bl, p, n)
			}
		}
	}
}

// TestConvolveAllocs checks that repeated products into a given dst take all their scratch
// from the pool: the transform product, the split (cyclic plus top) product and the aliased
// schoolbook product, with one goroutine.
func TestConvolveAllocs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	m := mustModulus(t, Primes[0])
	r := rand.New(rand.NewPCG(61, 62))
	for _, sz := range [][2]int{{2000, 1500}, {3000, 2000}, {1030, 1030}, {5000, 10}} {
		x, y := randVec(r, sz[0], m.P()), randVec(r, sz[1], m.P())
		dst := make([]uint64, sz[0]+sz[1]-1)
		want := refProduct(x, y, m.P())
		allocs := testing.AllocsPerRun(20, func() {
			copy(dst, x) // aliased: dst holds x
			m.Convolve(dst, dst[:len(x)], y)
		})
		assert.Equal(t, want, dst, "lengths %v", sz)
		assert.Less(t, allocs, 0.5, "allocations per call, lengths %v", sz)
	}
}
