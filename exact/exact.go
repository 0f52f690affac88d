package exact

import (
	"math/big"
	"math/bits"
	"strconv"
	"sync"
)

// Algorithm names a multiplication method. The zero value, [Auto], lets [MulUsing] choose.
type Algorithm int

// The multiplication methods. Every method computes the same exact product; they differ only in
// speed. See the package documentation for when [Auto] picks each.
const (
	// Auto picks a method from the operand lengths and coefficient sizes.
	Auto Algorithm = iota
	// Schoolbook is the quadratic method: on word accumulators when every coefficient fits in
	// a word, otherwise on big.Int accumulators.
	Schoolbook
	// Karatsuba is Karatsuba's method at the polynomial level over big.Int coefficients.
	Karatsuba
	// Kronecker packs each operand into one big integer and multiplies the two integers with
	// this package's own NTT-based integer product.
	Kronecker
	// MultiModular reduces the coefficients modulo several word-size primes, convolves modulo
	// each prime with a number-theoretic transform, and recombines by the Chinese remainder
	// theorem. Products whose coefficients would need more primes than ntt.Primes holds are
	// computed by Kronecker substitution instead.
	MultiModular
	numAlgorithms
)

var algorithmNames = [...]string{"auto", "schoolbook", "karatsuba", "kronecker", "multimodular"}

// String returns the lower-case name of a, as used in benchmark names ("auto", "schoolbook",
// "karatsuba", "kronecker", "multimodular"), or "Algorithm(N)" for an unknown value.
func (a Algorithm) String() string {
	if a >= 0 && a < numAlgorithms {
		return algorithmNames[a]
	}
	return "Algorithm(" + strconv.Itoa(int(a)) + ")"
}

// MaxResultWords is the largest result, in 64-bit words of coefficient magnitude (as returned
// by [ResultWords]), that [Mul], [MulUsing], [Sqr], [Pow] and [MulRat] accept: 2^32 words, that
// is 32 GiB. Larger products are refused with a panic before any work starts.
const MaxResultWords = 1 << 32

// ResultWords returns the length of the product of polynomials with coefficient slices x and y
// (len(x)+len(y)−1, or 0 if either is empty) and an upper bound on the total number of 64-bit
// words the product's coefficients occupy. [Mul] panics when that bound exceeds
// [MaxResultWords]; callers that prefer an error can call ResultWords first. nil entries count
// as zero. ResultWords does not allocate.
func ResultWords(x, y []*big.Int) (length int, words int64) {
	if len(x) == 0 || len(y) == 0 {
		return 0, 0
	}
	bx, by := maxBitLen(x), maxBitLen(y)
	return len(x) + len(y) - 1, resultWords(len(x), len(y), bx, by)
}

// resultWords bounds the words of a product of lengths nx, ny with coefficient bit lengths at
// most bx, by; it saturates at MaxResultWords+1 instead of overflowing.
func resultWords(nx, ny, bx, by int) int64 {
	if bx == 0 || by == 0 {
		return 0
	}
	w := int64(boundBits(nx, ny, bx, by)+63) / 64
	l := int64(nx) + int64(ny) - 1
	if w > (MaxResultWords+1)/l {
		return MaxResultWords + 1
	}
	return w * l
}

func maxBitLen(x []*big.Int) int {
	m := 0
	for _, c := range x {
		if c != nil {
			m = max(m, c.BitLen())
		}
	}
	return m
}

