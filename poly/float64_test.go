package poly

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

func float64Fresh() *Float64 { return new(Float64) }

// randFloat64 returns a random polynomial with fewer than maxLen+1 coefficients, small
// integers (so that sums and products are exact) or uniform in [−1, 1).
func randFloat64(r *rand.Rand, maxLen int, ints bool) *Float64 {
	c := make([]float64, r.IntN(maxLen+1))
	for i := range c {
		if ints {
			c[i] = float64(r.IntN(201) - 100)
		} else {
			c[i] = 2*r.Float64() - 1
		}
	}
	return NewFloat64(c...)
}

// convNaive is the reference product of float64 coefficient slices: refConvolve's full
// convolution, or nil (the zero polynomial) if x or y is empty.
func convNaive(x, y []float64) []float64 {
	if len(x) == 0 || len(y) == 0 {
		return nil
	}
	return refConvolve(x, y, Full)
}

func TestFloat64Basics(t *testing.T) {
	var z Float64
	assert.Equal(t, -1, z.Degree())
	assert.Equal(t, "0", z.String())
	assert.Equal(t, 0.0, z.Eval(3))
	p := NewFloat64(1, 0, -2.5, 0, math.Copysign(0, -1))
	assert.Equal(t, 2, p.Degree())
	assert.Equal(t, -2.5, p.Coeff(2))
	assert.Equal(t, 0.0, p.Coeff(7))
	assert.Equal(t, 0.0, p.Coeff(-1))
	c := p.Coeffs()
	c[0] = 9
	assert.Equal(t, 1.0, p.Coeff(0))
	in := []float64{4, 5}
	q := NewFloat64(in...)
	in[0] = 0
	assert.Equal(t, 4.0, q.Coeff(0))

	var idx []int
	var val []float64
	for i, v := range p.All() {
		idx, val = append(idx, i), append(val, v)
	}
	assert.Equal(t, []int{0, 2}, idx)
	assert.Equal(t, []float64{1, -2.5}, val)

	nan := NewFloat64(math.NaN())
	assert.False(t, nan.Equal(nan), "NaN coefficients are not equal")
	assert.True(t, NewFloat64(math.Copysign(0, -1), 1).Equal(NewFloat64(0, 1)))
}

func TestFloat64ArithmeticAliasing(t *testing.T) {
	r := newRand(t)
	for range 200 {
		// Small integer coefficients: every operation below is exact in float64, so the
		// references can be compared with ==.
		x, y := randFloat64(r, 9, true), randFloat64(r, 9, true)
		n := max(len(x.c), len(y.c))
		sum, diff := make([]float64, n), make([]float64, n)
		for i := range n {
			sum[i], diff[i] = x.Coeff(i)+y.Coeff(i), x.Coeff(i)-y.Coeff(i)
		}
		ng := make([]float64, len(x.c))
		der := make([]float64, max(len(x.c)-1, 0))
		for i, v := range x.c {
			ng[i] = -v
			if i > 0 {
				der[i-1] = float64(i) * v
			}
		}
		checkBinary(t, "Add", float64Fresh, (*Float64).Add, x, y, NewFloat64(sum...))
		checkBinary(t, "Sub", float64Fresh, (*Float64).Sub, x, y, NewFloat64(diff...))
		checkBinary(t, "Mul", float64Fresh, (*Float64).Mul, x, y, NewFloat64(convNaive(x.c, y.c)...))
		checkUnary(t, "Neg", float64Fresh, (*Float64).Neg, x, NewFloat64(ng...))
		checkUnary(t, "Sqr", float64Fresh, (*Float64).Sqr, x, NewFloat64(convNaive(x.c, x.c)...))
		checkUnary(t, "Derivative", float64Fresh, (*Float64).Derivative, x, NewFloat64(der...))
		checkUnary(t, "Set", float64Fresh, (*Float64).Set, x, NewFloat64(x.c...))
		c := float64(r.IntN(7) - 3)
		sc := make([]float64, len(x.c))
		for i, v := range x.c {
			sc[i] = c * v
		}
		checkUnary(t, "Scale", float64Fresh, func(z, x *Float64) *Float64 { return z.Scale(x, c) }, x, NewFloat64(sc...))
		checkUnary(t, "Pow3", float64Fresh, func(z, x *Float64) *Float64 { return z.Pow(x, 3) }, x,
			NewFloat64(convNaive(x.c, convNaive(x.c, x.c))...))
		if exactIntegral(x) {
			assert.True(t, new(Float64).Derivative(new(Float64).Integral(x)).Equal(x), "(∫x)' ≠ x for %v", x)
		}
		ix := new(Float64).Set(x)
		assert.True(t, ix.Integral(ix).Equal(new(Float64).Integral(x)), "Integral(z=x)")
		checkSelf(t, float64Fresh, x, map[string]func(z, x, y *Float64) *Float64{
			"Add": (*Float64).Add, "Sub": (*Float64).Sub, "Mul": (*Float64).Mul})
	}
}

