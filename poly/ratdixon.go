package poly

import (
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"sync"

	"github.com/polyconv/polyconv/internal/vntt"
	"github.com/polyconv/polyconv/ntt"
)

// Bézout cofactors by p-adic (Dixon) lifting. For coprime primitive A, B in Z[x] of degrees
// m, n ≥ 1, and an integer w, the pair (σ, τ) with σ·A + τ·B = w, deg σ < n, deg τ < m, is
// unique over Q, and it is also the unique solution modulo any modulus that keeps A and B
// coprime and their leading coefficients invertible. With M = Π vntt.Primes (eight primes
// below 2^50, about 2^400) it is found M-adically, one digit (σ_j, τ_j) per step: with e_0 = w
// and e_{j+1} = (e_j − σ_j·A − τ_j·B)/M, the digit solves σ_j·A + τ_j·B ≡ e_j (mod M), which
// is σ_j = (S₀·(e_j rem B)) rem B and τ_j = (T₀·(e_j rem A)) rem A for S₀ = A⁻¹ mod B and
// T₀ = B⁻¹ mod A modulo each prime, all computed in the eight lanes of the vector transforms
// at once, the two halves independently (on two goroutines). Then σ ≡ Σ_j σ_j·M^j (mod M^K)
// after K steps. The residual stays small: writing e_j = u_j + c_j for an integer polynomial
// u_j and a constant c_j (the part of w still to be divided), the coefficients of u_j are
// below 2·(1 + ‖A‖₁ + ‖B‖₁) in absolute value, so u_{j+1} is found modulo one 62-bit prime q,
// from σ_j and τ_j modulo q (an explicit CRT from the lanes).
//
// Phase one lifts w = 1 far enough (M^K > 2H², H the Hadamard bound of ratxgcd.go's modular
// method; first a tenth short of that, with a margin) to recover four coefficients of
// σ = N/R as fractions by rational reconstruction; the lcm D of their denominators divides
// the common denominator of (σ, τ), and in the usual case equals it. Phase two lifts w = D
// (to the size of D, then if needed to M^K > 2H): then D·σ and D·τ are integer polynomials,
// the symmetric residues. certify proves N·A + TN·B = D; if the proof fails for want of a
// denominator factor, phase one is rerun to the bound and every coefficient examined. The
// cost per step is, per half, six vector transforms of length L = 2^⌈log₂ 2·max(m, n)⌉ and
// four of length L/2, plus one scalar transform; the steps number about 3·log₂|R|/400 (R the
// resultant): for degree 2000 and coefficients in [−9, 9], 217.

// digitBits is a lower bound on the bits of one M-adic digit: M > 2^399.
const digitBits = 399

// dixonLane holds one lane's constants.
type dixonLane struct {
	md        ntt.Modulus
	p, bar    uint64    // the prime and ⌊2^64/p⌋
	inv, invS uint64    // (M/p)⁻¹ mod p and its Shoup quotient ⌊inv·2^64/p⌋
	recip     float64   // 1/p
	mp        [6]uint64 // the words of M/p (below 2^351)
	cq, cqS   uint64    // (M/p) mod q and its Shoup quotient for q
}

// dixon is the state of the lifting for one pair A, B.
type dixon struct {
	A, B   []*big.Int
	n, m   int        // deg B, deg A
	l1A    *big.Int   // ‖A‖₁
	l1B    *big.Int   // ‖B‖₁
	hBits  int        // hadamardBits(A, B)
	k1, k2 int        // the digits phase one and phase two need at the Hadamard bound
	pl, ph *vntt.Plan // transforms of length L ≥ 2·max(m, n), and L/2
	// The two halves of a digit: σ_j = (S₀·e) rem B and τ_j = (T₀·e) rem A, computed
	// independently (on two goroutines when GOMAXPROCS > 1).
	sig, tau dixonSide
	ln       [vntt.Lanes]dixonLane
	M        *big.Int
	mw       [7]uint64 // M's words
	q        ntt.Modulus
	qpl      *ntt.Plan
	mqInv    uint64    // M⁻¹ mod q
	kmq      [9]uint64 // k·M mod q for k ≤ 8
	e        []uint64  // e_j modulo the lanes' primes (points < n+m)
	pq       []uint64  // scratch modulo q
	u        []int64   // the small part of the residual
	c        *big.Int  // the part of the right side still to be divided by M
	j        int       // the steps done
	rho      *big.Int  // the constant digit taken from c this step
	rhoL     [8]uint64 // rho modulo the lanes' primes
}

