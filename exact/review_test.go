package exact

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	mrand "math/rand"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/polyconv/polyconv/internal/vntt"
)

// reviewResidues stores the residues of v (each lifted to [p, 2p) at random) as point i of a.
func reviewResidues(r *rand.Rand, a []uint64, i int, v *big.Int) {
	for l, p := range vntt.Primes {
		x := new(big.Int).Mod(v, new(big.Int).SetUint64(p)).Uint64()
		if r.IntN(2) == 0 {
			x += p
		}
		a[vntt.Lanes*i+l] = x
	}
}

// TestReviewCarryVecEveryB drives carryVec directly, for every limb size 128 < b ≤ 192, with
// synthetic coefficients as large as natMulVec allows (2^397 − 1, so that the carries are as
// large as they get), random ones, zeros and ones, and compares the first lz words with
// Σ c_i·2^(b·i) from math/big. The padding points of the last group hold valid residues of
// other values (they must not leak), and the words past the residues hold garbage.
func TestReviewCarryVecEveryB(t *testing.T) {
	r := rand.New(rand.NewPCG(301, 302))
	maxC := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 397), big.NewInt(1))
	for b := 129; b <= 192; b++ {
		for _, limbs := range []int{1, 2, 3, 7, 8, 9, 16, 17, 40} {
			for kind := range 4 {
				coef := make([]*big.Int, limbs)
				want := new(big.Int)
				for i := range coef {
					c := new(big.Int)
					switch {
					case kind == 0 || (kind == 3 && r.IntN(3) == 0):
						c.Set(maxC)
					case kind == 1:
						c.Rand(randSrc(r), maxC)
						c.Rsh(c, uint(r.IntN(397)))
					case kind == 2:
						c.SetInt64(int64(i & 1)) // zeros and ones
					default:
						c.Rand(randSrc(r), maxC)
					}
					coef[i] = c
					want.Add(want, new(big.Int).Lsh(c, uint(b*i)))
				}
				points := (limbs + 7) / 8 * 8
				for extra := range 3 {
					lz := (want.BitLen()+63)/64 + extra
					all := make([]uint64, max(vntt.Lanes*points, lz+4, 3*limbs+3)+5)
					for i := range all {
						all[i] = 0xdeadbeefcafebabe
					}
					for i := range points {
						if i < limbs {
							reviewResidues(r, all, i, coef[i])
						} else {
							reviewResidues(r, all, i, maxC) // padding point: must be ignored
						}
					}
					carryVec(all, limbs, b, lz)
					if got := natBig(all[:lz]); got.Cmp(want) != 0 {
						t.Fatalf("b=%d limbs=%d kind=%d lz=%d: carryVec = %x, want %x", b, limbs, kind, lz, got, want)
					}
				}
			}
		}
	}
}

// randSrc returns a math/rand source for big.Int.Rand seeded from r.
func randSrc(r *rand.Rand) *mrand.Rand { return mrand.New(mrand.NewSource(r.Int64())) }

// TestReviewFillVecEveryB checks fillVec for every limb size 128 < b ≤ 192: each of the limbs
// points (crossing fillBatch) holds the residues of limb first+i of x below 4p, and the points
// after them are not written.
func TestReviewFillVecEveryB(t *testing.T) {
	r := rand.New(rand.NewPCG(303, 304))
	const sentinel = 0x0123456789abcdef
	for b := 129; b <= 192; b++ {
		for _, kind := range []int{0, 1} {
			x := randNat(r, 3+r.IntN(1300), kind)
			total := (64*len(x) + b - 1) / b // the last limb runs past x
			xb := natBig(x)
			for _, first := range []int{0, 1, total / 2, total - 1} {
				limbs := total - first
				if b%7 == 0 && limbs > 1 {
					limbs-- // leave a point unwritten
				}
				a := make([]uint64, vntt.Lanes*(limbs+2))
				for i := range a {
					a[i] = sentinel
				}
				fillVec(a, x, first*b, limbs, b)
				mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(b)), big.NewInt(1))
				for i := range limbs {
					limb := new(big.Int).Rsh(xb, uint(b*(first+i)))
					limb.And(limb, mask)
					for l, p := range vntt.Primes {
						want := new(big.Int).Mod(limb, new(big.Int).SetUint64(p)).Uint64()
						if got := a[vntt.Lanes*i+l]; got >= 4*p || got%p != want {
							t.Fatalf("b=%d len=%d first=%d point %d lane %d: %d, want %d mod p below 4p", b, len(x), first, i, l, got, want)
						}
					}
				}
				for i := vntt.Lanes * limbs; i < len(a); i++ {
					if a[i] != sentinel {
						t.Fatalf("b=%d first=%d limbs=%d: word %d past the limbs was written", b, first, limbs, i)
					}
				}
			}
		}
	}
}

