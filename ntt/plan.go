package ntt

import (
	"errors"
	"math/bits"
	"sync"
)

// Plan holds the twiddle tables of the transforms of one power-of-two length n modulo one
// prime. A Plan is immutable after construction and safe for concurrent use by any number of
// goroutines. Build it with [NewPlan]; the zero Plan is not usable.
//
// The transform of a = (a_0, …, a_{n−1}) is the vector of values of a(X) = Σ a_j X^j at the
// n-th roots of unity, in bit-reversed order: Forward(a)[i] = a(ω^{rev(i)}), where ω is the
// plan's primitive n-th root of unity (a fixed power of the root of [Modulus.MaxLen] order)
// and rev reverses the low log2(n) bits of i. Inverse undoes Forward exactly.
type Plan struct {
	m    Modulus
	n    int
	logn uint
	// tw holds the forward twiddles as pairs (w, ⌊w·2^64/p⌋): pair j is ω^{rev'(j)} for
	// j < n/2, where rev' reverses log2(n)−1 bits. Block k of every level uses pair k.
	tw []uint64
	// itw holds the inverses of the forward twiddles, in the same layout.
	itw []uint64
	// scale and scaleq are n^−1 mod p and its Shoup constant (the last step of Inverse).
	scale, scaleq uint64
	// mscale and mscaleq are n^−1·2^64 mod p and its Shoup constant: the last step of a
	// convolution whose pointwise products are Montgomery products (which divide by 2^64).
	mscale, mscaleq uint64
}

type planKey struct {
	p uint64
	n int
}

// plans caches every plan built, per (p, n). Lookups are lock-free (sync.Map).
var plans sync.Map // planKey -> *Plan

// NewPlan returns the transform plan of length n modulo m's prime. It returns an error if n
// is not a power of two (n ≥ 1) or exceeds m.MaxLen(). Plans are cached per (p, n) for the
// life of the program: repeated calls return the same *Plan without rebuilding tables. A plan
// holds 2n words of twiddles, shared with any longer plan of the same prime built before it.
// NewPlan is safe for concurrent use.
func NewPlan(m Modulus, n int) (*Plan, error) {
	if m.p == 0 {
		return nil, errors.New("ntt: zero Modulus (use NewModulus)")
	}
	if n < 1 || n&(n-1) != 0 {
		return nil, errors.New("ntt: transform length is not a power of two")
	}
	if n > m.MaxLen() {
		return nil, errors.New("ntt: transform length exceeds the prime's MaxLen")
	}
	key := planKey{m.p, n}
	if pl, ok := plans.Load(key); ok {
		return pl.(*Plan), nil
	}
	pl, _ := plans.LoadOrStore(key, buildPlan(m, n))
	return pl.(*Plan), nil
}

// mustPlan returns the cached plan of a length known to be valid.
func (m Modulus) mustPlan(n int) *Plan {
	pl, err := NewPlan(m, n)
	if err != nil {
		panic("ntt: internal error: no plan for a checked length")
	}
	return pl
}

// shoup returns ⌊w·2^64/p⌋ for w < p.
func shoup(w, p uint64) uint64 {
	q, _ := bits.Div64(w, 0, p)
	return q
}

