package poly

import (
	"iter"
	"math/big"
)

// This file holds the coefficient-slice helpers shared by [Int] and [Rat]. They work on
// []*big.Int and []*big.Rat alike through the bigNum constraint.
//
// Ownership invariant: every *big.Int or *big.Rat in a polynomial's slice (including the
// entries between len and cap, which are kept for reuse) belongs to that polynomial alone.
// Two distinct polynomials never share a coefficient pointer or a backing array, so a
// method may write z's coefficients in place whenever z is not one of its operands, and
// element-wise methods may do so even when it is.

// bigNum is the method set of *big.Int and *big.Rat used by the shared helpers.
type bigNum[T any] interface {
	*T
	Set(x *T) *T
	SetInt64(x int64) *T
	Add(x, y *T) *T
	Sub(x, y *T) *T
	Mul(x, y *T) *T
	Neg(x *T) *T
	Sign() int
	Cmp(y *T) int
}

// resize returns c with length n, reusing c's backing array and the values it holds
// (including those between len(c) and cap(c)). Entries at index ≥ len(c) hold arbitrary
// values (stale or zero); entries below min(len(c), n) are unchanged.
func resize[T any, P bigNum[T]](c []P, n int) []P {
	old := len(c)
	if n <= cap(c) {
		c = c[:n]
	} else {
		nc := make([]P, n, n+n/4)
		copy(nc, c[:cap(c)])
		c = nc
	}
	// Fill nil entries from one slab: one allocation instead of one per coefficient.
	nils := 0
	for i := old; i < n; i++ {
		if c[i] == nil {
			nils++
		}
	}
	if nils > 0 {
		slab := make([]T, nils)
		for i := old; i < n; i++ {
			if c[i] == nil {
				c[i] = &slab[len(slab)-nils]
				nils--
			}
		}
	}
	return c
}

// newCoeffs returns n new zero coefficients, allocated together.
func newCoeffs[T any, P bigNum[T]](n int) []P {
	return resize[T, P](nil, n)
}

// normalize drops trailing zero coefficients (it keeps them in the backing array for reuse).
func normalize[T any, P bigNum[T]](c []P) []P {
	n := len(c)
	for n > 0 && c[n-1].Sign() == 0 {
		n--
	}
	return c[:n]
}

// set sets z to a copy of x, another polynomial's coefficients (or z's own).
func set[T any, P bigNum[T]](z, x []P) []P {
	if same(z, x) {
		return z
	}
	z = resize[T](z, len(x))
	for i, v := range x {
		z[i].Set(v)
	}
	return z
}

// fromCoeffs returns new copies of a caller's coefficients c, normalized. It panics with
// "poly: nil coefficient" if an entry of c is nil. Copying into new values (rather than
// into the receiver's) keeps it correct even if c holds the receiver's own coefficients.
func fromCoeffs[T any, P bigNum[T]](c []P) []P {
	for _, v := range c {
		if v == nil {
			panic("poly: nil coefficient")
		}
	}
	return normalize[T](copyCoeffs[T](c))
}

// addSub sets z to x+y (sub false) or x−y (sub true), normalized. z may share its backing
// array with x or y (it is then the same slice), never partly.
func addSub[T any, P bigNum[T]](z, x, y []P, sub bool) []P {
	n := max(len(x), len(y))
	z = resize[T](z, n)
	for i := range n {
		switch {
		case i < len(x) && i < len(y):
			if sub {
				z[i].Sub(x[i], y[i])
			} else {
				z[i].Add(x[i], y[i])
			}
		case i < len(x):
			z[i].Set(x[i])
		case sub:
			z[i].Neg(y[i])
		default:
			z[i].Set(y[i])
		}
	}
	return normalize[T](z)
}

// neg sets z to −x. z may be x.
func neg[T any, P bigNum[T]](z, x []P) []P {
	z = resize[T](z, len(x))
	for i, v := range x {
		z[i].Neg(v)
	}
	return z
}

