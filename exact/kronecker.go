package exact

import (
	"math"
	"math/big"
	"math/bits"
	"runtime"
	"unsafe"

	"github.com/polyconv/polyconv/internal/vntt"
	"github.com/polyconv/polyconv/ntt"
)

// kronecker computes x·y by Kronecker substitution: each operand is packed into one signed big
// integer with its coefficients at a stride of s bits (s = coefficient bound + 1, so that every
// product coefficient fits in a slot as a signed value), the integers are multiplied, and the
// product's slots are read back as signed s-bit values with borrows (see kroneckerSrc). The
// integer product is vecMul (eight primes in vector transforms) when vecPays, otherwise
// scalarMul (three 62-bit primes on 64-bit limbs). Every entry of x and y is read before dst is
// written.
func kronecker(dst, x, y []*big.Int, xs, ys operandInfo) []*big.Int {
	s := boundBits(len(x), len(y), xs.bits, ys.bits) + 1
	sq := &x[0] == &y[0] && len(x) == len(y)
	mul := scalarMul
	if vecPays((len(x)+len(y)-1)*s/64 + 1) {
		mul = vecMul
	}
	return kroneckerSrc(dst, x, y, xs, ys, sq, mul)
}

// natProduct is an integer product of naturals given by natSrcs: vecMul or scalarMul.
type natProduct func(z []uint64, lz int, x, y natSrc, bx, by int, sq bool, budget int) []uint64

// kroneckerSrc is kronecker on the integer product mul, with the layout of kronLayout. The
// operands are not packed as a whole beforehand: mul reads them from slotSrcs, vecMul a few
// hundred limbs at a time, scalarMul a piece (or, uncut, the whole operand) at a time. When
// kronecker2 applies, it is used, and its result copied into dst if dst is given. Otherwise,
// when dst is nil and the slots are whole words, the result's storage is the product's words,
// each coefficient's words in place of its slot (unpackAligned); else the product is a
// separate array, unpacked into dst.
func kroneckerSrc(dst, x, y []*big.Int, xs, ys operandInfo, sq bool, mul natProduct) []*big.Int {
	s, aligned, budget := kronLayout(len(x), len(y), xs.bits, ys.bits)
	if t, ok := halfSlots(len(x), len(y), xs.bits, ys.bits); ok {
		// Into a given dst too: the single product, twice as long, would be cut into more
		// pieces within the same budget (1.6× the time at n=10^4, 1024 bits; 2.3× at n=1000,
		// 16384 bits), which copying the result into dst's storage costs far less than.
		return copyOut(dst, kronecker2(x, y, xs, ys, sq, t, budget, mul))
	}
	n := len(x) + len(y) - 1
	xsrc, ysrc, bx, by, neg := kronOperands(x, y, xs, ys, s, false, sq)
	lz := (n*s + 63) / 64 // the product is below 2^(n·s)
	if aligned && dst == nil {
		p := make([]big.Word, lz)
		mul(wordsOf(p), lz, xsrc, ysrc, bx, by, sq, budget)
		if neg {
			negWords(p) // two's complement
		}
		dst = newInts(n)
		unpackAligned(dst, 0, 1, p, s/64)
		return dst
	}
	z := mul(nil, lz, xsrc, ysrc, bx, by, sq, budget)
	fresh := dst == nil
	if fresh {
		dst = newInts(n)
	}
	unpack(dst, z, s, neg, fresh)
	return dst
}

// kronOperands returns the slotSrcs of x and y at 2^s (at −2^s when alt is set; one source for
// a square), bounds on their bits, and whether their product is negative.
func kronOperands(x, y []*big.Int, xs, ys operandInfo, s int, alt, sq bool) (xsrc, ysrc *slotSrc, bx, by int, neg bool) {
	xsrc = newSlotSrc(x, s, alt)
	ysrc = xsrc
	if !sq {
		ysrc = newSlotSrc(y, s, alt)
	}
	bx, by = (len(x)-1)*s+xs.bits, (len(y)-1)*s+ys.bits
	return xsrc, ysrc, bx, by, xsrc.flip != ysrc.flip
}

// useKS2 enables kronecker2 (a variable so that tests can compare it with kroneckerVec's
// single evaluation).
var useKS2 = true

