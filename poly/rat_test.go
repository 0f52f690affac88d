package poly

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ratFresh() *Rat { return new(Rat) }

// randRats returns n random rationals of one random size class (and zeros).
func randRats(r *rand.Rand, n int) []*big.Rat {
	nb, db := randCoeffBits(r), []int{1, 4, 20, 100}[r.IntN(4)]
	c := make([]*big.Rat, n)
	for i := range c {
		d := randBigInt(r, db)
		d.Abs(d).Add(d, big.NewInt(1))
		c[i] = new(big.Rat).SetFrac(randBigInt(r, nb), d)
	}
	return c
}

// randRat returns a random polynomial with fewer than maxLen+1 coefficients (possibly zero).
func randRat(r *rand.Rand, maxLen int) *Rat {
	return new(Rat).SetCoeffs(randRats(r, r.IntN(maxLen+1)))
}

// randRatNonzero returns a random nonzero polynomial of degree < maxLen.
func randRatNonzero(r *rand.Rand, maxLen int) *Rat {
	for {
		if p := randRat(r, maxLen); p.Degree() >= 0 {
			return p
		}
	}
}

func TestRatZeroValue(t *testing.T) {
	var z Rat
	assert.Equal(t, -1, z.Degree())
	assert.Equal(t, "0", z.String())
	assert.Equal(t, 0, z.Coeff(3).Sign())
	assert.Equal(t, 0, z.Eval(big.NewRat(1, 3)).Sign())
	assert.True(t, z.Equal(NewRat()))
	assert.Equal(t, -1, new(Rat).Integral(&z).Degree())
	assert.Equal(t, -1, new(Rat).Derivative(&z).Degree())
}

func TestRatConstructors(t *testing.T) {
	p := NewRat(big.NewRat(1, 2), big.NewRat(0, 1), big.NewRat(3, 1), new(big.Rat))
	assert.Equal(t, 2, p.Degree())
	assert.Zero(t, p.Coeff(0).Cmp(big.NewRat(1, 2)))
	assert.True(t, p.Equal(NewRatFrac(2, 1, 0, 6)), "%v", p)
	assert.PanicsWithValue(t, "poly: division by zero", func() { NewRatFrac(0, 1) })
	assert.PanicsWithValue(t, "poly: nil coefficient", func() { NewRat(nil) })
	// Copies in and out.
	c := big.NewRat(5, 7)
	q := NewRat(c)
	c.SetInt64(1)
	q.Coeff(0).SetInt64(2)
	q.Coeffs()[0].SetInt64(2)
	assert.Zero(t, q.Coeff(0).Cmp(big.NewRat(5, 7)))
}

