package exact

import "math/big"

func kronecker(dst, x, y []*big.Int, xs, ys operandInfo) []*big.Int {
	return copyOut(dst, schoolbook(x, y, xs, ys))
}

func multiModular(dst, x, y []*big.Int, xs, ys operandInfo) []*big.Int {
	return copyOut(dst, schoolbook(x, y, xs, ys))
}
