package poly

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// This file also holds the helpers shared by rat_test.go, float64_test.go and
// string_test.go.

// testPoly is the method set the generic test helpers use.
type testPoly[P any] interface {
	Set(x P) P
	Equal(y P) bool
	String() string
}

// checkBinary checks op(z, x, y) against want (computed independently by the caller) for a
// fresh z, a z holding other values, and every aliasing of z with x and y; the operands
// must come out unchanged.
func checkBinary[P testPoly[P]](t *testing.T, name string, fresh func() P, op func(z, x, y P) P, x, y, want P) {
	t.Helper()
	x0, y0 := fresh().Set(x), fresh().Set(y)
	check := func(how string, got P) {
		t.Helper()
		assert.True(t, got.Equal(want), "%s %s: x=%v y=%v: got %v, want %v", name, how, x0, y0, got, want)
		assert.True(t, x.Equal(x0) && y.Equal(y0), "%s %s: operands changed", name, how)
	}
	z := fresh()
	check("fresh z", op(z, x, y))
	check("reused z", op(z, x, y)) // z now holds a result of the right size
	z = fresh().Set(y).Set(x)      // z holds an unrelated value with spare capacity
	check("dirty z", op(z, x, y))

	zx := fresh().Set(x)
	got := op(zx, zx, y)
	assert.True(t, got.Equal(want), "%s z=x: x=%v y=%v: got %v, want %v", name, x0, y0, got, want)
	zy := fresh().Set(y)
	got = op(zy, x, zy)
	assert.True(t, got.Equal(want), "%s z=y: x=%v y=%v: got %v, want %v", name, x0, y0, got, want)

	// The same with room for the result in z, so that z's storage (shared with the
	// operand) is reused rather than replaced.
	roomy := func(v P) P { return fresh().Set(want).Set(v) }
	zx = roomy(x)
	got = op(zx, zx, y)
	assert.True(t, got.Equal(want), "%s z=x with room: x=%v y=%v: got %v, want %v", name, x0, y0, got, want)
	zy = roomy(y)
	got = op(zy, x, zy)
	assert.True(t, got.Equal(want), "%s z=y with room: x=%v y=%v: got %v, want %v", name, x0, y0, got, want)
}

// checkUnary checks op(z, x) against want for a fresh z, a dirty z, and z = x.
func checkUnary[P testPoly[P]](t *testing.T, name string, fresh func() P, op func(z, x P) P, x, want P) {
	t.Helper()
	x0 := fresh().Set(x)
	got := op(fresh(), x)
	assert.True(t, got.Equal(want), "%s: x=%v: got %v, want %v", name, x0, got, want)
	got = op(fresh().Set(want).Set(x), x)
	assert.True(t, got.Equal(want), "%s dirty z: x=%v: got %v, want %v", name, x0, got, want)
	assert.True(t, x.Equal(x0), "%s: operand changed", name)
	zx := fresh().Set(x)
	got = op(zx, zx)
	assert.True(t, got.Equal(want), "%s z=x: x=%v: got %v, want %v", name, x0, got, want)
}

// checkSelf checks op(z, z, z) against op(new, x, x) for each named op.
func checkSelf[P testPoly[P]](t *testing.T, fresh func() P, x P, ops map[string]func(z, x, y P) P) {
	t.Helper()
	for name, op := range ops {
		want := op(fresh(), x, x)
		z := fresh().Set(x)
		assert.True(t, op(z, z, z).Equal(want), "%s(z, z, z) with z=%v", name, x)
	}
}

