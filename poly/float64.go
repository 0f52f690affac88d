package poly

import (
	"iter"
	"math/big"
)

// A Float64 is a polynomial with float64 coefficients, c₀ + c₁x + … + c_d·x^d.
// The zero value is the zero polynomial (Degree −1), ready to use.
//
// A Float64 is always normalized: its leading coefficient c_d is not zero (it may be NaN
// or ±Inf). Arithmetic is ordinary float64 arithmetic, rounded at every step; [Float64.Mul]
// may use an FFT (see [Convolve] for its error bound). A coefficient that becomes exactly
// zero at the top is dropped, so the degree of a result can be lower than the exact one
// (for example after cancellation in [Float64.Sub] or underflow in [Float64.Mul]).
type Float64 struct {
	c []float64 // c[i] is the coefficient of x^i; empty or c[len(c)-1] ≠ 0
}

// NewFloat64 returns a new Float64 with coefficients c in ascending powers, copied:
// NewFloat64(1, 0, 0.5) is 0.5x² + 1. Trailing zeros are dropped.
func NewFloat64(c ...float64) *Float64 {
	return new(Float64).SetCoeffs(c)
}

// normalizeF drops trailing zero coefficients (+0 and −0).
func normalizeF(c []float64) []float64 {
	n := len(c)
	for n > 0 && c[n-1] == 0 {
		n--
	}
	return c[:n]
}

// growF returns c with length n, reusing its backing array when it is large enough.
// Entries below min(len(c), n) are kept; the others are arbitrary.
func growF(c []float64, n int) []float64 {
	if n <= cap(c) {
		return c[:n]
	}
	nc := make([]float64, n)
	copy(nc, c)
	return nc
}

// SetCoeffs sets z to the polynomial with coefficients c in ascending powers (c[i] is the
// coefficient of x^i) and returns z. The values are copied: z does not retain c. Trailing
// zeros are dropped.
func (z *Float64) SetCoeffs(c []float64) *Float64 {
	// Copy into new memory: c may overlap z's own storage.
	z.c = normalizeF(append([]float64(nil), c...))
	return z
}

// Set sets z to x and returns z. It copies x's coefficients; z.Set(z) is a no-op.
func (z *Float64) Set(x *Float64) *Float64 {
	if z != x {
		z.c = growF(z.c, len(x.c))
		copy(z.c, x.c)
	}
	return z
}

// Degree returns the degree of x, the largest i with a nonzero coefficient of x^i, or −1
// for the zero polynomial.
func (x *Float64) Degree() int {
	return len(x.c) - 1
}

// Coeff returns the coefficient of x^i in x, which is 0 for i < 0 and i > x.Degree().
func (x *Float64) Coeff(i int) float64 {
	if 0 <= i && i < len(x.c) {
		return x.c[i]
	}
	return 0
}

// Coeffs returns a new slice holding the coefficients of x in ascending powers,
// Degree()+1 of them (none for the zero polynomial).
func (x *Float64) Coeffs() []float64 {
	return append([]float64(nil), x.c...)
}

// All returns an iterator over the nonzero coefficients of x (NaN counts as nonzero), as
// pairs (i, c) with c the coefficient of x^i, in ascending i. The zero coefficients are
// skipped.
func (x *Float64) All() iter.Seq2[int, float64] {
	return func(yield func(int, float64) bool) {
		for i, v := range x.c {
			if v != 0 && !yield(i, v) {
				return
			}
		}
	}
}

// Equal reports whether x and y have the same degree and equal coefficients under ==
// (so a polynomial with a NaN coefficient is not equal to itself, and −0 equals +0).
func (x *Float64) Equal(y *Float64) bool {
	if len(x.c) != len(y.c) {
		return false
	}
	for i, v := range x.c {
		if v != y.c[i] {
			return false
		}
	}
	return true
}

// addSubF sets z to x+y or x−y, coefficient by coefficient. Any of z, x, y may be the
// same polynomial.
func (z *Float64) addSubF(x, y *Float64, sub bool) *Float64 {
	xc, yc := x.c, y.c
	z.c = growF(z.c, max(len(xc), len(yc)))
	for i := range z.c {
		var a, b float64
		if i < len(xc) {
			a = xc[i]
		}
		if i < len(yc) {
			b = yc[i]
		}
		if sub {
			z.c[i] = a - b
		} else {
			z.c[i] = a + b
		}
	}
	z.c = normalizeF(z.c)
	return z
}

// Add sets z to the sum x+y and returns z. Any of z, x and y may be the same polynomial.
func (z *Float64) Add(x, y *Float64) *Float64 {
	return z.addSubF(x, y, false)
}

