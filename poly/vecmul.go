package poly

import (
	"math/big"
	"math/bits"

	"github.com/polyconv/polyconv/internal/vntt"
)

// limbMul multiplies natural numbers of at most maxWords words each with the eight-prime
// vector transforms of package vntt: the operands are cut into limbs of 128 bits (two words),
// the limb sequences convolved modulo the eight primes (every coefficient is below
// maxWords·2^255 ≤ 2^270, far below M/4 ≈ 2^398, so the explicit CRT recovers it), and the
// coefficients carried into words. A transformed operand can be kept and reused (fixed), so a
// product by a constant costs one forward and one inverse transform. Unlike exact.Mul it
// allocates nothing per product once its scratch exists. It needs 64-bit words. A limbMul is
// immutable after construction and safe for concurrent use; its scratch is per goroutine.
type limbMul struct {
	pl       *vntt.Plan
	maxLimbs int
}

// limbScratch holds one goroutine's buffers for limbMul.
type limbScratch struct {
	a, c []uint64   // transform vectors
	d    []uint64   // 52-bit digits for SetLimbs
	z    []big.Word // the product's words
	zi   big.Int    // z as an Int (sharing z's words)
}

// newLimbMul returns a multiplier for operands of at most maxWords words, or nil if the
// platform's words are not 64 bits.
func newLimbMul(maxWords int) *limbMul {
	if bits.UintSize != 64 {
		return nil
	}
	limbs := (maxWords + 1) / 2
	return &limbMul{pl: vntt.NewPlan(max(3, bits.Len(uint(2*limbs-1)))), maxLimbs: limbs}
}

func (lm *limbMul) scratch() *limbScratch {
	n := lm.pl.Len()
	return &limbScratch{
		a: make([]uint64, vntt.Lanes*n), c: make([]uint64, vntt.Lanes*n),
		d: make([]uint64, 4*n), z: make([]big.Word, 2*n+8),
	}
}

// load sets a to the transform of x's limbs (x has at most 2·maxLimbs words) and returns the
// number of limbs.
func (lm *limbMul) load(a, d []uint64, x *big.Int) int {
	w := x.Bits()
	limbs := (len(w) + 1) / 2
	if limbs > lm.maxLimbs {
		panic("poly: internal error: limbMul operand too long")
	}
	const m52 = 1<<52 - 1
	for i := range limbs {
		lo := uint64(w[2*i])
		hi := uint64(0)
		if 2*i+1 < len(w) {
			hi = uint64(w[2*i+1])
		}
		d[4*i] = lo & m52
		d[4*i+1] = (lo>>52 | hi<<12) & m52
		d[4*i+2] = hi >> 40
		d[4*i+3] = 0
	}
	vntt.SetLimbs(a[:vntt.Lanes*limbs], d[:4*limbs])
	lm.pl.ForwardPrefix(a, limbs, 1)
	return limbs
}

// fixed returns the transform of x, for products by x with mulFixed.
func (lm *limbMul) fixed(x *big.Int) (xhat []uint64, limbs int) {
	s := lm.scratch()
	limbs = lm.load(s.a, s.d, x)
	return s.a, limbs
}

// mul sets z = x·y and returns z; z may be x or y. With yhat non-nil, y's transform is yhat
// (from fixed, with ylimbs limbs) and y is not read.
func (lm *limbMul) mul(z, x, y *big.Int, yhat []uint64, ylimbs int, s *limbScratch) *big.Int {
	if x.Sign() == 0 || (yhat == nil && y.Sign() == 0) {
		return z.SetInt64(0)
	}
	lx := lm.load(s.a, s.d, x)
	if yhat == nil {
		ylimbs = lm.load(s.c, s.d, y)
		yhat = s.c
	}
	pl := lm.pl
	pl.MulScaled(s.a, yhat)
	pl.Inverse(s.a)
	cnt := lx + ylimbs - 1
	groups := (cnt + vntt.Lanes - 1) / vntt.Lanes
	vntt.Recombine(s.a[:vntt.Lanes*vntt.Lanes*groups])
	zw := s.z[:2*cnt+6]
	clear(zw)
	for i := range cnt {
		g, k := i/vntt.Lanes, i%vntt.Lanes
		base := vntt.Lanes*vntt.Lanes*g + k
		var c, r uint
		for j := range 5 { // c_i < 2^270: five words
			r, c = bits.Add(uint(zw[2*i+j]), uint(s.a[base+vntt.Lanes*j]), c)
			zw[2*i+j] = big.Word(r)
		}
		for j := 2*i + 5; c != 0; j++ {
			r, c = bits.Add(uint(zw[j]), 0, c)
			zw[j] = big.Word(r)
		}
	}
	s.zi.SetBits(zw)
	return z.Set(&s.zi) // normalizes and copies out of the scratch
}
