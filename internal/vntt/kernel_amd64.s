//go:build amd64 && !purego

#include "textflag.h"

// Offsets of the fields of consts (vntt.go): p, p2, pinv, negp, eight words each.
#define C_P 0
#define C_P2 64
#define C_PINV 128
#define C_NEGP 192

// SHOUP(y, w, wq, q, t): t = y·w mod p in [0, 2p), lazily, for y < 2^52 (Z27 = 2^52−1 mask,
// Z29 = 2^52 − p). Clobbers q.
#define SHOUP(y, w, wq, q, t) \
	VPXORQ q, q, q \
	VPMADD52HUQ wq, y, q \
	VPXORQ t, t, t \
	VPMADD52LUQ w, y, t \
	VPMADD52LUQ Z29, q, t \
	VPANDQ Z27, t, t

// MASK52 sets Z27 to the 52-bit mask in every lane (clobbers AX).
#define MASK52 \
	MOVQ $0xfffffffffffff, AX \
	VPBROADCASTQ AX, Z27

// LEVELCONSTS loads the constants of the level kernels from the consts at DX: Z31 = 2p,
// Z29 = 2^52 − p, Z27 = the 52-bit mask.
#define LEVELCONSTS \
	VMOVDQU64 C_P2(DX), Z31 \
	VMOVDQU64 C_NEGP(DX), Z29 \
	MASK52

// TWIDDLES2 loads a block's twiddles for two levels and advances past them: entry k of tw1 at
// DI (Z28, Z26) and entries 2k, 2k+1 of tw2 at R8 (Z24, Z23 and Z19, Z18).
#define TWIDDLES2 \
	VMOVDQU64 0(DI), Z28 \
	VMOVDQU64 64(DI), Z26 \
	VMOVDQU64 0(R8), Z24 \
	VMOVDQU64 64(R8), Z23 \
	VMOVDQU64 128(R8), Z19 \
	VMOVDQU64 192(R8), Z18 \
	ADDQ $128, DI \
	ADDQ $256, R8

// TWIDDLES1 loads a block's twiddle for one level, entry k of tw at DI (Z28, Z26), and
// advances past it.
#define TWIDDLES1 \
	VMOVDQU64 0(DI), Z28 \
	VMOVDQU64 64(DI), Z26 \
	ADDQ $128, DI

// TWIDDLES2B and TWIDDLES1B are TWIDDLES2 and TWIDDLES1 for a OnePlan's tables, whose
// entries are two words (w and its quotient) broadcast to every lane.
#define TWIDDLES2B \
	VPBROADCASTQ 0(DI), Z28 \
	VPBROADCASTQ 8(DI), Z26 \
	VPBROADCASTQ 0(R8), Z24 \
	VPBROADCASTQ 8(R8), Z23 \
	VPBROADCASTQ 16(R8), Z19 \
	VPBROADCASTQ 24(R8), Z18 \
	ADDQ $16, DI \
	ADDQ $32, R8

#define TWIDDLES1B \
	VPBROADCASTQ 0(DI), Z28 \
	VPBROADCASTQ 8(DI), Z26 \
	ADDQ $16, DI

// LEVELARGS loads the arguments of a one-level kernel (a, tw []uint64, h int, c *consts) and
// its constants: SI = a, BX = the end of a, DI = tw, CX = the bytes in half a block, DX = c.
#define LEVELARGS \
	MOVQ a_base+0(FP), SI \
	MOVQ a_len+8(FP), BX \
	MOVQ tw_base+24(FP), DI \
	MOVQ h+48(FP), CX \
	MOVQ c+56(FP), DX \
	LEVELCONSTS \
	SHLQ $6, CX \
	LEAQ (SI)(BX*8), BX

