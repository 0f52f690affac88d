package exact

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var allAlgorithms = []Algorithm{Auto, Schoolbook, Karatsuba, Kronecker, MultiModular}

// naiveMul is the independent reference: the textbook double loop with fresh big.Ints.
func naiveMul(x, y []*big.Int) []*big.Int {
	if len(x) == 0 || len(y) == 0 {
		return []*big.Int{}
	}
	z := make([]*big.Int, len(x)+len(y)-1)
	for k := range z {
		z[k] = new(big.Int)
	}
	var t big.Int
	for i, a := range x {
		for j, b := range y {
			if a == nil || b == nil {
				continue
			}
			z[i+j].Add(z[i+j], t.Mul(a, b))
		}
	}
	return z
}

// randPoly returns n coefficients of up to maxBits bits, mixing zeros, signs, full-size values
// (all ones, powers of two) and uniform random ones.
func randPoly(r *rand.Rand, n, maxBits int, signed bool) []*big.Int {
	x := make([]*big.Int, n)
	for i := range x {
		b := maxBits
		if r.IntN(4) == 0 {
			b = r.IntN(maxBits + 1)
		}
		v := new(big.Int)
		switch r.IntN(8) {
		case 0:
			// zero
		case 1:
			v.Lsh(big.NewInt(1), uint(b))
			v.Sub(v, big.NewInt(1)) // all ones
		case 2:
			v.Lsh(big.NewInt(1), uint(max(b-1, 0)))
		default:
			words := make([]big.Word, (b+63)/64)
			for j := range words {
				words[j] = big.Word(r.Uint64())
			}
			v.SetBits(words)
			v.Rsh(v, uint(64*len(words)-b)) // at most b bits
		}
		if signed && r.IntN(2) == 0 {
			v.Neg(v)
		}
		x[i] = v
	}
	return x
}

func equalInts(t *testing.T, got, want []*big.Int, msg string) bool {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: length %d, want %d", msg, len(got), len(want))
		return false
	}
	for i := range got {
		if got[i] == nil || got[i].Cmp(want[i]) != 0 {
			t.Errorf("%s: coefficient %d = %v, want %v", msg, i, got[i], want[i])
			return false
		}
	}
	return true
}

// checkAll multiplies x·y with every algorithm (and with swapped operands) and compares with the
// naive reference.
func checkAll(t *testing.T, x, y []*big.Int, msg string) {
	t.Helper()
	want := naiveMul(x, y)
	for _, alg := range allAlgorithms {
		if !equalInts(t, MulUsing(alg, nil, x, y), want, fmt.Sprintf("%s %v", msg, alg)) {
			return
		}
		if !equalInts(t, MulUsing(alg, nil, y, x), want, fmt.Sprintf("%s %v swapped", msg, alg)) {
			return
		}
	}
}

func TestString(t *testing.T) {
	assert.Equal(t, "auto", Auto.String())
	assert.Equal(t, "multimodular", MultiModular.String())
	assert.Equal(t, "Algorithm(99)", Algorithm(99).String())
}

func TestSmallLengthsExhaustive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	limit, step := 40, 1
	if testing.Short() {
		limit, step = 16, 7
	}
	for nx := 0; nx <= limit; nx++ {
		for ny := 0; ny <= limit; ny++ {
			bits := []int{1, 3, 64, 100}[(nx+ny)%4]
			checkAll(t, randPoly(r, nx, bits, (nx*ny)%3 != 0), randPoly(r, ny, bits, nx%2 == 0),
				fmt.Sprintf("nx=%d ny=%d bits=%d", nx, ny, bits))
		}
	}
	others := []int{1, 2, 3, 17, 63, 64, 65, 127, 128, 129}
	for nx := 0; nx <= 300; nx += step {
		ny := others[nx%len(others)]
		checkAll(t, randPoly(r, nx, 20, true), randPoly(r, ny, 70, true),
			fmt.Sprintf("nx=%d ny=%d", nx, ny))
	}
}

func TestRandomLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	iters, maxLen := 10, 2500
	if testing.Short() {
		iters, maxLen = 7, 1000
	}
	for it := range iters {
		bits := []int{1, 16, 62, 64, 65, 200, 1000}[it%7]
		l := maxLen
		if bits > 64 {
			l = maxLen * 64 / bits
		}
		nx, ny := 1+r.IntN(l), 1+r.IntN(l)
		checkAll(t, randPoly(r, nx, bits, it%2 == 0), randPoly(r, ny, bits, it%3 == 0),
			fmt.Sprintf("nx=%d ny=%d bits=%d", nx, ny, bits))
	}
}

func TestEdgeLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	sizes := []int{1, 2, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025}
	if testing.Short() {
		sizes = []int{1, 2, 63, 64, 65}
	}
	for _, n := range sizes {
		checkAll(t, randPoly(r, n, 64, true), randPoly(r, n, 64, true), fmt.Sprintf("n=%d", n))
		checkAll(t, randPoly(r, n, 300, false), randPoly(r, n+1, 5, true), fmt.Sprintf("n=%d,%d", n, n+1))
	}
}

func TestBitSizes(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	sizes := []int{1, 2, 31, 32, 33, 61, 62, 63, 64, 65, 127, 128, 129, 500, 1024, 4000, 8191, 20000}
	work := 40000
	if testing.Short() {
		work = 4000
	}
	for _, b := range sizes {
		n := max(2, work/b)
		n = min(n, 300)
		checkAll(t, randPoly(r, n, b, true), randPoly(r, n/2+1, b, true), fmt.Sprintf("bits=%d", b))
		checkAll(t, randPoly(r, n, b, false), randPoly(r, n, 1+b/3, false), fmt.Sprintf("bits=%d,%d", b, 1+b/3))
	}
}

func TestUnbalanced(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	n := 20000
	if testing.Short() {
		n = 3000
	}
	for _, b := range []int{16, 64, 1000} {
		x, y := randPoly(r, n, b, true), randPoly(r, 10, b, true)
		checkAll(t, x, y, fmt.Sprintf("unbalanced %dx10 bits=%d", n, b))
	}
}

func TestSpecialValues(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(1), 5000)
	hugeM1 := new(big.Int).Sub(huge, big.NewInt(1))
	m64 := new(big.Int).SetUint64(^uint64(0))
	cases := [][2][]*big.Int{
		{{big.NewInt(0)}, {big.NewInt(5)}},
		{{big.NewInt(0), big.NewInt(0)}, {big.NewInt(0)}},
		{{m64, m64, m64}, {m64, m64}},
		{{new(big.Int).Neg(m64), m64}, {m64, new(big.Int).Neg(m64)}},
		{{huge, new(big.Int).Neg(hugeM1), big.NewInt(-1)}, {hugeM1, huge}},
		{{big.NewInt(-1), big.NewInt(-1), big.NewInt(-1)}, {big.NewInt(-1)}},
	}
	for i, c := range cases {
		checkAll(t, c[0], c[1], fmt.Sprintf("case %d", i))
	}
	// Many maximal terms in one output coefficient: all-ones words, both signs.
	long := make([]*big.Int, 3000)
	if testing.Short() {
		long = long[:300]
	}
	for i := range long {
		long[i] = m64
	}
	checkAll(t, long, long, "all 2^64-1")
}

func TestNilEntries(t *testing.T) {
	x := []*big.Int{nil, big.NewInt(3), nil, big.NewInt(-2)}
	y := []*big.Int{big.NewInt(7), nil, big.NewInt(1)}
	want := naiveMul(copyInts(x), copyInts(y))
	for _, alg := range allAlgorithms {
		equalInts(t, MulUsing(alg, nil, x, y), want, alg.String())
	}
	equalInts(t, Sqr(nil, x), naiveMul(copyInts(x), copyInts(x)), "Sqr nil")
	all := []*big.Int{nil, nil}
	equalInts(t, Mul(nil, all, y), naiveMul(copyInts(all), copyInts(y)), "all nil")
	// x itself is untouched.
	assert.Nil(t, x[0])
	assert.Nil(t, x[2])
}