// dixonSide computes one half of each digit: out = (S·e) rem X for the divisor X (B for σ,
// A for τ) of degree dx and S = X's partner's inverse modulo X (S₀ or T₀).
type dixonSide struct {
	dx int // deg X
	// Lane transforms: S and rev(X)⁻¹ mod x^max(m,n) at length L, X at length L/2 (the
	// products by X are only needed modulo x^(L/2) − 1: see rem).
	s, inv, xh     []uint64
	t1, t2, t3, h1 []uint64 // scratch (h1 has length L/2)
	out            []uint64 // the digit (points < dx, in [0, p))
	outQ           []uint64 // the digit modulo q, then its transform times partnerQ
	partnerQ       []uint64 // transform modulo q of the other polynomial (σ·A, τ·B)
}

// newDixon prepares the lifting, or returns nil if some lane prime divides a leading
// coefficient or leaves A and B with a common factor, or the residual would not fit q.
func newDixon(A, B []*big.Int) *dixon {
	m, n := len(A)-1, len(B)-1
	if m < 1 || n < 1 {
		return nil
	}
	l1A, l1B := norm1(A), norm1(B)
	if new(big.Int).Add(l1A, l1B).BitLen() > 58 {
		return nil // |u| < 2·(1 + ‖A‖₁ + ‖B‖₁) must stay below q/2
	}
	k := max(m, n)
	logL := max(2, bits.Len(uint(2*k-1)))
	if logL > vntt.MaxLog {
		return nil
	}
	hBits := hadamardBits(A, B)
	d := &dixon{A: A, B: B, n: n, m: m, l1A: l1A, l1B: l1B, hBits: hBits,
		// M^k1 > 2H², so that fractions with both parts up to H are recovered; M^k2 > 2·(H·‖A‖₁
		// + H·‖B‖₁ + H), so that certify's bound holds for N and TN up to H.
		k1: (2*hBits+2)/digitBits + 1,
		k2: (hBits+max(l1A.BitLen(), l1B.BitLen())+3)/digitBits + 1,
		pl: vntt.NewPlan(logL), ph: vntt.NewPlan(logL - 1)}
	L := d.pl.Len()
	d.M = big.NewInt(1)
	for _, p := range vntt.Primes {
		d.M.Mul(d.M, new(big.Int).SetUint64(p))
	}
	for i, w := range d.M.Bits() {
		d.mw[i] = uint64(w)
	}
	q, err := ntt.NewModulus(ntt.Primes[0])
	if err != nil {
		panic("poly: internal error: " + err.Error())
	}
	d.q = q
	d.qpl, err = ntt.NewPlan(q, L)
	if err != nil {
		panic("poly: internal error: " + err.Error())
	}
	qb := new(big.Int).SetUint64(q.P())
	mq := new(big.Int).Mod(d.M, qb).Uint64()
	d.mqInv = q.Inv(mq)
	for k := range d.kmq {
		d.kmq[k] = q.Mul(q.Reduce(uint64(k)), mq)
	}
	vec := func() []uint64 { return make([]uint64, vntt.Lanes*L) }
	for _, sd := range []*dixonSide{&d.sig, &d.tau} {
		sd.s, sd.inv, sd.xh = vec(), vec(), make([]uint64, vntt.Lanes*L/2)
		sd.t1, sd.t2, sd.t3, sd.h1, sd.out = vec(), vec(), vec(), make([]uint64, vntt.Lanes*L/2), vec()
		sd.outQ = make([]uint64, L)
	}
	d.sig.dx, d.tau.dx = n, m
	ok := make([]bool, vntt.Lanes)
	parallel(vntt.Lanes, func(l int) {
		ok[l] = d.setLane(l, A, B, k)
	})
	for _, o := range ok {
		if !o {
			return nil
		}
	}
	for _, sd := range []*dixonSide{&d.sig, &d.tau} {
		d.pl.Forward(sd.s)
		d.pl.Forward(sd.inv)
		d.ph.Forward(sd.xh)
	}
	d.sig.partnerQ = d.qpl.Forward(nil, padTo(modP(A, q.P()), L))
	d.tau.partnerQ = d.qpl.Forward(nil, padTo(modP(B, q.P()), L))
	d.e, d.pq = vec(), make([]uint64, L)
	d.u = make([]int64, n+m)
	d.rho = new(big.Int)
	return d
}