// LEVEL2ARGS loads the arguments of a two-level kernel (a, tw1, tw2 []uint64, q int,
// c *consts) and its constants: SI = a, BX = the end of a, DI = tw1, R8 = tw2, CX = the bytes
// in a quarter block, R9 = three quarters, DX = c.
#define LEVEL2ARGS \
	MOVQ a_base+0(FP), SI \
	MOVQ a_len+8(FP), BX \
	MOVQ tw1_base+24(FP), DI \
	MOVQ tw2_base+48(FP), R8 \
	MOVQ q+72(FP), CX \
	MOVQ c+80(FP), DX \
	LEVELCONSTS \
	SHLQ $6, CX \
	LEAQ (CX)(CX*2), R9 \
	LEAQ (SI)(BX*8), BX

// LOAD4 and STORE4 move the four quarters' points at R11 (quarters CX bytes apart) to and from
// Z0–Z3.
#define LOAD4 \
	VMOVDQU64 (R11), Z0 \
	VMOVDQU64 (R11)(CX*1), Z1 \
	VMOVDQU64 (R11)(CX*2), Z2 \
	VMOVDQU64 (R11)(R9*1), Z3

#define STORE4 \
	VMOVDQU64 Z0, (R11) \
	VMOVDQU64 Z1, (R11)(CX*1) \
	VMOVDQU64 Z2, (R11)(CX*2) \
	VMOVDQU64 Z3, (R11)(R9*1)

// FWD(x, y, w, wq): (x, y) ← (csub(x, 2p) + y·w, csub(x, 2p) − y·w + 2p). Clobbers Z20–Z22.
#define FWD(x, y, w, wq) \
	VPSUBQ Z31, x, Z20 \
	VPMINUQ Z20, x, x \
	SHOUP(y, w, wq, Z21, Z22) \
	VPSUBQ Z22, x, y \
	VPADDQ Z31, y, y \
	VPADDQ Z22, x, x

// INV(x, y, w, wq): (x, y) ← (csub(x + y, 2p), (x − y + 2p)·w). Clobbers Z20–Z22.
#define INV(x, y, w, wq) \
	VPSUBQ y, x, Z20 \
	VPADDQ Z31, Z20, Z20 \
	VPADDQ y, x, x \
	VPSUBQ Z31, x, Z21 \
	VPMINUQ Z21, x, x \
	SHOUP(Z20, w, wq, Z21, y)

// func fwdLevelAVX512(a, tw []uint64, h int, c *consts)
#define FWDLEVEL(TW) \
	LEVELARGS \
fblocks: \
	CMPQ SI, BX \
	JAE fdone \
	TW \
	MOVQ SI, R11 \
	LEAQ (SI)(CX*1), R12 \
finner: \
	VMOVDQU64 (R11), Z0 \
	VMOVDQU64 (R11)(CX*1), Z1 \
	FWD(Z0, Z1, Z28, Z26) \
	VMOVDQU64 Z0, (R11) \
	VMOVDQU64 Z1, (R11)(CX*1) \
	ADDQ $64, R11 \
	CMPQ R11, R12 \
	JB finner \
	LEAQ (SI)(CX*2), SI \
	JMP fblocks \
fdone: \
	VZEROUPPER \
	RET

TEXT ·fwdLevelAVX512(SB), NOSPLIT, $0-64
	FWDLEVEL(TWIDDLES1)

// func fwdLevelBAVX512: fwdLevelAVX512 on broadcast two-word entries.
TEXT ·fwdLevelBAVX512(SB), NOSPLIT, $0-64
	FWDLEVEL(TWIDDLES1B)

// func invLevelAVX512(a, tw []uint64, h int, c *consts)
#define INVLEVEL(TW) \
	LEVELARGS \
iblocks: \
	CMPQ SI, BX \
	JAE idone \
	TW \
	MOVQ SI, R11 \
	LEAQ (SI)(CX*1), R12 \
iinner: \
	VMOVDQU64 (R11), Z0 \
	VMOVDQU64 (R11)(CX*1), Z1 \
	INV(Z0, Z1, Z28, Z26) \
	VMOVDQU64 Z0, (R11) \
	VMOVDQU64 Z1, (R11)(CX*1) \
	ADDQ $64, R11 \
	CMPQ R11, R12 \
	JB iinner \
	LEAQ (SI)(CX*2), SI \
	JMP iblocks \
idone: \
	VZEROUPPER \
	RET

