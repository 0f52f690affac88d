package exact

import (
	"math"
	"math/big"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/polyconv/polyconv/internal/pool"
	"github.com/polyconv/polyconv/ntt"
)

// primeBits is a lower bound on log2 of every prime in ntt.Primes (all exceed 2^61.9).
const primeBits = 61

// primesFor returns how many primes of ntt.Primes make a modulus M ≥ 4·2^b, enough to recover
// integers of absolute value below 2^b from their residues with the explicit CRT.
func primesFor(b int) int {
	return (b + 2 + primeBits - 1) / primeBits
}

// boundBits returns b such that every coefficient of the product of lengths nx, ny with
// coefficients of at most bx, by bits has absolute value below 2^b.
func boundBits(nx, ny, bx, by int) int {
	return bx + by + bits.Len(uint(min(nx, ny)))
}

// crtBasis holds the constants of the explicit CRT over the first k primes:
// c ≡ Σ t_i·(M/p_i) − q·M with t_i = r_i·(M/p_i)^−1 mod p_i and q = round(Σ t_i/p_i).
type crtBasis struct {
	mods []ntt.Modulus
	m    []big.Word   // M = Π p_i, k words
	mi   [][]big.Word // M/p_i, k words each
	mit  []uint64     // mit[j·k+i] = word j of M/p_i (transposed, for column-wise sums)
	inv  []uint64     // (M/p_i)^−1 mod p_i
	invq []uint64     // Shoup quotients of inv
	finv []float64    // 1/p_i
	pow  [][]uint64   // pow[i][j] = 2^(64j) mod p_i, grown on demand
	mu   sync.Mutex
}

var (
	basesMu sync.Mutex
	bases   = map[int]*crtBasis{}
)

// basisFor returns the (cached) CRT basis of the first k primes.
func basisFor(k int) *crtBasis {
	basesMu.Lock()
	defer basesMu.Unlock()
	if b, ok := bases[k]; ok {
		return b
	}
	b := &crtBasis{}
	mBig := big.NewInt(1)
	for _, p := range ntt.Primes[:k] {
		m, err := ntt.NewModulus(p)
		if err != nil {
			panic("exact: internal error: " + err.Error())
		}
		b.mods = append(b.mods, m)
		mBig.Mul(mBig, new(big.Int).SetUint64(p))
	}
	b.m = wordsK(mBig, k)
	var t big.Int
	for _, m := range b.mods {
		p := new(big.Int).SetUint64(m.P())
		mi := new(big.Int).Quo(mBig, p)
		b.mi = append(b.mi, wordsK(mi, k))
		b.inv = append(b.inv, m.Inv(t.Mod(mi, p).Uint64()))
		b.invq = append(b.invq, shoup(b.inv[len(b.inv)-1], m.P()))
		b.finv = append(b.finv, 1/float64(m.P()))
	}
	b.mit = make([]uint64, k*k)
	for i, mi := range b.mi {
		for j, w := range mi {
			b.mit[j*k+i] = uint64(w)
		}
	}
	bases[k] = b
	return b
}

// powTables returns tables with 2^(64j) mod p_i for j < w.
func (b *crtBasis) powTables(w int) [][]uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.pow) == 0 || len(b.pow[0]) < w {
		w = max(w, 2*len(b.pow))
		pow := make([][]uint64, len(b.mods))
		for i, m := range b.mods {
			r := m.Reduce(1<<63) * 2 % m.P() // 2^64 mod p
			t := make([]uint64, w)
			t[0] = 1
			for j := 1; j < w; j++ {
				t[j] = m.Mul(t[j-1], r)
			}
			pow[i] = t
		}
		b.pow = pow
	}
	return b.pow
}

// wordsK returns the k low words of a non-negative x.
func wordsK(x *big.Int, k int) []big.Word {
	out := make([]big.Word, k)
	copy(out, x.Bits())
	return out
}

// Scratch of the multi-modular product and of scan: residue and convolution vectors and
// magnitudes, and signs.
var (
	wordPool pool.Slices[uint64]
	boolPool pool.Slices[bool]
)

// Work sizes of the parallel loops over coefficients (variables so that tests can exercise the
// parallel paths on small inputs).
var (
	residueGrain = 4096
	crtGrain     = 2048
)

// crtBlock is the number of points whose residues the CRT gathers at a time.
const crtBlock = 64

// parallelFor calls f(lo, hi) on consecutive chunks of [0, n) of about grain items, from up to
// GOMAXPROCS goroutines, and returns when all calls have returned.
func parallelFor(n, grain int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+grain-1)/grain)
	if workers <= 1 {
		f(0, n)
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(grain))) - grain
				if lo >= n {
					return
				}
				f(lo, min(lo+grain, n))
			}
		}()
	}
	wg.Wait()
}

