// Package conv2d is 2-D convolution and image filtering in float64 with scipy's semantics:
// Convolve and Correlate are scipy.signal.convolve2d and correlate2d (every mode, the
// boundaries fill, wrap and symm, and the ndimage extensions nearest and mirror),
// ConvolveSeparable convolves with a kernel given as the outer product of two vectors, and
// GaussianFilter and UniformFilter are scipy.ndimage's gaussian_filter and uniform_filter.
//
// Each call picks its method by a calibrated cost model: direct sums for small kernels (in
// scipy's order of terms, so that the results are scipy's bit for bit, with an AVX kernel
// where the CPU has it), two 1-D passes for separable kernels and the filters, one real 2-D
// FFT for a kernel about as large as the image, and overlap-save with FFT tiles of a few
// hundred points a side for a medium kernel on a large image. The FFTs are internal/fft's,
// shared with poly.Convolve.
//
// Conventions: a Matrix is row-major with a Stride, as gonum's blas64.General (the same
// fields, so either converts to the other for free); functions take dst first and return
// it, allocating it when dst.Data is nil and otherwise requiring the output's shape; dst may
// alias the inputs. Shapes follow scipy (OutputShape), including its rule that in Valid
// mode one operand must be at least as large as the other. Broken preconditions — a wrong
// dst shape, an impossible Valid shape, an invalid Mode or Boundary, a negative sigma, a
// Matrix whose fields do not fit its Data — panic with a "conv2d: …" message; nothing here
// returns an error except ParseBoundary, which reads user input. Functions are safe for
// concurrent use; FFT tables are cached and scratch buffers pooled.
package conv2d
