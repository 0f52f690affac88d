package poly

import "math/big"

// The greatest common divisor without cofactors is computed by the heuristic GCDHEU of
// Char, Geddes and Gonnet (J. Symbolic Computation 7, 1989) on the primitive integer
// parts of the operands, which is far faster than Euclid's algorithm over Q (whose
// intermediate fractions grow with every step); Euclid remains the fallback.
//
// For primitive A, B in Z[x] and an integer ξ ≥ 2·min(‖A‖∞, ‖B‖∞) + 2, let γ =
// gcd(A(ξ), B(ξ)) and let g be the primitive part of the polynomial whose coefficients are
// the digits of γ in base ξ, taken in the symmetric range (−ξ/2, ξ/2]. If g divides both
// A and B, then g = ±gcd(A, B). Proof: g is a common divisor, so the true gcd G = g·h with
// h in Z[x]. G(ξ) divides γ = c·g(ξ), where c is the content of the digit polynomial, so
// h(ξ) divides c, and 0 < |c| ≤ ξ/2 (c divides the nonzero top digit). Every root α of h
// is a root of A and of B, so |α| < 1 + min(‖A‖∞, ‖B‖∞) ≤ ξ/2 by Cauchy's bound, hence
// |h(ξ)| ≥ Π|ξ − α| > (ξ/2)^deg(h), which exceeds |c| unless deg(h) = 0. So h is a
// constant, ±1 since G and g are primitive. The divisibility test is exact, so a wrong
// candidate is always caught and the next ξ (or Euclid) is tried.

// heuristicGCDTries is how many evaluation points GCDHEU tries before falling back to
// Euclid's algorithm (SymPy also uses 6).
const heuristicGCDTries = 6

// gcdHeuristic returns the monic gcd of the nonzero polynomials a and b, or ok false if
// the heuristic found no candidate that divides both.
func gcdHeuristic(a, b []*big.Rat) (g []*big.Rat, ok bool) {
	A, B := primitivePart(a), primitivePart(b)
	if len(A) == 1 || len(B) == 1 {
		return monicRat(big.NewInt(1)), true // a nonzero constant divides everything
	}
	xi := new(big.Int).Set(maxAbs(A))
	if nb := maxAbs(B); nb.Cmp(xi) < 0 {
		xi.Set(nb)
	}
	xi.Lsh(xi, 1).Add(xi, big.NewInt(2)) // ξ = 2·min(‖A‖∞, ‖B‖∞) + 2
	maxLen := min(len(A), len(B))
	for range heuristicGCDTries {
		gamma := new(big.Int).GCD(nil, nil, evalAbs(A, xi), evalAbs(B, xi))
		if cand := liftDigits(gamma, xi, maxLen); cand != nil {
			cand = primitive(cand)
			if divides(cand, A) && divides(cand, B) {
				return monicRat(cand...), true
			}
		}
		// Next point: ξ·73794/27011 (≈ 2.73ξ), the growth factor of Char, Geddes and Gonnet.
		xi.Mul(xi, big.NewInt(73794)).Quo(xi, big.NewInt(27011))
	}
	return nil, false
}

// primitivePart returns the primitive integer polynomial (content 1) that is a rational
// multiple of the nonzero c.
func primitivePart(c []*big.Rat) []*big.Int {
	num, _ := clearDenominators(c)
	return primitive(num)
}

// primitive divides the nonzero integer polynomial p by the gcd of its coefficients, in
// place, and returns it.
func primitive(p []*big.Int) []*big.Int {
	g := new(big.Int)
	for _, v := range p {
		g.GCD(nil, nil, g, new(big.Int).Abs(v))
	}
	if g.Cmp(big.NewInt(1)) != 0 {
		for _, v := range p {
			v.Quo(v, g)
		}
	}
	return p
}

// maxAbs returns max |p[i]| (a new value).
func maxAbs(p []*big.Int) *big.Int {
	m := new(big.Int)
	for _, v := range p {
		if v.CmpAbs(m) > 0 {
			m.Abs(v)
		}
	}
	return m
}

// evalAbs returns |p(x)| by Horner's rule.
func evalAbs(p []*big.Int, x *big.Int) *big.Int {
	v := eval[big.Int](p, x)
	return v.Abs(v)
}

// liftDigits returns the polynomial whose coefficients are the digits of gamma ≥ 0 in base
// xi in the symmetric range (−xi/2, xi/2], lowest first, or nil if gamma is zero or has
// more than maxLen digits (no divisor of the operands can be that long).
func liftDigits(gamma, xi *big.Int, maxLen int) []*big.Int {
	g := new(big.Int).Set(gamma)
	half := new(big.Int).Rsh(xi, 1)
	var digits []*big.Int
	for g.Sign() != 0 {
		if len(digits) == maxLen {
			return nil
		}
		d := new(big.Int)
		g.QuoRem(g, xi, d) // g ≥ 0, so 0 ≤ d < xi
		if d.Cmp(half) > 0 {
			d.Sub(d, xi)
			g.Add(g, big.NewInt(1)) // gamma = … + (d+xi) = … + d + xi·1
		}
		digits = append(digits, d)
	}
	return digits // nil if gamma is zero
}

// divides reports whether the nonzero integer polynomial d divides p exactly in Z[x].
func divides(d, p []*big.Int) bool {
	_, ok := quoExact(p, d)
	return ok
}

// quoExact returns p/d if the nonzero integer polynomial d divides p exactly in Z[x], by
// long division that stops at the first inexact step, or ok false.
func quoExact(p, d []*big.Int) (q []*big.Int, ok bool) {
	m := len(d) - 1
	if len(p) <= m {
		return nil, len(p) == 0
	}
	r := copyCoeffs[big.Int](p)
	q = newCoeffs[big.Int, *big.Int](len(p) - m)
	rem, t := new(big.Int), new(big.Int)
	for k := len(p) - 1 - m; k >= 0; k-- {
		qk, _ := q[k].QuoRem(r[k+m], d[m], rem)
		if rem.Sign() != 0 {
			return nil, false
		}
		if qk.Sign() == 0 {
			continue
		}
		for j := range m {
			r[k+j].Sub(r[k+j], t.Mul(qk, d[j]))
		}
	}
	for _, v := range r[:m] {
		if v.Sign() != 0 {
			return nil, false
		}
	}
	return normalize[big.Int](q), true
}

// monicRat returns the coefficients c divided by the last one, as rationals.
func monicRat(c ...*big.Int) []*big.Rat {
	r := newCoeffs[big.Rat, *big.Rat](len(c))
	lc := c[len(c)-1]
	for i, v := range c {
		r[i].SetFrac(v, lc)
	}
	return r
}
