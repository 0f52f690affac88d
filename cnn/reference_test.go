package cnn

import "math"

// The references: each output by its definition, one term at a time, with no precomputed
// ranges, no im2col and no matrix product.

// refConv2D is torch's conv2d by definition.
func refConv2D(x, w Tensor, bias []float64, p Params) Tensor {
	p = p.norm()
	g := p.Groups
	cig, cog := x.C/g, w.N/g
	oh := (x.H+2*p.Padding[0]-p.Dilation[0]*(w.H-1)-1)/p.Stride[0] + 1
	ow := (x.W+2*p.Padding[1]-p.Dilation[1]*(w.W-1)-1)/p.Stride[1] + 1
	out := NewTensor(x.N, w.N, oh, ow, nil)
	for n := range x.N {
		for co := range w.N {
			grp := co / cog
			for oy := range oh {
				for ox := range ow {
					var s float64
					if bias != nil {
						s = bias[co]
					}
					for ci := range cig {
						for i := range w.H {
							for j := range w.W {
								iy := oy*p.Stride[0] - p.Padding[0] + i*p.Dilation[0]
								ix := ox*p.Stride[1] - p.Padding[1] + j*p.Dilation[1]
								if iy >= 0 && iy < x.H && ix >= 0 && ix < x.W {
									s += w.At(co, ci, i, j) * x.At(n, grp*cig+ci, iy, ix)
								}
							}
						}
					}
					out.Set(n, co, oy, ox, s)
				}
			}
		}
	}
	return out
}

// refConvTranspose2D is torch's conv_transpose2d by definition: every input value scattered
// through every tap.
func refConvTranspose2D(x, w Tensor, bias []float64, p Params) Tensor {
	p = p.norm()
	g := p.Groups
	cig, cog := x.C/g, w.C
	oh := (x.H-1)*p.Stride[0] - 2*p.Padding[0] + p.Dilation[0]*(w.H-1) + p.OutputPadding[0] + 1
	ow := (x.W-1)*p.Stride[1] - 2*p.Padding[1] + p.Dilation[1]*(w.W-1) + p.OutputPadding[1] + 1
	out := NewTensor(x.N, cog*g, oh, ow, nil)
	for n := range x.N {
		for ci := range x.C {
			grp := ci / cig
			for iy := range x.H {
				for ix := range x.W {
					for co := range cog {
						for i := range w.H {
							for j := range w.W {
								oy := iy*p.Stride[0] - p.Padding[0] + i*p.Dilation[0]
								ox := ix*p.Stride[1] - p.Padding[1] + j*p.Dilation[1]
								if oy >= 0 && oy < oh && ox >= 0 && ox < ow {
									k := ((n*out.C+grp*cog+co)*oh+oy)*ow + ox
									out.Data[k] += x.At(n, ci, iy, ix) * w.At(ci, co, i, j)
								}
							}
						}
					}
				}
			}
		}
	}
	if bias != nil {
		for n := range out.N {
			for c := range out.C {
				for k := range oh * ow {
					out.Data[(n*out.C+c)*oh*ow+k] += bias[c]
				}
			}
		}
	}
	return out
}

// refBackward is the gradient of Σ dy ⊙ conv2d by definition: every term of every output,
// differentiated.
func refBackward(x, w, dy Tensor, p Params) (dx, dw Tensor, db []float64) {
	p = p.norm()
	g := p.Groups
	cig, cog := x.C/g, w.N/g
	dx = NewTensor(x.N, x.C, x.H, x.W, nil)
	dw = NewTensor(w.N, w.C, w.H, w.W, nil)
	db = make([]float64, w.N)
	for n := range dy.N {
		for co := range dy.C {
			grp := co / cog
			for oy := range dy.H {
				for ox := range dy.W {
					d := dy.At(n, co, oy, ox)
					db[co] += d
					for ci := range cig {
						for i := range w.H {
							for j := range w.W {
								iy := oy*p.Stride[0] - p.Padding[0] + i*p.Dilation[0]
								ix := ox*p.Stride[1] - p.Padding[1] + j*p.Dilation[1]
								if iy >= 0 && iy < x.H && ix >= 0 && ix < x.W {
									c := grp*cig + ci
									dx.Set(n, c, iy, ix, dx.At(n, c, iy, ix)+d*w.At(co, ci, i, j))
									dw.Set(co, ci, i, j, dw.At(co, ci, i, j)+d*x.At(n, c, iy, ix))
								}
							}
						}
					}
				}
			}
		}
	}
	return dx, dw, db
}

