package gemm

import "github.com/polyconv/polyconv/internal/pool"

// MR and NR are the micro-kernel's tile: MR rows of A by NR columns of B.
const (
	MR = 8
	NR = 24
)

// Cache blocking: a packed block of B is kc×nc (kc ≤ KC, nc ≤ NC), one of A is mc×kc (mc ≤
// MC). See bench_test.go for the measurements behind them.
var (
	KC = 256
	MC = 192
	NC = 3072
)

// Panels is a k×n matrix operand that writes blocks of itself in the packed, panel-major form
// the micro-kernel reads: Pack(dst, k0, kc, j0, nc, w) writes rows [k0, k0+kc) and columns
// [j0, j0+nc) as ⌈nc/w⌉ panels of w columns, panel q at dst[q·kc·w:], row p of a panel as its
// w values at dst[q·kc·w + p·w:], columns past nc zero. The product packs B (k×n) in panels of
// NR columns and Aᵀ (k×m) in panels of MR. A Pack must not keep dst.
type Panels interface {
	Pack(dst []float64, k0, kc, j0, nc, w int)
}

// Strided is a matrix with element (i, j) at Data[i*RowStride+j*ColStride]. A row-major
// matrix with leading dimension ld is Strided{Data, ld, 1}; its transpose is
// Strided{Data, 1, ld}.
type Strided struct {
	Data                 []float64
	RowStride, ColStride int
}

// Pack implements Panels.
func (s Strided) Pack(dst []float64, k0, kc, j0, nc, w int) {
	for q := 0; q*w < nc; q++ {
		jw := min(w, nc-q*w)
		panel := dst[q*kc*w : (q+1)*kc*w]
		base := k0*s.RowStride + (j0+q*w)*s.ColStride
		switch {
		case s.ColStride == 1:
			for p := range kc {
				row := panel[p*w : p*w+w]
				o := base + p*s.RowStride
				copy(row[:jw], s.Data[o:o+jw])
				clear(row[jw:])
			}
		case s.RowStride == 1:
			for j := range jw {
				col := s.Data[base+j*s.ColStride : base+j*s.ColStride+kc]
				for p, v := range col {
					panel[p*w+j] = v
				}
			}
			if jw < w {
				for p := range kc {
					clear(panel[p*w+jw : p*w+w])
				}
			}
		default:
			for p := range kc {
				row := panel[p*w : p*w+w]
				o := base + p*s.RowStride
				for j := range jw {
					row[j] = s.Data[o+j*s.ColStride]
				}
				clear(row[jw:])
			}
		}
	}
}

var scratch pool.Slices[float64]

// Mul sets (acc false) or adds to (acc true) the m×n matrix C, row-major at c with row stride
// ldc, the product A·B of the m×k matrix A, given as its transpose at (k×m), and the k×n
// matrix B. Every sum runs over p in blocks of KC, each block's partial sum added to C in
// turn. Mul allocates only pooled scratch; c must not overlap the operands' data. It panics if
// m, n or k is negative or c is too short; with k = 0 it clears C (acc false) or leaves it.
func Mul(c []float64, ldc, m, n, k int, at, b Panels, acc bool) {
	if m < 0 || n < 0 || k < 0 || (m > 0 && n > 0 && (ldc < n || len(c) < (m-1)*ldc+n)) {
		panic("gemm: bad dimensions")
	}
	if m == 0 || n == 0 {
		return
	}
	if k == 0 {
		if !acc {
			for i := range m {
				clear(c[i*ldc : i*ldc+n])
			}
		}
		return
	}
	kcMax := min(KC, k)
	ncMax := min(NC, roundUp(n, NR))
	mcMax := min(MC, roundUp(m, MR))
	// When B needs more than one block of columns, A is packed once, whole, if that is small;
	// otherwise each (k, m) block is packed when it is used.
	packAOnce := n > NC && roundUp(m, MR)*k <= 1<<17
	aLen := mcMax * kcMax
	if packAOnce {
		aLen = roundUp(m, MR) * k
	}
	bp := scratch.Get(kcMax * ncMax)
	ap := scratch.Get(aLen)
	defer scratch.Put(bp)
	defer scratch.Put(ap)
	bbuf, abuf := *bp, *ap
	if packAOnce {
		off := 0
		for pc := 0; pc < k; pc += KC {
			kc := min(KC, k-pc)
			for ic := 0; ic < m; ic += MC {
				mc := min(MC, m-ic)
				at.Pack(abuf[off:], pc, kc, ic, mc, MR)
				off += roundUp(mc, MR) * kc
			}
		}
	}
	var tile [MR * NR]float64
	for jc := 0; jc < n; jc += NC {
		nc := min(NC, n-jc)
		off := 0
		for pc := 0; pc < k; pc += KC {
			kc := min(KC, k-pc)
			b.Pack(bbuf, pc, kc, jc, nc, NR)
			accBlock := acc || pc > 0
			for ic := 0; ic < m; ic += MC {
				mc := min(MC, m-ic)
				a := abuf
				if packAOnce {
					a = abuf[off:]
					off += roundUp(mc, MR) * kc
				} else {
					at.Pack(abuf, pc, kc, ic, mc, MR)
				}
				for jr := 0; jr < nc; jr += NR {
					nr := min(NR, nc-jr)
					bpanel := bbuf[jr*kc : (jr+NR)*kc]
					for ir := 0; ir < mc; ir += MR {
						mr := min(MR, mc-ir)
						apanel := a[ir*kc : (ir+MR)*kc]
						o := (ic+ir)*ldc + jc + jr
						if mr == MR && nr == NR {
							kernel(kc, apanel, bpanel, c[o:], ldc, accBlock)
							continue
						}
						kernel(kc, apanel, bpanel, tile[:], NR, false)
						for i := range mr {
							ci := c[o+i*ldc : o+i*ldc+nr]
							ti := tile[i*NR : i*NR+nr]
							if accBlock {
								for j, v := range ti {
									ci[j] += v
								}
							} else {
								copy(ci, ti)
							}
						}
					}
				}
			}
		}
	}
}

// kernel runs the micro-kernel after checking that its slices are long enough.
func kernel(kc int, a, b, c []float64, ldc int, acc bool) {
	if len(a) < kc*MR || len(b) < kc*NR || ldc < NR || len(c) < (MR-1)*ldc+NR {
		panic("gemm: kernel operands too short")
	}
	microKernel(kc, a, b, c, ldc, acc)
}

func roundUp(x, m int) int { return (x + m - 1) / m * m }
