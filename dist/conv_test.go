package dist

import (
	"math/big"
	"math/bits"
	"testing"

	"github.com/polyconv/polyconv/exact"
	"github.com/polyconv/polyconv/internal/grid"
)

// TestDieSum compares the dice path of polyPow (exact.Pow's run recurrence) with binary
// powering by exact.Mul (and, for small cases, with repeated schoolbook products) on many
// shapes: s = 2 (every k+1 even or odd), large s, and n large enough for multi-word
// coefficients.
func TestDieSum(t *testing.T) {
	cases := [][2]int{{2, 1}, {2, 2}, {2, 3}, {2, 64}, {2, 200}, {3, 1}, {3, 7}, {6, 1}, {6, 2}, {6, 3}, {6, 100}, {6, 1000}, {7, 33}, {20, 50}, {100, 3}, {1000, 5}, {64, 40}}
	for _, c := range cases {
		s, n := c[0], c[1]
		run := make([]*big.Int, s)
		for i := range run {
			run[i] = big.NewInt(1)
		}
		want := []*big.Int{big.NewInt(1)}
		for i := bits.Len(uint(n)) - 1; i >= 0; i-- {
			want = exact.Mul(nil, want, want)
			if n>>i&1 != 0 {
				want = exact.Mul(nil, want, run)
			}
		}
		if n <= 3 {
			ref := []*big.Int{big.NewInt(1)}
			for range n {
				ref = exact.MulUsing(exact.Schoolbook, nil, ref, run)
			}
			want = ref
		}
		got := polyPow(run, n)
		if len(got) != len(want) {
			t.Fatalf("s=%d n=%d: %d coefficients, want %d", s, n, len(got), len(want))
		}
		for i := range got {
			if got[i].Cmp(want[i]) != 0 {
				t.Fatalf("s=%d n=%d: coefficient %d = %v, want %v", s, n, i, got[i], want[i])
			}
		}
	}
}

// TestDiceChecksum compares Repeat(Die(s), n) with FLINT's fmpz_poly_pow on the dice grid of
// BENCHMARKS.md, through the checksums the reference harness prints
// (../shared/bench/run.sh pow S N), with the coefficient of x^v at index v.
func TestDiceChecksum(t *testing.T) {
	for c, sum := range grid.PowChecksum {
		if testing.Short() && c.N > 1000 {
			continue
		}
		d := new(Dist).Repeat(Die(c.Sides), c.N)
		coeffs := make([]*big.Int, d.Hi()+1)
		for v, w := range d.Weights() {
			coeffs[v] = w
		}
		if got := grid.Checksum(coeffs); got != sum {
			t.Errorf("s=%d n=%d: checksum %d, FLINT %d", c.Sides, c.N, got, sum)
		}
	}
}
