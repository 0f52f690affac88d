package exact

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/polyconv/polyconv/internal/vntt"
)

// review4Modes are the Kronecker layouts the tests below run in: word-aligned slots from 64
// bits on with and without kronecker2, the default alignment threshold, and no alignment at all
// (unpack), each under a generous, a tight and the smallest memory budget.
type review4Mode struct {
	align  int
	ks2    bool
	factor float64
}

func review4Modes() []review4Mode {
	var modes []review4Mode
	for _, f := range []float64{1e9, 1.5, 0.02, 0} {
		for _, m := range []struct {
			align int
			ks2   bool
		}{{64, true}, {64, false}, {1024, true}, {1 << 30, false}} {
			modes = append(modes, review4Mode{m.align, m.ks2, f})
		}
	}
	return modes
}

// review4Set applies mode m and returns a func that restores the package variables.
func review4Set(m review4Mode) (restore func()) {
	f, mb, a, k := vecMemFactor, vecMinBudget, alignMinBits, useKS2
	vecMemFactor, vecMinBudget, alignMinBits, useKS2 = m.factor, 0, m.align, m.ks2
	return func() { vecMemFactor, vecMinBudget, alignMinBits, useKS2 = f, mb, a, k }
}

// review4Pow returns ±(2^k − 1).
func review4Pow(k int, neg bool) *big.Int {
	v := new(big.Int).Lsh(big.NewInt(1), uint(k))
	v.Sub(v, big.NewInt(1))
	if neg {
		v.Neg(v)
	}
	return v
}

// review4Const returns n coefficients all equal to c.
func review4Const(n int, c *big.Int) []*big.Int {
	x := make([]*big.Int, n)
	for i := range x {
		x[i] = new(big.Int).Set(c)
	}
	return x
}

// review4Single returns n zero coefficients except c at index i.
func review4Single(n, i int, c *big.Int) []*big.Int {
	x := make([]*big.Int, n)
	for j := range x {
		x[j] = new(big.Int)
	}
	x[i].Set(c)
	return x
}

// review4Alt returns n coefficients ±(2^k − 1) with alternating signs, starting with sign
// first: the evaluation at −2^t then has all terms of one sign (the largest |x(−2^t)|).
func review4Alt(n, k int, first bool) []*big.Int {
	x := make([]*big.Int, n)
	for i := range x {
		x[i] = review4Pow(k, first != (i%2 == 1))
	}
	return x
}

// review4Check multiplies x·y with Kronecker into a fresh result, into a reused dst, into
// dst = x (when the lengths allow) and squares x (when short), all against naiveMul, and checks that the
// operands are not modified.
func review4Check(t *testing.T, x, y []*big.Int, msg string) bool {
	t.Helper()
	xc, yc := copyInts(x), copyInts(y)
	want := naiveMul(x, y)
	ok := equalInts(t, MulUsing(Kronecker, nil, x, y), want, msg+" fresh")
	ok = ok && equalInts(t, MulUsing(Kronecker, nil, y, x), want, msg+" swapped")
	dst := make([]*big.Int, len(want))
	for i := range dst {
		if i%3 != 0 {
			dst[i] = new(big.Int).Lsh(big.NewInt(-3), uint(i%500))
		}
	}
	ok = ok && equalInts(t, MulUsing(Kronecker, dst, x, y), want, msg+" dst")
	ok = ok && equalInts(t, x, xc, msg+" x unchanged") && equalInts(t, y, yc, msg+" y unchanged")
	if len(x) <= 400 { // naiveMul of longer squares is slow
		ok = ok && equalInts(t, MulUsing(Kronecker, nil, x, x), naiveMul(x, x), msg+" square")
	}
	if len(y) == 1 {
		xa := copyInts(x)
		ok = ok && equalInts(t, MulUsing(Kronecker, xa, xa, y), want, msg+" dst==x")
	}
	return ok
}