// setLane fills lane l's constants and its entries of both sides' vectors (before their
// transforms), reporting false for an unlucky prime.
func (d *dixon) setLane(l int, A, B []*big.Int, k int) bool {
	p := vntt.Primes[l]
	md, err := ntt.NewModulus(p)
	if err != nil {
		panic("poly: internal error: " + err.Error())
	}
	ln := &d.ln[l]
	ln.md, ln.p = md, p
	ln.bar, _ = bits.Div64(1, 0, p)
	ln.recip = 1 / float64(p)
	pb := new(big.Int).SetUint64(p)
	mp := new(big.Int).Quo(d.M, pb)
	for i, w := range mp.Bits() {
		ln.mp[i] = uint64(w)
	}
	ln.inv = md.Inv(new(big.Int).Mod(mp, pb).Uint64())
	ln.invS, _ = bits.Div64(ln.inv, 0, p)
	qp := d.q.P()
	ln.cq = new(big.Int).Mod(mp, new(big.Int).SetUint64(qp)).Uint64()
	ln.cqS, _ = bits.Div64(ln.cq, 0, qp)

	a, b := modP(A, p), modP(B, p)
	if a[d.m] == 0 || b[d.n] == 0 {
		return false
	}
	s, _, _, ok := bezoutModP(md, append([]uint64(nil), a...), append([]uint64(nil), b...), false)
	if !ok || len(s) > d.n {
		return false
	}
	revB := make([]uint64, d.n+1)
	for i := range revB {
		revB[i] = b[d.n-i]
	}
	invB := seriesInv(md, revB, k)
	// t = (1 − s·a) quo b, from the reversed top of 1 − s·a (which b divides).
	c := padTo(md.Convolve(nil, s, a), d.n+d.m)
	top := make([]uint64, d.m)
	for i := range top {
		top[i] = md.Sub(0, c[d.n+d.m-1-i])
	}
	tr := md.Convolve(nil, top, invB[:d.m])[:d.m]
	t := make([]uint64, d.m)
	for i := range t {
		t[i] = tr[d.m-1-i]
	}
	const L = vntt.Lanes
	fill := func(sd *dixonSide, x, inv, ser []uint64) {
		h := d.ph.Len() // X modulo x^h − 1
		for i, v := range x {
			sd.xh[L*(i%h)+l] = md.Add(sd.xh[L*(i%h)+l], v)
		}
		for i, v := range ser {
			sd.inv[L*i+l] = v
		}
		for i, v := range inv {
			sd.s[L*i+l] = v
		}
	}
	revA := make([]uint64, d.m+1)
	for i := range revA {
		revA[i] = a[d.m-i]
	}
	fill(&d.sig, b, s, invB)
	fill(&d.tau, a, t, seriesInv(md, revA, k))
	return true
}

// seriesInv returns f⁻¹ mod x^k in Z_p[x] (f[0] ≠ 0) by Newton's iteration.
func seriesInv(md ntt.Modulus, f []uint64, k int) []uint64 {
	g := []uint64{md.Inv(f[0])}
	for len(g) < k {
		np := min(2*len(g), k)
		fg := padTo(md.Convolve(nil, f[:min(np, len(f))], g), np)[:np]
		for i, v := range fg {
			fg[i] = md.Sub(0, v)
		}
		fg[0] = md.Add(fg[0], 2)
		g = padTo(md.Convolve(nil, g, fg), np)[:np]
	}
	return g[:k]
}

// padTo returns c extended with zeros to length n (c itself if long enough).
func padTo(c []uint64, n int) []uint64 {
	if len(c) >= n {
		return c
	}
	return append(c, make([]uint64, n-len(c))...)
}

// mulPre replaces the first points points of x (the rest taken as zero, entries below 4p) by
// their cyclic product with the transformed vector pre, by the plan pl; the entries are then
// below 2p.
func mulPre(pl *vntt.Plan, x []uint64, points int, pre []uint64) {
	pl.ForwardPrefix(x, points, 1)
	pl.MulScaled(x, pre)
	pl.Inverse(x)
}

// revPoints sets points i < cnt of dst to points from+cnt−1−i of src (dst ≠ src).
func revPoints(dst, src []uint64, from, cnt int) {
	const L = vntt.Lanes
	for i := range cnt {
		j := from + cnt - 1 - i
		copy(dst[L*i:L*i+L], src[L*j:L*j+L])
	}
}

