package dist

import (
	"fmt"
	"math/big"
	"testing"
)

// keepPaths runs every keep-highest algorithm on n copies of x keeping k: the formulas from the
// top and from the bottom, and the state program used for pools.
func keepPaths(x *Dist, n, k int) map[string]*Dist {
	total := totalPow(x, n)
	out := map[string]*Dist{"dp": new(Dist).keepHighest([]group{{x, n}}, k)}
	if 0 < k && k < n {
		lo, w := keepTop(x, n, k)
		out["top"] = new(Dist).setPartsTotal(lo, w, total)
		lo, w = keepBottom(x, n, k)
		out["bottom"] = new(Dist).setPartsTotal(lo, w, total)
	}
	out["api"] = new(Dist).KeepHighest(x, n, k)
	return out
}

func TestKeepPathsBrute(t *testing.T) {
	for name, x := range testDice() {
		for n := 1; n <= min(poolSize(x), 6); n++ {
			pool := copies(x, n)
			for k := 0; k <= n; k++ {
				want := brutePool(pool, keepHighestBrute(k))
				for path, got := range keepPaths(x, n, k) {
					checkSame(t, fmt.Sprintf("%s n=%d k=%d %s", name, n, k, path), got, want, bruteTotal(pool))
				}
			}
		}
	}
}

// TestKeepPathsAgree compares the three algorithms on pools too large to enumerate.
func TestKeepPathsAgree(t *testing.T) {
	cases := []struct {
		x    *Dist
		n    int
		name string
	}{{Die(6), 20, "d6"}, {Faces(1, 1, 2, 3, 5, 8), 12, "fib"}, {Die(20), 9, "d20"}, {new(Dist).Repeat(Faces(-1, 0, 1), 2), 10, "2dF"}}
	for _, c := range cases {
		for k := 0; k <= c.n; k++ {
			paths := keepPaths(c.x, c.n, k)
			want := paths["dp"]
			for path, got := range paths {
				checkSame(t, fmt.Sprintf("%s n=%d k=%d %s", c.name, c.n, k, path), got, want, want.Total())
			}
		}
	}
}

// Textbook value: 4d6 keep highest 3 has mean 15869/1296 (also checked by brute force in
// TestKeepBrute, which enumerates all 1296 rolls).
func TestKeep4d6kh3Mean(t *testing.T) {
	d := new(Dist).KeepHighest(Die(6), 4, 3)
	want := big.NewRat(15869, 1296)
	if d.MeanRat().Cmp(want) != 0 {
		t.Fatalf("4d6kh3 mean %v, want %v", d.MeanRat(), want)
	}
	// brute force, independently of brute_test's helpers: loop over the 1296 rolls
	s := 0
	for a := 1; a <= 6; a++ {
		for b := 1; b <= 6; b++ {
			for c := 1; c <= 6; c++ {
				for e := 1; e <= 6; e++ {
					s += a + b + c + e - min(a, b, c, e)
				}
			}
		}
	}
	if big.NewRat(int64(s), 1296).Cmp(want) != 0 {
		t.Fatalf("brute 4d6kh3 mean %d/1296", s)
	}
}

// Large pools: keep highest and keep lowest are mirror images for a symmetric die, and keeping
// all equals the sum.
func TestKeepLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large pools")
	}
	d6 := Die(6)
	kh := new(Dist).KeepHighest(d6, 1000, 10)
	kl := new(Dist).KeepLowest(d6, 1000, 10)
	// value v of kh ↔ 70−v of kl (a die face f ↔ 7−f)
	mirror := new(Dist).Shift(new(Dist).Neg(kl), 70)
	checkSame(t, "1000d6 kh10 mirror", kh, mirror, kh.Total())
	dl := new(Dist).KeepHighest(d6, 200, 199)
	hl := new(Dist).KeepLowest(d6, 200, 199)
	checkSame(t, "200d6 dl1 mirror", dl, new(Dist).Shift(new(Dist).Neg(hl), 7*199), dl.Total())
	checkSame(t, "100d6 kh100", new(Dist).KeepHighest(d6, 100, 100), new(Dist).Repeat(d6, 100), nil)
}
