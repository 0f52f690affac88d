package exact

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// EXACT_USEVEC=0 or 1 in the environment sets useVec for the whole test binary (to compare the
// two integer products of Kronecker substitution in benchmarks), and EXACT_USEONE useOne (the
// one-prime-per-vector multi-modular path against package ntt's).
func init() {
	if v := os.Getenv("EXACT_USEVEC"); v != "" {
		useVec = v == "1"
	}
	if v := os.Getenv("EXACT_USEONE"); v != "" {
		useOne = v == "1"
	}
}

// natMulVec returns the product of the naturals x and y (little-endian words) as
// len(x)+len(y) words, like natMul: vecMul on the words, with no bound on the transforms'
// memory (for a square, pass the same slice and it is transformed once).
func natMulVec(x, y []uint64) []uint64 {
	sq := len(x) == len(y) && len(x) > 0 && &x[0] == &y[0]
	return vecMul(nil, len(x)+len(y), wordsSrc(x), wordsSrc(y), natBitLen(x), natBitLen(y), sq, math.MaxInt)
}

// natBig returns the natural w (little-endian words) as a big.Int.
func natBig(w []uint64) *big.Int {
	b := make([]big.Word, len(w))
	for i, v := range w {
		b[i] = big.Word(v)
	}
	return new(big.Int).SetBits(b)
}

// randNat returns n random words; kind 1 makes every word all ones, kind 2 zeroes about half
// of the words and the top one.
func randNat(r *rand.Rand, n, kind int) []uint64 {
	w := make([]uint64, n)
	for i := range w {
		switch kind {
		case 1:
			w[i] = ^uint64(0)
		case 2:
			if r.IntN(2) == 0 {
				w[i] = r.Uint64()
			}
		default:
			w[i] = r.Uint64()
		}
	}
	if kind == 2 {
		w[n-1] = 0
	}
	return w
}

// checkNatMulVec compares natMulVec(x, y) with math/big, including the result length.
func checkNatMulVec(t *testing.T, x, y []uint64, msg string) {
	t.Helper()
	got := natMulVec(x, y)
	require.Len(t, got, len(x)+len(y), msg)
	want := new(big.Int).Mul(natBig(x), natBig(y))
	if natBig(got).Cmp(want) != 0 {
		t.Errorf("%s: natMulVec differs from math/big", msg)
	}
}

func TestNatMulVec(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	lengths := []int{1, 2, 3, 4, 5, 7}
	for k := 3; k <= 12; k++ {
		lengths = append(lengths, 1<<k-1, 1<<k, 1<<k+1)
	}
	for _, n := range lengths {
		for kind := range 3 {
			x, y := randNat(r, n, kind), randNat(r, n+r.IntN(3), kind)
			checkNatMulVec(t, x, y, fmt.Sprintf("n=%d kind=%d", n, kind))
			checkNatMulVec(t, x, x, fmt.Sprintf("square n=%d kind=%d", n, kind))
		}
	}
	// Unbalanced, zero operands and zero high words.
	checkNatMulVec(t, randNat(r, 1, 0), randNat(r, 5000, 0), "1×5000")
	checkNatMulVec(t, randNat(r, 5000, 1), randNat(r, 1, 1), "5000×1 all ones")
	checkNatMulVec(t, randNat(r, 37, 0), randNat(r, 3000, 2), "37×3000 zero words")
	checkNatMulVec(t, make([]uint64, 5), randNat(r, 9, 0), "zero x")
	checkNatMulVec(t, randNat(r, 9, 0), make([]uint64, 1), "zero y")
	checkNatMulVec(t, []uint64{1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, []uint64{3, 0, 0, 0, 0, 0, 0}, "small values, long slices")
}

// TestNatMulVecStalePool multiplies all-ones operands and then, on the same transform length,
// a short y against a long x: y's pooled vector then holds the first product's residues past
// y's limbs, which must be taken as zero. Both orders, and on the two-goroutine path too.
func TestNatMulVecStalePool(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 48))
	for _, par := range []bool{false, true} {
		if par {
			defer func(m int) { vecParallelMin = m }(vecParallelMin)
			vecParallelMin = 2
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
		}
		for _, n := range []int{40, 3000} {
			checkNatMulVec(t, randNat(r, n, 1), randNat(r, n, 1), fmt.Sprintf("all ones n=%d", n))
			checkNatMulVec(t, randNat(r, 2*n-3, 0), randNat(r, 2, 0), fmt.Sprintf("long x, short y n=%d", n))
			checkNatMulVec(t, randNat(r, 2, 0), randNat(r, 2*n-3, 1), fmt.Sprintf("short x, long y n=%d", n))
			checkNatMulVec(t, randNat(r, 2*n-3, 0), randNat(r, 3, 0), fmt.Sprintf("long x, short y again n=%d", n))
		}
	}
}

