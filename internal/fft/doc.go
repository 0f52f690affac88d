// Package fft is the floating-point FFT shared by poly's and conv2d's convolutions: an
// in-place mixed-radix (4, 2, 3, 5) complex transform whose forward direction leaves its
// output in digit-reversed order and whose inverse takes that order back, so that a
// convolution never pays for a reordering pass; column transforms of row-major matrices
// (ForwardMulti, InverseMulti); and the real-input convolution built on it (RealPlan: two
// real sequences packed into one complex one, the even and odd spectra separated in the
// fused spectral product MulPacked), with the cost model both packages choose their
// methods by.
//
// Conventions: lengths have no prime factor above 5 (Factor); the forward transform is
// unnormalised with root exp(−2πi/n) and Inverse(Forward(a)) = n·a. Plans and root tables
// are immutable after construction and safe for concurrent use; RealPlanFor caches plans
// and hands out pooled scratch. Length mismatches are internal errors and panic with
// "fft: internal error: …": this package is only called by code that sizes its buffers.
package fft
