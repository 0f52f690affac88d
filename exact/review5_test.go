package exact

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/polyconv/polyconv/internal/pool"
	"github.com/polyconv/polyconv/internal/vntt"
)

// Review of the commits from 624fa92: Kronecker substitution on scalarMul (pieces, pooled
// scratch, kronecker2 and in-place results without IFMA), natMulInto, slotSrc.bits and
// wordsSrc.bits, vecMulWhole into a given z with a pooled vector, schoolbookWord's branch-free
// signed accumulation, and karaTerms.

// review5Poison fills pooled slices of the given lengths with garbage and hands them back, so
// that the next Gets of about those sizes return dirty memory. It lowers pool.MinLen so that
// small scratch is pooled too; the returned function restores it.
func review5Poison(p *pool.Slices[uint64], lens ...int) {
	var got []*[]uint64
	for _, n := range lens {
		for range 2 {
			b := p.Get(n)
			s := (*b)[:cap(*b)]
			for i := range s {
				s[i] = 0xdeadbeefcafef00d ^ uint64(i)*0x9e3779b97f4a7c15
			}
			got = append(got, b)
		}
	}
	for _, b := range got {
		p.Put(b)
	}
}

func review5SmallPools() (restore func()) {
	m := pool.MinLen
	pool.MinLen = 16
	return func() { pool.MinLen = m }
}

// review5Restore saves the package variables the tests below change and returns a function
// that restores them.
func review5Restore() func() {
	u, w, f, b, a, k, kt := useVec, vecMinWords, vecMemFactor, vecMinBudget, alignMinBits, useKS2, karatsubaThreshold
	return func() {
		useVec, vecMinWords, vecMemFactor, vecMinBudget, alignMinBits, useKS2, karatsubaThreshold = u, w, f, b, a, k, kt
	}
}

// TestReview5ScalarKronecker runs Kronecker substitution on scalarMul (useVec off) with the
// smallest budgets (pieces of 64 words) and a moderate one, at one and two points, aligned and
// unaligned slots, with signed coefficients, very unequal lengths and coefficient sizes,
// squares, a reused dst with old values and a dst sharing its entries with x, on dirty pooled
// scratch, against the quadratic reference.
func TestReview5ScalarKronecker(t *testing.T) {
	defer review5Restore()()
	defer review5SmallPools()()
	useVec = false
	r := rand.New(rand.NewPCG(5001, 5002))
	shapes := []struct{ nx, ny, bx, by int }{
		{1, 1, 3000, 3000}, {1, 1, 1, 1}, {1, 400, 700, 5}, {400, 1, 5, 700}, {40, 30, 1100, 1100},
		{257, 3, 2000, 64}, {3, 257, 64, 2000}, {50, 50, 130, 130}, {33, 33, 1024, 1024},
		{5, 200, 3000, 1}, {2, 2, 6000, 6000}, {129, 65, 63, 64}, {300, 2, 1, 1},
	}
	for _, budget := range []int{0, 1 << 16} {
		vecMemFactor, vecMinBudget = 0, budget
		for _, mode := range []struct {
			align int
			ks2   bool
		}{{64, true}, {64, false}, {1 << 30, false}, {1024, true}} {
			alignMinBits, useKS2 = mode.align, mode.ks2
			for _, sh := range shapes {
				review5Poison(&wordPool, 200, 400, 1000, 3000, 8000)
				x := randPoly(r, sh.nx, sh.bx, true)
				y := randPoly(r, sh.ny, sh.by, true)
				if r.IntN(2) == 0 {
					x[sh.nx-1].Neg(new(big.Int).Lsh(big.NewInt(1), uint(sh.bx)-1))
				}
				x[0].SetInt64(-1)
				msg := fmt.Sprintf("budget %d mode %v shape %v", budget, mode, sh)
				want := naiveMul(x, y)
				equalInts(t, MulUsing(Kronecker, nil, x, y), want, msg)
				// Squares of long operands in 64-word pieces take thousands of products: only
				// under the larger budget.
				sqOK := sh.nx*sh.bx <= 40000 || budget >= 1<<16
				if sqOK {
					equalInts(t, MulUsing(Kronecker, nil, x, x), naiveMul(x, x), "square "+msg)
				}

				// A reused dst with old values of all sizes and signs.
				dst := randPoly(r, sh.nx+sh.ny-1, 3000, true)
				equalInts(t, MulUsing(Kronecker, dst, x, y), want, "dst reused "+msg)

				// dst sharing its entries with x (and being the square's operand).
				if sqOK {
					xc := copyInts(x)
					d := make([]*big.Int, 2*sh.nx-1)
					copy(d, xc)
					equalInts(t, MulUsing(Kronecker, d, xc, xc), naiveMul(x, x), "dst over x, square "+msg)
				}
				xc := copyInts(x)
				d := make([]*big.Int, sh.nx+sh.ny-1)
				copy(d, xc)
				equalInts(t, MulUsing(Kronecker, d, xc, y), want, "dst over x "+msg)
			}
		}
	}
}

