package cnn

import (
	"fmt"
	"strings"

	"github.com/polyconv/polyconv/internal/gemm"
)

// geom is the im2col geometry of one group of one image: an image of c channels of h×w, a
// kh×kw kernel with strides sh, sw, paddings ph, pw and dilations dh, dw, and the grid of
// oh×ow output positions. The column matrix has c·kh·kw rows, row p = (ci·kh + i)·kw + j, and
// oh·ow columns, column q = oy·ow + ox, and its element (p, q) is the image element
// (ci, oy·sh − ph + i·dh, ox·sw − pw + j·dw), zero outside the image.
type geom struct {
	c, h, w, kh, kw        int
	sh, sw, ph, pw, dh, dw int
	oh, ow                 int
}

// newGeom returns the geometry of an image of c×h×w under a kh×kw kernel with p's strides,
// paddings and dilations (p normalised) and an oh×ow grid of output positions.
func newGeom(c, h, w, kh, kw int, p Params, oh, ow int) geom {
	return geom{c: c, h: h, w: w, kh: kh, kw: kw,
		sh: p.Stride[0], sw: p.Stride[1], ph: p.Padding[0], pw: p.Padding[1],
		dh: p.Dilation[0], dw: p.Dilation[1], oh: oh, ow: ow}
}

func (g *geom) rows() int  { return g.c * g.kh * g.kw }
func (g *geom) cols() int  { return g.oh * g.ow }
func (g *geom) plane() int { return g.h * g.w }

// span returns the output positions [lo, hi) of a grid of n whose input coordinate
// o·stride + off falls in [0, size), and off: the kernel tap t with dilation d and padding pad
// has off = t·d − pad.
func span(n, size, stride, pad, t, d int) (lo, hi, off int) {
	off = t*d - pad
	lo = max(0, ceilDiv(-off, stride))
	hi = min(n, floorDiv(size-1-off, stride)+1)
	return lo, max(lo, hi), off
}

// ySpan and xSpan are span for kernel row i and column j.
func (g *geom) ySpan(i int) (lo, hi, off int) { return span(g.oh, g.h, g.sh, g.ph, i, g.dh) }
func (g *geom) xSpan(j int) (lo, hi, off int) { return span(g.ow, g.w, g.sw, g.pw, j, g.dw) }

func ceilDiv(a, b int) int {
	if a <= 0 {
		return -(-a / b)
	}
	return (a + b - 1) / b
}

func floorDiv(a, b int) int {
	if a >= 0 {
		return a / b
	}
	return -((-a + b - 1) / b)
}

// tap splits row p of the column matrix into its channel and kernel row and column.
func (g *geom) tap(p int) (ci, i, j int) {
	return p / (g.kh * g.kw), p / g.kw % g.kh, p % g.kw
}

// colRow writes columns [q0, q0+len(dst)) of row p of the column matrix of img (the group's
// c·h·w values) to dst.
func (g *geom) colRow(dst, img []float64, p, q0 int) {
	ci, i, j := g.tap(p)
	ylo, yhi, yoff := g.ySpan(i)
	xlo, xhi, xoff := g.xSpan(j)
	chanOff := ci * g.plane()
	oy, ox := q0/g.ow, q0%g.ow
	for len(dst) > 0 {
		n := min(len(dst), g.ow-ox)
		seg := dst[:n]
		dst = dst[n:]
		if oy < ylo || oy >= yhi {
			clear(seg)
		} else {
			row := img[chanOff+(oy*g.sh+yoff)*g.w:][:g.w]
			a, b := min(max(xlo, ox), ox+n), max(min(xhi, ox+n), ox)
			clear(seg[:a-ox])
			switch {
			case a == b:
			case g.sw == 1:
				copy(seg[a-ox:b-ox], row[a+xoff:b+xoff])
			default:
				s := seg[a-ox : b-ox]
				for k := range s {
					s[k] = row[(a+k)*g.sw+xoff]
				}
			}
			clear(seg[b-ox:])
		}
		ox = 0
		oy++
	}
}