// TestReviewPiecesEveryB runs natMulVecPieces with limb sizes that vecLimbs would not choose
// (odd ones and the extremes 129 and 192), with one piece and with pieces of 64 and 128 limbs
// whose last piece has one limb, a zero piece, all-ones operands, y with zero high words, and
// repeated calls (stale pooled vectors), against math/big.
func TestReviewPiecesEveryB(t *testing.T) {
	r := rand.New(rand.NewPCG(305, 306))
	ran, cut := 0, 0
	for _, b := range []int{129, 130, 131, 150, 157, 160, 173, 189, 190, 191, 192} {
		for _, m := range []int{64, 128, 0} {
			for _, sh := range []struct{ lx, nyw, kind int }{
				{129, 3, 1}, {64*3 + 1, 40, 0}, {130, 130 * 3, 1}, {65, 1, 0}, {200, 17, 2},
			} {
				lxWant := sh.lx
				nx := (lxWant*b + 63) / 64 // words giving about lx limbs of b bits
				x := randNat(r, nx, sh.kind)
				y := randNat(r, max(1, sh.nyw), sh.kind)
				if sh.kind == 2 {
					y = append(y, 0, 0, 0) // zero high words
					y[0] |= 1
					x[0] |= 1
				}
				if sh.lx == 200 { // a zero piece in the middle
					clear(x[len(x)/3 : 2*len(x)/3])
				}
				bx, by := natBitLen(x), natBitLen(y)
				lx, ly := (bx+b-1)/b, (by+b-1)/b
				if lx < ly {
					x, y, lx, ly, bx, by = y, x, ly, lx, by, bx
				}
				if 2*b+bits.Len(uint(min(lx, ly)))+2 > vecBits {
					continue
				}
				pm := m
				if pm == 0 {
					pm = lx // one piece of any size
				}
				logn := max(3, bits.Len(uint(min(pm, lx)+ly-2)))
				ran++
				if pm < lx {
					cut++
				}
				for rep := range 2 {
					got := natMulVecPieces(x, y, b, lx, ly, pm, logn)
					want := new(big.Int).Mul(natBig(x), natBig(y))
					if len(got) != len(x)+len(y) || natBig(got).Cmp(want) != 0 {
						t.Fatalf("b=%d m=%d lx=%d ly=%d rep=%d: natMulVecPieces differs from math/big", b, pm, lx, ly, rep)
					}
				}
			}
		}
	}
	if ran < 100 || cut < 50 {
		t.Errorf("only %d shapes ran, %d of them cut", ran, cut)
	}
	t.Logf("%d shapes, %d cut into pieces", ran, cut)
}