// TestReview5ScalarMulDirect checks scalarMul on words against math/big with dirty pooled
// scratch, every piece size from the smallest, last pieces of one word, squares cut and uncut,
// and z exactly as long as the product (so that the pieces' products are truncated at z's end)
// or longer, fresh and given.
func TestReview5ScalarMulDirect(t *testing.T) {
	defer review5SmallPools()()
	r := rand.New(rand.NewPCG(5003, 5004))
	for _, c := range []struct{ nx, ny int }{
		{1, 1}, {64, 64}, {65, 65}, {129, 1}, {1, 129}, {200, 65}, {193, 130}, {640, 3}, {300, 300},
		{128, 64}, {65, 64}, {257, 256},
	} {
		for _, kind := range []int{0, 1, 2, 3} {
			x, y := randNat(r, c.nx, kind%3), randNat(r, c.ny, kind%3)
			if kind == 3 {
				// Small top words: the product is a word shorter than len(x)+len(y).
				x[len(x)-1], y[len(y)-1] = 1, 1
			}
			// Pieces of 64, 100 and 128 words (scalarPiece), the whole product, no bound.
			for _, budget := range []int{0, 100 * 2 * scalarBytesPerWord() / scalarBudgetFactor, 128 * 2 * scalarBytesPerWord() / scalarBudgetFactor, 1 << 16, math.MaxInt} {
				review5Poison(&wordPool, c.nx, c.ny, 64, 128, 3*(c.nx+c.ny)+1, 3*128+1, 3*256+1)
				bx, by := natBitLen(x), natBitLen(y)
				want := new(big.Int).Mul(natBig(x), natBig(y))
				lz := max((want.BitLen()+63)/64, 1)
				for _, extra := range []int{0, 3} {
					got := scalarMul(nil, lz+extra, wordsSrc(x), wordsSrc(y), bx, by, false, budget)
					if len(got) != lz+extra || natBig(got).Cmp(want) != 0 {
						t.Errorf("%v kind %d budget %d lz+%d: scalarMul differs from math/big", c, kind, budget, extra)
					}
					z := make([]uint64, lz+extra)
					got = scalarMul(z, lz+extra, wordsSrc(y), wordsSrc(x), by, bx, false, budget)
					if &got[0] != &z[0] || natBig(got).Cmp(want) != 0 {
						t.Errorf("%v kind %d budget %d lz+%d: scalarMul into z differs from math/big", c, kind, budget, extra)
					}
				}
				sqWant := new(big.Int).Mul(natBig(x), natBig(x))
				lsq := max((sqWant.BitLen()+63)/64, 1)
				got := scalarMul(nil, lsq, wordsSrc(x), wordsSrc(x), bx, bx, true, budget)
				if natBig(got).Cmp(sqWant) != 0 {
					t.Errorf("%v kind %d budget %d: scalarMul square differs from math/big", c, kind, budget)
				}
			}
		}
	}
}

