package cnn

import "fmt"

// Params are the geometry of a convolution: index 0 is the height, 1 the width. A zero
// Stride, Dilation or Groups means 1, so the zero Params is torch's default (stride 1, no
// padding, no dilation, one group). Padding adds that many zeros on both sides of the input
// (of a convolution; for a transposed one it removes that many rows and columns from both sides
// of the output, as torch does). OutputPadding, for ConvTranspose2D only, adds rows and columns
// at the bottom and right of its output.
type Params struct {
	Stride, Padding, Dilation, OutputPadding [2]int
	Groups                                   int
}

// norm returns p with zero strides, dilations and groups replaced by 1.
func (p Params) norm() Params {
	for i := range 2 {
		if p.Stride[i] == 0 {
			p.Stride[i] = 1
		}
		if p.Dilation[i] == 0 {
			p.Dilation[i] = 1
		}
	}
	if p.Groups == 0 {
		p.Groups = 1
	}
	return p
}

// maxParam bounds every size and parameter OutSize and TransposedOutSize accept (2^31), so
// that their arithmetic cannot overflow.
const maxParam = 1 << 31

// OutSize returns the output size of a convolution along one dimension, torch's
//
//	floor((in + 2·padding − dilation·(kernel−1) − 1) / stride) + 1.
//
// It returns an error if in, kernel, stride or dilation is below 1, padding is negative, a
// value exceeds 2^31, or the dilated kernel is larger than the padded input (the size would be
// below 1).
func OutSize(in, kernel, stride, padding, dilation int) (int, error) {
	if err := checkSizes(in, kernel, stride, padding, dilation); err != nil {
		return 0, err
	}
	span := dilation*(kernel-1) + 1
	if span > in+2*padding {
		return 0, fmt.Errorf("cnn: the kernel spans %d (size %d, dilation %d), more than the padded input %d (size %d, padding %d)",
			span, kernel, dilation, in+2*padding, in, padding)
	}
	return (in+2*padding-span)/stride + 1, nil
}

// TransposedOutSize returns the output size of a transposed convolution along one dimension,
// torch's
//
//	(in − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1.
//
// It returns an error if in, kernel, stride or dilation is below 1, padding or outputPadding
// is negative, a value exceeds 2^31, outputPadding is not below max(stride, dilation)
// (torch's rule), or the size would be below 1.
func TransposedOutSize(in, kernel, stride, padding, dilation, outputPadding int) (int, error) {
	if err := checkSizes(in, kernel, stride, padding, dilation); err != nil {
		return 0, err
	}
	if outputPadding < 0 || outputPadding > maxParam {
		return 0, fmt.Errorf("cnn: output padding %d out of range", outputPadding)
	}
	if outputPadding >= max(stride, dilation) {
		return 0, fmt.Errorf("cnn: output padding %d must be smaller than the stride %d or the dilation %d", outputPadding, stride, dilation)
	}
	out := (in-1)*stride - 2*padding + dilation*(kernel-1) + outputPadding + 1
	if out < 1 {
		return 0, fmt.Errorf("cnn: the transposed convolution's output size %d is below 1 (input %d, kernel %d, stride %d, padding %d, dilation %d, output padding %d)",
			out, in, kernel, stride, padding, dilation, outputPadding)
	}
	return out, nil
}

func checkSizes(in, kernel, stride, padding, dilation int) error {
	switch {
	case in < 1 || in > maxParam:
		return fmt.Errorf("cnn: input size %d out of range [1, 2^31]", in)
	case kernel < 1 || kernel > maxParam:
		return fmt.Errorf("cnn: kernel size %d out of range [1, 2^31]", kernel)
	case stride < 1 || stride > maxParam:
		return fmt.Errorf("cnn: stride %d out of range [1, 2^31]", stride)
	case padding < 0 || padding > maxParam:
		return fmt.Errorf("cnn: padding %d out of range [0, 2^31]", padding)
	case dilation < 1 || dilation > maxParam:
		return fmt.Errorf("cnn: dilation %d out of range [1, 2^31]", dilation)
	}
	return nil
}
