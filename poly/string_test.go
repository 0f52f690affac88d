package poly

import (
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIntString(t *testing.T) {
	for _, tc := range []struct {
		p    *Int
		want string
	}{
		{NewInt(), "0"},
		{NewInt(0), "0"},
		{NewInt(1), "1"},
		{NewInt(-1), "-1"},
		{NewInt(0, 1), "x"},
		{NewInt(0, -1), "-x"},
		{NewInt(0, 0, 1), "x^2"},
		{NewInt(-1, 0, -1), "-x^2 - 1"},
		{NewInt(3, 8, 15, 10, 6), "6x^4 + 10x^3 + 15x^2 + 8x + 3"},
		{NewInt(3, -2, 0, 1), "x^3 - 2x + 3"},
		{NewInt(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7), "7x^11"},
		{new(Int).SetCoeffs([]*big.Int{new(big.Int).Lsh(big.NewInt(-1), 70)}), "-1180591620717411303424"},
	} {
		assert.Equal(t, tc.want, tc.p.String())
	}
}

func TestRatString(t *testing.T) {
	for _, tc := range []struct {
		p    *Rat
		want string
	}{
		{NewRat(), "0"},
		{NewRatFrac(2, 1), "1/2"},
		{NewRatFrac(2, -1), "-1/2"},
		{NewRatFrac(2, 0, 1), "(1/2)x"},
		{NewRatFrac(2, 0, -1), "-(1/2)x"},
		{NewRatFrac(4, -3, 2, 0, 4), "x^3 + (1/2)x - 3/4"},
		{NewRatFrac(3, 6, -3, 2), "(2/3)x^2 - x + 2"},
	} {
		assert.Equal(t, tc.want, tc.p.String())
	}
}

func TestFloat64String(t *testing.T) {
	for _, tc := range []struct {
		p    *Float64
		want string
	}{
		{NewFloat64(), "0"},
		{NewFloat64(1, -1), "-x + 1"},
		{NewFloat64(0.1, 0, 2.5), "2.5x^2 + 0.1"},
		{NewFloat64(-1e-10, 1e21), "1e+21x - 1e-10"},
		{NewFloat64(math.Inf(-1), math.Inf(1), math.NaN()), "NaN*x^2 + Inf*x - Inf"},
	} {
		assert.Equal(t, tc.want, tc.p.String())
	}
}

func TestSetStringValid(t *testing.T) {
	// Each input with the polynomial it denotes, built from coefficients (ascending).
	ints := []struct {
		in   string
		want *Int
	}{
		{"1+2x+3x^2", NewInt(1, 2, 3)},
		{"6x^4 + 10x^3 + 15x^2 + 8x + 3", NewInt(3, 8, 15, 10, 6)},
		{"  x^2 - x  ", NewInt(0, -1, 1)},
		{"-x", NewInt(0, -1)},
		{"+x", NewInt(0, 1)},
		{"3*x^2", NewInt(0, 0, 3)},
		{"3 * x ^ 2", NewInt(0, 0, 3)},
		{"2x**3", NewInt(0, 0, 0, 2)},
		{"x + x + x^0", NewInt(1, 2)},
		{"x - x", NewInt()},
		{"0", NewInt()},
		{"-0", NewInt()},
		{"0x^7", NewInt()},
		{"5 - 3t + t^2", NewInt(5, -3, 1)},
		{"X^2+X", NewInt(0, 1, 1)},
		{"007x^02", NewInt(0, 0, 7)},
		{"1\n+\tx", NewInt(1, 1)},
		{"3 x", NewInt(0, 3)},
	}
	for _, tc := range ints {
		got, ok := new(Int).SetString(tc.in)
		if assert.True(t, ok, "Int %q", tc.in) {
			assert.True(t, got.Equal(tc.want), "Int %q: got %v, want %v", tc.in, got, tc.want)
		}
		// Every integer polynomial is also a rational and a float one.
		gr, ok := new(Rat).SetString(tc.in)
		if assert.True(t, ok, "Rat %q", tc.in) {
			assert.True(t, gr.Equal(new(Rat).SetInt(tc.want)), "Rat %q: got %v", tc.in, gr)
		}
		gf, ok := new(Float64).SetString(tc.in)
		if assert.True(t, ok, "Float64 %q", tc.in) {
			assert.True(t, gf.Equal(new(Float64).SetInt(tc.want)), "Float64 %q: got %v", tc.in, gf)
		}
	}
	rats := []struct {
		in   string
		want *Rat
	}{
		{"1/2x + 3", NewRatFrac(2, 6, 1)},
		{"(1/2)x + 3", NewRatFrac(2, 6, 1)},
		{"(-1/2)*x", NewRatFrac(2, 0, -1)},
		{"-(-1/2)x", NewRatFrac(2, 0, 1)},
		{"0.25x^2 - .5", NewRatFrac(4, -2, 0, 1)},
		{"2/4", NewRatFrac(2, 1)},
		{"1/3 + 1/3 + 1/3", NewRatFrac(1, 1)},
		{"x^3 + (1/2)x - 3/4", NewRatFrac(4, -3, 2, 0, 4)},
	}
	for _, tc := range rats {
		got, ok := new(Rat).SetString(tc.in)
		if assert.True(t, ok, "Rat %q", tc.in) {
			assert.True(t, got.Equal(tc.want), "Rat %q: got %v, want %v", tc.in, got, tc.want)
		}
	}
	floats := []struct {
		in   string
		want *Float64
	}{
		{"2.5x^2 + 0.1", NewFloat64(0.1, 0, 2.5)},
		{"1e+21x - 1e-10", NewFloat64(-1e-10, 1e21)},
		{"2e3", NewFloat64(2000)},
		{"2E-3x", NewFloat64(0, 0.002)},
		{"2e", NewFloat64(0, 2)},      // e is the variable here
		{"2e^2", NewFloat64(0, 0, 2)}, // and here
		{".5x + 1.", NewFloat64(1, 0.5)},
		{"Inf*x - inf", NewFloat64(math.Inf(-1), math.Inf(1))},
		{"-Infinity x^2", NewFloat64(0, 0, math.Inf(-1))},
	}
	for _, tc := range floats {
		got, ok := new(Float64).SetString(tc.in)
		if assert.True(t, ok, "Float64 %q", tc.in) {
			assert.True(t, got.Equal(tc.want), "Float64 %q: got %v, want %v", tc.in, got, tc.want)
		}
	}
	nan, ok := new(Float64).SetString("NaN*x + 1")
	require.True(t, ok)
	assert.True(t, math.IsNaN(nan.Coeff(1)) && nan.Coeff(0) == 1 && nan.Degree() == 1)
}

func TestSetStringMalformed(t *testing.T) {
	bad := []string{
		"", " ", "+", "-", "x^", "3x^-1", "x^-1", "++x", "+-x", "x - -x", "x^2.5", "x^x",
		"2 3", "x2", "x x", "3x^2x", "xy", "x + y", "2*", "*x", "2**x", "x^^2", "x^*2",
		"3x +", "+ 3x -", "()", "(x)", "(1/2", "1/2)", "((1))", "x^(2)", "2^3", "1 2x",
		"x^99999999999", "x^1048577", "x^99999999999999999999999999999", "abc", "sin x",
		"\u22122x", "2·x", "x²", "1_000", "0x10", "3 x 2", "-", ",", "x,", "1.2.3",
	}
	// Coefficient syntax beyond what each type reads.
	badInt := append([]string{"1/2x", "0.5", ".5x", "1e3", "Inf", "NaN", "(1/2)x"}, bad...)
	badRat := append([]string{"1/0x", "1/0", "1/", "1/x", "1/-2", "1e3", "Inf", "1.5/2", "1/2/3", "."}, bad...)
	badFloat := append([]string{"1/2x", "1e999", "-1e400x", "Infx", "NaNx", "in", "."}, bad...)
	for _, s := range badInt {
		z := NewInt(4, 2)
		got, ok := z.SetString(s)
		assert.False(t, ok, "Int %q accepted as %v", s, got)
		assert.Nil(t, got)
		assert.True(t, z.Equal(NewInt(4, 2)), "Int %q: receiver changed", s)
	}
	for _, s := range badRat {
		got, ok := new(Rat).SetString(s)
		assert.False(t, ok, "Rat %q accepted as %v", s, got)
		assert.Nil(t, got)
	}
	for _, s := range badFloat {
		got, ok := new(Float64).SetString(s)
		assert.False(t, ok, "Float64 %q accepted as %v", s, got)
		assert.Nil(t, got)
	}
}

func TestSetStringLimit(t *testing.T) {
	deg := MaxParseDegree
	p, ok := new(Float64).SetString("x^" + strconv.Itoa(deg) + " + 1")
	require.True(t, ok)
	assert.Equal(t, deg, p.Degree())
	_, ok = new(Float64).SetString("x^" + strconv.Itoa(deg+1))
	assert.False(t, ok)
	// Many terms: the work is linear in the length of the text.
	long := strings.Repeat("x^1000 + ", 10000) + "1"
	q, ok := new(Int).SetString(long)
	require.True(t, ok)
	assert.Equal(t, int64(10000), q.Coeff(1000).Int64())
}

func TestStringRoundTrip(t *testing.T) {
	r := newRand(t)
	for range 300 {
		p := randInt(r, 12)
		got, ok := new(Int).SetString(p.String())
		assert.True(t, ok && got.Equal(p), "Int %q", p)
		q := randRat(r, 12)
		gq, ok := new(Rat).SetString(q.String())
		assert.True(t, ok && gq.Equal(q), "Rat %q", q)
		f := randFloat64(r, 12, r.IntN(2) == 0)
		for i := range f.c {
			if r.IntN(4) == 0 {
				f.c[i] = math.Ldexp(f.c[i], r.IntN(2000)-1000) // extreme exponents
			}
		}
		f.c = normalizeF(f.c)
		gf, ok := new(Float64).SetString(f.String())
		assert.True(t, ok && gf.Equal(f), "Float64 %q", f)
	}
}

// FuzzSetString feeds arbitrary text to the three parsers: they must not panic, whatever
// they accept must be normalized, and printing it must read back to the same polynomial.
func FuzzSetString(f *testing.F) {
	for _, s := range []string{
		"1+2x+3x^2", "x^2 - x", "1/2x + 3", "(1/2)x^2 - (3/4)x + 5/6", "3*x^2", "2e+3x - 1e-7",
		"Inf*x - NaN", "x^99999999999", "++x", "x^", "(", "1/0x", "t^3 + t", ".5x**2", "-(-1/2)x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, ok := new(Int).SetString(s); ok {
			checkInt(t, p)
			back, ok := new(Int).SetString(p.String())
			if !ok || !back.Equal(p) {
				t.Fatalf("Int %q: %q does not read back", s, p)
			}
		}
		if p, ok := new(Rat).SetString(s); ok {
			if n := len(p.c); n > 0 && p.c[n-1].Sign() == 0 {
				t.Fatalf("Rat %q not normalized", s)
			}
			back, ok := new(Rat).SetString(p.String())
			if !ok || !back.Equal(p) {
				t.Fatalf("Rat %q: %q does not read back", s, p)
			}
		}
		if p, ok := new(Float64).SetString(s); ok {
			if n := len(p.c); n > 0 && p.c[n-1] == 0 {
				t.Fatalf("Float64 %q not normalized", s)
			}
			back, ok := new(Float64).SetString(p.String())
			if !ok || (!back.Equal(p) && !hasNaN(p)) {
				t.Fatalf("Float64 %q: %q does not read back", s, p)
			}
		}
	})
}