// linearRefs returns the coefficients of x+y, x−y, −x and x′, computed one coefficient at
// a time from their definitions (unnormalized; compare after SetCoeffs).
func linearRefs[T any, P bigNum[T]](x, y []P) (sum, diff, ng, der []P) {
	at := func(c []P, i int) P {
		if i < len(c) {
			return c[i]
		}
		return P(new(T))
	}
	for i := range max(len(x), len(y)) {
		sum = append(sum, P(new(T)).Add(at(x, i), at(y, i)))
		diff = append(diff, P(new(T)).Sub(at(x, i), at(y, i)))
	}
	for i, v := range x {
		ng = append(ng, P(new(T)).Neg(v))
		if i > 0 {
			der = append(der, P(new(T)).Mul(v, P(new(T)).SetInt64(int64(i))))
		}
	}
	return sum, diff, ng, der
}

func newRand(t *testing.T) *rand.Rand {
	t.Helper()
	return rand.New(rand.NewPCG(uint64(len(t.Name())), 0x5eed))
}

// randBigInt returns a random integer with up to bits bits and a random sign.
func randBigInt(r *rand.Rand, bits int) *big.Int {
	v := new(big.Int)
	w := (bits + 63) / 64
	for range w {
		v.Lsh(v, 64).Or(v, new(big.Int).SetUint64(r.Uint64()))
	}
	v.Rsh(v, uint(64*w-bits)) // now exactly the low bits bits
	if bits > 0 && r.IntN(2) == 0 {
		v.Rsh(v, uint(r.IntN(bits))) // sometimes shorter
	}
	if r.IntN(2) == 0 {
		v.Neg(v)
	}
	return v
}

// randCoeffBits picks a coefficient size: mostly small, sometimes word-sized or huge.
func randCoeffBits(r *rand.Rand) int {
	return []int{0, 1, 3, 8, 63, 64, 65, 300}[r.IntN(8)]
}

// randInts returns n random coefficients of one random size class (and zeros).
func randInts(r *rand.Rand, n int) []*big.Int {
	bits := randCoeffBits(r)
	c := make([]*big.Int, n)
	for i := range c {
		c[i] = randBigInt(r, bits)
		if r.IntN(8) == 0 {
			c[i].SetInt64(0)
		}
	}
	return c
}

// randInt returns a random polynomial of degree below maxLen (possibly zero).
func randInt(r *rand.Rand, maxLen int) *Int {
	return new(Int).SetCoeffs(randInts(r, r.IntN(maxLen+1)))
}

// mulNaive is the reference product over Z or Q: output k is Σ x[i]·y[k−i], summed per
// output.
func mulNaive[T any, P bigNum[T]](x, y []P) []P {
	if len(x) == 0 || len(y) == 0 {
		return nil
	}
	out := make([]P, len(x)+len(y)-1)
	for k := range out {
		s := P(new(T))
		for i := max(0, k-len(y)+1); i <= min(k, len(x)-1); i++ {
			s.Add(s, P(new(T)).Mul(x[i], y[k-i]))
		}
		out[k] = s
	}
	return out
}

// checkInt checks the representation invariants of p: no nil entries, normalized, and no
// coefficient pointer shared with any of others.
func checkInt(t *testing.T, p *Int, others ...*Int) {
	t.Helper()
	for i, v := range p.c {
		require.NotNil(t, v, "coefficient %d is nil", i)
	}
	if n := len(p.c); n > 0 {
		assert.NotZero(t, p.c[n-1].Sign(), "not normalized: %v", p.c)
	}
	for _, o := range others {
		if o == p {
			continue
		}
		for _, a := range p.c[:cap(p.c)] {
			for _, b := range o.c[:cap(o.c)] {
				if a != nil && a == b {
					t.Fatalf("%v and %v share a coefficient", p, o)
				}
			}
		}
	}
}

func intFresh() *Int { return new(Int) }

func TestIntZeroValue(t *testing.T) {
	var z Int
	assert.Equal(t, -1, z.Degree())
	assert.Equal(t, "0", z.String())
	assert.Equal(t, 0, z.Coeff(0).Sign())
	assert.Equal(t, 0, z.Eval(big.NewInt(7)).Sign())
	assert.True(t, z.Equal(NewInt()))
	assert.True(t, z.Equal(NewInt(0, 0, 0)))
	assert.Empty(t, z.Coeffs())
	var p Int
	p.Mul(&z, NewInt(1, 2))
	assert.Equal(t, -1, p.Degree())
	p.Add(&z, &z)
	assert.Equal(t, -1, p.Degree())
}

