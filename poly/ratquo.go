package poly

import "math/big"

// quoRem returns new q and r with x = q·y + r and len(r) < len(y), by long division.
// y must be nonzero.
//
// The work is done on integers, which avoids a gcd per coefficient update: with
// x = X/dx and y = Y/dy (X, Y integer), the remainder is kept as an integer vector over
// one common denominator D (initially dx). To cancel the top term t·x^(k+m) with
// l = lc(Y), g = gcd(t, l), the vector is multiplied by l/g (so D becomes D·l/g) and
// (t/g)·x^k·Y is subtracted; the quotient coefficient is (t/g)·dy/(D·l/g). When l/g is
// 1 (for instance when l is ±1) only deg(y) entries change per step.
func quoRem(x, y []*big.Rat) (q, r []*big.Rat) {
	m := len(y) - 1 // degree of y
	if len(x) <= m {
		return nil, copyCoeffs[big.Rat](x)
	}
	X, D := clearDenominators(x) // X is new, so it is the working remainder
	Y, dy := clearDenominators(y)
	l := Y[m]
	q = newCoeffs[big.Rat, *big.Rat](len(x) - m)
	g, c, lg, t, den := new(big.Int), new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	one := big.NewInt(1)
	for k := len(x) - 1 - m; k >= 0; k-- {
		top := X[k+m]
		if top.Sign() == 0 {
			continue // q[k] stays 0
		}
		g.GCD(nil, nil, top, l)
		c.Quo(top, g)
		lg.Quo(l, g)
		q[k].SetFrac(t.Mul(c, dy), den.Mul(D, lg))
		if lg.Cmp(one) != 0 {
			for i := range k + m {
				X[i].Mul(X[i], lg)
			}
			D.Mul(D, lg)
		}
		for j := range m {
			X[k+j].Sub(X[k+j], t.Mul(c, Y[j]))
		}
		// X[k+m]·(l/g) − (t/g)·l = 0: the top term is cancelled.
	}
	r = newCoeffs[big.Rat, *big.Rat](m)
	for i := range m {
		r[i].SetFrac(X[i], D)
	}
	return q, normalize[big.Rat](r)
}

// QuoRem sets z to the quotient and r to the remainder of the division of x by y, and
// returns (z, r): x = z·y + r with r = 0 or Degree(r) < Degree(y). This is polynomial long
// division over Q, so the remainder is always smaller than the divisor.
//
// z and r must be different polynomials; either may be x or y (the results are computed
// in new memory). QuoRem panics with "poly: division by zero" if y is the zero polynomial
// and with "poly: QuoRem with z == r" if z and r are the same.
func (z *Rat) QuoRem(x, y, r *Rat) (*Rat, *Rat) {
	if z == r {
		panic("poly: QuoRem with z == r")
	}
	if len(y.c) == 0 {
		panic("poly: division by zero")
	}
	z.c, r.c = quoRem(x.c, y.c)
	return z, r
}

// Quo sets z to the quotient of the division of x by y (see [Rat.QuoRem]) and returns z.
// Any of z, x and y may be the same polynomial. Quo panics with "poly: division by zero" if
// y is the zero polynomial.
func (z *Rat) Quo(x, y *Rat) *Rat {
	if len(y.c) == 0 {
		panic("poly: division by zero")
	}
	z.c, _ = quoRem(x.c, y.c)
	return z
}

// Rem sets z to the remainder of the division of x by y (see [Rat.QuoRem]) and returns z.
// Any of z, x and y may be the same polynomial. Rem panics with "poly: division by zero" if
// y is the zero polynomial.
func (z *Rat) Rem(x, y *Rat) *Rat {
	if len(y.c) == 0 {
		panic("poly: division by zero")
	}
	_, z.c = quoRem(x.c, y.c)
	return z
}

// monic divides p (and the cofactors s and t, when not nil) by p's leading coefficient.
// p must be nonzero.
func monic(p, s, t *Rat) {
	inv := new(big.Rat).Inv(p.c[len(p.c)-1])
	for _, q := range []*Rat{p, s, t} {
		if q == nil {
			continue
		}
		for _, v := range q.c {
			v.Mul(v, inv)
		}
	}
}

