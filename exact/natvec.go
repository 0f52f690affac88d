package exact

import (
	"math/big"
	"math/bits"
	"runtime"

	"github.com/polyconv/polyconv/internal/vntt"
)

// useVec selects vecMul (eight primes below 2^50 in one vector transform, package
// internal/vntt) over scalarMul (three 62-bit primes, package ntt) for Kronecker substitution's
// integer product. It is on when vntt runs its AVX-512 IFMA kernels; tests set it to exercise
// the vector path with the generic kernels.
var useVec = vntt.Fast()

// vecMinWords is the smallest product, in words (len(x)+len(y)), that kronecker multiplies with
// vecMul when useVec is set; smaller ones use scalarMul. Measured with BenchmarkNatMul
// (GOMAXPROCS=1, AVX-512 IFMA kernels, AMD EPYC): the vector product is level with the scalar
// one at 8×8 words and twice as fast from 32×32 words on. Tests set it to 0.
var vecMinWords = 32

// vecParallelMin is the smallest transform length at which vecMul uses several goroutines
// (a variable so that tests can exercise the path).
var vecParallelMin = 1 << 14

// vecBits bounds the product coefficients of vecMul: every coefficient is below
// 2^(vecBits−2) ≤ M/4, where M = Π vntt.Primes > 2^399.9, as vntt.Recombine requires.
const vecBits = 399

// The bounds vecMul relies on: M = Π vntt.Primes has more than vecBits bits and fits in
// vntt.CRTWords words.
func init() {
	m := big.NewInt(1)
	for _, p := range vntt.Primes {
		m.Mul(m, new(big.Int).SetUint64(p))
	}
	if m.BitLen() > 64*vntt.CRTWords || m.BitLen() < vecBits+1 {
		panic("exact: internal error: vntt primes do not fit vecMul's bounds")
	}
}

// natSrc is an operand of vecMul: a natural number whose b-bit limbs fill writes, as residues,
// into transform vectors.
type natSrc interface {
	// fill sets points 0 … limbs−1 of a to the residues of limbs first … first+limbs−1 (as
	// fillVec does); the other points are not written.
	fill(a []uint64, first, limbs, b int)
	// bits sets out to the number's bits from bit0 on (zero past its end), as many as out
	// holds.
	bits(out []uint64, bit0 int)
}

// wordsSrc is a natural number given by its little-endian words.
type wordsSrc []uint64

func (x wordsSrc) fill(a []uint64, first, limbs, b int) { fillVec(a, x, first*b, limbs, b) }

func (x wordsSrc) bits(out []uint64, bit0 int) {
	clear(out)
	orBits(out, x, -bit0)
}

// vecMul returns the product of the naturals x and y, of at most bx and by bits, as lz words
// (lz must hold the product): in z, which must be zero and of length lz, or in new memory when
// z is nil. sq reports that x and y are one operand (a square). x and y are cut into limbs of
// b ≤ 192 bits (b as large as keeps every coefficient of the limb convolution below
// 2^(vecBits−2)); the limbs' residues modulo the eight primes of package vntt are convolved in
// vector transforms, and each coefficient is recovered by the explicit CRT and carried into
// the result at bit offset b·i.
//
// vecPlan chooses the transform length and whether the operands are cut into pieces, so that
// the transform vectors take at most budget bytes (when the budget allows at least 128
// points): uncut, when z is nil, vecMul allocates one vector of max(8n, 64, lz+4) words for
// x (n the power-of-two transform length, about 2·(bx+by)/b rounded up), whose prefix becomes
// the result, and takes y's vector of 8n words from vntt's pool (GetVec); uncut into a given z,
// it takes x's vector from the pool too when 8n words hold the result, and copies the result
// into z; cut (vecMulPieces), it takes both vectors from the pool. The
// transforms allocate column buffers that grow with n (see vntt). Uncut, when GOMAXPROCS ≥ 2
// and n ≥ vecParallelMin, x's limbs are filled while y's are filled and transformed on a
// second goroutine; x's transform, the pointwise product and the inverse then run fused
// (vntt's Plan.Convolve) on GOMAXPROCS workers, as does a square's; cut, every transform uses
// GOMAXPROCS workers.
func vecMul(z []uint64, lz int, x, y natSrc, bx, by int, sq bool, budget int) []uint64 {
	if bx == 0 || by == 0 {
		if z == nil {
			z = make([]uint64, lz)
		}
		return z
	}
	b, lx, ly := vecLimbs(bx, by)
	if lx < ly {
		x, y, lx, ly, bx, by = y, x, ly, lx, by, bx
	}
	sh := vecPlan(lx, ly, sq, budget)
	if sh.cut() {
		if z == nil {
			z = make([]uint64, lz)
		}
		vecMulPieces(z, x, y, b, lx, ly, bx, by, sh)
		return z
	}
	return vecMulWhole(z, x, y, b, lx, ly, lz, sq, sh.lg)
}