// TestReview5ScalarPiece checks scalarPiece's contract: uncut when the whole product's scratch
// fits the scaled budget, otherwise pieces of at least 64 words whose product fits it (when
// 64 words are not already too many), and no overflow for huge budgets.
func TestReview5ScalarPiece(t *testing.T) {
	for _, c := range []struct{ wx, wy, budget int }{
		{100, 100, 0}, {100, 1, 0}, {10, 10, 0}, {1 << 20, 1 << 20, 1 << 16}, {5000, 4000, 1 << 20},
		{1 << 30, 1 << 30, math.MaxInt}, {1 << 30, 1 << 30, math.MaxInt/scalarBudgetFactor - 1},
		{3000, 2, 1 << 16}, {3000, 2999, 1 << 16},
	} {
		m := scalarPiece(c.wx, c.wy, c.budget)
		b := c.budget
		if b < math.MaxInt/scalarBudgetFactor {
			b *= scalarBudgetFactor
		}
		switch {
		case scalarBytesPerWord()*(c.wx+c.wy) <= b:
			if m != c.wx {
				t.Errorf("%v: piece %d, want the whole %d", c, m, c.wx)
			}
		case m < 64:
			t.Errorf("%v: piece %d below 64 words", c, m)
		case m > 64 && scalarBytesPerWord()*2*m > b:
			t.Errorf("%v: pieces of %d words exceed %d bytes", c, m, b)
		}
	}
}

// TestReview5NatMulInto checks natMulInto on scratch full of garbage and longer than needed, a
// square given as one slice, and operands overlapping in one array, against math/big; and that
// the result lies in the scratch.
func TestReview5NatMulInto(t *testing.T) {
	r := rand.New(rand.NewPCG(5005, 5006))
	for _, c := range []struct{ nx, ny, kind int }{
		{1, 1, 1}, {1, 50, 0}, {33, 31, 1}, {64, 64, 0}, {100, 3, 2}, {700, 700, 1}, {1000, 17, 0}, {2048, 2048, 1},
	} {
		x, y := randNat(r, c.nx, c.kind), randNat(r, c.ny, c.kind)
		need := 3*(c.nx+c.ny-1) + 1
		for _, extra := range []int{0, 7} {
			all := make([]uint64, need+extra)
			for i := range all {
				all[i] = r.Uint64()
			}
			z := natMulInto(all, x, y)
			if len(z) != c.nx+c.ny || &z[len(z)-1] != &all[need-1] {
				t.Errorf("%v: the product is not the scratch's words %d…%d", c, need-len(z), need-1)
			}
			if natBig(z).Cmp(new(big.Int).Mul(natBig(x), natBig(y))) != 0 {
				t.Errorf("%v extra %d: natMulInto differs from math/big", c, extra)
			}
			all = make([]uint64, 3*(2*c.nx-1)+1+extra)
			for i := range all {
				all[i] = r.Uint64()
			}
			z = natMulInto(all, x, x)
			if natBig(z).Cmp(new(big.Int).Mul(natBig(x), natBig(x))) != 0 {
				t.Errorf("%v extra %d: natMulInto square differs from math/big", c, extra)
			}
		}
		// Overlapping operands in one array (read only).
		if c.nx > 2 {
			a, b := x[:c.nx-1], x[1:]
			z := natMulInto(make([]uint64, 3*(len(a)+len(b)-1)+1), a, b)
			if natBig(z).Cmp(new(big.Int).Mul(natBig(a), natBig(b))) != 0 {
				t.Errorf("%v: natMulInto of overlapping operands differs from math/big", c)
			}
		}
	}
}

