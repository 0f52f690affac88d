package poly

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestLimbMul checks limbMul's products against math/big's: random sizes up to its limit
// (including 0, 1 and 2^k±1 words), all-ones words (the largest coefficients and carries),
// products by a fixed operand, and z aliasing x.
func TestLimbMul(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, maxWords := range []int{1, 2, 3, 17, 64, 65, 500} {
		lm := newLimbMul(maxWords)
		if lm == nil {
			t.Skip("limbMul needs 64-bit words")
		}
		s := lm.scratch()
		sizes := []int{0, 1, 2, maxWords, maxWords - 1, (maxWords + 1) / 2}
		for range 20 {
			sizes = append(sizes, r.IntN(maxWords+1))
		}
		for _, nx := range sizes {
			for _, ny := range sizes[:8] {
				x, y := randWords(r, max(nx, 0)), randWords(r, max(ny, 0))
				if r.IntN(4) == 0 { // all ones: the largest limbs
					x = new(big.Int).Sub(new(big.Int).Lsh(intOne, uint(64*max(nx, 0))), intOne)
				}
				want := new(big.Int).Mul(x, y)
				if got := lm.mul(new(big.Int), x, y, nil, 0, s); got.Cmp(want) != 0 {
					t.Fatalf("max %d: %d×%d words: wrong product", maxWords, nx, ny)
				}
				yh, yl := lm.fixed(y)
				if got := lm.mul(new(big.Int), x, nil, yh, yl, s); got.Cmp(want) != 0 {
					t.Fatalf("max %d: %d×%d words, fixed: wrong product", maxWords, nx, ny)
				}
				z := new(big.Int).Set(x)
				if lm.mul(z, z, y, nil, 0, s); z.Cmp(want) != 0 {
					t.Fatalf("max %d: %d×%d words, aliased: wrong product", maxWords, nx, ny)
				}
			}
		}
	}
}

func randWords(r *rand.Rand, n int) *big.Int {
	w := make([]big.Word, n)
	for i := range w {
		w[i] = big.Word(r.Uint64())
	}
	return new(big.Int).SetBits(w)
}
