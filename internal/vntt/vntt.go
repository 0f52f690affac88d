package vntt

import (
	"math/bits"
	"sync"
	"sync/atomic"

	"github.com/polyconv/polyconv/internal/pool"
	"github.com/polyconv/polyconv/ntt"
)

// Lanes is the number of primes, and the number of words each transform point occupies.
const Lanes = 8

// MaxLog is the largest supported log2 of a transform length: every prime is 1 mod 2^30.
const MaxLog = 30

// Primes are the eight largest primes p < 2^50 with p ≡ 1 (mod 2^30), in descending order.
// TestPrimes re-derives them. Treat the array as read-only.
var Primes = [Lanes]uint64{
	0x3fff340000001, // 1048525·2^30+1
	0x3fff300000001, // 1048524·2^30+1
	0x3ffeec0000001, // 1048507·2^30+1
	0x3ffed00000001, // 1048500·2^30+1
	0x3ffec80000001, // 1048498·2^30+1
	0x3ffeb00000001, // 1048492·2^30+1
	0x3ffe880000001, // 1048482·2^30+1
	0x3ffe440000001, // 1048465·2^30+1
}

const mask52 = 1<<52 - 1

// consts is the per-lane constants block read by the kernels (the assembly depends on the
// field order).
type consts struct {
	p    [Lanes]uint64 // the primes
	p2   [Lanes]uint64 // 2p
	pinv [Lanes]uint64 // −p^−1 mod 2^52 (Montgomery)
	negp [Lanes]uint64 // 2^52 − p: q·negp ≡ −q·p (mod 2^52)
}

var lane = func() *consts {
	c := &consts{}
	for l, p := range Primes {
		c.p[l] = p
		c.p2[l] = 2 * p
		inv := p // Newton: correct to 3 bits, doubling each step
		for range 6 {
			inv *= 2 - p*inv
		}
		c.pinv[l] = -inv & mask52
		c.negp[l] = 1<<52 - p
	}
	return c
}()

// Plan is the transform of one power-of-two length n ≥ 2 over the eight primes. A Plan is
// immutable after construction and safe for concurrent use. Get one with [NewPlan].
type Plan struct {
	n, logn int
	// fw and iw hold n/2 twiddle entries of 16 words: entry b is ω^{rev(b)} in words
	// [16b, 16b+8) (one per lane) and their 52-bit Shoup quotients ⌊w·2^52/p⌋ in
	// [16b+8, 16b+16); rev reverses log2(n)−1 bits and ω is the lane's primitive n-th root.
	// Block b of every level uses entry b. iw holds the inverses, in the same layout.
	fw, iw []uint64
	// scale holds, per lane, 2^52·n^−1 mod p and its Shoup quotient (words 8–15): the
	// Montgomery product of MulScaled divides by 2^52, the inverse transform multiplies by n.
	scale [2 * Lanes]uint64
	// one is set in the plans of a OnePlan: every lane holds the same prime (c), and an entry
	// of fw and iw is two words, ω^{rev(b)} and its quotient, which the kernels broadcast.
	one bool
	c   *consts
}

// ew returns the words per entry of the plan's twiddle tables.
func (pl *Plan) ew() int {
	if pl.one {
		return 2
	}
	return 16
}

// fwdLevel1, invLevel1, fwdLevel2 and invLevel2 run the plan's level kernels: the eight-prime
// ones, or for a OnePlan's plan those that broadcast two-word twiddle entries.
func (pl *Plan) fwdLevel1(a, tw []uint64, h int) {
	if pl.one {
		fwdLevelB(a, tw, h, pl.c)
	} else {
		fwdLevel(a, tw, h)
	}
}

func (pl *Plan) invLevel1(a, tw []uint64, h int) {
	if pl.one {
		invLevelB(a, tw, h, pl.c)
	} else {
		invLevel(a, tw, h)
	}
}