TEXT ·invLevelAVX512(SB), NOSPLIT, $0-64
	INVLEVEL(TWIDDLES1)

// func invLevelBAVX512: invLevelAVX512 on broadcast two-word entries.
TEXT ·invLevelBAVX512(SB), NOSPLIT, $0-64
	INVLEVEL(TWIDDLES1B)

// func pointwiseAVX512(a, b []uint64, scale *[16]uint64, c *consts)
TEXT ·pointwiseAVX512(SB), NOSPLIT, $0-64
	MOVQ a_base+0(FP), SI
	MOVQ a_len+8(FP), BX
	MOVQ b_base+24(FP), DI
	MOVQ scale+48(FP), R8
	MOVQ c+56(FP), DX
	VMOVDQU64 C_P(DX), Z30
	VMOVDQU64 C_P2(DX), Z31
	VMOVDQU64 C_PINV(DX), Z25
	VMOVDQU64 C_NEGP(DX), Z29
	VMOVDQU64 0(R8), Z28     // s
	VMOVDQU64 64(R8), Z26    // ⌊s·2^52/p⌋
	MASK52
	LEAQ (SI)(BX*8), BX
ploop:
	CMPQ SI, BX
	JAE pdone
	VMOVDQU64 (SI), Z0
	VMOVDQU64 (DI), Z1
	VPSUBQ Z31, Z0, Z2
	VPMINUQ Z2, Z0, Z0
	VPSUBQ Z31, Z1, Z2
	VPMINUQ Z2, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPMADD52LUQ Z1, Z0, Z2   // lo
	VPXORQ Z3, Z3, Z3
	VPMADD52HUQ Z1, Z0, Z3   // hi
	VPXORQ Z4, Z4, Z4
	VPMADD52LUQ Z25, Z2, Z4  // m = lo·pinv mod 2^52
	VPMADD52LUQ Z30, Z4, Z2  // lo + (m·p mod 2^52): 0 or 2^52
	VPMADD52HUQ Z30, Z4, Z3  // hi + ⌊m·p/2^52⌋
	VPSRLQ $52, Z2, Z2
	VPADDQ Z2, Z3, Z3        // Montgomery product, below 2p
	SHOUP(Z3, Z28, Z26, Z5, Z6)
	VMOVDQU64 Z6, (SI)
	ADDQ $64, SI
	ADDQ $64, DI
	JMP ploop
pdone:
	VZEROUPPER
	RET

// func fwd2LevelsAVX512(a, tw1, tw2 []uint64, q int, c *consts)
// Two forward levels on blocks of 4q points: block k uses entry k of tw1, then entries 2k and
// 2k+1 of tw2 for its halves.
#define FWD2LEVELS(TW) \
	LEVEL2ARGS \
f2blocks: \
	CMPQ SI, BX \
	JAE f2done \
	TW \
	MOVQ SI, R11 \
	LEAQ (SI)(CX*1), R12 \
f2inner: \
	LOAD4 \
	FWD(Z0, Z2, Z28, Z26) \
	FWD(Z1, Z3, Z28, Z26) \
	FWD(Z0, Z1, Z24, Z23) \
	FWD(Z2, Z3, Z19, Z18) \
	STORE4 \
	ADDQ $64, R11 \
	CMPQ R11, R12 \
	JB f2inner \
	LEAQ (SI)(CX*4), SI \
	JMP f2blocks \
f2done: \
	VZEROUPPER \
	RET

TEXT ·fwd2LevelsAVX512(SB), NOSPLIT, $0-88
	FWD2LEVELS(TWIDDLES2)

// func fwd2LevelsBAVX512: fwd2LevelsAVX512 on broadcast two-word entries.
TEXT ·fwd2LevelsBAVX512(SB), NOSPLIT, $0-88
	FWD2LEVELS(TWIDDLES2B)

// func inv2LevelsAVX512(a, tw1, tw2 []uint64, q int, c *consts)
// Undoes fwd2LevelsAVX512's levels (inverse twiddles): first the halves with entries 2k and
// 2k+1 of tw2, then the block with entry k of tw1.
#define INV2LEVELS(TW) \
	LEVEL2ARGS \
