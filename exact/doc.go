// Package exact multiplies polynomials with arbitrary-precision coefficients exactly: the full
// linear convolution of []*big.Int ([Mul], [Sqr], [Pow]) and of []*big.Rat ([MulRat]).
//
// Coefficients are in ascending powers: x[i] is the coefficient of t^i. The product of
// polynomials of lengths m and n has length m+n−1 (no trailing zeros are trimmed), and is empty
// if either operand is empty.
//
// # Methods
//
// [Mul] chooses among several methods ([Algorithm]); [MulUsing] forces one:
//
//   - Schoolbook, for short operands: quadratic, with word-size accumulators when every
//     coefficient fits in a word.
//   - Karatsuba at the polynomial level, for medium lengths with large coefficients.
//   - MultiModular: the coefficients are reduced modulo k word-size NTT primes (package ntt),
//     where k is chosen from a bound on the output coefficients including their sign, the k
//     convolutions run in parallel goroutines, and the results are recombined by the Chinese
//     remainder theorem. This is the method for long operands with small or moderate
//     coefficients.
//   - Kronecker: each operand is packed into one big integer (coefficients at a fixed bit
//     stride), the two integers are multiplied with this package's own NTT-based integer
//     product, and the product is unpacked. This is the method for large coefficients.
//
// The switch points are package variables set by a calibration test (calibrate_test.go), in
// the manner of math/big.
//
// # Conventions
//
// Functions follow math/big and gonum: the destination comes first and is returned. A nil dst
// is allocated; a non-nil dst must have exactly the result length (otherwise the function
// panics with "exact: wrong dst length"), its non-nil entries are reused as storage and its nil
// entries are allocated. dst may be one of the operands, and its entries may be entries of the
// operands: every coefficient of the operands is read before any entry of dst is written.
// Distinct entries of dst must be distinct pointers. The operands are never modified.
//
// nil entries of the operands are read as zero. Results are exact for any signs and sizes;
// a product whose coefficients would exceed [MaxResultWords] words in total is refused up
// front with the panic "exact: result too large" (callers can check with [ResultWords]
// first), since the functions return no error. Pow panics with "exact: negative exponent"
// for n < 0.
//
// All functions are safe for concurrent use on distinct destinations; the transform-based
// methods use up to GOMAXPROCS goroutines per call.
package exact