// TestReview4EdgeShapes runs Kronecker substitution on the vector product in every layout and
// budget on the edge cases: one coefficient, a single nonzero coefficient among zeros (at the
// start, the middle, the end), leading and trailing zeros, negative top coefficients,
// coefficients exactly at ±(2^k − 1) everywhere (products' coefficients at the bound, with
// min(nx, ny) = 2^j − 1 so that boundBits is tight), alternating extremes (the largest value at
// −2^t), very unequal coefficient sizes and very unequal lengths.
func TestReview4EdgeShapes(t *testing.T) {
	defer forceVec()()
	r := rand.New(rand.NewPCG(4001, 4002))
	type tc struct {
		name string
		x, y []*big.Int
	}
	var cases []tc
	add := func(name string, x, y []*big.Int) { cases = append(cases, tc{name, x, y}) }
	for _, k := range []int{1, 63, 64, 65, 511, 1022, 1023, 1024, 2047} {
		add(fmt.Sprintf("1×1 k=%d", k), []*big.Int{review4Pow(k, true)}, []*big.Int{review4Pow(k, false)})
		add(fmt.Sprintf("1×1 neg·neg k=%d", k), []*big.Int{review4Pow(k, true)}, []*big.Int{review4Pow(k, true)})
		for _, n := range []int{3, 7, 15} {
			add(fmt.Sprintf("extreme %d×%d k=%d", n, n+2, k), review4Const(n, review4Pow(k, true)), review4Const(n+2, review4Pow(k, true)))
			add(fmt.Sprintf("alternating %d×%d k=%d", n, n+1, k), review4Alt(n, k, true), review4Alt(n+1, k, false))
			add(fmt.Sprintf("alternating mixed %d×%d k=%d", n, n, k), review4Alt(n, k, false), review4Const(n, review4Pow(k, true)))
		}
	}
	for _, n := range []int{1, 2, 9, 130} {
		for _, i := range []int{0, n / 2, n - 1} {
			for _, k := range []int{1, 64, 1000, 3000} {
				add(fmt.Sprintf("single %d@%d k=%d", n, i, k), review4Single(n, i, review4Pow(k, true)), randSlots(r, 5, k))
				add(fmt.Sprintf("single×single %d@%d k=%d", n, i, k), review4Single(n, i, review4Pow(k, false)), review4Single(n+1, n-i, review4Pow(k, true)))
			}
		}
	}
	// Leading and trailing zeros, negative top.
	for _, k := range []int{5, 64, 700, 1500} {
		x := randPoly(r, 40, k, true)
		for i := range 10 {
			x[i].SetInt64(0)
			x[39-i].SetInt64(0)
		}
		x[29].Neg(review4Pow(k, false))
		y := randPoly(r, 33, k, true)
		y[32].Neg(review4Pow(k, false))
		y[0].SetInt64(0)
		add(fmt.Sprintf("zeros at both ends k=%d", k), x, y)
	}
	// Very unequal coefficient sizes and lengths.
	add("1 bit × 5000 bits", randPoly(r, 50, 1, true), randPoly(r, 40, 5000, true))
	add("3000 bits × 2 bits, 7×300", randSlots(r, 7, 3000), randSlots(r, 300, 2))
	add("1×2000 of 1500 bits", randSlots(r, 1, 1500), randSlots(r, 2000, 1500))
	add("10000×3 of 64 bits", randSlots(r, 10000, 64), randSlots(r, 3, 64))
	add("3×10000 of 17 bits", randSlots(r, 3, 17), randSlots(r, 10000, 17))
	add("5000×2 of 1100 bits", randSlots(r, 5000, 1100), randSlots(r, 2, 1100))
	for _, m := range review4Modes() {
		restore := review4Set(m)
		for _, c := range cases {
			if !review4Check(t, c.x, c.y, fmt.Sprintf("%+v %s", m, c.name)) {
				break
			}
		}
		restore()
		if t.Failed() {
			return
		}
	}
}

