package poly

import (
	"math/big"
	"math/bits"
	"runtime"
	"sync"

	"github.com/polyconv/polyconv/exact"
	"github.com/polyconv/polyconv/ntt"
)

// Bézout cofactors by a modular method. Euclid's algorithm over Q is slow for large
// inputs because its intermediate fractions grow at every step. Instead, with g the gcd
// and a = g·α·A, b = g·β·B (A, B primitive in Z[x], coprime, both nonconstant, α, β in Q),
// the unique S, T in Q[x] with S·A + T·B = 1, deg S < deg B and deg T < deg A are found
// as follows. By Cramer's rule on the Sylvester matrix, N = R·S and TN = R·T have integer
// coefficients, where R = res(A, B) is the resultant, and |N_i|, |TN_i|, |R| ≤ H, the
// Hadamard bound ‖A‖₂^deg B·‖B‖₂^deg A (each is a minor of the Sylvester matrix, whose rows
// are shifts of A and B). Modulo a prime p in (2^61, 2^62) that does not divide lc(A)·lc(B)
// or R, the extended Euclidean algorithm in Z_p[x] gives S mod p and T mod p, and the same
// remainder sequence gives R mod p; a prime that divides R shows itself (A and B then have
// a common factor modulo p) and is skipped. The images, computed in parallel, are combined
// by the Chinese remainder theorem along a product tree, and once the modulus exceeds 2H
// the symmetric residues are N, TN and R themselves. The identity N·A + TN·B = R is then
// checked exactly with fast multiplication, so the result is certain (a failed check, which
// the bound rules out, makes GCD fall back to Euclid), and s = N/(R·α), t = TN/(R·β) give
// s·a + t·b = g. The cost is about 3·deg A·deg B word products per prime, and about
// H's bits / 61 primes: cubic in the degree for operands of fixed coefficient size, which
// is what a half-gcd modulo each prime would improve. xgcdModular therefore tries the
// M-adic lifting of ratdixon.go first (far faster: about 0.6 s instead of 30 s at degree
// 2000, see BenchmarkRatGCD) and uses this solver only where the lifting does not apply.

// useDixon selects the M-adic lifting before the multi-modular solver (tests and benchmarks
// turn it off to exercise and time the fallback).
var useDixon = true

// dixonMinBits is the size of the Hadamard bound H (in bits) from which xgcdModular lifts:
// below about ten primes' worth the multi-modular solver is faster (the lifting's eight lane
// Euclids and per-step overhead dominate). Measured with BenchmarkRatGCD's operands: equal at
// degree 55–70 (H ≈ 600–750 bits), the lifting 2.4× slower at degree 10 and 1.2× faster at 100.
var dixonMinBits = 600

// xgcdModular returns s and t with s·a + t·b = g, where g is the monic gcd of the nonzero
// a and b, or ok false if the modular method gave up.
func xgcdModular(g, a, b []*big.Rat) (s, t []*big.Rat, ok bool) {
	ac, _ := quoRem(a, g) // a = g·a′, exactly
	bc, _ := quoRem(b, g)
	if len(ac) == 1 { // a = a′₀·g: s = 1/a′₀, t = 0
		return []*big.Rat{new(big.Rat).Inv(ac[0])}, nil, true
	}
	if len(bc) == 1 {
		return nil, []*big.Rat{new(big.Rat).Inv(bc[0])}, true
	}
	A, B := primitivePart(ac), primitivePart(bc)
	var N, TN []*big.Int
	var R *big.Int
	if useDixon && hadamardBits(A, B) >= dixonMinBits {
		N, R, TN, ok = solveBezoutDixon(A, B)
	}
	if !ok {
		N, R, TN, ok = solveBezoutModular(A, B)
	}
	if !ok {
		return nil, nil, false
	}
	// a′ = α·A with α = lc(a′)/lc(A), so s = N/(R·α); likewise t = TN/(R·β).
	alpha := new(big.Rat).Quo(ac[len(ac)-1], new(big.Rat).SetInt(A[len(A)-1]))
	beta := new(big.Rat).Quo(bc[len(bc)-1], new(big.Rat).SetInt(B[len(B)-1]))
	Rr := new(big.Rat).SetInt(R)
	return intsOver(N, alpha.Mul(alpha, Rr)), intsOver(TN, beta.Mul(beta, Rr)), true
}

