package exact

import (
	"math/big"

	"github.com/polyconv/polyconv/internal/pool"
)

// flatPool holds Mul2D's flattened operands between calls (cleared, so that it keeps no
// coefficient alive).
var flatPool pool.Slices[*big.Int]

// mul2DDirectMax is the largest number of products (rx·cx·ry·cy) Mul2D sums by a direct
// double loop; above it the bivariate product goes through Mul.
var mul2DDirectMax = 1 << 10

// Mul2D sets dst to the full 2-D convolution of x and y — the product of the bivariate
// polynomials Σ x[a][b]·u^a·v^b and Σ y[a][b]·u^a·v^b —
//
//	dst[i][j] = Σ_{a,b} x[a][b]·y[i−a][j−b],
//
// and returns dst. x is rx×cx (rx rows of cx entries each) and y ry×cy; the result is
// (rx+ry−1)×(cx+cy−1), or empty (no rows) if x or y has no rows or empty rows. nil entries
// are read as zero. The product is exact for any signed entries.
//
// Method: Kronecker substitution of the second variable, v = u^C with C = cx+cy−1: the rows
// of each operand are laid end to end C entries apart (the gaps are nil entries, never
// allocated), one 1-D product by Mul (with its choice of algorithm, memory budget and
// parallelism) gives the result's rows C entries apart, and they are no entries apart from
// one another, since no row of the product is longer than C. Products of at most a thousand
// or so terms are summed by a direct double loop instead.
//
// dst may be nil, in which case new rows and big.Ints are allocated (the rows are slices of
// one array); otherwise it must have exactly the result's shape, its non-nil entries are
// reused as storage and its nil entries allocated. dst may share entries with x and y:
// every entry of x and y is read before any entry of dst is written. Mul2D panics with
// "exact: rows of x have different lengths" (or of y) if an operand is ragged, with
// "exact: wrong dst shape" if dst is non-nil and has another shape, and with
// "exact: result too large" as Mul does. It is safe for concurrent use on distinct dst.
func Mul2D(dst, x, y [][]*big.Int) [][]*big.Int {
	cx, cy := rowLen(x, "x"), rowLen(y, "y")
	rx, ry := len(x), len(y)
	if rx == 0 || ry == 0 || cx == 0 || cy == 0 {
		if dst != nil && len(dst) != 0 {
			panic("exact: wrong dst shape")
		}
		return [][]*big.Int{}
	}
	R, C := rx+ry-1, cx+cy-1
	if dst != nil {
		if len(dst) != R {
			panic("exact: wrong dst shape")
		}
		for _, row := range dst {
			if len(row) != C {
				panic("exact: wrong dst shape")
			}
		}
	}
	if float64(rx)*float64(cx)*float64(ry)*float64(cy) <= float64(mul2DDirectMax) {
		return mul2DDirect(dst, x, y, R, C)
	}
	// The flattened operands: row a of x at a·C, with nil (zero) in between.
	flat := func(m [][]*big.Int, c int) *[]*big.Int {
		b := flatPool.Get((len(m)-1)*C + c)
		f := *b
		clear(f)
		for a, row := range m {
			copy(f[a*C:], row)
		}
		return b
	}
	bx, by := flat(x, cx), flat(y, cy)
	fx, fy := *bx, *by
	defer func() {
		// The pool must not keep the operands' coefficients alive.
		clear(fx)
		clear(fy)
		flatPool.Put(bx)
		flatPool.Put(by)
	}()
	var fz []*big.Int
	if dst != nil {
		fz = make([]*big.Int, R*C)
		for i, row := range dst {
			copy(fz[i*C:], row)
		}
	}
	fz = Mul(fz, fx, fy)
	if dst == nil {
		dst = make([][]*big.Int, R)
		for i := range dst {
			dst[i] = fz[i*C : (i+1)*C : (i+1)*C]
		}
		return dst
	}
	// dst's rows stay the caller's slices: the entries Mul allocated for nil ones go there.
	for i, row := range dst {
		copy(row, fz[i*C:(i+1)*C])
	}
	return dst
}

// rowLen returns the common length of m's rows, panicking if they differ.
func rowLen(m [][]*big.Int, name string) int {
	if len(m) == 0 {
		return 0
	}
	c := len(m[0])
	for _, row := range m[1:] {
		if len(row) != c {
			panic("exact: rows of " + name + " have different lengths")
		}
	}
	return c
}

// mul2DDirect is Mul2D by the double loop over the terms, for small operands; dst is nil or
// of shape R×C.
func mul2DDirect(dst, x, y [][]*big.Int, R, C int) [][]*big.Int {
	z := make([]big.Int, R*C)
	var t big.Int
	for a, xr := range x {
		for b, u := range xr {
			if u == nil || u.Sign() == 0 {
				continue
			}
			for c, yr := range y {
				zr := z[(a+c)*C+b:]
				for d, v := range yr {
					if v != nil {
						zr[d].Add(&zr[d], t.Mul(u, v))
					}
				}
			}
		}
	}
	if dst == nil {
		dst = make([][]*big.Int, R)
		for i := range dst {
			dst[i] = make([]*big.Int, C)
			for j := range dst[i] {
				dst[i][j] = &z[i*C+j]
			}
		}
		return dst
	}
	for i, row := range dst {
		for j := range row {
			if row[j] == nil {
				row[j] = new(big.Int)
			}
			row[j].Set(&z[i*C+j])
		}
	}
	return dst
}
