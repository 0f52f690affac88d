package exact

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/polyconv/polyconv/internal/vntt"
)

// TestOrBits checks orBits against math/big: shifts of either sign, bits dropped below 0 and
// past z, and bits already set in z kept.
func TestOrBits(t *testing.T) {
	r := rand.New(rand.NewPCG(401, 402))
	for it := range 3000 {
		w := make([]big.Word, r.IntN(6))
		for i := range w {
			w[i] = big.Word(r.Uint64())
		}
		z := randNat(r, 1+r.IntN(6), it%3)
		shift := r.IntN(800) - 400
		if it%5 == 0 {
			shift = 64 * (r.IntN(12) - 6) // whole words
		}
		want := new(big.Int).SetBits(append([]big.Word(nil), w...))
		if shift >= 0 {
			want.Lsh(want, uint(shift))
		} else {
			want.Rsh(want, uint(-shift))
		}
		mask := new(big.Int).Lsh(big.NewInt(1), uint(64*len(z)))
		want.Mod(want, mask)
		want.Or(want, natBig(z))
		orBits(z, w, shift)
		if natBig(z).Cmp(want) != 0 {
			t.Fatalf("orBits(%x, %d): %x, want %x", w, shift, z, want.Bits())
		}
	}
}

// randSlots returns a polynomial whose packing exercises every kind of slot: random signs,
// zero runs, all-ones magnitudes, and negative or zero leading and trailing coefficients.
func randSlots(r *rand.Rand, n, bits int) []*big.Int {
	x := randPoly(r, n, bits, true)
	switch r.IntN(4) {
	case 0:
		x[n-1].Neg(new(big.Int).Lsh(big.NewInt(1), uint(bits)-1))
	case 1:
		x[n-1].SetInt64(0)
	case 2:
		x[0].SetInt64(0)
	}
	if n > 10 {
		lo := r.IntN(n - 5)
		for i := lo; i < lo+5; i++ {
			x[i].SetInt64(0)
		}
	}
	return x
}

// TestSlotSrc checks slotSrc against pack: the bits packBits writes from any position equal
// the packed operand's (pack's magnitude, with flip equal to pack's sign), and fill writes the
// residues fillVec takes from the packed words, across fill's chunks.
func TestSlotSrc(t *testing.T) {
	r := rand.New(rand.NewPCG(403, 404))
	for it := range 300 {
		n := 1 + r.IntN(60)
		bits := 1 + r.IntN(400)
		if it%10 == 0 {
			n, bits = 2000+r.IntN(1000), 300 // limbs beyond one fill chunk
		}
		x := randSlots(r, n, bits)
		s := boundBits(n, n, bits, bits) + 1
		if it%2 == 0 {
			s = (s + 63) / 64 * 64
		}
		mb := maxBitLen(x)
		packed, neg := pack(x, s, max(mb, 1))
		src := newSlotSrc(x, s, false)
		msg := fmt.Sprintf("it=%d n=%d bits=%d s=%d", it, n, bits, s)
		require.Equal(t, neg, src.flip, msg)
		tmp := make([]big.Word, (s+63)/64)
		for range 20 {
			bit0 := r.IntN(64*len(packed) + 64)
			out := make([]uint64, 1+r.IntN(20))
			src.packBits(out, bit0, tmp)
			want := make([]uint64, len(out))
			orBits(want, packed, -bit0)
			require.Equal(t, want, out, "%s bit0=%d", msg, bit0)
		}
		b := 129 + r.IntN(64)
		total := (64*len(packed) + b - 1) / b
		first := r.IntN(total)
		limbs := total - first
		a := make([]uint64, vntt.Lanes*limbs)
		want := make([]uint64, vntt.Lanes*limbs)
		src.fill(a, first, limbs, b)
		fillVec(want, packed, first*b, limbs, b)
		require.Equal(t, want, a, "%s fill b=%d first=%d", msg, b, first)
	}
}

// TestUnpackAligned checks unpackAligned on P = Σ c_j·2^(64·sw·j) in two's complement, built
// with math/big from random coefficients |c_j| < 2^(64·sw−1): zero, ±1, the extremes
// ±(2^(64·sw−1) − 1) and random values, so that slots hit the sign boundary, all ones (which a
// borrow turns into 2^s, the coefficient 0 with the borrow passed on) and zero; every slot
// (step 1) and every other slot into alternate entries (step 2).
func TestUnpackAligned(t *testing.T) {
	r := rand.New(rand.NewPCG(405, 406))
	for it := range 3000 {
		sw := 1 + r.IntN(4)
		n := 1 + r.IntN(12)
		c, sum := randSlotInts(r, n, sw)
		words := n*sw + r.IntN(3)
		mod := new(big.Int).Lsh(big.NewInt(1), uint(64*words))
		sum.Mod(sum, mod) // two's complement over words words
		p := make([]big.Word, words)
		copy(p, sum.Bits())
		step := 1 + it%2
		got := newInts(step * n)
		unpackAligned(got, it%2, step, p, sw)
		for j := range c {
			if g := got[it%2+step*j]; g.Cmp(c[j]) != 0 {
				t.Fatalf("it=%d sw=%d n=%d: coefficient %d = %v, want %v", it, sw, n, j, g, c[j])
			}
		}
	}
}

