package cnn

import (
	"fmt"

	"github.com/polyconv/polyconv/internal/gemm"
	"github.com/polyconv/polyconv/internal/pool"
)

// scratch holds the packing rows and column blocks of the products.
var scratch = pool.Slices[float64]{Min: 16}

// directBelow is the number of channels per group on the output side of a convolution (Cout/groups;
// Cin/groups of a transposed one) below which the direct loops replace im2col and the matrix
// product: with so few rows the product's 8-row tiles run mostly empty. Depthwise layers
// (one channel per group) always take the direct loops. See BenchmarkConv2D/case=groups.
var directBelow = 4

// Conv2D returns torch.nn.functional.conv2d(x, w, bias, p.Stride, p.Padding, p.Dilation,
// p.Groups): x is (N, Cin, H, W), w is (Cout, Cin/groups, kh, kw), bias is nil or has Cout
// values, and the result is (N, Cout, Ho, Wo) with Ho and Wo from OutSize. Output channel co
// of image n is bias[co] plus the cross-correlation of the input channels of its group with
// the filters w[co]. It is computed by packing the im2col matrix of each image and group
// straight into the panels of a matrix product (never building the whole column matrix), or
// by direct loops for layers with few output channels per group (depthwise).
//
// dst.Data nil: the result is allocated; else dst must be (N, Cout, Ho, Wo) or Conv2D panics
// "cnn: dst has the wrong shape"; dst may share memory with x, w or bias (a scratch result is
// then copied into it). Conv2D panics with a "cnn: " message naming the shapes if x or w is
// not a valid tensor, the groups do not divide Cin and Cout, w's channels are not Cin/groups,
// bias has the wrong length, p has a negative value or an output padding, or the kernel does
// not fit the padded input.
func Conv2D(dst, x, w Tensor, bias []float64, p Params) Tensor {
	const fn = "Conv2D"
	p = checkConv(fn, x, w, bias, p, w.N)
	if p.OutputPadding != [2]int{} {
		panic(fmt.Sprintf("cnn: %s takes no output padding (got %v)", fn, p.OutputPadding))
	}
	oh, ow := outSizes(fn, x.H, x.W, [2]int{w.H, w.W}, p, "x "+x.shape())
	out, alias := output(dst, x.N, w.N, oh, ow, x.Data, w.Data, bias)
	res := out
	if alias {
		res = NewTensor(out.N, out.C, out.H, out.W, nil)
	}
	conv2D(res, x, w, bias, p)
	if alias {
		copy(out.Data, res.Data)
	}
	return out
}

// checkConv checks the operands of Conv2D (cout = w.N) or ConvTranspose2D (cout = w.C·groups)
// and returns p normalised.
func checkConv(fn string, x, w Tensor, bias []float64, p Params, cout int) Params {
	x.check(fn, "x")
	w.check(fn, "w")
	for i := range 2 {
		if p.Stride[i] < 0 || p.Padding[i] < 0 || p.Dilation[i] < 0 || p.OutputPadding[i] < 0 {
			panic(fmt.Sprintf("cnn: %s: negative parameter in %+v", fn, p))
		}
	}
	if p.Groups < 0 {
		panic(fmt.Sprintf("cnn: %s: negative groups %d", fn, p.Groups))
	}
	p = p.norm()
	g := p.Groups
	if fn == "ConvTranspose2D" {
		if x.C != w.N {
			panic(fmt.Sprintf("cnn: %s: x %s has %d channels but w %s is for %d", fn, x.shape(), x.C, w.shape(), w.N))
		}
		if x.C%g != 0 {
			panic(fmt.Sprintf("cnn: %s: groups %d does not divide the %d channels of x %s", fn, g, x.C, x.shape()))
		}
	} else {
		if x.C%g != 0 || w.N%g != 0 {
			panic(fmt.Sprintf("cnn: %s: groups %d does not divide the %d channels of x %s and the %d filters of w %s", fn, g, x.C, x.shape(), w.N, w.shape()))
		}
		if w.C*g != x.C {
			panic(fmt.Sprintf("cnn: %s: x %s has %d channels but w %s with groups %d takes %d", fn, x.shape(), x.C, w.shape(), g, w.C*g))
		}
	}
	if bias != nil && len(bias) != cout {
		panic(fmt.Sprintf("cnn: %s: bias has %d values for %d output channels (w %s)", fn, len(bias), cout, w.shape()))
	}
	return p
}

