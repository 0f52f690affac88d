package exact

import (
	"math/big"
	"math/bits"
)

// schoolbook returns x·y in newly allocated big.Ints. Entries of x and y are non-nil and at
// least one coefficient of each is non-zero. When every coefficient fits in one word the sums
// are accumulated in three-word registers (no big.Int arithmetic at all); otherwise each output
// coefficient is accumulated in one big.Int with one reused scratch product.
func schoolbook(x, y []*big.Int, xs, ys operandInfo) []*big.Int {
	if xs.bits <= 64 && ys.bits <= 64 {
		return schoolbookWord(x, y, xs.neg || ys.neg)
	}
	n := len(x) + len(y) - 1
	res := newInts(n)
	var t big.Int
	for k := range n {
		acc := res[k]
		lo, hi := max(0, k-len(y)+1), min(k, len(x)-1)
		for i := lo; i <= hi; i++ {
			a, b := x[i], y[k-i]
			if a.Sign() == 0 || b.Sign() == 0 {
				continue
			}
			t.Mul(a, b)
			acc.Add(acc, &t)
		}
	}
	return res
}

// schoolbookWord is schoolbook for coefficients of at most 64 bits: each output coefficient is
// a sum of 128-bit products kept in a 192-bit two's-complement accumulator (enough for 2^63
// terms).
func schoolbookWord(x, y []*big.Int, signed bool) []*big.Int {
	xm, xn := wordsOf(x)
	ym, yn := wordsOf(y)
	n := len(x) + len(y) - 1
	res := newInts(n)
	words := make([]big.Word, 3*n)
	for k := range n {
		lo, hi := max(0, k-len(y)+1), min(k, len(x)-1)
		var a0, a1, a2 uint64
		if !signed {
			for i := lo; i <= hi; i++ {
				ph, pl := bits.Mul64(xm[i], ym[k-i])
				var c uint64
				a0, c = bits.Add64(a0, pl, 0)
				a1, c = bits.Add64(a1, ph, c)
				a2 += c
			}
		} else {
			for i := lo; i <= hi; i++ {
				ph, pl := bits.Mul64(xm[i], ym[k-i])
				var c uint64
				if xn[i] != yn[k-i] {
					a0, c = bits.Sub64(a0, pl, 0)
					a1, c = bits.Sub64(a1, ph, c)
					a2 -= c
				} else {
					a0, c = bits.Add64(a0, pl, 0)
					a1, c = bits.Add64(a1, ph, c)
					a2 += c
				}
			}
		}
		neg := int64(a2) < 0
		if neg {
			var c uint64
			a0, c = bits.Sub64(0, a0, 0)
			a1, c = bits.Sub64(0, a1, c)
			a2, _ = bits.Sub64(0, a2, c)
		}
		w := words[3*k : 3*k+3 : 3*k+3]
		w[0], w[1], w[2] = big.Word(a0), big.Word(a1), big.Word(a2)
		for len(w) > 0 && w[len(w)-1] == 0 {
			w = w[:len(w)-1]
		}
		res[k].SetBits(w)
		if neg {
			res[k].Neg(res[k])
		}
	}
	return res
}

// wordsOf returns the magnitudes (each at most one word) and signs of x.
func wordsOf(x []*big.Int) (mag []uint64, neg []bool) {
	mag = make([]uint64, len(x))
	neg = make([]bool, len(x))
	for i, c := range x {
		if w := c.Bits(); len(w) > 0 {
			mag[i] = uint64(w[0])
		}
		neg[i] = c.Sign() < 0
	}
	return mag, neg
}