// evalAt returns x(2^s) = Σ x_i·2^(s·i), or x(−2^s) when alt is set.
func evalAt(x []*big.Int, s int, alt bool) *big.Int {
	v := new(big.Int)
	for i := len(x) - 1; i >= 0; i-- {
		v.Lsh(v, uint(s))
		if alt && i%2 == 1 {
			v.Sub(v, x[i])
		} else {
			v.Add(v, x[i])
		}
	}
	return v
}

// randSlotInts returns n random coefficients below 2^(64·sw−1) in absolute value (zero, ±1,
// the extremes ±(2^(64·sw−1) − 1) and random values) and Σ c_j·2^(64·sw·j).
func randSlotInts(r *rand.Rand, n, sw int) ([]*big.Int, *big.Int) {
	s := uint(64 * sw)
	top := new(big.Int).Lsh(big.NewInt(1), s-1)
	c := make([]*big.Int, n)
	sum := new(big.Int)
	for j := range c {
		v := new(big.Int)
		switch r.IntN(5) {
		case 0: // zero
		case 1:
			v.SetInt64(1)
		case 2:
			v.Sub(top, big.NewInt(1))
		default:
			v.Rand(randSrc(r), top)
		}
		if r.IntN(2) == 0 {
			v.Neg(v)
		}
		c[j] = v
		sum.Add(sum, new(big.Int).Lsh(v, s*uint(j)))
	}
	return c, sum
}

// TestVecMulCutBoth checks products with both operands cut into pieces (vecMulPieces) against
// math/big: pieces of one and several alignment units, last pieces of a single limb, all-ones
// operands, zero pieces, and vecMul under budgets that force such cuts, on words and twice in a
// row (stale pooled vectors).
func TestVecMulCutBoth(t *testing.T) {
	r := rand.New(rand.NewPCG(407, 408))
	for _, c := range []struct{ nx, ny, kind, mx, my int }{
		{400, 400, 0, 64, 64}, {400, 400, 1, 128, 64}, {400, 300, 1, 64, 192},
		{1000, 700, 0, 256, 320}, {1000, 700, 2, 64, 128}, {(129*190 + 63) / 64, (65*190 + 63) / 64, 1, 64, 64},
	} {
		x, y := randNat(r, c.nx, c.kind), randNat(r, c.ny, c.kind)
		if c.kind == 2 {
			clear(y[len(y)/3 : len(y)/2])
		}
		b, lx, ly := vecLimbs(natBitLen(x), natBitLen(y))
		if lx < ly {
			x, y, lx, ly = y, x, ly, lx
		}
		logn := max(3, bits.Len(uint(c.mx+c.my-2)))
		want := new(big.Int).Mul(natBig(x), natBig(y))
		for rep := range 2 {
			got := mulPieces(x, y, b, lx, ly, c.mx, c.my, logn)
			if natBig(got).Cmp(want) != 0 {
				t.Errorf("%+v rep %d: vecMulPieces differs from math/big", c, rep)
			}
		}
	}
	for _, budget := range []int{0, 1 << 15, 1 << 17, 1 << 19} {
		x, y := randNat(r, 3000, 1), randNat(r, 2500, 0)
		_, lx, ly := vecLimbs(natBitLen(x), natBitLen(y))
		sh := vecPlan(lx, ly, false, budget)
		require.True(t, sh.py > 1 || budget > 1<<17, "budget %d: plan %+v does not cut y", budget, sh)
		want := new(big.Int).Mul(natBig(x), natBig(y))
		got := vecMul(nil, len(x)+len(y), wordsSrc(x), wordsSrc(y), natBitLen(x), natBitLen(y), false, budget)
		if natBig(got).Cmp(want) != 0 {
			t.Errorf("budget %d plan %+v: vecMul differs from math/big", budget, sh)
		}
		got = vecMul(nil, 2*len(x), wordsSrc(x), wordsSrc(x), natBitLen(x), natBitLen(x), true, budget)
		if natBig(got).Cmp(new(big.Int).Mul(natBig(x), natBig(x))) != 0 {
			t.Errorf("budget %d: vecMul square differs from math/big", budget)
		}
	}
}