// TestReview5SlotSrcBits checks slotSrc.bits (scalarMul's packing) and wordsSrc.bits against
// big.Int arithmetic: the bits of |x(±2^s)| from any bit on, for unaligned and aligned slots,
// out of any length, past the end, into garbage.
func TestReview5SlotSrcBits(t *testing.T) {
	r := rand.New(rand.NewPCG(5007, 5008))
	for it := range 400 {
		n := 1 + r.IntN(40)
		s := 2 + r.IntN(300)
		if it%3 == 0 {
			s = 64 * (1 + r.IntN(4))
		}
		x := randPoly(r, n, s-1, true)
		if it%5 == 0 {
			x[n-1].Neg(new(big.Int).Lsh(big.NewInt(1), uint(s-2)))
		}
		alt := it%2 == 1
		v := evalAt(x, s, alt)
		src := newSlotSrc(x, s, alt)
		if (v.Sign() < 0) != src.flip && v.Sign() != 0 {
			t.Fatalf("it %d: flip %v for a value of sign %d", it, src.flip, v.Sign())
		}
		mag := new(big.Int).Abs(v)
		total := n*s + 128
		for range 8 {
			bit0 := r.IntN(total)
			if r.IntN(3) == 0 {
				bit0 = 64 * r.IntN(total/64+1)
			}
			out := make([]uint64, 1+r.IntN(total/64+2))
			for i := range out {
				out[i] = r.Uint64()
			}
			src.bits(out, bit0)
			want := new(big.Int).Rsh(mag, uint(bit0))
			mask := new(big.Int).Lsh(big.NewInt(1), uint(64*len(out)))
			want.Mod(want, mask)
			if natBig(out).Cmp(want) != 0 {
				t.Fatalf("it %d (n %d s %d alt %v): slotSrc.bits(%d words, bit %d) = %x, want %x",
					it, n, s, alt, len(out), bit0, out, want.Bits())
			}
			// wordsSrc.bits on the magnitude's words.
			w := make([]uint64, len(mag.Bits()))
			for i, b := range mag.Bits() {
				w[i] = uint64(b)
			}
			for i := range out {
				out[i] = r.Uint64()
			}
			wordsSrc(w).bits(out, bit0)
			if natBig(out).Cmp(want) != 0 {
				t.Fatalf("it %d: wordsSrc.bits(%d words, bit %d) differs", it, len(out), bit0)
			}
		}
	}
}

