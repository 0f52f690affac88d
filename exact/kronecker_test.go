package exact

import (
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// TestPack compares pack with Σ x_i·2^(s·i) computed by math/big, on sign patterns that
// exercise the pending borrow: runs of negatives, zeros after a negative (an all-ones slot),
// positives of 1 after a negative (a zero slot), a negative last coefficient, and single
// coefficients; slot sizes on and off word boundaries.
func TestPack(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	for _, s := range []int{3, 17, 64, 65, 130, 200} {
		for trial := range 60 {
			n := 1 + r.IntN(12)
			maxBits := 1 + r.IntN(s-1)
			if trial%5 == 0 {
				maxBits = s - 1
			}
			x := make([]*big.Int, n)
			for i := range x {
				c := new(big.Int)
				switch r.IntN(5) {
				case 0: // zero
				case 1:
					c.SetInt64(int64(1 - 2*r.IntN(2))) // ±1
				default:
					for range (maxBits + 63) / 64 {
						c.Lsh(c, 64).Or(c, new(big.Int).SetUint64(r.Uint64()))
					}
					c.Rsh(c, uint(64*((maxBits+63)/64)-r.IntN(maxBits)-1))
					if r.IntN(2) == 0 {
						c.Neg(c)
					}
				}
				x[i] = c
			}
			if trial%7 == 0 {
				x[n-1] = big.NewInt(-1)
			}
			want := new(big.Int)
			for i := n - 1; i >= 0; i-- {
				want.Lsh(want, uint(s)).Add(want, x[i])
			}
			bitsNeeded := 0
			for _, c := range x {
				bitsNeeded = max(bitsNeeded, c.BitLen())
			}
			mb := max(bitsNeeded, 1)
			z, neg := pack(x, s, mb)
			got := natBig(z)
			if neg {
				got.Neg(got)
			}
			if got.Cmp(want) != 0 || len(z) != ((n-1)*s+mb)/64+1 {
				t.Fatalf("s=%d x=%v: pack = %v (%d words), want %v", s, x, got, len(z), want)
			}
		}
	}
}

// pack returns |Σ x_i·2^(s·i)| as words and whether the sum is negative: Kronecker packing
// of the whole operand at once, the reference for slotSrc (which packs on demand). The coefficients have
// at most maxBits < s bits. The sum is built in one array from the lowest slot up, each slot
// holding slotWords; a final borrow makes the sum negative, and it is negated in place.
func pack(x []*big.Int, s, maxBits int) ([]uint64, bool) {
	l := ((len(x)-1)*s+maxBits)/64 + 1 // words of the result
	e := s * len(x)                    // a slot of 2^s + t reaches bit e of the last slot
	z := make([]uint64, max(l, (e+63)/64))
	buf := make([]big.Word, (s+63)/64)
	borrow := false
	for i, c := range x {
		var w []big.Word
		w, borrow = slotWords(c, false, borrow, s, buf)
		orBits(z, w, i*s)
	}
	if borrow {
		// The sum is L − 2^e < 0, L = z < 2^e: its magnitude 2^e − L is z's two's complement
		// (2^(64·len(z)) − L) without the bits from e up.
		var b uint64
		for j, v := range z {
			z[j], b = bits.Sub64(0, v, b)
		}
		for j := e / 64; j < len(z); j++ {
			if j == e/64 {
				z[j] &= 1<<uint(e%64) - 1
			} else {
				z[j] = 0
			}
		}
	}
	return z[:l:l], borrow
}

// natMul is natMulInto in new scratch (the scalar integer product on whole operands).
func natMul(x, y []uint64) []uint64 {
	return natMulInto(make([]uint64, 3*(len(x)+len(y)-1)+1), x, y)
}
