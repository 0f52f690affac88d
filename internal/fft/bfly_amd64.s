//go:build amd64 && !purego

#include "textflag.h"

// Radix-4 butterflies of level.multi on AVX (two complex128 per YMM register, no FMA, so
// each result is the one Go's complex arithmetic gives: bfly4's generic twin — with the
// default GOAMD64=v1; at v3 the compiler fuses the Go loops' products into FMAs and they
// differ from these kernels by an ulp, so the bit-for-bit tests fail there). Each complex
// product by a twiddle w = c + di is u = t·c, v = swap(t)·d, then VADDSUBPD: (re·c − im·d,
// im·c + re·d), the order of Go's complex multiplication.

DATA negodd<>+0(SB)/8, $0x0000000000000000
DATA negodd<>+8(SB)/8, $0x8000000000000000
DATA negodd<>+16(SB)/8, $0x0000000000000000
DATA negodd<>+24(SB)/8, $0x8000000000000000
GLOBL negodd<>(SB), RODATA|NOPTR, $32

DATA negeven<>+0(SB)/8, $0x8000000000000000
DATA negeven<>+8(SB)/8, $0x0000000000000000
DATA negeven<>+16(SB)/8, $0x8000000000000000
DATA negeven<>+24(SB)/8, $0x0000000000000000
GLOBL negeven<>(SB), RODATA|NOPTR, $32

// CMUL replaces T by T·(re + i·im), the twiddle's parts broadcast in RE and IM; U and V are
// scratch.
#define CMUL(T, RE, IM, U, V) \
	VMULPD    RE, T, U \
	VPERMILPD $5, T, V \
	VMULPD    IM, V, V \
	VADDSUBPD V, U, T

// ARGS loads the four stretches, the byte length 16·n and the twiddles.
#define ARGS \
	MOVQ         a0+0(FP), AX \
	MOVQ         a1+8(FP), BX \
	MOVQ         a2+16(FP), CX \
	MOVQ         a3+24(FP), DX \
	MOVQ         n+32(FP), SI \
	SHLQ         $4, SI \
	MOVQ         w+40(FP), DI \
	VBROADCASTSD 0(DI), Y8 \
	VBROADCASTSD 8(DI), Y9 \
	VBROADCASTSD 16(DI), Y10 \
	VBROADCASTSD 24(DI), Y11 \
	VBROADCASTSD 32(DI), Y12 \
	VBROADCASTSD 40(DI), Y13 \
	XORQ         R8, R8

// TWARGS loads the four stretches, the twiddle stretches and the byte length 16·n.
#define TWARGS \
	MOVQ a0+0(FP), AX \
	MOVQ a1+8(FP), BX \
	MOVQ a2+16(FP), CX \
	MOVQ a3+24(FP), DX \
	MOVQ w1+32(FP), R9 \
	MOVQ w2+40(FP), R10 \
	MOVQ w3+48(FP), R11 \
	MOVQ n+56(FP), SI \
	SHLQ $4, SI \
	XORQ R8, R8

// TW splits the twiddle vector W = (c0, d0, c1, d1) into RE = (c0, c0, c1, c1) and
// IM = (d0, d0, d1, d1); RE may be W.
#define TW(W, RE, IM) \
	VPERMILPD $15, W, IM \
	VMOVDDUP  W, RE

// LOAD4 and STORE4 move two columns of the four stretches to and from Y0 … Y3.
#define LOAD4 \
	VMOVUPD (AX)(R8*1), Y0 \
	VMOVUPD (BX)(R8*1), Y1 \
	VMOVUPD (CX)(R8*1), Y2 \
	VMOVUPD (DX)(R8*1), Y3

#define STORE4 \
	VMOVUPD Y0, (AX)(R8*1) \
	VMOVUPD Y1, (BX)(R8*1) \
	VMOVUPD Y2, (CX)(R8*1) \
	VMOVUPD Y3, (DX)(R8*1)

