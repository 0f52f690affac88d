package poly

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randBig returns a random natural number of exactly bits bits (0 for bits = 0).
func randBig(r *rand.Rand, bits int) *big.Int {
	if bits == 0 {
		return new(big.Int)
	}
	w := make([]big.Word, (bits+63)/64)
	for i := range w {
		w[i] = big.Word(r.Uint64())
	}
	x := new(big.Int).SetBits(w)
	x.SetBit(x, bits-1, 1)
	for i := x.BitLen() - 1; i >= bits; i-- {
		x.SetBit(x, i, 0)
	}
	return x
}

// randPrime returns a random prime of bits bits (probabilistic test; the reduction's
// correctness does not depend on it being prime).
func randPrime(r *rand.Rand, bits int) *big.Int {
	for {
		p := randBig(r, bits)
		p.SetBit(p, 0, 1)
		if p.ProbablyPrime(20) {
			return p
		}
	}
}

// checkReduced compares reducedFracs(num, den) with big.Rat's SetFrac entry by entry (value,
// numerator and denominator, so that an unreduced result fails), and checks that num and
// den are unchanged and that the results are independent, usable big.Rat values.
func checkReduced(t *testing.T, num []*big.Int, den *big.Int) {
	t.Helper()
	numCopy := make([]*big.Int, len(num))
	for i, x := range num {
		numCopy[i] = new(big.Int).Set(x)
	}
	denCopy := new(big.Int).Set(den)
	got := reducedFracs(num, den)
	require.Len(t, got, len(num))
	assert.Zero(t, den.Cmp(denCopy), "den modified")
	one := big.NewRat(1, 3)
	bad := 0
	for i := range num {
		assert.Zero(t, num[i].Cmp(numCopy[i]), "num[%d] modified", i)
		want := new(big.Rat).SetFrac(numCopy[i], denCopy)
		ok := got[i].Cmp(want) == 0 && got[i].Num().Cmp(want.Num()) == 0 &&
			got[i].Denom().Cmp(want.Denom()) == 0 && got[i].IsInt() == want.IsInt()
		if !ok {
			if bad++; bad <= 3 {
				t.Errorf("entry %d: got %s/%s, want %s/%s", i, abbrev(got[i].Num()),
					abbrev(got[i].Denom()), abbrev(want.Num()), abbrev(want.Denom()))
			}
			continue
		}
		if len(num) <= 64 || i%97 == 0 { // the text and arithmetic of normal values
			assert.Equal(t, want.String(), got[i].String(), "entry %d", i)
			assert.Equal(t, want.RatString(), got[i].RatString(), "entry %d", i)
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d entries differ from SetFrac", bad, len(num))
	}
	// Independence: changing every result leaves the others (and den) intact.
	for i := range got {
		got[i].Add(got[i], one)
	}
	for i := range got {
		want := new(big.Rat).SetFrac(numCopy[i], denCopy)
		want.Add(want, one)
		if got[i].Cmp(want) != 0 || got[i].Denom().Cmp(want.Denom()) != 0 {
			t.Fatalf("entry %d after +1/3: got %s, want %s (shared memory?)", i,
				abbrev(got[i].Num()), abbrev(want.Num()))
		}
	}
	assert.Zero(t, den.Cmp(denCopy), "den modified through a result")
}

func abbrev(x *big.Int) string {
	s := x.String()
	if len(s) > 40 {
		return fmt.Sprintf("%s…%s (%d bits)", s[:15], s[len(s)-15:], x.BitLen())
	}
	return s
}

// randNums returns n random numerators of up to bits bits (randBigInt: random signs, some
// shorter, some zero).
func randNums(r *rand.Rand, n, bits int) []*big.Int {
	c := make([]*big.Int, n)
	for i := range c {
		c[i] = randBigInt(r, r.IntN(bits+1))
	}
	return c
}

func TestReducedFracsSizes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{0, 1, 2, 17, 4000} {
		for _, bits := range []int{1, 64, 700} {
			den := randBig(r, bits)
			den.Mul(den, big.NewInt(2*2*3*5*7*7)) // small factors shared by some numerators
			num := randNums(r, n, bits+20)
			t.Run(fmt.Sprintf("n=%d/bits=%d", n, bits), func(t *testing.T) { checkReduced(t, num, den) })
		}
	}
}

func TestReducedFracsLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	den := randBig(r, 12000)
	num := randNums(r, 40, 12000)
	checkReduced(t, num, den)
}

func TestReducedFracsSpecialDen(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	prime := randPrime(r, 300)
	smooth := big.NewInt(1)
	for _, pe := range [][2]int64{{2, 300}, {3, 100}, {5, 7}, {65521, 5}, {101, 1}, {251, 3}} {
		smooth.Mul(smooth, new(big.Int).Exp(big.NewInt(pe[0]), big.NewInt(pe[1]), nil))
	}
	medium := new(big.Int).Exp(big.NewInt(65537), big.NewInt(3), nil) // just above the bound
	medium.Mul(medium, big.NewInt(70001))
	for _, tc := range []struct {
		name string
		den  *big.Int
	}{
		{"den=1", big.NewInt(1)},
		{"den=2", big.NewInt(2)},
		{"den=prime", prime},
		{"den=smooth", smooth},
		{"den=medium", medium},
		{"den=medium·smooth", new(big.Int).Mul(medium, smooth)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			num := randNums(r, 60, 400)
			// Entries sharing factors with den: multiples of its divisors, ±den, 0, den².
			d := tc.den
			num = append(num, new(big.Int), new(big.Int).Set(d), new(big.Int).Neg(d),
				new(big.Int).Mul(d, d), new(big.Int).Mul(d, big.NewInt(-12345)))
			for _, f := range []int64{2, 3, 4, 8, 65521, 65537, 70001, 65537 * 65537, 101 * 251} {
				for k := range 3 {
					x := randBig(r, 50*k+1)
					num = append(num, x.Mul(x, big.NewInt(f)), new(big.Int).Neg(x))
				}
			}
			num = append(num, new(big.Int).Exp(big.NewInt(65537), big.NewInt(5), nil))
			r.Shuffle(len(num), func(i, j int) { num[i], num[j] = num[j], num[i] })
			checkReduced(t, num, d)
		})
	}
}

// TestReducedFracsSharedFactors: den = p·q with p, q of about 1000 bits; some entries are
// multiples of p, others of q, others of p·q, some coprime, some huge; so the product tree
// has nontrivial gcds along several paths with different factors of L.
func TestReducedFracsSharedFactors(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	p, q := randPrime(r, 1000), randPrime(r, 1024)
	pq := new(big.Int).Mul(p, q)
	for _, tc := range []struct {
		name string
		den  *big.Int
		n    int
	}{
		{"den=pq", pq, 300},
		{"den=pq·smooth", new(big.Int).Mul(pq, big.NewInt(2*2*2*9*65519)), 300},
		{"den=p²q", new(big.Int).Mul(pq, p), 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			num := randNums(r, tc.n, 2100)
			for i := range num {
				switch r.IntN(8) {
				case 0:
					num[i].Mul(num[i], p)
				case 1:
					num[i].Mul(num[i], q)
				case 2:
					num[i].Mul(num[i], pq)
				case 3:
					num[i].Mul(num[i], new(big.Int).Mul(pq, pq)) // huge, ≡ 0 mod den
				case 4:
					num[i].Mul(num[i], new(big.Int).Mul(p, p))
				}
			}
			checkReduced(t, num, tc.den)
		})
	}
	// Every entry a multiple of p (the descent visits the whole tree).
	num := randNums(r, 50, 500)
	for _, x := range num {
		x.Mul(x, p)
	}
	checkReduced(t, num, pq)
}