// Sub sets z to the difference x−y and returns z. Any of z, x and y may be the same
// polynomial.
func (z *Float64) Sub(x, y *Float64) *Float64 {
	return z.addSubF(x, y, true)
}

// Neg sets z to −x and returns z. z may be x.
func (z *Float64) Neg(x *Float64) *Float64 {
	xc := x.c
	z.c = growF(z.c, len(xc))
	for i, v := range xc {
		z.c[i] = -v
	}
	return z
}

// Scale sets z to c·x, every coefficient of x multiplied by c, and returns z. z may be x.
// A coefficient that becomes exactly 0 at the top (c = 0, or underflow) lowers the degree.
func (z *Float64) Scale(x *Float64, c float64) *Float64 {
	xc := x.c
	z.c = growF(z.c, len(xc))
	for i, v := range xc {
		z.c[i] = c * v
	}
	z.c = normalizeF(z.c)
	return z
}

// Mul sets z to the product x·y and returns z. Any of z, x and y may be the same
// polynomial. The coefficients of the product are the full linear convolution of those
// of x and y, computed by [Convolve](dst, x, y, [Full]): directly for short operands and
// by FFT above a measured size, with the error bound documented there. z's storage is
// reused when it is large enough and not shared with x or y.
func (z *Float64) Mul(x, y *Float64) *Float64 {
	if len(x.c) == 0 || len(y.c) == 0 {
		z.c = z.c[:0]
		return z
	}
	n := len(x.c) + len(y.c) - 1
	var dst []float64
	if n <= cap(z.c) && z != x && z != y {
		dst = z.c[:n]
	}
	z.c = normalizeF(Convolve(dst, x.c, y.c, Full))
	return z
}

// Sqr sets z to x² and returns z. z may be x. It is z.Mul(x, x).
func (z *Float64) Sqr(x *Float64) *Float64 {
	return z.Mul(x, x)
}

// Pow sets z to x^n and returns z, by repeated squaring with [Float64.Mul] in new memory;
// x⁰ is 1 for every x, including the zero polynomial. z may be x. Pow panics with
// "poly: negative exponent" if n < 0 and with "poly: Pow result too large" if the result
// would have more than 2^32 coefficients (32 GiB), before anything is allocated.
func (z *Float64) Pow(x *Float64, n int) *Float64 {
	if powCheck(len(x.c), n) {
		z.c = z.c[:0]
		return z
	}
	b := new(Float64).Set(x)
	r := NewFloat64(1)
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			r.Mul(r, b)
		}
		if n > 1 {
			b.Sqr(b)
		}
	}
	z.c = r.c
	return z
}

// Eval returns x(v), the value of x at v, computed by Horner's rule.
func (x *Float64) Eval(v float64) float64 {
	var r float64
	for i := len(x.c) - 1; i >= 0; i-- {
		r = r*v + x.c[i]
	}
	return r
}

// Derivative sets z to the derivative of x, Σ i·c_i·x^(i−1), and returns z. z may be x.
func (z *Float64) Derivative(x *Float64) *Float64 {
	xc := x.c
	if len(xc) <= 1 {
		z.c = z.c[:0]
		return z
	}
	z.c = growF(z.c, len(xc)-1)
	for i := 1; i < len(xc); i++ {
		z.c[i-1] = float64(i) * xc[i]
	}
	z.c = normalizeF(z.c)
	return z
}

// Integral sets z to the antiderivative of x with constant term 0, Σ c_i/(i+1)·x^(i+1),
// and returns z. z may be x.
func (z *Float64) Integral(x *Float64) *Float64 {
	xc := x.c
	if len(xc) == 0 {
		z.c = z.c[:0]
		return z
	}
	z.c = growF(z.c, len(xc)+1)
	for i := len(xc) - 1; i >= 0; i-- {
		z.c[i+1] = xc[i] / float64(i+1)
	}
	z.c[0] = 0
	z.c = normalizeF(z.c)
	return z
}

// SetInt sets z to x with each coefficient rounded to the nearest float64 (ties to even)
// and returns z. Coefficients too large in magnitude for a float64 become ±Inf.
func (z *Float64) SetInt(x *Int) *Float64 {
	z.c = growF(z.c, len(x.c))
	var f big.Float
	for i, v := range x.c {
		z.c[i], _ = f.SetInt(v).Float64()
	}
	return z
}

// SetRat sets z to x with each coefficient rounded to the nearest float64 (ties to even)
// and returns z. Coefficients too large in magnitude for a float64 become ±Inf, and those
// too small become ±0 (a leading coefficient that underflows lowers the degree).
func (z *Float64) SetRat(x *Rat) *Float64 {
	z.c = growF(z.c, len(x.c))
	for i, v := range x.c {
		z.c[i], _ = v.Float64()
	}
	z.c = normalizeF(z.c)
	return z
}