// subLanes sets points i < cnt of dst to a − b modulo each lane's prime, for entries of a
// and b below 2p; the results are in [0, p).
func subLanes(dst, a, b []uint64, cnt int) {
	const L = vntt.Lanes
	a, b, dst = a[:L*cnt], b[:L*cnt], dst[:L*cnt]
	for i := 0; i < len(a); i += L {
		for l := range L {
			p := vntt.Primes[l]
			x, y := a[i+l], b[i+l]
			x = min(x, x-p) // x < 2p: x − p wraps above x unless x ≥ p
			y = min(y, y-p)
			r := x - y
			if x < y {
				r += p
			}
			dst[i+l] = r
		}
	}
}

// reduceLanes reduces points [0, cnt) of v from [0, 2p) to [0, p).
func reduceLanes(v []uint64, cnt int) {
	const L = vntt.Lanes
	v = v[:L*cnt]
	for i := 0; i < len(v); i += L {
		for l := range L {
			x := v[i+l]
			v[i+l] = min(x, x-vntt.Primes[l])
		}
	}
}

// rem sets dst (points < dx, in [0, p)) to v rem X for v given in points [0, cnt) of src,
// cnt − dx ≤ max(m, n), entries below 2p. The quotient comes from the reversed top of v times
// rev(X)⁻¹; the remainder v − q·X has degree below dx ≤ L/2, so it equals v − q·X modulo
// x^(L/2) − 1, and that product is a half-length one. src is overwritten.
func (d *dixon) rem(sd *dixonSide, dst, src []uint64, cnt int) {
	const L = vntt.Lanes
	dx, nq := sd.dx, cnt-sd.dx
	if nq <= 0 {
		copy(dst[:L*cnt], src[:L*cnt])
		clear(dst[L*cnt : L*dx])
		reduceLanes(dst, dx)
		return
	}
	T, H := sd.t3, sd.h1
	revPoints(T, src, dx, nq)
	mulPre(d.pl, T, nq, sd.inv)
	revPoints(H, T, 0, nq)
	mulPre(d.ph, H, nq, sd.xh)
	// Fold src modulo x^(L/2) − 1 over its low dx points (the only ones needed).
	half := d.ph.Len()
	for i := half; i < cnt; i++ {
		for l := range L {
			p := vntt.Primes[l]
			x := src[L*(i-half)+l] + src[L*i+l] // below 4p
			x = min(x, x-2*p)
			src[L*(i-half)+l] = x // below 2p
		}
	}
	subLanes(dst, src, H, dx)
}

// side computes sd.out = (S·(e rem X)) rem X, then sd.outQ = the transform modulo q of the
// digit times the partner's transform.
func (d *dixon) side(sd *dixonSide) {
	const L = vntt.Lanes
	cnt := d.n + d.m
	copy(sd.t1[:L*cnt], d.e[:L*cnt])
	d.rem(sd, sd.t2, sd.t1, cnt) // r = e rem X
	mulPre(d.pl, sd.t2, sd.dx, sd.s)
	d.rem(sd, sd.out, sd.t2, 2*sd.dx-1)
	clear(sd.outQ)
	for i := range sd.dx {
		sd.outQ[i] = d.toQ(sd.out[L*i : L*i+L])
	}
	d.qpl.Forward(sd.outQ, sd.outQ)
	q := d.q
	for i, v := range sd.outQ {
		sd.outQ[i] = q.Mul(v, sd.partnerQ[i])
	}
}

// digit computes σ_j into d.sig.out and τ_j into d.tau.out from e, the two halves on two
// goroutines when GOMAXPROCS > 1.
func (d *dixon) digit() {
	parallel(2, func(i int) {
		if i == 0 {
			d.side(&d.sig)
		} else {
			d.side(&d.tau)
		}
	})
}

// mulShoup returns a·b mod p in [0, 2p) for b < p < 2^63 and bs = ⌊b·2^64/p⌋.
func mulShoup(a, b, bs, p uint64) uint64 {
	hi, _ := bits.Mul64(a, bs)
	return a*b - hi*p
}

// toQ returns the value modulo q of the integer in [0, M) whose residues are the lanes r
// (each in [0, p)).
func (d *dixon) toQ(r []uint64) uint64 {
	qp := d.q.P()
	var f float64
	var acc uint64
	for l := range vntt.Lanes {
		ln := &d.ln[l]
		t := mulShoup(r[l], ln.inv, ln.invS, ln.p)
		t = min(t, t-ln.p)
		f += float64(t) * ln.recip
		x := mulShoup(t, ln.cq, ln.cqS, qp)
		x = min(x, x-qp)
		acc += x
		acc = min(acc, acc-qp)
	}
	// The value is Σ t_l·(M/p_l) − k·M with k = ⌊Σ t_l/p_l⌋; f approximates that sum to
	// within 2^−48, so k is certain unless f is that close to an integer.
	k := math.Floor(f)
	if fr := f - k; fr < 1e-9 || fr > 1-1e-9 {
		w := d.crtDigit(r)
		var v big.Int
		v.SetBits(wordsOf(w[:]))
		return v.Mod(&v, new(big.Int).SetUint64(qp)).Uint64()
	}
	return d.q.Sub(acc, d.kmq[int(k)])
}

