package vntt

import "sync/atomic"

// OnePlan is the cyclic convolution of length n = 8m modulo one of the [Primes], on vectors of
// n words that hold one residue per word in order: a_0, …, a_{n−1}. Its transform is the
// eight-lane transform of length m applied to the vector's m points of eight words, with the
// same prime in every lane: writing a(t) = Σ_j t^{8j}·A_j(t) with A_j = a_{8j} + … + a_{8j+7}·t^7
// (point j), Forward leaves in point b the remainder of a(t) modulo t^8 − c_b, where
// c_b = ω^{rev(b)} for the primitive m-th root ω and rev reversing log2(m) bits, as eight
// coefficients. [OnePlan.MulRing] multiplies two such remainders modulo t^8 − c_b (the last
// three levels of a transform of length n, folded into the pointwise step) and Inverse
// interpolates back. No n-th root of unity is needed, so n may reach 8·2^MaxLog in principle;
// NewOnePlan caps it at 2^MaxLog. A OnePlan is immutable after construction and safe for
// concurrent use.
type OnePlan struct {
	pl *Plan
	// ring holds m entries of two words: c_b and ⌊c_b·2^52/p⌋.
	ring []uint64
}

// oneTables are a prime's tables for the longest OnePlan built so far: fw and iw with two
// words per entry (ω^{rev(b)} and its quotient, rev over log2(m)−1 bits), ring with the c_b;
// shorter plans use prefixes, since entry b does not depend on the length (see buildOne).
type oneTables struct {
	logm         int
	fw, iw, ring []uint64
	c            *consts
}

var (
	onePlans [Lanes][MaxLog + 1]atomic.Pointer[OnePlan]
	oneTabs  [Lanes]oneTables
)

// NewOnePlan returns the cached plan of length n = 2^logn modulo Primes[prime]. It panics if
// logn is not in [4, MaxLog] or prime is not in [0, 8). The first call for a prime and length
// builds tables of n/2 words for it (shared with every shorter plan of the prime); later calls
// return the same *OnePlan. NewOnePlan is safe for concurrent use.
func NewOnePlan(logn, prime int) *OnePlan {
	if logn < 4 || logn > MaxLog {
		panic("vntt: NewOnePlan: transform length out of range")
	}
	if prime < 0 || prime >= Lanes {
		panic("vntt: NewOnePlan: no such prime")
	}
	if op := onePlans[prime][logn].Load(); op != nil {
		return op
	}
	tableMu.Lock()
	defer tableMu.Unlock()
	if op := onePlans[prime][logn].Load(); op != nil {
		return op
	}
	logm := logn - 3
	m := 1 << logm
	t := &oneTabs[prime]
	if t.c == nil || t.logm < logm {
		*t = buildOne(prime, logm)
	}
	pl := &Plan{n: m, logn: logm, fw: t.fw[:m:m], iw: t.iw[:m:m], one: true, c: t.c}
	p := Primes[prime]
	s := uint64(1) << (52 - logm) % p // 2^52/m mod p, as NewPlan's scale
	for l := range Lanes {
		pl.scale[l], pl.scale[Lanes+l] = s, shoup52(s, p)
	}
	op := &OnePlan{pl: pl, ring: t.ring[: 2*m : 2*m]}
	onePlans[prime][logn].Store(op)
	return op
}

// buildOne returns the tables of Primes[prime] for plans of up to m = 2^logm points. Entry b of
// fw is ω_m^{rev_{logm−1}(b)} = ω_{2^k}^{rev_{k−1}(b)} for every plan of 2^k ≥ 2b+2 points (ω_m²
// is ω_{m/2} and rev_{logm−1}(b) is 2·rev_{logm−2}(b) for b < m/4), and likewise entry b of
// ring, ω_m^{rev_{logm}(b)}: a shorter plan's tables are prefixes.
func buildOne(prime, logm int) oneTables {
	p := Primes[prime]
	md := modulus(p)
	w := md.Pow(rootOfUnity(md), uint64(1)<<(MaxLog-logm)) // primitive m-th root
	m := 1 << logm
	t := oneTables{logm: logm, fw: make([]uint64, m), iw: make([]uint64, m), ring: make([]uint64, 2*m)}
	fillPowers(t.fw, 2, m/2, logm-1, w, md)
	fillPowers(t.iw, 2, m/2, logm-1, md.Inv(w), md)
	fillPowers(t.ring, 2, m, logm, w, md)
	c := &consts{}
	for l := range Lanes {
		c.p[l], c.p2[l], c.pinv[l], c.negp[l] = p, 2*p, lane.pinv[prime], lane.negp[prime]
	}
	t.c = c
	return t
}

