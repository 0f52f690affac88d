package exact

import (
	"math/big"
	"math/bits"
)

// millerMaxLen is the length of the (trimmed) base polynomial up to which Pow always uses
// Miller's recurrence rather than binary powering; longer bases with word-size coefficients
// still use it when the exponent is at least millerExpFactor times their length. Measured
// (CPU time, GOMAXPROCS=1): Miller wins 3× at length 64 with n = 500 and loses 1.2× at n = 50;
// at length 128 it wins 1.5× at n = 500 and loses 2.3× at n = 50.
var (
	millerMaxLen    = 32
	millerExpFactor = 2
)

// Pow sets dst to x^n (the polynomial x raised to the n-th power) and returns dst. The result
// has length (len(x)−1)·n+1 for n ≥ 1 (0 if x is empty), and is [1] for n == 0 (including
// x empty, that is 0^0 = 1). nil entries of x are read as zero.
//
// A base with one run of equal coefficients, c·t^v·(1+t+…+t^(s−1)) (a die), is powered by a
// three-term recurrence whose cost does not depend on s; other short bases (and longer ones
// with word-size coefficients raised to a large power) by J.C.P. Miller's recurrence
// (x·(x^n)′ = n·x′·x^n, each coefficient from the previous ones with one exact division), in
// time linear in the size of the output; other long bases by binary powering with [Sqr] and
// [Mul].
//
// dst may be nil (allocated) or must have exactly the result length; its non-nil entries are
// reused as storage, and it may be x itself (x is read completely before dst is written).
// Pow panics with "exact: negative exponent" if n < 0, "exact: wrong dst length" on a dst of the
// wrong length and "exact: result too large" if the result would exceed [MaxResultWords] words.
func Pow(dst, x []*big.Int, n int) []*big.Int {
	if n < 0 {
		panic("exact: negative exponent")
	}
	if n == 0 {
		if dst != nil && len(dst) != 1 {
			panic("exact: wrong dst length")
		}
		if dst == nil {
			dst = []*big.Int{nil}
		}
		if dst[0] == nil {
			dst[0] = new(big.Int)
		}
		dst[0].SetInt64(1)
		return dst
	}
	if len(x) == 0 {
		return emptyResult(dst)
	}
	hi, ovf := bits.Mul64(uint64(len(x)-1), uint64(n))
	if hi != 0 || ovf >= uint64(MaxResultWords) {
		panic("exact: result too large")
	}
	length := int(ovf) + 1
	if dst != nil && len(dst) != length {
		panic("exact: wrong dst length")
	}
	xs := scan(x)
	x = xs.vals
	lo, top := 0, len(x)-1
	for lo <= top && x[lo].Sign() == 0 {
		lo++
	}
	if lo > top {
		return setZero(dst, length)
	}
	for x[top].Sign() == 0 {
		top--
	}
	// Bound the result: |coefficients| ≤ (Σ|x_i|)^n.
	var l1 big.Int
	for _, c := range x[lo : top+1] {
		if c.Sign() < 0 {
			l1.Sub(&l1, c)
		} else {
			l1.Add(&l1, c)
		}
	}
	bw, bo := bits.Mul64(uint64(l1.BitLen()), uint64(n))
	if bw != 0 || bo/64+1 > uint64(MaxResultWords)/uint64(length) {
		panic("exact: result too large")
	}
	q := x[lo : top+1]
	r := powTrimmed(q, n)
	off := lo * n
	if dst == nil {
		dst = make([]*big.Int, length)
		zeros := make([]big.Int, length-len(r))
		zi := 0
		for i := range dst {
			if i >= off && i < off+len(r) {
				dst[i] = r[i-off]
			} else {
				dst[i] = &zeros[zi]
				zi++
			}
		}
		return dst
	}
	for i := range dst {
		var v *big.Int
		if i >= off && i < off+len(r) {
			v = r[i-off]
		}
		switch {
		case dst[i] == nil && v != nil:
			dst[i] = v
		case dst[i] == nil:
			dst[i] = new(big.Int)
		case v != nil:
			dst[i].Set(v)
		default:
			dst[i].SetInt64(0)
		}
	}
	return dst
}