// wordsOf converts words to big.Words.
func wordsOf(w []uint64) []big.Word {
	r := make([]big.Word, len(w))
	for i, v := range w {
		r[i] = big.Word(v)
	}
	return r
}

// crtDigit returns the words of the integer in [0, M) whose residues are the lanes r.
func (d *dixon) crtDigit(r []uint64) [7]uint64 {
	var acc [7]uint64
	for l := range vntt.Lanes {
		ln := &d.ln[l]
		t := mulShoup(r[l], ln.inv, ln.invS, ln.p)
		t = min(t, t-ln.p)
		var carry uint64
		for j, w := range ln.mp {
			hi, lo := bits.Mul64(t, w)
			var c uint64
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			acc[j], c = bits.Add64(acc[j], lo, 0)
			carry = hi + c
		}
		acc[6] += carry
	}
	for geqWords(acc[:], d.mw[:]) { // acc < 8M
		var b uint64
		for j := range acc {
			acc[j], b = bits.Sub64(acc[j], d.mw[j], b)
		}
	}
	return acc
}

// geqWords reports x ≥ y for equal-length little-endian words.
func geqWords(x, y []uint64) bool {
	for j := len(x) - 1; j >= 0; j-- {
		if x[j] != y[j] {
			return x[j] > y[j]
		}
	}
	return true
}

// advance computes u_{j+1} = (u_j + ρ − σ_j·A − τ_j·B)/M from the digits just found.
func (d *dixon) advance() {
	q := d.q
	qp := q.P()
	for i, v := range d.sig.outQ {
		d.pq[i] = q.Add(v, d.tau.outQ[i])
	}
	d.qpl.Inverse(d.pq, d.pq)
	rq := new(big.Int).Mod(d.rho, new(big.Int).SetUint64(qp)).Uint64()
	for i := range d.u {
		v := d.u[i]
		var x uint64
		if v >= 0 {
			x = uint64(v) // below 2^60 < q
		} else {
			x = qp - uint64(-v)
		}
		if i == 0 {
			x = q.Add(x, rq)
		}
		x = q.Mul(q.Sub(x, d.pq[i]), d.mqInv)
		if x > qp/2 {
			d.u[i] = -int64(qp - x)
		} else {
			d.u[i] = int64(x)
		}
	}
}

// load sets e = u + ρ modulo the lanes (points < n+m).
func (d *dixon) load() {
	const L = vntt.Lanes
	var rb big.Int
	for l, p := range vntt.Primes {
		d.rhoL[l] = rb.Mod(d.rho, new(big.Int).SetUint64(p)).Uint64()
	}
	for i, v := range d.u {
		a := uint64(v)
		if v < 0 {
			a = uint64(-v)
		}
		for l := range L {
			ln := &d.ln[l]
			r := a
			if a >= ln.p { // rare: |u| is usually far below p
				hi, _ := bits.Mul64(a, ln.bar)
				r = a - hi*ln.p // below 3p
				r = min(r, r-ln.p)
				r = min(r, r-ln.p)
			}
			if v < 0 && r != 0 {
				r = ln.p - r
			}
			if i == 0 {
				r += d.rhoL[l]
				r = min(r, r-ln.p)
			}
			d.e[L*i+l] = r
		}
	}
}

// start begins a lifting from the right side w ≥ 0.
func (d *dixon) start(w *big.Int) {
	d.c = new(big.Int).Set(w)
	clear(d.u)
	d.j = 0
}

// run continues the lifting until to steps are done, calling keep after each digit is found
// (the digits are in d.sig.out and d.tau.out then).
func (d *dixon) run(to int, keep func(j int)) {
	for ; d.j < to; d.j++ {
		if d.j > 0 {
			d.advance()
		}
		d.c.QuoRem(d.c, d.M, d.rho)
		d.load()
		d.digit()
		keep(d.j)
	}
}

// radixBase holds the powers pw[k] = M^(2^k) for the conversion of M-adic digits to
// integers, and for the large ones a limbMul with pw[k]'s transform (a product by pw[k] then
// costs a forward and an inverse transform, about a third of math/big's Karatsuba time at
// 250 words). A radixBase is immutable and safe for concurrent use.
type radixBase struct {
	pw    []*big.Int
	lm    []*limbMul
	hat   [][]uint64
	limbs []int
	pools []sync.Pool // of *limbScratch, per k
}

