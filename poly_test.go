package polyconv_test

// End-to-end agreement across packages: ntt against math/big, exact against ntt, poly against
// exact, dist against poly, and exact against the checksums printed by the FLINT/NTL reference
// harness in shared/bench on the shared benchmark grid.

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/dist"
	"github.com/polyconv/polyconv/exact"
	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/ntt"
	"github.com/polyconv/polyconv/poly"
)

// naiveBig is the textbook product with math/big, the independent reference for every check.
func naiveBig(x, y []*big.Int) []*big.Int {
	if len(x) == 0 || len(y) == 0 {
		return nil
	}
	z := make([]*big.Int, len(x)+len(y)-1)
	for i := range z {
		z[i] = new(big.Int)
	}
	t := new(big.Int)
	for i, a := range x {
		for j, b := range y {
			z[i+j].Add(z[i+j], t.Mul(a, b))
		}
	}
	return z
}

func randInts(r *rand.Rand, n, bits int, signed bool) []*big.Int {
	out := make([]*big.Int, n)
	for i := range out {
		words := make([]big.Word, (bits+63)/64)
		for j := range words {
			words[j] = big.Word(r.Uint64())
		}
		v := new(big.Int).SetBits(words)
		v.Rsh(v, uint(len(words)*64-r.IntN(bits+1)))
		if signed && r.IntN(2) == 0 {
			v.Neg(v)
		}
		out[i] = v
	}
	return out
}

func toUint64Mod(x []*big.Int, p uint64) []uint64 {
	out := make([]uint64, len(x))
	bp := new(big.Int).SetUint64(p)
	m := new(big.Int)
	for i, v := range x {
		out[i] = m.Mod(v, bp).Uint64()
	}
	return out
}

// TestNTTAgreesWithMathBig: ntt products equal math/big products reduced mod p, for several
// table primes, the benchmark prime, and lengths around powers of two.
func TestNTTAgreesWithMathBig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	primes := []uint64{ntt.Primes[0], ntt.Primes[len(ntt.Primes)-1], grid.NTTPrime}
	lengths := [][2]int{{1, 1}, {3, 700}, {255, 257}, {512, 513}, {1023, 1025}, {4096, 4096}}
	for _, p := range primes {
		m, err := ntt.NewModulus(p)
		if err != nil {
			t.Fatalf("NewModulus(%d): %v", p, err)
		}
		for _, l := range lengths {
			x := randInts(r, l[0], 64, false)
			y := randInts(r, l[1], 64, false)
			got := m.Convolve(nil, toUint64Mod(x, p), toUint64Mod(y, p))
			want := toUint64Mod(naiveBig(x, y), p)
			if len(got) != len(want) {
				t.Fatalf("p=%d lengths %v: len %d, want %d", p, l, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("p=%d lengths %v: coefficient %d = %d, want %d", p, l, i, got[i], want[i])
				}
			}
		}
	}
}

// TestExactAgreesWithNTTAndMathBig: every exact algorithm equals math/big, and reduced mod a
// prime it equals ntt's product of the reduced inputs.
func TestExactAgreesWithNTTAndMathBig(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	m, err := ntt.NewModulus(ntt.Primes[1])
	if err != nil {
		t.Fatal(err)
	}
	algs := []exact.Algorithm{exact.Auto, exact.Schoolbook, exact.Karatsuba, exact.MultiModular, exact.Kronecker}
	for _, c := range []struct{ n, m, bits int }{{1, 1, 1}, {17, 300, 64}, {200, 200, 300}, {513, 64, 2000}, {1000, 999, 64}} {
		x := randInts(r, c.n, c.bits, true)
		y := randInts(r, c.m, c.bits, true)
		want := naiveBig(x, y)
		viaNTT := m.Convolve(nil, toUint64Mod(x, m.P()), toUint64Mod(y, m.P()))
		for _, alg := range algs {
			got := exact.MulUsing(alg, nil, x, y)
			if len(got) != len(want) {
				t.Fatalf("%v %+v: len %d, want %d", alg, c, len(got), len(want))
			}
			for i := range want {
				if got[i].Cmp(want[i]) != 0 {
					t.Fatalf("%v %+v: coefficient %d differs from math/big", alg, c, i)
				}
			}
			red := toUint64Mod(got, m.P())
			for i := range red {
				if red[i] != viaNTT[i] {
					t.Fatalf("%v %+v: coefficient %d mod p differs from ntt", alg, c, i)
				}
			}
		}
	}
}

