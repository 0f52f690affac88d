// Package ntt implements number-theoretic transforms over word-size primes and linear
// convolution of []uint64 vectors modulo such a prime. It is the engine under polyconv's
// exact arithmetic.
//
// A [Modulus] holds a prime p < 2^62 and the constants derived from it; [Primes] lists 512
// primes just below 2^62 that support every power-of-two transform length up to 2^32. A
// [Plan] holds the twiddle tables of one transform length for one prime; plans are cached,
// so [NewPlan] is cheap after the first call. [Modulus.Convolve] is the main entry point: it
// multiplies two polynomials modulo p, choosing schoolbook or transforms by size.
//
// # Conventions
//
// Ranges: the arithmetic methods of Modulus (Add, Sub, Mul) require operands in [0, p) and
// return results in [0, p); Reduce, Pow and Inv accept any uint64. The slice functions
// (Forward, Inverse, Convolve) accept entries of any size, reduce entries ≥ p mod p first,
// and return entries in [0, p). Internally the transforms keep values lazily in [0, 4p)
// (Harvey's butterflies with Shoup's precomputed quotients), which is why p must be below
// 2^62.
//
// Orderings: coefficients are in ascending powers (index i holds the coefficient of X^i).
// Forward takes natural order and returns the values at the roots of unity in bit-reversed
// order; Inverse takes that order back to natural order. No bit-reversal pass is ever done.
//
// Slices and aliasing: following math/big and gonum, slice functions take the destination
// first and return it. A nil dst is allocated; a non-nil dst must have exactly the result
// length, or the function panics with an "ntt: ..." message. dst may be the same slice as an
// operand, or overlap it, in every slice function of this package.
//
// Errors and panics: facts of the data (a composite or too large modulus, a transform length
// the prime cannot support) are errors from NewModulus and NewPlan; broken preconditions (a
// wrong-length dst, the inverse of zero, a zero Modulus) panic.
//
// Concurrency: Modulus values and Plans are immutable and safe for concurrent use; the plan
// cache is lock-free on lookups and scratch buffers come from pools, so Convolve may be
// called from many goroutines at once, with the same or different primes. A long Convolve
// (transform length ≥ 2^16) itself runs its two independent halves on two goroutines when
// GOMAXPROCS > 1; set GOMAXPROCS=1 to keep every call on the calling goroutine.
//
// Speed: the transforms are radix-4, depth-first above a cache block, with Shoup twiddles
// laid out for sequential access; Convolve skips the first forward level of zero-padded
// operands, fuses the last forward levels, the pointwise (Montgomery) product and the first
// inverse levels into one pass, and folds the n^−1 scaling into the loading of an operand.
package ntt