// TestReviewNatMulVecEdges: tiny transforms (below 8 points), single words at their extremes,
// long slices of zero high words that make the output longer than the transform, an x with
// more words but fewer limbs than y (the swap), squares with zero high words, and slices
// sharing memory that are not squares.
func TestReviewNatMulVecEdges(t *testing.T) {
	r := rand.New(rand.NewPCG(307, 308))
	ones := ^uint64(0)
	words := []uint64{1, 2, 1 << 63, ones, ones - 1, 1<<52 - 1, 1 << 52}
	for _, u := range words {
		for _, v := range words {
			checkNatMulVec(t, []uint64{u}, []uint64{v}, fmt.Sprintf("%x×%x", u, v))
			checkNatMulVec(t, []uint64{u, v}, []uint64{v}, fmt.Sprintf("[%x %x]×%x", u, v, v))
			checkNatMulVec(t, []uint64{u, v, u}, []uint64{v, u}, fmt.Sprintf("3×2 %x %x", u, v))
		}
	}
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 25} {
		for kind := range 3 {
			x, y := randNat(r, n, kind), randNat(r, n, kind)
			if kind == 2 {
				x[0], y[0] = x[0]|1, y[0]|1
			}
			checkNatMulVec(t, x, y, fmt.Sprintf("n=%d kind=%d", n, kind))
			checkNatMulVec(t, x, x, fmt.Sprintf("square n=%d kind=%d", n, kind))
			checkNatMulVec(t, x[:n-n/2], x, fmt.Sprintf("prefix of x × x n=%d kind=%d", n, kind))
			checkNatMulVec(t, x, x[:n-n/2], fmt.Sprintf("x × prefix of x n=%d kind=%d", n, kind))
		}
	}
	// Zero high words: the output is much longer than the transform.
	for _, zx := range []int{0, 1, 7, 60, 500} {
		for _, zy := range []int{0, 3, 64, 300} {
			x := append(randNat(r, 1+zx%3, 1), make([]uint64, zx)...)
			y := append(randNat(r, 2, 0), make([]uint64, zy)...)
			checkNatMulVec(t, x, y, fmt.Sprintf("zero high words %d, %d", zx, zy))
			checkNatMulVec(t, y, x, fmt.Sprintf("zero high words %d, %d swapped", zx, zy))
			checkNatMulVec(t, x, x, fmt.Sprintf("square with %d zero high words", zx))
		}
	}
	// More words but fewer limbs in x than in y: lx < ly although len(x) > len(y).
	x := append(randNat(r, 2, 0), make([]uint64, 40)...)
	y := randNat(r, 30, 1)
	checkNatMulVec(t, x, y, "len(x) > len(y) but lx < ly")
	// Operands whose capacity runs on into garbage: only their lengths may be read.
	for _, n := range []int{1, 2, 3, 4, 5, 6, 9, 10, 50} {
		buf := randNat(r, n+8, 1)
		x := randNat(r, 3*n+1, 0)
		checkNatMulVec(t, buf[:n:n+8], x, fmt.Sprintf("capacity past x n=%d", n))
		checkNatMulVec(t, x[:len(x)-1], buf[:n], fmt.Sprintf("capacity past y n=%d", n))
		checkNatMulVec(t, buf[:n], buf[:n], fmt.Sprintf("square with capacity n=%d", n))
	}
	// A middle zero word run and a one-limb operand of exactly 192 bits.
	checkNatMulVec(t, randNat(r, 3, 1), randNat(r, 500, 2), "192-bit × zero words")
}

// TestReviewNatMulVecLimbEdge multiplies all-ones operands at the largest size that keeps
// 192-bit limbs (8191 limbs, where a coefficient reaches 8191·(2^192−1)^2, just below 2^397)
// and one word more (191-bit limbs), squares and products. Skipped with -short.
func TestReviewNatMulVecLimbEdge(t *testing.T) {
	if testing.Short() {
		t.Skip("large operands")
	}
	r := rand.New(rand.NewPCG(309, 310))
	x := randNat(r, 8191*3, 1)
	if b, lx, _ := vecLimbs(natBitLen(x), natBitLen(x)); b != 192 || lx != 8191 {
		t.Fatalf("vecLimbs = %d, %d; want 192-bit limbs, 8191 of them", b, lx)
	}
	checkNatMulVec(t, x, x, "all ones square, 8191 limbs of 192 bits")
	y := randNat(r, 8191*3+1, 1)
	if b, _, _ := vecLimbs(natBitLen(y), natBitLen(y)); b != 191 {
		t.Fatalf("vecLimbs = %d, want 191", b)
	}
	checkNatMulVec(t, y, y, "all ones square, 191-bit limbs")
	checkNatMulVec(t, x, randNat(r, 40, 1), "all ones 8191 limbs × 40 words")
}

