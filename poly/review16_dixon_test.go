package poly

import (
	"fmt"
	"math/big"
	mrand "math/rand"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/polyconv/polyconv/internal/vntt"
)

// Independent checks of Rat.GCD's cofactors (the M-adic lifting of ratdixon.go and its
// fallbacks), written as a review: each result is checked by the Bézout identity with
// Mul/Add, divisibility of a and b by the gcd, the degree conditions and normalised
// coefficients, and, where cheap, against Euclid's algorithm over Q.

// r16Check verifies g = GCD(s, t, a, b) independently and returns g, s, t.
func r16Check(t *testing.T, a, b *Rat, what string) (g, s, tt *Rat) {
	t.Helper()
	s, tt = new(Rat), new(Rat)
	g = new(Rat).GCD(s, tt, a, b)
	r16Verify(t, a, b, g, s, tt, what)
	return g, s, tt
}

// r16Verify checks that g is the monic gcd of a and b with g = s·a + t·b and the small
// cofactors' degrees, and that every coefficient is a normalised big.Rat.
func r16Verify(t *testing.T, a, b, g, s, tt *Rat, what string) {
	t.Helper()
	for name, p := range map[string]*Rat{"g": g, "s": s, "t": tt} {
		c := p.Coeffs()
		if len(c) > 0 && c[len(c)-1].Sign() == 0 {
			t.Fatalf("%s: %s has a zero leading coefficient", what, name)
		}
		for i, v := range c {
			w := new(big.Rat).SetFrac(v.Num(), v.Denom())
			if v.Denom().Sign() <= 0 || w.Num().Cmp(v.Num()) != 0 || w.Denom().Cmp(v.Denom()) != 0 {
				t.Fatalf("%s: %s[%d] = %v/%v not normalised", what, name, i, v.Num(), v.Denom())
			}
		}
	}
	if g.Degree() < 0 {
		t.Fatalf("%s: zero gcd of nonzero operands", what)
	}
	if g.Coeff(g.Degree()).Cmp(big.NewRat(1, 1)) != 0 {
		t.Fatalf("%s: gcd not monic", what)
	}
	ag, ar := new(Rat).QuoRem(a, g, new(Rat))
	bg, br := new(Rat).QuoRem(b, g, new(Rat))
	if ar.Degree() >= 0 || br.Degree() >= 0 {
		t.Fatalf("%s: gcd does not divide the operands", what)
	}
	bez := new(Rat).Add(new(Rat).Mul(s, a), new(Rat).Mul(tt, b))
	if !bez.Equal(g) {
		t.Fatalf("%s: s·a + t·b ≠ g (deg a %d, deg b %d, deg g %d)", what, a.Degree(), b.Degree(), g.Degree())
	}
	// s·a + t·b = g with g | a, b makes g the gcd (every common divisor divides g).
	if ag.Degree() > 0 && bg.Degree() > 0 {
		if s.Degree() >= bg.Degree() || tt.Degree() >= ag.Degree() {
			t.Fatalf("%s: degrees s %d, t %d for a/g %d, b/g %d", what, s.Degree(), tt.Degree(), ag.Degree(), bg.Degree())
		}
	} else if s.Degree() > 0 || tt.Degree() > 0 {
		t.Fatalf("%s: nonconstant cofactors (%d, %d) with a/g of degree %d, b/g of degree %d", what, s.Degree(), tt.Degree(), ag.Degree(), bg.Degree())
	}
}

// r16Euclid compares GCD with Euclid's algorithm over Q (for small inputs).
func r16Euclid(t *testing.T, a, b *Rat, what string) {
	t.Helper()
	g, s, tt := r16Check(t, a, b, what)
	ws, wt := new(Rat), new(Rat)
	wg := new(Rat).gcdEuclid(ws, wt, a, b)
	if !g.Equal(wg) {
		t.Fatalf("%s: gcd differs from Euclid's", what)
	}
	if a.Degree() > g.Degree() && b.Degree() > g.Degree() && (!s.Equal(ws) || !tt.Equal(wt)) {
		t.Fatalf("%s: cofactors differ from Euclid's", what)
	}
}

func r16Ints(c ...int64) *Rat {
	v := make([]*big.Rat, len(c))
	for i, x := range c {
		v[i] = big.NewRat(x, 1)
	}
	return new(Rat).SetCoeffs(v)
}

