// Package vntt is a number-theoretic transform that runs eight primes at once, one per lane of
// a 512-bit vector: point i of the transform keeps its eight residues in a[8i : 8i+8]. The
// primes are just below 2^50, so that the lazy values of the butterflies stay below 2^52 and
// every product fits the 52-bit multiply-add instructions of AVX-512 IFMA (VPMADD52LUQ and
// VPMADD52HUQ). On amd64 CPUs with AVX-512 IFMA the level kernels are assembly (see [Fast]);
// everywhere else, and with the purego build tag, a generic Go twin computes the same values.
//
// Around the transforms, [SetLimbs] reduces integers given as four 52-bit digits to the
// eight residues of a point, and [Recombine] runs the explicit CRT back to integers below M/4
// (M the product of the primes), eight points per vector: both are IFMA assembly too, with
// generic twins. [Plan.ForwardPrefix] transforms a zero-padded vector without reading (or
// needing cleared) its padding. [Plan.Convolve] and [OnePlan.Convolve] run the second
// operand's transform, the pointwise product and the inverse block by block, each block of
// 2^12 points through its lower levels both ways while it is in cache.
//
// [OnePlan] runs one prime on vectors of one residue per word (eight consecutive residues per
// register): the eight-lane transform of length n/8 with the prime in every lane, and a
// product modulo t^8 − c in place of the last three levels, for exact's multi-modular product
// of word-size coefficients.
//
// The package is internal: exact's big-integer product is its only user. A product of
// integers cut into limbs of b bits needs 2b + log2(n) + 1 ≤ 399 bits (the eight primes
// multiply to about 2^399.99), so limbs of about 190 bits.
package vntt
