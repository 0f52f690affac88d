package vntt

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestReviewForwardPrefixStale checks ForwardPrefix against Forward on a copy whose points
// past the prefix are cleared: the results must be identical word for word, whatever the
// vector holds past the prefix (all ones here, far above 4p), for prefixes at the edges of the
// column groups and rows of topLevels, one to three workers and several block sizes (so that
// topLevels runs with many rows).
func TestReviewForwardPrefixStale(t *testing.T) {
	defer func(b int) { blockLog = b }(blockLog)
	rng := rand.New(rand.NewPCG(201, 202))
	for _, bl := range []int{1, 2, 3, 5, 12} {
		blockLog = bl
		for logn := 1; logn <= 9; logn++ {
			pl := NewPlan(logn)
			n := pl.Len()
			pts := []int{0, 1, n / 2, n - 1, n, rng.IntN(n + 1)}
			s := max(1, n>>bl) // rows of topLevels
			for _, k := range []int{colWidth - 1, colWidth, colWidth + 1, n / s, n/s + 1} {
				if k <= n {
					pts = append(pts, k)
				}
			}
			for _, p := range pts {
				for workers := 1; workers <= 3; workers++ {
					a := make([]uint64, Lanes*n)
					for i := range a {
						a[i] = ^uint64(0)
					}
					for i := range Lanes * p {
						a[i] = rng.Uint64N(4 * Primes[i%Lanes])
					}
					ref := slices.Clone(a)
					clear(ref[Lanes*p:])
					pl.Forward(ref)
					pl.ForwardPrefix(a, p, workers)
					if !slices.Equal(a, ref) {
						t.Fatalf("blockLog=%d n=%d points=%d workers=%d: ForwardPrefix differs from Forward of the cleared vector", bl, n, p, workers)
					}
				}
			}
		}
	}
}

// TestReviewRecombineAdversarial checks Recombine and recombineGeneric against big.Int and
// against each other word for word, on values at the edges of the precondition: M/4 − 1 and
// just below it, 0 and small values, powers of two up to 2^397, each with every residue
// lifted to [p, 2p) (the largest t_l and quotient), none lifted, and random lifts. Stale data
// in the padding row must be overwritten with zeros.
func TestReviewRecombineAdversarial(t *testing.T) {
	m := big.NewInt(1)
	for _, p := range Primes {
		m.Mul(m, new(big.Int).SetUint64(p))
	}
	lim := new(big.Int).Rsh(m, 2)
	rng := rand.New(rand.NewPCG(203, 204))
	var vals []*big.Int
	one := big.NewInt(1)
	for _, d := range []int64{1, 2, 3, 1000} {
		vals = append(vals, new(big.Int).Sub(lim, big.NewInt(d)))
	}
	for _, k := range []uint{0, 1, 51, 52, 64, 103, 104, 128, 192, 255, 256, 320, 383, 384, 396, 397} {
		v := new(big.Int).Lsh(one, k)
		vals = append(vals, v, new(big.Int).Sub(v, one))
	}
	vals = append(vals, new(big.Int), big.NewInt(2))
	for _, p := range Primes { // multiples of one prime: residue 0 in that lane only
		pb := new(big.Int).SetUint64(p)
		vals = append(vals, pb, new(big.Int).Mul(pb, new(big.Int).Rsh(lim, 51)))
	}
	for range 40 {
		v := new(big.Int)
		for range 7 {
			v.Lsh(v, 64).Or(v, new(big.Int).SetUint64(rng.Uint64()))
		}
		vals = append(vals, v.Mod(v.Rsh(v, uint(rng.IntN(400))), lim))
	}
	for lift := range 3 {
		points := (len(vals) + Lanes - 1) / Lanes * Lanes
		a := make([]uint64, Lanes*points)
		want := make([]*big.Int, points)
		for i := range points {
			v := new(big.Int)
			if i < len(vals) {
				v = vals[(i+lift)%len(vals)]
			}
			want[i] = v
			for l, p := range Primes {
				r := new(big.Int).Mod(v, new(big.Int).SetUint64(p)).Uint64()
				if lift == 1 || (lift == 2 && rng.IntN(2) == 0) {
					r += p
				}
				a[Lanes*i+l] = r
			}
		}
		g := slices.Clone(a)
		Recombine(a)
		recombineGeneric(g)
		if !slices.Equal(a, g) {
			t.Errorf("lift %d: Recombine and recombineGeneric differ", lift)
		}
		for i, w := range want {
			if got, pad := recombined(a, i); got.Cmp(w) != 0 || pad != 0 {
				t.Fatalf("lift %d point %d: got %v (pad %d), want %v", lift, i, got, pad, w)
			}
		}
	}
}

// TestReviewSetLimbsMatchesGeneric checks that SetLimbs and setLimbsGeneric agree word for word
// (the package says the assembly computes what its generic twin computes) on random digits of
// every size, and that the result is the limb's residue below 4p.
func TestReviewSetLimbsMatchesGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(205, 206))
	for _, points := range []int{1, 3, 8, 255, 256, 257} {
		d := make([]uint64, 4*points)
		for i := range d {
			switch rng.IntN(4) {
			case 0:
				d[i] = mask52
			case 1:
				d[i] = 0
			default:
				d[i] = rng.Uint64() >> (12 + rng.IntN(52))
			}
		}
		a := make([]uint64, 8*points)
		g := make([]uint64, 8*points)
		for i := range a {
			a[i], g[i] = ^uint64(0), ^uint64(0)
		}
		SetLimbs(a, d)
		setLimbsGeneric(g, d)
		if !slices.Equal(a, g) {
			t.Fatalf("%d points: SetLimbs and setLimbsGeneric differ", points)
		}
		for i := range points {
			v := new(big.Int)
			for k := 3; k >= 0; k-- {
				v.Lsh(v, 52).Or(v, new(big.Int).SetUint64(d[4*i+k]))
			}
			for l, p := range Primes {
				want := new(big.Int).Mod(v, new(big.Int).SetUint64(p)).Uint64()
				if r := a[Lanes*i+l]; r >= 4*p || r%p != want {
					t.Fatalf("point %d lane %d: %d, want %d mod p", i, l, r, want)
				}
			}
		}
	}
}
