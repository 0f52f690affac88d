package vntt

import (
	"math/big"
)

// CRTWords is the number of words of a value that [Recombine] recovers: M = Π Primes is below
// 2^400 < 2^(64·CRTWords).
const CRTWords = 7

// crtConsts is the constants block of Recombine (the assembly depends on the field order).
// The explicit CRT: with t_l = r_l·(M/p_l)^−1 mod p_l (lazily, below 2p_l), the value is
// c = Σ_l t_l·(M/p_l) − q·M with q = ⌊Σ_l t_l/p_l⌋. All arithmetic is on 52-bit limbs, as
// VPMADD52LUQ/HUQ compute.
type crtConsts struct {
	inv  [Lanes]uint64    // (M/p_l)^−1 mod p_l
	invq [Lanes]uint64    // ⌊inv·2^52/p_l⌋
	g    [Lanes]uint64    // ⌊2^97/p_l⌋: t·g/2^52 approximates t·2^45/p_l
	mi   [Lanes][7]uint64 // the 52-bit limbs of M/p_l (below 2^351)
	mneg [8]uint64        // the 52-bit limbs of 2^416 − M
	idx  [Lanes]uint64    // gather indices 0, 8, …, 56 (the words of one lane in 8 points)
}

// limbConsts is the constants block of SetLimbs (the assembly depends on the field order).
type limbConsts struct {
	pw  [4][Lanes]uint64 // 2^(52k) mod p_l
	pwq [4][Lanes]uint64 // ⌊pw·2^52/p_l⌋
}

var limbc = func() *limbConsts {
	c := &limbConsts{}
	for l, p := range Primes {
		m := modulus(p)
		for k := range c.pw {
			c.pw[k][l] = m.Pow(2, uint64(52*k))
			c.pwq[k][l] = shoup52(c.pw[k][l], p)
		}
	}
	return c
}()

// SetLimbs sets point i of a (words [8i, 8i+8)) to the residues, below 4p of each lane (as
// Forward accepts), of the integer whose 52-bit digits are d[4i], …, d[4i+3], least significant
// first: every digit must be below 2^52. It panics unless len(a) = 2·len(d) and len(d) is a
// multiple of 4. It does not allocate.
func SetLimbs(a, d []uint64) {
	if len(a) != 2*len(d) || len(d)%4 != 0 {
		panic("vntt: SetLimbs: lengths do not match")
	}
	// SetLimbs's kernel is called directly (setLimbsFast when fast), not through a function
	// variable like the others, so that d, often a caller's stack array, does not escape.
	if fast {
		setLimbsFast(a, d)
	} else {
		setLimbsGeneric(a, d)
	}
}

// setLimbsGeneric is SetLimbs's generic kernel: per lane, four lazy Shoup products
// d_k·(2^(52k) mod p) below 2p each, summed (below 8p) and reduced once by 4p.
func setLimbsGeneric(a, d []uint64) {
	c := limbc
	for i := 0; i < len(d); i += 4 {
		r := a[2*i : 2*i+Lanes]
		for l := range Lanes {
			s := uint64(0)
			for k := range 4 {
				s += shoupLazy(d[i+k], c.pw[k][l], c.pwq[k][l], lane.negp[l])
			}
			r[l] = csub(s, 2*lane.p2[l])
		}
	}
}

var crt = func() *crtConsts {
	c := &crtConsts{}
	m := big.NewInt(1)
	for _, p := range Primes {
		m.Mul(m, new(big.Int).SetUint64(p))
	}
	var t big.Int
	two97 := new(big.Int).Lsh(big.NewInt(1), 97)
	for l, p := range Primes {
		pb := new(big.Int).SetUint64(p)
		mi := new(big.Int).Quo(m, pb)
		c.inv[l] = modulus(p).Inv(t.Mod(mi, pb).Uint64())
		c.invq[l] = shoup52(c.inv[l], p)
		c.g[l] = t.Quo(two97, pb).Uint64()
		limbs52(c.mi[l][:], mi)
		c.idx[l] = uint64(8 * l)
	}
	limbs52(c.mneg[:], t.Sub(new(big.Int).Lsh(big.NewInt(1), 416), m))
	return c
}()