func TestAliasing(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, alg := range allAlgorithms {
		for _, n := range []int{1, 5, 40, 300} {
			for _, b := range []int{10, 64, 130, 2000} {
				if testing.Short() && n*b > 20000 {
					continue
				}
				x, y := randPoly(r, n, b, true), randPoly(r, 1, b, true)
				want := naiveMul(x, y)
				// dst == x (possible when len(y) == 1).
				xc := copyInts(x)
				got := MulUsing(alg, xc, xc, y)
				equalInts(t, got, want, fmt.Sprintf("%v dst==x n=%d b=%d", alg, n, b))
				yc := copyInts(x)
				got = MulUsing(alg, yc, y, yc)
				equalInts(t, got, want, fmt.Sprintf("%v dst==y n=%d b=%d", alg, n, b))
				// dst entries shared with entries of x and y.
				x2, y2 := randPoly(r, n, b, true), randPoly(r, n+2, b, true)
				want = naiveMul(x2, y2)
				x2c, y2c := copyInts(x2), copyInts(y2)
				dst := make([]*big.Int, len(x2)+len(y2)-1)
				for i := range dst {
					if j := i / 2; i%2 == 0 && j < n {
						dst[i] = x2c[j]
					} else if i%2 == 1 && j < n+2 {
						dst[i] = y2c[j]
					}
				}
				got = MulUsing(alg, dst, x2c, y2c)
				equalInts(t, got, want, fmt.Sprintf("%v shared entries n=%d b=%d", alg, n, b))
				// x == y: squaring.
				want = naiveMul(x2, x2)
				equalInts(t, MulUsing(alg, nil, x2, x2), want, fmt.Sprintf("%v x==y n=%d b=%d", alg, n, b))
				x3 := copyInts(x2)
				dst = make([]*big.Int, 2*n-1)
				copy(dst, x3)
				equalInts(t, MulUsing(alg, dst, x3, x3), want, fmt.Sprintf("%v x==y dst shares n=%d b=%d", alg, n, b))
			}
		}
	}
}

// copyInts returns fresh copies of the entries of x, with nil entries as explicit zeros.
func copyInts(x []*big.Int) []*big.Int {
	out := make([]*big.Int, len(x))
	for i, c := range x {
		out[i] = new(big.Int)
		if c != nil {
			out[i].Set(c)
		}
	}
	return out
}

func TestDstReuse(t *testing.T) {
	x := []*big.Int{big.NewInt(1), big.NewInt(2)}
	y := []*big.Int{big.NewInt(3), big.NewInt(4)}
	d0 := new(big.Int).Lsh(big.NewInt(1), 1000)
	dst := []*big.Int{d0, nil, big.NewInt(-5)}
	got := Mul(dst, x, y)
	require.Len(t, got, 3)
	assert.Same(t, d0, got[0], "non-nil dst entries are reused")
	equalInts(t, got, naiveMul(x, y), "reuse")
}

func TestPanics(t *testing.T) {
	x := []*big.Int{big.NewInt(1), big.NewInt(2)}
	assert.PanicsWithValue(t, "exact: wrong dst length", func() { Mul(make([]*big.Int, 2), x, x) })
	assert.PanicsWithValue(t, "exact: wrong dst length", func() { Mul(make([]*big.Int, 1), nil, x) })
	assert.PanicsWithValue(t, "exact: unknown algorithm", func() { MulUsing(Algorithm(17), nil, x, x) })
	assert.PanicsWithValue(t, "exact: negative exponent", func() { Pow(nil, x, -1) })
	assert.PanicsWithValue(t, "exact: wrong dst length", func() { Pow(make([]*big.Int, 2), x, 2) })
	assert.PanicsWithValue(t, "exact: wrong dst length", func() {
		MulRat(make([]*big.Rat, 1), []*big.Rat{big.NewRat(1, 2)}, []*big.Rat{big.NewRat(1, 2), big.NewRat(1, 3)})
	})
}

