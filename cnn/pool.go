package cnn

import (
	"fmt"
	"math"
)

// MaxPool2D returns torch.nn.functional.max_pool2d(x, kernel, stride, padding) with dilation 1
// and ceil_mode False: the maximum of each kernel[0]×kernel[1] window, windows stepped by stride
// (a zero stride means the kernel size, torch's default) over x padded with −∞. The result is
// (N, C, Ho, Wo) with Ho = OutSize(H, kernel[0], stride[0], padding[0], 1), Wo likewise. As in
// torch, a NaN in a window makes its maximum NaN. Ties go to the first position in row-major
// order, which cannot change the value (no index is returned).
//
// dst.Data nil: the result is allocated; else dst must be (N, C, Ho, Wo) or MaxPool2D panics
// "cnn: dst has the wrong shape"; dst may share memory with x. MaxPool2D panics with a "cnn: "
// message naming the shapes if x is not a valid tensor, a kernel size is below 1, a stride or
// padding is negative, a padding exceeds half its kernel size (torch's rule: padding ≤
// kernel/2, so every window holds an input value), or the window does not fit the padded input.
func MaxPool2D(dst, x Tensor, kernel, stride, padding [2]int) Tensor {
	return pool2D("MaxPool2D", dst, x, kernel, stride, padding, true)
}

// AvgPool2D returns torch.nn.functional.avg_pool2d(x, kernel, stride, padding) with ceil_mode
// False and count_include_pad True: the sum of each window's input values divided by the
// window's area kernel[0]·kernel[1], the padding counting as zeros. Shapes, strides (zero means
// the kernel size), dst, aliasing and panics are as for MaxPool2D.
func AvgPool2D(dst, x Tensor, kernel, stride, padding [2]int) Tensor {
	return pool2D("AvgPool2D", dst, x, kernel, stride, padding, false)
}

func pool2D(fn string, dst, x Tensor, kernel, stride, padding [2]int, isMax bool) Tensor {
	x.check(fn, "x")
	for i := range 2 {
		if kernel[i] < 1 || stride[i] < 0 || padding[i] < 0 {
			panic(fmt.Sprintf("cnn: %s of x %s: bad kernel %v, stride %v or padding %v", fn, x.shape(), kernel, stride, padding))
		}
		if padding[i] > kernel[i]/2 {
			panic(fmt.Sprintf("cnn: %s of x %s: padding %v must be at most half the kernel %v", fn, x.shape(), padding, kernel))
		}
		if stride[i] == 0 {
			stride[i] = kernel[i]
		}
	}
	p := Params{Stride: stride, Padding: padding}.norm()
	oh, ow := outSizes(fn, x.H, x.W, kernel, p, "x "+x.shape())
	out, alias := output(dst, x.N, x.C, oh, ow, x.Data)
	res := out
	if alias {
		res = NewTensor(out.N, out.C, oh, ow, nil)
	}
	area := float64(kernel[0] * kernel[1])
	plane := x.H * x.W
	for nc := range x.N * x.C {
		in := x.Data[nc*plane:][:plane]
		o := res.Data[nc*oh*ow:][:oh*ow]
		for oy := range oh {
			y0 := oy*stride[0] - padding[0]
			ya, yb := max(y0, 0), min(y0+kernel[0], x.H)
			for ox := range ow {
				x0 := ox*stride[1] - padding[1]
				xa, xb := max(x0, 0), min(x0+kernel[1], x.W)
				if isMax {
					m := math.Inf(-1)
					for y := ya; y < yb; y++ {
						for _, v := range in[y*x.W+xa : y*x.W+xb] {
							if v > m || v != v { // torch: (val > maxval) || isnan(val)
								m = v
							}
						}
					}
					o[oy*ow+ox] = m
					continue
				}
				var s float64
				for y := ya; y < yb; y++ {
					for _, v := range in[y*x.W+xa : y*x.W+xb] {
						s += v
					}
				}
				o[oy*ow+ox] = s / area
			}
		}
	}
	if alias {
		copy(out.Data, res.Data)
	}
	return out
}
