package exact

import (
	"math/big"
	"math/bits"
	"runtime"
	"sync"

	"github.com/polyconv/polyconv/internal/vntt"
)

// The multi-modular product on package vntt's primes, one prime per vector (vntt.OnePlan):
// for operands whose coefficients all fit in a word, with the AVX-512 IFMA kernels. Every
// prime's convolution runs on vectors of one residue per word, eight points per 512-bit
// register, so a product of n coefficients costs about k transforms of n points with k of the
// 50-bit primes, against the scalar transforms of package ntt with k' ≈ 0.8k of its 62-bit
// primes at three to four times the time per point.

// useOne switches the one-prime-per-vector path on (tests turn it off to reach package ntt's).
var useOne = true

// onePrimes returns the fewest of vntt's primes whose product M exceeds 2·s·2^(bx+by) with
// s = min(nx, ny), and so twice every coefficient's magnitude in a product of lengths nx, ny
// with coefficients below 2^bx and 2^by (a product of n terms has |z| ≤ s·(2^bx−1)·(2^by−1)),
// or 0 if the eight are too few.
func onePrimes(nx, ny, bx, by int) int {
	var lim, m big.Int
	lim.Lsh(lim.SetInt64(int64(2*min(nx, ny))), uint(bx+by))
	m.SetInt64(1)
	for k, p := range vntt.Primes {
		if m.Mul(&m, new(big.Int).SetUint64(p)).Cmp(&lim) > 0 {
			return k + 1
		}
	}
	return 0
}

// onePays reports whether multiModular takes the one-prime-per-vector path for operands of
// lengths nx, ny whose coefficients have at most bx, by bits, and how many primes it uses.
func onePays(nx, ny, bx, by int) (int, bool) {
	if !useOne || !vntt.Fast() || bx > 64 || by > 64 {
		return 0, false
	}
	k := onePrimes(nx, ny, bx, by)
	return k, k > 0 && oneLog(nx+ny-1) <= vntt.MaxLog
}

// oneLog returns log2 of the OnePlan length for a product of n coefficients: the next power of
// two, at least 16.
func oneLog(n int) int { return max(4, bits.Len(uint(n-1))) }

// oneBasis holds Garner's constants for the first k of vntt's primes: x = v_0 + p_0·(v_1 +
// p_1·(v_2 + …)) with v_i = (r_i − (x mod p_i … from v_0 … v_{i−1}))·(p_0⋯p_{i−1})^−1 mod p_i.
type oneBasis struct {
	p    []uint64
	pm   [][]uint64 // pm[i][j] = p_j mod p_i (j < i), and its Shoup quotient at pm[i][i+j]
	c    []uint64   // c[i] = (p_0⋯p_{i−1})^−1 mod p_i, and cq its quotient
	cq   []uint64
	m    []big.Word // M = Π p_i, k words
	half []big.Word // ⌊M/2⌋
}

var (
	oneBasesMu sync.Mutex
	oneBases   [vntt.Lanes + 1]*oneBasis
)

// oneBasisFor returns the (cached) Garner basis of the first k of vntt's primes.
func oneBasisFor(k int) *oneBasis {
	oneBasesMu.Lock()
	defer oneBasesMu.Unlock()
	if b := oneBases[k]; b != nil {
		return b
	}
	b := &oneBasis{p: vntt.Primes[:k:k], pm: make([][]uint64, k), c: make([]uint64, k), cq: make([]uint64, k)}
	prod := big.NewInt(1)
	var t big.Int
	for i, p := range b.p {
		pb := new(big.Int).SetUint64(p)
		b.pm[i] = make([]uint64, 2*i)
		for j := range i {
			w := b.p[j] % p
			b.pm[i][j], b.pm[i][i+j] = w, shoup(w, p)
		}
		if i > 0 {
			b.c[i] = t.ModInverse(t.Mod(prod, pb), pb).Uint64()
		} else {
			b.c[i] = 1
		}
		b.cq[i] = shoup(b.c[i], p)
		prod.Mul(prod, pb)
	}
	b.m = wordsK(prod, k)
	b.half = wordsK(prod.Rsh(prod, 1), k)
	oneBases[k] = b
	return b
}

