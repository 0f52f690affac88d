package conv2d

import "strconv"

// Boundary says how the input is extended beyond its edges, for an input row or column
// d c b a (the first four elements a b c d shown):
//
//   - Fill: the value Options.FillValue (cval) everywhere outside; scipy.signal's "fill",
//     scipy.ndimage's "constant".
//   - Wrap: periodic, … c d | a b c d | a b …; scipy.signal's "wrap", ndimage's "wrap".
//   - Symm: half-sample symmetric, … b a | a b c d | d c …; scipy.signal's "symm", ndimage's
//     "reflect", numpy.pad's "symmetric".
//   - Nearest: the edge value repeated, … a a | a b c d | d d …; ndimage's "nearest",
//     numpy.pad's "edge".
//   - Mirror: whole-sample symmetric, … c b | a b c d | c b …; ndimage's "mirror",
//     numpy.pad's "reflect" (a single element is repeated).
//
// Where the extension is wider than the input (a kernel larger than the image), Wrap, Symm
// and Mirror repeat with periods n, 2n and 2n−2, as scipy and numpy.pad do.
type Boundary int

// The five extensions.
const (
	Fill Boundary = iota
	Wrap
	Symm
	Nearest
	Mirror
)

// String returns the Boundary's name in this package ("fill", "wrap", "symm", "nearest",
// "mirror"), or "Boundary(k)" for an invalid value.
func (b Boundary) String() string {
	switch b {
	case Fill:
		return "fill"
	case Wrap:
		return "wrap"
	case Symm:
		return "symm"
	case Nearest:
		return "nearest"
	case Mirror:
		return "mirror"
	}
	return "Boundary(" + strconv.Itoa(int(b)) + ")"
}

// ParseBoundary returns the Boundary named s: this package's names, or scipy's and numpy's
// spellings of the same extensions ("constant", "reflect" for Symm as in scipy.ndimage,
// "symmetric", "edge", "grid-wrap", "circular"). Note that numpy.pad's "reflect" is Mirror
// while ndimage's "reflect" is Symm; ParseBoundary follows ndimage. An unknown name returns
// an error that lists the known ones.
func ParseBoundary(s string) (Boundary, error) {
	switch s {
	case "fill", "constant", "grid-constant":
		return Fill, nil
	case "wrap", "grid-wrap", "circular":
		return Wrap, nil
	case "symm", "symmetric", "reflect":
		return Symm, nil
	case "nearest", "edge":
		return Nearest, nil
	case "mirror":
		return Mirror, nil
	}
	return 0, &boundaryError{s}
}

type boundaryError struct{ name string }

func (e *boundaryError) Error() string {
	return "conv2d: unknown boundary " + strconv.Quote(e.name) + " (want fill, wrap, symm, nearest or mirror)"
}

func (b Boundary) check() {
	if b < Fill || b > Mirror {
		panic("conv2d: invalid Boundary")
	}
}

// index returns the index of the input element that position j of the extension of a
// sequence of length n ≥ 1 holds, or −1 for a Fill position.
func (b Boundary) index(j, n int) int {
	if 0 <= j && j < n {
		return j
	}
	switch b {
	case Wrap:
		return mod(j, n)
	case Symm:
		k := mod(j, 2*n)
		if k >= n {
			k = 2*n - 1 - k
		}
		return k
	case Nearest:
		return min(max(j, 0), n-1)
	case Mirror:
		if n == 1 {
			return 0
		}
		k := mod(j, 2*n-2)
		if k >= n {
			k = 2*n - 2 - k
		}
		return k
	}
	return -1
}

// mod returns j mod n in [0, n).
func mod(j, n int) int {
	j %= n
	if j < 0 {
		j += n
	}
	return j
}

// extension is the input matrix extended to the whole plane by a Boundary: at(i, j) is
// src(b.index(i), b.index(j)), or fill where either index is a Fill position.
type extension struct {
	src  Matrix
	b    Boundary
	fill float64
}

// indices returns the source indices (−1 for fill) of the positions lo … lo+len−1 of the
// extension of a sequence of length n.
func (e *extension) indices(lo, length, n int) []int32 {
	idx := make([]int32, length)
	for t := range idx {
		idx[t] = int32(e.b.index(lo+t, n))
	}
	return idx
}

// rowFiller fills stretches of extended rows: the columns c0 … c0+width−1 of any row.
type rowFiller struct {
	e *extension
	// c0 is the first column; lo … hi−1 the positions (relative to c0) inside the source,
	// whose source columns are c0+lo … c0+hi−1; idx the source column of every position.
	c0, lo, hi int
	idx        []int32
}

// newRowFiller returns a filler of the columns c0 … c0+width−1 of e's rows.
func newRowFiller(e *extension, c0, width int) *rowFiller {
	n := e.src.Cols
	f := &rowFiller{e: e, c0: c0}
	f.lo = min(max(-c0, 0), width)
	f.hi = max(min(n-c0, width), f.lo)
	if n > 0 {
		f.idx = e.indices(c0, width, n)
	}
	return f
}

// fill stores in dst (length width) the columns c0 … of row i of the extension.
func (f *rowFiller) fill(dst []float64, i int) {
	e := f.e
	r := -1
	if e.src.Rows > 0 {
		r = e.b.index(i, e.src.Rows)
	}
	if r < 0 || e.src.Cols == 0 {
		for t := range dst {
			dst[t] = e.fill
		}
		return
	}
	f.fillRow(dst, e.src.row(r))
}

// fillRow stores in dst (length width) the columns c0 … of the extension of the row src.
func (f *rowFiller) fillRow(dst, src []float64) {
	e := f.e
	copy(dst[f.lo:f.hi], src[f.c0+f.lo:])
	for t, k := range f.idx[:f.lo] {
		dst[t] = e.at(src, k)
	}
	for t, k := range f.idx[f.hi:] {
		dst[f.hi+t] = e.at(src, k)
	}
}

// at returns src[k], or the fill value if k < 0.
func (e *extension) at(src []float64, k int32) float64 {
	if k < 0 {
		return e.fill
	}
	return src[k]
}