// TestReview4VecPlan checks vecPlan's shapes on a grid of operand sizes and budgets: every piece
// pair's product fits the transform (mx+my−1 ≤ 2^lg), no piece is empty or longer than its
// operand, the piece counts cover the operands, pieces other than the last are multiples of
// vecPieceAlign, the transform length is supported, the vectors fit the budget (or the
// transform is at most 2^vecMinCutLog points) and the cost is finite.
func TestReview4VecPlan(t *testing.T) {
	sizes := []int{1, 2, 63, 64, 65, 100, 127, 128, 129, 191, 192, 193, 255, 256, 257, 1000, 4095, 4097, 70000, 1 << 20, 3000001}
	budgets := []int{math.MinInt, 0, 1, 1 << 13, 1 << 14, 1 << 15, 1 << 16, 1 << 20, 1 << 24, 1 << 30, math.MaxInt}
	for _, lx := range sizes {
		for _, ly := range sizes {
			if ly > lx {
				continue
			}
			for _, sq := range []bool{false, true} {
				if sq && lx != ly {
					continue
				}
				for _, budget := range budgets {
					sh := vecPlan(lx, ly, sq, budget)
					msg := fmt.Sprintf("vecPlan(%d, %d, %v, %d) = %+v", lx, ly, sq, budget, sh)
					switch {
					case sh.lg < 1 || sh.lg > vntt.MaxLog:
						t.Fatalf("%s: transform length out of range", msg)
					case sh.mx < 1 || sh.my < 1 || sh.mx > lx || sh.my > ly:
						t.Fatalf("%s: piece sizes out of range", msg)
					case sh.px != (lx+sh.mx-1)/sh.mx || sh.py != (ly+sh.my-1)/sh.my:
						t.Fatalf("%s: piece counts do not cover the operands", msg)
					case sh.mx+sh.my-1 > 1<<sh.lg:
						t.Fatalf("%s: a pair of pieces does not fit the transform", msg)
					case sh.px > 1 && sh.mx%vecPieceAlign != 0, sh.py > 1 && sh.my%vecPieceAlign != 0:
						t.Fatalf("%s: pieces not aligned", msg)
					case sh.cut() && sh.lg < 3:
						t.Fatalf("%s: cut on fewer than eight points", msg)
					case sh.vecBytes(sq) > budget && sh.lg > vecMinCutLog:
						t.Fatalf("%s: %d bytes of vectors exceed the budget", msg, sh.vecBytes(sq))
					case math.IsInf(sh.cost, 0) || math.IsNaN(sh.cost) || sh.cost <= 0:
						t.Fatalf("%s: cost %v", msg, sh.cost)
					}
				}
			}
		}
	}
}

// TestReview4VecMul checks vecMul on words against math/big under budgets from none to the
// smallest, into a fresh result and into a given zero z longer than the product (whose words
// past the product must stay zero), with x shorter than y, squares, zero pieces and all-ones
// operands, and bounds bx, by larger than the operands' bit lengths.
func TestReview4VecMul(t *testing.T) {
	r := rand.New(rand.NewPCG(4003, 4004))
	for it := range 60 {
		nx, ny := 1+r.IntN(1500), 1+r.IntN(1500)
		if it%4 == 0 {
			nx, ny = 3000+r.IntN(500), 1+r.IntN(5)
		}
		x, y := randNat(r, nx, it%3), randNat(r, ny, (it/3)%3)
		if it%5 == 0 {
			clear(x[len(x)/4 : len(x)/2])
		}
		sq := it%7 == 0
		if sq {
			y = x
		}
		bx, by := natBitLen(x), natBitLen(y)
		if bx == 0 || by == 0 {
			continue
		}
		if it%3 == 0 && !sq {
			bx += r.IntN(300) // a loose bound
			by += r.IntN(300)
		}
		want := new(big.Int).Mul(natBig(x), natBig(y))
		for _, budget := range []int{math.MaxInt, 1 << 20, 1 << 16, 0} {
			lz := (bx+by+63)/64 + r.IntN(4)
			msg := fmt.Sprintf("it=%d %d×%d words sq=%v budget=%d lz=%d", it, nx, ny, sq, budget, lz)
			got := vecMul(nil, lz, wordsSrc(x), wordsSrc(y), bx, by, sq, budget)
			if len(got) != lz || natBig(got).Cmp(want) != 0 {
				t.Fatalf("%s: fresh result differs from math/big", msg)
			}
			z := make([]uint64, lz+3)
			got = vecMul(z[:lz], lz, wordsSrc(x), wordsSrc(y), bx, by, sq, budget)
			if &got[0] != &z[0] || natBig(z).Cmp(want) != 0 {
				t.Fatalf("%s: result in z differs from math/big (or wrote past lz)", msg)
			}
		}
	}
}