func (pl *Plan) fwdLevel2(a, tw1, tw2 []uint64, q int) {
	if pl.one {
		fwd2LevelsB(a, tw1, tw2, q, pl.c)
	} else {
		fwd2Levels(a, tw1, tw2, q)
	}
}

func (pl *Plan) invLevel2(a, tw1, tw2 []uint64, q int) {
	if pl.one {
		inv2LevelsB(a, tw1, tw2, q, pl.c)
	} else {
		inv2Levels(a, tw1, tw2, q)
	}
}

var (
	plans   [MaxLog + 1]atomic.Pointer[Plan]
	tableMu sync.Mutex
	fwAll   []uint64 // the longest forward table built so far; shorter plans use prefixes
	iwAll   []uint64
)

// NewPlan returns the cached plan of length 2^logn. It panics if logn is not in [1, MaxLog].
// The first call for a length builds twiddle tables of 16 words per point (shared with every
// shorter plan); later calls return the same *Plan. NewPlan is safe for concurrent use.
func NewPlan(logn int) *Plan {
	if logn < 1 || logn > MaxLog {
		panic("vntt: transform length out of range")
	}
	if pl := plans[logn].Load(); pl != nil {
		return pl
	}
	tableMu.Lock()
	defer tableMu.Unlock()
	if pl := plans[logn].Load(); pl != nil {
		return pl
	}
	n := 1 << logn
	if len(fwAll) < 8*n {
		fwAll, iwAll = buildTables(logn)
	}
	pl := &Plan{n: n, logn: logn, fw: fwAll[: 8*n : 8*n], iw: iwAll[: 8*n : 8*n]}
	for l, p := range Primes {
		// 2^52/n mod p = 2^(52−logn) mod p.
		s := uint64(1) << (52 - logn) % p
		pl.scale[l] = s
		pl.scale[Lanes+l] = shoup52(s, p)
	}
	plans[logn].Store(pl)
	return pl
}

// Len returns the transform length n; the vectors of the plan have 8n words.
func (pl *Plan) Len() int { return pl.n }

// buildTables returns the forward and inverse twiddle tables for length 2^logn (n/2 entries of
// 16 words each).
func buildTables(logn int) (fw, iw []uint64) {
	n := 1 << logn
	half := n / 2
	fw = make([]uint64, 8*n)
	iw = make([]uint64, 8*n)
	var wg sync.WaitGroup
	for l, p := range Primes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := modulus(p)
			w := m.Pow(rootOfUnity(m), uint64(1)<<(MaxLog-logn)) // primitive n-th root
			wi := m.Inv(w)
			fillPowers(fw[l:], 16, half, logn-1, w, m)
			fillPowers(iw[l:], 16, half, logn-1, wi, m)
		}()
	}
	wg.Wait()
	return fw, iw
}

// fillPowers sets entry rev(k) of t, for k < count, to r^k and its Shoup quotient: the power at
// t[stride·rev(k)] and the quotient stride/2 words later, rev reversing the low bits bits of k.
func fillPowers(t []uint64, stride, count, bits int, r uint64, m ntt.Modulus) {
	v := uint64(1)
	for k := range count {
		b := 0
		if bits > 0 {
			b = int(revBits(uint64(k), bits))
		}
		t[stride*b] = v
		t[stride*b+stride/2] = shoup52(v, m.P())
		v = m.Mul(v, r)
	}
}

// revBits reverses the low n bits of k (n ≥ 1).
func revBits(k uint64, n int) uint64 { return bits.Reverse64(k) >> (64 - n) }

// modulus returns ntt's Modulus of one of the primes (its arithmetic builds the tables).
func modulus(p uint64) ntt.Modulus {
	m, err := ntt.NewModulus(p)
	if err != nil {
		panic("vntt: internal error: " + err.Error())
	}
	return m
}