// Len returns the length n of the convolution: the plan's vectors have n words.
func (op *OnePlan) Len() int { return Lanes * op.pl.n }

// Prime returns the plan's prime.
func (op *OnePlan) Prime() uint64 { return op.pl.c.p[0] }

// ForwardPrefix replaces a (n words, entries below 4p) by its transform (see [OnePlan]),
// entries below 4p, taking a_i = 0 for i ≥ points whatever a holds there. It panics if
// len(a) != n or points is not in [0, n]. It runs on up to workers goroutines and allocates
// what [Plan.ForwardPrefix] does.
func (op *OnePlan) ForwardPrefix(a []uint64, points, workers int) {
	if len(a) != op.Len() {
		panic("vntt: OnePlan.ForwardPrefix: vector length is not n")
	}
	if points < 0 || points > len(a) {
		panic("vntt: OnePlan.ForwardPrefix: points out of range")
	}
	whole := (points + Lanes - 1) / Lanes
	clear(a[points : Lanes*whole])
	op.pl.ForwardPrefix(a, whole, workers)
}

// MulRing sets every point of a to its product with the same point of b modulo t^8 − c_b,
// divided by m (entries below 2p, ready for Inverse), for transforms with entries below 4p.
// a and b may be the same slice. It panics if the lengths are not n. It does not allocate.
func (op *OnePlan) MulRing(a, b []uint64) {
	if len(a) != op.Len() || len(b) != len(a) {
		panic("vntt: OnePlan.MulRing: vector length is not n")
	}
	ringMul(a, b, op.ring, &op.pl.scale, op.pl.c)
}

// Inverse undoes ForwardPrefix after MulRing: given transform values below 2p, it leaves the
// residues of the cyclic convolution, below 2p, in order. It panics if len(a) != n. It runs on
// up to workers goroutines and allocates what [Plan.Inverse] does.
func (op *OnePlan) Inverse(a []uint64, workers int) {
	if len(a) != op.Len() {
		panic("vntt: OnePlan.Inverse: vector length is not n")
	}
	op.pl.InverseWorkers(a, workers)
}

// Convolve sets a to the cyclic convolution, residues below 2p in order, of the vector whose
// first points entries are those of a (below 4p; the others zero whatever a holds there) with
// the vector whose transform is b (ForwardPrefix's output): what ForwardPrefix(a, points,
// workers), MulRing(a, b) and Inverse(a, workers) compute, fused like [Plan.Convolve] so that
// the vector is read and written twice fewer. With b the same slice as a, it squares a. It
// panics if the lengths are not n or points is not in [0, n]. It runs on up to workers
// goroutines and allocates what ForwardPrefix does. b is not written unless it is a.
func (op *OnePlan) Convolve(a, b []uint64, points, workers int) {
	if len(a) != op.Len() || len(b) != len(a) {
		panic("vntt: OnePlan.Convolve: vector length is not n")
	}
	if points < 0 || points > len(a) {
		panic("vntt: OnePlan.Convolve: points out of range")
	}
	whole := (points + Lanes - 1) / Lanes
	clear(a[points : Lanes*whole])
	op.pl.fused(a, b, whole, workers, func(ac, bc []uint64, off int) {
		ringMul(ac, bc, op.ring[2*(off/Lanes):], &op.pl.scale, op.pl.c)
	})
}

// GetVec returns a vector of n words, pooled like [Plan.GetVec] (arbitrary contents, or zero
// when new). Give it back with PutVec.
func (op *OnePlan) GetVec() []uint64 { return op.pl.GetVec() }

// PutVec releases a vector of n words obtained from GetVec; it panics if len(v) != n.
func (op *OnePlan) PutVec(v []uint64) { op.pl.PutVec(v) }