// TestReview4Halves checks halves against math/big on signed operands in two's complement whose
// sum and difference are even, including negative sums and differences, values at the edge of
// the word range, and one-word operands.
func TestReview4Halves(t *testing.T) {
	r := rand.New(rand.NewPCG(4005, 4006))
	for it := range 3000 {
		w := 1 + r.IntN(6)
		lim := new(big.Int).Lsh(big.NewInt(1), uint(64*w-2)) // |A|, |B| < 2^(64w−2)
		pick := func() *big.Int {
			v := new(big.Int)
			switch r.IntN(5) {
			case 0:
				v.Sub(lim, big.NewInt(1+int64(r.IntN(2))))
			case 1:
				v.SetInt64(int64(r.IntN(3)))
			default:
				v.Rand(randSrc(r), lim)
			}
			if r.IntN(2) == 0 {
				v.Neg(v)
			}
			return v
		}
		A, B := pick(), pick()
		if A.Bit(0) != B.Bit(0) {
			if B.Sign() >= 0 {
				B.Sub(B, big.NewInt(1))
			} else {
				B.Add(B, big.NewInt(1))
			}
		}
		mod := new(big.Int).Lsh(big.NewInt(1), uint(64*w))
		tc := func(v *big.Int) []big.Word {
			m := new(big.Int).Mod(v, mod)
			out := make([]big.Word, w)
			copy(out, m.Bits())
			return out
		}
		a, b := tc(A), tc(B)
		halves(a, b)
		sum := new(big.Int).Add(A, B)
		dif := new(big.Int).Sub(A, B)
		sum.Rsh(sum, 1)
		dif.Rsh(dif, 1)
		if ws, wd := tc(sum), tc(dif); fmt.Sprint(ws) != fmt.Sprint(a) || fmt.Sprint(wd) != fmt.Sprint(b) {
			t.Fatalf("it=%d w=%d A=%v B=%v: halves = %x, %x; want %x, %x", it, w, A, B, a, b, ws, wd)
		}
	}
}