// halfSlots returns the half slot t of kronecker2 for operands of lengths nx, ny with
// coefficients of at most bx, by bits, and whether kronecker2 applies: when Kronecker
// substitution's slots are whole words (kronLayout), and t, the bound on the product's
// coefficients plus one halved and rounded up to whole words, exceeds both operands'
// coefficient bits (so that their packings at 2^t are slots too).
func halfSlots(nx, ny, bx, by int) (t int, ok bool) {
	s := boundBits(nx, ny, bx, by) + 1
	t = ((s+1)/2 + 63) / 64 * 64
	return t, useKS2 && s >= alignMinBits && bits.UintSize == 64 && t > max(bx, by)
}

// kronecker2 is Kronecker substitution at the two points 2^t and −2^t (Harvey's KS2): with
// h = x·y, it computes A = h(2^t) = x(2^t)·y(2^t) and B = h(−2^t) = x(−2^t)·y(−2^t) (mul on
// slotSrcs of half slots, the second with alternating signs), then (A + B)/2, the even
// coefficients of h packed at a stride of 2t bits, and (A − B)/2, the odd ones from bit t on.
// The two products are half as long as kroneckerSrc's single one, so that within the same
// memory budget they are cut into fewer pieces. A and B are one block of words that becomes
// the result's storage: the even coefficients' words in place of their slots of (A + B)/2 and
// the odd ones' in (A − B)/2. t (a multiple of 64) must satisfy halfSlots.
func kronecker2(x, y []*big.Int, xs, ys operandInfo, sq bool, t, budget int, mul natProduct) []*big.Int {
	n := len(x) + len(y) - 1
	tw := t / 64
	// Words of A and B: the product (below 2^(bx+by), bounds on |x(±2^t)| and |y(±2^t)|) and
	// a sign bit to spare for their sum, and the slots read back.
	w := max(((len(x)+len(y)-2)*t+xs.bits+ys.bits)/64+2, (n+1)/2*2*tw, tw+n/2*2*tw)
	buf := make([]big.Word, 2*w)
	a, b := buf[:w:w], buf[w:]
	for _, alt := range []bool{false, true} {
		p := a
		if alt {
			p = b
		}
		xsrc, ysrc, bx, by, neg := kronOperands(x, y, xs, ys, t, alt, sq)
		mul(wordsOf(p), w, xsrc, ysrc, bx, by, sq, budget)
		if neg {
			negWords(p) // two's complement
		}
	}
	halves(a, b)
	dst := newInts(n)
	unpackAligned(dst, 0, 2, a, 2*tw)
	unpackAligned(dst, 1, 2, b[tw:], 2*tw)
	return dst
}

// halves sets a to (a + b)/2 and b to (a − b)/2, where a and b are signed integers of equal
// length in two's complement whose sum and difference are even and fit.
func halves(a, b []big.Word) {
	var cs, cd uint64 // the sum's carry and the difference's borrow
	var ps, pd uint64 // the sum's and the difference's previous words
	for i := range a {
		s, c := bits.Add64(uint64(a[i]), uint64(b[i]), cs)
		d, bb := bits.Sub64(uint64(a[i]), uint64(b[i]), cd)
		cs, cd = c, bb
		if i > 0 {
			a[i-1] = big.Word(ps>>1 | s<<63)
			b[i-1] = big.Word(pd>>1 | d<<63)
		}
		ps, pd = s, d
	}
	last := len(a) - 1
	a[last] = big.Word(uint64(int64(ps) >> 1))
	b[last] = big.Word(uint64(int64(pd) >> 1))
}

// Memory of Kronecker substitution on vecMul. Its transform vectors may take vecMemFactor
// times the estimated size of the operands and the result (as big.Ints: 40 bytes and the words
// of each coefficient), less the product's separate array when it has one, and at least
// vecMinBudget bytes; with the result and the operands themselves, a product then peaks at
// about 1 + vecMemFactor times that size (TestPeakHeap measures it on the benchmark grid).
// Slots of at least alignMinBits bits are rounded up to whole words, so that the result's
// words can be the product's (unpackAligned), at a cost of at most 63 bits per slot (6.1% at
// 1025 bits). At 2 (session 9) G2's two products (10^4 coefficients of 1024 bits) run uncut
// on 2^17 points, 33 against 51 ms with 1.5, which cut them; the grid's peaks stay within 3×
// (2.79× on G2, 2.78× on 10^2 × 16384 bits); at 2.5, 10^3 × 1024 bits would peak at 3.26×.
var (
	vecMemFactor = 2.0
	vecMinBudget = 1 << 16
	alignMinBits = 1024
)

