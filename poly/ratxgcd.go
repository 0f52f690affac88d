package poly

import (
	"math/big"
	"math/bits"

	"github.com/polyconv/polyconv/exact"
)

// Bézout cofactors by a modular method. Euclid's algorithm over Q is slow for large
// inputs because its intermediate fractions grow at every step. Instead, with g the gcd
// and a = g·α·A, b = g·β·B (A, B primitive in Z[x], coprime, both nonconstant, α, β in Q),
// the unique S, T in Q[x] with S·A + T·B = 1, deg S < deg B and deg T < deg A are found
// as follows. By Cramer's rule on the Sylvester matrix, N = R·S has integer coefficients,
// where R = res(A, B) is the resultant, and |N_i|, |R| ≤ H, the Hadamard bound
// ‖A‖₂^deg B·‖B‖₂^deg A. Modulo a word-size prime p, the extended Euclidean algorithm in
// Z_p[x] gives S mod p and the same remainder sequence gives R mod p; the images are
// combined by the Chinese remainder theorem, and once the modulus exceeds 2H the
// symmetric residues are N and R themselves. Then TN = (R − N·A)/B must divide exactly,
// which is checked (so the result is certain; the check is also tried early, after 4, 8,
// 16, … primes, and a wrong early candidate just fails it), and s = N/(R·α), t = TN/(R·β)
// give s·a + t·b = g. A prime is skipped when it divides lc(A)·lc(B) or R (then A and B
// are not coprime modulo p); every other prime gives the images of S and R.

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
	N, R, TN, ok := solveBezoutModular(A, B)
	if !ok {
		return nil, nil, false
	}
	// a′ = α·A with α = lc(a′)/lc(A), so s = N/(R·α); likewise t = TN/(R·β).
	alpha := new(big.Rat).Quo(ac[len(ac)-1], new(big.Rat).SetInt(A[len(A)-1]))
	beta := new(big.Rat).Quo(bc[len(bc)-1], new(big.Rat).SetInt(B[len(B)-1]))
	Rr := new(big.Rat).SetInt(R)
	return intsOver(N, alpha.Mul(alpha, Rr)), intsOver(TN, beta.Mul(beta, Rr)), true
}

// intsOver returns the rationals c[i]/d.
func intsOver(c []*big.Int, d *big.Rat) []*big.Rat {
	r := newCoeffs[big.Rat, *big.Rat](len(c))
	inv := new(big.Rat).Inv(d)
	for i, v := range c {
		r[i].SetInt(v).Mul(r[i], inv)
	}
	return r
}