// vecMulWhole is vecMul uncut, on transforms of length 2^logn. With z nil, the product's lz
// words are the prefix of the new vector it returns; otherwise x's vector is pooled too (when
// it can hold the lz words) and the product is copied into z.
func vecMulWhole(z []uint64, x, y natSrc, b, lx, ly, lz int, sq bool, logn int) []uint64 {
	limbs := lx + ly - 1 // coefficients of the product
	pl := vntt.NewPlan(logn)
	n := pl.Len()
	// The output is written over the x vector, behind the points still to be read (see
	// carry). The vector is extended to a whole group of eight points for Recombine when the
	// transform is shorter, and by a few words when the output is longer than the transform.
	var all []uint64
	if size := max(vntt.Lanes*n, vntt.Lanes*vntt.Lanes, lz+4); z != nil && size == vntt.Lanes*n {
		all = pl.GetVec()
		defer pl.PutVec(all)
	} else {
		all = make([]uint64, size)
	}
	a := all[:vntt.Lanes*n]
	workers := 1
	if n >= vecParallelMin {
		workers = runtime.GOMAXPROCS(0)
	}
	if sq {
		x.fill(a, 0, lx, b)
		pl.Convolve(a, a, lx, workers)
	} else {
		// y's vector is pooled: repeated products of one size then neither allocate nor
		// fault in its pages again. A pooled vector holds old values past y's limbs, which
		// ForwardPrefix takes as zero without reading them; so is x's zero padding skipped.
		c := pl.GetVec()
		defer pl.PutVec(c)
		// x's limbs and y's transform, on two goroutines when workers ≥ 2 (parallelFor with
		// one item per goroutine), else one after the other; then x's transform, the product
		// and the inverse, fused.
		grain := 2
		if workers >= 2 {
			grain = 1
		}
		parallelFor(2, grain, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if i == 0 {
					x.fill(a, 0, lx, b)
				} else {
					forwardLimbs(pl, c, y, 0, ly, b, 1)
				}
			}
		})
		pl.Convolve(a, c, lx, workers)
	}
	carryVec(all, limbs, b, lz)
	if z != nil {
		copy(z, all[:lz])
		return z
	}
	return all[:lz:lz]
}

// vecMulPieces is vecMul cut as sh says: y (ly limbs of b bits, at most by bits) in sh.py
// pieces of sh.my limbs and x (lx limbs, at most bx bits) in sh.px pieces of sh.mx limbs, on
// transforms of length 2^sh.lg. Each piece of y is transformed once and multiplied by every
// piece of x, which is transformed anew for each piece of y; each product is added into z (zero
// on entry, long enough for the product) at the pieces' word offset. It holds two pooled
// vectors. It needs 128 < b ≤ 192 (carryVec), pieces other than the last a multiple of
// vecPieceAlign limbs, and sh.mx+sh.my−1 ≤ 2^sh.lg with at least eight points.
func vecMulPieces(z []uint64, x, y natSrc, b, lx, ly, bx, by int, sh vecShape) {
	pl := vntt.NewPlan(sh.lg)
	workers := 1
	if pl.Len() >= vecParallelMin {
		workers = runtime.GOMAXPROCS(0)
	}
	c := pl.GetVec()
	defer pl.PutVec(c)
	a := pl.GetVec()
	defer pl.PutVec(a)
	top := 0 // z's words from top on are still zero
	for jy := 0; jy < ly; jy += sh.my {
		cy := min(sh.my, ly-jy)
		forwardLimbs(pl, c, y, jy, cy, b, workers)
		ybits := min(cy*b, by-jy*b) // the piece is below 2^ybits
		for jx := 0; jx < lx; jx += sh.mx {
			cx := min(sh.mx, lx-jx)
			x.fill(a, jx, cx, b)
			pl.Convolve(a, c, cx, workers)
			// The pieces' product is below 2^(xbits+ybits); it starts at bit (jx+jy)·b, a word
			// boundary.
			xbits := min(cx*b, bx-jx*b)
			off := (jx + jy) * b / 64
			w := min(len(z)-off, (xbits+ybits+63)/64)
			if w <= 0 {
				continue
			}
			carryVec(a, cx+cy-1, b, w)
			top = addAt(z, a[:w], off, top)
		}
	}
}

