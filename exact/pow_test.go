package exact

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/stretchr/testify/assert"
)

// naivePow is the reference: n−1 naive multiplications.
func naivePow(x []*big.Int, n int) []*big.Int {
	if n == 0 {
		return []*big.Int{big.NewInt(1)}
	}
	r := x
	for range n - 1 {
		r = naiveMul(r, x)
	}
	if len(x) == 0 {
		return []*big.Int{}
	}
	return copyInts(r)
}

func ints(v ...int64) []*big.Int {
	out := make([]*big.Int, len(v))
	for i, c := range v {
		out[i] = big.NewInt(c)
	}
	return out
}

func TestPowAgainstRepeatedMul(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	bases := [][]*big.Int{
		{}, ints(0), ints(5), ints(-3), ints(0, 0), ints(1, 1), ints(0, 1), ints(1, -1),
		ints(0, 0, 2, 0), ints(0, 1, 1, 1, 1, 1, 1), ints(3, 3, 3), ints(-2, -2, -2, -2),
		ints(0, 0, 7, 7, 7, 7, 0, 0), ints(1, 2, 3), ints(2, 0, 1), ints(-1, 4, 0, -4, 1),
		ints(5, 0, 0, 3), ints(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
		{nil, big.NewInt(1), nil, big.NewInt(2)},
		{new(big.Int).Lsh(big.NewInt(1), 100), big.NewInt(-1), new(big.Int).Lsh(big.NewInt(3), 70)},
		{big.NewInt(1 << 40), big.NewInt(-1 << 40), big.NewInt(1<<40 - 1)},
	}
	for range 6 {
		bases = append(bases, randPoly(r, 2+r.IntN(6), 1+r.IntN(80), true))
	}
	bases = append(bases, randPoly(r, 40, 10, true), randPoly(r, 31, 3, false))
	for bi, x := range bases {
		for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 8, 13, 20} {
			want := naivePow(x, n)
			equalInts(t, Pow(nil, x, n), want, fmt.Sprintf("base %d n=%d", bi, n))
		}
	}
}

func TestPowPaths(t *testing.T) {
	// Each internal path against repeated multiplication.
	r := rand.New(rand.NewPCG(23, 24))
	for range 20 {
		q := randPoly(r, 2+r.IntN(5), 1+r.IntN(20), true)
		q[0].SetInt64(int64(1 + r.IntN(5)))
		q[len(q)-1].SetInt64(int64(-1 - r.IntN(5)))
		n := 1 + r.IntN(12)
		want := naivePow(q, n)
		equalInts(t, powMillerBig(q, n), want, "millerBig")
		if got := powMillerWord(q, n); got != nil {
			equalInts(t, got, want, "millerWord")
		}
		equalInts(t, powBinary(q, n), want, "binary")
	}
	for s := 2; s <= 9; s++ {
		for _, n := range []int{1, 2, 3, 5, 10, 31} {
			q := make([]*big.Int, s)
			for i := range q {
				q[i] = big.NewInt(1)
			}
			equalInts(t, powRun(s, n), naivePow(q, n), fmt.Sprintf("run s=%d n=%d", s, n))
		}
	}
}

func TestPowDice(t *testing.T) {
	// Checksums printed by the reference harness (FLINT fmpz_poly_pow of x+…+x^s).
	for c, sum := range grid.PowChecksum {
		got := Pow(nil, grid.Dice(c.Sides), c.N)
		assert.Equal(t, sum, grid.Checksum(got), "s=%d n=%d", c.Sides, c.N)
	}
	// And against repeated Mul for a few dice.
	for _, s := range []int{2, 6, 20} {
		d := grid.Dice(s)
		want := []*big.Int{big.NewInt(1)}
		for n := 1; n <= 12; n++ {
			want = Mul(nil, want, d)
			equalInts(t, Pow(nil, d, n), want, fmt.Sprintf("dice s=%d n=%d", s, n))
		}
	}
}