// mulPieces is vecMulPieces on the words x (lx ≥ ly limbs of b bits) and y, x cut into pieces
// of mx limbs and y into pieces of my limbs, on transforms of 2^logn points.
func mulPieces(x, y []uint64, b, lx, ly, mx, my, logn int) []uint64 {
	z := make([]uint64, len(x)+len(y))
	if lx == 0 || ly == 0 {
		return z
	}
	sh := vecShape{lg: logn, mx: mx, px: (lx + mx - 1) / mx, my: my, py: (ly + my - 1) / my}
	vecMulPieces(z, wordsSrc(x), wordsSrc(y), b, lx, ly, natBitLen(x), natBitLen(y), sh)
	return z
}

// natMulVecPieces is mulPieces with y whole.
func natMulVecPieces(x, y []uint64, b, lx, ly, m, logn int) []uint64 {
	return mulPieces(x, y, b, lx, ly, m, ly, logn)
}

// TestNatMulVecPieces checks the cut of the longer operand into pieces (natMulVecPieces)
// against math/big: piece sizes from one to many multiples of vecPieceAlign, a last piece of a
// single limb, unbalanced operands, all-ones operands (the largest coefficients), a zero
// piece, and natMulVec on a shape whose plan cuts (checked with vecPlan).
func TestNatMulVecPieces(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 50))
	check := func(x, y []uint64, m int, msg string) {
		t.Helper()
		b, lx, ly := vecLimbs(natBitLen(x), natBitLen(y))
		if lx < ly {
			x, y, lx, ly = y, x, ly, lx
		}
		logn := bits.Len(uint(min(m, lx) + ly - 2))
		got := natMulVecPieces(x, y, b, lx, ly, m, max(logn, 3))
		require.Len(t, got, len(x)+len(y), msg)
		want := new(big.Int).Mul(natBig(x), natBig(y))
		if natBig(got).Cmp(want) != 0 {
			t.Errorf("%s: natMulVecPieces differs from math/big", msg)
		}
	}
	for _, m := range []int{64, 128, 192, 640} {
		for _, sh := range []struct{ nx, ny, kind int }{
			{400, 400, 0}, {400, 400, 1}, {1000, 30, 0}, {30, 1000, 1}, {2000, 1, 0}, {3, 3000, 2},
		} {
			x, y := randNat(r, sh.nx, sh.kind), randNat(r, sh.ny, sh.kind)
			check(x, y, m, fmt.Sprintf("m=%d %d×%d kind=%d", m, sh.nx, sh.ny, sh.kind))
		}
		// About three pieces and a few limbs; a zero middle piece.
		x := randNat(r, (m*190+63)/64*3+4, 0)
		clear(x[len(x)/3 : 2*len(x)/3])
		check(x, randNat(r, 50, 1), m, fmt.Sprintf("m=%d zero middle piece", m))
	}
	// The pieces on several goroutines (run under -race by CI).
	func() {
		defer func(m int) { vecParallelMin = m }(vecParallelMin)
		vecParallelMin = 2
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
		check(randNat(r, 900, 0), randNat(r, 300, 1), 128, "parallel pieces")
	}()
	// With limbs priced at zero, transforms alone decide, and this shape is cut in two.
	c0 := costVecLimb
	defer func() { costVecLimb = c0 }()
	costVecLimb = 0
	x, y := randNat(r, 3860, 0), randNat(r, 3860, 1)
	_, lx, ly := vecLimbs(natBitLen(x), natBitLen(y))
	pieces := vecPlan(lx, ly, false, math.MaxInt).px
	require.Greater(t, pieces, 1, "vecPlan does not cut %d×%d limbs", lx, ly)
	checkNatMulVec(t, x, y, "natMulVec, cut by its plan")
	checkNatMulVec(t, x, x, "natMulVec square of a size it would cut")
	// A very unbalanced product is cut into many pieces on short transforms.
	costVecLimb = c0
	x, y = randNat(r, 60000, 1), randNat(r, 40, 1)
	_, lx, ly = vecLimbs(natBitLen(x), natBitLen(y))
	sh := vecPlan(lx, ly, false, math.MaxInt)
	pieces, lg := sh.px, sh.lg
	require.Greater(t, pieces, 8, "vecPlan(%d, %d) cuts into %d pieces on 2^%d", lx, ly, pieces, lg)
	checkNatMulVec(t, x, y, fmt.Sprintf("natMulVec, %d pieces on 2^%d", pieces, lg))
	checkNatMulVec(t, y, x, "natMulVec, the short operand first")
}