// powTrimmed returns q^n in new big.Ints for n ≥ 1 and q with non-zero first and last entries.
func powTrimmed(q []*big.Int, n int) []*big.Int {
	if n == 1 || len(q) == 1 {
		if len(q) == 1 {
			return []*big.Int{new(big.Int).Exp(q[0], big.NewInt(int64(n)), nil)}
		}
		out := newInts(len(q))
		for i, c := range q {
			out[i].Set(c)
		}
		return out
	}
	run := true
	for _, c := range q[1:] {
		if c.Cmp(q[0]) != 0 {
			run = false
			break
		}
	}
	if run && uint64(len(q))*uint64(n) < 1<<40 {
		r := powRun(len(q), n)
		if q[0].CmpAbs(big.NewInt(1)) != 0 || q[0].Sign() < 0 {
			c := new(big.Int).Exp(q[0], big.NewInt(int64(n)), nil)
			for _, v := range r {
				v.Mul(v, c)
			}
		}
		return r
	}
	if len(q) <= millerMaxLen || n >= millerExpFactor*len(q) {
		if r := powMillerWord(q, n); r != nil {
			return r
		}
		if len(q) <= millerMaxLen {
			return powMillerBig(q, n)
		}
	}
	return powBinary(q, n)
}

// powBinary returns q^n by left-to-right binary powering with Sqr and Mul.
func powBinary(q []*big.Int, n int) []*big.Int {
	r := q
	for i := bits.Len(uint(n)) - 2; i >= 0; i-- {
		r = Sqr(nil, r)
		if n>>i&1 != 0 {
			r = Mul(nil, r, q)
		}
	}
	return r
}

// powMillerBig returns q^n by Miller's recurrence on big.Ints:
// k·q0·r_k = Σ_{i=1}^{min(k,d)} ((n+1)·i − k)·q_i·r_{k−i}.
func powMillerBig(q []*big.Int, n int) []*big.Int {
	d := len(q) - 1
	length := d*n + 1
	r := newInts(length)
	r[0].Exp(q[0], big.NewInt(int64(n)), nil)
	var t, c, div big.Int
	for k := 1; k < length; k++ {
		acc := r[k]
		for i := 1; i <= min(k, d); i++ {
			if q[i].Sign() == 0 {
				continue
			}
			c.SetInt64(int64(n+1)*int64(i) - int64(k))
			t.Mul(q[i], r[k-i])
			t.Mul(&t, &c)
			acc.Add(acc, &t)
		}
		div.SetInt64(int64(k))
		div.Mul(&div, q[0])
		acc.Quo(acc, &div)
	}
	return r
}

// powMillerWord is Miller's recurrence on word slices with one fused pass per coefficient, for
// bases whose multipliers ((n+1)·i−k)·q_i and divisors k·q0 fit in a word. It returns nil if they
// do not.
func powMillerWord(q []*big.Int, n int) []*big.Int {
	d := len(q) - 1
	length := d*n + 1
	qs := make([]int64, len(q))
	var sum uint64
	for i, c := range q {
		if !c.IsInt64() || c.Int64() == -1<<63 {
			return nil
		}
		qs[i] = c.Int64()
		sum += uint64(max(qs[i], -qs[i]))
	}
	// |((n+1)i − k)·q_i| ≤ (n+1)·d·Σ|q_i|, and the accumulator needs Σ|mult| < 2^62.
	hi, lo := bits.Mul64(uint64(n+1)*uint64(d)+uint64(length), sum)
	if hi != 0 || lo >= 1<<62 {
		return nil
	}
	if h, l := bits.Mul64(uint64(length), uint64(max(qs[0], -qs[0]))); h != 0 || l >= 1<<63 {
		return nil
	}
	pal := true
	for i := range q {
		if qs[i] != qs[d-i] {
			pal = false
		}
	}
	last := length - 1
	if pal {
		last = (length - 1) / 2
	}
	var ar arena
	mags := make([][]big.Word, length)
	negs := make([]bool, length)
	r0 := new(big.Int).Exp(q[0], big.NewInt(int64(n)), nil)
	mags[0], negs[0] = ar.copy(r0.Bits()), r0.Sign() < 0
	terms := make([][]big.Word, 0, d)
	mults := make([]int64, 0, d)
	var scratch []big.Word
	for k := 1; k <= last; k++ {
		terms, mults = terms[:0], mults[:0]
		for i := 1; i <= min(k, d); i++ {
			m := (int64(n+1)*int64(i) - int64(k)) * qs[i]
			if m == 0 || len(mags[k-i]) == 0 {
				continue
			}
			if negs[k-i] {
				m = -m
			}
			terms = append(terms, mags[k-i])
			mults = append(mults, m)
		}
		div := int64(k) * qs[0]
		var neg bool
		scratch, neg = combDiv(scratch, terms, mults, uint64(max(div, -div)))
		mags[k], negs[k] = ar.copy(scratch), neg != (div < 0)
	}
	for k := last + 1; k < length; k++ {
		mags[k], negs[k] = ar.copy(mags[length-1-k]), negs[length-1-k]
	}
	return fromMags(mags, negs)
}

