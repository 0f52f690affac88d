package exact

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naiveMul2D is the independent reference: the quadruple loop with fresh big.Ints.
func naiveMul2D(x, y [][]*big.Int) [][]*big.Int {
	if len(x) == 0 || len(y) == 0 || len(x[0]) == 0 || len(y[0]) == 0 {
		return [][]*big.Int{}
	}
	R, C := len(x)+len(y)-1, len(x[0])+len(y[0])-1
	z := make([][]*big.Int, R)
	for i := range z {
		z[i] = make([]*big.Int, C)
		for j := range z[i] {
			z[i][j] = new(big.Int)
		}
	}
	var t big.Int
	for a := range x {
		for b := range x[a] {
			for c := range y {
				for d := range y[c] {
					if x[a][b] != nil && y[c][d] != nil {
						z[a+c][b+d].Add(z[a+c][b+d], t.Mul(x[a][b], y[c][d]))
					}
				}
			}
		}
	}
	return z
}

// randMatrix2D returns an r×c operand of entries of up to bits bits (randPoly's mix of
// zeros, signs, extremes and nil entries).
func randMatrix2D(rng *rand.Rand, r, c, bits int) [][]*big.Int {
	m := make([][]*big.Int, r)
	for i := range m {
		m[i] = randPoly(rng, c, bits, true)
		for j := range m[i] {
			if rng.IntN(10) == 0 {
				m[i][j] = nil
			}
		}
	}
	return m
}

func checkMul2D(t *testing.T, want, got [][]*big.Int, msg string) {
	t.Helper()
	require.Equal(t, len(want), len(got), msg)
	for i := range want {
		require.Equal(t, len(want[i]), len(got[i]), "%s: row %d", msg, i)
		for j := range want[i] {
			if want[i][j].Cmp(got[i][j]) != 0 {
				t.Fatalf("%s: [%d][%d] = %v, want %v", msg, i, j, got[i][j], want[i][j])
			}
		}
	}
}

// TestMul2D checks Mul2D against the quadruple loop on random shapes (1×N, N×1, squares,
// unequal operands) and entry sizes up to 200 bits, on both of its paths, with dst nil and
// reused.
func TestMul2D(t *testing.T) {
	defer func(m int) { mul2DDirectMax = m }(mul2DDirectMax)
	rng := rand.New(rand.NewPCG(41, 42))
	shapes := [][4]int{{1, 1, 1, 1}, {1, 7, 1, 5}, {7, 1, 5, 1}, {1, 9, 6, 1}, {3, 4, 5, 2}, {16, 17, 15, 16}, {2, 33, 31, 3}, {40, 3, 2, 40}, {30, 30, 30, 30}}
	for range 20 {
		shapes = append(shapes, [4]int{1 + rng.IntN(20), 1 + rng.IntN(20), 1 + rng.IntN(20), 1 + rng.IntN(20)})
	}
	for _, s := range shapes {
		for _, bits := range []int{1, 64, 200} {
			x, y := randMatrix2D(rng, s[0], s[1], bits), randMatrix2D(rng, s[2], s[3], bits)
			want := naiveMul2D(x, y)
			for _, direct := range []int{1 << 10, 0} {
				mul2DDirectMax = direct
				msg := fmt.Sprintf("%v bits=%d direct≤%d", s, bits, direct)
				checkMul2D(t, want, Mul2D(nil, x, y), msg)
				// dst reused: stale values, and a nil entry to allocate.
				dst := make([][]*big.Int, len(want))
				for i := range dst {
					dst[i] = make([]*big.Int, len(want[i]))
					for j := range dst[i] {
						dst[i][j] = big.NewInt(int64(i*j - 7))
					}
				}
				dst[0][0] = nil
				keep := dst[len(dst)-1][len(dst[0])-1]
				got := Mul2D(dst, x, y)
				checkMul2D(t, want, got, msg+" dst reused")
				if keep != nil {
					assert.Same(t, keep, got[len(got)-1][len(got[0])-1], "dst's entries reused")
				}
			}
		}
	}
}

// TestMul2DEdges checks empty operands, ragged operands, a wrong dst and dst aliasing x.
func TestMul2DEdges(t *testing.T) {
	one := [][]*big.Int{{big.NewInt(3)}}
	for _, e := range [][][]*big.Int{nil, {}, {{}}, {{}, {}}} {
		assert.Empty(t, Mul2D(nil, e, one))
		assert.Empty(t, Mul2D(nil, one, e))
	}
	ragged := [][]*big.Int{{big.NewInt(1), big.NewInt(2)}, {big.NewInt(3)}}
	assert.PanicsWithValue(t, "exact: rows of x have different lengths", func() { Mul2D(nil, ragged, one) })
	assert.PanicsWithValue(t, "exact: rows of y have different lengths", func() { Mul2D(nil, one, ragged) })
	assert.PanicsWithValue(t, "exact: wrong dst shape", func() { Mul2D([][]*big.Int{{nil, nil}}, one, one) })
	assert.PanicsWithValue(t, "exact: wrong dst shape", func() { Mul2D([][]*big.Int{{nil}}, one, [][]*big.Int{{}}) })
	// dst = x: a 1×1 y keeps x's shape.
	defer func(m int) { mul2DDirectMax = m }(mul2DDirectMax)
	rng := rand.New(rand.NewPCG(43, 44))
	for _, direct := range []int{1 << 10, 0} {
		mul2DDirectMax = direct
		x := randMatrix2D(rng, 6, 5, 100)
		for i := range x {
			for j := range x[i] {
				if x[i][j] == nil {
					x[i][j] = new(big.Int)
				}
			}
		}
		y := [][]*big.Int{{big.NewInt(-5)}}
		want := naiveMul2D(x, y)
		checkMul2D(t, want, Mul2D(x, x, y), fmt.Sprintf("dst = x, direct≤%d", direct))
	}
}

// BenchmarkMul2D times Mul2D on n×n ⊛ n×n of bits-bit entries (the grid's generator, row by
// row) beside exact.Mul on its Kronecker-equivalent 1-D product: the operands flattened with
// rows 2n−1 entries apart.
func BenchmarkMul2D(b *testing.B) {
	for _, c := range []struct{ n, bits int }{{64, 64}, {256, 64}} {
		n := c.n
		rows := func(seed uint64) [][]*big.Int {
			v := grid.Ints(seed, n*n, c.bits)
			m := make([][]*big.Int, n)
			for i := range m {
				m[i] = v[i*n : (i+1)*n]
			}
			return m
		}
		x, y := rows(grid.SeedA), rows(grid.SeedB)
		b.Run(fmt.Sprintf("n=%d/bits=%d/impl=mul2d", n, c.bits), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Mul2D(nil, x, y)
			}
		})
		C := 2*n - 1
		fx, fy := make([]*big.Int, (n-1)*C+n), make([]*big.Int, (n-1)*C+n)
		for i := range n {
			copy(fx[i*C:], x[i])
			copy(fy[i*C:], y[i])
		}
		b.Run(fmt.Sprintf("n=%d/bits=%d/impl=mul1d", n, c.bits), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Mul(nil, fx, fy)
			}
		})
	}
}