// GCD sets z to the greatest common divisor of a and b, made monic (leading coefficient
// 1), and returns z. If s or t is not nil, GCD also sets them to polynomials with
// z = a·s + b·t, as big.Int.GCD does; if a and b are both 0, z, s and t are all set to 0.
// These Bézout cofactors are the small ones, those the extended Euclidean algorithm
// gives: Degree(s) ≤ max(0, Degree(b) − Degree(z) − 1) and
// Degree(t) ≤ max(0, Degree(a) − Degree(z) − 1).
//
// GCD finds the gcd by the heuristic GCDHEU of Char, Geddes and Gonnet on the primitive
// integer parts of a and b (one integer gcd of their values at a large point, then exact
// trial divisions that prove the result; see ratgcd.go), and the cofactors by M-adic
// (Dixon) lifting over eight word-size primes at once, with a proof that the integer
// identity holds (ratdixon.go), or, for operands with coefficient norms of 2^58 or more, from
// images modulo primes in (2^61, 2^62) combined by the Chinese remainder theorem and checked
// exactly (ratxgcd.go); both run on up to GOMAXPROCS goroutines. Without cofactors the cost is
// nearly linear in the size of the operands; the cofactors of coprime operands of degree n
// have about n times the operands' coefficient size, and the lifting costs about that size
// times n·log n word operations (0.85 s at degree 2000 with coefficients below 10 on two
// cores, BenchmarkRatGCD); the multi-modular method costs about n³. If either method gives
// up, it falls back to the extended Euclidean algorithm over Q, which is correct but slow
// for large inputs (its intermediate fractions grow at every step).
//
// z, s and t must be different polynomials (GCD panics with "poly: GCD results alias"
// otherwise); any of them may be a or b. The work is done in new memory.
func (z *Rat) GCD(s, t, a, b *Rat) *Rat {
	if z == s || z == t || (s != nil && s == t) {
		panic("poly: GCD results alias")
	}
	cof := s != nil || t != nil
	if len(a.c) > 0 && len(b.c) > 0 {
		g, ok := gcdHeuristic(a.c, b.c)
		if ok && !cof {
			z.c = g
			return z
		}
		if ok {
			if sc, tc, ok := xgcdModular(g, a.c, b.c); ok {
				z.c = g
				if s != nil {
					s.c = sc
				}
				if t != nil {
					t.c = tc
				}
				return z
			}
		}
	}
	return z.gcdEuclid(s, t, a, b)
}

// gcdEuclid is GCD by the (extended, when s or t is not nil) Euclidean algorithm over Q.
func (z *Rat) gcdEuclid(s, t, a, b *Rat) *Rat {
	cof := s != nil || t != nil
	r0, r1 := new(Rat).Set(a), new(Rat).Set(b)
	var s0, s1, t0, t1 *Rat
	if cof {
		s0, s1 = NewRatFrac(1, 1), new(Rat)
		t0, t1 = new(Rat), NewRatFrac(1, 1)
	}
	q, tmp := new(Rat), new(Rat)
	for len(r1.c) > 0 {
		q.c, r0.c = quoRem(r0.c, r1.c)
		r0, r1 = r1, r0 // (r0, r1) = (r1, r0 mod r1)
		if cof {
			s0, s1 = s1, s0.Sub(s0, tmp.Mul(q, s1))
			t0, t1 = t1, t0.Sub(t0, tmp.Mul(q, t1))
		}
		if len(r1.c) > 0 {
			// Keep the remainders monic: it keeps the rational coefficients small.
			monic(r1, s1, t1)
		}
	}
	if len(r0.c) > 0 {
		monic(r0, s0, t0)
	} else if cof {
		s0.c, t0.c = nil, nil // a = b = 0: all results 0, as for big.Int.GCD
	}
	z.c = r0.c
	if s != nil {
		s.c = s0.c
	}
	if t != nil {
		t.c = t0.c
	}
	return z
}