func TestIntCoeffs(t *testing.T) {
	p := NewInt(3, 0, -2, 0, 0)
	assert.Equal(t, 2, p.Degree())
	assert.Equal(t, int64(3), p.Coeff(0).Int64())
	assert.Equal(t, int64(0), p.Coeff(1).Int64())
	assert.Equal(t, int64(-2), p.Coeff(2).Int64())
	assert.Equal(t, int64(0), p.Coeff(3).Int64())
	assert.Equal(t, int64(0), p.Coeff(-1).Int64())

	// Coeff and Coeffs return copies.
	p.Coeff(0).SetInt64(99)
	p.Coeffs()[0].SetInt64(99)
	assert.Equal(t, int64(3), p.Coeff(0).Int64())

	// SetCoeffs copies and normalizes.
	c := []*big.Int{big.NewInt(1), big.NewInt(5), big.NewInt(0)}
	q := new(Int).SetCoeffs(c)
	c[1].SetInt64(7)
	assert.Equal(t, 1, q.Degree())
	assert.Equal(t, int64(5), q.Coeff(1).Int64())
	checkInt(t, q)

	// SetCoeffs with the polynomial's own values (lent by All) in another order.
	var own []*big.Int
	for _, v := range p.All() {
		own = append([]*big.Int{v}, own...)
	}
	p.SetCoeffs(own) // was 3 − 2x²; own is [−2, 3]
	assert.True(t, p.Equal(NewInt(-2, 3)), "got %v", p)

	assert.PanicsWithValue(t, "poly: nil coefficient", func() { new(Int).SetCoeffs([]*big.Int{nil}) })
}