// multiModular computes x·y by reduction modulo k NTT primes, k cyclic convolutions of a
// power-of-two length, and the explicit CRT, writing into dst (allocated if nil). Every entry of
// x and y is read before dst is written.
func multiModular(dst, x, y []*big.Int, xs, ys operandInfo) []*big.Int {
	if k, ok := onePays(len(x), len(y), xs.bits, ys.bits); ok && xs.mag != nil && ys.mag != nil {
		return oneModular(dst, x, y, xs, ys, k)
	}
	b := boundBits(len(x), len(y), xs.bits, ys.bits)
	k := primesFor(b)
	if k > len(ntt.Primes) {
		return kronecker(dst, x, y, xs, ys)
	}
	sq := &x[0] == &y[0] && len(x) == len(y)
	n := len(x) + len(y) - 1
	basis := basisFor(k)
	xr, xbuf := residues(x, xs, basis)
	yr, ybuf := xr, xbuf
	if !sq {
		yr, ybuf = residues(y, ys, basis)
	}
	zbuf := wordPool.Get(k * n)
	zr := convolveInto(*zbuf, basis.mods, xr, yr)
	wordPool.Put(xbuf)
	if !sq {
		wordPool.Put(ybuf)
	}
	dst = crtOut(dst, zr, n, basis, (b+63)/64)
	wordPool.Put(zbuf)
	return dst
}

// residues returns the k vectors x mod p_i (entries of the vectors may be unreduced: ntt's
// convolution reduces its inputs), and the wordPool buffer holding them (to be put back by the
// caller), or nil if they are info.mag itself: word-size non-negative coefficients are passed
// as they are.
func residues(x []*big.Int, info operandInfo, basis *crtBasis) ([][]uint64, *[]uint64) {
	k := len(basis.mods)
	if info.mag != nil && !info.neg {
		r := make([][]uint64, k)
		for i := range r {
			r[i] = info.mag
		}
		return r, nil
	}
	buf := wordPool.Get(k * len(x))
	if info.mag != nil {
		all := *buf
		parallelFor(len(x), residueGrain, func(lo, hi int) {
			for j, m := range basis.mods {
				p := m.P()
				rj := all[j*len(x)+lo : j*len(x)+hi]
				for i, v := range info.mag[lo:hi] {
					v = reduce64(v, p)
					if info.signs[lo+i] && v != 0 {
						v = p - v
					}
					rj[i] = v
				}
			}
		})
		return split(all, len(x)), buf
	}
	r := split(*buf, len(x))
	words := (info.bits + 63) / 64
	var pow [][]uint64
	if words > 1 {
		pow = basis.powTables(words)
	}
	parallelFor(len(x), residueGrain, func(lo, hi int) {
		// Residues of a block of coefficients go to a local buffer first and then, one
		// contiguous run per prime, to the k vectors.
		blk := make([]uint64, crtBlock*k)
		for b0 := lo; b0 < hi; b0 += crtBlock {
			b1 := min(b0+crtBlock, hi)
			for i, c := range x[b0:b1] {
				w := c.Bits()
				neg := c.Sign() < 0
				row := blk[i*k : (i+1)*k]
				for j, m := range basis.mods {
					var v uint64
					switch len(w) {
					case 0:
					case 1:
						v = reduce64(uint64(w[0]), m.P())
					default:
						v = reduceWords(w, pow[j], m.P())
					}
					if neg && v != 0 {
						v = m.P() - v
					}
					row[j] = v
				}
			}
			for j := range k {
				rj := r[j][b0:b1]
				for i := range rj {
					rj[i] = blk[i*k+j]
				}
			}
		}
	})
	return r, buf
}

// reduce64 returns a mod p for a prime 2^61 < p < 2^62 without a division: a − ⌊a/2^62⌋·p is
// below p + 4·(2^62 − p), at most two subtractions away from the remainder.
func reduce64(a, p uint64) uint64 {
	r := a - (a>>62)*p
	for r >= p {
		r -= p
	}
	return r
}