func r16FromInts(c []*big.Int) *Rat { return new(Rat).SetCoeffs(ratsOf(c)) }

// r16Xn returns x^n + c.
func r16Xn(n int, c int64) *Rat {
	v := make([]*big.Rat, n+1)
	for i := range v {
		v[i] = new(big.Rat)
	}
	v[n].SetInt64(1)
	v[0].Add(v[0], big.NewRat(c, 1))
	return new(Rat).SetCoeffs(v)
}

func r16Lane(l int) *big.Int { return new(big.Int).SetUint64(vntt.Primes[l]) }

// TestReview16SmallShapes: degrees 1 and 2, zero constant terms, negative and non-monic
// operands, with and without a common factor, against Euclid.
func TestReview16SmallShapes(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 1))
	rp := func(deg, bits int) *Rat {
		c := make([]*big.Rat, deg+1)
		for i := range c {
			c[i] = new(big.Rat).SetFrac(randBigInt(r, bits), big.NewInt(int64(1+r.IntN(9))))
		}
		if c[deg].Sign() == 0 {
			c[deg].SetInt64(-3)
		}
		return new(Rat).SetCoeffs(c)
	}
	x := r16Ints(0, 1)
	for trial := range 300 {
		da, db := 1+r.IntN(3), 1+r.IntN(3)
		a, b := rp(da, 1+r.IntN(80)), rp(db, 1+r.IntN(80))
		switch trial % 6 {
		case 1:
			a.Mul(a, x)
		case 2:
			a.Mul(a, x)
			b.Mul(b, x)
		case 3:
			g := rp(r.IntN(3), 20)
			a.Mul(a, g)
			b.Mul(b, g)
		case 4:
			a.Neg(a)
			b.Neg(b)
		}
		r16Euclid(t, a, b, fmt.Sprintf("trial %d: %v, %v", trial, a, b))
	}
	// Fixed ones.
	r16Euclid(t, r16Ints(0, 1), r16Ints(1, 1), "x, x+1")
	r16Euclid(t, r16Ints(0, 0, 1), r16Ints(0, 1), "x², x")
	r16Euclid(t, r16Ints(-1, 2), r16Ints(1, 0, -4), "2x−1, 1−4x²")
	r16Euclid(t, r16Ints(0, 0, 0, 5), r16Ints(7, 0, 0, 0, 0, 0, 0, 3), "5x³, 3x⁷+7")
}

// TestReview16UnequalDegrees: deg 1 against deg 3000 and the reverse, and deg 2 against 1500.
func TestReview16UnequalDegrees(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2))
	big3 := r16FromInts(randIntPoly(r, 3000, 4))
	lin := r16Ints(-1, 3)
	r16Check(t, lin, big3, "deg 1, deg 3000")
	r16Check(t, big3, lin, "deg 3000, deg 1")
	q := r16Ints(3, -1, 11)
	mid := r16FromInts(randIntPoly(r, 1500, 8))
	r16Check(t, q, mid, "deg 2, deg 1500")
	r16Check(t, mid, q, "deg 1500, deg 2")
	// x·f against a linear operand through 0: common factor x.
	xf := new(Rat).Mul(r16Ints(0, 1), mid)
	r16Check(t, xf, r16Ints(0, 9), "x·f, 9x")
	r16Check(t, r16Ints(0, 3, 4), xf, "4x²+3x, x·f")
}

