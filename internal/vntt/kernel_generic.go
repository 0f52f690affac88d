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
	// The kernels of a OnePlan (one.go): the level kernels on broadcast two-word twiddle
	// entries with the plan's lane constants, and the ring product.
	fwdLevelB   = fwdLevelBGeneric
	invLevelB   = invLevelBGeneric
	fwd2LevelsB = fwd2LevelsBGeneric
	inv2LevelsB = inv2LevelsBGeneric
	ringMul     = ringMulGeneric
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
// points, block k uses twiddle entry k of tw, and the pairs of a block are (a[j], a[j+h]),
// eight lanes each. An entry is ew words: 16 (w per lane, then ⌊w·2^52/p⌋ per lane) or 2 (one
// w and its quotient for every lane, as a OnePlan's tables hold them), given to f as 16.
func levelPairs(a, tw []uint64, h, ew int, f func(x, y, w []uint64)) {
	var wide [16]uint64
	for k := 0; k < len(a)/(16*h); k++ {
		w := tw[ew*k : ew*k+ew]
		if ew == 2 {
			for l := range Lanes {
				wide[l], wide[Lanes+l] = w[0], w[1]
			}
			w = wide[:]
		}
		blk := a[16*h*k : 16*h*(k+1)]
		for j := range h {
			f(blk[Lanes*j:Lanes*j+Lanes], blk[Lanes*(j+h):Lanes*(j+h)+Lanes], w)
		}
	}
}

// fwdLevelGeneric runs one forward (Cooley–Tukey) level (block layout of levelPairs). For each
// pair (x, y), with inputs below 4p: x ← csub(x, 2p); t ← y·w (lazy, below 2p);
// (x, y) ← (x + t, x − t + 2p), both below 4p.
func fwdLevelGeneric(a, tw []uint64, h int) { fwdLevelWith(a, tw, h, 16, lane) }

// fwdLevelWith is fwdLevelGeneric on entries of ew words with the lane constants c.
func fwdLevelWith(a, tw []uint64, h, ew int, c *consts) {
	levelPairs(a, tw, h, ew, func(x, y, w []uint64) {
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
func invLevelGeneric(a, tw []uint64, h int) { invLevelWith(a, tw, h, 16, lane) }

// invLevelWith is invLevelGeneric on entries of ew words with the lane constants c.
func invLevelWith(a, tw []uint64, h, ew int, c *consts) {
	levelPairs(a, tw, h, ew, func(x, y, w []uint64) {
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

func fwdLevelBGeneric(a, tw []uint64, h int, c *consts) { fwdLevelWith(a, tw, h, 2, c) }

func invLevelBGeneric(a, tw []uint64, h int, c *consts) { invLevelWith(a, tw, h, 2, c) }

// fwd2LevelsBGeneric and inv2LevelsBGeneric are fwd2LevelsGeneric and inv2LevelsGeneric on
// broadcast entries.
func fwd2LevelsBGeneric(a, tw1, tw2 []uint64, q int, c *consts) {
	fwdLevelWith(a, tw1, 2*q, 2, c)
	fwdLevelWith(a, tw2, q, 2, c)
}

func inv2LevelsBGeneric(a, tw1, tw2 []uint64, q int, c *consts) {
	invLevelWith(a, tw2, q, 2, c)
	invLevelWith(a, tw1, 2*q, 2, c)
}

// ringMulGeneric sets every point of a, read as the polynomial a_0 + a_1·t + … + a_7·t^7 of
// its eight words, to its product with the same point of b modulo t^8 − c, times 2^−52·s mod p
// (below 2p), where entry j of tw (two words) holds point j's c and ⌊c·2^52/p⌋, scale holds s
// and its quotient, and every lane of the constants c is the one prime p. Inputs are below 4p.
// The steps are the assembly's: y = b's point reduced below p, yc = y·c reduced below p; the
// low and high 52-bit halves of the products a_k·(y or yc) accumulate in L and H (a_k below
// 4p, so H < 2^53); R = (L + 2^52·H)·2^−52 by one Montgomery step, below 8p + 2^51, reduced
// by 8p and 4p; then R·s lazily.
func ringMulGeneric(a, b, tw []uint64, scale *[2 * Lanes]uint64, cs *consts) {
	p, p2, pinv, negp := cs.p[0], cs.p2[0], cs.pinv[0], cs.negp[0]
	b = b[:len(a)]
	var y, yc [Lanes]uint64
	for i := 0; i < len(a); i += Lanes {
		c, cq := tw[2*(i/Lanes)], tw[2*(i/Lanes)+1]
		for l := range Lanes {
			y[l] = csub(csub(b[i+l], p2), p)
			yc[l] = csub(shoupLazy(y[l], c, cq, negp), p)
		}
		x := a[i : i+Lanes]
		var out [Lanes]uint64
		for m := range Lanes {
			var lo, hi uint64
			for k := range Lanes {
				var v uint64
				if m >= k {
					v = y[m-k]
				} else {
					v = yc[m+Lanes-k] // t^8 = c: the wrapped terms take y·c
				}
				lo += mullo52(x[k], v)
				hi += mulhi52(x[k], v)
			}
			q := mullo52(lo, pinv)
			r := hi + mulhi52(q, p) + (lo+mullo52(q, p))>>52
			r = csub(csub(r, 8*p), 4*p)
			out[m] = shoupLazy(r, scale[0], scale[Lanes], negp)
		}
		copy(x, out[:])
	}
}