// radix returns Σ_j digits[j]·M^j (len(digits) ≤ 2^len(pw)).
func (rb *radixBase) radix(digits [][7]uint64) *big.Int {
	if len(digits) == 1 {
		return new(big.Int).SetBits(wordsOf(digits[0][:]))
	}
	k := bits.Len(uint(len(digits)-1)) - 1 // 2^k < len ≤ 2^(k+1)
	h := 1 << k
	lo, hi := rb.radix(digits[:h]), rb.radix(digits[h:])
	if lm := rb.lm[k]; lm != nil {
		sc, _ := rb.pools[k].Get().(*limbScratch)
		if sc == nil {
			sc = lm.scratch()
		}
		lm.mul(hi, hi, nil, rb.hat[k], rb.limbs[k], sc)
		rb.pools[k].Put(sc)
	} else {
		hi.Mul(hi, rb.pw[k])
	}
	return hi.Add(hi, lo)
}

// powers returns the radixBase for up to steps digits, and M^steps.
func (d *dixon) powers(steps int) (rb *radixBase, mk *big.Int) {
	pw := []*big.Int{d.M}
	for 1<<len(pw) <= steps {
		last := pw[len(pw)-1]
		pw = append(pw, new(big.Int).Mul(last, last))
	}
	mk = big.NewInt(1)
	for k, v := range pw {
		if steps>>k&1 == 1 {
			mk.Mul(mk, v)
		}
	}
	rb = &radixBase{pw: pw, lm: make([]*limbMul, len(pw)), hat: make([][]uint64, len(pw)),
		limbs: make([]int, len(pw)), pools: make([]sync.Pool, len(pw))}
	for k, v := range pw {
		if w := len(v.Bits()); w >= limbMulWords {
			if rb.lm[k] = newLimbMul(w + 1); rb.lm[k] != nil {
				rb.hat[k], rb.limbs[k] = rb.lm[k].fixed(v)
			}
		}
	}
	return rb, mk
}

// symmetric returns v − mk if v > mk/2, else v (in place).
func symmetric(v, mk, half *big.Int) *big.Int {
	if v.Cmp(half) > 0 {
		v.Sub(v, mk)
	}
	return v
}

// dixonRetryTest makes solveBezoutDixon treat its first answer as missing a denominator
// factor, so that tests reach the rerun of phase one.
var dixonRetryTest = false