// TestReview5SchoolbookWord checks schoolbook on word coefficients (the branch-free 192-bit
// signed accumulation) with extreme values (±(2^64−1), ±2^63, ±1, 0) on up to 600 terms per
// coefficient, so that sums pass 2^128 and change sign several times, sums that cancel to
// exactly zero and to ±1, squares, and unsigned operands, against the quadratic reference.
func TestReview5SchoolbookWord(t *testing.T) {
	r := rand.New(rand.NewPCG(5009, 5010))
	max64 := new(big.Int).SetUint64(math.MaxUint64)
	vals := []*big.Int{
		max64, new(big.Int).Neg(max64), new(big.Int).Lsh(big.NewInt(1), 63), new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 63)),
		big.NewInt(1), big.NewInt(-1), big.NewInt(0), new(big.Int).SetUint64(math.MaxUint64 - 1),
	}
	mk := func(n int, f func(i int) *big.Int) []*big.Int {
		x := make([]*big.Int, n)
		for i := range x {
			x[i] = new(big.Int).Set(f(i))
		}
		return x
	}
	neg := func(v *big.Int) *big.Int { return new(big.Int).Neg(v) }
	type pair struct {
		name string
		x, y []*big.Int
	}
	n := 600
	cases := []pair{
		{"all max", mk(n, func(int) *big.Int { return max64 }), mk(n, func(int) *big.Int { return max64 })},
		{"max × −max", mk(n, func(int) *big.Int { return max64 }), mk(n, func(int) *big.Int { return neg(max64) })},
		{"−max × −max", mk(n, func(int) *big.Int { return neg(max64) }), mk(n, func(int) *big.Int { return neg(max64) })},
		// Negative products first, then positive ones: the accumulator goes far below zero and
		// comes back (to zero for the middle coefficient).
		{"halves", mk(n, func(int) *big.Int { return max64 }), mk(n, func(i int) *big.Int {
			if i < n/2 {
				return neg(max64)
			}
			return max64
		})},
		{"alternating", mk(n, func(i int) *big.Int {
			if i%2 == 1 {
				return neg(max64)
			}
			return max64
		}), mk(n, func(int) *big.Int { return max64 })},
		{"alternating both", mk(n, func(i int) *big.Int {
			if i%2 == 1 {
				return neg(max64)
			}
			return max64
		}), mk(n, func(i int) *big.Int {
			if i%3 == 1 {
				return neg(max64)
			}
			return max64
		})},
		{"extremes", mk(n, func(int) *big.Int { return vals[r.IntN(len(vals))] }), mk(n, func(int) *big.Int { return vals[r.IntN(len(vals))] })},
		{"unequal", mk(3, func(int) *big.Int { return vals[r.IntN(len(vals))] }), mk(1000, func(int) *big.Int { return vals[r.IntN(len(vals))] })},
		{"one", mk(1, func(int) *big.Int { return neg(max64) }), mk(700, func(int) *big.Int { return vals[r.IntN(len(vals))] })},
		{"unsigned", mk(500, func(int) *big.Int { return vals[[]int{0, 2, 4, 6, 7}[r.IntN(5)]] }), mk(500, func(int) *big.Int { return max64 })},
		{"random signed", randPoly(r, 500, 64, true), randPoly(r, 500, 64, true)},
	}
	for _, c := range cases {
		want := naiveMul(c.x, c.y)
		equalInts(t, MulUsing(Schoolbook, nil, c.x, c.y), want, c.name)
		equalInts(t, MulUsing(Schoolbook, nil, c.y, c.x), want, c.name+" swapped")
		equalInts(t, MulUsing(Schoolbook, nil, c.x, c.x), naiveMul(c.x, c.x), c.name+" square")
		dst := randPoly(r, len(c.x)+len(c.y)-1, 200, true)
		equalInts(t, MulUsing(Schoolbook, dst, c.x, c.y), want, c.name+" dst")
	}
	// Sums that cancel to exactly zero, ±1 and ±2^128 across the accumulator's words.
	two128 := new(big.Int).Lsh(big.NewInt(1), 128)
	for _, target := range []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(-1), two128, neg(two128),
		new(big.Int).Sub(two128, big.NewInt(1)), new(big.Int).Lsh(big.NewInt(1), 127)} {
		// x = (a, b), y = (c, d): the middle coefficient a·d + b·c is the target.
		for range 20 {
			a := vals[r.IntN(len(vals))]
			d := vals[r.IntN(len(vals))]
			ad := new(big.Int).Mul(a, d)
			rest := new(big.Int).Sub(target, ad) // b·c = rest, with one of them 1 or −1 if it fits
			var b, c *big.Int
			switch {
			case rest.Sign() == 0:
				b, c = big.NewInt(0), vals[r.IntN(len(vals))]
			case new(big.Int).Abs(rest).BitLen() <= 64:
				b, c = big.NewInt(1), rest
			default:
				// rest = q·(2^64−1) + m: not a product of words in general; use three terms.
				continue
			}
			x := []*big.Int{new(big.Int).Set(a), b}
			y := []*big.Int{c, new(big.Int).Set(d)}
			got := MulUsing(Schoolbook, nil, x, y)
			equalInts(t, got, naiveMul(x, y), fmt.Sprintf("target %v", target))
		}
	}
}

// review5KaraCount counts the coefficient products of karaAdd(x, y) by walking its recursion
// on operand lengths as karaAdd and karatsuba do, without memoization: the quadratic block is
// len(x)·len(y) products; above the threshold, unbalanced operands are cut into blocks of the
// shorter length, and balanced ones make the three products karatsuba(x0, y0), karatsuba(x1,
// y1) and karatsuba(addPad(x0, x1), addPad(y0, y1)).
func review5KaraCount(lx, ly, thr int) int64 {
	if lx < ly {
		lx, ly = ly, lx
	}
	if ly < max(thr, 2) {
		return int64(lx) * int64(ly)
	}
	m := (lx + 1) / 2
	if ly <= m {
		var c int64
		for off := 0; off < lx; off += ly {
			c += review5KaraCount(min(off+ly, lx)-off, ly, thr)
		}
		return c
	}
	lx0, lx1, ly0, ly1 := m, lx-m, m, ly-m
	padX, padY := max(lx0, lx1), max(ly0, ly1) // addPad's length is its first operand's
	return review5KaraCount(lx0, ly0, thr) + review5KaraCount(lx1, ly1, thr) + review5KaraCount(padX, padY, thr)
}