// TestReview4SlotSrcAlt checks slotSrc at −2^s (alt) and at 2^s against math/big: its packed
// bits, read whole, are |x(±2^s)|, flip is the sign of x(±2^s), and the value is below
// 2^((n−1)·s + maxBits), the bound kronecker2 passes to vecMul.
func TestReview4SlotSrcAlt(t *testing.T) {
	r := rand.New(rand.NewPCG(4007, 4008))
	for it := range 600 {
		n := 1 + r.IntN(40)
		kb := 1 + r.IntN(300)
		var x []*big.Int
		switch it % 4 {
		case 0:
			x = review4Alt(n, kb, it%8 == 0)
		case 1:
			x = review4Const(n, review4Pow(kb, it%8 == 1))
		default:
			x = randSlots(r, n, kb)
		}
		mb := maxBitLen(x)
		if mb == 0 {
			continue
		}
		s := mb + 1 + r.IntN(3)*64
		if it%2 == 0 {
			s = (s + 63) / 64 * 64
			if s <= mb {
				s += 64
			}
		}
		for _, alt := range []bool{false, true} {
			src := newSlotSrc(x, s, alt)
			want := evalAt(x, s, alt)
			bound := (n-1)*s + mb
			out := make([]uint64, (n*s+63)/64+2)
			tmp := make([]big.Word, (s+63)/64)
			src.packBits(out, 0, tmp)
			got := natBig(out)
			if src.flip {
				got.Neg(got)
			}
			msg := fmt.Sprintf("it=%d n=%d s=%d maxBits=%d alt=%v", it, n, s, mb, alt)
			if got.Cmp(want) != 0 {
				t.Fatalf("%s: packed %v, want %v", msg, got, want)
			}
			if want.Sign() != 0 && want.CmpAbs(new(big.Int).Lsh(big.NewInt(1), uint(bound))) >= 0 {
				t.Fatalf("%s: |x(±2^s)| has %d bits, above the bound %d", msg, want.BitLen(), bound)
			}
		}
	}
}

// TestReview4UnpackAlignedGarbage checks that unpackAligned ignores what lies past the slots it
// reads: garbage words after the last slot read (and after fewer slots than the buffer holds)
// do not change the coefficients.
func TestReview4UnpackAlignedGarbage(t *testing.T) {
	r := rand.New(rand.NewPCG(4009, 4010))
	for it := range 2000 {
		sw := 1 + r.IntN(3)
		n := 1 + r.IntN(10)
		c, sum := randSlotInts(r, n, sw)
		words := n * sw
		sum.Mod(sum, new(big.Int).Lsh(big.NewInt(1), uint(64*words)))
		extra := 1 + r.IntN(3*sw)
		p := make([]big.Word, words+extra)
		copy(p, sum.Bits())
		for j := words; j < len(p); j++ {
			p[j] = big.Word(r.Uint64())
		}
		got := newInts(n)
		unpackAligned(got, 0, 1, p, sw)
		for j := range c {
			if got[j].Cmp(c[j]) != 0 {
				t.Fatalf("it=%d sw=%d n=%d extra=%d: coefficient %d = %v, want %v", it, sw, n, extra, j, got[j], c[j])
			}
		}
	}
}

// TestReview4ResultIndependent checks that the coefficients of a result carried in place
// (unpackAligned, kronecker2's shared block) are independent: growing one coefficient as far
// as its storage's capacity, or beyond, and setting it to other values leaves every other
// coefficient unchanged.
func TestReview4ResultIndependent(t *testing.T) {
	defer forceVec()()
	r := rand.New(rand.NewPCG(4011, 4012))
	for _, m := range []review4Mode{{64, true, 1.5}, {64, false, 1.5}, {1024, true, 0}} {
		restore := review4Set(m)
		for _, sh := range []struct{ nx, ny, bits int }{{9, 7, 1100}, {30, 30, 64}, {1, 5, 2000}, {64, 3, 700}} {
			x, y := randSlots(r, sh.nx, sh.bits), randSlots(r, sh.ny, sh.bits)
			got := MulUsing(Kronecker, nil, x, y)
			want := naiveMul(x, y)
			if !equalInts(t, got, want, fmt.Sprintf("%+v %+v", m, sh)) {
				restore()
				return
			}
			if !independentInts(t, got, want, fmt.Sprintf("%+v %+v", m, sh)) {
				restore()
				return
			}
		}
		restore()
	}
}