func TestTooLarge(t *testing.T) {
	// 2^17 entries sharing one coefficient of 2^15 words: the product would need about
	// 2^18 · 2^16 = 2^34 words, more than MaxResultWords. Refused before any allocation.
	c := new(big.Int).Lsh(big.NewInt(1), 64<<15-1)
	x := make([]*big.Int, 1<<17)
	for i := range x {
		x[i] = c
	}
	n, w := ResultWords(x, x)
	assert.Equal(t, 1<<18-1, n)
	assert.Greater(t, w, int64(MaxResultWords))
	assert.PanicsWithValue(t, "exact: result too large", func() { Mul(nil, x, x) })
	assert.PanicsWithValue(t, "exact: result too large", func() { Sqr(nil, x) })
	assert.PanicsWithValue(t, "exact: result too large", func() {
		Pow(nil, []*big.Int{big.NewInt(1), big.NewInt(1)}, 1<<62)
	})
	assert.PanicsWithValue(t, "exact: result too large", func() {
		Pow(nil, []*big.Int{big.NewInt(3), big.NewInt(1)}, 1<<35)
	})
	// ResultWords is an upper bound on a real product.
	r := rand.New(rand.NewPCG(13, 14))
	a, b := randPoly(r, 100, 300, true), randPoly(r, 50, 70, true)
	n, w = ResultWords(a, b)
	got := Mul(nil, a, b)
	total := 0
	for _, v := range got {
		total += len(v.Bits())
	}
	assert.Equal(t, len(got), n)
	assert.LessOrEqual(t, int64(total), w)
	n, w = ResultWords(nil, a)
	assert.Zero(t, n)
	assert.Zero(t, w)
}

func TestEmpty(t *testing.T) {
	x := []*big.Int{big.NewInt(1)}
	for _, alg := range allAlgorithms {
		got := MulUsing(alg, nil, nil, x)
		assert.NotNil(t, got)
		assert.Empty(t, got)
		assert.Empty(t, MulUsing(alg, []*big.Int{}, x, []*big.Int{}))
	}
	assert.Empty(t, MulRat(nil, nil, []*big.Rat{big.NewRat(1, 2)}))
}

func FuzzMul(f *testing.F) {
	f.Add([]byte{1, 2, 3}, []byte{4, 5}, uint16(8))
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 255, 255}, []byte{128, 0, 0, 0, 1}, uint16(64))
	f.Add(make([]byte, 40), []byte{7}, uint16(3))
	f.Add([]byte(strings.Repeat("\xff\x80\x01", 100)), []byte(strings.Repeat("\x7f", 90)), uint16(130))
	f.Fuzz(func(t *testing.T, a, b []byte, chunk uint16) {
		x, y := polyFromBytes(a, int(chunk)), polyFromBytes(b, int(chunk))
		checkAll(t, x, y, "fuzz")
	})
}

// polyFromBytes cuts data into coefficients of chunk%300+1 bits each (at least one byte each);
// the low bit of each chunk's first byte is the sign.
func polyFromBytes(data []byte, chunk int) []*big.Int {
	nb := (chunk%300 + 8) / 8
	var out []*big.Int
	for len(data) > 0 && len(out) < 500 {
		k := min(nb, len(data))
		v := new(big.Int).SetBytes(data[:k])
		if data[0]&1 != 0 {
			v.Neg(v)
		}
		out = append(out, v)
		data = data[k:]
	}
	return out
}