// oneModular computes x·y for word-size coefficients (xs.mag and ys.mag set) modulo k of
// vntt's primes: per prime, the residues in a vector, OnePlan's convolution, then Garner's
// CRT into dst (allocated if nil). Every entry of x and y is read before dst is written.
func oneModular(dst []*big.Int, x, y []*big.Int, xs, ys operandInfo, k int) []*big.Int {
	sq := &x[0] == &y[0] && len(x) == len(y)
	n := len(x) + len(y) - 1
	logn := oneLog(n)
	workers := runtime.GOMAXPROCS(0)
	zr := make([][]uint64, k)
	ops := make([]*vntt.OnePlan, k)
	for i := range k {
		op := vntt.NewOnePlan(logn, i)
		ops[i] = op
		a := op.GetVec()
		oneResidues(a, xs, op.Prime())
		if sq {
			op.Convolve(a, a, len(x), workers)
		} else {
			b := op.GetVec()
			oneResidues(b, ys, op.Prime())
			op.ForwardPrefix(b, len(y), workers)
			op.Convolve(a, b, len(x), workers)
			op.PutVec(b)
		}
		zr[i] = a
	}
	// |z_j| ≤ min(nx, ny)·(2^bx − 1)·(2^by − 1) < 2^(bx+by+len(min(nx, ny))).
	wmax := min(k, (xs.bits+ys.bits+bits.Len(uint(min(len(x), len(y))))+63)/64)
	dst = oneCRT(dst, zr, n, wmax, oneBasisFor(k))
	for i, a := range zr {
		ops[i].PutVec(a)
	}
	return dst
}

// oneResidues writes the residues below 4p of the word-size coefficients of info to a[:len]:
// a magnitude v is v mod 2^50 + ⌊v/2^50⌋·(2^50 mod p), below 2^50 + 2^14·2^37, and a negative
// coefficient's residue r becomes 4p − r.
func oneResidues(a []uint64, info operandInfo, p uint64) {
	r50 := uint64(1)<<50 - p // 2^50 mod p, below 2^37 for every prime
	p4 := 4 * p
	parallelFor(len(info.mag), residueGrain, func(lo, hi int) {
		out := a[lo:hi]
		signs := info.signs[lo:hi]
		for i, v := range info.mag[lo:hi] {
			r := v&(1<<50-1) + v>>50*r50
			// Without a branch (signs are often random): m is all ones for a negative
			// coefficient, whose residue is 4p − r, or 0 when r = 0.
			var neg uint64
			if signs[i] {
				neg = 1
			}
			m := -neg
			t := p4 - r
			t = min(t, t-p4)
			out[i] = r ^ (r^t)&m
		}
	})
}

// signBit marks a negative value in the top digit column of oneCRT's kernels: every value is
// below M < 2^(50k), so the top word of its k words never reaches bit 63.
const signBit = 1 << 63

// oneCRT recombines the residues zr[i][j] (below 2p_i, j < n) by Garner's algorithm into
// dst, allocated if nil, in the symmetric range (−M/2, M/2); every value has at most wmax
// words. Chunk by chunk, a kernel overwrites the residues of coefficient j with its k words
// (zr[i][j] = word i, signBit set in zr[k−1][j] when negative), then emitInts builds the
// big.Ints.
func oneCRT(dst []*big.Int, zr [][]uint64, n, wmax int, b *oneBasis) []*big.Int {
	fresh := dst == nil
	if fresh {
		dst = make([]*big.Int, n)
	}
	parallelFor(n, crtGrain, func(lo, hi int) {
		switch len(b.p) {
		case 2:
			oneCRT2(zr[0][lo:hi], zr[1][lo:hi], b)
		case 3:
			oneCRT3(zr[0][lo:hi], zr[1][lo:hi], zr[2][lo:hi], b)
		default:
			oneCRTAny(zr, lo, hi, b)
		}
		emitInts(dst, zr, lo, hi, wmax, fresh)
	})
	return dst
}

