package poly

import (
	"math"
	"strconv"
	"unsafe"

	"github.com/polyconv/polyconv/internal/fft"
)

// Mode selects which part of the full linear convolution (or correlation) [Convolve] and
// [Correlate] return, with the meaning of numpy's mode argument. With n = len(x), m = len(y),
// L = max(n, m) and S = min(n, m):
//
//   - Full: every output where the inputs overlap at all, length n+m−1.
//   - Same: length L, the Full output from index ⌊(S−1)/2⌋ on, as numpy centres it (for
//     Correlate with len(y) > len(x), from ⌊len(x)/2⌋; see [Correlate]).
//   - Valid: only outputs where the inputs overlap completely, length L−S+1.
type Mode int

// The three modes of numpy.convolve and numpy.correlate.
const (
	Full Mode = iota
	Same
	Valid
)

// String returns "full", "same" or "valid" (numpy's spelling), or "Mode(k)" for an invalid
// value.
func (m Mode) String() string {
	switch m {
	case Full:
		return "full"
	case Same:
		return "same"
	case Valid:
		return "valid"
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

// window returns the offset into the full output (length n+m−1) and the length of the part
// mode selects, for a convolution of lengths n and m (both ≥ 1). correlateSwap reports that
// the window is for numpy.correlate with len(y) > len(x), where numpy centres "same"
// differently (it correlates the swapped operands and reverses the result).
func window(n, m int, mode Mode, correlateSwap bool) (off, length int) {
	long, short := max(n, m), min(n, m)
	switch mode {
	case Full:
		return 0, n + m - 1
	case Same:
		if correlateSwap {
			return short / 2, long
		}
		return (short - 1) / 2, long
	case Valid:
		return short - 1, long - short + 1
	}
	panic("poly: invalid Mode")
}

// OutputLen returns the length of the result of [Convolve] or [Correlate] on inputs of
// lengths n and m in the given mode: 0 if n or m is 0 (see [Convolve] on empty inputs).
// It panics with "poly: invalid Mode" if mode is not Full, Same or Valid, and with
// "poly: negative length" if n or m is negative.
func OutputLen(n, m int, mode Mode) int {
	if mode != Full && mode != Same && mode != Valid {
		panic("poly: invalid Mode")
	}
	if n < 0 || m < 0 {
		panic("poly: negative length")
	}
	if n == 0 || m == 0 {
		return 0
	}
	_, l := window(n, m, mode, false)
	return l
}

// Convolve returns the discrete linear convolution of x and y, (x∗y)[k] = Σ_i x[i]·y[k−i],
// restricted to the part selected by mode, exactly as numpy.convolve(x, y, mode) does for
// real inputs: the lengths and the centring of [Same] are numpy's (Same takes the full output
// from index (min(n,m)−1)/2, rounded down), and swapping x and y does not change the result.
//
// The result is stored in dst and returned. If dst is nil a new slice is allocated; otherwise
// len(dst) must equal the output length ([OutputLen]) or Convolve panics with
// "poly: dst has the wrong length". dst may be x or y, or overlap them: inputs that share
// memory with dst are copied first. Convolve panics with "poly: invalid Mode" for any other
// mode value.
//
// Empty input: numpy raises ValueError when x or y is empty; Convolve instead returns an
// empty result (length 0) in every mode. An empty slice is the zero polynomial, and the
// product of the zero polynomial with anything is the zero polynomial, so this is what
// [Float64.Mul] and the ntt package's Convolve do; it keeps "empty" a value rather than an
// error.
//
// Method: the cheapest of three by a cost model whose one machine-dependent constant,
// directCost, is measured by TestCalibrateConvolve (convolve_calibrate_test.go, run with
// -calibrate): direct summation (O(n·m); always when the shorter operand has at most 64
// elements, which keeps numpy's exact results on small integers); one
// real-input FFT convolution of a length whose only prime factors are 2, 3 and 5 (three
// complex transforms of half that length); or, when one operand is at least four times
// longer than the other, overlap-save with short FFTs (the shorter operand transformed
// once). With the installed directCost the FFT is chosen from 65×65, just past the 64-element
// direct limit; README.md lists measured times.
//
// Accuracy (ε = 2^−53): the direct method's error for output k is at most about
// m·ε·Σ_i |x[i]·y[k−i]| (ordinary floating-point summation). The FFT paths' error is
// bounded in terms of norms rather than per output: every output is within
// ε·(log₂N+2)·‖x‖₂·‖y‖₂ of the exact convolution, N the real transform length (the classic
// normwise bound of FFT convolution; the constant 1 covers the worst case measured, 0.3 of
// it, over random-sign, same-sign and 9-decade-range inputs, with twiddles accurate to
// about an ulp). For inputs of random sign the error is far smaller,
// within 2·ε·(log₂N+2)·‖x‖₂·‖y‖₂/√N: for the n = m = 10^6 benchmark inputs (uniform in
// [−1, 1)) that is 1.2e-12, and the measured max abs error against a compensated direct sum
// on sampled outputs is 4.3e-13. Either way an output much smaller than the largest carries
// an absolute, not a relative, error: when cancellation matters use the exact polynomial
// types.
//
// NaN and Inf: outputs are NaN or ±Inf exactly where numpy's direct sums put them (per IEEE
// 754: NaN if a term is NaN or 0·Inf or if +Inf and −Inf meet), and the other outputs are
// unaffected. An FFT would smear a single non-finite input over every output, so the FFT
// paths convolve the finite values and then set the outputs each non-finite input touches
// from those terms alone (cost O(m) per non-finite value of x, O(n) per one of y); when
// that costs more than direct summation, or when the inputs are so large (max|x|·max|y|·n·m
// ≥ 2^1000) that the transforms could overflow, Convolve sums directly.
//
// Convolve is safe for concurrent use and runs in the calling goroutine. It allocates the
// result when dst is nil and, on the FFT paths, a little per call; transform tables are
// built on first use of each transform length and cached (about 18 bytes per real point;
// the cache is emptied when it would pass 512 MiB), and the work buffers (16 bytes per real
// point) come from a sync.Pool.
func Convolve(dst, x, y []float64, mode Mode) []float64 {
	return convolveInto(dst, x, y, mode, false)
}

// Correlate returns the cross-correlation of x and y with numpy.correlate(x, y, mode)
// semantics for real inputs: c[k] = Σ_n x[n+k]·y[n], k running from −(len(y)−1) to len(x)−1
// in Full mode. Same and Valid select a part of that, as numpy does; note that when
// len(y) > len(x) numpy correlates the swapped operands and reverses the result, which
// moves the Same window (it starts at index len(x)/2 of the Full output instead of
// (len(y)−1)/2); Correlate reproduces that. Except in that case, Correlate(x, y, mode)
// equals Convolve(x, reversed y, mode).
//
// dst, aliasing, allocation, empty inputs, panics, method choice, accuracy and NaN/Inf
// handling are as for [Convolve].
func Correlate(dst, x, y []float64, mode Mode) []float64 {
	return convolveInto(dst, x, y, mode, true)
}

// convolveInto implements Convolve (corr false) and Correlate (corr true).
func convolveInto(dst, x, y []float64, mode Mode, corr bool) []float64 {
	if mode != Full && mode != Same && mode != Valid {
		panic("poly: invalid Mode")
	}
	n, m := len(x), len(y)
	if n == 0 || m == 0 {
		if dst == nil {
			return []float64{}
		}
		if len(dst) != 0 {
			panic("poly: dst has the wrong length")
		}
		return dst
	}
	off, length := window(n, m, mode, corr && m > n)
	if dst == nil {
		dst = make([]float64, length)
	} else if len(dst) != length {
		panic("poly: dst has the wrong length")
	}
	if overlaps(dst, x) {
		x = append([]float64(nil), x...)
	}
	if overlaps(dst, y) {
		y = append([]float64(nil), y...)
	}
	convolveWindow(dst, x, y, off, corr)
	return dst
}

// reversed returns a new slice holding y in reverse order.
func reversed(y []float64) []float64 {
	r := make([]float64, len(y))
	for i, v := range y {
		r[len(y)-1-i] = v
	}
	return r
}

// overlaps reports whether a and b share any element of memory: their address ranges are
// compared, which (unlike math/big's test on the last elements of the backing arrays) also
// holds for slices re-capped with a three-index slice expression.
func overlaps(a, b []float64) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	const size = unsafe.Sizeof(float64(0))
	a0, b0 := uintptr(unsafe.Pointer(&a[0])), uintptr(unsafe.Pointer(&b[0]))
	return a0 < b0+uintptr(len(b))*size && b0 < a0+uintptr(len(a))*size
}

// convolveWindow stores in dst the outputs off, off+1, …, off+len(dst)−1 of the full linear
// convolution of x and y (y reversed if revY; both non-empty), choosing the method. dst must
// not overlap x or y.
func convolveWindow(dst, x, y []float64, off int, revY bool) {
	meth, h := chooseMethod(len(x), len(y), off, len(dst))
	if meth == methodDirect {
		convolveDirect(dst, x, y, off, revY)
		return
	}
	mx, badX := scan(x)
	my, badY := scan(y)
	// Transform values grow to at most n·m·max|x|·max|y|: keep them far from overflow,
	// where the direct sums are the only faithful method.
	if !(mx*my*float64(len(x))*float64(len(y)) < 0x1p1000) {
		convolveDirect(dst, x, y, off, revY)
		return
	}
	if len(badX)+len(badY) > 0 {
		// The FFT would smear each non-finite value over every output. Convolve the finite
		// parts, then set the outputs the non-finite values touch from those terms alone,
		// unless that costs more than the direct sums.
		if fix := float64(len(badX)*len(y) + len(badY)*len(x)); 4*fix > directCost*directOps(len(x), len(y), off, len(dst)) {
			convolveDirect(dst, x, y, off, revY)
			return
		}
		defer fixNonFinite(dst, x, y, off, revY, badX, badY)
		x, y = zeroed(x, badX), zeroed(y, badY)
	}
	switch meth {
	case methodFFT:
		fft.RealPlanFor(h).Convolve(dst, x, y, off, revY)
	default:
		fft.ConvolveBlocked(dst, x, y, off, revY, h)
	}
}

// scan returns the largest magnitude among the finite elements of x and the indices of its
// NaN and ±Inf elements.
func scan(x []float64) (mx float64, bad []int) {
	for i, v := range x {
		if a := math.Abs(v); a > mx {
			mx = a
		} else if v-v != 0 { // NaN or ±Inf (never greater than mx: +Inf is handled below)
			bad = append(bad, i)
		}
	}
	if math.IsInf(mx, 1) { // an infinity was taken for the maximum: rescan the slow way
		mx, bad = 0, bad[:0]
		for i, v := range x {
			if v-v != 0 {
				bad = append(bad, i)
			} else {
				mx = max(mx, math.Abs(v))
			}
		}
	}
	return mx, bad
}

// zeroed returns x with the elements at bad replaced by 0 (a copy if bad is not empty).
func zeroed(x []float64, bad []int) []float64 {
	if len(bad) == 0 {
		return x
	}
	z := append([]float64(nil), x...)
	for _, i := range bad {
		z[i] = 0
	}
	return z
}

// fixNonFinite sets each output off … off+len(dst)−1 of x∗v (v = y, reversed if revY) that
// has a term involving a non-finite input (x[i], i in badX, or y[j], j in badY) to the sum
// of those terms alone: NaN if any is NaN (0·Inf included) or if +Inf and −Inf meet, else
// that infinity. The finite terms cannot change such a sum, so this is the value the direct
// sum gives, provided no product of finite inputs overflows (convolveWindow checks that).
func fixNonFinite(dst, x, y []float64, off int, revY bool, badX, badY []int) {
	n, m := len(x), len(y)
	v := func(j int) float64 {
		if revY {
			return y[m-1-j]
		}
		return y[j]
	}
	acc := make([]float64, len(dst))
	hit := make([]bool, len(dst))
	for _, i := range badX {
		for k := max(i, off); k < min(i+m, off+len(dst)); k++ {
			acc[k-off] += x[i] * v(k-i)
			hit[k-off] = true
		}
	}
	for _, jy := range badY {
		j := jy
		if revY {
			j = m - 1 - jy
		}
		for k := max(j, off); k < min(j+n, off+len(dst)); k++ {
			if xi := x[k-j]; xi-xi == 0 { // terms with a non-finite x[k−j] were added above
				acc[k-off] += xi * v(j)
				hit[k-off] = true
			}
		}
	}
	for i, h := range hit {
		if h {
			dst[i] = acc[i]
		}
	}
}

// The methods chooseMethod picks from.
const (
	methodDirect  = iota // direct sums, convolveDirect
	methodFFT            // one FFT convolution of the whole, fftConvPlan.convolve
	methodBlocked        // overlap-save with short FFTs, convolveBlocked
)

// directCost is the measured time of one multiply-add of the direct method in units of the
// FFT cost model (fft.Cost: about one flop of the transforms), so that the direct method's
// modelled cost is directCost·directOps. Set from TestCalibrateConvolve in
// convolve_calibrate_test.go (go test ./poly -run Calibrate -calibrate -v).
var directCost = 3.1

// directMaxShort is the longest shorter operand that is always summed directly, whatever
// the cost model says: numpy.convolve always sums directly, and for short kernels this
// keeps its results (exact ones for small integers, say) at a small cost in speed.
const directMaxShort = 64

// chooseMethod returns the method of least modelled cost for the outputs
// off … off+length−1 of the convolution of lengths n and m (≥ 1), and the FFT half-length
// the method uses.
func chooseMethod(n, m, off, length int) (meth, half int) {
	best := directCost * directOps(n, m, off, length)
	meth = methodDirect
	if min(n, m) <= directMaxShort {
		return meth, 0
	}
	h := fft.HalfLength(fftNeed(n, m, off, length))
	if c := float64(h) * (3*fft.Cost(h) + fft.Extra); c < best && h <= fft.MaxHalf {
		best, meth, half = c, methodFFT, h
	}
	if short := min(n, m); 4*short <= max(n, m) {
		if h, c := fft.BlockedPlan(short, length); c < best && h <= fft.MaxHalf {
			meth, half = methodBlocked, h
		}
	}
	return meth, half
}

// fftNeed returns the least cyclic length whose wrap-around leaves the outputs
// off … off+length−1 of a linear convolution of lengths n and m intact.
func fftNeed(n, m, off, length int) int {
	return max(n+m-1-off, off+length)
}

// directOps returns the number of multiply-adds the direct method spends on the outputs
// off … off+length−1 of a convolution of lengths n and m: output k has
// min(k+1, S, L+S−1−k) terms (S, L the shorter and longer length), a function linear on
// three pieces, summed here in closed form.
func directOps(n, m, off, length int) float64 {
	s, l := float64(min(n, m)), float64(max(n, m))
	a, b := float64(off), float64(off+length)
	// lin returns Σ (c0 + c1·k) over integer k in [max(a,lo), min(b,hi)).
	lin := func(lo, hi, c0, c1 float64) float64 {
		lo, hi = max(a, lo), min(b, hi)
		if hi <= lo {
			return 0
		}
		return (hi-lo)*c0 + c1*(lo+hi-1)*(hi-lo)/2
	}
	return lin(0, s-1, 1, 1) + lin(s-1, l, s, 0) + lin(l, l+s-1, l+s-1, -1)
}

// convolveDirect stores in dst the outputs off … off+len(dst)−1 of the full convolution of x
// with y (y reversed if revY) by direct summation: each output is a dot product of a
// stretch of the longer operand with the reversed shorter one, summed with four
// accumulators. dst must not overlap x or y.
func convolveDirect(dst, x, y []float64, off int, revY bool) {
	// a is the longer operand and rb the shorter one reversed, so that output k is
	// Σ_i a[i]·rb[m−1−k+i].
	var a, rb []float64
	switch {
	case len(x) >= len(y) && revY:
		a, rb = x, y
	case len(x) >= len(y):
		a, rb = x, reversed(y)
	case revY:
		a, rb = reversed(y), reversed(x)
	default:
		a, rb = y, reversed(x)
	}
	n, m := len(a), len(rb)
	for j := 0; j < len(dst); {
		k := off + j
		if k >= m-1 && k+3 <= n-1 && j+3 < len(dst) {
			// Outputs k … k+3 all have the full m terms.
			dst[j], dst[j+1], dst[j+2], dst[j+3] = dot4(a[k-m+1:k+4], rb)
			j += 4
			continue
		}
		lo := max(0, k-m+1)
		hi := min(n-1, k)
		dst[j] = dot(a[lo:hi+1], rb[m-1-k+lo:])
		j++
	}
}

// dot4 returns Σ_j a[j+r]·b[j] for r = 0, 1, 2, 3 (len(a) = len(b)+3): four consecutive
// convolution outputs, sharing each load of b and sliding a window over a.
func dot4(a, b []float64) (s0, s1, s2, s3 float64) {
	a = a[:len(b)+3]
	v0, v1, v2 := a[0], a[1], a[2]
	for j, w := range b {
		v3 := a[j+3]
		s0 += v0 * w
		s1 += v1 * w
		s2 += v2 * w
		s3 += v3 * w
		v0, v1, v2 = v1, v2, v3
	}
	return
}

// dot returns Σ a[i]·b[i] over the length of a (len(b) ≥ len(a)), with four partial sums.
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}