// colAdd adds src to columns [q0, q0+len(src)) of row p of the column matrix of img, that is,
// adds each value to the image element it was taken from (values outside the image are
// dropped): the transpose of colRow.
func (g *geom) colAdd(img, src []float64, p, q0 int) {
	ci, i, j := g.tap(p)
	ylo, yhi, yoff := g.ySpan(i)
	xlo, xhi, xoff := g.xSpan(j)
	chanOff := ci * g.plane()
	oy, ox := q0/g.ow, q0%g.ow
	for len(src) > 0 {
		n := min(len(src), g.ow-ox)
		seg := src[:n]
		src = src[n:]
		if oy >= ylo && oy < yhi {
			row := img[chanOff+(oy*g.sh+yoff)*g.w:][:g.w]
			a, b := min(max(xlo, ox), ox+n), max(min(xhi, ox+n), ox)
			s := seg[a-ox : b-ox]
			switch {
			case a == b:
			case g.sw == 1:
				r := row[a+xoff : b+xoff]
				for k, v := range s {
					r[k] += v
				}
			default:
				for k, v := range s {
					row[(a+k)*g.sw+xoff] += v
				}
			}
		}
		ox = 0
		oy++
	}
}

// colPanels is the column matrix of img (rows p, columns q) as the B operand of a product.
type colPanels struct {
	g   *geom
	img []float64
}

// Pack implements gemm.Panels: each row is built whole, then cut into the panels.
func (c colPanels) Pack(dst []float64, k0, kc, j0, nc, w int) {
	tp := scratch.Get(nc)
	defer scratch.Put(tp)
	tmp := (*tp)[:nc]
	for p := range kc {
		c.g.colRow(tmp, c.img, k0+p, j0)
		for q := 0; q*w < nc; q++ {
			row := dst[q*kc*w+p*w : q*kc*w+p*w+w]
			n := copy(row, tmp[q*w:])
			clear(row[n:])
		}
	}
}

// colTPanels is the transpose of the column matrix of img (rows q, columns p) as the B operand
// of a product.
type colTPanels struct {
	g   *geom
	img []float64
}

// Pack implements gemm.Panels: each column p is built from its row of the column matrix.
func (c colTPanels) Pack(dst []float64, k0, kc, j0, nc, w int) {
	tp := scratch.Get(kc)
	defer scratch.Put(tp)
	tmp := (*tp)[:kc]
	for q := 0; q*w < nc; q++ {
		panel := dst[q*kc*w : (q+1)*kc*w]
		jw := min(w, nc-q*w)
		for r := range jw {
			c.g.colRow(tmp, c.img, j0+q*w+r, k0)
			for t, v := range tmp {
				panel[t*w+r] = v
			}
		}
		if jw < w {
			for t := range kc {
				clear(panel[t*w+jw : t*w+w])
			}
		}
	}
}

var _ gemm.Panels = colPanels{}
var _ gemm.Panels = colTPanels{}

// Im2Col returns torch.nn.functional.unfold(x, kernel, dilation, padding, stride): the column
// matrix of every image of x, as a tensor of shape (N, C·kh·kw, Ho, Wo) whose data is unfold's
// (N, C·kh·kw, L) with L = Ho·Wo. Row (ci·kh + i)·kw + j, position (oy, ox) holds
// x[n, ci, oy·Stride[0] − Padding[0] + i·Dilation[0], ox·Stride[1] − Padding[1] + j·Dilation[1]],
// zero outside the image. Only p's Stride, Padding and Dilation are used. dst.Data nil: the
// result is allocated; else dst must have the result's shape (panic "cnn: dst has the wrong
// shape"), and may share memory with x (then a scratch result is copied into it). Im2Col
// panics with a "cnn: " message naming the shapes if x is not a valid tensor, the kernel does
// not fit the padded input, or p has groups or output padding.
func Im2Col(dst, x Tensor, kernel [2]int, p Params) Tensor {
	const fn = "Im2Col"
	x.check(fn, "x")
	p = p.norm()
	if p.Groups != 1 || p.OutputPadding != [2]int{} {
		panic(fmt.Sprintf("cnn: %s takes no groups or output padding (got groups %d, output padding %v)", fn, p.Groups, p.OutputPadding))
	}
	oh, ow := outSizes(fn, x.H, x.W, kernel, p, "x "+x.shape())
	g := newGeom(x.C, x.H, x.W, kernel[0], kernel[1], p, oh, ow)
	out, alias := output(dst, x.N, g.rows(), oh, ow, x.Data)
	res := out
	if alias {
		res = NewTensor(out.N, out.C, out.H, out.W, nil)
	}
	rows, cols, img := g.rows(), g.cols(), x.C*g.plane()
	for n := range x.N {
		for r := range rows {
			g.colRow(res.Data[(n*rows+r)*cols:][:cols], x.Data[n*img:][:img], r, 0)
		}
	}
	if alias {
		copy(out.Data, res.Data)
	}
	return out
}