// kronLayout returns Kronecker substitution's slot size s for operands of lengths nx, ny with
// coefficients of at most bx, by bits, whether the slots are whole words, and the memory
// budget of vecMul's transform vectors in bytes (see vecMemFactor). A square gets the budget
// of the product of two such operands: with its one operand counted once, its budget would be
// smaller, and it could be cut into more pieces than the product and cost more.
func kronLayout(nx, ny, bx, by int) (s int, aligned bool, budget int) {
	s = boundBits(nx, ny, bx, by) + 1
	aligned = s >= alignMinBits && bits.UintSize == 64
	if aligned {
		s = (s + 63) / 64 * 64
	}
	n := nx + ny - 1
	io := nx*(40+8*((bx+63)/64)) + ny*(40+8*((by+63)/64)) + n*(40+8*((s-2)/64+1))
	budget = math.MaxInt
	if f := vecMemFactor * float64(io); f < float64(math.MaxInt/2) {
		budget = int(f)
	}
	if !aligned {
		budget -= n * s / 8 // the product's array
	}
	return s, aligned, max(budget, vecMinBudget)
}

// wordsOf returns p's memory as uint64s (big.Word is 64 bits wide where kronLayout aligns).
func wordsOf(p []big.Word) []uint64 {
	if len(p) == 0 {
		return nil
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(&p[0])), len(p))
}

// unpackAligned sets the fresh zero big.Ints dst[first], dst[first+step], … to the slots of p,
// sw whole words each, read as signed values with borrows as unpack does: p is a signed integer
// in two's complement, Σ c_j·2^(64·sw·j) with |c_j| < 2^(64·sw−1) (what lies past the slots
// read is ignored). Each coefficient's magnitude is computed in place of its slot and becomes
// its storage.
func unpackAligned(dst []*big.Int, first, step int, p []big.Word, sw int) {
	borrow := false
	for j, i := 0, first; i < len(dst); j, i = j+1, i+step {
		v := p[j*sw : (j+1)*sw : (j+1)*sw]
		z := dst[i]
		if borrow {
			// The slot below was negative: add its borrow. All ones become 2^s, which
			// stands for the coefficient 0 with the borrow passed on.
			if addBit(v, 0) {
				continue
			}
		}
		borrow = v[sw-1]>>63 != 0
		if borrow {
			// v ≥ 2^(s−1): the slot holds v − 2^s; its magnitude is 2^s − v.
			negWords(v)
		}
		z.SetBits(v)
		if borrow {
			z.Neg(z)
		}
	}
}

// vecPays reports whether Kronecker substitution multiplies integers of words words in all with
// vecMul: when useVec is set and the product has at least vecMinWords words.
func vecPays(words int) bool {
	return useVec && words >= vecMinWords
}

// slotWords returns the content of the slot of coefficient c (negated when flip is set) in
// Kronecker packing, given the pending borrow σ ∈ {0, 1} of the slots below, and the borrow it
// passes on. With the slots below holding L, the partial sum is L − σ·2^(s·i); the slot
// receives t = c − σ when t ≥ 0 (σ becomes 0), or 2^s + t when t < 0 (σ becomes 1), which is
// the complement of |c| over s bits, plus one when σ = 0. The content is c's own words, or
// buf (⌈s/64⌉ words) when it differs; nil for an empty slot. |c| < 2^(s−1).
func slotWords(c *big.Int, flip, borrow bool, s int, buf []big.Word) ([]big.Word, bool) {
	sign := c.Sign()
	if flip {
		sign = -sign
	}
	w := c.Bits()
	switch {
	case sign > 0 && !borrow:
		return w, false
	case sign > 0:
		// c − 1 ≥ 0, and the borrow is paid.
		n := copy(buf, w)
		subOne(buf[:n])
		return buf[:n], false
	case sign == 0 && !borrow:
		return nil, false
	}
	clear(buf[copy(buf, w):])
	for j := range buf {
		buf[j] = ^buf[j]
	}
	if !borrow {
		addBit(buf, 0)
	}
	if r := uint(s % 64); r != 0 {
		buf[len(buf)-1] &= 1<<r - 1
	}
	return buf, true
}

