package poly_test

import (
	"fmt"
	"math/big"

	"github.com/polyconv/polyconv/poly"
)

func ExampleInt_Mul() {
	// (3x² + 2x + 1)(2x² + 2x + 3): by hand, x⁴: 3·2 = 6; x³: 3·2 + 2·2 = 10;
	// x²: 3·3 + 2·2 + 1·2 = 15; x: 2·3 + 1·2 = 8; 1: 1·3 = 3.
	p := poly.NewInt(1, 2, 3) // coefficients in ascending powers
	q := poly.NewInt(3, 2, 2)
	fmt.Println(new(poly.Int).Mul(p, q))
	// Output: 6x^4 + 10x^3 + 15x^2 + 8x + 3
}

func ExampleInt_SetString() {
	p, ok := new(poly.Int).SetString("1+2x+3x^2")
	fmt.Println(p, ok)
	// Any order, repeated powers (summed), implicit coefficients, '*' before x.
	q, ok := new(poly.Int).SetString("x^2 - x + 3*x^2 + 1")
	fmt.Println(q, ok)
	_, ok = new(poly.Int).SetString("x^-1")
	fmt.Println(ok)
	// Output:
	// 3x^2 + 2x + 1 true
	// 4x^2 - x + 1 true
	// false
}

func ExampleInt_Eval() {
	p := poly.NewInt(3, 8, 15, 10, 6)
	// 6·16 + 10·8 + 15·4 + 8·2 + 3 = 96 + 80 + 60 + 16 + 3
	fmt.Println(p.Eval(big.NewInt(2)))
	// Output: 255
}

func ExampleInt_Pow() {
	// The binomial coefficients 1, 4, 6, 4, 1.
	fmt.Println(new(poly.Int).Pow(poly.NewInt(1, 1), 4))
	// Output: x^4 + 4x^3 + 6x^2 + 4x + 1
}

func ExampleInt_All() {
	p := poly.NewInt(3, -2, 0, 1) // x³ − 2x + 3
	for i, c := range p.All() {
		fmt.Println(i, c)
	}
	// Output:
	// 0 3
	// 1 -2
	// 3 1
}

func ExampleRat_QuoRem() {
	// Synthetic division of x³ − 2x² − 4 by x − 3: 1, 1·3 − 2 = 1, 1·3 + 0 = 3, 3·3 − 4 = 5.
	x, _ := new(poly.Rat).SetString("x^3 - 2x^2 - 4")
	y, _ := new(poly.Rat).SetString("x - 3")
	q, r := new(poly.Rat).QuoRem(x, y, new(poly.Rat))
	fmt.Println(q, "remainder", r)

	// Over Q: x² + 1 = (2x + 1)·((1/2)x − 1/4) + 5/4.
	x, _ = x.SetString("x^2 + 1")
	y, _ = y.SetString("2x + 1")
	q.QuoRem(x, y, r)
	fmt.Println(q, "remainder", r)
	// Output:
	// x^2 + x + 3 remainder 5
	// (1/2)x - 1/4 remainder 5/4
}

func ExampleRat_GCD() {
	// x³ − 1 = (x − 1)(x² + x + 1) and 2x² − 2 = 2(x − 1)(x + 1).
	a, _ := new(poly.Rat).SetString("x^3 - 1")
	b, _ := new(poly.Rat).SetString("2x^2 - 2")
	s, t := new(poly.Rat), new(poly.Rat)
	g := new(poly.Rat).GCD(s, t, a, b)
	fmt.Println(g)
	// Check the Bézout identity g = a·s + b·t.
	fmt.Println(s, "|", t, "|", new(poly.Rat).Add(new(poly.Rat).Mul(a, s), new(poly.Rat).Mul(b, t)))
	// Output:
	// x - 1
	// 1 | -(1/2)x | x - 1
}

func ExampleRat_Integral() {
	p, _ := new(poly.Rat).SetString("3x^2 + x + 1")
	i := new(poly.Rat).Integral(p)
	fmt.Println(i)
	fmt.Println(new(poly.Rat).Derivative(i))
	// Output:
	// x^3 + (1/2)x^2 + x
	// 3x^2 + x + 1
}

func ExampleFloat64_Mul() {
	p := poly.NewFloat64(0.5, 1) // x + 0.5
	fmt.Println(new(poly.Float64).Mul(p, p))
	// Output: x^2 + x + 0.25
}

func ExampleFloat64_SetRat() {
	r, _ := new(poly.Rat).SetString("1/3x - 2")
	fmt.Println(new(poly.Float64).SetRat(r))
	back, ok := new(poly.Rat).SetFloat64(poly.NewFloat64(0.5, 0.25))
	fmt.Println(back, ok)
	// Output:
	// 0.3333333333333333x - 2
	// (1/4)x + 1/2 true
}

func ExampleRat_SetString() {
	// A fraction directly before x is its coefficient; String parenthesizes it.
	p, ok := new(poly.Rat).SetString("1/2x + 3 - 0.25x^2")
	fmt.Println(p, ok)
	q, _ := new(poly.Rat).SetString(p.String())
	fmt.Println(q.Equal(p))
	// Output:
	// -(1/4)x^2 + (1/2)x + 3 true
	// true
}

func ExampleFloat64_String() {
	fmt.Println(poly.NewFloat64(1e-10, -3, 0.5))
	// Output: 0.5x^2 - 3x + 1e-10
}