func hasNaN(p *Float64) bool {
	for _, v := range p.c {
		if math.IsNaN(v) {
			return true
		}
	}
	return false
}

// FuzzStringRoundTrip builds polynomials from arbitrary bytes and checks that
// SetString(p.String()) equals p for all three types.
func FuzzStringRoundTrip(f *testing.F) {
	f.Add([]byte{1, 2, 3}, uint8(0))
	f.Add([]byte{0xff, 0, 0x80, 7, 0, 0, 1}, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, den uint8) {
		if len(data) > 64 {
			data = data[:64]
		}
		ic := make([]*big.Int, 0, len(data)/2)
		rc := make([]*big.Rat, 0, len(data)/2)
		fc := make([]float64, 0, len(data)/8)
		for i := 0; i+1 < len(data); i += 2 {
			v := big.NewInt(int64(int16(uint16(data[i])<<8 | uint16(data[i+1]))))
			v.Lsh(v, uint(data[i]%4)*40) // some coefficients beyond 64 bits
			ic = append(ic, v)
			rc = append(rc, new(big.Rat).SetFrac(v, big.NewInt(int64(den)+int64(i)+1)))
		}
		for i := 0; i+7 < len(data); i += 8 {
			var u uint64
			for _, b := range data[i : i+8] {
				u = u<<8 | uint64(b)
			}
			if v := math.Float64frombits(u); !math.IsNaN(v) {
				fc = append(fc, v)
			}
		}
		p := new(Int).SetCoeffs(ic)
		if back, ok := new(Int).SetString(p.String()); !ok || !back.Equal(p) {
			t.Fatalf("Int %q does not read back", p)
		}
		q := new(Rat).SetCoeffs(rc)
		if back, ok := new(Rat).SetString(q.String()); !ok || !back.Equal(q) {
			t.Fatalf("Rat %q does not read back", q)
		}
		g := NewFloat64(fc...)
		if back, ok := new(Float64).SetString(g.String()); !ok || !back.Equal(g) {
			t.Fatalf("Float64 %q does not read back", g)
		}
	})
}