// TestKroneckerBudget runs Kronecker substitution on vecMul and on scalarMul under memory
// budgets from none to the smallest (vecMul's operands cut into pieces of 64 limbs, scalarMul's
// into pieces of about 1365 words at its 64 KiB floor), at two points (kronecker2) and at
// one, on aligned slots (the result carried in place) and unaligned ones, with signed
// coefficients, coefficient sizes too unequal for kronecker2, squares and a reused dst,
// against schoolbook.
func TestKroneckerBudget(t *testing.T) {
	defer forceVec()()
	defer func(f float64, m, a int, k bool) {
		vecMemFactor, vecMinBudget, alignMinBits, useKS2 = f, m, a, k
	}(vecMemFactor, vecMinBudget, alignMinBits, useKS2)
	// scalarMul's smallest pieces (64 words) would take thousands of products on the larger
	// shapes; with the default 64 KiB floor its pieces are a few hundred words.
	checkKroneckerBudget(t, "vec", 0)
	useVec = false
	checkKroneckerBudget(t, "scalar", 1<<16)
}

func checkKroneckerBudget(t *testing.T, name string, minBudget int) {
	r := rand.New(rand.NewPCG(409, 410))
	for _, f := range []float64{0, 0.05, 0.3, 1.5, math.Inf(1)} {
		vecMemFactor, vecMinBudget = f, minBudget
		for _, mode := range []struct {
			align int
			ks2   bool
		}{{64, true}, {64, false}, {1 << 30, false}} {
			alignMinBits, useKS2 = mode.align, mode.ks2
			for _, sh := range []struct{ nx, ny, bits, ybits int }{
				{1, 1, 3000, 3000}, {30, 20, 1500, 1500}, {120, 90, 900, 900}, {200, 7, 2000, 2000},
				{7, 150, 64, 64}, {60, 60, 5000, 5000}, {2, 2, 1, 1}, {40, 30, 3000, 100}, {33, 8, 1, 2000},
			} {
				x, y := randSlots(r, sh.nx, sh.bits), randSlots(r, sh.ny, sh.ybits)
				msg := fmt.Sprintf("%s factor %v mode %v %v", name, f, mode, sh)
				equalInts(t, MulUsing(Kronecker, nil, x, y), naiveMul(x, y), msg)
				equalInts(t, MulUsing(Kronecker, nil, x, x), naiveMul(x, x), "square "+msg)
				dst := randPoly(r, sh.nx+sh.ny-1, 100, true)
				equalInts(t, MulUsing(Kronecker, dst, x, y), naiveMul(x, y), "dst reused "+msg)
			}
		}
	}
}

// TestScalarMul checks scalarMul on words against math/big, whole and in pieces (budgets down to
// the smallest, pieces of 64 words), squares, unbalanced operands, zero runs and a z longer
// than the product, and wordsSrc.bits at every bit offset of a word.
func TestScalarMul(t *testing.T) {
	r := rand.New(rand.NewPCG(411, 412))
	for _, budget := range []int{0, 1 << 14, 1 << 17, math.MaxInt} {
		for _, c := range []struct{ nx, ny, kind int }{
			{1, 1, 1}, {300, 300, 1}, {1000, 70, 0}, {65, 1000, 2}, {500, 499, 0}, {129, 129, 1},
		} {
			x, y := randNat(r, c.nx, c.kind), randNat(r, c.ny, c.kind)
			want := new(big.Int).Mul(natBig(x), natBig(y))
			lz := len(x) + len(y) + 3
			got := scalarMul(nil, lz, wordsSrc(x), wordsSrc(y), natBitLen(x), natBitLen(y), false, budget)
			if natBig(got).Cmp(want) != 0 {
				t.Errorf("budget %d %+v: scalarMul differs from math/big", budget, c)
			}
			got = scalarMul(nil, 2*len(x), wordsSrc(x), wordsSrc(x), natBitLen(x), natBitLen(x), true, budget)
			if natBig(got).Cmp(new(big.Int).Mul(natBig(x), natBig(x))) != 0 {
				t.Errorf("budget %d %+v: scalarMul square differs from math/big", budget, c)
			}
		}
	}
	x := randNat(r, 5, 0)
	xb := natBig(x)
	for bit0 := range 64 * 6 {
		out := make([]uint64, 3)
		wordsSrc(x).bits(out, bit0)
		want := new(big.Int).Rsh(xb, uint(bit0))
		want.And(want, new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 192), big.NewInt(1)))
		if natBig(out).Cmp(want) != 0 {
			t.Fatalf("wordsSrc.bits at %d: %x, want %x", bit0, out, want.Bits())
		}
	}
}
