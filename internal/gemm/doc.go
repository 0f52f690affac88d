// Package gemm is a float64 matrix product, C = A·B or C += A·B, organised as BLIS and
// OpenBLAS organise theirs: the operands are packed, block by block, into panels (A in
// panels of MR rows, B in panels of NR columns, both step-major), and an MR×NR micro-kernel
// runs over them, with cache blocking KC (the shared dimension), MC (rows of A) and NC
// (columns of B) so that a B panel stays in L1 while the A block sits in L2.
//
// On amd64 with AVX-512F the micro-kernel is assembly (kernel_amd64.s: 24 accumulator
// registers, fused multiply-adds on broadcast A values); elsewhere, and with the purego build
// tag, kernelGeneric, a plain Go loop that computes the same sums, is used. [Impl] says which.
//
// Operands are given as [Panels], so a caller can pack a matrix it never builds: package cnn
// packs the im2col matrix of a convolution straight from the image. [Strided] covers ordinary
// row-major and transposed matrices.
//
// Conventions: matrices are row-major with an explicit row stride; A is always passed as its
// transpose (a k×m Panels), so both operands are packed by the same method. The result must
// not overlap an operand. Scratch buffers come from a pool; Mul keeps no state between calls
// and is safe for concurrent use (the blocking variables must not change meanwhile).
package gemm