func TestRatArithmeticAliasing(t *testing.T) {
	r := newRand(t)
	for range 150 {
		x, y := randRat(r, 7), randRat(r, 7)
		sum, diff, ng, der := linearRefs[big.Rat](x.c, y.c)
		integ := []*big.Rat{new(big.Rat)}
		for i, c := range x.c {
			integ = append(integ, new(big.Rat).Mul(c, big.NewRat(1, int64(i+1))))
		}
		checkBinary(t, "Add", ratFresh, (*Rat).Add, x, y, new(Rat).SetCoeffs(sum))
		checkBinary(t, "Sub", ratFresh, (*Rat).Sub, x, y, new(Rat).SetCoeffs(diff))
		checkBinary(t, "Mul", ratFresh, (*Rat).Mul, x, y, new(Rat).SetCoeffs(mulNaive(x.c, y.c)))
		checkUnary(t, "Neg", ratFresh, (*Rat).Neg, x, new(Rat).SetCoeffs(ng))
		checkUnary(t, "Sqr", ratFresh, (*Rat).Sqr, x, new(Rat).SetCoeffs(mulNaive(x.c, x.c)))
		checkUnary(t, "Derivative", ratFresh, (*Rat).Derivative, x, new(Rat).SetCoeffs(der))
		checkUnary(t, "Integral", ratFresh, (*Rat).Integral, x, new(Rat).SetCoeffs(integ))
		checkUnary(t, "Set", ratFresh, (*Rat).Set, x, new(Rat).SetCoeffs(x.Coeffs()))
		c := randRats(r, 1)[0]
		sc := make([]*big.Rat, len(x.c))
		for i, v := range x.c {
			sc[i] = new(big.Rat).Mul(v, c)
		}
		checkUnary(t, "Scale", ratFresh, func(z, x *Rat) *Rat { return z.Scale(x, c) }, x, new(Rat).SetCoeffs(sc))
		checkUnary(t, "Pow3", ratFresh, func(z, x *Rat) *Rat { return z.Pow(x, 3) }, x,
			new(Rat).SetCoeffs(mulNaive(x.c, mulNaive(x.c, x.c))))
		if y.Degree() >= 0 {
			q, rem := quoRemNaive(x, y)
			checkBinary(t, "Quo", ratFresh, (*Rat).Quo, x, y, q)
			checkBinary(t, "Rem", ratFresh, (*Rat).Rem, x, y, rem)
			// QuoRem with z and r aliasing the operands.
			xx, yy := new(Rat).Set(x), new(Rat).Set(y)
			gq, gr := xx.QuoRem(xx, yy, yy) // z = x and r = y
			assert.True(t, gq.Equal(q) && gr.Equal(rem), "QuoRem(x, y, y) into x: %v / %v", x, y)
			xx, yy = new(Rat).Set(x), new(Rat).Set(y)
			gq, gr = yy.QuoRem(xx, yy, xx) // z = y and r = x
			assert.True(t, gq.Equal(q) && gr.Equal(rem), "QuoRem into y, x: %v / %v", x, y)
		}
		checkSelf(t, ratFresh, x, map[string]func(z, x, y *Rat) *Rat{
			"Add": (*Rat).Add, "Sub": (*Rat).Sub, "Mul": (*Rat).Mul})
	}
}

// quoRemNaive divides by solving for the quotient from the top, independently of
// quoRem: q_k = (x_{k+m} − Σ_{j≥1} q_{k+j}·y_{m−j}) / y_m, then r = x − q·y.
func quoRemNaive(x, y *Rat) (q, r *Rat) {
	m := y.Degree()
	n := x.Degree()
	if n < m {
		return new(Rat), new(Rat).Set(x)
	}
	qc := make([]*big.Rat, n-m+1)
	for k := n - m; k >= 0; k-- {
		s := x.Coeff(k + m)
		for j := 1; j <= m && k+j <= n-m; j++ {
			s.Sub(s, new(big.Rat).Mul(qc[k+j], y.Coeff(m-j)))
		}
		qc[k] = s.Quo(s, y.Coeff(m))
	}
	q = new(Rat).SetCoeffs(qc)
	r = new(Rat).SetCoeffs(x.Coeffs())
	return q, r.Sub(r, new(Rat).SetCoeffs(mulNaive(qc, y.c)))
}

func TestRatFieldProperties(t *testing.T) {
	r := newRand(t)
	for range 150 {
		a, b, c := randRat(r, 6), randRat(r, 6), randRat(r, 6)
		ab := new(Rat).Mul(a, b)
		assert.True(t, ab.Equal(new(Rat).Mul(b, a)), "a·b ≠ b·a for a=%v b=%v", a, b)
		assert.True(t, new(Rat).Mul(ab, c).Equal(new(Rat).Mul(a, new(Rat).Mul(b, c))), "(ab)c ≠ a(bc)")
		left := new(Rat).Mul(a, new(Rat).Add(b, c))
		right := new(Rat).Add(ab, new(Rat).Mul(a, c))
		assert.True(t, left.Equal(right), "a(b+c) ≠ ab+ac for %v, %v, %v", a, b, c)
		lhs := new(Rat).Derivative(ab)
		rhs := new(Rat).Add(new(Rat).Mul(new(Rat).Derivative(a), b), new(Rat).Mul(a, new(Rat).Derivative(b)))
		assert.True(t, lhs.Equal(rhs), "product rule for %v, %v", a, b)

		// Integral then Derivative is the identity; Derivative then Integral drops the
		// constant term.
		assert.True(t, new(Rat).Derivative(new(Rat).Integral(a)).Equal(a), "(∫a)' ≠ a for %v", a)
		a0 := new(Rat).Sub(a, NewRat(a.Coeff(0)))
		assert.True(t, new(Rat).Integral(new(Rat).Derivative(a)).Equal(a0), "∫(a') ≠ a − a(0) for %v", a)

		if b.Degree() < 0 {
			continue
		}
		// (a·b)/b = a exactly, with zero remainder.
		q, rem := new(Rat).QuoRem(ab, b, new(Rat))
		assert.True(t, q.Equal(a), "(ab)/b ≠ a for a=%v b=%v: %v", a, b, q)
		assert.Equal(t, -1, rem.Degree(), "(ab) mod b ≠ 0 for a=%v b=%v", a, b)
		// Division with remainder: a = q·b + r with deg r < deg b.
		q.QuoRem(a, b, rem)
		assert.Less(t, rem.Degree(), b.Degree(), "deg r for %v / %v", a, b)
		back := new(Rat).Add(new(Rat).Mul(q, b), rem)
		assert.True(t, back.Equal(a), "q·b + r ≠ a for %v / %v", a, b)
	}
}