// TestNatMulVecLimbCounts crosses powers of two of the product's limb count (transform
// lengths) and, outside -short, reaches limb sizes below 192 bits (2^13 and 2^15 limbs or more in the
// shorter operand), with all-ones operands that maximize the coefficients.
func TestNatMulVecLimbCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 44))
	seen := map[int]bool{}
	for k := 2; k <= 11; k++ {
		for d := -2; d <= 2; d++ {
			n := max(1, (1<<k)*192/128+d) // about 2^k limbs per operand product
			x, y := randNat(r, n, 0), randNat(r, n, 0)
			b, lx, ly := vecLimbs(natBitLen(x), natBitLen(y))
			seen[b] = true
			checkNatMulVec(t, x, y, fmt.Sprintf("n=%d limbs=%d", n, lx+ly-1))
		}
	}
	if testing.Short() {
		return
	}
	for _, n := range []int{30000, 100000} {
		x := randNat(r, n, 1)
		b, _, _ := vecLimbs(natBitLen(x), natBitLen(x))
		seen[b] = true
		checkNatMulVec(t, x, x, fmt.Sprintf("all ones square n=%d b=%d", n, b))
		checkNatMulVec(t, x, randNat(r, n+5, 1), fmt.Sprintf("all ones n=%d b=%d", n, b))
	}
	assert.True(t, seen[192] && seen[191] && seen[190], "limb sizes covered: %v", seen)
}

// TestNatMulVecParallel runs the two-goroutine path on small transforms.
func TestNatMulVecParallel(t *testing.T) {
	defer func(m int) { vecParallelMin = m }(vecParallelMin)
	vecParallelMin = 2
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := rand.New(rand.NewPCG(45, 46))
	for _, n := range []int{1, 10, 100, 1000} {
		checkNatMulVec(t, randNat(r, n, 0), randNat(r, n+3, 0), fmt.Sprintf("parallel n=%d", n))
	}
}

// forceVec makes kronecker use natMulVec at every size until the returned function is called.
func forceVec() (restore func()) {
	u, m := useVec, vecMinWords
	useVec, vecMinWords = true, 0
	return func() { useVec, vecMinWords = u, m }
}

