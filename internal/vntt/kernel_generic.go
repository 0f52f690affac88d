package vntt

import "math/bits"

// The level kernels. On amd64 with AVX-512 IFMA, kernel_amd64.go replaces them with assembly
// that computes the same values; the generic versions here are the reference.
var (
	fwdLevel  = fwdLevelGeneric
	invLevel  = invLevelGeneric
	pointwise = pointwiseGeneric
	// fwd2Levels and inv2Levels run two levels in one pass over blocks of 4q points: block k
	// uses entry k of tw1 at the upper level and entries 2k, 2k+1 of tw2 at the lower one.
	fwd2Levels = fwd2LevelsGeneric
	inv2Levels = inv2LevelsGeneric
	// recombine is Recombine's kernel (crt.go).
	recombine = recombineGeneric
)

// fast reports whether the assembly kernels are in use.
var fast = false

// Fast reports whether the transforms run on the AVX-512 IFMA kernels. Without them the
// generic kernels are correct but slower than package ntt's scalar transforms.
func Fast() bool { return fast }

// mulhi52 and mullo52 are the two halves of the 104-bit product of 52-bit a and b, as
// VPMADD52HUQ and VPMADD52LUQ compute them.
func mulhi52(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi<<12 | lo>>52
}

func mullo52(a, b uint64) uint64 { return a * b & mask52 }

// shoupLazy returns y·w mod p in [0, 2p) for y < 2^52, w < p and wq = ⌊w·2^52/p⌋, given
// negp = 2^52 − p. Like the assembly, it adds the low halves of y·w and q·(2^52 − p) and keeps
// 52 bits: the sum is y·w − q·p modulo 2^52, and y·w − q·p is below 2p < 2^52.
func shoupLazy(y, w, wq, negp uint64) uint64 {
	q := mulhi52(y, wq)
	return (mullo52(y, w) + mullo52(q, negp)) & mask52
}

// montLazy returns a·b·2^−52 mod p in [0, 2p) for a, b < 2p (p < 2^50), pinv = −p^−1 mod 2^52.
func montLazy(a, b, p, pinv uint64) uint64 {
	lo, hi := mullo52(a, b), mulhi52(a, b)
	m := mullo52(lo, pinv)
	carry := (lo + mullo52(m, p)) >> 52 // lo + (m·p mod 2^52) is 0 or 2^52
	return hi + mulhi52(m, p) + carry
}

// csub returns x − m if x ≥ m, else x (as min(x, x−m) unsigned, like VPMINUQ).
func csub(x, m uint64) uint64 { return min(x, x-m) }

// levelPairs calls f on every butterfly pair of one level: a holds len(a)/(16h) blocks of 2h
// points, block k uses twiddle entry k of tw (16 words: w, then ⌊w·2^52/p⌋), and the pairs of a
// block are (a[j], a[j+h]), eight lanes each.
func levelPairs(a, tw []uint64, h int, f func(x, y, w []uint64)) {
	for k := 0; k < len(a)/(16*h); k++ {
		w := tw[16*k : 16*k+16]
		blk := a[16*h*k : 16*h*(k+1)]
		for j := range h {
			f(blk[Lanes*j:Lanes*j+Lanes], blk[Lanes*(j+h):Lanes*(j+h)+Lanes], w)
		}
	}
}

// fwdLevelGeneric runs one forward (Cooley–Tukey) level (block layout of levelPairs). For each
// pair (x, y), with inputs below 4p: x ← csub(x, 2p); t ← y·w (lazy, below 2p);
// (x, y) ← (x + t, x − t + 2p), both below 4p.
func fwdLevelGeneric(a, tw []uint64, h int) {
	c := lane
	levelPairs(a, tw, h, func(x, y, w []uint64) {
		for l := range Lanes {
			u := csub(x[l], c.p2[l])
			t := shoupLazy(y[l], w[l], w[Lanes+l], c.negp[l])
			x[l] = u + t
			y[l] = u - t + c.p2[l]
		}
	})
}

// fwd2LevelsGeneric is two calls of fwdLevelGeneric (the assembly fuses them into one pass).
func fwd2LevelsGeneric(a, tw1, tw2 []uint64, q int) {
	fwdLevelGeneric(a, tw1, 2*q)
	fwdLevelGeneric(a, tw2, q)
}

// inv2LevelsGeneric is two calls of invLevelGeneric, undoing fwd2LevelsGeneric.
func inv2LevelsGeneric(a, tw1, tw2 []uint64, q int) {
	invLevelGeneric(a, tw2, q)
	invLevelGeneric(a, tw1, 2*q)
}

// invLevelGeneric runs one inverse (Gentleman–Sande) level (block layout of levelPairs);
// inputs below 2p: (x, y) ← (csub(x + y, 2p), (x − y + 2p)·w lazily), both below 2p.
func invLevelGeneric(a, tw []uint64, h int) {
	c := lane
	levelPairs(a, tw, h, func(x, y, w []uint64) {
		for l := range Lanes {
			u, v := x[l], y[l]
			x[l] = csub(u+v, c.p2[l])
			y[l] = shoupLazy(u-v+c.p2[l], w[l], w[Lanes+l], c.negp[l])
		}
	})
}

// pointwiseGeneric sets a[i] ← csub(a[i], 2p)·csub(b[i], 2p)·2^−52·s mod p, below 2p, where
// scale holds s per lane and its Shoup quotients; inputs below 4p.
func pointwiseGeneric(a, b []uint64, scale *[2 * Lanes]uint64) {
	c := lane
	b = b[:len(a)]
	for i := 0; i < len(a); i += Lanes {
		x, y := a[i:i+Lanes], b[i:i+Lanes]
		for l := range Lanes {
			r := montLazy(csub(x[l], c.p2[l]), csub(y[l], c.p2[l]), c.p[l], c.pinv[l])
			x[l] = shoupLazy(r, scale[l], scale[Lanes+l], c.negp[l])
		}
	}
}