// slotSrc is an operand of Kronecker substitution for vecMul: the natural number
// Σ ±x_i·2^(s·i), the signs of the odd coefficients flipped when alt is set (x at −2^s), and
// every sign flipped (flip) when the highest nonzero term is then negative; fill packs its bits
// on demand.
type slotSrc struct {
	x         []*big.Int
	s         int
	alt, flip bool
	borrow    []uint64 // bit k: the pending borrow of the slots below slot k (see slotWords)
}

// newSlotSrc returns x's slotSrc for slots of s bits (every |x_i| < 2^(s−1)), at −2^s when
// alt is set; x's entries must not be nil.
func newSlotSrc(x []*big.Int, s int, alt bool) *slotSrc {
	src := &slotSrc{x: x, s: s, alt: alt, borrow: make([]uint64, len(x)/64+1)}
	for i := len(x) - 1; i >= 0; i-- {
		if sg := x[i].Sign(); sg != 0 {
			src.flip = (sg < 0) != src.odd(i)
			break
		}
	}
	borrow := false
	for k, c := range x {
		if borrow {
			src.borrow[k/64] |= 1 << (k % 64)
		}
		if sg := c.Sign(); sg != 0 {
			borrow = (sg < 0) != src.negates(k)
		}
	}
	return src
}

// odd reports whether slot k's coefficient is negated for the evaluation at −2^s.
func (src *slotSrc) odd(k int) bool { return src.alt && k&1 == 1 }

// negates reports whether slot k holds the negated coefficient.
func (src *slotSrc) negates(k int) bool { return src.flip != src.odd(k) }

// fillChunk is the number of limbs that slotSrc.fill packs at a time, into a buffer on its
// stack.
const fillChunk = 256

// fill is natSrc's fill: it packs the limbs a chunk at a time and fills from there.
func (src *slotSrc) fill(a []uint64, first, limbs, b int) {
	var buf [fillChunk*192/64 + 1]uint64
	tmp := make([]big.Word, (src.s+63)/64)
	for i := 0; i < limbs; i += fillChunk {
		cnt := min(fillChunk, limbs-i)
		out := buf[:(cnt*b+63)/64+1]
		clear(out)
		src.packBits(out, (first+i)*b, tmp)
		fillVec(a[vntt.Lanes*i:], out, 0, cnt, b)
	}
}

// bits is natSrc's bits: it packs the operand's bits from bit0 on into out.
func (src *slotSrc) bits(out []uint64, bit0 int) {
	clear(out)
	src.packBits(out, bit0, make([]big.Word, (src.s+63)/64))
}

// packBits sets out (zero on entry) to the operand's bits from bit0 on, as many as out holds;
// tmp is slotWords' buffer.
func (src *slotSrc) packBits(out []uint64, bit0 int, tmp []big.Word) {
	s := src.s
	k0 := bit0 / s
	k1 := min(len(src.x), (bit0+64*len(out)+s-1)/s)
	if k0 >= k1 {
		return
	}
	borrow := src.borrow[k0/64]>>(k0%64)&1 != 0
	for k := k0; k < k1; k++ {
		var w []big.Word
		w, borrow = slotWords(src.x[k], src.negates(k), borrow, s, tmp)
		orBits(out, w, k*s-bit0)
	}
}

// subOne subtracts 1 from the nonzero natural w in place.
func subOne(w []big.Word) {
	for j := range w {
		w[j]--
		if w[j] != ^big.Word(0) {
			return
		}
	}
}