// TestPowRun compares the fused run recurrence with binary powering (and, for small cases,
// with repeated naive products) on many shapes: s = 2 (every k+1 even or odd), large s, and n
// large enough for multi-word coefficients; and checks that mirrored entries of the symmetric
// result do not share storage.
func TestPowRun(t *testing.T) {
	cases := [][2]int{{2, 1}, {2, 2}, {2, 3}, {2, 64}, {2, 200}, {3, 1}, {3, 7}, {6, 1}, {6, 2}, {6, 3}, {6, 100}, {6, 1000}, {7, 33}, {20, 50}, {100, 3}, {1000, 5}, {64, 40}}
	for _, c := range cases {
		s, n := c[0], c[1]
		run := make([]*big.Int, s)
		for i := range run {
			run[i] = big.NewInt(1)
		}
		var want []*big.Int
		if n <= 3 {
			want = naivePow(run, n)
		} else {
			want = powBinary(run, n)
		}
		name := fmt.Sprintf("run s=%d n=%d", s, n)
		equalInts(t, powRun(s, n), want, name)
		got := Pow(nil, run, n)
		equalInts(t, got, want, name+" Pow")
		for i := range len(got) / 2 {
			j := len(got) - 1 - i
			got[i].Add(got[i], big.NewInt(1))
			if got[j].Cmp(want[j]) != 0 {
				t.Fatalf("%s: changing coefficient %d changed its mirror %d", name, i, j)
			}
		}
	}
}

func TestPowDst(t *testing.T) {
	x := ints(0, 1, 2)
	want := naivePow(x, 3)
	xc := copyInts(x)
	dst := make([]*big.Int, 7)
	dst[0], dst[3], dst[6] = xc[0], xc[1], xc[2]
	equalInts(t, Pow(dst, xc, 3), want, "dst shares x")
	one := Pow([]*big.Int{big.NewInt(99)}, nil, 0)
	equalInts(t, one, ints(1), "0^0")
	assert.Empty(t, Pow(nil, nil, 3))
	equalInts(t, Pow(nil, ints(0, 0), 3), ints(0, 0, 0, 0), "zero base")
	d := make([]*big.Int, 4)
	d[1] = big.NewInt(7)
	equalInts(t, Pow(d, ints(0, 0), 3), ints(0, 0, 0, 0), "zero base into dst")
}

func TestMulRat(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	randRats := func(n int) []*big.Rat {
		out := make([]*big.Rat, n)
		for i := range out {
			if r.IntN(7) == 0 {
				continue // nil entry: zero
			}
			num := randPoly(r, 1, 1+r.IntN(90), true)[0]
			den := randPoly(r, 1, 1+r.IntN(40), false)[0]
			if den.Sign() == 0 {
				den.SetInt64(1)
			}
			out[i] = new(big.Rat).SetFrac(num, den)
		}
		return out
	}
	for _, sz := range [][2]int{{1, 1}, {1, 5}, {3, 4}, {20, 30}, {100, 7}} {
		x, y := randRats(sz[0]), randRats(sz[1])
		got := MulRat(nil, x, y)
		// Reference: Σ num_i num_j / (den_i den_j) summed directly with big.Rat.
		for k := range got {
			want := new(big.Rat)
			for i := range x {
				j := k - i
				if j < 0 || j >= len(y) || x[i] == nil || y[j] == nil {
					continue
				}
				want.Add(want, new(big.Rat).Mul(x[i], y[j]))
			}
			assert.Zero(t, got[k].Cmp(want), "MulRat %v coefficient %d", sz, k)
		}
		sq := MulRat(nil, x, x)
		want := MulRat(nil, x, append([]*big.Rat(nil), x...))
		for k := range sq {
			assert.Zero(t, sq[k].Cmp(want[k]), "MulRat square %d", k)
		}
	}
	// dst == x with len(y) == 1.
	x := []*big.Rat{big.NewRat(1, 2), big.NewRat(-2, 3)}
	got := MulRat(x, x, []*big.Rat{big.NewRat(3, 4)})
	assert.Zero(t, got[0].Cmp(big.NewRat(3, 8)))
	assert.Zero(t, got[1].Cmp(big.NewRat(-1, 2)))
}

func TestPowLongBase(t *testing.T) {
	// A base longer than millerMaxLen with a large exponent takes Miller's recurrence; a short
	// exponent takes binary powering. Both against repeated Mul.
	r := rand.New(rand.NewPCG(27, 28))
	q := randPoly(r, millerMaxLen+1, 2, true)
	q[0].SetInt64(2)
	q[len(q)-1].SetInt64(-3)
	for _, n := range []int{3, millerExpFactor * len(q)} {
		want := []*big.Int{big.NewInt(1)}
		for range n {
			want = Mul(nil, want, q)
		}
		equalInts(t, Pow(nil, q, n), want, fmt.Sprintf("long base n=%d", n))
	}
}
