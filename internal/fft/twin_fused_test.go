//go:build !amd64 || amd64.v3

package fft

// fusedArith: see twin_exact_test.go. On this build the compiler fuses multiply-adds where
// it can, so two loops computing the same formula in different code may round differently.
const fusedArith = true