// TestKroneckerVec checks Kronecker substitution on the vector product against schoolbook:
// signs, huge coefficients, unbalanced lengths, squares and dst aliasing an operand.
func TestKroneckerVec(t *testing.T) {
	defer forceVec()()
	r := rand.New(rand.NewPCG(47, 48))
	for _, sh := range []struct{ nx, ny, bits int }{
		{1, 1, 1}, {1, 1, 64}, {3, 2, 65}, {20, 20, 100}, {1, 300, 500}, {200, 3, 64},
		{40, 40, 3000}, {5, 7, 20000}, {100, 100, 16}, {300, 250, 190},
	} {
		x, y := randPoly(r, sh.nx, sh.bits, true), randPoly(r, sh.ny, sh.bits, true)
		want := MulUsing(Schoolbook, nil, x, y)
		msg := fmt.Sprintf("%d×%d bits=%d", sh.nx, sh.ny, sh.bits)
		equalInts(t, MulUsing(Kronecker, nil, x, y), want, msg)
		equalInts(t, MulUsing(Kronecker, nil, x, x), MulUsing(Schoolbook, nil, x, x), "square "+msg)
		if sh.ny == 1 {
			xc := copyInts(x)
			equalInts(t, MulUsing(Kronecker, xc, xc, y), want, "dst==x "+msg)
		}
		if sh.nx == 1 {
			yc := copyInts(y)
			equalInts(t, MulUsing(Kronecker, yc, x, yc), want, "dst==y "+msg)
		}
		dst := make([]*big.Int, sh.nx+sh.ny-1)
		copy(dst, copyInts(x))
		equalInts(t, MulUsing(Kronecker, dst, x, y), want, "dst reused "+msg)
	}
}

// TestAddAt checks addAt against math/big: overlapping and disjoint placements, and carries
// that run past the added words into words above the old top.
func TestAddAt(t *testing.T) {
	ones := func(n int) []uint64 { return randNat(nil, n, 1) }
	for _, c := range []struct {
		z       []uint64
		v       []uint64
		off     int
		wantTop int
	}{
		{[]uint64{0, 0, 0, 0, 0, 0}, []uint64{5, 6}, 1, 3},
		{[]uint64{^uint64(0), ^uint64(0), 0, 0, 0, 0}, []uint64{1}, 0, 3},
		{append(ones(3), 0, 0, 0, 0), ones(2), 2, 5},
		{append([]uint64{0, 0, ^uint64(0)}, 0, 0, 0), append([]uint64{1}, ones(2)...), 2, 6},
	} {
		top := len(c.z)
		for top > 0 && c.z[top-1] == 0 {
			top--
		}
		want := new(big.Int).Add(natBig(c.z), new(big.Int).Lsh(natBig(c.v), uint(64*c.off)))
		z := append([]uint64(nil), c.z...)
		got := addAt(z, c.v, c.off, top)
		if natBig(z).Cmp(want) != 0 || got != c.wantTop {
			t.Errorf("addAt(%x, %x, %d, %d) = %x, top %d; want %x, top %d", c.z, c.v, c.off, top, z, got, want.Bits(), c.wantTop)
		}
	}
}

// FuzzKroneckerVec is FuzzMul with Kronecker substitution forced onto the vector product at
// every size (and its pieces priced to be chosen whenever they save transform work), some
// inputs under a tight memory budget and with word-aligned slots.
func FuzzKroneckerVec(f *testing.F) {
	f.Add([]byte{1, 2, 3}, []byte{4, 5}, uint16(8))
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 255, 255}, []byte{128, 0, 0, 0, 1}, uint16(64))
	f.Add(bytes.Repeat([]byte{0xff, 0x80, 0x01}, 300), bytes.Repeat([]byte{0x7f}, 90), uint16(130))
	f.Fuzz(func(t *testing.T, a, b []byte, chunk uint16) {
		defer forceVec()()
		defer func(c, f float64, a int) { costVecLimb, vecMemFactor, alignMinBits = c, f, a }(costVecLimb, vecMemFactor, alignMinBits)
		costVecLimb = 0
		// chunk also picks a small memory budget (both operands cut) and word-aligned slots
		// (the result carried in place, kronecker2).
		if chunk%3 == 0 {
			vecMemFactor = 0.01
		}
		if chunk%5 < 2 {
			alignMinBits = 64
		}
		x, y := polyFromBytes(a, int(chunk)), polyFromBytes(b, int(chunk))
		if len(x) == 0 || len(y) == 0 {
			return
		}
		equalInts(t, MulUsing(Kronecker, nil, x, y), naiveMul(x, y), "fuzz vec")
	})
}
