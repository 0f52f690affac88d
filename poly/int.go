package poly

import (
	"iter"
	"math"
	"math/big"

	"github.com/polyconv/polyconv/exact"
)

// An Int is a polynomial with integer coefficients, c₀ + c₁x + … + c_d·x^d.
// The zero value is the zero polynomial (Degree −1), ready to use.
//
// An Int is always normalized: its leading coefficient c_d is nonzero. Its coefficients
// are *big.Int values it owns; methods never share them with other polynomials, and
// copying an Int struct by value is not supported (use [Int.Set]), as for big.Int.
type Int struct {
	c []*big.Int // c[i] is the coefficient of x^i; empty or c[len(c)-1] ≠ 0
}

// NewInt returns a new Int with coefficients c in ascending powers: NewInt(1, 2, 3) is
// 3x² + 2x + 1. Trailing zeros are dropped; NewInt() is the zero polynomial.
func NewInt(c ...int64) *Int {
	z := &Int{c: newCoeffs[big.Int, *big.Int](len(c))}
	for i, v := range c {
		z.c[i].SetInt64(v)
	}
	z.c = normalize[big.Int](z.c)
	return z
}

// SetCoeffs sets z to the polynomial with coefficients c in ascending powers (c[i] is the
// coefficient of x^i) and returns z. The values are copied: z does not retain c or its
// entries, and later changes to them do not affect z. Trailing zeros are dropped.
// SetCoeffs panics with "poly: nil coefficient" if an entry of c is nil.
func (z *Int) SetCoeffs(c []*big.Int) *Int {
	z.c = fromCoeffs[big.Int](c)
	return z
}

// Set sets z to x and returns z. It copies x's coefficients (z and x share no memory
// afterwards); z.Set(z) is a no-op.
func (z *Int) Set(x *Int) *Int {
	z.c = set[big.Int](z.c, x.c)
	return z
}

// Degree returns the degree of x, the largest i with a nonzero coefficient of x^i, or −1
// for the zero polynomial.
func (x *Int) Degree() int {
	return len(x.c) - 1
}

// Coeff returns a new *big.Int holding the coefficient of x^i in x, which is 0 for i < 0
// and i > x.Degree(). The result is a copy that the caller may modify.
func (x *Int) Coeff(i int) *big.Int {
	return coeff[big.Int](x.c, i)
}

// Coeffs returns new copies of the coefficients of x in ascending powers, Degree()+1 of
// them (none for the zero polynomial).
func (x *Int) Coeffs() []*big.Int {
	return copyCoeffs[big.Int](x.c)
}

// All returns an iterator over the nonzero coefficients of x, as pairs (i, c) with c the
// coefficient of x^i, in ascending i. The zero coefficients are skipped. The yielded
// *big.Int values are x's own: they must not be modified, and they change when x does;
// use [Int.Coeff] or c.Set for a copy to keep.
func (x *Int) All() iter.Seq2[int, *big.Int] {
	return nonzero[big.Int](x.c)
}

// Equal reports whether x and y are the same polynomial.
func (x *Int) Equal(y *Int) bool {
	return equal[big.Int](x.c, y.c)
}

// Add sets z to the sum x+y and returns z. Any of z, x and y may be the same polynomial.
func (z *Int) Add(x, y *Int) *Int {
	z.c = addSub[big.Int](z.c, x.c, y.c, false)
	return z
}

// Sub sets z to the difference x−y and returns z. Any of z, x and y may be the same
// polynomial.
func (z *Int) Sub(x, y *Int) *Int {
	z.c = addSub[big.Int](z.c, x.c, y.c, true)
	return z
}

// Neg sets z to −x and returns z. z may be x.
func (z *Int) Neg(x *Int) *Int {
	z.c = neg[big.Int](z.c, x.c)
	return z
}

// Scale sets z to c·x, every coefficient of x multiplied by c, and returns z. z may be
// x, and c may be one of x's coefficients (as lent by All).
func (z *Int) Scale(x *Int, c *big.Int) *Int {
	k := new(big.Int).Set(c)
	z.c = scale[big.Int](z.c, x.c, k)
	return z
}

// Mul sets z to the product x·y and returns z. Any of z, x and y may be the same
// polynomial. The product is computed by [exact.Mul], which picks the algorithm by size;
// z's coefficients are reused as storage where possible. Mul panics with
// "exact: result too large" if the product would exceed [exact.MaxResultWords] words.
func (z *Int) Mul(x, y *Int) *Int {
	if len(x.c) == 0 || len(y.c) == 0 {
		z.c = z.c[:0]
		return z
	}
	xc, yc := x.c, y.c
	// exact.Mul reads x and y completely before writing dst, so dst may share storage
	// with them (z may be x or y).
	z.c = exact.Mul(dstFor(z.c, len(xc)+len(yc)-1), xc, yc)
	return z
}

// Sqr sets z to x² and returns z. z may be x. It computes the same as z.Mul(x, x), faster
// for large x ([exact.Sqr] shares the transforms), and panics as Mul does.
func (z *Int) Sqr(x *Int) *Int {
	if len(x.c) == 0 {
		z.c = z.c[:0]
		return z
	}
	xc := x.c
	z.c = exact.Sqr(dstFor(z.c, 2*len(xc)-1), xc)
	return z
}

// Pow sets z to x^n and returns z; x⁰ is 1 for every x, including the zero polynomial.
// z may be x. The power is computed by [exact.Pow] (a linear-time recurrence for short x,
// binary powering otherwise). Pow panics with "poly: negative exponent" if n < 0, with
// "poly: Pow result too large" if the result would have more than 2^32 coefficients, and
// with "exact: result too large" if it would exceed [exact.MaxResultWords] words; both are
// checked before anything is allocated.
func (z *Int) Pow(x *Int, n int) *Int {
	if powCheck(len(x.c), n) {
		z.c = z.c[:0]
		return z
	}
	xc := x.c
	l := 1
	if n > 0 {
		l = (len(xc)-1)*n + 1
	}
	z.c = exact.Pow(dstFor(z.c, l), xc, n)
	return z
}

// Eval returns x(v), the value of x at v, as a new *big.Int, computed by Horner's rule.
func (x *Int) Eval(v *big.Int) *big.Int {
	return eval[big.Int](x.c, v)
}

// Derivative sets z to the derivative of x, Σ i·c_i·x^(i−1), and returns z. z may be x.
func (z *Int) Derivative(x *Int) *Int {
	z.c = derivative[big.Int](z.c, x.c)
	return z
}

// SetRat sets z to x and returns (z, true) if every coefficient of x is an integer. If
// not, it returns (nil, false) and leaves z unchanged.
func (z *Int) SetRat(x *Rat) (*Int, bool) {
	for _, v := range x.c {
		if !v.IsInt() {
			return nil, false
		}
	}
	z.c = resize[big.Int](z.c, len(x.c))
	for i, v := range x.c {
		z.c[i].Set(v.Num())
	}
	return z, true
}

// SetFloat64 sets z to x and returns (z, true) if every coefficient of x is an integer
// (the conversion is then exact). If a coefficient is fractional, NaN or ±Inf, it returns
// (nil, false) and leaves z unchanged.
func (z *Int) SetFloat64(x *Float64) (*Int, bool) {
	for _, v := range x.c {
		if v != math.Trunc(v) || math.IsInf(v, 0) {
			return nil, false // NaN ≠ Trunc(NaN)
		}
	}
	z.c = resize[big.Int](z.c, len(x.c))
	var f big.Float
	for i, v := range x.c {
		f.SetFloat64(v).Int(z.c[i])
	}
	return z, true
}
