// Package cnn computes the layers of convolutional neural networks on NCHW tensors of
// float64, with PyTorch's semantics: [Conv2D] (stride, padding, dilation, groups including
// depthwise, optional bias) as torch.nn.functional.conv2d, [ConvTranspose2D] (with output
// padding) as conv_transpose2d, [Conv2DBackward] as torch.autograd's gradients of a
// convolution, [MaxPool2D] and [AvgPool2D] as max_pool2d and avg_pool2d, and [Im2Col] and
// [Col2Im] as unfold and fold. [OutSize] and [TransposedOutSize] give the output sizes (the
// seeds' (W − F + 2P)/S + 1, with dilation) and return errors for impossible geometries.
//
// # How it is computed
//
// As the fast CPU libraries do: a convolution is a matrix product of its filters (Cout × Cin·kh·kw
// per group) with the im2col matrix of each image (Cin·kh·kw × Ho·Wo). The im2col matrix is
// never built whole: its blocks are written straight into the packed panels of the product
// (internal/gemm, with an AVX-512 micro-kernel on amd64). The transposed convolution, and the
// gradient with respect to the input, multiply the transposed filters by the image and add the
// columns back with col2im, block by block; the weight gradient multiplies the output gradient
// by the transposed im2col matrix. Groups with few output channels (depthwise layers) take
// direct loops over kernel taps instead. The tests check all of it against direct
// definitions and against torch 1.13 (testdata/gen.py).
//
// # Conventions
//
// A [Tensor] is (N, C, H, W), contiguous. [Params] index 0 is the height, 1 the width; a zero
// Stride, Dilation or Groups means 1. Results agree with torch's to about 1e-15 relative to
// the largest output (the sums run in another order). Every function takes the result tensor
// dst first: dst.Data nil, it is allocated; otherwise dst must have exactly the result's shape
// or the function panics "cnn: dst has the wrong shape". dst may share memory with an operand
// (a scratch result is then copied into it). Shape mismatches and impossible geometries in
// the tensor functions panic with a "cnn: " message naming the shapes; OutSize and
// TransposedOutSize return errors for the same facts. The functions run on the calling
// goroutine, keep no state, and are safe for concurrent use on distinct outputs.
package cnn
