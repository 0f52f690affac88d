package ntt

import (
	"errors"
	"math/bits"
)

// maxLogLen caps the transform lengths a Modulus advertises: a plan of length 2^32 already
// needs 64 GiB of twiddle tables, and the cap keeps MaxLen representable on every platform.
const maxLogLen = 32

// Modulus is a prime p < 2^62 together with every constant derived from it: the Barrett
// constant of Mul, the Montgomery constant of the transform's pointwise products, the 2-adic
// order of p−1 and a root of unity of that order. A Modulus is a small value; copy it freely.
// The zero Modulus is not usable: build one with [NewModulus].
type Modulus struct {
	p     uint64 // the prime
	mu    uint64 // floor(2^(2k)/p), k = bit length of p (Barrett)
	k     uint   // bit length of p, 2 <= k <= 62
	pinv  uint64 // -p^-1 mod 2^64 (Montgomery); 0 if p == 2
	r2    uint64 // 2^128 mod p (Montgomery conversion)
	logN  uint   // log2 of MaxLen
	root  uint64 // a primitive 2^logN-th root of unity
	order uint   // 2-adic valuation of p-1
}

// NewModulus returns the Modulus of p. It returns an error if p is 0, 1, composite, or not
// below 2^62 (the transforms keep values in [0, 4p) and need 4p < 2^64).
func NewModulus(p uint64) (Modulus, error) {
	switch {
	case p < 2:
		return Modulus{}, errors.New("ntt: modulus must be a prime >= 2")
	case p >= 1<<62:
		return Modulus{}, errors.New("ntt: modulus must be below 2^62")
	case !isPrime(p):
		return Modulus{}, errors.New("ntt: modulus is not prime")
	}
	m := Modulus{p: p, k: uint(bits.Len64(p))}
	if 2*m.k < 64 {
		m.mu = (uint64(1) << (2 * m.k)) / p
	} else {
		m.mu, _ = bits.Div64(uint64(1)<<(2*m.k-64), 0, p)
	}
	if p&1 == 1 {
		// Newton's iteration for p^-1 mod 2^64: each step doubles the correct low bits.
		inv := p // correct to 3 bits for odd p
		for range 5 {
			inv *= 2 - p*inv
		}
		m.pinv = -inv
		r := bits.Rem64(1, 0, p) // 2^64 mod p
		m.r2 = m.Mul(r, r)
	}
	m.order = uint(bits.TrailingZeros64(p - 1))
	m.logN = min(m.order, maxLogLen, uint(bits.UintSize-2))
	m.root = m.findRoot()
	return m, nil
}

// findRoot returns a primitive 2^logN-th root of unity mod p.
func (m Modulus) findRoot() uint64 {
	if m.p == 2 {
		return 1
	}
	// A quadratic non-residue g has order divisible by 2^order, so g^((p-1)/2^order) has
	// order exactly 2^order.
	half := (m.p - 1) / 2
	for g := uint64(2); ; g++ {
		if m.Pow(g, half) == m.p-1 {
			r := m.Pow(g, (m.p-1)>>m.order)
			for range m.order - m.logN {
				r = m.Mul(r, r)
			}
			return r
		}
	}
}

// P returns the prime p.
func (m Modulus) P() uint64 { return m.p }

// MaxLen returns the largest transform length the prime supports: the largest power of two
// dividing p−1, capped at 2^32 (and at 2^30 on 32-bit platforms).
func (m Modulus) MaxLen() int { return 1 << m.logN }

// Add returns a+b mod p. It requires a, b < p; the result is in [0, p).
func (m Modulus) Add(a, b uint64) uint64 {
	s := a + b
	if s >= m.p {
		s -= m.p
	}
	return s
}

// Sub returns a−b mod p. It requires a, b < p; the result is in [0, p).
func (m Modulus) Sub(a, b uint64) uint64 {
	d := a - b
	if a < b {
		d += m.p
	}
	return d
}

// Mul returns a·b mod p. It requires a, b < p (Barrett reduction of the 124-bit product);
// the result is in [0, p).
func (m Modulus) Mul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	k := m.k
	q1 := hi<<(65-k) | lo>>(k-1)
	h, l := bits.Mul64(q1, m.mu)
	q := h<<(63-k) | l>>(k+1)
	r := lo - q*m.p // the true remainder estimate is < 3p, so the low word is exact
	if r >= m.p {
		r -= m.p
	}
	if r >= m.p {
		r -= m.p
	}
	return r
}

// Reduce returns a mod p for any a; the result is in [0, p). It panics on the zero Modulus.
func (m Modulus) Reduce(a uint64) uint64 {
	if a < m.p {
		return a
	}
	if m.p == 0 {
		panic("ntt: zero Modulus (use NewModulus)")
	}
	return a % m.p
}

// Pow returns a^e mod p (with 0^0 = 1). Any a is accepted; it is reduced first. It panics on
// the zero Modulus.
func (m Modulus) Pow(a, e uint64) uint64 {
	a = m.Reduce(a)
	r := m.Reduce(1)
	for ; e != 0; e >>= 1 {
		if e&1 == 1 {
			r = m.Mul(r, a)
		}
		a = m.Mul(a, a)
	}
	return r
}

// Inv returns the inverse of a mod p, in [0, p). Any a is accepted; it is reduced first.
// Inv panics if a ≡ 0 mod p, and on the zero Modulus.
func (m Modulus) Inv(a uint64) uint64 {
	a = m.Reduce(a)
	if a == 0 {
		panic("ntt: inverse of zero")
	}
	return m.Pow(a, m.p-2)
}

// isPrime reports whether n is prime, by Miller–Rabin with the first twelve prime bases,
// which is deterministic for all n < 2^64.
func isPrime(n uint64) bool {
	if n < 2 {
		return false
	}
	bases := [...]uint64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}
	for _, b := range bases {
		if n%b == 0 {
			return n == b
		}
	}
	d, s := n-1, 0
	for d&1 == 0 {
		d >>= 1
		s++
	}
	mulmod := func(a, b uint64) uint64 {
		hi, lo := bits.Mul64(a, b)
		return bits.Rem64(hi, lo, n)
	}
next:
	for _, b := range bases {
		x := uint64(1)
		for a, e := b, d; e != 0; e >>= 1 {
			if e&1 == 1 {
				x = mulmod(x, a)
			}
			a = mulmod(a, a)
		}
		if x == 1 || x == n-1 {
			continue
		}
		for range s - 1 {
			x = mulmod(x, x)
			if x == n-1 {
				continue next
			}
		}
		return false
	}
	return true
}