// rootOfUnity returns a primitive 2^MaxLog-th root of unity mod p: g^((p−1)/2^30) for a
// quadratic non-residue g.
func rootOfUnity(m ntt.Modulus) uint64 {
	p := m.P()
	for g := uint64(2); ; g++ {
		if m.Pow(g, (p-1)/2) == p-1 {
			return m.Pow(g, (p-1)>>MaxLog)
		}
	}
}

// shoup52 returns ⌊w·2^52/p⌋ for w < p < 2^50.
func shoup52(w, p uint64) uint64 {
	q, _ := bits.Div64(w>>12, w<<52, p)
	return q
}

// blockLog is log2 of the number of points the depth-first transforms finish at a time (all
// levels below one block run while the block's 8·2^blockLog words stay in cache).
var blockLog = 12

// Forward replaces a (8n words, every entry below 4p of its lane) by its transform: point i
// becomes the value of Σ_j a_j X^j at ω^{rev(i)}, rev reversing log2(n) bits, lazily reduced
// (entries below 4p). It panics if len(a) != 8n. It allocates a few small objects and, when
// n > 2^12, a column buffer of n/4 bytes per worker for the top levels.
func (pl *Plan) Forward(a []uint64) { pl.ForwardWorkers(a, 1) }

// ForwardWorkers is Forward run by up to workers goroutines (the first pass over the whole
// vector runs on one; the blocks below it are shared out). It returns when all are done.
func (pl *Plan) ForwardWorkers(a []uint64, workers int) { pl.ForwardPrefix(a, pl.n, workers) }

// ForwardPrefix is ForwardWorkers on the vector whose first points points are those of a and
// whose others are zero, whatever a holds there: a zero-padded input need not be cleared, and
// the passes over the whole vector skip reading its zero part. It panics if len(a) != 8n or
// points is not in [0, n]. It allocates what ForwardWorkers does.
func (pl *Plan) ForwardPrefix(a []uint64, points, workers int) {
	chunks := pl.forwardTop(a, points, workers, "ForwardPrefix")
	pl.chunkLevels(a, chunks, workers, false)
}

// forwardTop checks ForwardPrefix's arguments (name is the caller, for the panics) and runs
// the forward levels above the blocks; it returns the number of blocks.
func (pl *Plan) forwardTop(a []uint64, points, workers int, name string) int {
	if len(a) != Lanes*pl.n {
		panic("vntt: " + name + ": vector length is not 8n")
	}
	if points < 0 || points > pl.n {
		panic("vntt: " + name + ": points out of range")
	}
	chunks := pl.chunks()
	if chunks == 1 {
		clear(a[Lanes*points:])
	}
	pl.topLevels(a, chunks, workers, false, points)
	return chunks
}

// Convolve sets a to the cyclic convolution of the vector whose first points points are
// those of a (the others zero, as for ForwardPrefix) with the vector whose transform is b
// (ForwardPrefix's output, entries below 4p), as ForwardPrefix, MulScaled and InverseWorkers
// in turn would, entries below 2p; with b the same slice as a, it squares a. It is fused:
// after the top forward levels, every block of 2^blockLog points runs its forward levels,
// the pointwise product and its inverse levels while it stays in cache, so the vector is
// read and written twice fewer. It panics if the lengths are not 8n or points is not in
// [0, n]. It runs on up to workers goroutines and allocates what ForwardPrefix does. b is
// not written unless it is a.
func (pl *Plan) Convolve(a, b []uint64, points, workers int) {
	if len(b) != Lanes*pl.n {
		panic("vntt: Convolve: vector length is not 8n")
	}
	pl.fused(a, b, points, workers, func(ac, bc []uint64, _ int) { pointwise(ac, bc, &pl.scale) })
}

