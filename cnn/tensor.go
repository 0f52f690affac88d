package cnn

import "fmt"

// Tensor is a 4-D array of float64 in NCHW order (batch, channels, height, width), stored
// contiguously: element (n, c, h, w) is Data[((n*C+c)*H+h)*W+w]. The functions of this
// package read a Tensor's Data in place and never keep it; a Tensor is a small value, copied
// freely (copies share Data).
type Tensor struct {
	N, C, H, W int
	Data       []float64
}

// NewTensor returns the n×c×h×w tensor over data, used in place, or over a new zero slice
// if data is nil. It panics if a dimension is negative, the size overflows, or data is not nil
// and len(data) != n·c·h·w.
func NewTensor(n, c, h, w int, data []float64) Tensor {
	t := Tensor{N: n, C: c, H: h, W: w}
	size, ok := t.size()
	if !ok {
		panic(fmt.Sprintf("cnn: NewTensor: bad shape %s", t.shape()))
	}
	if data == nil {
		data = make([]float64, size)
	} else if len(data) != size {
		panic(fmt.Sprintf("cnn: NewTensor: %d values for shape %s", len(data), t.shape()))
	}
	t.Data = data
	return t
}

// At returns element (n, c, h, w). It panics if an index is out of range.
func (t Tensor) At(n, c, h, w int) float64 { return t.Data[t.index(n, c, h, w)] }

// Set sets element (n, c, h, w) to v. It panics if an index is out of range.
func (t Tensor) Set(n, c, h, w int, v float64) { t.Data[t.index(n, c, h, w)] = v }

// Shape returns (N, C, H, W).
func (t Tensor) Shape() [4]int { return [4]int{t.N, t.C, t.H, t.W} }

// Len returns N·C·H·W, the number of elements.
func (t Tensor) Len() int { return t.N * t.C * t.H * t.W }

func (t Tensor) index(n, c, h, w int) int {
	if uint(n) >= uint(t.N) || uint(c) >= uint(t.C) || uint(h) >= uint(t.H) || uint(w) >= uint(t.W) {
		panic(fmt.Sprintf("cnn: index (%d, %d, %d, %d) out of range for shape %s", n, c, h, w, t.shape()))
	}
	return ((n*t.C+c)*t.H+h)*t.W + w
}

// maxElems bounds a tensor's element count (2^48, far past any memory), so that sizes and
// offsets never overflow an int.
const maxElems = 1 << 48

// size returns N·C·H·W and whether the shape is valid: no negative dimension and at most
// maxElems elements.
func (t Tensor) size() (int, bool) {
	s := 1
	for _, d := range t.Shape() {
		if d < 0 {
			return 0, false
		}
		if d == 0 {
			s = 0
			continue
		}
		if s > maxElems/d {
			return 0, false
		}
		s *= d
	}
	return s, true
}

// shape formats the shape as "(N, C, H, W)".
func (t Tensor) shape() string { return fmt.Sprintf("(%d, %d, %d, %d)", t.N, t.C, t.H, t.W) }

// check panics unless t is a valid tensor whose Data holds exactly its elements; name says
// which argument of fn it is.
func (t Tensor) check(fn, name string) {
	size, ok := t.size()
	if !ok {
		panic(fmt.Sprintf("cnn: %s: %s has the bad shape %s", fn, name, t.shape()))
	}
	if len(t.Data) != size {
		panic(fmt.Sprintf("cnn: %s: %s has shape %s but %d values", fn, name, t.shape(), len(t.Data)))
	}
}

// output returns the result tensor of shape (n, c, h, w) in dst: dst itself if it has that
// shape, a new tensor if dst.Data is nil. It panics "cnn: dst has the wrong shape" otherwise.
// alias reports whether dst's data shares memory with one of inputs (then the caller computes
// into a fresh tensor and copies).
func output(dst Tensor, n, c, h, w int, inputs ...[]float64) (out Tensor, alias bool) {
	if dst.Data == nil {
		return NewTensor(n, c, h, w, nil), false
	}
	if dst.N != n || dst.C != c || dst.H != h || dst.W != w || len(dst.Data) != n*c*h*w {
		panic("cnn: dst has the wrong shape")
	}
	for _, in := range inputs {
		if overlaps(dst.Data, in) {
			return dst, true
		}
	}
	return dst, false
}

// overlaps reports whether x and y share a backing array (math/big's alias test: the same
// last element of capacity).
func overlaps(x, y []float64) bool {
	return cap(x) > 0 && cap(y) > 0 && &x[:cap(x)][cap(x)-1] == &y[:cap(y)][cap(y)-1]
}