// Mul sets dst to the product of the polynomials x and y (coefficients in ascending powers),
// that is the full linear convolution dst[k] = Σ x[i]·y[k−i], and returns dst. The result has
// length len(x)+len(y)−1, or 0 if x or y is empty. The product is exact for any signed
// coefficients; nil entries of x and y are read as zero.
//
// dst may be nil, in which case a new slice and new big.Ints are allocated (their words in a few
// shared blocks, so that one coefficient kept alive keeps its block alive); otherwise it must
// have exactly the result length, its non-nil entries are reused as storage and its nil entries
// are allocated. dst may be x or y (the same slice, or entries shared with them): every
// coefficient of x and y is read before any entry of dst is written. Mul never modifies x or y
// otherwise. Scratch (the operands' word magnitudes and signs, the multi-modular method's
// residue and convolution vectors, and Kronecker substitution's transform vectors) is taken
// from pools shared by all calls and handed back before Mul returns, so that repeated products
// of similar sizes allocate little besides the result; the result never refers to pooled
// memory. Auto keeps the scratch of one call below about twice the size of the operands plus
// the result (see the package documentation's Memory section).
//
// Mul panics with "exact: wrong dst length" if dst is non-nil and has the wrong length, and with
// "exact: result too large" if the result would exceed [MaxResultWords] words (see
// [ResultWords]). It is safe to call concurrently on distinct dst slices; it may use up to
// GOMAXPROCS goroutines.
func Mul(dst, x, y []*big.Int) []*big.Int {
	return MulUsing(Auto, dst, x, y)
}

// Sqr sets dst to x·x and returns it. It is [Mul](dst, x, x), which recognizes the repeated
// operand and reads and transforms x once; the same rules on dst, aliasing, nil entries and
// panics apply.
func Sqr(dst, x []*big.Int) []*big.Int {
	return MulUsing(Auto, dst, x, x)
}

// MulUsing is [Mul] with the method chosen by alg instead of automatically; every method returns
// the same exact result. Passing the same slice as x and y squares with shared transforms.
// It panics with "exact: unknown algorithm" if alg is not one of the defined constants, and
// otherwise exactly as [Mul] does.
func MulUsing(alg Algorithm, dst, x, y []*big.Int) []*big.Int {
	if alg < 0 || alg >= numAlgorithms {
		panic("exact: unknown algorithm")
	}
	if len(x) == 0 || len(y) == 0 {
		return emptyResult(dst)
	}
	n := len(x) + len(y) - 1
	if dst != nil && len(dst) != n {
		panic("exact: wrong dst length")
	}
	sq := len(x) == len(y) && &x[0] == &y[0]
	xs := scan(x)
	ys := xs
	if !sq {
		ys = scan(y)
	}
	if resultWords(len(x), len(y), xs.bits, ys.bits) > MaxResultWords {
		panic("exact: result too large")
	}
	x, y = xs.vals, ys.vals // the same slice again when squaring
	defer func() {
		xs.release()
		if !sq {
			ys.release()
		}
	}()
	if xs.bits == 0 || ys.bits == 0 {
		return setZero(dst, n)
	}
	if alg == Auto {
		alg = choose(len(x), len(y), xs.bits, ys.bits, sq)
	}
	switch alg {
	case Schoolbook:
		return copyOut(dst, schoolbook(x, y, xs, ys))
	case Karatsuba:
		return copyOut(dst, karatsuba(x, y))
	case Kronecker:
		return kronecker(dst, x, y, xs, ys)
	default:
		return multiModular(dst, x, y, xs, ys)
	}
}

// emptyResult returns the empty product in dst, which must be nil or empty.
func emptyResult[T any](dst []T) []T {
	if len(dst) != 0 {
		panic("exact: wrong dst length")
	}
	if dst == nil {
		return []T{}
	}
	return dst
}

// operandInfo summarizes one operand: its entries with nil replaced by a shared zero, the
// largest coefficient bit length and whether any coefficient is negative.
type operandInfo struct {
	vals []*big.Int
	bits int
	neg  bool
	// When every coefficient fits in a word (bits ≤ 64): the magnitudes and signs, gathered
	// in the same pass so that later passes read them sequentially.
	mag   []uint64
	signs []bool
	// The pooled buffers behind mag and signs (see release).
	magBuf  *[]uint64
	signBuf *[]bool
}