i2blocks: \
	CMPQ SI, BX \
	JAE i2done \
	TW \
	MOVQ SI, R11 \
	LEAQ (SI)(CX*1), R12 \
i2inner: \
	LOAD4 \
	INV(Z0, Z1, Z24, Z23) \
	INV(Z2, Z3, Z19, Z18) \
	INV(Z0, Z2, Z28, Z26) \
	INV(Z1, Z3, Z28, Z26) \
	STORE4 \
	ADDQ $64, R11 \
	CMPQ R11, R12 \
	JB i2inner \
	LEAQ (SI)(CX*4), SI \
	JMP i2blocks \
i2done: \
	VZEROUPPER \
	RET

TEXT ·inv2LevelsAVX512(SB), NOSPLIT, $0-88
	INV2LEVELS(TWIDDLES2)

// func inv2LevelsBAVX512: inv2LevelsAVX512 on broadcast two-word entries.
TEXT ·inv2LevelsBAVX512(SB), NOSPLIT, $0-88
	INV2LEVELS(TWIDDLES2B)

// Offsets of the fields of crtConsts (crt.go).
#define R_INV 0
#define R_INVQ 64
#define R_G 128
#define R_MI 192
#define R_MNEG 640
#define R_IDX 704

// RPF is how far ahead of the current group Recombine prefetches, in bytes.
#define RPF 2048

// RGATHER(l, z): z = lane l of the eight points at SI (gather indices in Z30).
#define RGATHER(l, z) \
	KXNORW K1, K1, K1 \
	VPGATHERQQ (8*l)(SI)(Z30*8), K1, z

// RSHOUP(l, z): z = z·(M/p_l)^−1 mod p_l in [0, 2p_l) (Shoup, broadcast constants from the
// crtConsts at DX and 2^52 − p_l from the consts at R10), and
// Z16 += the high half of z·⌊2^97/p_l⌋ (the quotient estimate). Clobbers Z17, Z18.
#define RSHOUP(l, z) \
	VPXORQ Z17, Z17, Z17 \
	VPMADD52HUQ.BCST (R_INVQ+8*l)(DX), z, Z17 \
	VPXORQ Z18, Z18, Z18 \
	VPMADD52LUQ.BCST (R_INV+8*l)(DX), z, Z18 \
	VPMADD52LUQ.BCST (C_NEGP+8*l)(R10), Z17, Z18 \
	VPANDQ Z27, Z18, z \
	VPMADD52HUQ.BCST (R_G+8*l)(DX), z, Z16

// RTERMS(l, z): the limb columns Z8..Z15 += z·(M/p_l), the seven limbs' low halves into
// their columns and high halves into the next.
#define RTERMS(l, z) \
	VPMADD52LUQ.BCST (R_MI+56*l)(DX), z, Z8 \
	VPMADD52HUQ.BCST (R_MI+56*l)(DX), z, Z9 \
	VPMADD52LUQ.BCST (R_MI+56*l+8)(DX), z, Z9 \
	VPMADD52HUQ.BCST (R_MI+56*l+8)(DX), z, Z10 \
	VPMADD52LUQ.BCST (R_MI+56*l+16)(DX), z, Z10 \
	VPMADD52HUQ.BCST (R_MI+56*l+16)(DX), z, Z11 \
	VPMADD52LUQ.BCST (R_MI+56*l+24)(DX), z, Z11 \
	VPMADD52HUQ.BCST (R_MI+56*l+24)(DX), z, Z12 \
	VPMADD52LUQ.BCST (R_MI+56*l+32)(DX), z, Z12 \
	VPMADD52HUQ.BCST (R_MI+56*l+32)(DX), z, Z13 \
	VPMADD52LUQ.BCST (R_MI+56*l+40)(DX), z, Z13 \
	VPMADD52HUQ.BCST (R_MI+56*l+40)(DX), z, Z14 \
	VPMADD52LUQ.BCST (R_MI+56*l+48)(DX), z, Z14 \
	VPMADD52HUQ.BCST (R_MI+56*l+48)(DX), z, Z15

