//go:build amd64 && !purego

#include "textflag.h"

// func corrAVX(o *float64, n int, p *float64, k *float64, offs *int, taps int)
// For i = 0, 32, … < n (n a multiple of 32): o[i+c] = Σ_t k[t]·p[i+c+offs[t]] for c < 32,
// summed from zero in the order of t, each term a product then an addition (no FMA), so
// that every output rounds as the Go loops (and scipy's) do. Eight YMM accumulators hold 32
// outputs.
TEXT ·corrAVX(SB), NOSPLIT, $0-48
	MOVQ o+0(FP), DI
	MOVQ n+8(FP), CX
	MOVQ p+16(FP), SI
	MOVQ k+24(FP), R8
	MOVQ offs+32(FP), R9
	MOVQ taps+40(FP), R10

block:
	CMPQ   CX, $0
	JLE    done
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	XORQ   R11, R11      // t

tap:
	CMPQ         R11, R10
	JGE          store
	VBROADCASTSD (R8)(R11*8), Y8
	MOVQ         (R9)(R11*8), AX
	LEAQ         (SI)(AX*8), BX
	VMULPD       0(BX), Y8, Y9
	VMULPD       32(BX), Y8, Y10
	VMULPD       64(BX), Y8, Y11
	VMULPD       96(BX), Y8, Y12
	VADDPD       Y9, Y0, Y0
	VADDPD       Y10, Y1, Y1
	VADDPD       Y11, Y2, Y2
	VADDPD       Y12, Y3, Y3
	VMULPD       128(BX), Y8, Y9
	VMULPD       160(BX), Y8, Y10
	VMULPD       192(BX), Y8, Y11
	VMULPD       224(BX), Y8, Y12
	VADDPD       Y9, Y4, Y4
	VADDPD       Y10, Y5, Y5
	VADDPD       Y11, Y6, Y6
	VADDPD       Y12, Y7, Y7
	INCQ         R11
	JMP          tap

store:
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VMOVUPD Y4, 128(DI)
	VMOVUPD Y5, 160(DI)
	VMOVUPD Y6, 192(DI)
	VMOVUPD Y7, 224(DI)
	ADDQ    $256, DI
	ADDQ    $256, SI
	SUBQ    $32, CX
	JMP     block

done:
	VZEROUPPER
	RET