// TestReview16LanePrimes: leading (and other) coefficients divisible by a lane prime, and
// operands that share a factor modulo a lane prime, must make the lifting give up (not
// answer wrongly) and GCD still be right through the fallback.
func TestReview16LanePrimes(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 3))
	p0, p3, p7 := r16Lane(0), r16Lane(3), r16Lane(7)
	for trial := range 12 {
		m, n := 2+r.IntN(30), 2+r.IntN(30)
		A := randIntPoly(r, m, 10)
		B := randIntPoly(r, n, 10)
		wantGiveUp := true
		switch trial % 6 {
		case 0:
			A[m] = new(big.Int).Set(p0)
		case 1:
			A[m] = new(big.Int).Mul(p0, p3)
		case 2:
			B[n] = new(big.Int).Neg(p7)
		case 3: // B = A + p0·h: A and B share A modulo p0
			n = m
			B = make([]*big.Int, m+1)
			h := randIntPoly(r, m, 5)
			for i := range B {
				B[i] = new(big.Int).Add(A[i], new(big.Int).Mul(p0, h[i]))
			}
			if B[m].Sign() == 0 {
				B[m].SetInt64(1) // keeps the common factor mod p0 only if lc ≡; skip the claim
				wantGiveUp = false
			}
		case 4: // B = (x − 1)·f + p3 — A = (x−1)·g: common factor x−1 mod p3 only
			g := randIntPoly(r, m-1, 10)
			A = mulSchool([]*big.Int{big.NewInt(-1), big.NewInt(1)}, g)
			f := randIntPoly(r, n-1, 10)
			B = mulSchool([]*big.Int{big.NewInt(-1), big.NewInt(1)}, f)
			B[0].Add(B[0], p3)
			m = len(A) - 1
		case 5: // lane primes in the middle coefficients only: the lifting should apply
			A[m/2] = new(big.Int).Set(p0) // (p0·p7 would pass newDixon's 2^58 norm limit)
			B[0] = new(big.Int).Neg(p7)
			wantGiveUp = false
		}
		A, B = primitive(A), primitive(B)
		a, b := r16FromInts(A), r16FromInts(B)
		what := fmt.Sprintf("trial %d (m=%d n=%d)", trial, m, n)
		if g, _ := gcdHeuristic(a.c, b.c); len(g) > 1 {
			r16Check(t, a, b, what+" (not coprime)")
			continue
		}
		N, D, TN, ok := solveBezoutDixon(A, B)
		if ok {
			if wantGiveUp {
				t.Errorf("%s: the lifting should give up", what)
			}
			P := addSub[big.Int](nil, mulSchool(N, A), mulSchool(TN, B), false)
			if len(P) != 1 || P[0].Cmp(D) != 0 {
				t.Fatalf("%s: N·A + TN·B ≠ D", what)
			}
		} else if !wantGiveUp {
			t.Errorf("%s: the lifting gave up", what)
		}
		r16Check(t, a, b, what)
	}
}

// TestReview16NormLimit: ‖A‖₁ + ‖B‖₁ just below and just above 2^58 (newDixon's limit); the
// lifting applies below (residuals up to about 2^59, beyond the lane primes) and not above.
func TestReview16NormLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 4))
	for _, c := range []struct {
		m, n  int
		delta int64 // ‖A‖₁ + ‖B‖₁ = 2^58 + delta
	}{{3, 5, -1}, {3, 5, 0}, {1, 1, -1}, {1, 1, 1}, {20, 17, -1}, {20, 17, 0}, {8, 40, -3}} {
		A := randIntPoly(r, c.m, 20)
		B := randIntPoly(r, c.n, 20)
		A[c.m].SetInt64(1)
		// Put the remainder of the norm into A's and B's constant terms (negative), split.
		want := new(big.Int).Lsh(big.NewInt(1), 58)
		want.Add(want, big.NewInt(c.delta))
		A[0].SetInt64(0)
		B[0].SetInt64(0)
		rest := new(big.Int).Sub(want, new(big.Int).Add(norm1(A), norm1(B)))
		half := new(big.Int).Rsh(rest, 1)
		A[0].Neg(half)
		B[0].Neg(new(big.Int).Sub(rest, half))
		if got := new(big.Int).Add(norm1(A), norm1(B)); got.Cmp(want) != 0 {
			t.Fatalf("setup: norm %v", got)
		}
		a, b := r16FromInts(A), r16FromInts(B)
		what := fmt.Sprintf("m=%d n=%d norm 2^58%+d", c.m, c.n, c.delta)
		if g, _ := gcdHeuristic(a.c, b.c); len(g) > 1 {
			t.Fatalf("%s: not coprime", what)
		}
		N, D, TN, ok := solveBezoutDixon(primitive(A), primitive(B))
		if wantOK := c.delta < 0; ok != wantOK {
			// Only a lane prime's bad luck may make it give up below the limit.
			t.Errorf("%s: lifting ok = %v", what, ok)
		}
		if ok {
			A, B := primitive(A), primitive(B)
			P := addSub[big.Int](nil, mulSchool(N, A), mulSchool(TN, B), false)
			if len(P) != 1 || P[0].Cmp(D) != 0 {
				t.Fatalf("%s: N·A + TN·B ≠ D", what)
			}
		}
		r16Euclid(t, a, b, what)
	}
}