func TestRatQuoRemPanics(t *testing.T) {
	x := NewRatFrac(1, 1, 2, 3)
	assert.PanicsWithValue(t, "poly: division by zero", func() { new(Rat).QuoRem(x, new(Rat), new(Rat)) })
	assert.PanicsWithValue(t, "poly: division by zero", func() { new(Rat).Quo(x, new(Rat)) })
	assert.PanicsWithValue(t, "poly: division by zero", func() { new(Rat).Rem(x, new(Rat)) })
	z := new(Rat)
	assert.PanicsWithValue(t, "poly: QuoRem with z == r", func() { z.QuoRem(x, x, z) })
}

func TestRatGCD(t *testing.T) {
	r := newRand(t)
	isMonic := func(p *Rat) bool { return p.Degree() >= 0 && p.c[p.Degree()].Cmp(big.NewRat(1, 1)) == 0 }
	for range 100 {
		// a = g·u and b = g·v with a random common factor g.
		g := randRatNonzero(r, 4)
		a := new(Rat).Mul(g, randRat(r, 5))
		b := new(Rat).Mul(g, randRat(r, 5))
		s, tt := new(Rat), new(Rat)
		d := new(Rat).GCD(s, tt, a, b)
		if a.Degree() < 0 && b.Degree() < 0 {
			assert.True(t, d.Degree() == -1 && s.Degree() == -1 && tt.Degree() == -1, "gcd(0, 0)")
			continue
		}
		require.True(t, isMonic(d), "gcd(%v, %v) = %v is not monic", a, b, d)
		// d divides a and b, g divides d, and d = s·a + t·b.
		assert.Equal(t, -1, new(Rat).Rem(a, d).Degree(), "gcd %v does not divide %v", d, a)
		assert.Equal(t, -1, new(Rat).Rem(b, d).Degree(), "gcd %v does not divide %v", d, b)
		assert.Equal(t, -1, new(Rat).Rem(d, g).Degree(), "common factor %v does not divide gcd %v", g, d)
		bez := new(Rat).Add(new(Rat).Mul(s, a), new(Rat).Mul(tt, b))
		assert.True(t, bez.Equal(d), "s·a + t·b = %v ≠ gcd %v", bez, d)
		assert.LessOrEqual(t, s.Degree(), max(0, b.Degree()-d.Degree()-1), "deg s for %v, %v", a, b)
		assert.LessOrEqual(t, tt.Degree(), max(0, a.Degree()-d.Degree()-1), "deg t for %v, %v", a, b)
		// Without cofactors, and with the result in an operand.
		assert.True(t, new(Rat).GCD(nil, nil, a, b).Equal(d))
		aa := new(Rat).Set(a)
		assert.True(t, aa.GCD(nil, nil, aa, b).Equal(d))
		as, bt := new(Rat).Set(a), new(Rat).Set(b)
		d2 := new(Rat).GCD(as, bt, as, bt) // cofactors written over the operands
		assert.True(t, d2.Equal(d) && as.Equal(s) && bt.Equal(tt), "GCD(a, b, a, b)")
		// gcd(a, b) = gcd(b, a).
		assert.True(t, new(Rat).GCD(nil, nil, b, a).Equal(d))
	}
	// A hand-checked case: x³ − 1 = (x − 1)(x² + x + 1) and 2x² − 2 = 2(x − 1)(x + 1).
	a, _ := new(Rat).SetString("x^3 - 1")
	b, _ := new(Rat).SetString("2x^2 - 2")
	assert.Equal(t, "x - 1", new(Rat).GCD(nil, nil, a, b).String())
	// gcd(0, 0) = 0 with zero cofactors; gcd(0, b) = b made monic.
	s0, t0 := NewRatFrac(1, 5), NewRatFrac(1, 6)
	assert.Equal(t, -1, new(Rat).GCD(s0, t0, new(Rat), new(Rat)).Degree())
	assert.True(t, s0.Degree() == -1 && t0.Degree() == -1, "cofactors of gcd(0, 0): %v, %v", s0, t0)
	assert.Equal(t, "x - 1", new(Rat).GCD(s0, t0, new(Rat), NewRatFrac(1, -3, 3)).String())
	assert.True(t, s0.Degree() == -1 && t0.Equal(NewRatFrac(3, 1)), "cofactors of gcd(0, 3x − 3): %v, %v", s0, t0)
	// Coprime: gcd 1.
	assert.Equal(t, "1", new(Rat).GCD(nil, nil, NewRatFrac(1, 1, 1), NewRatFrac(1, -1, 1)).String())
	z := new(Rat)
	assert.PanicsWithValue(t, "poly: GCD results alias", func() { z.GCD(z, nil, a, b) })
	s := new(Rat)
	assert.PanicsWithValue(t, "poly: GCD results alias", func() { z.GCD(s, s, a, b) })
}