// TestReviewNatMulVecConcurrent runs natMulVec from several goroutines at once on the
// two-goroutine path (vecParallelMin = 2) and with pieces (limbs priced at zero), on shapes that
// share transform lengths and so pooled vectors, each checked against math/big; run it with
// -race.
func TestReviewNatMulVecConcurrent(t *testing.T) {
	defer func(m int) { vecParallelMin = m }(vecParallelMin)
	defer func(c float64) { costVecLimb = c }(costVecLimb)
	vecParallelMin = 2
	costVecLimb = 0
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	shared := randNat(rand.New(rand.NewPCG(311, 312)), 3000, 0)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(313, uint64(g)))
			for it := range 6 {
				var x, y []uint64
				switch it % 3 {
				case 0:
					x, y = shared, randNat(r, 1+r.IntN(300), it%2)
				case 1:
					x, y = randNat(r, 100+r.IntN(200), 1), shared[:50+r.IntN(100)]
				default:
					x, y = shared, shared
				}
				got := natMulVec(x, y)
				want := new(big.Int).Mul(natBig(x), natBig(y))
				if len(got) != len(x)+len(y) || natBig(got).Cmp(want) != 0 {
					errs <- fmt.Sprintf("goroutine %d iteration %d: %d×%d words differ", g, it, len(x), len(y))
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if natBig(shared).Cmp(natBig(randNat(rand.New(rand.NewPCG(311, 312)), 3000, 0))) != 0 {
		t.Error("natMulVec wrote to its operand")
	}
}

// TestReviewAddAtRandom compares addAt with math/big on random placements: v entirely below,
// straddling and above the top, gaps between top and off, empty v, and all-ones words whose
// carries run far.
func TestReviewAddAtRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(315, 316))
	for range 3000 {
		lz := 1 + r.IntN(12)
		top := r.IntN(lz + 1)
		z := make([]uint64, lz)
		for i := range top {
			if r.IntN(3) > 0 {
				z[i] = ^uint64(0)
			} else {
				z[i] = r.Uint64()
			}
		}
		off := r.IntN(lz)
		v := make([]uint64, r.IntN(lz-off+1))
		for i := range v {
			if r.IntN(3) > 0 {
				v[i] = ^uint64(0)
			} else {
				v[i] = r.Uint64() >> r.IntN(64)
			}
		}
		want := new(big.Int).Add(natBig(z), new(big.Int).Lsh(natBig(v), uint(64*off)))
		if want.BitLen() > 64*lz {
			continue // the sum must fit
		}
		z0 := append([]uint64(nil), z...)
		nt := addAt(z, v, off, top)
		if natBig(z).Cmp(want) != 0 {
			t.Fatalf("addAt(%x, %x, %d, %d) = %x, want %x", z0, v, off, top, z, want)
		}
		for i := nt; i < lz; i++ {
			if z[i] != 0 {
				t.Fatalf("addAt(%x, %x, %d, %d): top %d but word %d is nonzero", z0, v, off, top, nt, i)
			}
		}
	}
}

// TestReviewVecPlan checks vecPlan's invariants on many shapes, with and without a memory
// budget: the pieces cover each operand exactly (p·m ≥ l > (p−1)·m), cut pieces are
// aligned, every pair of pieces' product fits the transform without wrapping, the vectors fit
// the budget unless the shape is on at most 2^vecMinCutLog points, and the length is at
// least 2.
func TestReviewVecPlan(t *testing.T) {
	r := rand.New(rand.NewPCG(317, 318))
	cutBoth := 0
	for it := range 5000 {
		lx := 1 + r.IntN(1<<(1+it%20))
		ly := 1 + r.IntN(lx)
		sq := it%7 == 0
		if sq {
			ly = lx
		}
		budget := math.MaxInt
		if it%2 == 1 {
			budget = 1 << (10 + r.IntN(18))
		}
		sh := vecPlan(lx, ly, sq, budget)
		msg := fmt.Sprintf("vecPlan(%d, %d, %v, %d) = %+v", lx, ly, sq, budget, sh)
		if sh.px < 1 || sh.py < 1 || sh.mx < 1 || sh.my < 1 || sh.lg < 1 || !(sh.cost > 0) || math.IsInf(sh.cost, 0) {
			t.Fatal(msg)
		}
		if sh.px*sh.mx < lx || (sh.px-1)*sh.mx >= lx || sh.py*sh.my < ly || (sh.py-1)*sh.my >= ly {
			t.Fatalf("%s: the pieces do not cover the operands exactly", msg)
		}
		if (sh.px > 1 && sh.mx%vecPieceAlign != 0) || (sh.py > 1 && sh.my%vecPieceAlign != 0) {
			t.Fatalf("%s: unaligned pieces", msg)
		}
		if 1<<sh.lg < min(sh.mx, lx)+min(sh.my, ly)-1 {
			t.Fatalf("%s: pieces' products wrap", msg)
		}
		if sh.vecBytes(sq) > budget && sh.lg > vecMinCutLog {
			t.Fatalf("%s: vectors of %d bytes exceed the budget", msg, sh.vecBytes(sq))
		}
		if sh.px > 1 && sh.py > 1 {
			cutBoth++
		}
	}
	if cutBoth < 100 {
		t.Errorf("only %d plans cut both operands", cutBoth)
	}
}