// TestReview16CommonFactors: a common factor of degree 0…40 with rational coefficients of
// different denominators, and cofactors with large coefficients.
func TestReview16CommonFactors(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 5))
	rp := func(deg, bits int) *Rat {
		c := make([]*big.Rat, deg+1)
		for i := range c {
			d := randBigInt(r, 1+r.IntN(40))
			if d.Sign() == 0 {
				d.SetInt64(1)
			}
			c[i] = new(big.Rat).SetFrac(randBigInt(r, bits), d)
		}
		for c[deg].Sign() == 0 {
			c[deg].SetInt64(int64(r.IntN(9) - 4))
		}
		return new(Rat).SetCoeffs(c)
	}
	for _, dg := range []int{0, 1, 2, 5, 17, 40} {
		for trial := range 3 {
			g := rp(dg, 30)
			a := new(Rat).Mul(g, rp(1+r.IntN(30), 1+r.IntN(70)))
			b := new(Rat).Mul(g, rp(1+r.IntN(30), 1+r.IntN(70)))
			what := fmt.Sprintf("deg g %d trial %d", dg, trial)
			gg, _, _ := r16Check(t, a, b, what)
			if gg.Degree() < dg {
				t.Fatalf("%s: gcd of degree %d below the common factor's %d", what, gg.Degree(), dg)
			}
			if a.Degree()+b.Degree() <= 24 { // Euclid over Q is slow beyond
				r16Euclid(t, a, b, what)
			}
		}
	}
}

// TestReview16Structured: operands whose resultant is tiny compared with the Hadamard bound
// (phase two's first estimate then is small and must grow or be right), and cyclotomic and
// Chebyshev pairs.
func TestReview16Structured(t *testing.T) {
	cases := map[string][2]*Rat{}
	for _, nm := range [][2]int{{50, 49}, {60, 35}, {128, 2}, {3, 200}, {97, 96}} {
		cases[fmt.Sprintf("x^%d−1, x^%d−2", nm[0], nm[1])] = [2]*Rat{r16Xn(nm[0], -1), r16Xn(nm[1], -2)}
		cases[fmt.Sprintf("x^%d+1, x^%d−1", nm[0], nm[1])] = [2]*Rat{r16Xn(nm[0], 1), r16Xn(nm[1], -1)}
	}
	for _, n := range []int{2, 7, 40, 120} {
		p := new(Rat).Pow(r16Ints(1, 1), n)
		q := new(Rat).Pow(r16Ints(-1, 1), n)
		cases[fmt.Sprintf("(x+1)^%d, (x−1)^%d", n, n)] = [2]*Rat{p, q}
		cases[fmt.Sprintf("(x+1)^%d, (x−1)^%d", n, n/2+1)] = [2]*Rat{p, new(Rat).Pow(r16Ints(-1, 1), n/2+1)}
		cases[fmt.Sprintf("(3x+1)^%d, (2x−1)^%d", n, n)] = [2]*Rat{new(Rat).Pow(r16Ints(1, 3), n), new(Rat).Pow(r16Ints(-1, 2), n)}
	}
	// Chebyshev T_n and T_{n−1}, U_n and T_n (T_{k+1} = 2x·T_k − T_{k−1}).
	cheb := []*Rat{r16Ints(1), r16Ints(0, 1)}
	for k := 1; k < 80; k++ {
		next := new(Rat).Sub(new(Rat).Mul(r16Ints(0, 2), cheb[k]), cheb[k-1])
		cheb = append(cheb, next)
	}
	for _, n := range []int{3, 10, 33, 80} {
		cases[fmt.Sprintf("T_%d, T_%d", n, n-1)] = [2]*Rat{cheb[n], cheb[n-1]}
		cases[fmt.Sprintf("T_%d, T'_%d", n, n)] = [2]*Rat{cheb[n], new(Rat).Derivative(cheb[n])}
		cases[fmt.Sprintf("T_%d, T_%d (common factor)", 2*n/3*3, n/3*3/3)] = [2]*Rat{cheb[n/3*3], cheb[n/3]}
	}
	// Cyclotomic pairs: Φ_p = (x^p − 1)/(x − 1) and Φ_{2p}(x) = Φ_p(−x), and x^n − 1 with
	// its derivative-free partner x^m − 1 (common factor x^gcd(n,m) − 1).
	for _, p := range []int{5, 31, 101} {
		phi, _ := new(Rat).QuoRem(r16Xn(p, -1), r16Ints(-1, 1), new(Rat))
		c := phi.Coeffs()
		for i := range c {
			if i%2 == 1 {
				c[i].Neg(c[i])
			}
		}
		phi2 := new(Rat).SetCoeffs(c)
		phi, _ = new(Rat).QuoRem(r16Xn(p, -1), r16Ints(-1, 1), new(Rat))
		cases[fmt.Sprintf("Φ_%d, Φ_%d", p, 2*p)] = [2]*Rat{phi, phi2}
		cases[fmt.Sprintf("Φ_%d, x^%d−1", p, p+1)] = [2]*Rat{phi, r16Xn(p+1, -1)}
	}
	cases["x^60−1, x^42−1"] = [2]*Rat{r16Xn(60, -1), r16Xn(42, -1)}
	cases["x^100, x^99+1"] = [2]*Rat{r16Xn(100, 0), r16Xn(99, 1)}
	for what, c := range cases {
		g, _, _ := r16Check(t, c[0], c[1], what)
		if c[0].Degree()+c[1].Degree() <= 130 {
			ws, wt := new(Rat), new(Rat)
			wg := new(Rat).gcdEuclid(ws, wt, c[0], c[1])
			if !wg.Equal(g) {
				t.Fatalf("%s: gcd differs from Euclid's", what)
			}
		}
	}
}