// RCARRY(a, b): carry the bits of limb a above 52 into limb b.
#define RCARRY(a, b) \
	VPSRLQ $52, a, Z17 \
	VPANDQ Z27, a, a \
	VPADDQ Z17, b, b

// func recombineAVX512(a []uint64, c *crtConsts, lc *consts)
// recombineGeneric's steps on eight points at once, one point per lane: the eight residues of
// prime l are gathered into Z0..Z7, and the value's 52-bit limbs accumulate in Z8..Z15.
TEXT ·recombineAVX512(SB), NOSPLIT, $0-40
	MOVQ a_base+0(FP), SI
	MOVQ a_len+8(FP), BX
	MOVQ c+24(FP), DX
	MOVQ lc+32(FP), R10
	LEAQ (SI)(BX*8), BX
	MASK52
	MOVQ $0x80000000000, AX  // 2^43: 1/4 in units of 2^−45
	VPBROADCASTQ AX, Z28
	VMOVDQU64 R_IDX(DX), Z30
rloop:
	CMPQ SI, BX
	JAE rdone
	// The gathers read eight cache lines at once, which the hardware prefetcher does not
	// anticipate: fetch the group RPF bytes ahead.
	PREFETCHT0 (RPF+0)(SI)
	PREFETCHT0 (RPF+64)(SI)
	PREFETCHT0 (RPF+128)(SI)
	PREFETCHT0 (RPF+192)(SI)
	PREFETCHT0 (RPF+256)(SI)
	PREFETCHT0 (RPF+320)(SI)
	PREFETCHT0 (RPF+384)(SI)
	PREFETCHT0 (RPF+448)(SI)
	RGATHER(0, Z0)
	RGATHER(1, Z1)
	RGATHER(2, Z2)
	RGATHER(3, Z3)
	RGATHER(4, Z4)
	RGATHER(5, Z5)
	RGATHER(6, Z6)
	RGATHER(7, Z7)
	VMOVDQA64 Z28, Z16
	RSHOUP(0, Z0)
	RSHOUP(1, Z1)
	RSHOUP(2, Z2)
	RSHOUP(3, Z3)
	RSHOUP(4, Z4)
	RSHOUP(5, Z5)
	RSHOUP(6, Z6)
	RSHOUP(7, Z7)
	VPSRLQ $45, Z16, Z16     // q
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15
	RTERMS(0, Z0)
	RTERMS(1, Z1)
	RTERMS(2, Z2)
	RTERMS(3, Z3)
	RTERMS(4, Z4)
	RTERMS(5, Z5)
	RTERMS(6, Z6)
	RTERMS(7, Z7)
	// + q·(2^416 − M), modulo 2^416.
	VPMADD52LUQ.BCST (R_MNEG+0)(DX), Z16, Z8
	VPMADD52HUQ.BCST (R_MNEG+0)(DX), Z16, Z9
	VPMADD52LUQ.BCST (R_MNEG+8)(DX), Z16, Z9
	VPMADD52HUQ.BCST (R_MNEG+8)(DX), Z16, Z10
	VPMADD52LUQ.BCST (R_MNEG+16)(DX), Z16, Z10
	VPMADD52HUQ.BCST (R_MNEG+16)(DX), Z16, Z11
	VPMADD52LUQ.BCST (R_MNEG+24)(DX), Z16, Z11
	VPMADD52HUQ.BCST (R_MNEG+24)(DX), Z16, Z12
	VPMADD52LUQ.BCST (R_MNEG+32)(DX), Z16, Z12
	VPMADD52HUQ.BCST (R_MNEG+32)(DX), Z16, Z13
	VPMADD52LUQ.BCST (R_MNEG+40)(DX), Z16, Z13
	VPMADD52HUQ.BCST (R_MNEG+40)(DX), Z16, Z14
	VPMADD52LUQ.BCST (R_MNEG+48)(DX), Z16, Z14
	VPMADD52HUQ.BCST (R_MNEG+48)(DX), Z16, Z15
	VPMADD52LUQ.BCST (R_MNEG+56)(DX), Z16, Z15
	RCARRY(Z8, Z9)
	RCARRY(Z9, Z10)
	RCARRY(Z10, Z11)
	RCARRY(Z11, Z12)
	RCARRY(Z12, Z13)
	RCARRY(Z13, Z14)
	RCARRY(Z14, Z15)
	VPANDQ Z27, Z15, Z15
	// 52-bit limbs to 64-bit words, one row of eight points each.
	VPSLLQ $52, Z9, Z17
	VPORQ Z17, Z8, Z0
	VPSRLQ $12, Z9, Z17
	VPSLLQ $40, Z10, Z18
	VPORQ Z17, Z18, Z1
	VPSRLQ $24, Z10, Z17
	VPSLLQ $28, Z11, Z18
	VPORQ Z17, Z18, Z2
	VPSRLQ $36, Z11, Z17
	VPSLLQ $16, Z12, Z18
	VPORQ Z17, Z18, Z3
	VPSRLQ $48, Z12, Z17
	VPSLLQ $4, Z13, Z18
	VPORQ Z17, Z18, Z4
	VPSLLQ $56, Z14, Z17
	VPORQ Z17, Z4, Z4
	VPSRLQ $8, Z14, Z17
	VPSLLQ $44, Z15, Z18
	VPORQ Z17, Z18, Z5
	VPSRLQ $20, Z15, Z6
	VPXORQ Z7, Z7, Z7
	VMOVDQU64 Z0, 0(SI)
	VMOVDQU64 Z1, 64(SI)
	VMOVDQU64 Z2, 128(SI)
	VMOVDQU64 Z3, 192(SI)
	VMOVDQU64 Z4, 256(SI)
	VMOVDQU64 Z5, 320(SI)
	VMOVDQU64 Z6, 384(SI)
	VMOVDQU64 Z7, 448(SI)
	ADDQ $512, SI
	JMP rloop