// orBits ORs w·2^shift into z, dropping the bits below bit 0 (shift may be negative) and from
// bit 64·len(z) on. w is a big.Int's words or a natural's uint64s (64-bit words either way).
func orBits[W big.Word | uint64](z []uint64, w []W, shift int) {
	if shift < 0 {
		q := -shift / 64
		if q >= len(w) {
			return
		}
		w = w[q:]
		if r := uint(-shift % 64); r != 0 {
			for i := 0; i < len(w) && i < len(z); i++ {
				v := uint64(w[i]) >> r
				if i+1 < len(w) {
					v |= uint64(w[i+1]) << (64 - r)
				}
				z[i] |= v
			}
			return
		}
		shift = 0
	}
	q, r := shift/64, uint(shift%64)
	if q >= len(z) {
		return
	}
	z = z[q:]
	if r == 0 {
		for i := 0; i < len(w) && i < len(z); i++ {
			z[i] |= uint64(w[i])
		}
		return
	}
	var carry uint64
	for i, v := range w {
		if i >= len(z) {
			return
		}
		z[i] |= uint64(v)<<r | carry
		carry = uint64(v) >> (64 - r)
	}
	if carry != 0 && len(w) < len(z) {
		z[len(w)] |= carry
	}
}

// unpack reads dst[i] (len(dst) slots) from z as signed s-bit slot values with borrows, negated
// when neg is set. When fresh, dst's entries are new zero big.Ints that may take storage
// carved from a shared block; otherwise entries are set in place (nil ones allocated).
func unpack(dst []*big.Int, z []uint64, s int, neg, fresh bool) {
	w := (s + 1 + 63) / 64
	buf := make([]big.Word, w)
	ar := arena{hint: len(dst) * ((s + 63) / 64)}
	var borrow uint64
	for i := range dst {
		extract(buf, z, i*s, s)
		// Add the borrow of the previous slot.
		for j := 0; borrow != 0 && j < len(buf); j++ {
			var v uint64
			v, borrow = bits.Add64(uint64(buf[j]), borrow, 0)
			buf[j] = big.Word(v)
		}
		cneg := neg
		if bitAt(buf, s-1) || bitAt(buf, s) {
			// u ≥ 2^(s−1): the slot holds u − 2^s; its magnitude is 2^s − u.
			negWords(buf)
			addBit(buf, s)
			borrow = 1
			cneg = !cneg
		}
		writeCoeff(dst, i, buf, cneg, fresh, &ar)
	}
}

func bitAt(w []big.Word, i int) bool {
	return i/64 < len(w) && w[i/64]>>(uint(i)%64)&1 != 0
}

// addBit adds 2^i to w, discarding overflow out of w, and reports whether there was any.
func addBit(w []big.Word, i int) bool {
	c := uint64(1) << (uint(i) % 64)
	for j := i / 64; j < len(w) && c != 0; j++ {
		var v uint64
		v, c = bits.Add64(uint64(w[j]), c, 0)
		w[j] = big.Word(v)
	}
	return c != 0
}

// extract sets buf to bits [start, start+n) of z (zero beyond z), zero-extended to len(buf).
func extract(buf []big.Word, z []uint64, start, n int) {
	q, r := start/64, uint(start%64)
	nw := (n + 63) / 64
	for j := range buf {
		var v uint64
		if j < nw {
			if k := q + j; k < len(z) {
				v = z[k] >> r
				if r != 0 && k+1 < len(z) {
					v |= z[k+1] << (64 - r)
				}
			}
		}
		buf[j] = big.Word(v)
	}
	if t := uint(n % 64); t != 0 {
		buf[nw-1] &= 1<<t - 1
	}
}

// crt3 holds Garner's constants for the three primes of natMulInto.
type crt3 struct {
	m            [3]ntt.Modulus
	p1, p2, p3   uint64
	inv1, inv1q  uint64 // p1^−1 mod p2 and its Shoup quotient
	p1m3, p1m3q  uint64 // p1 mod p3
	inv12        uint64 // (p1·p2)^−1 mod p3
	inv12q       uint64
	p12hi, p12lo uint64 // p1·p2
}

