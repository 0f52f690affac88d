package poly

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestReview16ReducedFracsAdversarial: reducedFracs against big.Rat.SetFrac for
// denominators made of repeated primes just above and below smallPrimeBound, powers of two,
// a large prime squared, and numerators sharing those factors to various multiplicities
// (zero, ±den, multiples of den, den's cofactors), at block-boundary lengths.
func TestReview16ReducedFracsAdversarial(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 20))
	bigP := randPrime(r, 300)
	primes := []*big.Int{big.NewInt(2), big.NewInt(3), big.NewInt(65521), big.NewInt(65537), big.NewInt(65539), bigP}
	for trial := range 60 {
		den := big.NewInt(1)
		var fs []*big.Int
		for range 1 + r.IntN(6) {
			p := primes[r.IntN(len(primes))]
			e := 1 + r.IntN(12)
			if p == bigP {
				e = 1 + r.IntN(3)
			}
			den.Mul(den, new(big.Int).Exp(p, big.NewInt(int64(e)), nil))
			fs = append(fs, p)
		}
		if trial%7 == 0 {
			den.Mul(den, randPrime(r, 64+r.IntN(400)))
		}
		n := []int{1, 2, 31, 32, 33, 64, 65, 200}[r.IntN(8)]
		num := make([]*big.Int, n)
		for i := range num {
			v := randBigInt(r, 1+r.IntN(2000))
			switch r.IntN(6) {
			case 0:
				v.SetInt64(0)
			case 1:
				v.Set(den)
				if r.IntN(2) == 0 {
					v.Neg(v)
				}
			case 2:
				v.Mul(v, den)
			case 3:
				for range 1 + r.IntN(8) {
					v.Mul(v, fs[r.IntN(len(fs))])
				}
			case 4:
				v.Quo(den, fs[r.IntN(len(fs))])
			}
			num[i] = v
		}
		got := reducedFracs(num, den)
		for i := range num {
			want := new(big.Rat).SetFrac(num[i], den)
			if got[i].Num().Cmp(want.Num()) != 0 || got[i].Denom().Cmp(want.Denom()) != 0 {
				t.Fatalf("trial %d entry %d: %v/%v, want %v/%v", trial, i, got[i].Num(), got[i].Denom(), want.Num(), want.Denom())
			}
		}
	}
}

// TestReview16DixonLimbMul runs the lifting with every radix-conversion product through
// limbMul (limbMulWords = 0) and through math/big, and checks both answers independently.
func TestReview16DixonLimbMul(t *testing.T) {
	defer func(l int) { limbMulWords = l }(limbMulWords)
	r := rand.New(rand.NewPCG(16, 21))
	for trial := range 8 {
		m, n := 1+r.IntN(80), 1+r.IntN(80)
		A := primitive(randIntPoly(r, m, 1+r.IntN(40)))
		B := primitive(randIntPoly(r, n, 1+r.IntN(40)))
		if g, _ := gcdHeuristic(ratsOf(A), ratsOf(B)); len(g) > 1 {
			continue
		}
		var res [2][]*big.Int
		for k, w := range []int{0, 1 << 20} {
			limbMulWords = w
			N, D, TN, ok := solveBezoutDixon(A, B)
			what := fmt.Sprintf("trial %d m=%d n=%d limbMulWords=%d", trial, m, n, w)
			if !ok {
				t.Fatalf("%s: lifting gave up", what)
			}
			P := addSub[big.Int](nil, mulSchool(N, A), mulSchool(TN, B), false)
			if len(P) != 1 || P[0].Cmp(D) != 0 || len(N) > n || len(TN) > m {
				t.Fatalf("%s: N·A + TN·B ≠ D", what)
			}
			// Normalise to σ's coefficients (D may differ between runs only by a factor).
			for _, v := range N {
				res[k] = append(res[k], new(big.Rat).SetFrac(v, D).Num(), new(big.Rat).SetFrac(v, D).Denom())
			}
		}
		if !equal[big.Int](res[0], res[1]) {
			t.Fatalf("trial %d: limbMul and math/big radix conversions differ", trial)
		}
	}
}