rdone:
	VZEROUPPER
	RET

// Offsets of the fields of limbConsts (crt.go).
#define L_PW 0
#define L_PWQ 256

// LDIGIT(k, w, wq): Z1 += d_k·w lazily (below 2p), d_k broadcast from DI, w = 2^(52k) mod p
// and wq its Shoup quotient.
#define LDIGIT(k, w, wq) \
	VPBROADCASTQ (8*k)(DI), Z0 \
	SHOUP(Z0, w, wq, Z2, Z3) \
	VPADDQ Z3, Z1, Z1

// func setLimbsAVX512(a, d []uint64, c *limbConsts, lc *consts)
// setLimbsGeneric's steps, one point (eight lanes) per iteration.
TEXT ·setLimbsAVX512(SB), NOSPLIT, $0-64
	MOVQ a_base+0(FP), SI
	MOVQ d_base+24(FP), DI
	MOVQ d_len+32(FP), BX
	MOVQ c+48(FP), DX
	MOVQ lc+56(FP), R10
	LEAQ (DI)(BX*8), BX
	MASK52
	VMOVDQU64 C_NEGP(R10), Z29
	VMOVDQU64 C_P2(R10), Z28
	VPADDQ Z28, Z28, Z28     // 4p
	VMOVDQU64 (L_PW+0)(DX), Z10
	VMOVDQU64 (L_PW+64)(DX), Z11
	VMOVDQU64 (L_PW+128)(DX), Z12
	VMOVDQU64 (L_PW+192)(DX), Z13
	VMOVDQU64 (L_PWQ+0)(DX), Z14
	VMOVDQU64 (L_PWQ+64)(DX), Z15
	VMOVDQU64 (L_PWQ+128)(DX), Z16
	VMOVDQU64 (L_PWQ+192)(DX), Z17
lloop:
	CMPQ DI, BX
	JAE ldone
	VPXORQ Z1, Z1, Z1
	LDIGIT(0, Z10, Z14)
	LDIGIT(1, Z11, Z15)
	LDIGIT(2, Z12, Z16)
	LDIGIT(3, Z13, Z17)
	VPSUBQ Z28, Z1, Z2
	VPMINUQ Z2, Z1, Z1
	VMOVDQU64 Z1, (SI)
	ADDQ $64, SI
	ADDQ $32, DI
	JMP lloop
