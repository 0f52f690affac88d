package poly

import "math/big"

// String returns x in the form people write it, highest power first:
// "6x^4 + 10x^3 - x + 3". A coefficient 1 is omitted before x, x¹ is written x, negative
// coefficients are subtracted, and the zero polynomial is "0" (a nil *Int is "<nil>", as
// for math/big). [Int.SetString] reads the result back.
func (x *Int) String() string {
	if x == nil {
		return "<nil>"
	}
	return formatBig[big.Int](x.c, func(v *big.Int, _ int) string { return v.String() })
}

// SetString sets z to the polynomial written in s and returns (z, true), or returns
// (nil, false) and leaves z unchanged if s is not a polynomial with integer coefficients.
// It accepts what [Int.String] prints and the usual variations: terms in any order,
// repeated powers (summed), spaces, a leading sign, implicit coefficients ("x^2 - x"),
// "*" before the variable ("3*x^2"), "**" for "^", and any single ASCII letter as the
// variable (the same in every term). Coefficients are decimal integers; exponents are
// decimal integers from 0 to [MaxParseDegree]. The grammar is in the package
// documentation. SetString never panics.
func (z *Int) SetString(s string) (*Int, bool) {
	c, ok := parseBig[big.Int](s, intSyntax, func(v *big.Int, lit string) bool {
		_, ok := v.SetString(lit, 10)
		return ok
	})
	if !ok {
		return nil, false
	}
	z.c = c
	return z, true
}

// MarshalText implements [encoding.TextMarshaler]; the text is x.String().
func (x *Int) MarshalText() ([]byte, error) {
	return []byte(x.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it sets z to the polynomial in
// text as [Int.SetString] reads it, or returns an error and leaves z unchanged if text
// is malformed.
func (z *Int) UnmarshalText(text []byte) error {
	if _, ok := z.SetString(string(text)); !ok {
		return unmarshalError("*poly.Int", text)
	}
	return nil
}
