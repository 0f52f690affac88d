package conv2d

import (
	"math"
	"unsafe"
)

// Matrix is a dense row-major matrix of float64: element (i, j) is Data[i*Stride+j], with
// Stride ≥ Cols. Its fields are those of gonum's blas64.General, in the same order, so a
// Matrix converts to and from blas64.General — and so from and to a mat.Dense by RawMatrix
// and SetRawMatrix — with a struct conversion that copies no data. A Matrix is a view:
// copying the struct shares Data. Rows or Cols may be 0 (an empty matrix).
type Matrix struct {
	Rows, Cols int
	Data       []float64
	Stride     int
}

// NewMatrix returns a rows×cols Matrix with Stride cols. If data is nil it is allocated
// (zeros); otherwise len(data) must be rows·cols and data is used in place, not copied.
// NewMatrix panics with "conv2d: negative dimension" if rows or cols is negative, with
// "conv2d: dimensions too large" if rows·cols overflows an int, and with
// "conv2d: data has the wrong length" if len(data) ≠ rows·cols.
func NewMatrix(rows, cols int, data []float64) Matrix {
	if rows < 0 || cols < 0 {
		panic("conv2d: negative dimension")
	}
	if cols > 0 && rows > math.MaxInt/cols {
		panic("conv2d: dimensions too large")
	}
	if data == nil {
		data = make([]float64, rows*cols)
	} else if len(data) != rows*cols {
		panic("conv2d: data has the wrong length")
	}
	return Matrix{Rows: rows, Cols: cols, Stride: cols, Data: data}
}

// At returns element (i, j). It panics with "conv2d: index out of range" unless
// 0 ≤ i < Rows and 0 ≤ j < Cols.
func (m Matrix) At(i, j int) float64 {
	m.check(i, j)
	return m.Data[i*m.Stride+j]
}

// Set sets element (i, j) to v. It panics with "conv2d: index out of range" unless
// 0 ≤ i < Rows and 0 ≤ j < Cols.
func (m Matrix) Set(i, j int, v float64) {
	m.check(i, j)
	m.Data[i*m.Stride+j] = v
}

func (m Matrix) check(i, j int) {
	if uint(i) >= uint(m.Rows) || uint(j) >= uint(m.Cols) {
		panic("conv2d: index out of range")
	}
}

// row returns row i (length Cols).
func (m Matrix) row(i int) []float64 {
	o := i * m.Stride
	return m.Data[o : o+m.Cols : o+m.Cols]
}

// empty reports whether m has no elements.
func (m Matrix) empty() bool { return m.Rows == 0 || m.Cols == 0 }

// validate panics unless m's fields describe a matrix its Data can hold.
func (m Matrix) validate(name string) {
	if m.Rows < 0 || m.Cols < 0 {
		panic("conv2d: " + name + " has a negative dimension")
	}
	if m.empty() {
		return
	}
	if m.Stride < m.Cols {
		panic("conv2d: " + name + " has Stride < Cols")
	}
	if len(m.Data) < (m.Rows-1)*m.Stride+m.Cols {
		panic("conv2d: " + name + " has too little Data for its shape")
	}
}

// span returns the part of Data that m's elements occupy.
func (m Matrix) span() []float64 {
	if m.empty() {
		return nil
	}
	return m.Data[:(m.Rows-1)*m.Stride+m.Cols]
}

// clone returns a contiguous copy of m.
func (m Matrix) clone() Matrix {
	c := NewMatrix(m.Rows, m.Cols, nil)
	for i := range m.Rows {
		copy(c.row(i), m.row(i))
	}
	return c
}

// flipped returns a contiguous copy of m rotated by 180° (rows and columns reversed).
func (m Matrix) flipped() Matrix {
	c := NewMatrix(m.Rows, m.Cols, nil)
	for i := range m.Rows {
		src, dst := m.row(i), c.row(m.Rows-1-i)
		for j, v := range src {
			dst[len(dst)-1-j] = v
		}
	}
	return c
}

// overlaps reports whether the memory of a's and b's elements intersects: their spans'
// address ranges are compared, which (unlike math/big's test on the last elements of the
// backing arrays) also holds for slices re-capped with a three-index slice expression.
func overlaps(a, b Matrix) bool {
	x, y := a.span(), b.span()
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	const size = unsafe.Sizeof(float64(0))
	x0, y0 := uintptr(unsafe.Pointer(&x[0])), uintptr(unsafe.Pointer(&y[0]))
	return x0 < y0+uintptr(len(y))*size && y0 < x0+uintptr(len(x))*size
}

// output returns dst if it has shape rows×cols (panicking with "conv2d: dst has the wrong
// shape" otherwise), or a new matrix if dst.Data is nil.
func output(dst Matrix, rows, cols int) Matrix {
	if dst.Data == nil {
		return NewMatrix(rows, cols, nil)
	}
	if dst.Rows != rows || dst.Cols != cols {
		panic("conv2d: dst has the wrong shape")
	}
	dst.validate("dst")
	return dst
}