// TestReview16DenominatorMiss: inputs whose sampled cofactor coefficients (σ_{n−1}, σ_0,
// σ_{n/2}, σ_{n/3}) have denominators whose lcm misses a factor of the full denominator, so
// that phase one must be rerun; found by search, with Euclid's σ as the reference.
func TestReview16DenominatorMiss(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 6))
	found := 0
	for trial := 0; trial < 4000 && found < 6; trial++ {
		m, n := 1+r.IntN(3), 6+r.IntN(10)
		A := make([]*big.Int, m+1)
		B := make([]*big.Int, n+1)
		for i := range A {
			A[i] = big.NewInt(int64(r.IntN(5) - 2))
		}
		for i := range B {
			B[i] = big.NewInt(int64(2 * (r.IntN(5) - 2)))
			if r.IntN(4) == 0 {
				B[i].Add(B[i], big.NewInt(1))
			}
		}
		if A[m].Sign() == 0 || B[n].Sign() == 0 {
			continue
		}
		A, B = primitive(A), primitive(B)
		a, b := r16FromInts(A), r16FromInts(B)
		s, tt := new(Rat), new(Rat)
		g := new(Rat).gcdEuclid(s, tt, a, b)
		if g.Degree() != 0 || s.Degree() != n-1 {
			continue
		}
		den := func(idx []int) *big.Int {
			d := big.NewInt(1)
			for _, i := range idx {
				d = lcm(d, s.Coeff(i).Denom())
			}
			return d
		}
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		if den([]int{n - 1, 0, n / 2, n / 3}).Cmp(den(all)) == 0 {
			continue
		}
		found++
		what := fmt.Sprintf("A=%v B=%v", A, B)
		N, D, TN, ok := solveBezoutDixon(A, B)
		if !ok {
			t.Errorf("%s: lifting gave up", what)
		} else {
			P := addSub[big.Int](nil, mulSchool(N, A), mulSchool(TN, B), false)
			if len(P) != 1 || P[0].Cmp(D) != 0 {
				t.Fatalf("%s: N·A + TN·B ≠ D", what)
			}
		}
		r16Euclid(t, a, b, what)
	}
	if found == 0 {
		t.Fatal("search found no input with a missed denominator factor")
	}
}