// reduceWords returns Σ w_j·2^(64j) mod p given pow[j] = 2^(64j) mod p: the products are summed
// in a three-word accumulator and reduced once.
func reduceWords(w []big.Word, pow []uint64, p uint64) uint64 {
	pow = pow[:len(w)]
	var s0, s0c, s1, s1c uint64 // low and high halves summed separately
	for j, x := range w {
		h, l := bits.Mul64(uint64(x), pow[j])
		var c uint64
		s0, c = bits.Add64(s0, l, 0)
		s0c += c
		s1, c = bits.Add64(s1, h, 0)
		s1c += c
	}
	a0 := s0
	a1, c := bits.Add64(s1, s0c, 0)
	a2 := s1c + c
	r := bits.Rem64(a1%p, a0, p)
	if a2 != 0 {
		// a2·2^128 ≡ a2·(2^64 mod p)^2; a2 < len(w) is small.
		hi, lo := bits.Mul64(pow[1], pow[1]) // pow[1] = 2^64 mod p, already reduced
		t := bits.Rem64(hi, lo, p)
		hi, lo = bits.Mul64(t, a2)
		t = bits.Rem64(hi, lo, p)
		r, _ = bits.Add64(r, t, 0)
		if r >= p {
			r -= p
		}
	}
	return r
}

// split cuts all into len(all)/n vectors of length n.
func split(all []uint64, n int) [][]uint64 {
	r := make([][]uint64, len(all)/n)
	for i := range r {
		r[i] = all[i*n : (i+1)*n : (i+1)*n]
	}
	return r
}

// convolveAll returns the linear convolutions xr[i]·yr[i] mod p_i (xr and yr are the same
// slice for a square), running the primes in parallel goroutines; each ntt convolution may
// itself use two goroutines. The last result has capacity for one more word.
func convolveAll(mods []ntt.Modulus, xr, yr [][]uint64) [][]uint64 {
	n := len(xr[0]) + len(yr[0]) - 1
	k := len(mods)
	all := make([]uint64, k*n+1)
	zr := convolveInto(all[:k*n], mods, xr, yr)
	zr[k-1] = all[(k-1)*n : k*n : k*n+1]
	return zr
}

// convolveInto is convolveAll writing the k results into consecutive runs of all (at least
// k·n words), which it does not retain.
func convolveInto(all []uint64, mods []ntt.Modulus, xr, yr [][]uint64) [][]uint64 {
	n := len(xr[0]) + len(yr[0]) - 1
	zr := split(all[:len(mods)*n], n)
	parallelFor(len(mods), 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			mods[i].Convolve(zr[i], xr[i], yr[i])
		}
	})
	return zr
}

// crtOut recombines the residues r[i][j] (j < n) into dst by the explicit CRT;
// expectWords is the expected size of one result coefficient in words, to size allocations.
func crtOut(dst []*big.Int, r [][]uint64, n int, basis *crtBasis, expectWords int) []*big.Int {
	fresh := dst == nil
	if fresh {
		// The big.Ints are allocated by the workers, one block per chunk of coefficients
		// (so that the allocation's zeroing and first touch are shared among them).
		dst = make([]*big.Int, n)
	}
	k := len(basis.mods)
	if k == 1 && fresh {
		// One prime: each coefficient is the symmetric residue itself, one word, stored in
		// the chunk's block of words.
		p := basis.mods[0].P()
		parallelFor(n, crtGrain, func(lo, hi int) {
			block := linkInts(dst[lo:hi])
			words := make([]big.Word, hi-lo)
			for j, v := range r[0][lo:hi] {
				if v == 0 {
					continue
				}
				v, neg := symmetric(v, p)
				words[j] = big.Word(v)
				z := &block[j]
				z.SetBits(words[j : j+1 : j+1])
				if neg {
					z.Neg(z)
				}
			}
		})
		return dst
	}
	parallelFor(n, crtGrain, func(lo, hi int) {
		if fresh {
			linkInts(dst[lo:hi])
		}
		acc := make([]big.Word, k+1)
		t := make([]uint64, k)
		ar := arena{hint: (hi - lo) * expectWords}
		var tb []uint64
		if k != 1 && k != 3 {
			tb = make([]uint64, crtBlock*k)
		}
		blk0 := lo
		for j := lo; j < hi; j++ {
			if k == 3 {
				// Three primes (those of natMulInto): Garner, then the symmetric range.
				w0, w1, w2 := natBasis.garner(r[0][j], r[1][j], r[2][j])
				neg := w2 > halfM3[2] || w2 == halfM3[2] && (w1 > halfM3[1] || w1 == halfM3[1] && w0 > halfM3[0])
				if neg {
					var b uint64
					w0, b = bits.Sub64(uint64(basis.m[0]), w0, 0)
					w1, b = bits.Sub64(uint64(basis.m[1]), w1, b)
					w2, _ = bits.Sub64(uint64(basis.m[2]), w2, b)
				}
				acc[0], acc[1], acc[2] = big.Word(w0), big.Word(w1), big.Word(w2)
				writeCoeff(dst, j, acc[:3], neg, fresh, &ar)
				continue
			}
			if k == 1 {
				// One prime: the symmetric residue itself.
				v, neg := symmetric(r[0][j], basis.mods[0].P())
				acc[0] = big.Word(v)
				writeCoeff(dst, j, acc[:1], neg, fresh, &ar)
				continue
			}
			if j >= blk0+crtBlock || j == lo {
				// Gather the residues of the next block of points, one contiguous run per
				// prime, so that the k residue streams are not read in lockstep.
				blk0 = j
				for i := range k {
					for jj, v := range r[i][j:min(j+crtBlock, hi)] {
						tb[jj*k+i] = v
					}
				}
			}
			row := tb[(j-blk0)*k : (j-blk0+1)*k]
			f := 0.0
			for i, m := range basis.mods {
				t[i] = mulShoup(row[i], basis.inv[i], basis.invq[i], m.P())
				f += float64(int64(t[i])) * basis.finv[i]
			}
			q := uint64(math.Round(f))
			dotColumns(acc, basis.mit, t)
			subMulWord(acc, basis.m, q)
			neg := int64(acc[k]) < 0
			if neg {
				negWords(acc)
			}
			writeCoeff(dst, j, acc, neg, fresh, &ar)
		}
	})
	return dst
}

