package main

import (
	"iter"
	"math/big"

	"github.com/polyconv/polyconv/poly"
)

// polynomial is what the evaluator uses of *poly.Int and *poly.Rat.
type polynomial[P any] interface {
	Add(x, y P) P
	Sub(x, y P) P
	Neg(x P) P
	Mul(x, y P) P
	Pow(x P, n int) P
	Degree() int
	String() string
}

// ring supplies what differs between Z and Q: building polynomials from coefficients and
// scaling by a fraction.
type ring[P polynomial[P]] interface {
	newPoly() P
	// fromTerms returns Σ dense + Σ monos, of degree at most deg.
	fromTerms(dense []P, monos []mono, deg int) P
	// scale returns c·x (only over Q).
	scale(x P, c *big.Rat) P
}

// mono is the monomial c·x^k.
type mono struct {
	c *big.Rat
	k int
}

// val is a subexpression's value: a monomial (p unset) or a dense polynomial.
type val[P polynomial[P]] struct {
	isMono bool
	m      mono
	p      P
}

// expand returns the expanded polynomial of n, which the checker accepted.
func expand[P polynomial[P]](r ring[P], n *node) P {
	return dense(r, eval(r, n))
}

func dense[P polynomial[P]](r ring[P], v val[P]) P {
	if !v.isMono {
		return v.p
	}
	return r.fromTerms(nil, []mono{v.m}, v.m.k)
}

func monoVal[P polynomial[P]](c *big.Rat, k int) val[P] {
	return val[P]{isMono: true, m: mono{c, k}}
}

func eval[P polynomial[P]](r ring[P], n *node) val[P] {
	switch n.kind {
	case opNum:
		return monoVal[P](new(big.Rat).Set(n.num), 0)
	case opVar:
		return monoVal[P](big.NewRat(1, 1), 1)
	case opNeg:
		v := eval(r, n.a)
		if v.isMono {
			v.m.c.Neg(v.m.c)
			return v
		}
		v.p.Neg(v.p)
		return v
	case opPow:
		v := eval(r, n.a)
		if v.isMono {
			return monoVal[P](ratPow(v.m.c, n.exp), v.m.k*n.exp)
		}
		return val[P]{p: r.newPoly().Pow(v.p, n.exp)}
	case opAdd, opSub:
		return evalSum(r, n)
	case opDiv:
		v := eval(r, n.a)
		q := evalConst(n.b)
		if v.isMono {
			v.m.c.Quo(v.m.c, q)
			return v
		}
		return val[P]{p: r.scale(v.p, q.Inv(q))}
	}
	// opMul
	a, b := eval(r, n.a), eval(r, n.b)
	if a.isMono && b.isMono {
		return monoVal[P](a.m.c.Mul(a.m.c, b.m.c), a.m.k+b.m.k)
	}
	x, y := dense(r, a), dense(r, b)
	return val[P]{p: r.newPoly().Mul(x, y)}
}

// evalSum adds a chain of terms (a left-deep tree of + and −) in one pass: monomials by
// their coefficients, dense terms together.
func evalSum[P polynomial[P]](r ring[P], n *node) val[P] {
	var terms []*node
	var negs []bool
	for isSum(n) {
		terms = append(terms, n.b)
		negs = append(negs, n.kind == opSub)
		n = n.a
	}
	terms = append(terms, n)
	negs = append(negs, false)
	var denses []P
	var monos []mono
	deg := 0
	for i := len(terms) - 1; i >= 0; i-- {
		v := eval(r, terms[i])
		if v.isMono {
			if negs[i] {
				v.m.c.Neg(v.m.c)
			}
			monos = append(monos, v.m)
			deg = max(deg, v.m.k)
			continue
		}
		if negs[i] {
			v.p.Neg(v.p)
		}
		denses = append(denses, v.p)
		deg = max(deg, v.p.Degree())
	}
	if len(denses) == 0 && len(monos) == 1 {
		return val[P]{isMono: true, m: monos[0]}
	}
	return val[P]{p: r.fromTerms(denses, monos, deg)}
}

// intRing is Z[x] (poly.Int).
type intRing struct{}

func (intRing) newPoly() *poly.Int { return new(poly.Int) }

func (intRing) scale(x *poly.Int, c *big.Rat) *poly.Int { panic("polymul: division over Z") }

func (intRing) fromTerms(dense []*poly.Int, monos []mono, deg int) *poly.Int {
	if len(dense) == 1 && len(monos) == 0 {
		return dense[0]
	}
	seqs := make([]iter.Seq2[int, *big.Int], len(dense))
	for i, d := range dense {
		seqs[i] = d.All()
	}
	c := accumulate(seqs, monos, deg, func(z *big.Int, c *big.Rat) { z.Add(z, c.Num()) })
	return new(poly.Int).SetCoeffs(c)
}

// ratRing is Q[x] (poly.Rat).
type ratRing struct{}

func (ratRing) newPoly() *poly.Rat { return new(poly.Rat) }

func (ratRing) scale(x *poly.Rat, c *big.Rat) *poly.Rat { return x.Scale(x, c) }

func (ratRing) fromTerms(dense []*poly.Rat, monos []mono, deg int) *poly.Rat {
	if len(dense) == 1 && len(monos) == 0 {
		return dense[0]
	}
	seqs := make([]iter.Seq2[int, *big.Rat], len(dense))
	for i, d := range dense {
		seqs[i] = d.All()
	}
	c := accumulate(seqs, monos, deg, func(z *big.Rat, c *big.Rat) { z.Add(z, c) })
	return new(poly.Rat).SetCoeffs(c)
}

// coefficient is the arithmetic accumulate needs of *big.Int and *big.Rat.
type coefficient[T any] interface {
	*T
	Add(x, y *T) *T
}

// accumulate returns the coefficients (deg+1 of them) of the sum of the dense polynomials
// (their coefficients as All lends them) and the monomials, which addMono adds into one
// coefficient.
func accumulate[T any, C coefficient[T]](dense []iter.Seq2[int, C], monos []mono, deg int, addMono func(z C, c *big.Rat)) []C {
	block := make([]T, deg+1)
	c := make([]C, deg+1)
	for i := range c {
		c[i] = &block[i]
	}
	for _, d := range dense {
		for i, v := range d {
			c[i].Add(c[i], v)
		}
	}
	for _, m := range monos {
		addMono(c[m.k], m.c)
	}
	return c
}
