package exact

// Reviewer's adversarial tests of Mul2D against a reference written here: a quadruple loop
// that reads every entry through its own zero-for-nil rule.

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// rvMul2DRef is dst[i][j] = Σ x[a][b]·y[i−a][j−b] by four loops, nil read as zero; nil for
// an empty operand.
func rvMul2DRef(x, y [][]*big.Int) [][]*big.Int {
	if len(x) == 0 || len(y) == 0 || len(x[0]) == 0 || len(y[0]) == 0 {
		return nil
	}
	R, C := len(x)+len(y)-1, len(x[0])+len(y[0])-1
	out := make([][]*big.Int, R)
	for i := range out {
		out[i] = make([]*big.Int, C)
		for j := range out[i] {
			out[i][j] = new(big.Int)
		}
	}
	var p big.Int
	for a := range x {
		for b := range x[a] {
			for c := range y {
				for d := range y[c] {
					if x[a][b] != nil && y[c][d] != nil {
						out[a+c][b+d].Add(out[a+c][b+d], p.Mul(x[a][b], y[c][d]))
					}
				}
			}
		}
	}
	return out
}

// rvRand2D returns an r×c operand with entries of up to bits bits, random signs, and a
// fraction of nil entries and of entries ±2^bits−1 (all ones).
func rvRand2D(rng *rand.Rand, r, c, bits int) [][]*big.Int {
	m := make([][]*big.Int, r)
	for i := range m {
		m[i] = make([]*big.Int, c)
		for j := range m[i] {
			switch rng.IntN(10) {
			case 0: // nil
			case 1:
				v := new(big.Int).Lsh(big.NewInt(1), uint(bits))
				v.Sub(v, big.NewInt(1))
				if rng.IntN(2) == 0 {
					v.Neg(v)
				}
				m[i][j] = v
			default:
				v := new(big.Int)
				for range (bits + 62) / 63 {
					v.Lsh(v, 63).Or(v, big.NewInt(int64(rng.Uint64()>>1)))
				}
				v.Rsh(v, uint((bits+62)/63*63-bits))
				if rng.IntN(2) == 0 {
					v.Neg(v)
				}
				m[i][j] = v
			}
		}
	}
	return m
}

func rvCheck2D(t *testing.T, name string, want, got [][]*big.Int) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%s: %d rows, want %d", name, len(got), len(want))
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("%s: row %d has %d entries, want %d", name, i, len(got[i]), len(want[i]))
		}
		for j := range want[i] {
			if got[i][j] == nil || got[i][j].Cmp(want[i][j]) != 0 {
				t.Fatalf("%s: [%d][%d] = %v, want %v", name, i, j, got[i][j], want[i][j])
			}
		}
	}
}

func rvCopy2D(m [][]*big.Int) [][]*big.Int {
	c := make([][]*big.Int, len(m))
	for i := range m {
		c[i] = make([]*big.Int, len(m[i]))
		for j, v := range m[i] {
			if v != nil {
				c[i][j] = new(big.Int).Set(v)
			}
		}
	}
	return c
}

// TestReviewMul2DShapes: random shapes on both sides of the direct/Mul switch (1×N, N×1,
// unequal), entries of 1 to 300 bits with nil and all-ones entries; x and y unchanged.
func TestReviewMul2DShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	shapes := [][4]int{{1, 1, 1, 1}, {1, 40, 1, 40}, {40, 1, 40, 1}, {1, 50, 30, 1}, {30, 1, 1, 50},
		{6, 6, 6, 6}, {5, 7, 6, 6}, {32, 32, 1, 1}, {1, 1, 33, 31}, {9, 17, 13, 5}, {20, 3, 2, 40}, {64, 64, 3, 3}}
	for it := range 30 {
		shapes = append(shapes, [4]int{1 + rng.IntN(25), 1 + rng.IntN(25), 1 + rng.IntN(25), 1 + rng.IntN(25)})
		_ = it
	}
	for _, s := range shapes {
		for _, bits := range []int{1, 63, 64, 65, 300} {
			x, y := rvRand2D(rng, s[0], s[1], bits), rvRand2D(rng, s[2], s[3], bits)
			x0, y0 := rvCopy2D(x), rvCopy2D(y)
			name := fmt.Sprintf("%v bits=%d", s, bits)
			want := rvMul2DRef(x, y)
			rvCheck2D(t, name, want, Mul2D(nil, x, y))
			for i := range x {
				for j := range x[i] {
					if (x[i][j] == nil) != (x0[i][j] == nil) || x[i][j] != nil && x[i][j].Cmp(x0[i][j]) != 0 {
						t.Fatalf("%s: x modified", name)
					}
				}
			}
			for i := range y {
				for j := range y[i] {
					if (y[i][j] == nil) != (y0[i][j] == nil) || y[i][j] != nil && y[i][j].Cmp(y0[i][j]) != 0 {
						t.Fatalf("%s: y modified", name)
					}
				}
			}
		}
	}
}