// fused is ForwardPrefix(a, points, workers), then mul on every block of the transform (ac
// of a and the same words bc of b, which is ac if b is a, starting at word off), then
// InverseWorkers(a, workers), with the block levels of both transforms and mul run block by
// block.
func (pl *Plan) fused(a, b []uint64, points, workers int, mul func(ac, bc []uint64, off int)) {
	chunks := pl.forwardTop(a, points, workers, "Convolve")
	s := Lanes * pl.n / chunks // words per chunk
	forRange(chunks, workers, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			ac, bc := a[s*c:s*(c+1)], b[s*c:s*(c+1)] // the same words when b is a
			pl.levels(ac, c, chunks, pl.n, pl.n/chunks, false)
			mul(ac, bc, s*c)
			pl.levels(ac, c, chunks, pl.n, pl.n/chunks, true)
		}
	})
	pl.topLevels(a, chunks, workers, true, pl.n)
}

// Inverse undoes Forward up to the factor n: given transform values (entries below 2p), it
// leaves n·a with entries below 2p. Use [Plan.MulScaled] to fold in n^−1. It panics if
// len(a) != 8n. It allocates like Forward.
func (pl *Plan) Inverse(a []uint64) { pl.InverseWorkers(a, 1) }

// InverseWorkers is Inverse run by up to workers goroutines, like [Plan.ForwardWorkers].
func (pl *Plan) InverseWorkers(a []uint64, workers int) {
	if len(a) != Lanes*pl.n {
		panic("vntt: Inverse: vector length is not 8n")
	}
	chunks := pl.chunks()
	pl.chunkLevels(a, chunks, workers, true)
	pl.topLevels(a, chunks, workers, true, pl.n)
}

// chunkLevels runs the levels below the top ones (forward, or inverse when inv is set) on each
// of the chunks blocks of a, the blocks shared among up to workers goroutines.
func (pl *Plan) chunkLevels(a []uint64, chunks, workers int, inv bool) {
	s := Lanes * pl.n / chunks // words per chunk
	forRange(chunks, workers, func(lo, hi int) {
		for c := lo; c < hi; c++ {
			pl.levels(a[s*c:s*(c+1)], c, chunks, pl.n, pl.n/chunks, inv)
		}
	})
}

// forRange cuts [0, m) into up to workers runs of consecutive indices and calls f on each, in
// parallel when workers > 1; it returns when all calls have returned.
func forRange(m, workers int, f func(lo, hi int)) {
	workers = max(1, min(workers, m))
	if workers == 1 {
		f(0, m)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(m*w/workers, m*(w+1)/workers)
		}()
	}
	wg.Wait()
}

// levels is fwdRange, or invRange when inv is set.
func (pl *Plan) levels(a []uint64, b0, m0, m1, size int, inv bool) {
	if inv {
		pl.invRange(a, b0, m0, m1, size)
	} else {
		pl.fwdRange(a, b0, m0, m1, size)
	}
}

// chunks returns the number of blocks of at most 2^blockLog points that the depth-first
// transforms finish one at a time (all levels below them run while a block stays in cache).
func (pl *Plan) chunks() int {
	return max(1, pl.n>>blockLog)
}

// fwdRange runs the forward levels with m0 ≤ m < m1 blocks on a, which holds consecutive
// blocks of size points each (size = n/m0 for the transform itself) starting at block b0 of
// level m0, two levels per pass where it can.
func (pl *Plan) fwdRange(a []uint64, b0, m0, m1, size int) {
	cnt := len(a) / (Lanes * size) // blocks of level m0 in a
	ew := pl.ew()
	for m := m0; m < m1; {
		b, k := b0*(m/m0), cnt*(m/m0) // first block and block count at level m
		h := size * m0 / (2 * m)
		if 2*m < m1 {
			pl.fwdLevel2(a, pl.fw[ew*b:ew*(b+k)], pl.fw[2*ew*b:2*ew*(b+k)], h/2)
			m *= 4
			continue
		}
		pl.fwdLevel1(a, pl.fw[ew*b:ew*(b+k)], h)
		m *= 2
	}
}