// forwardLimbs fills a with the residues of x's limbs first … first+limbs−1 and transforms it
// on up to workers goroutines, the points past them taken as zero.
func forwardLimbs(pl *vntt.Plan, a []uint64, x natSrc, first, limbs, b, workers int) {
	x.fill(a, first, limbs, b)
	pl.ForwardPrefix(a, limbs, workers)
}

// addAt adds v·2^(64·off) into z, whose words from top on are zero, and returns the new
// top: v is added to the words it overlaps and copied past them, and a carry runs on into z's
// higher words (the sum must fit in z).
func addAt(z, v []uint64, off, top int) int {
	n := min(max(top-off, 0), len(v)) // words of v that overlap nonzero words of z
	var c uint64
	for i, w := range v[:n] {
		z[off+i], c = bits.Add64(z[off+i], w, c)
	}
	copy(z[off+n:], v[n:])
	top = max(top, off+len(v))
	for i := off + n; c != 0; i++ {
		z[i], c = bits.Add64(z[i], 0, c)
		top = max(top, i+1)
	}
	return top
}

// natBitLen returns the bit length of the natural x.
func natBitLen(x []uint64) int {
	for i := len(x) - 1; i >= 0; i-- {
		if x[i] != 0 {
			return 64*i + bits.Len64(x[i])
		}
	}
	return 0
}

// vecLimbs returns the limb size b of vecMul for operands of bx, by bits and their limb
// counts: the largest b ≤ 192 with 2b + bits.Len(min(lx, ly)) + 2 ≤ vecBits, so that each of
// the min(lx, ly) terms of a coefficient is below 2^(2b) and their sum below 2^(vecBits−2).
func vecLimbs(bx, by int) (b, lx, ly int) {
	for b = 192; ; b-- {
		lx, ly = (bx+b-1)/b, (by+b-1)/b
		if 2*b+bits.Len(uint(min(lx, ly)))+2 <= vecBits {
			return b, lx, ly
		}
	}
}

// fillBatch is the number of limbs whose 52-bit digits fillVec gathers for one
// vntt.SetLimbs call.
const fillBatch = 256

// fillVec sets the first limbs points of a to the residues of the b-bit limbs of x from bit
// pos on, point i holding the eight residues (each below 4p, as Forward accepts) of the limb at
// bit pos+b·i; the other points are not written. Bits past x are zero. 128 < b ≤ 192: each
// limb is cut into four 52-bit digits, which vntt.SetLimbs reduces.
func fillVec(a, x []uint64, pos, limbs, b int) {
	e := uint(b - 128)
	mask := ^uint64(0) >> (64 - e)
	var d [4 * fillBatch]uint64
	p := uint(pos) // bit position of the next limb
	for i0 := 0; i0 < limbs; i0 += fillBatch {
		i1 := min(i0+fillBatch, limbs)
		for k := 0; k < 4*(i1-i0); k += 4 {
			q, r := int(p/64), p&63
			p += uint(b)
			var xs [4]uint64
			if q+3 < len(x) {
				xs = [4]uint64(x[q : q+4])
			} else if q < len(x) {
				// The last limbs, whose words run past x.
				copy(xs[:], x[q:])
			}
			// v<<(63−r)<<1 is v<<(64−r), zero when r = 0, with counts below 64 (no check for
			// larger ones compiled in).
			l := (63 - r) & 63
			w0 := xs[0]>>r | xs[1]<<l<<1
			w1 := xs[1]>>r | xs[2]<<l<<1
			w2 := (xs[2]>>r | xs[3]<<l<<1) & mask
			dk := (*[4]uint64)(d[k : k+4])
			dk[0] = w0 & mask52
			dk[1] = (w0>>52 | w1<<12) & mask52
			dk[2] = (w1>>40 | w2<<24) & mask52
			dk[3] = w2 >> 28
		}
		vntt.SetLimbs(a[vntt.Lanes*i0:vntt.Lanes*i1], d[:4*(i1-i0)])
	}
}