// TestReview16AgainstFallback: the lifting and the multi-modular solver give identical
// cofactors on random inputs (they are unique under the degree conditions).
func TestReview16AgainstFallback(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 7))
	defer func(u bool) { useDixon = u }(useDixon)
	lifted, gaveUp := 0, 0
	defer func() {
		if lifted < 15 || gaveUp > 0 {
			t.Errorf("the lifting ran on %d pairs and gave up on %d", lifted, gaveUp)
		}
	}()
	for trial := range 40 {
		m, n := 1+r.IntN(60), 1+r.IntN(60)
		if trial%8 == 0 {
			m, n = 100+r.IntN(60), 1+r.IntN(160)
			if testing.Short() {
				continue
			}
		}
		a := r16FromInts(randIntPoly(r, m, 1+r.IntN(60)))
		b := r16FromInts(randIntPoly(r, n, 1+r.IntN(60)))
		if trial%3 == 0 {
			g := r16FromInts(randIntPoly(r, 1+r.IntN(5), 10))
			a.Mul(a, g)
			b.Mul(b, g)
		}
		if trial%4 == 1 {
			a.Scale(a, big.NewRat(-7, 12))
			b.Scale(b, big.NewRat(5, 33))
		}
		what := fmt.Sprintf("trial %d m=%d n=%d", trial, m, n)
		// The comparison means something only if the lifting ran: check that it applies.
		if h, _ := gcdHeuristic(a.c, b.c); len(h) > 0 {
			ac, _ := quoRem(a.c, h)
			bc, _ := quoRem(b.c, h)
			if len(ac) > 1 && len(bc) > 1 {
				A, B := primitivePart(ac), primitivePart(bc)
				if new(big.Int).Add(norm1(A), norm1(B)).BitLen() <= 58 { // newDixon's limit
					lifted++
					if _, _, _, ok := solveBezoutDixon(A, B); !ok {
						gaveUp++
						t.Logf("%s: the lifting gave up", what)
					}
				}
			}
		}
		useDixon = true
		g1, s1, t1 := r16Check(t, a, b, what+" dixon")
		useDixon = false
		g2, s2, t2 := r16Check(t, a, b, what+" modular")
		if !g1.Equal(g2) || !s1.Equal(s2) || !t1.Equal(t2) {
			t.Fatalf("%s: the lifting and the modular solver differ", what)
		}
	}
}

// TestReview16Concurrent runs GCDs from several goroutines at once (run under -race).
func TestReview16Concurrent(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 8))
	type job struct{ a, b *Rat }
	var jobs []job
	for range 8 {
		jobs = append(jobs, job{r16FromInts(randIntPoly(r, 20+r.IntN(60), 40)), r16FromInts(randIntPoly(r, 20+r.IntN(60), 40))})
	}
	// References, computed one at a time.
	want := make([][3]*Rat, len(jobs))
	for i, j := range jobs {
		g, s, tt := r16Check(t, j.a, j.b, fmt.Sprintf("job %d", i))
		want[i] = [3]*Rat{g, s, tt}
	}
	var wg sync.WaitGroup
	errs := make([]string, len(jobs)*3)
	for k := range len(jobs) * 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			i := k % len(jobs)
			s, tt := new(Rat), new(Rat)
			g := new(Rat).GCD(s, tt, jobs[i].a, jobs[i].b)
			if !g.Equal(want[i][0]) || !s.Equal(want[i][1]) || !tt.Equal(want[i][2]) {
				errs[k] = fmt.Sprintf("goroutine %d: job %d differs", k, i)
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
}

// TestReview16GOMAXPROCS1 runs the lifting on one thread (parallel's serial path).
func TestReview16GOMAXPROCS1(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	r := rand.New(rand.NewPCG(16, 9))
	for trial := range 6 {
		a := r16FromInts(randIntPoly(r, 1+r.IntN(100), 30))
		b := r16FromInts(randIntPoly(r, 1+r.IntN(100), 30))
		r16Check(t, a, b, fmt.Sprintf("trial %d", trial))
	}
}

// r16RatReconRef is plain rational reconstruction (the extended Euclidean algorithm on
// (mod, a) without Lehmer steps).
func r16RatReconRef(a, mod, bound *big.Int) (num, den *big.Int, ok bool) {
	r0, r1 := new(big.Int).Set(mod), new(big.Int).Mod(a, mod)
	t0, t1 := new(big.Int), big.NewInt(1)
	for r1.Cmp(bound) > 0 {
		q, rr := new(big.Int).QuoRem(r0, r1, new(big.Int))
		r0, r1 = r1, rr
		t0, t1 = t1, new(big.Int).Sub(t0, new(big.Int).Mul(q, t1))
	}
	if t1.Sign() == 0 || t1.CmpAbs(bound) > 0 {
		return nil, nil, false
	}
	if t1.Sign() < 0 {
		t1.Neg(t1)
		r1.Neg(r1)
	}
	if new(big.Int).GCD(nil, nil, new(big.Int).Abs(r1), t1).Cmp(big.NewInt(1)) != 0 {
		return nil, nil, false
	}
	return r1, t1, true
}

