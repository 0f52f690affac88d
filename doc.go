// Package polyconv is the umbrella of a library for exact and fast convolution.
//
// The work is done by the packages below it, which import only downward:
//
//   - [github.com/polyconv/polyconv/ntt]: number-theoretic transforms over word-size primes,
//     and linear convolution of []uint64 modulo such a prime.
//   - [github.com/polyconv/polyconv/exact]: exact convolution (polynomial multiplication) of
//     []*big.Int and []*big.Rat, choosing between schoolbook, Karatsuba, multi-modular NTT with
//     CRT, and Kronecker substitution.
//   - [github.com/polyconv/polyconv/poly]: polynomial types over Z, Q and float64, and
//     floating-point convolution with numpy's full/same/valid semantics.
//   - [github.com/polyconv/polyconv/dist]: exact discrete probability distributions built by
//     convolution, and a dice-notation parser.
//
// This package holds no code of its own; its tests check that the packages agree with each
// other and with the shared benchmark checksums.
package polyconv