// powRun returns (1 + t + … + t^(s−1))^n, s ≥ 2, n ≥ 1, by the recurrence that follows from
// differentiating log R for R = ((1−t^s)/(1−t))^n:
// (1−t)(1−t^s)·R′ = n·((1−t^s) − s·t^(s−1)·(1−t))·R, that is
//
//	(k+1)·r[k+1] = (k+n)·r[k] − (ns−j)·r[j] + (ns−n−j+1)·r[j−1],  j = k−s+1.
//
// Three terms per coefficient whatever s is, each step one fused pass over the words
// ([runStep]). The coefficients are symmetric, so only the first half is computed; the second
// half is a copy (the caller owns every entry independently).
func powRun(s, n int) []*big.Int {
	length := (s-1)*n + 1
	last := (length - 1) / 2
	var ar arena
	mags := make([][]big.Word, length)
	one := ar.alloc(1)
	one[0] = 1
	mags[0] = ar.commit(one)
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
		out := ar.alloc(len(a) + 2)
		mags[k+1] = ar.commit(runStep(out, a, uint64(k+n), b, mb, c, mc, uint64(k+1)))
	}
	// The mirrored half, copied into one block.
	words := 0
	for k := last + 1; k < length; k++ {
		words += len(mags[length-1-k])
	}
	block := make([]big.Word, words)
	for k := last + 1; k < length; k++ {
		m := mags[length-1-k]
		mags[k] = block[:len(m):len(m)]
		copy(mags[k], m)
		block = block[len(m):]
	}
	return fromMags(mags, nil)
}

// fromMags wraps magnitudes (owned by the caller, not shared) with signs into big.Ints.
func fromMags(mags [][]big.Word, negs []bool) []*big.Int {
	out := newInts(len(mags))
	for k, m := range mags {
		out[k].SetBits(m)
		if negs != nil && negs[k] {
			out[k].Neg(out[k])
		}
	}
	return out
}

// arena hands out word slices carved from large blocks, each with its capacity capped so that a
// big.Int growing one of them reallocates rather than overwriting its neighbour. hint, if
// positive, is the expected total number of words, which sizes the blocks.
type arena struct {
	block []big.Word
	hint  int
}

// alloc returns n words of scratch at the arena's end; commit(w) then keeps w (a prefix of the
// last alloc) and returns it with its capacity capped.
func (a *arena) alloc(n int) []big.Word {
	if len(a.block) < n {
		a.block = make([]big.Word, max(1<<16, n))
	}
	return a.block[:n]
}

func (a *arena) commit(w []big.Word) []big.Word {
	a.block = a.block[len(w):]
	return w[:len(w):len(w)]
}