var natBasis = func() *crt3 {
	b := &crt3{}
	for i := range 3 {
		m, err := ntt.NewModulus(ntt.Primes[i])
		if err != nil {
			panic("exact: internal error: " + err.Error())
		}
		b.m[i] = m
	}
	b.p1, b.p2, b.p3 = b.m[0].P(), b.m[1].P(), b.m[2].P()
	b.inv1 = b.m[1].Inv(b.p1)
	b.p1m3 = b.m[2].Reduce(b.p1)
	b.inv12 = b.m[2].Inv(b.m[2].Mul(b.p1m3, b.m[2].Reduce(b.p2)))
	b.p12hi, b.p12lo = bits.Mul64(b.p1, b.p2)
	b.inv1q = shoup(b.inv1, b.p2)
	b.p1m3q = shoup(b.p1m3, b.p3)
	b.inv12q = shoup(b.inv12, b.p3)
	return b
}()

// halfM3 is ⌊p1·p2·p3/2⌋ as three words: residues above it stand for negative values.
var halfM3 = func() [3]uint64 {
	m := new(big.Int).SetUint64(natBasis.p1)
	m.Mul(m, new(big.Int).SetUint64(natBasis.p2))
	m.Mul(m, new(big.Int).SetUint64(natBasis.p3))
	m.Rsh(m, 1)
	var h [3]uint64
	for i, w := range m.Bits() {
		h[i] = uint64(w)
	}
	return h
}()

// natMulInto returns the product of the naturals x and y (little-endian words; for a square,
// pass the same slice twice and each prime's convolution transforms it once) as len(x)+len(y)
// words: the 64-bit limbs are convolved modulo three primes (each convolution term is below
// min(len)·2^128 < p1·p2·p3), recombined by Garner's method and carried. all (at least
// 3·(len(x)+len(y)−1)+1 words) holds the three residue vectors, and the product is written
// over the third extended by a word: it is a part of all.
func natMulInto(all []uint64, x, y []uint64) []uint64 {
	n := len(x) + len(y) - 1
	b := natBasis
	r := convolveInto(all[:3*n], b.m[:], [][]uint64{x, x, x}, [][]uint64{y, y, y})
	z := all[2*n : 3*n+1]
	b.recombine(z, r[0], r[1], r[2])
	return z
}

// scalarMul is vecMul without the vector transforms (for CPUs without AVX-512 IFMA): x and y,
// of at most bx and by bits, are multiplied on 64-bit limbs by natMulInto, whole unless
// scalarPiece says their product is far beyond the budget, otherwise in pieces of m words each
// whose pairwise products are added into z (zero, of length lz, allocated when nil) at their
// word offsets. It holds the packed pieces and natMulInto's scratch (pooled), besides ntt's pooled
// transform buffers.
func scalarMul(z []uint64, lz int, x, y natSrc, bx, by int, sq bool, budget int) []uint64 {
	if z == nil {
		z = make([]uint64, lz)
	}
	wx, wy := (bx+63)/64, (by+63)/64
	if wx == 0 || wy == 0 {
		return z
	}
	if wx < wy {
		x, y, wx, wy = y, x, wy, wx
	}
	m := scalarPiece(wx, wy, budget)
	mx, my := min(m, wx), min(m, wy)
	sq = sq && mx == wx // an uncut square is transformed once per prime
	xp := wordPool.Get(mx)
	defer wordPool.Put(xp)
	yp := xp
	if !sq {
		yp = wordPool.Get(my)
		defer wordPool.Put(yp)
	}
	scratch := wordPool.Get(3*(mx+my-1) + 1)
	defer wordPool.Put(scratch)
	top := 0 // z's words from top on are still zero
	for jy := 0; jy < wy; jy += my {
		ys := (*yp)[:min(my, wy-jy)]
		y.bits(ys, 64*jy)
		for jx := 0; jx < wx; jx += mx {
			xs := ys
			if !sq {
				xs = (*xp)[:min(mx, wx-jx)]
				x.bits(xs, 64*jx)
			}
			r := natMulInto(*scratch, xs, ys)
			off := jx + jy
			w := min(len(z)-off, len(r)) // r's words past z are zero: the product fits in z
			if w <= 0 {
				continue
			}
			top = addAt(z, r[:w], off, top)
		}
	}
	return z
}

// scalarBytesPerWord is an estimate of scalarMul's memory per word of a product: the packed
// operands (one word), natMulInto's three residue vectors, and the transform buffers of the
// primes that convolveInto runs at once (up to three, one per processor; two buffers each, up
// to twice the product's length).
func scalarBytesPerWord() int {
	return 8 * (1 + 3 + 2*2*min(3, runtime.GOMAXPROCS(0)))
}