// independentInts checks that the coefficients of got (equal to want, which it changes) are
// independent: it grows each in turn as far as its storage's capacity, and beyond, sets it to
// its index and compares all of got with want again.
func independentInts(t *testing.T, got, want []*big.Int, msg string) bool {
	t.Helper()
	for i, c := range got {
		capBits := 64 * cap(c.Bits())
		// Fill the coefficient's storage with ones (Set reuses storage that is large
		// enough), then grow it past it.
		ones := new(big.Int).Lsh(big.NewInt(1), uint(max(capBits, 1)))
		c.Set(ones.Sub(ones, big.NewInt(1)))
		c.Neg(c)
		c.Lsh(c, 1)
		c.SetInt64(int64(i))
		want[i].SetInt64(int64(i))
		if !equalInts(t, got, want, fmt.Sprintf("%s after writing coefficient %d", msg, i)) {
			return false
		}
	}
	return true
}

// TestReview4Concurrent runs Kronecker substitution on the vector product from several
// goroutines at once, in every path (kronecker2, aligned and unaligned single evaluation,
// cut and uncut, the two-goroutine fill), against naiveMul; run it with -race.
func TestReview4Concurrent(t *testing.T) {
	defer forceVec()()
	defer func(m int) { vecParallelMin = m }(vecParallelMin)
	vecParallelMin = 2
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, m := range []review4Mode{{64, true, 1.5}, {64, false, 0.02}, {1 << 30, false, 1e9}} {
		restore := review4Set(m)
		shared := randSlots(rand.New(rand.NewPCG(4013, 4014)), 200, 1200)
		var wg sync.WaitGroup
		errs := make(chan string, 64)
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(4015, uint64(g)))
				for it := range 3 {
					var x, y []*big.Int
					switch it {
					case 0:
						x, y = shared, randSlots(r, 1+r.IntN(100), 1+r.IntN(1500))
					case 1:
						x, y = shared, shared
					default:
						x, y = randSlots(r, 50+r.IntN(50), 64), shared[:1+r.IntN(100)]
					}
					got := MulUsing(Kronecker, nil, x, y)
					want := naiveMul(x, y)
					for i := range want {
						if got[i].Cmp(want[i]) != 0 {
							errs <- fmt.Sprintf("%+v goroutine %d iteration %d: coefficient %d differs", m, g, it, i)
							break
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		restore()
	}
}

// TestReview4Auto runs Mul (Auto) with the default layout on shapes where Kronecker
// substitution on the vector product, kronecker2 and cut operands are the likely choice, and
// Sqr, against naiveMul.
func TestReview4Auto(t *testing.T) {
	r := rand.New(rand.NewPCG(4017, 4018))
	for _, sh := range []struct{ nx, ny, bits int }{
		{100, 100, 1024}, {40, 40, 4000}, {300, 5, 2000}, {5, 300, 1500}, {2000, 2000, 64},
	} {
		x, y := randSlots(r, sh.nx, sh.bits), randSlots(r, sh.ny, sh.bits)
		msg := fmt.Sprintf("%+v", sh)
		equalInts(t, Mul(nil, x, y), naiveMul(x, y), "Mul "+msg)
		equalInts(t, Sqr(nil, x), naiveMul(x, x), "Sqr "+msg)
	}
}

// TestReview4TightSlots runs Kronecker substitution with word-aligned slots where the bounds are
// tight: min(nx, ny) = 2^j − 1 and coefficient sizes chosen so that s = boundBits + 1 is a
// multiple of 128 or 64 (kronecker2's 2t then equals s, or exceeds it by a word), every
// coefficient at ±(2^k − 1) with one sign or alternating signs (the largest |h_k| at 2^t and at
// −2^t), under budgets from none to the smallest, against naiveMul.
func TestReview4TightSlots(t *testing.T) {
	defer forceVec()()
	r := rand.New(rand.NewPCG(4019, 4020))
	ks2, exact2t := 0, 0 // cases on kronecker2, and those with 2t = s
	defer func() {
		if !t.Failed() && (ks2 < 20 || exact2t < 5) {
			t.Errorf("only %d cases on kronecker2, %d of them with 2t = s", ks2, exact2t)
		}
	}()
	for it := range 120 {
		j := 1 + r.IntN(5)
		nmin := 1<<j - 1
		unit := 128
		if it%3 == 0 {
			unit = 64
		}
		s := unit * (1 + r.IntN(10))
		for s-1-j < 2 {
			s += unit
		}
		// xb + yb = s − 1 − j, split unevenly at random.
		sum := s - 1 - j
		xb := 1 + r.IntN(sum-1)
		if it%2 == 0 {
			xb = sum / 2
		}
		yb := sum - xb
		nx, ny := nmin, nmin+r.IntN(20)
		if it%4 == 1 {
			nx, ny = ny, nx
		}
		var x, y []*big.Int
		switch it % 3 {
		case 0:
			x, y = review4Const(nx, review4Pow(xb, true)), review4Const(ny, review4Pow(yb, it%2 == 0))
		case 1:
			x, y = review4Alt(nx, xb, true), review4Alt(ny, yb, it%2 == 0)
		default:
			x, y = randSlots(r, nx, xb), randSlots(r, ny, yb)
			x[0], y[len(y)-1] = review4Pow(xb, true), review4Pow(yb, false)
		}
		want := naiveMul(x, y)
		func() {
			defer review4Set(review4Mode{64, true, 1.5})()
			bx, by := maxBitLen(x), maxBitLen(y)
			if t2, ok := halfSlots(nx, ny, bx, by); ok {
				ks2++
				if 2*t2 == boundBits(nx, ny, bx, by)+1 {
					exact2t++
				}
			}
		}()
		for _, m := range []review4Mode{{64, true, 1e9}, {64, true, 0}, {64, false, 0.02}, {1 << 30, false, 1.5}} {
			restore := review4Set(m)
			msg := fmt.Sprintf("it=%d %+v %d×%d xb=%d yb=%d s=%d", it, m, nx, ny, xb, yb, s)
			ok := equalInts(t, MulUsing(Kronecker, nil, x, y), want, msg)
			ok = ok && equalInts(t, MulUsing(Kronecker, nil, x, x), naiveMul(x, x), "square "+msg)
			restore()
			if !ok {
				return
			}
		}
	}
}

// TestReview4Random multiplies random polynomials (nil entries, zero runs, extreme and negative
// top coefficients, unequal sizes and lengths) in random layouts and budgets, into a fresh
// result and into a dst whose entries are y's own big.Ints, against naiveMul.
func TestReview4Random(t *testing.T) {
	defer forceVec()()
	r := rand.New(rand.NewPCG(4021, 4022))
	modes := review4Modes()
	for it := range 300 {
		m := modes[r.IntN(len(modes))]
		if r.IntN(3) == 0 {
			m.factor = r.Float64() * 0.5
		}
		restore := review4Set(m)
		nx, ny := 1+r.IntN(80), 1+r.IntN(80)
		if it%10 == 0 {
			nx = 500 + r.IntN(1500)
		}
		kx, ky := 1+r.IntN(2500), 1+r.IntN(2500)
		if it%3 == 0 {
			ky = kx
		}
		x, y := randSlots(r, nx, kx), randSlots(r, ny, ky)
		if it%4 == 0 {
			x[r.IntN(nx)] = nil
		}
		want := naiveMul(x, y)
		msg := fmt.Sprintf("it=%d %+v %d×%d bits %d, %d", it, m, nx, ny, kx, ky)
		ok := equalInts(t, MulUsing(Kronecker, nil, x, y), want, msg)
		if ok && ny >= nx {
			// dst entries shared with y: every coefficient is read before dst is written.
			yc := copyInts(y)
			dst := make([]*big.Int, nx+ny-1)
			copy(dst, yc)
			ok = equalInts(t, MulUsing(Kronecker, dst, x, yc), want, "dst shares y's entries "+msg)
		}
		restore()
		if !ok {
			return
		}
	}
}