func TestStringNil(t *testing.T) {
	var (
		p *Int
		q *Rat
		f *Float64
	)
	assert.Equal(t, "<nil>", p.String())
	assert.Equal(t, "<nil>", q.String())
	assert.Equal(t, "<nil>", f.String())
}

func TestMarshalText(t *testing.T) {
	type doc struct {
		P *Int
		Q *Rat
		F *Float64
	}
	in := doc{NewInt(3, 8, 15, 10, 6), NewRatFrac(2, 1, 0, -3), NewFloat64(0.25, 1)}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Equal(t, `{"P":"6x^4 + 10x^3 + 15x^2 + 8x + 3","Q":"-(3/2)x^2 + 1/2","F":"x + 0.25"}`, string(b))
	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	assert.True(t, out.P.Equal(in.P) && out.Q.Equal(in.Q) && out.F.Equal(in.F), "%+v", out)

	z := NewInt(1)
	err = z.UnmarshalText([]byte("x^"))
	assert.EqualError(t, err, `poly: cannot unmarshal "x^" into a *poly.Int`)
	assert.True(t, z.Equal(NewInt(1)), "z changed on failure")
	assert.Error(t, new(Rat).UnmarshalText([]byte("1/0")))
	assert.Error(t, new(Float64).UnmarshalText([]byte(strings.Repeat("x", 100))))
}

func BenchmarkIntSetString(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{10, 1000} {
		s := new(Int).SetCoeffs(randIntsBits(r, n, 64)).String()
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			z := new(Int)
			for b.Loop() {
				z.SetString(s)
			}
		})
	}
}

func BenchmarkIntString(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{10, 1000} {
		p := new(Int).SetCoeffs(randIntsBits(r, n, 64))
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = p.String()
			}
		})
	}
}