// Col2Im returns torch.nn.functional.fold(col, size, kernel, dilation, padding, stride): the
// tensor of shape (N, C, size[0], size[1]) to which every element of the column matrices in
// col (shaped as Im2Col returns them: (N, C·kh·kw, Ho, Wo)) is added at the image position
// Im2Col would have taken it from; positions in the padding are dropped. It is the transpose
// (adjoint) of Im2Col. Only p's Stride, Padding and Dilation are used. dst.Data nil: the result
// is allocated; else dst must have the result's shape (panic "cnn: dst has the wrong shape"),
// and may share memory with col. Col2Im panics with a "cnn: " message naming the shapes if col
// is not a valid tensor, col.C is not a multiple of kh·kw, (Ho, Wo) is not the grid the kernel
// makes on size, or p has groups or output padding.
func Col2Im(dst, col Tensor, size, kernel [2]int, p Params) Tensor {
	const fn = "Col2Im"
	col.check(fn, "col")
	p = p.norm()
	if p.Groups != 1 || p.OutputPadding != [2]int{} {
		panic(fmt.Sprintf("cnn: %s takes no groups or output padding (got groups %d, output padding %v)", fn, p.Groups, p.OutputPadding))
	}
	if kernel[0] < 1 || kernel[1] < 1 || col.C%(kernel[0]*kernel[1]) != 0 {
		panic(fmt.Sprintf("cnn: %s: col %s has %d rows, not a multiple of the kernel %d×%d", fn, col.shape(), col.C, kernel[0], kernel[1]))
	}
	oh, ow := outSizes(fn, size[0], size[1], kernel, p, fmt.Sprintf("output size %v", size))
	if oh != col.H || ow != col.W {
		panic(fmt.Sprintf("cnn: %s: col %s has a %d×%d grid, but a %d×%d kernel on %v makes %d×%d", fn, col.shape(), col.H, col.W, kernel[0], kernel[1], size, oh, ow))
	}
	c := col.C / (kernel[0] * kernel[1])
	g := newGeom(c, size[0], size[1], kernel[0], kernel[1], p, oh, ow)
	out, alias := output(dst, col.N, c, size[0], size[1], col.Data)
	res := out
	if alias {
		res = NewTensor(out.N, out.C, out.H, out.W, nil)
	} else {
		clear(res.Data)
	}
	rows, cols, img := g.rows(), g.cols(), c*g.plane()
	for n := range col.N {
		for r := range rows {
			g.colAdd(res.Data[n*img:][:img], col.Data[(n*rows+r)*cols:][:cols], r, 0)
		}
	}
	if alias {
		copy(out.Data, res.Data)
	}
	return out
}

// outSizes returns the output grid of a kernel with p (normalised) on an h×w input, or
// panics naming what (the input's description) and fn with OutSize's error.
func outSizes(fn string, h, w int, kernel [2]int, p Params, what string) (int, int) {
	oh, err := OutSize(h, kernel[0], p.Stride[0], p.Padding[0], p.Dilation[0])
	if err == nil {
		var ow int
		if ow, err = OutSize(w, kernel[1], p.Stride[1], p.Padding[1], p.Dilation[1]); err == nil {
			return oh, ow
		}
	}
	panic(fmt.Sprintf("cnn: %s of %s with a %d×%d kernel: %s", fn, what, kernel[0], kernel[1], errText(err)))
}

// errText is err's message without the package prefix, to quote inside a panic message.
func errText(err error) string { return strings.TrimPrefix(err.Error(), "cnn: ") }