func (a *arena) copy(w []big.Word) []big.Word {
	if len(w) == 0 {
		return nil
	}
	if len(a.block) < len(w) {
		size := 1 << 16
		if a.hint > 0 {
			size = min(size, a.hint)
			a.hint -= size
		}
		a.block = make([]big.Word, max(size, len(w)))
	}
	s := a.block[:len(w):len(w)]
	a.block = a.block[len(w):]
	copy(s, w)
	return s
}

// runStep sets out to (ma·a − mb·b + mc·c)/d and returns it normalized, in one pass from the
// least significant word: the three products, the signed carry and the exact division by d
// (multiplication by the inverse of d's odd part, then the shift by its factors of two, one
// word behind) are fused, with no scratch copy. The result must be a non-negative integer, with
// len(c) ≤ len(b) ≤ len(a), len(out) = len(a)+2 and ma + mb + mc < 2^62.
func runStep(out, a []big.Word, ma uint64, b []big.Word, mb uint64, c []big.Word, mc uint64, d uint64) []big.Word {
	e := uint(bits.TrailingZeros64(d))
	dodd := d >> e
	inv := dodd // correct to 3 bits; each Newton step doubles that
	for range 5 {
		inv *= 2 - dodd*inv
	}
	var carry int64 // signed carry of the sum, |carry| < 2^63
	var borrow uint64
	var prev uint64 // quotient word waiting for its shift
	out = out[:len(a)+2]
	// emit consumes word i of the sum: divides by dodd and stores the shifted quotient.
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
		panic("exact: internal error: inexact division in the run recurrence")
	}
	for len(out) > 0 && out[len(out)-1] == 0 {
		out = out[:len(out)-1]
	}
	return out
}

// combDiv sets out to |Σ mults[j]·terms[j]| / div and returns it (normalized, storage reused)
// with the sign of the sum. The terms are magnitudes; Σ|mults[j]| must be below 2^62 and div
// must be non-zero and divide the sum exactly.
func combDiv(out []big.Word, terms [][]big.Word, mults []int64, div uint64) ([]big.Word, bool) {
	l := 0
	for _, t := range terms {
		l = max(l, len(t))
	}
	l += 2
	if cap(out) < l {
		out = make([]big.Word, l, l+l/4+4)
	}
	out = out[:l]
	var carry int64
	for i := range out {
		lo, hi := uint64(carry), uint64(carry>>63)
		for j, t := range terms {
			if i >= len(t) {
				continue
			}
			m := mults[j]
			if m >= 0 {
				ph, pl := bits.Mul64(uint64(m), uint64(t[i]))
				var c uint64
				lo, c = bits.Add64(lo, pl, 0)
				hi += ph + c
			} else {
				ph, pl := bits.Mul64(uint64(-m), uint64(t[i]))
				var b uint64
				lo, b = bits.Sub64(lo, pl, 0)
				hi -= ph + b
			}
		}
		out[i] = big.Word(lo)
		carry = int64(hi)
	}
	neg := carry < 0
	if neg {
		negWords(out)
	}
	out = divExact(out, div)
	return out, neg
}

// divExact divides the natural number w (little-endian words) in place by d, which must divide
// it exactly, and returns the normalized quotient. It multiplies by the inverse of d's odd part
// modulo 2^64 from the least significant word up, then shifts out d's factors of two.
func divExact(w []big.Word, d uint64) []big.Word {
	e := uint(bits.TrailingZeros64(d))
	d >>= e
	if d != 1 {
		inv := d // correct to 3 bits; each Newton step doubles that
		for range 5 {
			inv *= 2 - d*inv
		}
		var borrow uint64
		for i, x := range w {
			t, b := bits.Sub64(uint64(x), borrow, 0)
			q := t * inv
			w[i] = big.Word(q)
			h, _ := bits.Mul64(q, d)
			borrow = h + b
		}
	}
	if e != 0 {
		for i := range len(w) - 1 {
			w[i] = w[i]>>e | w[i+1]<<(64-e)
		}
		w[len(w)-1] >>= e
	}
	for len(w) > 0 && w[len(w)-1] == 0 {
		w = w[:len(w)-1]
	}
	return w
}