func TestRatEval(t *testing.T) {
	r := newRand(t)
	for range 100 {
		p := randRat(r, 8)
		v := randRats(r, 1)[0]
		want := new(big.Rat)
		pow := big.NewRat(1, 1)
		for _, c := range p.c {
			want.Add(want, new(big.Rat).Mul(c, pow))
			pow.Mul(pow, v)
		}
		assert.Zero(t, want.Cmp(p.Eval(v)), "%v at %v", p, v)
	}
}

func TestRatPow(t *testing.T) {
	r := newRand(t)
	for range 40 {
		x := randRat(r, 5)
		want := NewRatFrac(1, 1)
		for n := range 6 {
			got := new(Rat).Pow(x, n)
			assert.True(t, got.Equal(want), "(%v)^%d: got %v, want %v", x, n, got, want)
			want.SetCoeffs(mulNaive(want.c, x.c))
		}
	}
	assert.True(t, new(Rat).Pow(new(Rat), 0).Equal(NewRatFrac(1, 1)))
	assert.Equal(t, -1, new(Rat).Pow(new(Rat), 3).Degree())
	assert.PanicsWithValue(t, "poly: negative exponent", func() { new(Rat).Pow(NewRatFrac(1, 1), -2) })
}

func TestRatConversions(t *testing.T) {
	// Float64 → Rat is exact.
	f := NewFloat64(0.1, -2.5, 1e300, 5e-324)
	q, ok := new(Rat).SetFloat64(f)
	require.True(t, ok)
	for i, v := range f.c {
		want := new(big.Rat).SetFloat64(v)
		assert.Zero(t, want.Cmp(q.Coeff(i)), "coefficient %d", i)
	}
	// and back (each coefficient is a float64, so the rounding is exact).
	assert.True(t, new(Float64).SetRat(q).Equal(f))

	z := NewRatFrac(1, 4)
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		got, ok := z.SetFloat64(NewFloat64(1, bad))
		assert.False(t, ok)
		assert.Nil(t, got)
		assert.True(t, z.Equal(NewRatFrac(1, 4)), "z changed on failure")
	}
	// Rat → Float64 rounds to nearest: 1/3 and a value beyond float64 range.
	huge := new(big.Rat).SetFrac(new(big.Int).Lsh(big.NewInt(1), 2000), big.NewInt(3))
	g := new(Float64).SetRat(NewRat(big.NewRat(1, 3), huge))
	assert.Equal(t, 1.0/3, g.Coeff(0))
	assert.True(t, math.IsInf(g.Coeff(1), 1))
	// A leading coefficient that underflows lowers the degree.
	tiny := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 2000))
	assert.Equal(t, 0, new(Float64).SetRat(NewRat(big.NewRat(2, 1), tiny)).Degree())
}