// TestReducedFracsParameters runs the random and shared-factor cases with other trial
// bounds and block sizes, so that the descent, word-size S and big S paths all run.
func TestReducedFracsParameters(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	oldBound, oldBlock, oldWords := smallPrimeBound, reduceBlock, limbMulWords
	defer func() { smallPrimeBound, reduceBlock, limbMulWords = oldBound, oldBlock, oldWords }()
	p := randPrime(r, 200)
	for _, bound := range []int{3, 8, 1000} {
		for _, block := range []int{1, 3} {
			smallPrimeBound, reduceBlock, limbMulWords = bound, block, 0 // limbMul's products
			t.Run(fmt.Sprintf("bound=%d/block=%d", bound, block), func(t *testing.T) {
				den := randBig(r, 500)
				den.Mul(den, new(big.Int).Mul(p, big.NewInt(3*3*5*997*1009)))
				num := randNums(r, 101, 600)
				for i := range num {
					switch r.IntN(4) {
					case 0:
						num[i].Mul(num[i], p)
					case 1:
						num[i].Mul(num[i], big.NewInt(int64([]int{3, 9, 5, 997, 1009}[r.IntN(5)])))
					}
				}
				checkReduced(t, num, den)
			})
		}
	}
}

func TestReducedFracsPanics(t *testing.T) {
	for _, d := range []int64{0, -1, -6} {
		assert.PanicsWithValue(t, "poly: reducedFracs: denominator not positive", func() {
			reducedFracs([]*big.Int{big.NewInt(1)}, big.NewInt(d))
		})
	}
}

// TestSplitSmooth checks den = S·L, that S has only primes below the bound and L none.
func TestSplitSmooth(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	var primes []*big.Int // by trial division of each candidate, independently of smallPrimes
	for p := int64(2); p < int64(smallPrimeBound); p++ {
		isPrime := true
		for d := int64(2); d*d <= p; d++ {
			if p%d == 0 {
				isPrime = false
				break
			}
		}
		if isPrime {
			primes = append(primes, big.NewInt(p))
		}
	}
	require.Len(t, primes, 6542) // π(2^16)
	for k := range 20 {
		den := randBig(r, 1+r.IntN(2000))
		den.Mul(den, big.NewInt(int64(1+r.IntN(1<<20))))
		if k == 0 {
			den.SetInt64(1)
		}
		S, L := splitSmooth(den)
		require.Zero(t, new(big.Int).Mul(S, L).Cmp(den))
		s, m := new(big.Int).Set(S), new(big.Int)
		for _, pb := range primes {
			require.NotZero(t, m.Rem(L, pb).Sign(), "L divisible by %d", pb)
			for m.Rem(s, pb).Sign() == 0 {
				s.Quo(s, pb)
			}
		}
		require.Zero(t, s.Cmp(intOne), "S has a prime factor above the bound")
	}
}

// TestBarrett compares barrett.mulMod with math/big's x·y mod m, for small and large
// moduli, operands at the ends of [0, m) and aliased receivers.
func TestBarrett(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	defer func(l int) { limbMulWords = l }(limbMulWords)
	for k, bits := range []int{2, 3, 63, 64, 65, 128, 1000, 5000, 2, 64, 65, 1000, 4095, 4096, 4097, 30000} {
		limbMulWords = 1 << 20 // math/big's products
		if k >= 8 {
			limbMulWords = 0 // limbMul's
		}
		for range 20 {
			// m = a·b, so that products ≡ 0 mod m (the reduction's last step) occur.
			a, b := randBig(r, (bits+1)/2), randBig(r, bits/2+1)
			m := new(big.Int).Mul(a, b)
			if m.Cmp(intOne) <= 0 {
				a, b, m = big.NewInt(2), intOne, big.NewInt(2)
			}
			red := newBarrett(m)
			var s barrettScratch
			mm1 := new(big.Int).Sub(m, intOne)
			for _, xy := range [][2]*big.Int{
				{new(big.Int).Rem(randBig(r, bits), m), new(big.Int).Rem(randBig(r, bits), m)},
				{mm1, mm1}, {new(big.Int), mm1}, {intOne, mm1},
				{new(big.Int).Rem(a, m), new(big.Int).Rem(b, m)},
				{new(big.Int).Rem(a, m), new(big.Int).Rem(new(big.Int).Lsh(b, 1), m)},
			} {
				want := new(big.Int).Mul(xy[0], xy[1])
				want.Mod(want, m)
				got := red.mulMod(new(big.Int), xy[0], xy[1], &s)
				require.Zero(t, got.Cmp(want), "m=%v x=%v y=%v", m, xy[0], xy[1])
				x := new(big.Int).Set(xy[0])
				require.Zero(t, red.mulMod(x, x, xy[1], &s).Cmp(want), "aliased")
			}
		}
	}
}