// oneCRTAny is oneCRT's kernel for any number of primes, on coefficients lo … hi−1.
func oneCRTAny(zr [][]uint64, lo, hi int, b *oneBasis) {
	k := len(b.p)
	var v [vntt.Lanes]uint64
	var acc [vntt.Lanes + 1]big.Word
	for j := lo; j < hi; j++ {
		for i, p := range b.p {
			r := zr[i][j]
			if r >= p {
				r -= p
			}
			if i > 0 {
				// x mod p_i from the digits so far, by Horner: v_0 + p_0·(v_1 + …).
				pm := b.pm[i]
				s := v[i-1]
				for s >= p { // v_t < p_t, which may exceed p_i by up to 2^39
					s -= p
				}
				for t := i - 2; t >= 0; t-- {
					s = mulShoup(s, pm[t], pm[i+t], p) + v[t]
					for s >= p {
						s -= p
					}
				}
				r += p - s
				r = mulShoup(r, b.c[i], b.cq[i], p)
			}
			v[i] = r
		}
		// x = v_0 + p_0·(v_1 + p_1·(…)), below M.
		w := acc[:1]
		w[0] = big.Word(v[k-1])
		for i := k - 2; i >= 0; i-- {
			var carry uint64 = v[i]
			for t := range w {
				hi, lo := bits.Mul64(uint64(w[t]), b.p[i])
				var c uint64
				lo, c = bits.Add64(lo, carry, 0)
				w[t], carry = big.Word(lo), hi+c
			}
			if carry != 0 {
				w = acc[:len(w)+1]
				w[len(w)-1] = big.Word(carry)
			}
		}
		neg := greaterWords(w, b.half)
		if neg {
			w = subFromWords(acc[:k], w, b.m)
		}
		for i := range k {
			var d uint64
			if i < len(w) {
				d = uint64(w[i])
			}
			zr[i][j] = d
		}
		if neg {
			zr[k-1][j] |= signBit
		}
	}
}

// emitInts sets dst[lo … hi−1] from oneCRT's digit columns. When fresh, the entries point
// into one new block of big.Ints whose words are consecutive in one new slab (at most wmax
// per value, capacity capped); otherwise each entry is reused, or allocated if nil.
func emitInts(dst []*big.Int, d [][]uint64, lo, hi, wmax int, fresh bool) {
	top := d[len(d)-1]
	if !fresh {
		var w [vntt.Lanes]big.Word
		for j := lo; j < hi; j++ {
			l := digitWords(w[:wmax], d, j)
			if dst[j] == nil {
				dst[j] = new(big.Int)
			}
			setWords(dst[j], w[:l], top[j]&signBit != 0)
		}
		return
	}
	block := make([]big.Int, hi-lo)
	slab := make([]big.Word, (hi-lo)*wmax)
	c := 0
	for j := lo; j < hi; j++ {
		w := slab[c : c+wmax : c+wmax]
		l := digitWords(w, d, j)
		z := &block[j-lo]
		z.SetBits(w[:l:l])
		if top[j]&signBit != 0 {
			z.Neg(z)
		}
		dst[j] = z
		c += l
	}
}

// digitWords sets w to the low len(w) words of value j in oneCRT's digit columns d (the sign
// bit cleared) and returns the length of w without its high zero words.
func digitWords(w []big.Word, d [][]uint64, j int) int {
	for i := range w {
		w[i] = big.Word(d[i][j])
	}
	l := len(w)
	if l == len(d) {
		w[l-1] &^= signBit
	}
	for l > 0 && w[l-1] == 0 {
		l--
	}
	return l
}

// greaterWords reports whether the natural number w (len(w) ≤ len(h)) exceeds h.
func greaterWords(w, h []big.Word) bool {
	for i := len(h) - 1; i >= 0; i-- {
		var x big.Word
		if i < len(w) {
			x = w[i]
		}
		if x != h[i] {
			return x > h[i]
		}
	}
	return false
}