func TestRatGCDHeuristic(t *testing.T) {
	r := newRand(t)
	euclid := func(a, b *Rat) *Rat { return new(Rat).gcdEuclid(nil, nil, a, b) }
	heuristicOK := 0
	for range 100 {
		g := randRatNonzero(r, 5)
		a := new(Rat).Mul(g, randRatNonzero(r, 6))
		b := new(Rat).Mul(g, randRatNonzero(r, 6))
		h, ok := gcdHeuristic(a.c, b.c)
		want := euclid(a, b)
		if ok {
			heuristicOK++
			assert.True(t, new(Rat).SetCoeffs(h).Equal(want), "gcd(%v, %v): heuristic %v, Euclid %v", a, b, h, want)
		}
		assert.True(t, new(Rat).GCD(nil, nil, a, b).Equal(want))
	}
	assert.Greater(t, heuristicOK, 90, "the heuristic should rarely give up")
	// Adversarial shapes: tiny coefficients (small ξ), a common factor with large
	// coefficients, and powers with many repeated roots.
	for _, c := range []struct{ a, b string }{
		{"x^2 - 1", "x^2 - 2x + 1"},
		{"x + 1", "x^3 + 1"},
		{"x^4 - 1", "x^6 - 1"},
		{"100000000000000000000000x^3 + 1", "100000000000000000000000x^4 + x"},
		{"x^10 - 1", "x^15 - 1"},
		{"x^2 + x + 1", "x^2 - x + 1"},
	} {
		a, ok1 := new(Rat).SetString(c.a)
		b, ok2 := new(Rat).SetString(c.b)
		require.True(t, ok1 && ok2)
		assert.True(t, new(Rat).GCD(nil, nil, a, b).Equal(euclid(a, b)), "gcd(%v, %v)", a, b)
	}
	p, _ := new(Rat).SetString("x^5 - 1")
	q, _ := new(Rat).SetString("x^3 - 1")
	assert.Equal(t, "x - 1", new(Rat).GCD(nil, nil, p, q).String())
	p.Pow(NewRatFrac(1, 1, 1), 12) // (x+1)^12
	q.Mul(new(Rat).Pow(NewRatFrac(1, 1, 1), 5), NewRatFrac(1, -1, 1))
	assert.True(t, new(Rat).GCD(nil, nil, p, q).Equal(new(Rat).Pow(NewRatFrac(1, 1, 1), 5)))
}

func TestGCDHelpers(t *testing.T) {
	r := newRand(t)
	for range 200 {
		// liftDigits inverts evaluation: the digits evaluated at ξ give back γ.
		xi := randBigInt(r, 1+r.IntN(100))
		xi.Abs(xi).Add(xi, big.NewInt(2))
		gamma := randBigInt(r, 1+r.IntN(600))
		gamma.Abs(gamma)
		d := liftDigits(gamma, xi, 1000)
		if gamma.Sign() == 0 {
			assert.Nil(t, d)
			continue
		}
		require.NotNil(t, d)
		assert.Zero(t, eval[big.Int](d, xi).Cmp(gamma), "lift of %v in base %v", gamma, xi)
		half := new(big.Int).Rsh(xi, 1)
		for _, v := range d {
			assert.LessOrEqual(t, v.CmpAbs(half), 0, "digit %v out of range for base %v", v, xi)
		}
		assert.Nil(t, liftDigits(gamma, xi, len(d)-1), "more digits than allowed")

		// divides agrees with division over Q plus integrality.
		p := randInts(r, 1+r.IntN(8))
		dv := randIntsBits(r, 1+r.IntN(4), 1+r.IntN(10))
		if r.IntN(2) == 0 {
			p = mulNaive(p, dv)
		}
		P, D := new(Rat).SetInt(new(Int).SetCoeffs(p)), new(Rat).SetInt(new(Int).SetCoeffs(dv))
		qq, rem := new(Rat).QuoRem(P, D, new(Rat))
		_, integral := new(Int).SetRat(qq)
		want := rem.Degree() < 0 && integral
		assert.Equal(t, want, divides(dv, new(Int).SetCoeffs(p).c), "%v | %v", D, P)
	}
}