func buildPlan(m Modulus, n int) *Plan {
	p := m.p
	logn := uint(bits.TrailingZeros(uint(n)))
	pl := &Plan{m: m, n: n, logn: logn}
	ninv := m.Inv(uint64(n) % p)
	pl.scale, pl.scaleq = ninv, shoup(ninv, p)
	if p&1 == 1 {
		r := bits.Rem64(1, 0, p)
		pl.mscale = m.Mul(ninv, r)
		pl.mscaleq = shoup(pl.mscale, p)
	}
	if n == 1 {
		return pl
	}
	half := n / 2
	// Reuse the table of a longer cached plan of the same prime: the tables are prefixes of
	// each other, because ω_n^{rev_{k−1}(j)} = ω_{2n}^{rev_k(j)} for j < n/2.
	for big := n * 2; big <= m.MaxLen(); big *= 2 {
		if v, ok := plans.Load(planKey{p, big}); ok {
			bp := v.(*Plan)
			pl.tw = bp.tw[: 2*half : 2*half]
			pl.itw = bp.itw[: 2*half : 2*half]
			return pl
		}
	}
	// ω = root^(MaxLen/n) has order n.
	w := m.root
	for range m.logN - logn {
		w = m.Mul(w, w)
	}
	pow := make([]uint64, half+1) // ω^0 … ω^{n/2}
	pow[0] = 1 % p
	for i := 1; i <= half; i++ {
		pow[i] = m.Mul(pow[i-1], w)
	}
	pl.tw = make([]uint64, 2*half)
	pl.itw = make([]uint64, 2*half)
	shift := uint(bits.UintSize) - (logn - 1)
	for j := range half {
		e := 0
		if logn > 1 {
			e = int(bits.Reverse(uint(j)) >> shift)
		}
		f := pow[e]
		// ω^{−e} = ω^{n−e} = −ω^{n/2−e}.
		g := uint64(1) % p
		if e != 0 {
			g = p - pow[half-e]
		}
		pl.tw[2*j], pl.tw[2*j+1] = f, shoup(f, p)
		pl.itw[2*j], pl.itw[2*j+1] = g, shoup(g, p)
	}
	return pl
}

// Len returns the transform length n.
func (pl *Plan) Len() int { return pl.n }

// Modulus returns the plan's modulus.
func (pl *Plan) Modulus() Modulus { return pl.m }

// Forward sets dst to the transform of src (see [Plan]: values at the n-th roots of unity, in
// bit-reversed order) and returns dst. Entries of src may be any uint64: entries ≥ p are
// reduced mod p first. The result entries are in [0, p). If dst is nil a new slice is
// allocated; otherwise dst must have length Len() and may be src or overlap it (the
// transform is done in place in dst). Forward panics if len(src) != Len() or dst is non-nil
// with len(dst) != Len(). It allocates only when dst is nil.
func (pl *Plan) Forward(dst, src []uint64) []uint64 {
	dst = pl.prepare(dst, src)
	pl.forward(dst)
	reduce4(dst, pl.m.p)
	return dst
}

// Inverse sets dst to the inverse transform of src (so Inverse(Forward(a)) == a for entries
// of a in [0, p)) and returns dst; it includes the scaling by n^−1. Input is in the
// bit-reversed order Forward produces; the output is in natural order, in [0, p). Entries of
// src may be any uint64 (entries ≥ p are reduced mod p first). Aliasing, allocation and
// panics are as for Forward.
func (pl *Plan) Inverse(dst, src []uint64) []uint64 {
	dst = pl.prepare(dst, src)
	pl.inverse(dst)
	scaleReduce(dst, dst, pl.scale, pl.scaleq, pl.m.p)
	return dst
}

// prepare checks lengths, allocates dst if nil, and copies src reduced mod p into dst.
func (pl *Plan) prepare(dst, src []uint64) []uint64 {
	if len(src) != pl.n {
		panic("ntt: len(src) != plan length")
	}
	if dst == nil {
		dst = make([]uint64, pl.n)
	} else if len(dst) != pl.n {
		panic("ntt: len(dst) != plan length")
	}
	copy(dst, src) // memmove: any overlap is fine
	reduceInput(dst, pl.m)
	return dst
}

// reduceInput reduces every entry of a into [0, p).
func reduceInput(a []uint64, m Modulus) {
	p := m.p
	for i, v := range a {
		if v >= p {
			a[i] = v % p
		}
	}
}

// reduce4 maps entries of a from [0, 4p) to [0, p).
func reduce4(a []uint64, p uint64) {
	p2 := 2 * p
	for i, v := range a {
		a[i] = csub(csub(v, p2), p)
	}
}

// scaleReduce sets dst[i] to src[i]·s mod p in [0, p) for any src[i], given the Shoup
// constant sq of s; len(src) ≥ len(dst).
func scaleReduce(dst, src []uint64, s, sq, p uint64) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] = csub(mulShoup(v, s, sq, p), p)
	}
}

// mulShoup returns a·w mod p in [0, 2p) for any a, given wq = ⌊w·2^64/p⌋ and w < p.
func mulShoup(a, w, wq, p uint64) uint64 {
	q, _ := bits.Mul64(a, wq)
	return a*w - q*p
}
