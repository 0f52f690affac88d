package poly

import (
	"iter"
	"math"
	"math/big"

	"github.com/polyconv/polyconv/exact"
)

// A Rat is a polynomial with rational coefficients, c₀ + c₁x + … + c_d·x^d.
// The zero value is the zero polynomial (Degree −1), ready to use.
//
// A Rat is always normalized: its leading coefficient c_d is nonzero. Its coefficients
// are *big.Rat values it owns; methods never share them with other polynomials, and
// copying a Rat struct by value is not supported (use [Rat.Set]), as for big.Rat.
type Rat struct {
	c []*big.Rat // c[i] is the coefficient of x^i; empty or c[len(c)-1] ≠ 0
}

// NewRat returns a new Rat with coefficients c in ascending powers, copied:
// NewRat(big.NewRat(1, 2), big.NewRat(0, 1), big.NewRat(3, 1)) is 3x² + 1/2.
// Trailing zeros are dropped; NewRat() is the zero polynomial. NewRat panics with
// "poly: nil coefficient" if an entry of c is nil. See also [NewRatFrac].
func NewRat(c ...*big.Rat) *Rat {
	return new(Rat).SetCoeffs(c)
}

// NewRatFrac returns a new Rat with coefficients num[i]/den in ascending powers:
// NewRatFrac(4, 1, 2, 3) is (3/4)x² + (1/2)x + 1/4. Trailing zeros are dropped.
// It panics with "poly: division by zero" if den is 0.
func NewRatFrac(den int64, num ...int64) *Rat {
	if den == 0 {
		panic("poly: division by zero")
	}
	z := &Rat{c: newCoeffs[big.Rat, *big.Rat](len(num))}
	for i, v := range num {
		z.c[i].SetFrac64(v, den)
	}
	z.c = normalize[big.Rat](z.c)
	return z
}

// SetCoeffs sets z to the polynomial with coefficients c in ascending powers (c[i] is the
// coefficient of x^i) and returns z. The values are copied: z does not retain c or its
// entries, and later changes to them do not affect z. Trailing zeros are dropped.
// SetCoeffs panics with "poly: nil coefficient" if an entry of c is nil.
func (z *Rat) SetCoeffs(c []*big.Rat) *Rat {
	z.c = fromCoeffs[big.Rat](c)
	return z
}

// Set sets z to x and returns z. It copies x's coefficients (z and x share no memory
// afterwards); z.Set(z) is a no-op.
func (z *Rat) Set(x *Rat) *Rat {
	z.c = set[big.Rat](z.c, x.c)
	return z
}

// Degree returns the degree of x, the largest i with a nonzero coefficient of x^i, or −1
// for the zero polynomial.
func (x *Rat) Degree() int {
	return len(x.c) - 1
}

// Coeff returns a new *big.Rat holding the coefficient of x^i in x, which is 0 for i < 0
// and i > x.Degree(). The result is a copy that the caller may modify.
func (x *Rat) Coeff(i int) *big.Rat {
	return coeff[big.Rat](x.c, i)
}

// Coeffs returns new copies of the coefficients of x in ascending powers, Degree()+1 of
// them (none for the zero polynomial).
func (x *Rat) Coeffs() []*big.Rat {
	return copyCoeffs[big.Rat](x.c)
}

// All returns an iterator over the nonzero coefficients of x, as pairs (i, c) with c the
// coefficient of x^i, in ascending i. The zero coefficients are skipped. The yielded
// *big.Rat values are x's own: they must not be modified, and they change when x does;
// use [Rat.Coeff] or c.Set for a copy to keep.
func (x *Rat) All() iter.Seq2[int, *big.Rat] {
	return nonzero[big.Rat](x.c)
}

// Equal reports whether x and y are the same polynomial.
func (x *Rat) Equal(y *Rat) bool {
	return equal[big.Rat](x.c, y.c)
}

// Add sets z to the sum x+y and returns z. Any of z, x and y may be the same polynomial.
func (z *Rat) Add(x, y *Rat) *Rat {
	z.c = addSub[big.Rat](z.c, x.c, y.c, false)
	return z
}

// Sub sets z to the difference x−y and returns z. Any of z, x and y may be the same
// polynomial.
func (z *Rat) Sub(x, y *Rat) *Rat {
	z.c = addSub[big.Rat](z.c, x.c, y.c, true)
	return z
}

// Neg sets z to −x and returns z. z may be x.
func (z *Rat) Neg(x *Rat) *Rat {
	z.c = neg[big.Rat](z.c, x.c)
	return z
}

// Scale sets z to c·x, every coefficient of x multiplied by c, and returns z. z may be
// x, and c may be one of x's coefficients (as lent by All).
func (z *Rat) Scale(x *Rat, c *big.Rat) *Rat {
	k := new(big.Rat).Set(c)
	z.c = scale[big.Rat](z.c, x.c, k)
	return z
}