func TestRatGCDCofactorsModular(t *testing.T) {
	for _, dixon := range []bool{true, false} {
		t.Run(fmt.Sprintf("dixon=%v", dixon), func(t *testing.T) {
			defer func(u bool, m int) { useDixon, dixonMinBits = u, m }(useDixon, dixonMinBits)
			useDixon, dixonMinBits = dixon, 0 // the lifting even for these small inputs
			testRatGCDCofactorsModular(t)
		})
	}
}

// testRatGCDCofactorsModular is TestRatGCDCofactorsModular with the solvers useDixon selects.
func testRatGCDCofactorsModular(t *testing.T) {
	r := newRand(t)
	modularOK := 0
	for range 100 {
		g := randRatNonzero(r, 4)
		a := new(Rat).Mul(g, randRatNonzero(r, 7))
		b := new(Rat).Mul(g, randRatNonzero(r, 7))
		// Euclid's cofactors are the reference.
		ws, wt := new(Rat), new(Rat)
		wg := new(Rat).gcdEuclid(ws, wt, a, b)
		h, ok := gcdHeuristic(a.c, b.c)
		require.True(t, ok)
		s, tt, ok := xgcdModular(h, a.c, b.c)
		if !ok {
			continue
		}
		modularOK++
		S, T := new(Rat).SetCoeffs(s), new(Rat).SetCoeffs(tt)
		bez := new(Rat).Add(new(Rat).Mul(S, a), new(Rat).Mul(T, b))
		assert.True(t, bez.Equal(wg), "s·a + t·b = %v ≠ gcd %v for %v, %v", bez, wg, a, b)
		if a.Degree() > wg.Degree() && b.Degree() > wg.Degree() {
			// Both cofactors of the gcd nonconstant: the small cofactors are unique.
			assert.True(t, S.Equal(ws) && T.Equal(wt), "cofactors (%v, %v), Euclid (%v, %v) for %v, %v", S, T, ws, wt, a, b)
		}
	}
	assert.Greater(t, modularOK, 95, "the modular method should rarely give up")

	// Larger inputs, which Euclid over Q would take seconds on.
	gi := new(Int).SetCoeffs(randIntsBits(r, 20, 64))
	ai := new(Int).Mul(gi, new(Int).SetCoeffs(randIntsBits(r, 60, 64)))
	bi := new(Int).Mul(gi, new(Int).SetCoeffs(randIntsBits(r, 50, 64)))
	a, b := new(Rat).SetInt(ai), new(Rat).SetInt(bi)
	a.Scale(a, big.NewRat(3, 7))
	s, tt := new(Rat), new(Rat)
	d := new(Rat).GCD(s, tt, a, b)
	assert.Equal(t, 19, d.Degree())
	assert.Equal(t, -1, new(Rat).Rem(new(Rat).SetInt(gi), d).Degree(), "gcd is not the common factor")
	assert.True(t, new(Rat).Add(new(Rat).Mul(s, a), new(Rat).Mul(tt, b)).Equal(d), "Bézout identity")
	assert.Less(t, s.Degree(), b.Degree()-d.Degree())
	assert.Less(t, tt.Degree(), a.Degree()-d.Degree())
}

func TestRatQuoRemLarge(t *testing.T) {
	r := newRand(t)
	for _, c := range []struct{ n, m int }{{60, 25}, {40, 40}, {100, 3}, {30, 1}, {5, 20}} {
		x := new(Rat).SetCoeffs(randRats(r, c.n))
		y := new(Rat).SetCoeffs(randRats(r, c.m))
		if y.Degree() < 0 {
			y = NewRatFrac(3, 2, 5)
		}
		q, rem := new(Rat).QuoRem(x, y, new(Rat))
		wq, wr := quoRemNaive(x, y)
		assert.True(t, q.Equal(wq) && rem.Equal(wr), "%d/%d", c.n, c.m)
		// A monic divisor.
		y.SetCoeffs(append(randRats(r, c.m), big.NewRat(1, 1)))
		q.QuoRem(x, y, rem)
		wq, wr = quoRemNaive(x, y)
		assert.True(t, q.Equal(wq) && rem.Equal(wr), "%d/%d monic", c.n, c.m)
	}
}