// release hands the scratch behind info.mag and info.signs back to their pools; nothing may
// use them afterwards. Operands scanned without a release simply leave them to the collector.
func (info *operandInfo) release() {
	wordPool.Put(info.magBuf)
	boolPool.Put(info.signBuf)
	info.mag, info.signs, info.magBuf, info.signBuf = nil, nil, nil, nil
}

var zeroInt = new(big.Int) // shared read-only zero for nil entries; never written

// scan returns the summary of x. Its magnitudes and signs are scratch from wordPool and boolPool,
// to be handed back with release once the product no longer needs them.
func scan(x []*big.Int) operandInfo {
	info := operandInfo{vals: x, magBuf: wordPool.Get(len(x)), signBuf: boolPool.Get(len(x))}
	info.mag, info.signs = *info.magBuf, *info.signBuf
	var mu sync.Mutex
	hasNil := false
	parallelFor(len(x), 1<<15, func(lo, hi int) {
		b, neg, nilSeen := 0, false, false
		mag, signs := info.mag[lo:hi], info.signs[lo:hi]
		clear(mag) // pooled: stale contents
		clear(signs)
		for i, c := range x[lo:hi] {
			if c == nil {
				nilSeen = true
				continue
			}
			w := c.Bits()
			switch len(w) {
			case 0:
				continue
			case 1:
				mag[i] = uint64(w[0])
				b = max(b, bits.Len64(uint64(w[0])))
			default:
				b = max(b, c.BitLen())
			}
			if c.Sign() < 0 {
				neg, signs[i] = true, true
			}
		}
		mu.Lock()
		info.bits = max(info.bits, b)
		info.neg = info.neg || neg
		hasNil = hasNil || nilSeen
		mu.Unlock()
	})
	if info.bits > 64 {
		info.release()
	}
	if hasNil {
		info.vals = make([]*big.Int, len(x))
		for i, c := range x {
			if c == nil {
				c = zeroInt
			}
			info.vals[i] = c
		}
	}
	return info
}

// setZero returns dst (allocated if nil) of length n with every entry zero.
func setZero(dst []*big.Int, n int) []*big.Int {
	if dst == nil {
		return newInts(n)
	}
	for i := range dst {
		if dst[i] == nil {
			dst[i] = new(big.Int)
		} else {
			dst[i].SetInt64(0)
		}
	}
	return dst
}

// newInts returns n distinct zero big.Ints allocated in one block.
func newInts(n int) []*big.Int {
	out := make([]*big.Int, n)
	linkInts(out)
	return out
}

// copyOut moves freshly computed results res (not aliasing anything the caller owns) into dst:
// if dst is nil, res itself is returned.
func copyOut(dst, res []*big.Int) []*big.Int {
	if dst == nil {
		return res
	}
	for i, r := range res {
		if dst[i] == nil {
			dst[i] = r
		} else {
			dst[i].Set(r)
		}
	}
	return dst
}

// negWords sets the natural number w (little-endian words) to its two's complement
// 2^(64·len(w)) − w, in place.
func negWords(w []big.Word) {
	var b uint64
	for i, v := range w {
		var r uint64
		r, b = bits.Sub64(0, uint64(v), b)
		w[i] = big.Word(r)
	}
}

// setWords sets z to (−1)^neg · w, reusing z's storage when it is large enough. w is copied and
// may be unnormalized.
func setWords(z *big.Int, w []big.Word, neg bool) {
	for len(w) > 0 && w[len(w)-1] == 0 {
		w = w[:len(w)-1]
	}
	buf := z.Bits()
	if cap(buf) < len(w) {
		buf = make([]big.Word, len(w))
	}
	buf = buf[:len(w)]
	for i, v := range w { // not copy: values of a word or two are the usual case
		buf[i] = v
	}
	z.SetBits(buf)
	if neg {
		z.Neg(z)
	}
}
