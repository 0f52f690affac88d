package dist

import (
	"math/big"
	"math/bits"
)

// The sum of n fair dice with s faces, without exact.Pow's generality: R = (1+x+…+x^(s−1))^n
// satisfies (1−x)(1−x^s)·R′ = n·((1−x^s) − s·x^(s−1)·(1−x))·R, that is
//
//	(k+1)·r[k+1] = (k+n)·r[k] − (ns−j)·r[j] + (ns−n−j+1)·r[j−1],  j = k−s+1,
//
// three terms per coefficient whatever s is. Each step is one pass over the words: the three
// products by small multipliers, the signed carry, and the exact division by k+1 (Hensel's
// division by its odd part from the least significant word up, then the shift by its power of
// two one word behind) are fused, with no scratch copy. The coefficients are symmetric, so only
// the first half is computed, and the second half shares its words: a Dist never modifies the
// big integers it holds.

// dieSum returns the coefficients of (1+x+…+x^(s−1))^n for s ≥ 2, n ≥ 1, the weights of the sum
// of n fair s-sided dice. Mirrored entries share their words.
func dieSum(s, n int) []*big.Int {
	length := (s-1)*n + 1
	last := (length - 1) / 2
	mags := make([][]big.Word, length)
	var ar wordArena
	one := ar.take(1)
	one[0] = 1
	mags[0] = ar.keep(1)
	ns := uint64(n) * uint64(s)
	for k := 0; k < last; k++ {
		a := mags[k]
		var b, c []big.Word
		var mb, mc uint64
		if j := k - s + 1; j >= 0 {
			b, mb = mags[j], ns-uint64(j)
			if j >= 1 {
				c, mc = mags[j-1], ns-uint64(n)-uint64(j-1)
			}
		}
		out := ar.take(len(a) + 2)
		m := dieStep(out, a, uint64(k+n), b, mb, c, mc, uint64(k+1))
		mags[k+1] = ar.keep(m)
	}
	for k := last + 1; k < length; k++ {
		mags[k] = mags[length-1-k]
	}
	vals := make([]big.Int, length)
	out := make([]*big.Int, length)
	for k := range vals {
		vals[k].SetBits(mags[k])
		out[k] = &vals[k]
	}
	return out
}

// dieStep sets out to (ma·a − mb·b + mc·c)/d, which must be a non-negative integer, with
// len(c) ≤ len(b) ≤ len(a), len(out) = len(a)+2 and every multiplier below 2^62; it returns
// the length of the normalized result.
func dieStep(out, a []big.Word, ma uint64, b []big.Word, mb uint64, c []big.Word, mc uint64, d uint64) int {
	e := uint(bits.TrailingZeros64(d))
	dodd := d >> e
	inv := dodd // Newton's iteration for the inverse mod 2^64: 3 → 6 → … → 96 correct bits
	for range 5 {
		inv *= 2 - dodd*inv
	}
	var carry int64 // signed carry of the sum, |carry| < 2^63
	var borrow uint64
	var prev uint64 // quotient word waiting for its shift
	out = out[:len(a)+2]
	// emit consumes word i of the sum: divides by dodd and stores the shifted quotient
	emit := func(i int, w uint64) {
		t, bw := bits.Sub64(w, borrow, 0)
		q := t * inv
		h, _ := bits.Mul64(q, dodd)
		borrow = h + bw
		if e == 0 {
			out[i] = big.Word(q)
			return
		}
		if i > 0 {
			out[i-1] = big.Word(prev>>e | q<<(64-e))
		}
		prev = q
	}
	i := 0
	for ; i < len(c); i++ {
		h1, l1 := bits.Mul64(ma, uint64(a[i]))
		h2, l2 := bits.Mul64(mc, uint64(c[i]))
		h3, l3 := bits.Mul64(mb, uint64(b[i]))
		lo, cy := bits.Add64(l1, l2, 0)
		hi := h1 + h2 + cy
		lo, bw := bits.Sub64(lo, l3, 0)
		hi = hi - h3 - bw
		lo, cy = bits.Add64(lo, uint64(carry), 0)
		hi += uint64(carry>>63) + cy
		carry = int64(hi)
		emit(i, lo)
	}
	for ; i < len(b); i++ {
		h1, l1 := bits.Mul64(ma, uint64(a[i]))
		h3, l3 := bits.Mul64(mb, uint64(b[i]))
		lo, bw := bits.Sub64(l1, l3, 0)
		hi := h1 - h3 - bw
		lo, cy := bits.Add64(lo, uint64(carry), 0)
		hi += uint64(carry>>63) + cy
		carry = int64(hi)
		emit(i, lo)
	}
	for ; i < len(a); i++ {
		h1, l1 := bits.Mul64(ma, uint64(a[i]))
		lo, cy := bits.Add64(l1, uint64(carry), 0)
		hi := h1 + uint64(carry>>63) + cy
		carry = int64(hi)
		emit(i, lo)
	}
	for ; i < len(out); i++ {
		emit(i, uint64(carry))
		carry >>= 63 // sign extension: 0 for a non-negative sum
	}
	if e != 0 {
		out[len(out)-1] = big.Word(prev >> e)
	}
	if carry != 0 || borrow != 0 {
		panic("dist: internal error: inexact division in the dice recurrence")
	}
	m := len(out)
	for m > 0 && out[m-1] == 0 {
		m--
	}
	return m
}

// wordArena hands out word slices carved from large blocks: take reserves room for a
// coefficient, keep commits its first m words (capacity capped at m, so a big.Int never grows
// into its neighbour) and returns the rest of the room to the block.
type wordArena struct {
	block []big.Word
}

func (ar *wordArena) take(n int) []big.Word {
	if len(ar.block) < n {
		ar.block = make([]big.Word, max(1<<16, n))
	}
	return ar.block[:n:n]
}

func (ar *wordArena) keep(m int) []big.Word {
	s := ar.block[:m:m]
	ar.block = ar.block[m:]
	return s
}