// scalarBudgetFactor is how many times Kronecker substitution's budget scalarMul's scratch may
// take before it cuts the operands: its pieces recompute both operands' transforms for every
// pair, which cost 2–3 times the uncut product's time on 10^3 coefficients of 1024 and 16384
// bits, so it cuts only products far beyond the budget. Uncut, the grid's products peak at
// 1.6–3.3 times their inputs and output on this path.
const scalarBudgetFactor = 4

// scalarPiece returns scalarMul's piece size in words for operands of wx ≥ wy words and a
// budget in bytes: wx (uncut) when the whole product's scratch fits scalarBudgetFactor times
// the budget, otherwise as large as keeps a product of two pieces within it, and at least 64.
func scalarPiece(wx, wy, budget int) int {
	b := budget
	if b < math.MaxInt/scalarBudgetFactor {
		b *= scalarBudgetFactor
	}
	per := scalarBytesPerWord()
	if per*(wx+wy) <= b {
		return wx
	}
	return max(64, b/(2*per))
}

// recombine sets z (len(r1)+1 words) to Σ_j c_j·2^(64j), where c_j < p1·p2·p3 is given by
// its residues r1[j], r2[j], r3[j] (each reduced); z may be r1, r2 or r3 extended by a word.
func (b *crt3) recombine(z, r1, r2, r3 []uint64) {
	var c0, c1 uint64 // carry into the next word (two words)
	for j := range r1 {
		w0, w1, w2 := b.garner(r1[j], r2[j], r3[j])
		var cc uint64
		// add the carry
		w0, cc = bits.Add64(w0, c0, 0)
		w1, cc = bits.Add64(w1, c1, cc)
		w2 += cc
		z[j] = w0
		c0, c1 = w1, w2
	}
	// The product has len(r1)+1 words, so c1 is zero here.
	z[len(r1)] = c0
}

// garner returns c < p1·p2·p3 as three words from its residues r1, r2, r3 (each reduced):
// c = v1 + v2·p1 + v3·p1·p2 with Shoup multiplications by the constant factors.
func (b *crt3) garner(r1, r2, r3 uint64) (w0, w1, w2 uint64) {
	p1, p2, p3 := b.p1, b.p2, b.p3
	v1 := r1
	v1p2 := v1 // v1 mod p2 (v1 < p1 < 2·p2)
	if v1p2 >= p2 {
		v1p2 -= p2
	}
	// v2 = (r2 − v1)·p1^−1 mod p2
	v2 := mulShoup(r2+p2-v1p2, b.inv1, b.inv1q, p2)
	// v3 = (r3 − v1 − v2·p1)·(p1p2)^−1 mod p3
	v1p3 := v1
	if v1p3 >= p3 {
		v1p3 -= p3
	}
	t := mulShoup(v2, b.p1m3, b.p1m3q, p3) + v1p3
	if t >= p3 {
		t -= p3
	}
	v3 := mulShoup(r3+p3-t, b.inv12, b.inv12q, p3)
	h, l := bits.Mul64(v2, p1)
	var cc uint64
	l, cc = bits.Add64(l, v1, 0)
	h += cc
	h1, l1 := bits.Mul64(v3, b.p12lo)
	h2, l2 := bits.Mul64(v3, b.p12hi)
	w0, cc = bits.Add64(l, l1, 0)
	w1, cc2 := bits.Add64(h, h1, cc)
	w1, cc = bits.Add64(w1, l2, 0)
	w2 = h2 + cc + cc2
	return w0, w1, w2
}

// shoup returns ⌊w·2^64/p⌋, the precomputed quotient of Shoup's multiplication by w < p.
func shoup(w, p uint64) uint64 {
	q, _ := bits.Div64(w, 0, p)
	return q
}

// mulShoup returns a·w mod p for any a < 2^64 and w < p < 2^63, given wq = shoup(w, p).
func mulShoup(a, w, wq, p uint64) uint64 {
	q, _ := bits.Mul64(a, wq)
	r := a*w - q*p
	if r >= p {
		r -= p
	}
	return r
}