// TestReview5KaraTerms compares karaTerms with review5KaraCount on every shape up to 130×130
// for several thresholds and on large and very unequal shapes, and checks that karatsuba is
// exact for small thresholds on unbalanced shapes (the recursion the count follows).
func TestReview5KaraTerms(t *testing.T) {
	defer review5Restore()()
	for _, thr := range []int{0, 1, 2, 3, 5, 16, 17} {
		karatsubaThreshold = thr
		lim := 130
		if thr < 5 {
			lim = 70
		}
		for nx := 1; nx <= lim; nx++ {
			for ny := 1; ny <= lim; ny++ {
				if got, want := karaTerms(nx, ny), review5KaraCount(nx, ny, thr); got != float64(want) {
					t.Fatalf("threshold %d: karaTerms(%d, %d) = %v, want %d", thr, nx, ny, got, want)
				}
			}
		}
		for _, sh := range [][2]int{{1000, 1000}, {1023, 513}, {4097, 3}, {5000, 2500}, {2500, 5000}, {777, 333}, {3000, 1001}} {
			if thr < 5 && sh[0]*sh[1] > 1_000_000 {
				continue
			}
			if got, want := karaTerms(sh[0], sh[1]), review5KaraCount(sh[0], sh[1], thr); got != float64(want) {
				t.Errorf("threshold %d: karaTerms(%d, %d) = %v, want %d", thr, sh[0], sh[1], got, want)
			}
		}
	}
	r := rand.New(rand.NewPCG(5011, 5012))
	for _, thr := range []int{0, 2, 3, 16} {
		karatsubaThreshold = thr
		for _, sh := range [][2]int{{1, 1}, {2, 2}, {3, 2}, {17, 5}, {40, 39}, {64, 17}, {100, 3}, {33, 66}} {
			x, y := randPoly(r, sh[0], 200, true), randPoly(r, sh[1], 150, true)
			equalInts(t, MulUsing(Karatsuba, nil, x, y), naiveMul(x, y), fmt.Sprintf("karatsuba threshold %d %v", thr, sh))
		}
	}
}

// TestReview5VecMulPooledZ checks vecMul into a given z (x's vector taken from vntt's pool when
// eight words per point hold the product) on dirty pooled vectors, uncut and cut, squares and
// products, with z exactly as long as the product and longer, against math/big.
func TestReview5VecMulPooledZ(t *testing.T) {
	defer review5SmallPools()()
	r := rand.New(rand.NewPCG(5013, 5014))
	poison := func() {
		for lg := 3; lg <= 12; lg++ {
			pl := vntt.NewPlan(lg)
			var vs [][]uint64
			for range 3 {
				v := pl.GetVec()
				for i := range v {
					v[i] = r.Uint64()
				}
				vs = append(vs, v)
			}
			for _, v := range vs {
				pl.PutVec(v)
			}
		}
	}
	for _, c := range []struct{ nx, ny, kind int }{
		{1, 1, 1}, {3, 2, 1}, {20, 20, 0}, {50, 1, 1}, {100, 100, 1}, {300, 17, 2}, {257, 256, 0}, {600, 600, 1},
	} {
		x, y := randNat(r, c.nx, c.kind), randNat(r, c.ny, c.kind)
		bx, by := natBitLen(x), natBitLen(y)
		if bx == 0 || by == 0 {
			continue
		}
		want := new(big.Int).Mul(natBig(x), natBig(y))
		sqWant := new(big.Int).Mul(natBig(x), natBig(x))
		for _, budget := range []int{math.MaxInt, 1 << 14, 0} {
			for _, extra := range []int{0, 5} {
				poison()
				lz := (want.BitLen()+63)/64 + extra
				z := make([]uint64, lz)
				got := vecMul(z, lz, wordsSrc(x), wordsSrc(y), bx, by, false, budget)
				if &got[0] != &z[0] || natBig(got).Cmp(want) != 0 {
					t.Errorf("%v budget %d lz+%d: vecMul into z differs from math/big", c, budget, extra)
				}
				poison()
				lsq := (sqWant.BitLen()+63)/64 + extra
				z = make([]uint64, lsq)
				got = vecMul(z, lsq, wordsSrc(x), wordsSrc(x), bx, bx, true, budget)
				if natBig(got).Cmp(sqWant) != 0 {
					t.Errorf("%v budget %d lz+%d: vecMul square into z differs from math/big", c, budget, extra)
				}
			}
		}
	}
}

