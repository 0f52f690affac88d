package poly

import (
	"math/big"
	"strings"
)

// String returns x in the form people write it, highest power first:
// "(1/2)x^2 - 3x + 5/4". Fractions multiplying x are parenthesized, so that they cannot
// be read as 1/(2x²); integer coefficients are written as integers. A coefficient 1 is
// omitted before x, x¹ is written x, negative coefficients are subtracted, and the zero
// polynomial is "0" (a nil *Rat is "<nil>", as for math/big). [Rat.SetString] reads the
// result back.
func (x *Rat) String() string {
	if x == nil {
		return "<nil>"
	}
	return formatBig[big.Rat](x.c, func(v *big.Rat, exp int) string {
		if exp > 0 && !v.IsInt() {
			return "(" + strings.TrimPrefix(v.RatString(), "-") + ")"
		}
		return v.RatString()
	})
}

// SetString sets z to the polynomial written in s and returns (z, true), or returns
// (nil, false) and leaves z unchanged if s is malformed. It accepts what [Rat.String]
// prints and the variations [Int.SetString] accepts; coefficients may also be fractions
// ("1/2x + 3" is x/2 + 3, and so is "(1/2)x + 3"), decimals ("0.25x", read exactly) and
// parenthesized with a sign inside ("(-1/2)x"). A zero denominator makes s malformed.
// The grammar is in the package documentation. SetString never panics.
func (z *Rat) SetString(s string) (*Rat, bool) {
	c, ok := parseBig[big.Rat](s, ratSyntax, func(v *big.Rat, lit string) bool {
		_, ok := v.SetString(lit)
		return ok
	})
	if !ok {
		return nil, false
	}
	z.c = c
	return z, true
}

// MarshalText implements [encoding.TextMarshaler]; the text is x.String().
func (x *Rat) MarshalText() ([]byte, error) {
	return []byte(x.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it sets z to the polynomial in
// text as [Rat.SetString] reads it, or returns an error and leaves z unchanged if text
// is malformed.
func (z *Rat) UnmarshalText(text []byte) error {
	if _, ok := z.SetString(string(text)); !ok {
		return unmarshalError("*poly.Rat", text)
	}
	return nil
}