// Mul sets z to the product x·y and returns z. Any of z, x and y may be the same
// polynomial. The product is computed by [exact.MulRat] (denominators cleared, one integer
// product, one reduction per coefficient); z's coefficients are reused as storage where
// possible. Mul panics with "exact: result too large" if the integer product would exceed
// [exact.MaxResultWords] words.
func (z *Rat) Mul(x, y *Rat) *Rat {
	if len(x.c) == 0 || len(y.c) == 0 {
		z.c = z.c[:0]
		return z
	}
	xc, yc := x.c, y.c
	// exact.MulRat reads x and y completely before writing dst, so z may be x or y.
	z.c = exact.MulRat(dstFor(z.c, len(xc)+len(yc)-1), xc, yc)
	return z
}

// Sqr sets z to x² and returns z. z may be x. It is z.Mul(x, x) and panics as Mul does.
func (z *Rat) Sqr(x *Rat) *Rat {
	return z.Mul(x, x)
}

// Pow sets z to x^n and returns z; x⁰ is 1 for every x, including the zero polynomial.
// z may be x. Pow writes x = P/d with P an integer polynomial and d the least common
// multiple of the denominators, computes P^n with [exact.Pow] and divides by d^n.
// Pow panics with "poly: negative exponent" if n < 0, with "poly: Pow result too large"
// if the result would have more than 2^32 coefficients, and with "exact: result too
// large" if P^n would exceed [exact.MaxResultWords] words.
func (z *Rat) Pow(x *Rat, n int) *Rat {
	if powCheck(len(x.c), n) {
		z.c = z.c[:0]
		return z
	}
	num, den := clearDenominators(x.c)
	pn := exact.Pow(nil, num, n)
	den.Exp(den, big.NewInt(int64(n)), nil)
	z.c = resize[big.Rat](z.c, len(pn))
	for i, v := range pn {
		z.c[i].SetFrac(v, den)
	}
	return z
}

// clearDenominators returns new integers num and the least common multiple den of the
// denominators of c, with c[i] = num[i]/den.
func clearDenominators(c []*big.Rat) (num []*big.Int, den *big.Int) {
	den = big.NewInt(1)
	g := new(big.Int)
	for _, v := range c {
		if !v.IsInt() {
			// den = lcm(den, q) = den·q/gcd(den, q)
			q := v.Denom()
			g.GCD(nil, nil, den, q)
			den.Mul(den, g.Quo(q, g))
		}
	}
	num = newCoeffs[big.Int, *big.Int](len(c))
	for i, v := range c {
		num[i].Quo(den, v.Denom())
		num[i].Mul(num[i], v.Num())
	}
	return num, den
}

// Eval returns x(v), the value of x at v, as a new *big.Rat, computed by Horner's rule.
func (x *Rat) Eval(v *big.Rat) *big.Rat {
	return eval[big.Rat](x.c, v)
}

// Derivative sets z to the derivative of x, Σ i·c_i·x^(i−1), and returns z. z may be x.
func (z *Rat) Derivative(x *Rat) *Rat {
	z.c = derivative[big.Rat](z.c, x.c)
	return z
}

// Integral sets z to the antiderivative of x with constant term 0, Σ c_i/(i+1)·x^(i+1),
// and returns z. z may be x. z.Derivative(z.Integral(x)) equals x.
func (z *Rat) Integral(x *Rat) *Rat {
	n := len(x.c)
	if n == 0 {
		z.c = z.c[:0]
		return z
	}
	xc := x.c
	z.c = resize[big.Rat](z.c, n+1)
	k := new(big.Rat)
	for i := n - 1; i >= 0; i-- {
		// Descending order: when z is x, z.c[i+1] (= x.c[i+1]) has already been read.
		z.c[i+1].Quo(xc[i], k.SetInt64(int64(i+1)))
	}
	z.c[0].SetInt64(0)
	return z
}

// SetInt sets z to x (exactly) and returns z.
func (z *Rat) SetInt(x *Int) *Rat {
	z.c = resize[big.Rat](z.c, len(x.c))
	for i, v := range x.c {
		z.c[i].SetInt(v)
	}
	return z
}

// SetFloat64 sets z to the exact value of x (every finite float64 is a rational number)
// and returns (z, true). If a coefficient of x is NaN or ±Inf it returns (nil, false) and
// leaves z unchanged.
func (z *Rat) SetFloat64(x *Float64) (*Rat, bool) {
	for _, v := range x.c {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, false
		}
	}
	z.c = resize[big.Rat](z.c, len(x.c))
	for i, v := range x.c {
		z.c[i].SetFloat64(v)
	}
	return z, true
}
