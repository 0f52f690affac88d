package vntt

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// recombined reads point i's value from a vector that Recombine has rewritten, and the word
// that should be zero beside it.
func recombined(a []uint64, i int) (*big.Int, uint64) {
	g, k := i/Lanes, i%Lanes
	v := new(big.Int)
	for j := CRTWords - 1; j >= 0; j-- {
		v.Lsh(v, 64).Or(v, new(big.Int).SetUint64(a[64*g+Lanes*j+k]))
	}
	return v, a[64*g+Lanes*CRTWords+k]
}

// TestRecombine checks Recombine and its generic kernel against big.Int: random values below
// M/4 (and 0, 1, M/4 − 1) are reduced mod each prime, p is added at random (residues below 2p
// are allowed), and the words read back in the transposed layout must equal the value.
func TestRecombine(t *testing.T) {
	m := big.NewInt(1)
	for _, p := range Primes {
		m.Mul(m, new(big.Int).SetUint64(p))
	}
	lim := new(big.Int).Rsh(m, 2) // M/4 rounded down
	rng := rand.New(rand.NewPCG(3, 4))
	rbig := func(bound *big.Int) *big.Int {
		// A random integer below bound, with a random bit length so small values occur too.
		x := new(big.Int)
		for range 7 {
			x.Lsh(x, 64).Or(x, new(big.Int).SetUint64(rng.Uint64()))
		}
		x.Rsh(x, uint(rng.IntN(bound.BitLen())))
		return x.Mod(x, bound)
	}
	for _, points := range []int{8, 16, 64, 200} {
		for _, kernel := range []struct {
			name string
			f    func([]uint64)
		}{{"Recombine", Recombine}, {"generic", recombineGeneric}} {
			want := make([]*big.Int, points)
			a := make([]uint64, Lanes*points)
			for i := range want {
				switch i {
				case 0:
					want[i] = new(big.Int)
				case 1:
					want[i] = big.NewInt(1)
				case 2:
					want[i] = new(big.Int).Sub(lim, big.NewInt(1))
				default:
					want[i] = rbig(lim)
				}
				var r big.Int
				for l, p := range Primes {
					v := r.Mod(want[i], new(big.Int).SetUint64(p)).Uint64()
					if rng.IntN(2) == 0 {
						v += p
					}
					a[Lanes*i+l] = v
				}
			}
			kernel.f(a)
			for i, w := range want {
				if got, pad := recombined(a, i); got.Cmp(w) != 0 || pad != 0 {
					t.Fatalf("%s, %d points: point %d = %v (pad %d), want %v", kernel.name, points, i, got, pad, w)
				}
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Recombine of 8 words did not panic")
		}
	}()
	Recombine(make([]uint64, 8))
}

// TestSetLimbs checks SetLimbs and its generic kernel against big.Int on random digits and the
// extremes (zero, all digits 2^52 − 1).
func TestSetLimbs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, points := range []int{1, 2, 7, 8, 100} {
		d := make([]uint64, 4*points)
		for i := range d {
			d[i] = rng.Uint64() >> (12 + rng.IntN(2)*rng.IntN(52))
		}
		for k := range 4 {
			d[k] = 0
			if points > 1 {
				d[4+k] = mask52
			}
		}
		for _, kernel := range []struct {
			name string
			f    func(a, d []uint64)
		}{{"SetLimbs", SetLimbs}, {"generic", setLimbsGeneric}} {
			a := make([]uint64, 8*points)
			kernel.f(a, d)
			for i := range points {
				v := new(big.Int)
				for k := 3; k >= 0; k-- {
					v.Lsh(v, 52).Or(v, new(big.Int).SetUint64(d[4*i+k]))
				}
				for l, p := range Primes {
					r := a[Lanes*i+l]
					want := new(big.Int).Mod(v, new(big.Int).SetUint64(p)).Uint64()
					if r >= 4*p || r%p != want {
						t.Fatalf("%s, point %d lane %d: %d, want %d mod p below 4p", kernel.name, i, l, r, want)
					}
				}
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("SetLimbs with mismatched lengths did not panic")
		}
	}()
	SetLimbs(make([]uint64, 8), make([]uint64, 8))
}