// TestReview16RatRecon: ratRecon (with Lehmer's steps) against the plain algorithm, on true
// fractions of many sizes and on random residues, near the bound and far below it.
func TestReview16RatRecon(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 10))
	for trial := range 2000 {
		mbits := 2 + r.IntN(3000)
		if trial%5 == 0 {
			mbits = 2 + r.IntN(200)
		}
		mod := randBig(r, mbits)
		mod.Abs(mod)
		if mod.Cmp(big.NewInt(3)) < 0 {
			mod.SetInt64(3)
		}
		bbits := 1 + r.IntN(mod.BitLen())
		bound := new(big.Int).Lsh(big.NewInt(1), uint(bbits))
		if trial%3 == 0 {
			bound = new(big.Int).Sub(bound, big.NewInt(int64(r.IntN(3))))
			if bound.Sign() <= 0 {
				bound.SetInt64(1)
			}
		}
		var a *big.Int
		switch trial % 4 {
		case 0, 1: // a true fraction num/den mod mod
			num := randBig(r, 1+r.IntN(bbits))
			den := randBig(r, 1+r.IntN(bbits))
			den.Abs(den)
			if den.Sign() == 0 {
				den.SetInt64(1)
			}
			inv := new(big.Int).ModInverse(den, mod)
			if inv == nil {
				continue
			}
			a = inv.Mul(inv, num)
		case 2:
			a = randBig(r, mbits+5)
		default:
			a = big.NewInt(int64(r.IntN(5) - 2))
		}
		n1, d1, ok1 := ratRecon(a, mod, bound)
		n2, d2, ok2 := r16RatReconRef(a, mod, bound)
		if ok1 != ok2 || ok1 && (n1.Cmp(n2) != 0 || d1.Cmp(d2) != 0) {
			t.Fatalf("trial %d: ratRecon(%v, %v, %v) = %v/%v %v, reference %v/%v %v", trial, a, mod, bound, n1, d1, ok1, n2, d2, ok2)
		}
	}
}

// TestReview16CRTDigit: crtDigit and toQ against big.Int's CRT, on random residues and on
// those of 0, 1, M−1, M/2, k·M/8 and values near them (where toQ's float estimate of the
// multiple of M is close to an integer).
func TestReview16CRTDigit(t *testing.T) {
	A := []*big.Int{big.NewInt(1), big.NewInt(3), big.NewInt(2)}
	B := []*big.Int{big.NewInt(-1), big.NewInt(0), big.NewInt(5), big.NewInt(1)}
	d := newDixon(A, B)
	if d == nil {
		t.Fatal("newDixon gave up")
	}
	r := rand.New(rand.NewPCG(16, 11))
	qb := new(big.Int).SetUint64(d.q.P())
	var vals []*big.Int
	for k := range 9 {
		v := new(big.Int).Mul(d.M, big.NewInt(int64(k)))
		v.Quo(v, big.NewInt(8))
		for _, e := range []int64{-2, -1, 0, 1, 2} {
			vals = append(vals, new(big.Int).Add(v, big.NewInt(e)))
		}
	}
	// Σ t_l/p_l near an integer: values that are tiny multiples of M/p_l.
	for l := range vntt.Lanes {
		mp := new(big.Int).Quo(d.M, r16Lane(l))
		for _, k := range []int64{1, 2, -1} {
			vals = append(vals, new(big.Int).Mul(mp, big.NewInt(k)))
		}
	}
	for range 3000 {
		vals = append(vals, new(big.Int).Rand(mrand.New(r16Src{r}), d.M))
	}
	for i, v := range vals {
		v.Mod(v, d.M)
		res := make([]uint64, vntt.Lanes)
		for l := range res {
			res[l] = new(big.Int).Mod(v, r16Lane(l)).Uint64()
		}
		w := d.crtDigit(res)
		got := new(big.Int).SetBits(wordsOf(w[:]))
		if got.Cmp(v) != 0 {
			t.Fatalf("value %d: crtDigit = %v, want %v", i, got, v)
		}
		if q := d.toQ(res); q != new(big.Int).Mod(v, qb).Uint64() {
			t.Fatalf("value %d (%v): toQ = %d, want %v", i, v, q, new(big.Int).Mod(v, qb))
		}
	}
}

// r16Src adapts a math/rand/v2 generator to big.Int.Rand's math/rand.Source.
type r16Src struct{ r *rand.Rand }

func (s r16Src) Int63() int64 { return s.r.Int64() & (1<<63 - 1) }
func (s r16Src) Seed(int64)   {}