// solveBezoutModular returns N, R and TN with N·A + TN·B = R ≠ 0 and deg N < deg B, for
// coprime primitive nonconstant A and B, or ok false if it gave up.
func solveBezoutModular(A, B []*big.Int) (N []*big.Int, R *big.Int, TN []*big.Int, ok bool) {
	hBits := (len(B)-1)*norm2Bits(A) + (len(A)-1)*norm2Bits(B) + 1
	maxPrimes := (hBits+1)/30 + 2 // each prime is above 2^30: then M > 2H
	lcProd := new(big.Int).Mul(A[len(A)-1], B[len(B)-1])
	n := len(B) - 1
	// residues[0:n] are N's coefficients, residues[n] is R, all modulo M.
	residues := make([]*big.Int, n+1)
	for i := range residues {
		residues[i] = new(big.Int)
	}
	img := make([]uint64, n+1)
	M := big.NewInt(1)
	used, next := 0, 4
	pb, tmp := new(big.Int), new(big.Int)
	for p := uint64(1<<31 - 1); used < maxPrimes && p > 1<<30; p -= 2 {
		if !pb.SetUint64(p).ProbablyPrime(0) || tmp.Mod(lcProd, pb).Sign() == 0 {
			continue
		}
		sp, res, ok := bezoutModP(modP(A, p), modP(B, p), p)
		if !ok || len(sp) > n {
			continue // p divides the resultant: unlucky
		}
		clear(img)
		for i, v := range sp {
			img[i] = mulMod(v, res, p) // N = R·S
		}
		img[n] = res
		crtAdd(residues, M, img, p)
		M.Mul(M, pb)
		used++
		if used < next && used < maxPrimes {
			continue
		}
		next *= 2
		// The symmetric residues are N and R once M > 2H; check the candidate exactly.
		half := new(big.Int).Rsh(M, 1)
		sym := make([]*big.Int, n+1)
		for i, u := range residues {
			sym[i] = new(big.Int).Set(u)
			if sym[i].Cmp(half) > 0 {
				sym[i].Sub(sym[i], M)
			}
		}
		N, R := normalize[big.Int](sym[:n]), sym[n]
		P := neg[big.Int](nil, exact.Mul(nil, N, A))
		if len(P) == 0 {
			P = newCoeffs[big.Int, *big.Int](1)
		}
		P[0].Add(P[0], R)
		if TN, ok := quoExact(normalize[big.Int](P), B); ok && R.Sign() != 0 {
			return N, R, TN, true
		}
	}
	return nil, nil, nil, false
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

// mulMod returns a·b mod m for a, b < m.
func mulMod(a, b, m uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	_, r := bits.Div64(hi, lo, m)
	return r
}

// invMod returns a^(m−2) mod m, the inverse of a ≠ 0 modulo the prime m.
func invMod(a, m uint64) uint64 {
	return powMod(a, m-2, m)
}

func trimP(c []uint64) []uint64 {
	for len(c) > 0 && c[len(c)-1] == 0 {
		c = c[:len(c)-1]
	}
	return c
}

// bezoutModP returns s with s·a ≡ 1 (mod b) in Z_p[x], deg s < deg b, and the
// resultant res(a, b) mod p, by the extended Euclidean algorithm, or ok false if a and b
// are not coprime modulo p. It uses res(a, b) = (−1)^(deg a·deg b)·lc(b)^(deg a − deg r)·
// res(b, r) for r = a mod b ≠ 0, and res(a, c) = c^deg a for a constant c.
func bezoutModP(a, b []uint64, p uint64) (s []uint64, res uint64, ok bool) {
	r0, r1 := trimP(a), trimP(b)
	s0, s1 := []uint64{1}, []uint64(nil)
	res = 1
	for len(r1) > 0 {
		// (q, r) = divmod(r0, r1)
		r := append([]uint64(nil), r0...)
		inv := invMod(r1[len(r1)-1], p)
		m := len(r1) - 1
		var q []uint64
		if len(r) > m {
			q = make([]uint64, len(r)-m)
			for k := len(r) - 1 - m; k >= 0; k-- {
				c := mulMod(r[k+m], inv, p)
				q[k] = c
				for j := 0; j <= m; j++ {
					r[k+j] = (r[k+j] + p - mulMod(c, r1[j], p)) % p
				}
			}
		}
		r = trimP(r[:min(len(r), m)])
		d0 := len(r0) - 1
		if m == 0 {
			res = mulMod(res, powMod(r1[0], uint64(d0), p), p)
		} else {
			if len(r) == 0 {
				return nil, 0, false // a common factor modulo p
			}
			if d0*m%2 == 1 {
				res = (p - res) % p
			}
			res = mulMod(res, powMod(r1[m], uint64(d0-(len(r)-1)), p), p)
		}
		// s0 − q·s1
		ns := make([]uint64, max(len(s0), len(q)+len(s1)-1, 0))
		copy(ns, s0)
		for i, qi := range q {
			for j, sj := range s1 {
				ns[i+j] = (ns[i+j] + p - mulMod(qi, sj, p)) % p
			}
		}
		r0, r1 = r1, r
		s0, s1 = s1, trimP(ns)
	}
	if len(r0) != 1 {
		return nil, 0, false
	}
	inv := invMod(r0[0], p)
	for i := range s0 {
		s0[i] = mulMod(s0[i], inv, p)
	}
	return s0, res, true
}

// powMod returns a^e mod m.
func powMod(a, e, m uint64) uint64 {
	r := uint64(1) % m
	for ; e > 0; e >>= 1 {
		if e&1 == 1 {
			r = mulMod(r, a, m)
		}
		a = mulMod(a, a, m)
	}
	return r
}

// crtAdd updates residues (modulo M) to also satisfy residues ≡ sp (mod p), for p coprime
// to M.
func crtAdd(residues []*big.Int, M *big.Int, sp []uint64, p uint64) {
	pb := new(big.Int).SetUint64(p)
	mInv := invMod(new(big.Int).Mod(M, pb).Uint64(), p)
	t := new(big.Int)
	for i, u := range residues {
		var want uint64
		if i < len(sp) {
			want = sp[i]
		}
		have := t.Mod(u, pb).Uint64()
		k := mulMod((want+p-have)%p, mInv, p) // u + M·k ≡ want (mod p)
		u.Add(u, t.Mul(M, t.SetUint64(k)))
	}
}
