// Package cpu reports the x86-64 vector extensions the assembly kernels of internal/fft and
// internal/vntt need, read once with CPUID and XGETBV (so that the module needs no
// dependency for it). Every report is false on other architectures and under the purego
// build tag.
package cpu

// AVX reports whether the CPU has AVX and the operating system saves the YMM state.
var AVX bool

// AVX512F reports whether the CPU has AVX-512F and the operating system saves the ZMM state.
var AVX512F bool

// AVX512IFMA reports whether the CPU has AVX-512F and AVX-512 IFMA and the operating system
// saves the ZMM state.
var AVX512IFMA bool