func TestRatGCDCofactorsAgainstEuclid(t *testing.T) {
	r := newRand(t)
	check := func(a, b *Rat, what string) {
		t.Helper()
		ws, wt := new(Rat), new(Rat)
		wg := new(Rat).gcdEuclid(ws, wt, a, b)
		s, tt := new(Rat), new(Rat)
		g := new(Rat).GCD(s, tt, a, b)
		require.True(t, g.Equal(wg), "%s: gcd %v, Euclid %v", what, g, wg)
		bez := new(Rat).Add(new(Rat).Mul(s, a), new(Rat).Mul(tt, b))
		assert.True(t, bez.Equal(g), "%s: s·a + t·b ≠ gcd", what)
		if a.Degree() > g.Degree() && b.Degree() > g.Degree() {
			// The small cofactors are unique: the same as Euclid's.
			assert.True(t, s.Equal(ws) && tt.Equal(wt), "%s: cofactors differ from Euclid's", what)
		}
		// Aliasing: the gcd written over a, the cofactors over the operands.
		a2, b2 := new(Rat).Set(a), new(Rat).Set(b)
		s2, t2 := new(Rat), new(Rat)
		a2.GCD(s2, t2, a2, b)
		assert.True(t, a2.Equal(g) && s2.Equal(s) && t2.Equal(tt), "%s: g.GCD(s, t, g, b)", what)
		a2.Set(a)
		g2 := new(Rat).GCD(a2, b2, a2, b2)
		assert.True(t, g2.Equal(g) && a2.Equal(s) && b2.Equal(tt), "%s: GCD(a, b, a, b)", what)
	}
	randPoly := func(deg, bits int) *Rat {
		c := make([]*big.Rat, deg+1)
		for i := range c {
			c[i] = new(big.Rat).SetFrac(randBigInt(r, bits), big.NewInt(int64(1+r.IntN(5))))
		}
		if c[deg].Sign() == 0 {
			c[deg].SetInt64(1)
		}
		return new(Rat).SetCoeffs(c)
	}
	degs := []int{0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33}
	for _, da := range degs {
		for _, db := range degs {
			bits := []int{1, 4, 64, 300}[r.IntN(4)]
			if max(da, db) > 9 {
				bits = 1 + r.IntN(8) // Euclid over Q, the reference, is slow beyond
			}
			a, b := randPoly(da, bits), randPoly(db, bits)
			check(a, b, fmt.Sprintf("coprime %d, %d (%d bits)", da, db, bits))
			gdeg := r.IntN(5)
			g := randPoly(gdeg, 1+r.IntN(20))
			check(new(Rat).Mul(a, g), new(Rat).Mul(b, g), fmt.Sprintf("planted factor of degree %d in %d, %d", gdeg, da, db))
		}
	}
	// Zero operands.
	x := randPoly(5, 10)
	check(new(Rat), x, "0, b")
	check(x, new(Rat), "a, 0")
	// A prime the modular method would use first divides the resultant (res(x, x − p) = p)
	// or a leading coefficient: it must be skipped, not trusted.
	for _, p := range bezoutModuli(0, 3) {
		pr := new(big.Rat).SetInt(new(big.Int).SetUint64(p.P()))
		a := NewRat(big.NewRat(0, 1), big.NewRat(1, 1))
		b := NewRat(new(big.Rat).Neg(pr), big.NewRat(1, 1))
		check(new(Rat).Mul(a, randPoly(3, 8)), new(Rat).Mul(b, randPoly(4, 8)), "p | res")
		c := NewRat(big.NewRat(1, 1), pr)
		check(c, randPoly(3, 8), "p | lc")
	}
	// Huge coefficients.
	check(randPoly(6, 3000), randPoly(5, 2000), "huge coefficients")
}