// TestReview5ScalarConcurrent runs Kronecker substitution on scalarMul from several goroutines
// at once under the smallest budget (pieces sharing the pooled scratch), against the reference.
func TestReview5ScalarConcurrent(t *testing.T) {
	defer review5Restore()()
	useVec, vecMemFactor, vecMinBudget, alignMinBits, useKS2 = false, 0, 0, 64, true
	r := rand.New(rand.NewPCG(5015, 5016))
	type job struct{ x, y, want []*big.Int }
	var jobs []job
	for i := range 8 {
		x := randPoly(r, 20+i*7, 300+i*150, true)
		y := x
		if i%2 == 0 {
			y = randPoly(r, 3+i, 900, true)
		}
		jobs = append(jobs, job{x, y, naiveMul(x, y)})
	}
	var wg sync.WaitGroup
	errs := make([]string, len(jobs))
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				got := MulUsing(Kronecker, nil, j.x, j.y)
				for k := range got {
					if got[k].Cmp(j.want[k]) != 0 {
						errs[i] = fmt.Sprintf("job %d coefficient %d differs", i, k)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
}

// TestReview5ScalarOffsets checks the bound scalarMul relies on when it truncates a piece's
// product at z's end (w = min(len(z)−off, len(r)) must be positive): for the operand bounds and
// product lengths kroneckerSrc and kronecker2 pass, every piece's word offset lies below lz.
// scalarMul itself does not check it (vecMulPieces skips such pieces), so a caller passing
// looser bounds than its lz would make it panic.
func TestReview5ScalarOffsets(t *testing.T) {
	defer review5Restore()()
	r := rand.New(rand.NewPCG(5017, 5018))
	for it := range 20000 {
		nx, ny := 1+r.IntN(300), 1+r.IntN(300)
		xb, yb := 1+r.IntN(5000), 1+r.IntN(5000)
		if it%2 == 0 {
			yb = 1 + r.IntN(70)
		}
		alignMinBits = []int{64, 1024, 1 << 30}[it%3]
		useKS2 = true
		s, _, _ := kronLayout(nx, ny, xb, yb)
		n := nx + ny - 1
		bx, by := (nx-1)*s+xb, (ny-1)*s+yb
		lz := (n*s + 63) / 64
		if last := (bx+63)/64 - 1 + (by+63)/64 - 1; last >= lz {
			t.Fatalf("kroneckerSrc %d×%d of %d, %d bits: last piece offset %d, lz %d", nx, ny, xb, yb, last, lz)
		}
		if tt, ok := halfSlots(nx, ny, xb, yb); ok {
			tw := tt / 64
			bx, by := (nx-1)*tt+xb, (ny-1)*tt+yb
			w := max((bx+by)/64+2, (n+1)/2*2*tw, tw+n/2*2*tw)
			if last := (bx+63)/64 - 1 + (by+63)/64 - 1; last >= w {
				t.Fatalf("kronecker2 %d×%d of %d, %d bits: last piece offset %d, w %d", nx, ny, xb, yb, last, w)
			}
		}
	}
}