// scale sets z to c·x. z may be x.
func scale[T any, P bigNum[T]](z, x []P, c P) []P {
	if c.Sign() == 0 {
		return z[:0]
	}
	z = resize[T](z, len(x))
	for i, v := range x {
		z[i].Mul(v, c)
	}
	return z
}

// equal reports whether x and y hold the same values.
func equal[T any, P bigNum[T]](x, y []P) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i].Cmp(y[i]) != 0 {
			return false
		}
	}
	return true
}

// eval returns Σ c[i]·x^i, computed by Horner's rule into a new value.
func eval[T any, P bigNum[T]](c []P, x P) P {
	r := P(new(T))
	for i := len(c) - 1; i >= 0; i-- {
		r.Mul(r, x)
		r.Add(r, c[i])
	}
	return r
}

// derivative sets z to the derivative of x: z[i−1] = i·x[i]. z may be x.
func derivative[T any, P bigNum[T]](z, x []P) []P {
	if len(x) <= 1 {
		return z[:0]
	}
	n := len(x)
	z = resize[T](z, n) // no-op when z is x
	k := P(new(T))
	for i := 1; i < n; i++ {
		// Ascending order: when z is x, z[i−1] (= x[i−1]) has already been read.
		z[i-1].Mul(x[i], k.SetInt64(int64(i)))
	}
	return normalize[T](z[:n-1])
}

// coeff returns a copy of c[i], or a new zero for i outside [0, len(c)).
func coeff[T any, P bigNum[T]](c []P, i int) P {
	r := P(new(T))
	if 0 <= i && i < len(c) {
		r.Set(c[i])
	}
	return r
}

// copyCoeffs returns new copies of c's values.
func copyCoeffs[T any, P bigNum[T]](c []P) []P {
	r := newCoeffs[T, P](len(c))
	for i, v := range c {
		r[i].Set(v)
	}
	return r
}

// nonzero iterates over (i, c[i]) for the nonzero c[i], in ascending i.
func nonzero[T any, P bigNum[T]](c []P) iter.Seq2[int, P] {
	return func(yield func(int, P) bool) {
		for i, v := range c {
			if v.Sign() != 0 && !yield(i, v) {
				return
			}
		}
	}
}

// same reports whether x and y are the same slice (same first element), which for the
// polynomial types means the same polynomial (see the ownership invariant above).
func same[P any](x, y []P) bool {
	return len(x) > 0 && len(y) > 0 && &x[0] == &y[0]
}

// maxPowLen is the most coefficients a Pow result may have: 2^32, which is also the
// most package exact produces (each nonzero coefficient takes at least one word of its
// MaxResultWords).
const maxPowLen = 1 << 32

// powCheck checks the arguments of Pow for an operand with l coefficients and exponent n,
// panicking with "poly: negative exponent" if n < 0 and with "poly: Pow result too large"
// if the result would have more than min(maxPowLen, maxInt) coefficients. It reports
// whether the result is the zero polynomial (a zero operand and n > 0).
func powCheck(l, n int) (zero bool) {
	if n < 0 {
		panic("poly: negative exponent")
	}
	if l == 0 {
		return n > 0
	}
	limit := min(int64(maxPowLen), int64(maxInt))
	if d := int64(l - 1); d > 0 && int64(n) > (limit-1)/d {
		panic("poly: Pow result too large")
	}
	return false
}

// dstFor returns z's storage as a destination of length n for package exact if it has
// the capacity (exact allocates the nil entries), or nil to let exact allocate, so that
// exact can refuse a result too large before anything is allocated.
func dstFor[P any](z []P, n int) []P {
	if n <= cap(z) {
		return z[:n]
	}
	return nil
}

const maxInt = int(^uint(0) >> 1)

// Compile-time checks that *big.Int and *big.Rat satisfy bigNum.
var (
	_ = normalize[big.Int, *big.Int]
	_ = normalize[big.Rat, *big.Rat]
)
