package poly

// Temporary schoolbook product used until package exact lands; replaced by exact.Mul,
// exact.Sqr, exact.Pow and exact.MulRat.

func mulSchool[T any, P bigNum[T]](x, y []P) []P {
	if len(x) == 0 || len(y) == 0 {
		return nil
	}
	z := newCoeffs[T, P](len(x) + len(y) - 1)
	t := P(new(T))
	for i, a := range x {
		for j, b := range y {
			z[i+j].Add(z[i+j], t.Mul(a, b))
		}
	}
	return z
}

func powSchool[T any, P bigNum[T]](x []P, n int) []P {
	r := newCoeffs[T, P](1)
	r[0].SetInt64(1)
	for b := x; n > 0; n >>= 1 {
		if n&1 == 1 {
			r = mulSchool[T](r, b)
		}
		if n > 1 {
			b = mulSchool[T](b, b)
		}
	}
	return r
}