// TestReview16TransformEdges: max(deg A, deg B) at and around powers of two (the transform
// length L is the least power of two ≥ 2·max, and rem folds modulo x^(L/2) − 1), equal and
// unequal degrees, checked independently (whether the lifting applies is
// TestReview16LiftingAppliesAtK1's concern).
func TestReview16TransformEdges(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 22))
	var pairs [][2]int
	for _, k := range []int{1, 2, 3, 4, 5, 8, 9, 16, 17, 63, 64, 65, 255, 256, 257} {
		if k > 100 && testing.Short() {
			continue
		}
		pairs = append(pairs, [2]int{k, k}, [2]int{k, 1}, [2]int{1, k}, [2]int{k, max(1, k-1)}, [2]int{max(1, k/2), k})
	}
	gaveUp := 0
	for _, p := range pairs {
		m, n := p[0], p[1]
		A := primitive(randIntPoly(r, m, 12))
		B := primitive(randIntPoly(r, n, 12))
		a, b := r16FromInts(A), r16FromInts(B)
		what := fmt.Sprintf("m=%d n=%d", m, n)
		if g, _ := gcdHeuristic(a.c, b.c); len(g) > 1 {
			r16Check(t, a, b, what+" (not coprime)")
			continue
		}
		N, D, TN, ok := solveBezoutDixon(A, B)
		if !ok {
			gaveUp++
			t.Logf("%s: the lifting gave up", what)
		} else {
			P := addSub[big.Int](nil, mulSchool(N, A), mulSchool(TN, B), false)
			if len(P) != 1 || P[0].Cmp(D) != 0 || len(N) > n || len(TN) > m {
				t.Fatalf("%s: N·A + TN·B ≠ D", what)
			}
		}
		r16Check(t, a, b, what)
	}
	t.Logf("the lifting gave up on %d of %d random pairs", gaveUp, len(pairs))
}

// TestReview16LiftingAppliesAtK1: the lifting must not give up on small random coprime
// pairs within newDixon's limits. It did (fixed in 8214730) while phase one's last
// reconstruction (k = k1 digits) still capped its bound at (399·k1 − 66)/2 bits, below hBits: M^k1 > 2H² already
// makes the reconstruction unique up to H, so fractions between 2^((399·k1−66)/2) and H
// (here a resultant of 177 bits against a cap of 166 and hBits = 196) were not found, D was
// nil, and GCD fell back to the multi-modular solver (a correct answer, found slowly).
func TestReview16LiftingAppliesAtK1(t *testing.T) {
	ints := func(c ...int64) []*big.Int {
		v := make([]*big.Int, len(c))
		for i, x := range c {
			v[i] = big.NewInt(x)
		}
		return v
	}
	check := func(A, B []*big.Int, what string) {
		t.Helper()
		N, D, TN, ok := solveBezoutDixon(A, B)
		if !ok {
			t.Errorf("%s: the lifting gave up (newDixon nil: %v)", what, newDixon(A, B) == nil)
			return
		}
		P := addSub[big.Int](nil, mulSchool(N, A), mulSchool(TN, B), false)
		if len(P) != 1 || P[0].Cmp(D) != 0 || len(N) >= len(B) || len(TN) >= len(A) {
			t.Fatalf("%s: N·A + TN·B ≠ D", what)
		}
	}
	// hBits = 196, k1 = 1: the cap is 166 bits, the resultant has 177 (found by
	// TestReview16TransformEdges; coprime, no lane prime divides lc or the resultant).
	check(ints(-2393, -548, -551, 1912, -1175, -642, -596, -3320, -479),
		ints(-1764, -248, 3536, -3538, 1984, -3194, -3011, 3949), "m=8 n=7")
	// Linear A: the resultant lc(A)^n·B(root) is close to the Hadamard bound.
	r := rand.New(rand.NewPCG(16, 23))
	for trial := range 40 {
		A := primitive(randIntPoly(r, 1, 12))
		B := primitive(randIntPoly(r, 10+r.IntN(80), 12))
		if g, _ := gcdHeuristic(ratsOf(A), ratsOf(B)); len(g) > 1 {
			continue
		}
		check(A, B, fmt.Sprintf("trial %d: m=1 n=%d", trial, len(B)-1))
	}
}