// solveBezoutDixon returns N, D and TN with N·A + TN·B = D ≠ 0, deg N < deg B and
// deg TN < deg A, for coprime primitive nonconstant A and B, or ok false if the lifting
// does not apply (an unlucky lane prime, or coefficients too large for its residual prime).
func solveBezoutDixon(A, B []*big.Int) (N []*big.Int, D *big.Int, TN []*big.Int, ok bool) {
	d := newDixon(A, B)
	if d == nil {
		return nil, nil, nil, false
	}
	n, hBits, k1, k2 := d.n, d.hBits, d.k1, d.k2
	const L = vntt.Lanes
	bound := new(big.Int).Lsh(big.NewInt(1), uint(hBits))

	// Phase one: σ for w = 1, the digits (lanes) of the coefficients at the indices kept. The
	// reconstruction is tried first a tenth short of the bound's precision (the resultant is
	// usually well below the Hadamard bound), with a margin of 2^64 against a chance fraction.
	var kept []int   // the coefficients whose digits are kept
	var one []uint64 // their digits: step j, kept index p at one[(j·len(kept)+p)·L:]
	keepOnly := func(idx []int) {
		kept, one = idx, make([]uint64, k1*len(idx)*L)
	}
	keep := func(j int) {
		for p, i := range kept {
			copy(one[(j*len(kept)+p)*L:], d.sig.out[i*L:(i+1)*L])
		}
	}
	sigma := func(p int, pw *radixBase, k int) *big.Int { // the p-th kept coefficient
		dg := make([][7]uint64, k)
		for j := range dg {
			dg[j] = d.crtDigit(one[(j*len(kept)+p)*L : (j*len(kept)+p)*L+L])
		}
		return pw.radix(dg)
	}
	samples := []int{n - 1, 0, n / 2, n / 3}
	keepOnly(samples)
	d.start(big.NewInt(1))
	numBits := 0
	for _, k := range []int{max(1, k1*9/10), k1} {
		d.run(k, keep)
		pw, mk := d.powers(k)
		rb := hBits // at the bound's precision, the bound itself (M^k1 > 2·4^hBits)
		if k < k1 {
			rb = max(1, min(hBits, (digitBits*k-66)/2)) // with the margin
		}
		rbound := new(big.Int).Lsh(big.NewInt(1), uint(rb))
		nums := make([]*big.Int, len(samples))
		dens := make([]*big.Int, len(samples))
		parallel(len(samples), func(i int) {
			nums[i], dens[i], _ = ratRecon(sigma(i, pw, k), mk, rbound)
		})
		D = big.NewInt(1)
		for i, v := range dens {
			if v == nil {
				D = nil
				break
			}
			D = lcm(D, v)
			numBits = max(numBits, nums[i].BitLen())
		}
		if D != nil {
			break
		}
	}
	if D == nil {
		return nil, nil, nil, false
	}
	for try := 0; try < 2; try++ {
		// Phase two, first with digits for values a little above D's and the numerators'
		// size (as they usually are), then for the bound.
		est := max(D.BitLen(), numBits) + 64 + max(d.l1A.BitLen(), d.l1B.BitLen()) + 3
		ks := []int{min(k2, est/digitBits+1), k2}
		N, TN, ok, sure := d.phaseTwo(D, ks)
		if try == 0 && dixonRetryTest {
			ok, sure = false, true
		}
		if ok {
			return N, D, TN, true
		}
		if !sure {
			return nil, nil, nil, false // a failed spot check: leave it to the modular method
		}
		if try == 1 {
			break
		}
		// A denominator factor was missed (or the early reconstruction was a chance
		// fraction): run phase one to the bound's precision and take the lcm of the
		// denominators of the samples and of every coefficient that D does not clear.
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		keepOnly(all)
		d.start(big.NewInt(1))
		d.run(k1, keep)
		pw1, mk1 := d.powers(k1)
		half := new(big.Int).Rsh(mk1, 1)
		D = big.NewInt(1)
		for _, i := range samples {
			_, den, ok := ratRecon(sigma(i, pw1, k1), mk1, bound)
			if !ok {
				return nil, nil, nil, false
			}
			D = lcm(D, den)
		}
		extra := make([]*big.Int, n)
		parallel(n, func(i int) {
			s := sigma(i, pw1, k1)
			c := symmetric(new(big.Int).Mod(new(big.Int).Mul(s, D), mk1), mk1, half)
			if c.CmpAbs(bound) > 0 {
				if _, den, ok := ratRecon(s, mk1, bound); ok {
					extra[i] = den
				}
			}
		})
		for _, v := range extra {
			if v != nil {
				D = lcm(D, v)
			}
		}
		numBits = hBits
	}
	return nil, nil, nil, false
}

// certify reports whether N·A + TN·B = D. The lifting makes N·A + TN·B ≡ D (mod mk), mk =
// M^k for its k digits, hold by construction, so the identity is exact when the bound
// ‖N‖∞·‖A‖₁ + ‖TN‖∞·‖B‖₁ + D on the coefficients of the difference is below mk/2; a D that
// misses a factor of the denominator gives N and TN near mk/2 and fails the bound (sure =
// true: look for the factor). As a check on the implementation itself, the identity is also
// tested at a random point modulo a 62-bit prime; if that fails, ok and sure are false.
func (d *dixon) certify(N, TN []*big.Int, D, mk *big.Int) (ok, sure bool) {
	A, B := d.A, d.B
	c := new(big.Int).Mul(maxAbs(N), d.l1A)
	c.Add(c, new(big.Int).Mul(maxAbs(TN), d.l1B)).Add(c, D).Lsh(c, 1)
	if c.Cmp(mk) >= 0 {
		return false, true
	}
	q, _ := ntt.NewModulus(ntt.Primes[1])
	x := q.Reduce(rand.Uint64())
	at := func(p []*big.Int) uint64 {
		qb := new(big.Int).SetUint64(q.P())
		var t big.Int
		v := uint64(0)
		for i := len(p) - 1; i >= 0; i-- {
			v = q.Add(q.Mul(v, x), t.Mod(p[i], qb).Uint64())
		}
		return v
	}
	lhs := q.Add(q.Mul(at(N), at(A)), q.Mul(at(TN), at(B)))
	return lhs == at([]*big.Int{D}), false
}