ldone:
	VZEROUPPER
	RET

// RINGTERM(k, P): Z4 += the low and Z5 the high halves of a_k·P, a_k broadcast from the
// point at SI.
#define RINGTERM(k, P) \
	VPMADD52LUQ.BCST (8*k)(SI), P, Z4 \
	VPMADD52HUQ.BCST (8*k)(SI), P, Z5

// RINGSHIFT(k): Z6 = the k-th rotation of (y, yc): lane m is y_{m−k} for m ≥ k and yc_{m+8−k}
// below, the words of the 16-word concatenation yc:y from 8 − k on.
#define RINGSHIFT(k) \
	VALIGNQ $(8-k), Z3, Z1, Z6

// func ringMulAVX512(a, b, tw []uint64, scale *[16]uint64, c *consts)
// ringMulGeneric's steps, one point (eight words) per iteration.
TEXT ·ringMulAVX512(SB), NOSPLIT, $0-88
	MOVQ a_base+0(FP), SI
	MOVQ a_len+8(FP), BX
	MOVQ b_base+24(FP), DI
	MOVQ tw_base+48(FP), R8
	MOVQ scale+72(FP), R9
	MOVQ c+80(FP), DX
	VMOVDQU64 C_P(DX), Z30
	VMOVDQU64 C_P2(DX), Z31
	VMOVDQU64 C_PINV(DX), Z25
	VMOVDQU64 C_NEGP(DX), Z29
	VPADDQ Z31, Z31, Z24     // 4p
	VPADDQ Z24, Z24, Z23     // 8p
	VMOVDQU64 0(R9), Z28     // s
	VMOVDQU64 64(R9), Z26    // ⌊s·2^52/p⌋
	MASK52
	LEAQ (SI)(BX*8), BX
rmloop:
	CMPQ SI, BX
	JAE rmdone
	VMOVDQU64 (DI), Z1
	VPSUBQ Z31, Z1, Z2
	VPMINUQ Z2, Z1, Z1
	VPSUBQ Z30, Z1, Z2
	VPMINUQ Z2, Z1, Z1       // y below p
	VPBROADCASTQ 0(R8), Z10
	VPBROADCASTQ 8(R8), Z11
	SHOUP(Z1, Z10, Z11, Z12, Z3)
	VPSUBQ Z30, Z3, Z2
	VPMINUQ Z2, Z3, Z3       // yc = y·c below p
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	RINGTERM(0, Z1)
	RINGSHIFT(1)
	RINGTERM(1, Z6)
	RINGSHIFT(2)
	RINGTERM(2, Z6)
	RINGSHIFT(3)
	RINGTERM(3, Z6)
	RINGSHIFT(4)
	RINGTERM(4, Z6)
	RINGSHIFT(5)
	RINGTERM(5, Z6)
	RINGSHIFT(6)
	RINGTERM(6, Z6)
	RINGSHIFT(7)
	RINGTERM(7, Z6)
	VPXORQ Z7, Z7, Z7
	VPMADD52LUQ Z25, Z4, Z7  // q = L·pinv mod 2^52
	VPMADD52LUQ Z30, Z7, Z4  // L + (q·p mod 2^52)
	VPMADD52HUQ Z30, Z7, Z5  // H + ⌊q·p/2^52⌋
	VPSRLQ $52, Z4, Z4
	VPADDQ Z4, Z5, Z5        // R
	VPSUBQ Z23, Z5, Z2
	VPMINUQ Z2, Z5, Z5
	VPSUBQ Z24, Z5, Z2
	VPMINUQ Z2, Z5, Z5       // below 4p
	SHOUP(Z5, Z28, Z26, Z12, Z6)
	VMOVDQU64 Z6, (SI)
	ADDQ $64, SI
	ADDQ $64, DI
	ADDQ $16, R8
	JMP rmloop
rmdone:
	VZEROUPPER
	RET