// mask52 keeps the low 52 bits of a word.
const mask52 = 1<<52 - 1

// carryVec reads the first limbs points of all (the convolution, residues below 2p per lane),
// recovers each coefficient c_i < 2^(vecBits−2) with vntt.Recombine (eight points at a time,
// so all holds at least 8·⌈limbs/8⌉ points) and writes Σ c_i·2^(b·i) as the first lz words of
// all, over the points already read. Words past lz may be overwritten with zeros up to index
// lz+2.
func carryVec(all []uint64, limbs, b, lz int) {
	const g = vntt.Lanes * vntt.Lanes // words of a group of eight points
	vntt.Recombine(all[:g*((limbs+vntt.Lanes-1)/vntt.Lanes)])
	e := uint(b - 128)
	e1, ec := e-1, 64-e
	mask := ^uint64(0) >> (64 - e)
	var grp [g]uint64 // the current group, copied out before output overwrites it
	// a0…a6: the carry into coefficient i, then plus c_i (in variables, not an array, so that
	// they stay in registers).
	var a0, a1, a2, a3, a4, a5, a6 uint64
	var pend uint64 // output bits not yet stored, pn of them
	var pn uint
	w := 0 // next output word: below 3i+3 ≤ 64·⌈(i+1)/8⌉ while coefficient i is added
	for i := range limbs {
		k := i & (vntt.Lanes - 1)
		if k == 0 {
			grp = [g]uint64(all[i*vntt.Lanes : i*vntt.Lanes+g])
		}
		var c uint64
		a0, c = bits.Add64(a0, grp[k], 0)
		a1, c = bits.Add64(a1, grp[8+k], c)
		a2, c = bits.Add64(a2, grp[16+k], c)
		a3, c = bits.Add64(a3, grp[24+k], c)
		a4, c = bits.Add64(a4, grp[32+k], c)
		a5, c = bits.Add64(a5, grp[40+k], c)
		a6 += grp[48+k] + c
		// Emit the low b bits. Shift counts are masked to 0…63 so that no check for counts of
		// 64 or more is compiled in; x >> (63−pn) >> 1 is x >> (64−pn), zero when pn = 0.
		v2 := a2 & mask
		o := all[w : w+3]
		o[0] = pend | a0<<(pn&63)
		o[1] = a0>>((63-pn)&63)>>1 | a1<<(pn&63)
		pend = a1>>((63-pn)&63)>>1 | v2<<(pn&63)
		w += 2
		pn += e
		if pn >= 64 {
			o[2] = pend
			w++
			pn -= 64
			pend = v2 >> ((e - pn - 1) & 63) >> 1 // e − pn is 1…64
		}
		// a >>= b, as a >>= 128 then >>= e (1 ≤ e ≤ 64): x>>(e−1)>>1 is x>>e, and
		// y<<((64−e)&63) is y<<(64−e) except for e = 64, where x>>e is zero and y<<0 is right.
		a0 = a2>>(e1&63)>>1 | a3<<(ec&63)
		a1 = a3>>(e1&63)>>1 | a4<<(ec&63)
		a2 = a4>>(e1&63)>>1 | a5<<(ec&63)
		a3 = a5>>(e1&63)>>1 | a6<<(ec&63)
		a4 = a6 >> (e1 & 63) >> 1
		a5, a6 = 0, 0
	}
	rest := [...]uint64{a0, a1, a2, a3, a4}
	for j := 0; w < lz; j++ {
		var v uint64
		if j < len(rest) {
			v = rest[j]
		}
		all[w] = pend | v<<pn
		pend = v >> (64 - pn)
		w++
	}
}
