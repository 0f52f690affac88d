// Package exact multiplies polynomials with arbitrary-precision coefficients exactly: the full
// linear convolution of []*big.Int ([Mul], [Sqr], [Pow]) and of []*big.Rat ([MulRat]), and
// the full 2-D convolution of [][]*big.Int, the product of bivariate polynomials ([Mul2D],
// by Kronecker substitution of the second variable into one [Mul]).
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
//     coefficients. On CPUs with AVX-512 IFMA, operands whose coefficients all fit in a word
//     use the primes below 2^50 of internal/vntt instead, one prime per vector (vntt.OnePlan:
//     eight consecutive residues per 512-bit register, the last three transform levels folded
//     into a product modulo t^8 − c), as few as make their product exceed twice the exact
//     bound min(nx, ny)·2^(bx+by), one prime at a time, with Garner's CRT.
//   - Kronecker: each operand is packed into one big integer (coefficients at a fixed bit
//     stride, one bit wider than the bound on the product's coefficients, so signed slots can
//     be read back with borrows), the two integers are multiplied with this package's own
//     integer product, never with math/big's, and the product is unpacked. On CPUs with
//     AVX-512 IFMA the product cuts the integers into limbs of about 190 bits and convolves
//     them modulo eight primes below 2^50 at once in vector transforms (package
//     internal/vntt; residues, transforms and the explicit CRT are IFMA assembly), cutting
//     either integer or both into pieces when that saves work or keeps the transforms within
//     the memory budget below; the operands are packed a few hundred limbs at a time as the
//     transforms need them. When the slots are whole words (coefficient bounds of 1024 bits
//     or more, rounded up to 64) and the result is new, the product is carried straight into
//     the result's storage, and the polynomials are evaluated at 2^t and −2^t with t half the
//     slot (Harvey's KS2): two products of half the length, whose half-sum and half-difference
//     hold the even and the odd coefficients. Elsewhere it convolves 64-bit limbs modulo three
//     NTT primes, with Garner's CRT. This is the method for large coefficients, where the
//     multi-modular method would need too many primes, and, with IFMA, for long operands with
//     word-size coefficients too.
//
// Auto estimates each method's time with a cost model whose constants are package variables
// measured by a calibration test (calibrate_test.go), in the manner of math/big's thresholds.
// Squaring (the same slice passed twice, or [Sqr]) transforms the operand once.
//
// [Pow] uses a three-term recurrence for a base with one run of equal coefficients (a die:
// (t+t^2+…+t^s)^n costs a few word operations per output word, whatever s is), J.C.P. Miller's
// recurrence for other short bases, and binary powering with [Sqr] for long ones.
//
// # Memory
//
// The multi-modular method holds the residues of the operands and of the product (about one
// more copy of the product's size in words; on the IFMA path one vector of the power-of-two
// length per prime plus one for the second operand's residues) besides its result; its peak heap is below twice
// the size of the operands plus the result on the benchmark grid. Kronecker substitution on the
// vector product gives its two transform vectors (64 bytes per limb of about 190 bits, up to
// the power-of-two length) at most twice the estimated size of the operands plus the result
// or 64 KiB, whichever is more, cutting the operands into pieces as needed; with the result
// carried in place, its peak heap measured 2.1 to 2.8 times the operands plus the result
// across the benchmark grid (64 to 16384 bits, 10^2 to 10^5 coefficients). Into a
// given dst it also holds the product. Without IFMA, the three-prime product holds three
// residue vectors of the product and ntt's transform buffers (about 50 to 100 bytes per word
// of the product), and is cut into pieces only beyond four times that budget, since its pieces
// cost 2 to 3 times the time: 1.6 to 4.1 times the operands plus the result on the grid. The
// transform plans (twiddle tables) are cached across calls by package ntt and internal/vntt (16
// words per point of the longest vector transform used; half a word per point of the longest
// one-prime transform, for each prime used).
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
// methods use up to GOMAXPROCS goroutines per call. The word arithmetic assumes a 64-bit
// platform (big.Word of 64 bits).
package exact