// linkInts points the entries of dst at the zero big.Ints of a new block, which it returns.
func linkInts(dst []*big.Int) []big.Int {
	block := make([]big.Int, len(dst))
	for j := range dst {
		dst[j] = &block[j]
	}
	return block
}

// symmetric returns the magnitude of the representative of v (reduced mod the odd p) in
// (−p/2, p/2) and whether it is negative.
func symmetric(v, p uint64) (uint64, bool) {
	if v > p/2 {
		return p - v, true
	}
	return v, false
}

// writeCoeff sets dst[j] to (−1)^neg·w (w may have high zero words). When fresh, dst[j] is a
// new zero big.Int and takes storage from ar; otherwise dst[j] is reused or allocated.
func writeCoeff(dst []*big.Int, j int, w []big.Word, neg, fresh bool, ar *arena) {
	for len(w) > 0 && w[len(w)-1] == 0 {
		w = w[:len(w)-1]
	}
	if fresh {
		z := dst[j]
		z.SetBits(ar.copy(w))
		if neg && len(w) > 0 {
			z.Neg(z)
		}
		return
	}
	if dst[j] == nil {
		dst[j] = new(big.Int)
	}
	setWords(dst[j], w, neg)
}

// dotColumns sets acc (k+1 words) to Σ_i t[i]·(M/p_i) by product scanning: the low and high
// halves of the k products of each column are summed in two independent accumulators (two
// short carry chains instead of one long one), then the column is carried into the next.
func dotColumns(acc []big.Word, mit, t []uint64) {
	k := len(t)
	var c0, c1 uint64 // carry into this column, two words
	for j := range k {
		s0, s0c, s1, s1c := colSum(mit[j*k:j*k+k], t)
		// column + carry = s0 + (s0c + s1)·2^64 + s1c·2^128 + c0 + c1·2^64
		var c, c2, c3 uint64
		s0, c = bits.Add64(s0, c0, 0)
		m, c2 := bits.Add64(s0c, s1, c)
		m, c3 = bits.Add64(m, c1, 0)
		acc[j] = big.Word(s0)
		c0, c1 = m, s1c+c2+c3
	}
	acc[k] = big.Word(c0)
}

// colSum returns Σ col[i]·t[i] as s0 + s0c·2^64 (the low halves) plus s1·2^64 + s1c·2^128 (the
// high halves). It is a separate function so that its few accumulators stay in registers.
func colSum(col, t []uint64) (s0, s0c, s1, s1c uint64) {
	t = t[:len(col)]
	for i, w := range col {
		h, l := bits.Mul64(w, t[i])
		var c uint64
		s0, c = bits.Add64(s0, l, 0)
		s0c += c
		s1, c = bits.Add64(s1, h, 0)
		s1c += c
	}
	return
}

// subMulWord subtracts m·t from acc (len(acc) > len(m)), modulo 2^(64·len(acc)).
func subMulWord(acc, m []big.Word, t uint64) {
	var borrow uint64
	for i, w := range m {
		h, l := bits.Mul64(uint64(w), t)
		var c uint64
		l, c = bits.Add64(l, borrow, 0)
		h += c
		var a uint64
		a, c = bits.Sub64(uint64(acc[i]), l, 0)
		acc[i] = big.Word(a)
		borrow = h + c
	}
	for i := len(m); i < len(acc); i++ {
		a, c := bits.Sub64(uint64(acc[i]), borrow, 0)
		acc[i] = big.Word(a)
		borrow = c
	}
}