// intsOver returns the rationals c[i]/d in lowest terms, for d ≠ 0: with d = u/v (v > 0),
// c[i]/d = c[i]·v/u, reduced over the one denominator |u| by reducedFracs (the sign of u
// moved into the numerators).
func intsOver(c []*big.Int, d *big.Rat) []*big.Rat {
	num := make([]*big.Int, len(c))
	v := d.Denom()
	parallel(len(c), func(i int) {
		num[i] = new(big.Int).Mul(c[i], v)
		if d.Sign() < 0 {
			num[i].Neg(num[i])
		}
	})
	return reducedFracs(num, new(big.Int).Abs(d.Num()))
}

// solveBezoutModular returns N, R and TN with N·A + TN·B = R ≠ 0, deg N < deg B and
// deg TN < deg A, for coprime primitive nonconstant A and B, or ok false if it gave up.
func solveBezoutModular(A, B []*big.Int) (N []*big.Int, R *big.Int, TN []*big.Int, ok bool) {
	hBits := hadamardBits(A, B)
	need := (hBits+1)/61 + 1 // primes above 2^61: their product exceeds 2H
	lcProd := new(big.Int).Mul(A[len(A)-1], B[len(B)-1])
	n, m := len(B)-1, len(A)-1
	var imgs [][]uint64 // per good prime: N's n images, TN's m images, then R's
	var mods []ntt.Modulus
	for next := 0; len(imgs) < need; {
		if next > 2*need+64 {
			return nil, nil, nil, false // too many unlucky primes: cannot happen for coprime A, B
		}
		batch := bezoutModuli(next, need-len(imgs))
		next += len(batch)
		out := make([][]uint64, len(batch))
		parallel(len(batch), func(i int) {
			md := batch[i]
			pb := new(big.Int).SetUint64(md.P())
			if new(big.Int).Mod(lcProd, pb).Sign() == 0 {
				return
			}
			s, t, res, ok := bezoutModP(md, modP(A, md.P()), modP(B, md.P()), true)
			if !ok || len(s) > n || len(t) > m {
				return // p divides the resultant: unlucky
			}
			img := make([]uint64, n+m+1)
			for j, v := range s {
				img[j] = md.Mul(v, res) // N = R·S
			}
			for j, v := range t {
				img[n+j] = md.Mul(v, res)
			}
			img[n+m] = res
			out[i] = img
		})
		for i, img := range out {
			if img != nil {
				imgs = append(imgs, img)
				mods = append(mods, batch[i])
			}
		}
	}
	vals := crtTree(mods, imgs, n+m+1)
	N, TN, R = normalize[big.Int](vals[:n]), normalize[big.Int](vals[n:n+m]), vals[n+m]
	if R.Sign() == 0 {
		return nil, nil, nil, false
	}
	// The exact check N·A + TN·B = R.
	P := addSub[big.Int](nil, exact.Mul(nil, N, A), exact.Mul(nil, TN, B), false)
	if len(P) != 1 || P[0].Cmp(R) != 0 {
		return nil, nil, nil, false
	}
	return N, R, TN, true
}

