// Package poly provides polynomials with integer, rational and float64 coefficients, and
// floating-point convolution and correlation with numpy's semantics.
//
// # Polynomial types
//
// [Int], [Rat] and [Float64] hold polynomials c₀ + c₁x + … + c_d·x^d over the integers
// (*big.Int coefficients), the rationals (*big.Rat) and float64. They offer the same
// methods: construction ([NewInt], [NewRat], [NewRatFrac], [NewFloat64], SetCoeffs, Set,
// SetString), inspection (Degree, Coeff, Coeffs, All, Equal, String, Eval) and arithmetic
// (Add, Sub, Neg, Scale, Mul, Sqr, Pow, Derivative). [Rat] adds division with remainder
// ([Rat.QuoRem], [Rat.Quo], [Rat.Rem]), the monic greatest common divisor with Bézout
// cofactors ([Rat.GCD]) and [Rat.Integral]; [Float64] has Integral too. Conversions:
// [Rat.SetInt] (exact), [Int.SetRat] and [Int.SetFloat64] (exact; they fail unless every
// coefficient is an integer), [Float64.SetInt] and [Float64.SetRat] (rounded to nearest),
// [Rat.SetFloat64] (exact; fails on NaN and ±Inf).
//
// The product of two Int or Rat polynomials is computed by package
// [github.com/polyconv/polyconv/exact], which picks schoolbook, Karatsuba, multi-modular
// NTT or Kronecker substitution by size; the product of two Float64 polynomials is the
// full [Convolve] of their coefficients (direct or FFT).
//
// # Conventions
//
// The API follows math/big. The zero value of each type is the zero polynomial, whose
// Degree is −1, and is ready to use. Operations use the receiver as the result and return
// it, as in z.Mul(x, y) for z = x·y, so that calls can be chained and the receiver's memory
// can be reused; operands may be the receiver itself (z.Mul(z, z), z.Sub(x, z)), and every
// method is correct under such aliasing. Arithmetic writes into the receiver's existing
// coefficients and allocates only when it has too few; SetCoeffs, SetString, Rat's
// division and GCD, and Float64's Pow build their results in new memory; Eval, Coeff and
// Coeffs allocate what they return.
//
// Polynomials are always normalized: the leading coefficient is nonzero, and a result
// whose top coefficients cancel has a lower degree. Coefficients are indexed by their
// power, in ascending order: Coeff(i) is the coefficient of x^i and SetCoeffs(c) takes
// c[0] as the constant term. A polynomial owns its *big.Int or *big.Rat coefficients:
// SetCoeffs and Set copy values in, Coeff and Coeffs copy them out, and only All lends out
// the polynomial's own values, which callers must not modify. Do not copy a polynomial
// struct by value; use Set.
//
// Broken preconditions panic with a constant message starting with "poly: ": a negative
// exponent in Pow or a power with more than 2^32 coefficients, division by the zero
// polynomial, a nil coefficient, the same polynomial passed for two results of QuoRem or
// GCD. Facts of the data,
// such as malformed text given to SetString, are reported by the return values instead
// (SetString returns nil, false, as big.Int.SetString does). Products too large for
// package exact's limit panic there ("exact: result too large"). The types are not safe
// for concurrent modification; concurrent reads are fine.
//
// # Text
//
// String prints a polynomial the way people write it, highest power first:
// "6x^4 + 10x^3 + 15x^2 + 8x + 3", "-x^2 + (1/2)x - 3/4", "0.5x^2 - 1e-10". The variable
// is x; a coefficient 1 is left out before x; x¹ is x and x⁰ is left out; negative
// coefficients are subtracted; the zero polynomial is "0". SetString reads that form back
// (SetString(p.String()) equals p) and the common variations:
//
//	polynomial  = [sign] term { sign term }      (spaces, tabs and newlines between tokens)
//	term        = coefficient [["*"] power] | power
//	coefficient = number | "(" [sign] number ")"
//	power       = letter [("^" | "**") exponent]
//	sign        = "+" | "-"
//	exponent    = decimal digits, at most MaxParseDegree
//
// The letter is any single ASCII letter, the same in every term ("3t^2 - t" is accepted;
// "x + y" is not). Terms may come in any order and the same power may appear more than
// once (its coefficients are summed). Numbers are decimal integers for Int; integers,
// fractions a/b and decimals like 0.25 (read exactly) for Rat, so "1/2x + 3" is x/2 + 3;
// and strconv.ParseFloat's decimal syntax plus Inf and NaN for Float64. Exponents above
// [MaxParseDegree] are refused, so that a short string cannot demand a huge allocation.
// MarshalText and UnmarshalText use the same text, so the types work with encoding/json
// and other encoders.
//
// # Convolution
//
// [Convolve] and [Correlate] compute the discrete linear convolution and cross-correlation
// of float64 slices exactly as numpy.convolve and numpy.correlate do, with the output
// selected by a [Mode] ([Full], [Same] or [Valid]); [OutputLen] gives the output length.
// They work directly for short inputs and through a real-input FFT above a measured size.
// Their doc comments state the treatment of empty inputs, NaN and ±Inf, the error bound
// and the aliasing rules.
package poly