// TestParallelPaths runs the multi-prime paths with tiny work sizes and several goroutines, so
// that `go test -race -short` exercises the concurrent residues, convolutions and CRT.
func TestParallelPaths(t *testing.T) {
	defer func(r, c int) { residueGrain, crtGrain = r, c }(residueGrain, crtGrain)
	residueGrain, crtGrain = 7, 5
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := rand.New(rand.NewPCG(31, 32))
	for _, sh := range []struct{ nx, ny, bits int }{{50, 40, 64}, {100, 3, 200}, {64, 64, 1000}, {33, 90, 16}} {
		x, y := randPoly(r, sh.nx, sh.bits, true), randPoly(r, sh.ny, sh.bits, true)
		checkAll(t, x, y, fmt.Sprintf("parallel %v", sh))
		equalInts(t, Sqr(nil, x), naiveMul(x, x), "parallel Sqr")
		dst := make([]*big.Int, sh.nx+sh.ny-1)
		equalInts(t, MulUsing(MultiModular, dst, x, y), naiveMul(x, y), "parallel into dst")
	}
}

// TestChooseSquares checks that Auto prices a square with one forward transform: the
// transform-based methods (where they apply) cost less for a square than for a product of the
// same shape when memory does not force Kronecker substitution to cut the square into pieces
// (which multiplies it as a product), and no more when it does; and Sqr, with that pricing,
// against schoolbook.
func TestChooseSquares(t *testing.T) {
	for _, sh := range []struct{ n, bits int }{{300, 1024}, {50, 16384}} {
		kr := kroneckerCost(sh.n, sh.n, sh.bits, sh.bits, false)
		krs := kroneckerCost(sh.n, sh.n, sh.bits, sh.bits, true)
		if krs > kr {
			t.Errorf("%v: square costs %.0f, above the product's %.0f", sh, krs, kr)
		}
	}
	defer func(f float64) { vecMemFactor = f }(vecMemFactor)
	vecMemFactor = 1e6
	for _, sh := range []struct{ n, bits int }{{2000, 64}, {300, 1024}, {50, 16384}, {20000, 16}} {
		mm := multiModularCost(sh.n, sh.n, sh.bits, sh.bits, false)
		mms := multiModularCost(sh.n, sh.n, sh.bits, sh.bits, true)
		kr := kroneckerCost(sh.n, sh.n, sh.bits, sh.bits, false)
		krs := kroneckerCost(sh.n, sh.n, sh.bits, sh.bits, true)
		if !math.IsInf(mm, 1) && !(mms < mm) || !(krs < kr) {
			t.Errorf("%v: square costs %.0f/%.0f not below product costs %.0f/%.0f", sh, mms, krs, mm, kr)
		}
	}
	r := rand.New(rand.NewPCG(71, 72))
	x := randPoly(r, 700, 300, true)
	equalInts(t, Sqr(nil, x), naiveMul(x, x), "Sqr with square pricing")
}

// TestKaraTerms checks karaTerms on shapes counted by hand from karaAdd's recursion: quadratic
// below the threshold, three half-size products above it, and unbalanced operands cut into
// blocks of the shorter length.
func TestKaraTerms(t *testing.T) {
	defer func(k int) { karatsubaThreshold = k }(karatsubaThreshold)
	karatsubaThreshold = 16
	for _, c := range []struct {
		nx, ny int
		want   float64
	}{
		{15, 15, 225}, {100, 10, 1000}, {16, 16, 3 * 64}, {32, 32, 9 * 64},
		{17, 17, 2*81 + 64},          // m = 9: two 9×9 and one 8×8
		{40, 16, 2*3*64 + 8*16},      // two 16×16 blocks and an 8×16 rest
		{33, 20, 2*(2*81+64) + 16*3}, // m = 17: 17×17 twice (each as above), then 16×3
	} {
		if got := karaTerms(c.nx, c.ny); got != c.want {
			t.Errorf("karaTerms(%d, %d) = %v, want %v", c.nx, c.ny, got, c.want)
		}
	}
}