// conv2D computes Conv2D into out (of the right shape, not overlapping the operands).
func conv2D(out, x, w Tensor, bias []float64, p Params) {
	g := p.Groups
	cig, cog := x.C/g, w.N/g
	ge := newGeom(cig, x.H, x.W, w.H, w.W, p, out.H, out.W)
	kg, cols, img := ge.rows(), ge.cols(), cig*ge.plane()
	for n := range x.N {
		for grp := range g {
			o := out.Data[(n*out.C+grp*cog)*cols:][:cog*cols]
			if bias != nil {
				for co := range cog {
					fill(o[co*cols:(co+1)*cols], bias[grp*cog+co])
				}
			}
			xi := x.Data[(n*x.C+grp*cig)*ge.plane():][:img]
			wg := w.Data[grp*cog*kg:][:cog*kg]
			if cog < directBelow {
				if bias == nil {
					clear(o)
				}
				directForward(o, xi, wg, &ge, cog)
				continue
			}
			gemm.Mul(o, cols, cog, cols, kg, gemm.Strided{Data: wg, RowStride: 1, ColStride: kg}, colPanels{&ge, xi}, bias != nil)
		}
	}
}

// ConvTranspose2D returns torch.nn.functional.conv_transpose2d(x, w, bias, p.Stride,
// p.Padding, p.OutputPadding, p.Groups, p.Dilation): x is (N, Cin, H, W), w is
// (Cin, Cout/groups, kh, kw), bias is nil or has Cout values, and the result is
// (N, Cout, Ho, Wo) with Ho and Wo from TransposedOutSize. It is the adjoint of Conv2D with the
// same w and p (the gradient of Conv2D with respect to its input): every input value x[n, ci,
// y, x'] adds w[ci, co]·x[n, ci, y, x'] to the output window at (y·stride − padding,
// x'·stride − padding), spaced by the dilation. It is computed as a matrix product (wᵀ times
// each image's channels) followed by col2im, in blocks of columns that stay in cache, or by
// direct loops when a group has few input channels.
//
// dst.Data nil: the result is allocated; else dst must be (N, Cout, Ho, Wo) or ConvTranspose2D
// panics "cnn: dst has the wrong shape"; dst may share memory with x, w or bias. It panics
// with a "cnn: " message naming the shapes if x or w is not a valid tensor, w.N != Cin, the
// groups do not divide Cin, bias has the wrong length, p has a negative value, or
// TransposedOutSize fails (output padding not below max(stride, dilation), size below 1).
func ConvTranspose2D(dst, x, w Tensor, bias []float64, p Params) Tensor {
	const fn = "ConvTranspose2D"
	p = checkConv(fn, x, w, bias, p, w.C*max(p.Groups, 1))
	g := p.Groups
	var size [2]int
	for i, in := range [2]int{x.H, x.W} {
		k := [2]int{w.H, w.W}[i]
		s, err := TransposedOutSize(in, k, p.Stride[i], p.Padding[i], p.Dilation[i], p.OutputPadding[i])
		if err != nil {
			panic(fmt.Sprintf("cnn: %s of x %s with w %s: %s", fn, x.shape(), w.shape(), errText(err)))
		}
		size[i] = s
	}
	out, alias := output(dst, x.N, w.C*g, size[0], size[1], x.Data, w.Data, bias)
	res := out
	if alias {
		res = NewTensor(out.N, out.C, out.H, out.W, nil)
	}
	cog := w.C
	for n := range x.N {
		for grp := range g {
			o := res.Data[(n*res.C+grp*cog)*size[0]*size[1]:][:cog*size[0]*size[1]]
			if bias != nil {
				for co := range cog {
					fill(o[co*size[0]*size[1]:(co+1)*size[0]*size[1]], bias[grp*cog+co])
				}
			} else {
				clear(o)
			}
		}
	}
	transposeInto(res, x, w, p)
	if alias {
		copy(out.Data, res.Data)
	}
	return out
}