// TestReviewMul2DDstBacked: dst whose rows are slices of the caller's own flat storage, with
// some nil entries and some reused ones (garbage values). The doc: "its non-nil entries are
// reused as storage and its nil entries allocated". The caller's storage must hold the
// result afterwards on both paths (direct and through Mul): every entry it reads non-nil and
// equal to the product, and the non-nil entries the very same big.Ints.
func TestReviewMul2DDstBacked(t *testing.T) {
	rng := rand.New(rand.NewPCG(53, 54))
	for _, s := range [][4]int{{3, 4, 2, 5}, {20, 20, 10, 10}, {40, 40, 1, 1}} {
		x, y := rvRand2D(rng, s[0], s[1], 70), rvRand2D(rng, s[2], s[3], 70)
		R, C := s[0]+s[2]-1, s[1]+s[3]-1
		flat := make([]*big.Int, R*C)
		orig := make([]*big.Int, R*C)
		for i := range flat {
			if i%3 != 0 {
				flat[i] = big.NewInt(int64(12345 * i)) // garbage to be overwritten
				orig[i] = flat[i]
			}
		}
		dst := make([][]*big.Int, R)
		for i := range dst {
			dst[i] = flat[i*C : (i+1)*C]
		}
		want := rvMul2DRef(x, y)
		got := Mul2D(dst, x, y)
		name := fmt.Sprintf("%v", s)
		rvCheck2D(t, name, want, got)
		for i := range flat {
			if orig[i] != nil && got[i/C][i%C] != orig[i] {
				t.Errorf("%s: dst[%d][%d] is a new big.Int, not the one given", name, i/C, i%C)
				break
			}
		}
		for i, v := range flat {
			if v == nil || v.Cmp(want[i/C][i%C]) != 0 {
				t.Errorf("%s: the caller's storage of dst[%d][%d] holds %v, want %v (dst's rows were replaced)", name, i/C, i%C, v, want[i/C][i%C])
				break
			}
		}
	}
}

// TestReviewMul2DAlias: dst = x when y is 1×1 (the shapes agree), dst entries shared with y,
// and x = y (the same operand twice), on both paths.
func TestReviewMul2DAlias(t *testing.T) {
	rng := rand.New(rand.NewPCG(55, 56))
	for _, s := range [][2]int{{3, 3}, {40, 40}, {1, 2000}} {
		x := rvRand2D(rng, s[0], s[1], 90)
		for i := range x {
			for j := range x[i] {
				if x[i][j] == nil {
					x[i][j] = new(big.Int)
				}
			}
		}
		y := [][]*big.Int{{big.NewInt(-7)}}
		want := rvMul2DRef(x, y)
		got := Mul2D(x, x, y)
		rvCheck2D(t, fmt.Sprintf("%v dst = x", s), want, got)

		// x = y, squaring.
		z := rvRand2D(rng, s[0]%17+1, s[1]%19+1, 100)
		want = rvMul2DRef(z, z)
		rvCheck2D(t, fmt.Sprintf("%v x = y", s), want, Mul2D(nil, z, z))

		// dst entries shared with x and y: every entry of the square result points at some
		// entry of z.
		dst := make([][]*big.Int, len(want))
		for i := range dst {
			dst[i] = make([]*big.Int, len(want[i]))
			for j := range dst[i] {
				if v := z[i%len(z)][j%len(z[0])]; v != nil {
					dst[i][j] = v
				}
			}
		}
		zc := rvCopy2D(z)
		want = rvMul2DRef(zc, zc)
		// Each entry of z can only be one result entry: keep the first use of each.
		seen := map[*big.Int]bool{}
		for i := range dst {
			for j, v := range dst[i] {
				if v != nil && seen[v] {
					dst[i][j] = nil
				}
				seen[v] = true
			}
		}
		rvCheck2D(t, fmt.Sprintf("%v dst sharing entries with x = y", s), want, Mul2D(dst, z, z))
	}
}

// TestReviewMul2DPanics: ragged operands, wrong dst shapes, and empty operands.
func TestReviewMul2DPanics(t *testing.T) {
	one := big.NewInt(1)
	cases := []struct {
		name      string
		dst, x, y [][]*big.Int
		want      string
	}{
		{"ragged x", nil, [][]*big.Int{{one, one}, {one}}, [][]*big.Int{{one}}, "exact: rows of x have different lengths"},
		{"ragged y", nil, [][]*big.Int{{one}}, [][]*big.Int{{one}, {one, one}}, "exact: rows of y have different lengths"},
		{"dst rows", make([][]*big.Int, 3), [][]*big.Int{{one}}, [][]*big.Int{{one}}, "exact: wrong dst shape"},
		{"dst cols", [][]*big.Int{{one, one}}, [][]*big.Int{{one}}, [][]*big.Int{{one}}, "exact: wrong dst shape"},
		{"ragged dst", [][]*big.Int{{one, one}, {one}}, [][]*big.Int{{one}, {one}}, [][]*big.Int{{one, one}}, "exact: wrong dst shape"},
		{"dst for empty", [][]*big.Int{{one}}, [][]*big.Int{}, [][]*big.Int{{one}}, "exact: wrong dst shape"},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if r := recover(); r != c.want {
					t.Errorf("%s: panic %v, want %q", c.name, r, c.want)
				}
			}()
			Mul2D(c.dst, c.x, c.y)
		}()
	}
	for _, e := range [][][]*big.Int{nil, {}, {{}}, {{}, {}}} {
		if got := Mul2D(nil, e, [][]*big.Int{{one}}); len(got) != 0 {
			t.Errorf("Mul2D(empty %v, 1×1) = %v, want empty", e, got)
		}
		if got := Mul2D([][]*big.Int{}, [][]*big.Int{{one}}, e); len(got) != 0 {
			t.Errorf("Mul2D(1×1, empty %v) = %v, want empty", e, got)
		}
	}
}
