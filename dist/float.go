package dist

import (
	"math/big"
	"math/bits"

	"github.com/ALTree/bigfloat"
)

// guardBits is the extra precision carried by the intermediate steps of the big.Float queries.
const guardBits = 64

// ProbFloat returns P(X = k) as a new big.Float of precision prec, the exact quotient of the
// weight by the total correctly rounded (so P(1000d6 = 6000) is 6^−1000, not 0). It panics if
// prec is 0.
func (d *Dist) ProbFloat(k int, prec uint) *big.Float {
	if prec == 0 {
		panic("dist: ProbFloat with precision 0")
	}
	_, _, t := d.parts()
	z := new(big.Float).SetPrec(prec)
	w := d.weight(k)
	if w == nil || w.Sign() == 0 {
		return z
	}
	// A big.Float quotient of exactly representable operands is correctly rounded.
	num := new(big.Float).SetPrec(uint(max(w.BitLen(), 1))).SetInt(w)
	den := new(big.Float).SetPrec(uint(max(t.BitLen(), 1))).SetInt(t)
	return z.Quo(num, den)
}

// LogProbFloat returns ln P(X = k) as a new big.Float of precision prec, computed from the exact
// weights with bigfloat's Log (and a series near probability 1), so it is finite on the whole
// support; it is −Inf off the support. It panics if prec is 0.
func (d *Dist) LogProbFloat(k int, prec uint) *big.Float {
	if prec == 0 {
		panic("dist: LogProbFloat with precision 0")
	}
	_, _, t := d.parts()
	w := d.weight(k)
	if w == nil || w.Sign() == 0 {
		return new(big.Float).SetPrec(prec).SetInf(true)
	}
	l := logRatio(w, t, prec+guardBits)
	return new(big.Float).SetPrec(prec).Set(l)
}

// logRatio returns ln(a/b) for 0 < a ≤ b with about prec correct bits.
func logRatio(a, b *big.Int, prec uint) *big.Float {
	if a.Cmp(b) == 0 {
		return new(big.Float).SetPrec(prec)
	}
	// For a/b ≥ 1/2, ln(a/b) = −2·atanh(u) with u = (b−a)/(b+a) ≤ 1/3: a series of positive
	// terms u^(2i+1)/(2i+1), with no cancellation however close a/b is to 1.
	if new(big.Int).Lsh(a, 1).Cmp(b) >= 0 {
		p := prec + 16
		u := new(big.Float).SetPrec(p).SetInt(new(big.Int).Sub(b, a))
		u.Quo(u, new(big.Float).SetPrec(p).SetInt(new(big.Int).Add(a, b)))
		u2 := new(big.Float).SetPrec(p).Mul(u, u)
		sum := new(big.Float).SetPrec(p).Set(u)
		pw := new(big.Float).SetPrec(p).Set(u)
		term := new(big.Float).SetPrec(p)
		for i := int64(3); ; i += 2 {
			pw.Mul(pw, u2)
			term.Quo(pw, new(big.Float).SetInt64(i))
			if term.Sign() == 0 || term.MantExp(nil)+int(p) < sum.MantExp(nil) {
				break
			}
			sum.Add(sum, term)
		}
		return sum.Mul(sum, big.NewFloat(-2))
	}
	q := new(big.Float).SetPrec(prec).SetInt(a)
	q.Quo(q, new(big.Float).SetPrec(prec).SetInt(b))
	return bigfloat.Log(q)
}

// EntropyFloat returns the Shannon entropy −Σ p·ln p in nats as a new big.Float of precision
// prec. Every term is positive and computed with guard bits from the exact weights, so the
// result is accurate to about prec bits. It takes one logarithm per value of the support. It
// panics if prec is 0.
func (d *Dist) EntropyFloat(prec uint) *big.Float {
	if prec == 0 {
		panic("dist: EntropyFloat with precision 0")
	}
	_, w, t := d.parts()
	p := prec + guardBits + uint(bits.Len(uint(len(w))))
	h := new(big.Float).SetPrec(p)
	den := new(big.Float).SetPrec(p).SetInt(t)
	q := new(big.Float).SetPrec(p)
	for _, a := range w {
		if a.Sign() == 0 || a.Cmp(t) == 0 {
			continue
		}
		l := logRatio(a, t, p)
		q.SetInt(a)
		q.Quo(q, den)
		h.Sub(h, q.Mul(q, l))
	}
	return new(big.Float).SetPrec(prec).Set(h)
}