// TestReviewKroneckerAdversarial multiplies polynomials whose coefficients are all ±(2^k − 1)
// (every slot of the packed integers full), alternating and random signs, zero runs, negative
// last coefficients, leading/trailing zeros, and squares, by Kronecker substitution on the
// vector product (with and without pieces) and through Mul, against schoolbook.
func TestReviewKroneckerAdversarial(t *testing.T) {
	defer forceVec()()
	r := rand.New(rand.NewPCG(319, 320))
	full := func(n, k int, signs func(i int) int) []*big.Int {
		x := make([]*big.Int, n)
		for i := range x {
			v := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(k)), big.NewInt(1))
			switch signs(i) {
			case -1:
				v.Neg(v)
			case 0:
				v.SetInt64(0)
			}
			x[i] = v
		}
		return x
	}
	patterns := map[string]func(i int) int{
		"all +":       func(int) int { return 1 },
		"all −":       func(int) int { return -1 },
		"alternating": func(i int) int { return 1 - 2*(i&1) },
		"− then 0s":   func(i int) int { return -int(boolInt(i%4 == 0)) },
		"random":      func(int) int { return r.IntN(3) - 1 },
		"last −":      func(i int) int { return 1 - 2*boolInt(i%5 == 4) },
	}
	for _, pieces := range []bool{false, true} {
		if pieces {
			defer func(c float64) { costVecLimb = c }(costVecLimb)
			costVecLimb = 0
		}
		for name, sg := range patterns {
			for _, sh := range []struct{ nx, ny, k int }{
				{1, 1, 1}, {2, 1, 63}, {3, 3, 64}, {5, 4, 65}, {17, 9, 127}, {40, 33, 128},
				{64, 64, 190}, {7, 120, 191}, {30, 30, 192}, {9, 5, 1000}, {200, 150, 64},
			} {
				x, y := full(sh.nx, sh.k, sg), full(sh.ny, sh.k, sg)
				msg := fmt.Sprintf("%s %d×%d k=%d pieces=%v", name, sh.nx, sh.ny, sh.k, pieces)
				equalInts(t, MulUsing(Kronecker, nil, x, y), MulUsing(Schoolbook, nil, x, y), msg)
				equalInts(t, MulUsing(Kronecker, nil, x, x), MulUsing(Schoolbook, nil, x, x), "square "+msg)
				equalInts(t, Mul(nil, y, x), MulUsing(Schoolbook, nil, y, x), "Mul "+msg)
			}
		}
		// Larger shapes whose vector product is cut into pieces when limbs are free.
		for _, sh := range []struct{ nx, ny, bits int }{{600, 40, 500}, {2000, 300, 64}, {50, 1500, 200}} {
			x, y := randPoly(r, sh.nx, sh.bits, true), randPoly(r, sh.ny, sh.bits, true)
			x[len(x)-1].SetInt64(0) // a zero leading coefficient
			equalInts(t, MulUsing(Kronecker, nil, x, y), MulUsing(Schoolbook, nil, x, y),
				fmt.Sprintf("random %d×%d bits=%d pieces=%v", sh.nx, sh.ny, sh.bits, pieces))
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestReviewPackEveryS compares pack with math/big for every slot size 2 ≤ s ≤ 200 and
// coefficient bounds just below s, on sign patterns whose packed sum ends in a borrow (all
// negative, a negative last coefficient over zeros, alternating ±(2^maxBits − 1), −1 last),
// including the length of the result.
func TestReviewPackEveryS(t *testing.T) {
	r := rand.New(rand.NewPCG(321, 322))
	for s := 2; s <= 200; s++ {
		for _, maxBits := range []int{s - 1, max(1, s-2), max(1, s/2)} {
			top := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(maxBits)), big.NewInt(1))
			for n := 1; n <= 5; n++ {
				for pat := range 5 {
					x := make([]*big.Int, n)
					for i := range x {
						c := new(big.Int)
						switch pat {
						case 0: // all −(2^maxBits − 1)
							c.Neg(top)
						case 1: // zeros, a negative last coefficient
							if i == n-1 {
								c.Neg(top)
							}
						case 2: // alternating, starting negative
							c.Set(top)
							if i%2 == 0 {
								c.Neg(c)
							}
						case 3: // +1 after negatives (zero slots), −1 last
							c.SetInt64(int64(1 - 2*(i%2)))
							if i == n-1 {
								c.SetInt64(-1)
							}
						default:
							c.Rand(randSrc(r), top)
							c.Add(c, big.NewInt(1))
							if r.IntN(2) == 0 {
								c.Neg(c)
							}
						}
						x[i] = c
					}
					want := new(big.Int)
					for i := n - 1; i >= 0; i-- {
						want.Lsh(want, uint(s)).Add(want, x[i])
					}
					z, neg := pack(x, s, maxBits)
					got := natBig(z)
					if neg {
						got.Neg(got)
					}
					if got.Cmp(want) != 0 || len(z) != ((n-1)*s+maxBits)/64+1 {
						t.Fatalf("s=%d maxBits=%d pattern %d n=%d: pack = %v (%d words), want %v", s, maxBits, pat, n, got, len(z), want)
					}
				}
			}
		}
	}
}
