// Package grid builds the shared benchmark inputs of BENCHMARKS.md (a splitmix64 stream) and
// the checksums that let polyconv's results be compared with the reference harness in
// shared/bench, which prints the same checksums for FLINT and NTL.
//
// Conventions: operand A is drawn from initial state 1 and operand B from initial state 2
// (see [SeedA], [SeedB]); every function allocates its result.
package grid

import (
	"math/big"
	"math/bits"
)

// Seeds of the two operands of every grid case.
const (
	SeedA uint64 = 1
	SeedB uint64 = 2
)

// CheckP is the checksum modulus 2^61 − 1.
const CheckP uint64 = 1<<61 - 1

// NTTPrime is the single-prime anchor p = 29·2^57 + 1 of BENCHMARKS.md.
const NTTPrime uint64 = 29<<57 + 1

// SplitMix64 is the splitmix64 generator; the zero value has state 0.
type SplitMix64 struct{ S uint64 }

// Next advances the state and returns the next 64-bit output.
func (g *SplitMix64) Next() uint64 {
	g.S += 0x9E3779B97F4A7C15
	z := g.S
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// Float returns the next draw as a float64 uniform in [−1, 1).
func (g *SplitMix64) Float() float64 {
	return float64(g.Next()>>11)*0x1p-53*2 - 1
}

// Coeff returns the next non-negative coefficient of the given number of bits: ceil(bits/64)
// words, least significant first, with the top word masked to the remaining bits.
func (g *SplitMix64) Coeff(bits int) *big.Int {
	w := (bits + 63) / 64
	words := make([]big.Word, w)
	for j := range words {
		words[j] = big.Word(g.Next())
	}
	if r := bits % 64; r != 0 {
		words[w-1] &= big.Word(1)<<r - 1
	}
	return new(big.Int).SetBits(words)
}

// Ints returns n coefficients of the given bit size drawn from initial state seed.
// It panics if bits < 1 or n < 0.
func Ints(seed uint64, n, bits int) []*big.Int {
	if bits < 1 || n < 0 {
		panic("grid: bits < 1 or n < 0")
	}
	g := SplitMix64{seed}
	out := make([]*big.Int, n)
	for i := range out {
		out[i] = g.Coeff(bits)
	}
	return out
}

// ModP returns n entries drawn from initial state seed, each reduced mod p (the single-prime
// anchor draws z mod p).
func ModP(seed uint64, n int, p uint64) []uint64 {
	g := SplitMix64{seed}
	out := make([]uint64, n)
	for i := range out {
		out[i] = g.Next() % p
	}
	return out
}

// Floats returns n floats uniform in [−1, 1) drawn from initial state seed.
func Floats(seed uint64, n int) []float64 {
	g := SplitMix64{seed}
	out := make([]float64, n)
	for i := range out {
		out[i] = g.Float()
	}
	return out
}

// Dice returns the coefficients of x + x^2 + … + x^s (index 0 is the constant term, which is 0).
func Dice(s int) []*big.Int {
	out := make([]*big.Int, s+1)
	out[0] = new(big.Int)
	for i := 1; i <= s; i++ {
		out[i] = big.NewInt(1)
	}
	return out
}

// mulmod returns a·b mod CheckP for a, b < 2^61.
func mulmod(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return bits.Rem64(hi, lo, CheckP)
}

// Checksum returns Σ (c_i mod 2^61−1)·(i+1) mod 2^61−1 over the coefficients, the value the
// reference harness prints. Negative coefficients are taken mod p into [0, p); nil counts as 0.
func Checksum(c []*big.Int) uint64 {
	p := new(big.Int).SetUint64(CheckP)
	var h uint64
	m := new(big.Int)
	for i, ci := range c {
		if ci == nil {
			continue
		}
		m.Mod(ci, p)
		h = (h + mulmod(m.Uint64(), uint64(i+1)%CheckP)) % CheckP
	}
	return h
}

// ChecksumUint64 is [Checksum] for word-size entries (the single-prime case).
func ChecksumUint64(c []uint64) uint64 {
	var h uint64
	for i, ci := range c {
		h = (h + mulmod(ci%CheckP, uint64(i+1)%CheckP)) % CheckP
	}
	return h
}
