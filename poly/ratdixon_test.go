package poly

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// randIntPoly returns a polynomial of degree deg with coefficients of up to bits bits (either
// sign) and a nonzero leading coefficient.
func randIntPoly(r *rand.Rand, deg, bits int) []*big.Int {
	c := make([]*big.Int, deg+1)
	for i := range c {
		w := make([]big.Word, (bits+63)/64)
		for j := range w {
			w[j] = big.Word(r.Uint64())
		}
		v := new(big.Int).SetBits(w)
		v.Rsh(v, uint(64*len(w)-bits))
		if r.IntN(2) == 0 {
			v.Neg(v)
		}
		c[i] = v
	}
	for c[deg].Sign() == 0 {
		c[deg].SetInt64(int64(r.IntN(7) - 3))
	}
	return c
}

// TestBezoutDixon checks that the lifting applies to random coprime pairs of many shapes and
// that its answer satisfies N·A + TN·B = D (solveBezoutDixon checks that identity itself; the
// test checks it again, independently, by schoolbook products).
func TestBezoutDixon(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := range 150 {
		m, n := 1+r.IntN(40), 1+r.IntN(40)
		bitsA, bitsB := 1+r.IntN(20), 1+r.IntN(20)
		switch trial % 10 {
		case 0:
			m, n = 1+r.IntN(300), 1+r.IntN(300)
		case 1: // residuals above the lane primes (‖A‖₁ > 2^50)
			bitsA, bitsB = 50, 1+r.IntN(50)
		case 2: // edge lengths
			m, n = []int{1, 2, 3, 31, 32, 33, 63, 64, 65}[r.IntN(9)], []int{1, 2, 15, 16, 17, 128, 129}[r.IntN(7)]
		}
		A := primitive(randIntPoly(r, m, bitsA))
		B := primitive(randIntPoly(r, n, bitsB))
		if g, _ := gcdHeuristic(ratsOf(A), ratsOf(B)); len(g) > 1 {
			continue // not coprime
		}
		N, D, TN, ok := solveBezoutDixon(A, B)
		if !ok {
			t.Fatalf("m=%d n=%d: lifting gave up", m, n)
		}
		if len(N) > n || len(TN) > m {
			t.Fatalf("m=%d n=%d: degrees %d, %d", m, n, len(N)-1, len(TN)-1)
		}
		P := addSub[big.Int](nil, mulSchool(N, A), mulSchool(TN, B), false)
		if len(P) != 1 || P[0].Cmp(D) != 0 || D.Sign() == 0 {
			t.Fatalf("m=%d n=%d: N·A + TN·B ≠ D", m, n)
		}
	}
}

func ratsOf(c []*big.Int) []*big.Rat {
	r := make([]*big.Rat, len(c))
	for i, v := range c {
		r[i] = new(big.Rat).SetInt(v)
	}
	return r
}

func mulSchool(x, y []*big.Int) []*big.Int {
	if len(x) == 0 || len(y) == 0 {
		return nil
	}
	z := newCoeffs[big.Int, *big.Int](len(x) + len(y) - 1)
	t := new(big.Int)
	for i, a := range x {
		for j, b := range y {
			z[i+j].Add(z[i+j], t.Mul(a, b))
		}
	}
	return normalize[big.Int](z)
}

// TestBezoutDixonCertify checks the two ways certify refuses: a right side D that misses a
// factor of the denominator (the lifted values are then not the small integer solution), and
// a wrong value planted in an answer that passes the size bound (the spot check).
func TestBezoutDixonCertify(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 20 {
		A := primitive(randIntPoly(r, 5+r.IntN(30), 6))
		B := primitive(randIntPoly(r, 5+r.IntN(30), 6))
		if g, _ := gcdHeuristic(ratsOf(A), ratsOf(B)); len(g) > 1 {
			continue
		}
		N, D, TN, ok := solveBezoutDixon(A, B)
		if !ok {
			t.Fatal("lifting gave up")
		}
		d := newDixon(A, B)
		k2 := d.k2
		_, mk := d.powers(k2)
		if ok, _ := d.certify(N, TN, D, mk); !ok {
			t.Fatal("certify refused a right answer")
		}
		// A first count too short for the values: the lifting resumes to k2.
		N2, TN2, ok2, _ := d.phaseTwo(D, []int{1, k2})
		if !ok2 || !equal[big.Int](N2, N) || !equal[big.Int](TN2, TN) {
			t.Fatal("phaseTwo resumed from one digit: wrong answer")
		}
		// A factor missing from D: the lifting of D/f gives no small solution.
		f := smallestFactor(D)
		if f != nil {
			Df := new(big.Int).Quo(D, f)
			if _, _, ok, sure := d.phaseTwo(Df, []int{k2}); ok || !sure {
				t.Fatalf("certify: D/%v accepted (ok %v, sure %v)", f, ok, sure)
			}
		}
		// A planted small error passes the bound but not the spot check.
		bad := copyCoeffs[big.Int](N)
		i := r.IntN(len(bad))
		bad[i].Add(bad[i], big.NewInt(1))
		if ok, sure := d.certify(bad, TN, D, mk); ok || sure {
			t.Fatalf("certify: planted error accepted (ok %v, sure %v)", ok, sure)
		}
	}
}

// smallestFactor returns the smallest prime factor below 1000 of v > 1, or nil.
func smallestFactor(v *big.Int) *big.Int {
	var m big.Int
	for p := int64(2); p < 1000; p++ {
		if m.Mod(v, big.NewInt(p)).Sign() == 0 && v.Cmp(big.NewInt(p)) != 0 {
			return big.NewInt(p)
		}
	}
	return nil
}