// refPool is max_pool2d (isMax) or avg_pool2d (count_include_pad) by definition: the padded
// input built explicitly, −∞ or 0 in the padding.
func refPool(x Tensor, kernel, stride, padding [2]int, isMax bool) Tensor {
	for i := range 2 {
		if stride[i] == 0 {
			stride[i] = kernel[i]
		}
	}
	ph, pw := x.H+2*padding[0], x.W+2*padding[1]
	pad := math.Inf(-1)
	if !isMax {
		pad = 0
	}
	padded := NewTensor(x.N, x.C, ph, pw, nil)
	for n := range x.N {
		for c := range x.C {
			for y := range ph {
				for xx := range pw {
					v := pad
					if iy, ix := y-padding[0], xx-padding[1]; iy >= 0 && iy < x.H && ix >= 0 && ix < x.W {
						v = x.At(n, c, iy, ix)
					}
					padded.Set(n, c, y, xx, v)
				}
			}
		}
	}
	oh, ow := (ph-kernel[0])/stride[0]+1, (pw-kernel[1])/stride[1]+1
	out := NewTensor(x.N, x.C, oh, ow, nil)
	for n := range x.N {
		for c := range x.C {
			for oy := range oh {
				for ox := range ow {
					m, s := math.Inf(-1), 0.0
					nan := false
					for i := range kernel[0] {
						for j := range kernel[1] {
							v := padded.At(n, c, oy*stride[0]+i, ox*stride[1]+j)
							nan = nan || math.IsNaN(v)
							m = math.Max(m, v)
							s += v
						}
					}
					if isMax {
						if nan {
							m = math.NaN()
						}
						out.Set(n, c, oy, ox, m)
					} else {
						out.Set(n, c, oy, ox, s/float64(kernel[0]*kernel[1]))
					}
				}
			}
		}
	}
	return out
}

// refIm2Col is torch's unfold by definition.
func refIm2Col(x Tensor, kernel [2]int, p Params) Tensor {
	p = p.norm()
	oh := (x.H+2*p.Padding[0]-p.Dilation[0]*(kernel[0]-1)-1)/p.Stride[0] + 1
	ow := (x.W+2*p.Padding[1]-p.Dilation[1]*(kernel[1]-1)-1)/p.Stride[1] + 1
	out := NewTensor(x.N, x.C*kernel[0]*kernel[1], oh, ow, nil)
	for n := range x.N {
		for c := range x.C {
			for i := range kernel[0] {
				for j := range kernel[1] {
					for oy := range oh {
						for ox := range ow {
							iy := oy*p.Stride[0] - p.Padding[0] + i*p.Dilation[0]
							ix := ox*p.Stride[1] - p.Padding[1] + j*p.Dilation[1]
							if iy >= 0 && iy < x.H && ix >= 0 && ix < x.W {
								out.Set(n, (c*kernel[0]+i)*kernel[1]+j, oy, ox, x.At(n, c, iy, ix))
							}
						}
					}
				}
			}
		}
	}
	return out
}

// refCol2Im is torch's fold by definition: the scatter-add that is unfold's transpose.
func refCol2Im(col Tensor, size, kernel [2]int, p Params) Tensor {
	p = p.norm()
	c := col.C / (kernel[0] * kernel[1])
	out := NewTensor(col.N, c, size[0], size[1], nil)
	for n := range col.N {
		for r := range col.C {
			ci, i, j := r/(kernel[0]*kernel[1]), r/kernel[1]%kernel[0], r%kernel[1]
			for oy := range col.H {
				for ox := range col.W {
					iy := oy*p.Stride[0] - p.Padding[0] + i*p.Dilation[0]
					ix := ox*p.Stride[1] - p.Padding[1] + j*p.Dilation[1]
					if iy >= 0 && iy < size[0] && ix >= 0 && ix < size[1] {
						out.Set(n, ci, iy, ix, out.At(n, ci, iy, ix)+col.At(n, r, oy, ox))
					}
				}
			}
		}
	}
	return out
}
