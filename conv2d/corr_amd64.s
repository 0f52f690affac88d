//go:build amd64 && !purego

#include "textflag.h"

// TAP4 adds the tap's products with the 16 inputs from byte OFF of BX (the tap's weight
// broadcast in Y8) to the accumulators A0 … A3.
#define TAP4(OFF, A0, A1, A2, A3) \
	VMULPD OFF+0(BX), Y8, Y9 \
	VMULPD OFF+32(BX), Y8, Y10 \
	VMULPD OFF+64(BX), Y8, Y11 \
	VMULPD OFF+96(BX), Y8, Y12 \
	VADDPD Y9, A0, A0 \
	VADDPD Y10, A1, A1 \
	VADDPD Y11, A2, A2 \
	VADDPD Y12, A3, A3

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
	TAP4(0, Y0, Y1, Y2, Y3)
	TAP4(128, Y4, Y5, Y6, Y7)
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