// subFromWords sets out (len(m) words, which may share storage with w) to m − w for w ≤ m and
// returns it.
func subFromWords(out, w, m []big.Word) []big.Word {
	var borrow uint64
	for i := range m {
		var x uint64
		if i < len(w) {
			x = uint64(w[i])
		}
		d, b := bits.Sub64(uint64(m[i]), x, borrow)
		out[i], borrow = big.Word(d), b
	}
	return out
}

// oneCRT2 is oneCRT's kernel for two primes on the residues r0, r1, which it overwrites:
// v_1 = (r_1 − r_0)·p_0^−1 mod p_1 and x = r_0 + p_0·v_1 (r_0 < p_0 < 2p_1).
func oneCRT2(r0, r1 []uint64, b *oneBasis) {
	p0, p1 := b.p[0], b.p[1]
	c1, c1q := b.c[1], b.cq[1]
	h0, h1 := uint64(b.half[0]), uint64(b.half[1])
	m0, m1 := uint64(b.m[0]), uint64(b.m[1])
	r1 = r1[:len(r0)]
	for j, x0 := range r0 {
		x0 = min(x0, x0-p0)
		x1 := min(r1[j], r1[j]-p1)
		v1 := mulShoup(x1+2*p1-x0, c1, c1q, p1)
		hi, lo0 := bits.Mul64(p0, v1)
		var c uint64
		lo0, c = bits.Add64(lo0, x0, 0)
		hi += c
		neg := hi > h1 || hi == h1 && lo0 > h0
		if neg {
			var bw uint64
			lo0, bw = bits.Sub64(m0, lo0, 0)
			hi, _ = bits.Sub64(m1, hi, bw)
		}
		if neg {
			hi |= signBit
		}
		r0[j], r1[j] = lo0, hi
	}
}

// oneCRT3 is oneCRT's kernel for three primes: v_1 as in oneCRT2, v_2 = (r_2 − r_0 − (p_0 mod
// p_2)·v_1)·(p_0·p_1)^−1 mod p_2, and x = r_0 + p_0·(v_1 + p_1·v_2).
func oneCRT3(r0, r1, r2 []uint64, b *oneBasis) {
	p0, p1, p2 := b.p[0], b.p[1], b.p[2]
	c1, c1q, c2, c2q := b.c[1], b.cq[1], b.c[2], b.cq[2]
	q20, q20q := b.pm[2][0], b.pm[2][2]
	h := [3]uint64{uint64(b.half[0]), uint64(b.half[1]), uint64(b.half[2])}
	m := [3]uint64{uint64(b.m[0]), uint64(b.m[1]), uint64(b.m[2])}
	r1, r2 = r1[:len(r0)], r2[:len(r0)]
	for j, x0 := range r0 {
		x0 = min(x0, x0-p0)
		x1 := min(r1[j], r1[j]-p1)
		x2 := min(r2[j], r2[j]-p2)
		v1 := mulShoup(x1+2*p1-x0, c1, c1q, p1)
		t := mulShoup(v1, q20, q20q, p2)
		v2 := mulShoup(x2+4*p2-x0-t, c2, c2q, p2)
		// u = v_1 + p_1·v_2 (two words), then x = x_0 + p_0·u (three).
		uh, ul := bits.Mul64(p1, v2)
		var c uint64
		ul, c = bits.Add64(ul, v1, 0)
		uh += c
		a1, a0 := bits.Mul64(p0, ul)
		a2, t1 := bits.Mul64(p0, uh)
		a1, c = bits.Add64(a1, t1, 0)
		a2 += c
		a0, c = bits.Add64(a0, x0, 0)
		a1, c = bits.Add64(a1, 0, c)
		a2 += c
		neg := a2 > h[2] || a2 == h[2] && (a1 > h[1] || a1 == h[1] && a0 > h[0])
		if neg {
			var bw uint64
			a0, bw = bits.Sub64(m[0], a0, 0)
			a1, bw = bits.Sub64(m[1], a1, bw)
			a2, _ = bits.Sub64(m[2], a2, bw)
		}
		if neg {
			a2 |= signBit
		}
		r0[j], r1[j], r2[j] = a0, a1, a2
	}
}