func TestIntAll(t *testing.T) {
	p := NewInt(3, 0, -2, 0, 5)
	var idx []int
	var val []int64
	for i, v := range p.All() {
		idx = append(idx, i)
		val = append(val, v.Int64())
	}
	assert.Equal(t, []int{0, 2, 4}, idx)
	assert.Equal(t, []int64{3, -2, 5}, val)
	n := 0
	for range p.All() {
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestIntArithmeticAliasing(t *testing.T) {
	r := newRand(t)
	for range 200 {
		x, y := randInt(r, 8), randInt(r, 8)

		sum, diff, ng, der := linearRefs[big.Int](x.c, y.c)
		checkBinary(t, "Add", intFresh, (*Int).Add, x, y, new(Int).SetCoeffs(sum))
		checkBinary(t, "Sub", intFresh, (*Int).Sub, x, y, new(Int).SetCoeffs(diff))
		checkBinary(t, "Mul", intFresh, (*Int).Mul, x, y, new(Int).SetCoeffs(mulNaive(x.c, y.c)))
		checkUnary(t, "Neg", intFresh, (*Int).Neg, x, new(Int).SetCoeffs(ng))
		checkUnary(t, "Sqr", intFresh, (*Int).Sqr, x, new(Int).SetCoeffs(mulNaive(x.c, x.c)))
		checkUnary(t, "Derivative", intFresh, (*Int).Derivative, x, new(Int).SetCoeffs(der))
		checkUnary(t, "Set", intFresh, (*Int).Set, x, new(Int).SetCoeffs(x.Coeffs()))
		c := randBigInt(r, randCoeffBits(r))
		sc := make([]*big.Int, len(x.c))
		for i, v := range x.c {
			sc[i] = new(big.Int).Mul(v, c)
		}
		checkUnary(t, "Scale", intFresh, func(z, x *Int) *Int { return z.Scale(x, c) }, x, new(Int).SetCoeffs(sc))
		if x.Degree() >= 0 { // c is x's own leading coefficient
			lc := x.c[x.Degree()]
			want := new(Int).Scale(x, new(big.Int).Set(lc))
			xx := new(Int).Set(x)
			assert.True(t, xx.Scale(xx, xx.c[xx.Degree()]).Equal(want), "Scale by own coefficient %v", lc)
		}
		checkUnary(t, "Pow3", intFresh, func(z, x *Int) *Int { return z.Pow(x, 3) }, x,
			new(Int).SetCoeffs(mulNaive(x.c, mulNaive(x.c, x.c))))

		checkSelf(t, intFresh, x, map[string]func(z, x, y *Int) *Int{
			"Add": (*Int).Add, "Sub": (*Int).Sub, "Mul": (*Int).Mul})

		// Results own their coefficients.
		var z Int
		for _, res := range []*Int{z.Add(x, y), z.Sub(x, y), z.Mul(x, y), z.Set(x), z.Neg(x), z.Sqr(y)} {
			checkInt(t, res, x, y)
		}
	}
}

func TestIntMulLarge(t *testing.T) {
	r := newRand(t)
	for _, tc := range []struct{ n, m, bits int }{
		{1, 1, 5000}, {50, 70, 64}, {200, 200, 10}, {300, 40, 1000}, {1000, 1000, 3}, {120, 120, 2000},
	} {
		x := new(Int).SetCoeffs(randIntsBits(r, tc.n, tc.bits))
		y := new(Int).SetCoeffs(randIntsBits(r, tc.m, tc.bits))
		want := new(Int).SetCoeffs(mulNaive(x.c, y.c))
		assert.True(t, new(Int).Mul(x, y).Equal(want), "n=%d m=%d bits=%d", tc.n, tc.m, tc.bits)
		assert.True(t, new(Int).Sqr(x).Equal(new(Int).SetCoeffs(mulNaive(x.c, x.c))), "Sqr n=%d bits=%d", tc.n, tc.bits)
	}
}

// randIntsBits returns n random coefficients of up to bits bits with random signs and a
// nonzero last one.
func randIntsBits(r *rand.Rand, n, bits int) []*big.Int {
	c := make([]*big.Int, n)
	for i := range c {
		c[i] = randBigInt(r, bits)
	}
	if c[n-1].Sign() == 0 {
		c[n-1].SetInt64(1)
	}
	return c
}

func TestIntRingProperties(t *testing.T) {
	r := newRand(t)
	for range 200 {
		a, b, c := randInt(r, 7), randInt(r, 7), randInt(r, 7)
		ab, ba := new(Int).Mul(a, b), new(Int).Mul(b, a)
		assert.True(t, ab.Equal(ba), "a·b ≠ b·a for a=%v b=%v", a, b)
		assert.True(t, new(Int).Add(a, b).Equal(new(Int).Add(b, a)), "a+b ≠ b+a")
		abc1 := new(Int).Mul(ab, c)
		abc2 := new(Int).Mul(a, new(Int).Mul(b, c))
		assert.True(t, abc1.Equal(abc2), "(ab)c ≠ a(bc) for %v, %v, %v", a, b, c)
		left := new(Int).Mul(a, new(Int).Add(b, c))
		right := new(Int).Add(ab, new(Int).Mul(a, c))
		assert.True(t, left.Equal(right), "a(b+c) ≠ ab+ac for %v, %v, %v", a, b, c)
		assert.True(t, new(Int).Sub(new(Int).Add(a, b), b).Equal(a), "(a+b)−b ≠ a")
		assert.True(t, new(Int).Add(a, new(Int).Neg(a)).Degree() == -1, "a + (−a) ≠ 0")
		if a.Degree() >= 0 && b.Degree() >= 0 {
			assert.Equal(t, a.Degree()+b.Degree(), ab.Degree(), "deg(ab) for %v, %v", a, b)
		}
		// Product rule: (ab)' = a'b + ab'.
		lhs := new(Int).Derivative(ab)
		rhs := new(Int).Add(new(Int).Mul(new(Int).Derivative(a), b), new(Int).Mul(a, new(Int).Derivative(b)))
		assert.True(t, lhs.Equal(rhs), "product rule for %v, %v", a, b)
		// Evaluation is a ring homomorphism.
		v := randBigInt(r, 10)
		assert.Zero(t, ab.Eval(v).Cmp(new(big.Int).Mul(a.Eval(v), b.Eval(v))), "(ab)(v) ≠ a(v)b(v)")
	}
}

func TestIntEval(t *testing.T) {
	r := newRand(t)
	for range 200 {
		p := randInt(r, 10)
		v := randBigInt(r, []int{0, 2, 8, 70}[r.IntN(4)])
		want := new(big.Int) // Σ c_i·v^i with explicit powers
		for i, c := range p.c {
			want.Add(want, new(big.Int).Mul(c, new(big.Int).Exp(v, big.NewInt(int64(i)), nil)))
		}
		assert.Zero(t, want.Cmp(p.Eval(v)), "%v at %v", p, v)
	}
	// The result is new: v and p are untouched.
	p, v := NewInt(1, 1), big.NewInt(5)
	res := p.Eval(v)
	res.SetInt64(0)
	assert.Equal(t, int64(5), v.Int64())
	assert.Equal(t, int64(6), p.Eval(v).Int64())
}

func TestIntPow(t *testing.T) {
	r := newRand(t)
	for range 60 {
		x := randInt(r, 5)
		want := NewInt(1)
		for n := range 7 {
			got := new(Int).Pow(x, n)
			assert.True(t, got.Equal(want), "(%v)^%d: got %v, want %v", x, n, got, want)
			checkInt(t, got, x)
			want.SetCoeffs(mulNaive(want.c, x.c))
		}
	}
	// 0^0 = 1 and 0^n = 0, as for big.Int.Exp.
	assert.True(t, new(Int).Pow(new(Int), 0).Equal(NewInt(1)))
	assert.Equal(t, -1, new(Int).Pow(new(Int), 5).Degree())
	// A power of a large polynomial, against repeated multiplication.
	x := new(Int).SetCoeffs(randIntsBits(r, 30, 100))
	want := NewInt(1)
	for range 9 {
		want.SetCoeffs(mulNaive(want.c, x.c))
	}
	assert.True(t, new(Int).Pow(x, 9).Equal(want))
	assert.PanicsWithValue(t, "poly: negative exponent", func() { new(Int).Pow(x, -1) })
	assert.PanicsWithValue(t, "poly: Pow result too large", func() { new(Int).Pow(NewInt(1, 1, 1), maxInt/2+1) })
	assert.PanicsWithValue(t, "poly: Pow result too large", func() { new(Int).Pow(NewInt(1, 1), 1<<32) })
	assert.PanicsWithValue(t, "poly: Pow result too large", func() { new(Rat).Pow(NewRatFrac(2, 1, 1), 1<<32) })
	assert.PanicsWithValue(t, "poly: Pow result too large", func() { new(Float64).Pow(NewFloat64(1, 1), 1<<32) })
	// Within the length limit but beyond exact's size limit: refused by exact before any
	// allocation (2^31 coefficients of about 2^30 bits each).
	assert.PanicsWithValue(t, "exact: result too large", func() { new(Int).Pow(NewInt(1, 1), 1<<31) })
}

func TestIntSetRat(t *testing.T) {
	q := NewRatFrac(1, 3, -4, 0, 5)
	z, ok := new(Int).SetRat(q)
	require.True(t, ok)
	assert.True(t, z.Equal(NewInt(3, -4, 0, 5)), "got %v", z)

	z = NewInt(7)
	got, ok := z.SetRat(NewRatFrac(2, 2, 1))
	assert.False(t, ok)
	assert.Nil(t, got)
	assert.True(t, z.Equal(NewInt(7)), "z changed on failure: %v", z)

	// Int → Rat → Int round trip.
	r := newRand(t)
	for range 50 {
		p := randInt(r, 6)
		back, ok := new(Int).SetRat(new(Rat).SetInt(p))
		assert.True(t, ok && back.Equal(p), "%v", p)
	}
}

func TestIntSetFloat64(t *testing.T) {
	z, ok := new(Int).SetFloat64(NewFloat64(-3, 0, 0x1p70, 1e300))
	require.True(t, ok)
	want := []*big.Int{big.NewInt(-3), new(big.Int), new(big.Int).Lsh(big.NewInt(1), 70)}
	want = append(want, new(big.Int))
	new(big.Float).SetFloat64(1e300).Int(want[3])
	assert.True(t, z.Equal(new(Int).SetCoeffs(want)), "got %v", z)
	back := new(Float64).SetInt(z)
	assert.Equal(t, []float64{-3, 0, 0x1p70, 1e300}, back.Coeffs())

	for _, bad := range []float64{0.5, -1e-300, math.NaN(), math.Inf(1), math.Inf(-1)} {
		z := NewInt(7)
		got, ok := z.SetFloat64(NewFloat64(1, bad))
		assert.False(t, ok, "%v", bad)
		assert.Nil(t, got)
		assert.True(t, z.Equal(NewInt(7)), "z changed on failure")
	}
}

func BenchmarkIntMul(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{10, 1000} {
		for _, bits := range []int{64, 1024} {
			x := new(Int).SetCoeffs(randIntsBits(r, n, bits))
			y := new(Int).SetCoeffs(randIntsBits(r, n, bits))
			b.Run("n="+strconv.Itoa(n)+"/bits="+strconv.Itoa(bits), func(b *testing.B) {
				b.ReportAllocs()
				z := new(Int)
				for b.Loop() {
					z.Mul(x, y)
				}
			})
		}
	}
}

// FuzzArithmetic checks the products against the naive references and division with
// remainder against its defining identity, on polynomials built from arbitrary bytes.
func FuzzArithmetic(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5}, []byte{7, 0, 9}, uint8(2))
	f.Add([]byte{0xff, 0xff, 0x80}, []byte{0x80, 1}, uint8(5))
	f.Fuzz(func(t *testing.T, xb, yb []byte, shift uint8) {
		toInts := func(b []byte) []*big.Int {
			c := make([]*big.Int, min(len(b), 40))
			for i := range c {
				c[i] = big.NewInt(int64(int8(b[i])))
				c[i].Lsh(c[i], uint(shift%8)*uint(i%3)*30) // some multi-word coefficients
			}
			return c
		}
		xc, yc := toInts(xb), toInts(yb)
		x, y := new(Int).SetCoeffs(xc), new(Int).SetCoeffs(yc)
		if got, want := new(Int).Mul(x, y), new(Int).SetCoeffs(mulNaive(xc, yc)); !got.Equal(want) {
			t.Fatalf("(%v)·(%v) = %v, want %v", x, y, got, want)
		}
		if got, want := new(Int).Sqr(x), new(Int).SetCoeffs(mulNaive(xc, xc)); !got.Equal(want) {
			t.Fatalf("(%v)² = %v, want %v", x, got, want)
		}
		if y.Degree() < 0 {
			return
		}
		X, Y := new(Rat).SetInt(x), new(Rat).SetInt(y)
		q, r := new(Rat).QuoRem(X, Y, new(Rat))
		if r.Degree() >= Y.Degree() || !new(Rat).Add(new(Rat).Mul(q, Y), r).Equal(X) {
			t.Fatalf("QuoRem(%v, %v) = %v, %v", X, Y, q, r)
		}
		if g := new(Rat).GCD(nil, nil, X, Y); new(Rat).Rem(X, g).Degree() >= 0 || new(Rat).Rem(Y, g).Degree() >= 0 {
			t.Fatalf("gcd(%v, %v) = %v does not divide both", X, Y, g)
		}
	})
}