// BFLY is the radix-4 butterfly on Y0 … Y3 (scratch Y4 … Y7): b0 = x0 + x2, b1 = x0 − x2,
// b2 = x1 + x3, b3 = ∓i·(x1 − x3) by the sign mask in Y14 (negodd: −i for the forward
// butterfly, negeven: +i for the inverse), then b0 + b2, b1 + b3, b0 − b2, b1 − b3.
#define BFLY \
	VADDPD    Y2, Y0, Y4 \
	VSUBPD    Y2, Y0, Y5 \
	VADDPD    Y3, Y1, Y6 \
	VSUBPD    Y3, Y1, Y7 \
	VPERMILPD $5, Y7, Y7 \
	VXORPD    Y14, Y7, Y7 \
	VADDPD    Y6, Y4, Y0 \
	VADDPD    Y7, Y5, Y1 \
	VSUBPD    Y6, Y4, Y2 \
	VSUBPD    Y7, Y5, Y3

// TWMUL multiplies Y1, Y2, Y3 by the twiddles split in Y8/Y9, Y10/Y11, Y12/Y13.
#define TWMUL \
	CMUL(Y1, Y8, Y9, Y4, Y5) \
	CMUL(Y2, Y10, Y11, Y4, Y5) \
	CMUL(Y3, Y12, Y13, Y6, Y7)

// TWLOAD loads the twiddles of two columns from R9, R10, R11 into Y8 … Y13, their
// imaginary parts negated by the mask in Y15 (conjugated) for the inverse.
#define TWLOAD(CONJ) \
	VMOVUPD (R9)(R8*1), Y8 \
	CONJ(Y8) \
	TW(Y8, Y8, Y9) \
	VMOVUPD (R10)(R8*1), Y10 \
	CONJ(Y10) \
	TW(Y10, Y10, Y11) \
	VMOVUPD (R11)(R8*1), Y12 \
	CONJ(Y12) \
	TW(Y12, Y12, Y13)

#define KEEP(W)
#define NEGIM(W) VXORPD Y15, W, W

// func bfly4FwdAVX(a0, a1, a2, a3 *complex128, n int, w *[3]complex128)
// n even: the forward butterfly, then the twiddles w[0], w[1], w[2].
TEXT ·bfly4FwdAVX(SB), NOSPLIT, $0-48
	ARGS
	VMOVUPD negodd<>(SB), Y14

fwdloop:
	CMPQ R8, SI
	JGE  fwddone
	LOAD4
	BFLY
	TWMUL
	STORE4
	ADDQ $32, R8
	JMP  fwdloop

fwddone:
	VZEROUPPER
	RET

// func bfly4InvAVX(a0, a1, a2, a3 *complex128, n int, w *[3]complex128)
// n even: the twiddles w[0], w[1], w[2] (already conjugated), then the inverse butterfly.
TEXT ·bfly4InvAVX(SB), NOSPLIT, $0-48
	ARGS
	VMOVUPD negeven<>(SB), Y14

invloop:
	CMPQ R8, SI
	JGE  invdone
	LOAD4
	TWMUL
	BFLY
	STORE4
	ADDQ $32, R8
	JMP  invloop

invdone:
	VZEROUPPER
	RET

// func bfly4FwdTwAVX(a0, a1, a2, a3, w1, w2, w3 *complex128, n int)
// n even: level.dif's radix-4 pass on one block, w1[j], w2[j], w3[j] the twiddles of column j.
TEXT ·bfly4FwdTwAVX(SB), NOSPLIT, $0-64
	TWARGS
	VMOVUPD negodd<>(SB), Y14

fwtloop:
	CMPQ R8, SI
	JGE  fwtdone
	LOAD4
	BFLY
	TWLOAD(KEEP)
	TWMUL
	STORE4
	ADDQ $32, R8
	JMP  fwtloop

fwtdone:
	VZEROUPPER
	RET

// func bfly4InvTwAVX(a0, a1, a2, a3, w1, w2, w3 *complex128, n int)
// n even: level.dit's radix-4 pass on one block, with the conjugates of w1[j], w2[j], w3[j]
// (negated imaginary parts: the products round as Go's by conj(w) do).
TEXT ·bfly4InvTwAVX(SB), NOSPLIT, $0-64
	TWARGS
	VMOVUPD negodd<>(SB), Y15
	VMOVUPD negeven<>(SB), Y14

ivtloop:
	CMPQ R8, SI
	JGE  ivtdone
	TWLOAD(NEGIM)
	LOAD4
	TWMUL
	BFLY
	STORE4
	ADDQ $32, R8
	JMP  ivtloop

ivtdone:
	VZEROUPPER
	RET