// limbs52 sets z to the 52-bit limbs of x ≥ 0; it panics if x does not fit.
func limbs52(z []uint64, x *big.Int) {
	if x.BitLen() > 52*len(z) {
		panic("vntt: internal error: CRT constant does not fit")
	}
	var t big.Int
	for j := range z {
		z[j] = t.Rsh(x, uint(52*j)).Uint64() & mask52
	}
}

// Recombine replaces residues by the integers they stand for, eight points at a time.
// len(a) must be a multiple of 64 (groups of eight points); every entry of point i must be
// below 2p of its lane (as Inverse and MulScaled leave them), and the residues of each point
// must be those of an integer c_i with 0 ≤ c_i < M/4, M = Π Primes (the result is unspecified
// for points that break this). Afterwards word j < CRTWords of c_i, for point i = 8g + k, is
// a[64g + 8j + k], and a[64g + 56 + k] is zero: each group of eight points holds its values
// transposed, one word of all eight per row. It panics if len(a) is not a multiple of 64.
// It does not allocate.
func Recombine(a []uint64) {
	if len(a)%(Lanes*Lanes) != 0 {
		panic("vntt: Recombine: length is not a multiple of 64")
	}
	recombine(a)
}

// recombineGeneric is Recombine's generic kernel: for each group, the steps of the assembly
// on one point at a time.
func recombineGeneric(a []uint64) {
	c := crt
	for g := 0; g < len(a); g += Lanes * Lanes {
		var w [Lanes][CRTWords]uint64
		for k := range Lanes {
			w[k] = recombinePoint((*[Lanes]uint64)(a[g+Lanes*k:]), c)
		}
		for k := range Lanes {
			for j := range CRTWords {
				a[g+Lanes*j+k] = w[k][j]
			}
			a[g+Lanes*CRTWords+k] = 0
		}
	}
}

// recombinePoint returns the value of one point's residues r (each below 2p) as words.
func recombinePoint(r *[Lanes]uint64, c *crtConsts) [CRTWords]uint64 {
	var t [Lanes]uint64
	q := uint64(1) << 43 // 1/4 in units of 2^−45
	for l := range Lanes {
		t[l] = shoupLazy(r[l], c.inv[l], c.invq[l], lane.negp[l])
		q += mulhi52(t[l], c.g[l])
	}
	// Σ t_l/p_l = q + c/M with c/M < 1/4; each term of the fixed-point sum is at most 2 units
	// of 2^−45 low, so the sum plus 1/4 lies in [q + 1/4 − 2^−41, q + 1/2).
	q >>= 45
	// A = Σ_l t_l·(M/p_l) + q·(2^416 − M) ≡ c (mod 2^416), in 52-bit limb columns.
	var acc [8]uint64
	for l := range Lanes {
		for j, m := range c.mi[l] {
			acc[j] += mullo52(t[l], m)
			acc[j+1] += mulhi52(t[l], m)
		}
	}
	for j, m := range c.mneg {
		acc[j] += mullo52(q, m)
		if j+1 < len(acc) {
			acc[j+1] += mulhi52(q, m)
		}
	}
	for j := range len(acc) - 1 {
		acc[j+1] += acc[j] >> 52
		acc[j] &= mask52
	}
	acc[7] &= mask52
	return [CRTWords]uint64{
		acc[0] | acc[1]<<52,
		acc[1]>>12 | acc[2]<<40,
		acc[2]>>24 | acc[3]<<28,
		acc[3]>>36 | acc[4]<<16,
		acc[4]>>48 | acc[5]<<4 | acc[6]<<56,
		acc[6]>>8 | acc[7]<<44,
		acc[7] >> 20,
	}
}