// parallel calls f(0), …, f(k−1) on up to GOMAXPROCS goroutines and waits for them.
func parallel(k int, f func(i int)) {
	w := min(runtime.GOMAXPROCS(0), k)
	if w <= 1 {
		for i := range k {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= k {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}

// bezoutPrimes holds the primes in (2^61, 2^62) found so far, in descending order; they
// are found on demand and shared (read under mu).
var bezoutPrimes struct {
	mu   sync.Mutex
	mods []ntt.Modulus
	last uint64
}

// bezoutModuli returns the moduli of the primes from index from to from+k−1 of the
// descending list of primes below 2^62.
func bezoutModuli(from, k int) []ntt.Modulus {
	bp := &bezoutPrimes
	bp.mu.Lock()
	defer bp.mu.Unlock()
	if bp.last == 0 {
		bp.last = 1<<62 + 1
	}
	for len(bp.mods) < from+k {
		bp.last -= 2
		if md, err := ntt.NewModulus(bp.last); err == nil {
			bp.mods = append(bp.mods, md)
		}
	}
	return bp.mods[from : from+k : from+k]
}

// crtTree returns, for each of the k coefficient positions, the symmetric residue in
// (−M/2, M/2] of the integer whose residues modulo the primes of mods are imgs[i][pos],
// M being their product. It combines along a balanced product tree: x = x₁ + M₁·((x₂ −
// x₁)·M₁⁻¹ mod M₂), so the big products are balanced (math/big's Karatsuba applies).
func crtTree(mods []ntt.Modulus, imgs [][]uint64, k int) []*big.Int {
	type node struct {
		m, inv *big.Int // the product of the primes below; left.m⁻¹ mod right.m
		l, r   *node
		leaf   int
	}
	var build func(lo, hi int) *node
	build = func(lo, hi int) *node {
		if hi-lo == 1 {
			return &node{m: new(big.Int).SetUint64(mods[lo].P()), leaf: lo}
		}
		mid := (lo + hi) / 2
		l, r := build(lo, mid), build(mid, hi)
		nd := &node{l: l, r: r, m: new(big.Int).Mul(l.m, r.m)}
		nd.inv = new(big.Int).ModInverse(l.m, r.m)
		return nd
	}
	root := build(0, len(mods))
	var combine func(nd *node, pos int) *big.Int
	combine = func(nd *node, pos int) *big.Int {
		if nd.l == nil {
			return new(big.Int).SetUint64(imgs[nd.leaf][pos])
		}
		x1, x2 := combine(nd.l, pos), combine(nd.r, pos)
		x2.Sub(x2, x1).Mul(x2, nd.inv).Mod(x2, nd.r.m)
		return x2.Mul(x2, nd.l.m).Add(x2, x1)
	}
	half := new(big.Int).Rsh(root.m, 1)
	out := make([]*big.Int, k)
	parallel(k, func(pos int) {
		out[pos] = symmetric(combine(root, pos), root.m, half)
	})
	return out
}

// hadamardBits returns hBits with 2^hBits at least the Hadamard bound
// ‖A‖₂^deg B·‖B‖₂^deg A on the resultant of A and B and on every other minor of their
// Sylvester matrix (the cofactors N and TN scaled by the resultant).
func hadamardBits(A, B []*big.Int) int {
	return (len(B)-1)*norm2Bits(A) + (len(A)-1)*norm2Bits(B) + 1
}

// norm2Bits returns an upper bound on log₂ of the Euclidean norm of p.
func norm2Bits(p []*big.Int) int {
	s := new(big.Int)
	t := new(big.Int)
	for _, v := range p {
		s.Add(s, t.Mul(v, v))
	}
	return (s.BitLen() + 1) / 2
}

// modP returns p's coefficients reduced into [0, m).
func modP(c []*big.Int, m uint64) []uint64 {
	r := make([]uint64, len(c))
	mb, t := new(big.Int).SetUint64(m), new(big.Int)
	for i, v := range c {
		r[i] = t.Mod(v, mb).Uint64()
	}
	return r
}

func trimP(c []uint64) []uint64 {
	for len(c) > 0 && c[len(c)-1] == 0 {
		c = c[:len(c)-1]
	}
	return c
}

// bezoutModP returns s and t with s·a + t·b ≡ 1 in Z_p[x], deg s < deg b and deg t < deg a,
// and the resultant res(a, b) mod p, by the extended Euclidean algorithm, or ok false if a
// and b are not coprime modulo p; t is nil unless wantT is set (a third of the work). a and
// b (entries in [0, p)) are overwritten. It uses
// res(a, b) = (−1)^(deg a·deg b)·lc(b)^(deg a − deg r)·res(b, r) for r = a mod b ≠ 0, and
// res(a, c) = c^deg a for a constant c.
func bezoutModP(md ntt.Modulus, a, b []uint64, wantT bool) (s, t []uint64, res uint64, ok bool) {
	p := md.P()
	r0, r1 := trimP(a), trimP(b)
	size := len(a) + len(b)
	s0, s1 := append(make([]uint64, 0, size), 1), make([]uint64, 0, size)
	t0, t1 := make([]uint64, 0, size), append(make([]uint64, 0, size), 1)
	q := make([]uint64, 0, size)
	res = 1
	for len(r1) > 0 {
		// q, r0 = r0 div r1, r0 mod r1, in place.
		m, d0 := len(r1)-1, len(r0)-1
		inv := md.Inv(r1[m])
		q = q[:0]
		if d0 >= m {
			q = q[:d0-m+1]
			for k := d0 - m; k >= 0; k-- {
				c := md.Mul(r0[k+m], inv)
				q[k] = c
				if c == 0 {
					continue
				}
				subMulShoup(r0[k:k+m], r1[:m], c, p)
			}
		}
		r := trimP(r0[:min(len(r0), m)])
		if m == 0 {
			res = md.Mul(res, md.Pow(r1[0], uint64(d0)))
		} else {
			if len(r) == 0 {
				return nil, nil, 0, false // a common factor modulo p
			}
			if d0*m%2 == 1 {
				res = md.Sub(0, res)
			}
			res = md.Mul(res, md.Pow(r1[m], uint64(d0-(len(r)-1))))
		}
		s0 = subMulP(md, s0, q, s1)
		if wantT {
			t0 = subMulP(md, t0, q, t1)
		}
		r0, r1 = r1, r
		s0, s1 = s1, s0
		t0, t1 = t1, t0
	}
	if len(r0) != 1 {
		return nil, nil, 0, false
	}
	inv := md.Inv(r0[0])
	for i := range s0 {
		s0[i] = md.Mul(s0[i], inv)
	}
	if !wantT {
		return trimP(s0), nil, res, true
	}
	for i := range t0 {
		t0[i] = md.Mul(t0[i], inv)
	}
	return trimP(s0), trimP(t0), res, true
}

// subMulP returns x − q·y in Z_p[x], written over x (whose capacity must suffice).
func subMulP(md ntt.Modulus, x, q, y []uint64) []uint64 {
	if len(q) == 0 || len(y) == 0 {
		return x
	}
	if n := len(q) + len(y) - 1; n > len(x) {
		old := len(x)
		x = x[:n]
		clear(x[old:])
	}
	p := md.P()
	for i, qi := range q {
		if qi != 0 {
			subMulShoup(x[i:i+len(y)], y, qi, p)
		}
	}
	return trimP(x)
}

// subMulShoup sets x[j] = x[j] − c·y[j] mod p for all j < len(x), for entries and c in
// [0, p) and p < 2^63, by Shoup's multiplication: with c′ = ⌊c·2^64/p⌋, the quotient
// estimate ⌊c′·y/2^64⌋ is at most one below ⌊c·y/p⌋, so c·y − estimate·p (exact modulo
// 2^64) lies in [0, 2p).
func subMulShoup(x, y []uint64, c, p uint64) {
	cs, _ := bits.Div64(c, 0, p)
	y = y[:len(x)]
	for j, v := range y {
		hi, _ := bits.Mul64(cs, v)
		r := c*v - hi*p
		if r >= p {
			r -= p
		}
		d := x[j] - r
		if x[j] < r {
			d += p
		}
		x[j] = d
	}
}
