package poly

import (
	"math"
	"strconv"
)

// String returns x in the form people write it, highest power first:
// "0.5x^2 - 3x + 1e-10". Coefficients are formatted by strconv.FormatFloat(c, 'g', -1, 64),
// the shortest text that reads back to the same float64; ±Inf and NaN are written "Inf*x"
// and "NaN*x" so that they read back. A coefficient 1 is omitted before x, x¹ is written
// x, negative coefficients are subtracted, and the zero polynomial is "0" (a nil *Float64
// is "<nil>"). [Float64.SetString] reads the result back exactly.
func (x *Float64) String() string {
	if x == nil {
		return "<nil>"
	}
	if len(x.c) == 0 {
		return "0"
	}
	var b []byte
	for i := len(x.c) - 1; i >= 0; i-- {
		v := x.c[i]
		if v == 0 {
			continue
		}
		neg := v < 0
		abs := strconv.FormatFloat(math.Abs(v), 'g', -1, 64)
		if math.IsInf(v, 0) {
			abs = "Inf" // not FormatFloat's "+Inf": the sign is written separately
		}
		if i > 0 && (math.IsInf(v, 0) || math.IsNaN(v)) {
			abs += "*"
		}
		b = appendTerm(b, b == nil, neg, abs, abs == "1", i)
	}
	return string(b)
}

// SetString sets z to the polynomial written in s and returns (z, true), or returns
// (nil, false) and leaves z unchanged if s is malformed. It accepts what [Float64.String]
// prints and the variations [Int.SetString] accepts; coefficients are decimal numbers in
// the syntax of strconv.ParseFloat ("1.5", ".5", "2e-3", "1E+10") or Inf, Infinity and NaN
// in any case. Numbers are read greedily in that syntax, so "2e3" and "2e+3" are the number
// 2000, not terms in a variable e (but "2e" and "2e^2" are); prefer another letter than e.
// A coefficient beyond the float64 range makes s malformed; one that underflows reads as
// the nearest float64 (possibly 0). Repeated powers are summed in float64 arithmetic, in
// the order written. SetString never panics.
func (z *Float64) SetString(s string) (*Float64, bool) {
	terms, maxExp, ok := parseTerms(s, floatSyntax)
	if !ok {
		return nil, false
	}
	c := make([]float64, maxExp+1)
	for _, t := range terms {
		v := 1.0
		if t.coef != "" {
			var err error
			if v, err = strconv.ParseFloat(t.coef, 64); err != nil {
				return nil, false
			}
		}
		if t.neg {
			v = -v
		}
		c[t.exp] += v
	}
	z.c = normalizeF(c)
	return z, true
}

// MarshalText implements [encoding.TextMarshaler]; the text is x.String().
func (x *Float64) MarshalText() ([]byte, error) {
	return []byte(x.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it sets z to the polynomial in
// text as [Float64.SetString] reads it, or returns an error and leaves z unchanged if text
// is malformed.
func (z *Float64) UnmarshalText(text []byte) error {
	if _, ok := z.SetString(string(text)); !ok {
		return unmarshalError("*poly.Float64", text)
	}
	return nil
}