// invRange undoes fwdRange(a, b0, m0, m1, size): the inverse levels from m1/2 blocks up to m0.
func (pl *Plan) invRange(a []uint64, b0, m0, m1, size int) {
	cnt := len(a) / (Lanes * size)
	ew := pl.ew()
	for m := m1 / 2; m >= m0; {
		h := size * m0 / (2 * m)
		if m/2 >= m0 {
			u := m / 2 // the upper of the two levels
			b, k := b0*(u/m0), cnt*(u/m0)
			pl.invLevel2(a, pl.iw[ew*b:ew*(b+k)], pl.iw[2*ew*b:2*ew*(b+k)], h)
			m /= 4
			continue
		}
		b, k := b0*(m/m0), cnt*(m/m0)
		pl.invLevel1(a, pl.iw[ew*b:ew*(b+k)], h)
		m /= 2
	}
}

// colWidth is the number of columns (points) the top levels gather at a time: the top levels
// of a transform with r = n/2^blockLog rows touch, for each column j < 2^blockLog, only the r
// points j + k·2^blockLog; a group of colWidth columns is copied to a contiguous buffer of
// r·colWidth points, run through all top levels in cache, and copied back.
const colWidth = 16

// topLevels runs the levels above the chunks (forward, or inverse when inv is set) on
// column groups shared among up to workers goroutines. Points from points on are taken as
// zero: they are not read.
func (pl *Plan) topLevels(a []uint64, chunks, workers int, inv bool, points int) {
	if chunks == 1 {
		return
	}
	s := pl.n / chunks // columns
	cw := min(colWidth, s)
	groups := s / cw
	forRange(groups, workers, func(lo, hi int) {
		buf := make([]uint64, Lanes*chunks*cw)
		w := Lanes * cw // words per row of a group
		for g := lo; g < hi; g++ {
			for r := range chunks {
				// Row r of the group holds points p0 … p0+cw−1; those from points on are zero.
				p0 := s*r + cw*g
				k := min(max(points-p0, 0), cw)
				copy(buf[w*r:w*r+Lanes*k], a[Lanes*p0:])
				clear(buf[w*r+Lanes*k : w*(r+1)])
			}
			pl.levels(buf, 0, 1, chunks, chunks*cw, inv)
			for r := range chunks {
				copy(a[Lanes*(s*r+cw*g):Lanes*(s*r+cw*(g+1))], buf[w*r:w*(r+1)])
			}
		}
	})
}

// MulScaled sets a[i] = a[i]·b[i]·n^−1 modulo the lane's prime, for transform values below 4p;
// the results are below 2p, ready for Inverse. a and b may be the same slice. It panics if
// the lengths are not 8n. It does not allocate.
func (pl *Plan) MulScaled(a, b []uint64) {
	if len(a) != Lanes*pl.n || len(b) != len(a) {
		panic("vntt: MulScaled: vector length is not 8n")
	}
	pointwise(a, b, &pl.scale)
}

// vecs keeps released vectors, so that repeated products of one size reuse memory instead of
// allocating (and faulting in) tens of megabytes each time; unlike a sync.Pool it has no
// per-processor slots, so a vector put back on one processor is found on any other.
var vecs pool.Slices[uint64]

// GetVec returns a vector of 8n words for the plan's length n, from a pool of released ones when
// it can (its contents are then arbitrary) or newly allocated (zero). Give it back with PutVec
// when done; a vector that is never given back is simply collected.
func (pl *Plan) GetVec() []uint64 {
	return *vecs.Get(Lanes * pl.n)
}

// PutVec releases a vector of 8n words obtained from GetVec (of any plan of the same length);
// the caller must not use it afterwards. It panics if len(v) != 8n.
func (pl *Plan) PutVec(v []uint64) {
	if len(v) != Lanes*pl.n {
		panic("vntt: PutVec: vector length is not 8n")
	}
	vecs.Put(&v)
}