// transposeInto adds to out (N, Cout, Ho, Wo) the transposed convolution of in (N, Cin, H, W)
// with w (Cin, Cout/groups, kh, kw): col2im of wᵀ·in. The conv geometry maps out to in's grid.
func transposeInto(out, in, w Tensor, p Params) {
	g := p.Groups
	cig, cog := in.C/g, w.C
	ge := newGeom(cog, out.H, out.W, w.H, w.W, p, in.H, in.W)
	kg, cols, img := ge.rows(), ge.cols(), cog*ge.plane()
	// The column block: kg rows by chunk columns, about 1 MiB.
	chunk := min(cols, max(gemm.NR, (1<<17)/kg/gemm.NR*gemm.NR))
	var bp *[]float64
	if cig >= directBelow {
		bp = scratch.Get(kg * chunk)
		defer scratch.Put(bp)
	}
	for n := range in.N {
		for grp := range g {
			o := out.Data[(n*out.C+grp*cog)*ge.plane():][:img]
			xi := in.Data[(n*in.C+grp*cig)*cols:][:cig*cols]
			wg := w.Data[grp*cig*kg:][:cig*kg]
			if cig < directBelow {
				directTranspose(o, xi, wg, &ge, cig)
				continue
			}
			buf := *bp
			for q0 := 0; q0 < cols; q0 += chunk {
				nq := min(chunk, cols-q0)
				gemm.Mul(buf, nq, kg, nq, cig, gemm.Strided{Data: wg, RowStride: kg, ColStride: 1},
					gemm.Strided{Data: xi[q0:], RowStride: cols, ColStride: 1}, false)
				for r := range kg {
					ge.colAdd(o, buf[r*nq:(r+1)*nq], r, q0)
				}
			}
		}
	}
}

// Conv2DBackward returns the gradients of L = Σ dy ⊙ Conv2D(x, w, b, p) with respect to x, w
// and b, as torch.autograd computes them: dx = ConvTranspose2D(dy, w) cropped or padded to
// x's size (the output padding that recovers H and W), dw[co, ci, i, j] = Σ dy[n, co, y, x']·
// x[n, g·Cin/groups + ci, y·stride − padding + i·dilation, …], and db[co] = Σ dy[n, co, ·, ·].
// x, w and p are as for Conv2D; dy must have Conv2D's output shape. The three results are
// newly allocated. Conv2DBackward panics as Conv2D does, and with a "cnn: " message naming the
// shapes if dy is not a valid tensor of the output's shape.
func Conv2DBackward(x, w, dy Tensor, p Params) (dx, dw Tensor, db []float64) {
	const fn = "Conv2DBackward"
	p = checkConv(fn, x, w, nil, p, w.N)
	if p.OutputPadding != [2]int{} {
		panic(fmt.Sprintf("cnn: %s takes no output padding (got %v)", fn, p.OutputPadding))
	}
	oh, ow := outSizes(fn, x.H, x.W, [2]int{w.H, w.W}, p, "x "+x.shape())
	dy.check(fn, "dy")
	if dy.N != x.N || dy.C != w.N || dy.H != oh || dy.W != ow {
		panic(fmt.Sprintf("cnn: %s: dy %s is not the output shape (%d, %d, %d, %d) of x %s and w %s", fn, dy.shape(), x.N, w.N, oh, ow, x.shape(), w.shape()))
	}
	dx = NewTensor(x.N, x.C, x.H, x.W, nil)
	transposeInto(dx, dy, w, p)
	dw = NewTensor(w.N, w.C, w.H, w.W, nil)
	weightGrad(dw, x, dy, p)
	db = make([]float64, w.N)
	cols := oh * ow
	for n := range dy.N {
		for co := range dy.C {
			var s float64
			for _, v := range dy.Data[(n*dy.C+co)*cols:][:cols] {
				s += v
			}
			db[co] += s
		}
	}
	return dx, dw, db
}

// weightGrad sets dw to Σ_n dy_n · col(x_n)ᵀ, group by group.
func weightGrad(dw, x, dy Tensor, p Params) {
	g := p.Groups
	cig, cog := x.C/g, dw.N/g
	ge := newGeom(cig, x.H, x.W, dw.H, dw.W, p, dy.H, dy.W)
	kg, cols, img := ge.rows(), ge.cols(), cig*ge.plane()
	for grp := range g {
		d := dw.Data[grp*cog*kg:][:cog*kg]
		for n := range x.N {
			xi := x.Data[(n*x.C+grp*cig)*ge.plane():][:img]
			dyi := dy.Data[(n*dy.C+grp*cog)*cols:][:cog*cols]
			if cog < directBelow {
				directWeightGrad(d, dyi, xi, &ge, cog)
				continue
			}
			gemm.Mul(d, kg, cog, kg, cols, gemm.Strided{Data: dyi, RowStride: 1, ColStride: cols}, colTPanels{&ge, xi}, n > 0)
		}
	}
}

func fill(s []float64, v float64) {
	for i := range s {
		s[i] = v
	}
}
