package exact

import (
	"math/big"
	"math/bits"
)

// schoolbook returns x·y in newly allocated big.Ints. Entries of x and y are non-nil and at
// least one coefficient of each is non-zero. When every coefficient fits in one word the sums
// are accumulated in three-word registers (no big.Int arithmetic at all); otherwise by
// schoolbookAdd.
func schoolbook(x, y []*big.Int, xs, ys operandInfo) []*big.Int {
	if xs.bits <= 64 && ys.bits <= 64 {
		return schoolbookWord(xs, ys)
	}
	res := newInts(len(x) + len(y) - 1)
	schoolbookAdd(res, x, y, new(big.Int))
	return res
}

// schoolbookAdd adds x·y (entries non-nil) to z[:len(x)+len(y)−1] by the quadratic method:
// each output coefficient is accumulated in its own big.Int, with t as the scratch product.
// It is also the base case of Karatsuba's recursion.
func schoolbookAdd(z, x, y []*big.Int, t *big.Int) {
	for k := range len(x) + len(y) - 1 {
		acc := z[k]
		lo, hi := max(0, k-len(y)+1), min(k, len(x)-1)
		for i := lo; i <= hi; i++ {
			a, b := x[i], y[k-i]
			if a.Sign() == 0 || b.Sign() == 0 {
				continue
			}
			t.Mul(a, b)
			acc.Add(acc, t)
		}
	}
}

// schoolbookWord is schoolbook for coefficients of at most 64 bits (their magnitudes and signs
// gathered by scan): each output coefficient is a sum of 128-bit products kept in a 192-bit
// two's-complement accumulator (enough for 2^63 terms).
func schoolbookWord(xs, ys operandInfo) []*big.Int {
	xm, xn, ym, yn := xs.mag, xs.signs, ys.mag, ys.signs
	signed := xs.neg || ys.neg
	// A square sums each product x_i·x_j (i < j) once and doubles it, then adds x_i².
	sq := len(xm) == len(ym) && &xm[0] == &ym[0]
	n := len(xm) + len(ym) - 1
	res := newInts(n)
	words := make([]big.Word, 3*n)
	for k := range n {
		lo, hi := max(0, k-len(ym)+1), min(k, len(xm)-1)
		if sq {
			hi = (k+1)/2 - 1 // the i < k−i
		}
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
				// Without a branch on the signs (random signs would mispredict half the
				// time): a negative product is added as its two's complement over 192 bits,
				// (^ph, ^pl) + 1 with a top word of all ones.
				var m uint64
				if xn[i] != yn[k-i] {
					m = ^uint64(0)
				}
				var c uint64
				a0, c = bits.Add64(a0, pl^m, m&1)
				a1, c = bits.Add64(a1, ph^m, c)
				a2 += m + c
			}
		}
		if sq {
			a2 = a2<<1 | a1>>63
			a1 = a1<<1 | a0>>63
			a0 <<= 1
			if i := k / 2; k%2 == 0 && i < len(xm) {
				ph, pl := bits.Mul64(xm[i], xm[i])
				var c uint64
				a0, c = bits.Add64(a0, pl, 0)
				a1, c = bits.Add64(a1, ph, c)
				a2 += c
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
