//go:build amd64 && !amd64.v3

package fft

// fusedArith reports whether the compiler may fuse a product and a sum into one
// multiply-add (Go's spec allows it; the gc compiler does so on arm64, ppc64le, s390x,
// riscv64 and for GOAMD64=v3 and above). On this build it does not, so the Go loops and the
// assembly kernels must agree bit for bit.
const fusedArith = false