// TestGridChecksums: the products the packages compute on the shared grid reproduce the
// checksums that the reference harness printed for FLINT and NTL (grid.MulChecksum,
// grid.PowChecksum, grid.ModPChecksum). Only the points that are quick to compute are used here;
// the package tests cover the rest.
func TestGridChecksums(t *testing.T) {
	for c, want := range grid.MulChecksum {
		if c.N*c.Bits > 2e6 {
			continue
		}
		x := grid.Ints(grid.SeedA, c.N, c.Bits)
		y := grid.Ints(grid.SeedB, c.N, c.Bits)
		if got := grid.Checksum(exact.Mul(nil, x, y)); got != want {
			t.Errorf("exact.Mul n=%d bits=%d: checksum %d, harness printed %d", c.N, c.Bits, got, want)
		}
	}
	for c, want := range grid.PowChecksum {
		if c.N > 1000 {
			continue
		}
		if got := grid.Checksum(exact.Pow(nil, grid.Dice(c.Sides), c.N)); got != want {
			t.Errorf("exact.Pow (x+…+x^%d)^%d: checksum %d, FLINT printed %d", c.Sides, c.N, got, want)
		}
	}
	m, err := ntt.NewModulus(grid.NTTPrime)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1 << 16
	c := m.Convolve(nil, grid.ModP(grid.SeedA, n, grid.NTTPrime), grid.ModP(grid.SeedB, n, grid.NTTPrime))
	if got, want := grid.ChecksumUint64(c), grid.ModPChecksum[n]; got != want {
		t.Errorf("ntt single-prime n=2^16: checksum %d, NTL printed %d", got, want)
	}
}

// TestPolyAgreesWithExact: poly.Int products are exact's products, and the text form round trips.
func TestPolyAgreesWithExact(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	x := randInts(r, 300, 200, true)
	y := randInts(r, 41, 200, true)
	px := new(poly.Int).SetCoeffs(x)
	py := new(poly.Int).SetCoeffs(y)
	prod := new(poly.Int).Mul(px, py)
	want := naiveBig(x, y)
	for i, w := range want {
		if prod.Coeff(i).Cmp(w) != 0 {
			t.Fatalf("coefficient %d of poly.Int product differs from math/big", i)
		}
	}
	back, ok := new(poly.Int).SetString(prod.String())
	if !ok || !back.Equal(prod) {
		t.Fatal("SetString(String(p)) is not p")
	}
}

// TestDiceAgreesWithPoly: the weights of NdS are the coefficients of (x+…+x^S)^N, whether the
// distribution comes from dist.Die, from dice notation, or from poly.Int.Pow.
func TestDiceAgreesWithPoly(t *testing.T) {
	for _, c := range []struct{ n, s int }{{1, 6}, {3, 6}, {10, 20}, {57, 4}} {
		die := new(poly.Int).SetCoeffs(grid.Dice(c.s))
		want := new(poly.Int).Pow(die, c.n)
		d := new(dist.Dist).Repeat(dist.Die(c.s), c.n)
		parsed, err := dist.Parse(fmt.Sprintf("%dd%d", c.n, c.s))
		if err != nil {
			t.Fatal(err)
		}
		if !parsed.Equal(d) {
			t.Fatalf("%dd%d: Parse disagrees with Repeat(Die)", c.n, c.s)
		}
		if d.Lo() != c.n || d.Hi() != c.n*c.s {
			t.Fatalf("%dd%d: support %d..%d", c.n, c.s, d.Lo(), d.Hi())
		}
		total := new(big.Int)
		for k := d.Lo(); k <= d.Hi(); k++ {
			w := d.Weight(k)
			total.Add(total, w)
			if w.Cmp(want.Coeff(k)) != 0 {
				t.Fatalf("%dd%d: weight of %d is %v, polynomial coefficient %v", c.n, c.s, k, w, want.Coeff(k))
			}
		}
		if total.Cmp(d.Total()) != 0 || total.Cmp(new(big.Int).Exp(big.NewInt(int64(c.s)), big.NewInt(int64(c.n)), nil)) != 0 {
			t.Fatalf("%dd%d: total %v", c.n, c.s, total)
		}
	}
}

// Example multiplies two polynomials exactly, and reads the distribution of 3d6 off the cube of
// x + x^2 + … + x^6.
func Example() {
	p, _ := new(poly.Int).SetString("1 + 2x + 3x^2")
	q, _ := new(poly.Int).SetString("3 + 2x + 2x^2")
	fmt.Println(new(poly.Int).Mul(p, q))

	d, _ := dist.Parse("3d6")
	fmt.Println(d.ProbRat(10), d.MeanRat())
	// Output:
	// 6x^4 + 10x^3 + 15x^2 + 8x + 3
	// 1/8 21/2
}