// norm1 returns ‖p‖₁ (a new value).
func norm1(p []*big.Int) *big.Int {
	s := new(big.Int)
	for _, v := range p {
		if v.Sign() < 0 {
			s.Sub(s, v)
		} else {
			s.Add(s, v)
		}
	}
	return s
}

// phaseTwo lifts w = D for ks[0] steps, then ks[1], …, and returns the symmetric residues
// of the lifted σ and τ at the first count that certify accepts (ok), or certify's verdict
// at the last count (or at a failed spot check).
func (d *dixon) phaseTwo(D *big.Int, ks []int) (N, TN []*big.Int, ok, sure bool) {
	n, m := d.n, d.m
	const L = vntt.Lanes
	w := n + m
	lanes := make([]uint64, ks[len(ks)-1]*w*L)
	d.start(D)
	for _, k := range ks {
		d.run(k, func(j int) {
			copy(lanes[j*w*L:], d.sig.out[:n*L])
			copy(lanes[(j*w+n)*L:], d.tau.out[:m*L])
		})
		pw, mk := d.powers(k)
		half := new(big.Int).Rsh(mk, 1)
		vals := make([]*big.Int, w)
		parallel(w, func(i int) {
			dg := make([][7]uint64, k)
			for j := range dg {
				dg[j] = d.crtDigit(lanes[(j*w+i)*L : (j*w+i)*L+L])
			}
			vals[i] = symmetric(pw.radix(dg), mk, half)
		})
		N, TN = normalize[big.Int](vals[:n]), normalize[big.Int](vals[n:])
		if ok, sure = d.certify(N, TN, D, mk); ok || !sure {
			return N, TN, ok, sure
		}
	}
	return N, TN, false, true
}

// lcm returns lcm(a, b) for positive a and b (a new value).
func lcm(a, b *big.Int) *big.Int {
	g := new(big.Int).GCD(nil, nil, a, b)
	r := new(big.Int).Quo(a, g)
	return r.Mul(r, b)
}

// ratRecon returns num/den ≡ a (mod mod) with |num| ≤ bound, 0 < den ≤ bound and
// gcd(num, den) = 1, or ok false if there is no such fraction; it is unique when
// mod > 2·bound². It runs the extended Euclidean algorithm on (mod, a) until the remainder
// is at most bound, with Lehmer's steps (on the leading 61 bits) while the remainders are
// far above it.
func ratRecon(a, mod, bound *big.Int) (num, den *big.Int, ok bool) {
	r0, r1 := new(big.Int).Set(mod), new(big.Int).Mod(a, mod)
	t0, t1 := new(big.Int), big.NewInt(1)
	stop := bound.BitLen() + 64
	var x, y, qq, tmp big.Int
	for r1.Cmp(bound) > 0 {
		if r0.BitLen() > stop {
			sh := uint(r0.BitLen() - 61)
			xh := int64(tmp.Rsh(r0, sh).Uint64())
			yh := int64(tmp.Rsh(r1, sh).Uint64())
			A, B, C, D := int64(1), int64(0), int64(0), int64(1)
			for yh+C > 0 && yh+D > 0 {
				q := (xh + A) / (yh + C)
				if q != (xh+B)/(yh+D) {
					break
				}
				A, C = C, A-q*C
				B, D = D, B-q*D
				xh, yh = yh, xh-q*yh
			}
			if B != 0 {
				lin := func(dst, u, v *big.Int, a, b int64) {
					x.Mul(u, tmp.SetInt64(a))
					y.Mul(v, tmp.SetInt64(b))
					dst.Add(&x, &y)
				}
				var nr0, nr1, nt0, nt1 big.Int
				lin(&nr0, r0, r1, A, B)
				lin(&nr1, r0, r1, C, D)
				lin(&nt0, t0, t1, A, B)
				lin(&nt1, t0, t1, C, D)
				r0.Set(&nr0)
				r1.Set(&nr1)
				t0.Set(&nt0)
				t1.Set(&nt1)
				continue
			}
		}
		qq.QuoRem(r0, r1, &tmp)
		r0.Set(r1)
		r1.Set(&tmp)
		tmp.Mul(&qq, t1)
		t0.Sub(t0, &tmp)
		t0, t1 = t1, t0
	}
	if t1.Sign() == 0 || t1.CmpAbs(bound) > 0 {
		return nil, nil, false
	}
	if t1.Sign() < 0 {
		t1.Neg(t1)
		r1.Neg(r1)
	}
	if new(big.Int).GCD(nil, nil, new(big.Int).Abs(r1), t1).Cmp(big.NewInt(1)) != 0 {
		return nil, nil, false
	}
	return r1, t1, true
}