// exactIntegral reports whether c_i/(i+1)·(i+1) == c_i for every coefficient of x, that is
// whether Integral then Derivative is exact in float64.
func exactIntegral(x *Float64) bool {
	for i, v := range x.c {
		if v/float64(i+1)*float64(i+1) != v {
			return false
		}
	}
	return true
}

func TestFloat64MulLong(t *testing.T) {
	// Long operands take Convolve's FFT path; compare with the naive sum within a bound of
	// the form Convolve documents (a generous multiple of ε·‖x‖₂·‖y‖₂).
	r := newRand(t)
	for _, n := range []int{100, 1000, 3000} {
		x, y := uniform(r, n), uniform(r, n+17)
		y[len(y)-1] = 0.75
		x[n-1] = -0.5
		px, py := NewFloat64(x...), NewFloat64(y...)
		got := new(Float64).Mul(px, py)
		want := convNaive(x, y)
		assert.Equal(t, len(want)-1, got.Degree())
		bound := 64 * 0x1p-52 * math.Sqrt(float64(n)*float64(n+17))
		for i, w := range want {
			assert.InDelta(t, w, got.Coeff(i), bound, "n=%d coefficient %d", n, i)
		}
	}
}

func TestFloat64EvalPow(t *testing.T) {
	r := newRand(t)
	for range 100 {
		p := randFloat64(r, 8, false)
		v := 4*r.Float64() - 2
		var want, pow, scale float64 = 0, 1, 0
		for _, c := range p.c {
			want += c * pow
			scale += math.Abs(c * pow)
			pow *= v
		}
		assert.InDelta(t, want, p.Eval(v), 1e-14*(scale+1), "%v at %v", p, v)
	}
	x := NewFloat64(1, 1) // (1+x)^n has binomial coefficients, exact in float64
	for n := range 20 {
		got := new(Float64).Pow(x, n)
		for k := 0; k <= n; k++ {
			b := new(big.Int).Binomial(int64(n), int64(k))
			assert.Equal(t, float64(b.Int64()), got.Coeff(k), "(1+x)^%d coefficient %d", n, k)
		}
		assert.Equal(t, n, got.Degree())
	}
	assert.True(t, new(Float64).Pow(new(Float64), 0).Equal(NewFloat64(1)))
	assert.Equal(t, -1, new(Float64).Pow(new(Float64), 2).Degree())
	assert.PanicsWithValue(t, "poly: negative exponent", func() { new(Float64).Pow(x, -1) })
}

func TestFloat64SetInt(t *testing.T) {
	big1 := new(big.Int).Lsh(big.NewInt(1), 2000)
	odd := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 60), big.NewInt(1)) // 2^60+1 rounds to 2^60
	p := new(Int).SetCoeffs([]*big.Int{big.NewInt(-3), odd, new(big.Int).Neg(big1)})
	f := new(Float64).SetInt(p)
	assert.Equal(t, []float64{-3, 0x1p60, math.Inf(-1)}, f.Coeffs())
	// Each coefficient is the nearest float64, as big.Float computes it.
	r := newRand(t)
	for range 50 {
		q := randInt(r, 6)
		g := new(Float64).SetInt(q)
		for i, c := range q.c {
			want, _ := new(big.Float).SetInt(c).Float64()
			assert.Equal(t, want, g.Coeff(i))
		}
	}
}
