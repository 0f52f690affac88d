//go:build amd64 && !purego

#include "textflag.h"

// ROW(i, bcast, c0, c1, c2): c0..c2 += a[i]·(Z24, Z25, Z26), with a[i] read from 8·i(SI) into
// bcast.
#define ROW(off, bcast, c0, c1, c2) \
	VBROADCASTSD off(SI), bcast \
	VFMADD231PD Z24, bcast, c0 \
	VFMADD231PD Z25, bcast, c1 \
	VFMADD231PD Z26, bcast, c2

// STEP does one k step of the 8×24 tile: three vectors of b at DI, eight values of a at SI,
// both advanced.
#define STEP \
	VMOVUPD 0(DI), Z24 \
	VMOVUPD 64(DI), Z25 \
	VMOVUPD 128(DI), Z26 \
	ROW(0, Z27, Z0, Z1, Z2) \
	ROW(8, Z28, Z3, Z4, Z5) \
	ROW(16, Z29, Z6, Z7, Z8) \
	ROW(24, Z30, Z9, Z10, Z11) \
	ROW(32, Z27, Z12, Z13, Z14) \
	ROW(40, Z28, Z15, Z16, Z17) \
	ROW(48, Z29, Z18, Z19, Z20) \
	ROW(56, Z30, Z21, Z22, Z23) \
	ADDQ $64, SI \
	ADDQ $192, DI

// STOREROW(c0, c1, c2) writes one row of the tile at DX (adding the old values when R9 is
// nonzero) and advances DX by the row stride R8.
#define ADDROW(c0, c1, c2) \
	VADDPD 0(DX), c0, c0 \
	VADDPD 64(DX), c1, c1 \
	VADDPD 128(DX), c2, c2 \
	VMOVUPD c0, 0(DX) \
	VMOVUPD c1, 64(DX) \
	VMOVUPD c2, 128(DX) \
	ADDQ R8, DX

#define SETROW(c0, c1, c2) \
	VMOVUPD c0, 0(DX) \
	VMOVUPD c1, 64(DX) \
	VMOVUPD c2, 128(DX) \
	ADDQ R8, DX

// func kernelAVX512(kc int, a, b, c []float64, ldc int, acc bool)
TEXT ·kernelAVX512(SB), NOSPLIT, $0-89
	MOVQ kc+0(FP), CX
	MOVQ a_base+8(FP), SI
	MOVQ b_base+32(FP), DI
	MOVQ c_base+56(FP), DX
	MOVQ ldc+80(FP), R8
	SHLQ $3, R8
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15
	VPXORQ Z16, Z16, Z16
	VPXORQ Z17, Z17, Z17
	VPXORQ Z18, Z18, Z18
	VPXORQ Z19, Z19, Z19
	VPXORQ Z20, Z20, Z20
	VPXORQ Z21, Z21, Z21
	VPXORQ Z22, Z22, Z22
	VPXORQ Z23, Z23, Z23
	MOVQ CX, BX
	SHRQ $2, BX
	JZ tail
loop4:
	STEP
	STEP
	STEP
	STEP
	DECQ BX
	JNZ loop4
tail:
	ANDQ $3, CX
	JZ store
loop1:
	STEP
	DECQ CX
	JNZ loop1
store:
	MOVBLZX acc+88(FP), R9
	TESTQ R9, R9
	JZ set
	ADDROW(Z0, Z1, Z2)
	ADDROW(Z3, Z4, Z5)
	ADDROW(Z6, Z7, Z8)
	ADDROW(Z9, Z10, Z11)
	ADDROW(Z12, Z13, Z14)
	ADDROW(Z15, Z16, Z17)
	ADDROW(Z18, Z19, Z20)
	ADDROW(Z21, Z22, Z23)
	VZEROUPPER
	RET
set:
	SETROW(Z0, Z1, Z2)
	SETROW(Z3, Z4, Z5)
	SETROW(Z6, Z7, Z8)
	SETROW(Z9, Z10, Z11)
	SETROW(Z12, Z13, Z14)
	SETROW(Z15, Z16, Z17)
	SETROW(Z18, Z19, Z20)
	SETROW(Z21, Z22, Z23)
	VZEROUPPER
	RET
