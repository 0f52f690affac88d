package exact

import (
	"math/big"
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
