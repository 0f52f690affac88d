package exact_test

import (
	"fmt"
	"math/big"

	"github.com/polyconv/polyconv/exact"
)

func ExampleMul() {
	// (1 + 2t)(3 + 4t) = 3 + (4+6)t + 8t^2, worked by hand.
	x := []*big.Int{big.NewInt(1), big.NewInt(2)}
	y := []*big.Int{big.NewInt(3), big.NewInt(4)}
	fmt.Println(exact.Mul(nil, x, y))
	// Output: [3 10 8]
}

func ExampleMulUsing() {
	// Every method gives the same exact product: (2^64 + t)^2 = 2^128 + 2^65 t + t^2.
	x := []*big.Int{new(big.Int).Lsh(big.NewInt(1), 64), big.NewInt(1)}
	for _, alg := range []exact.Algorithm{exact.Schoolbook, exact.MultiModular, exact.Kronecker} {
		fmt.Println(alg, exact.MulUsing(alg, nil, x, x))
	}
	// Output:
	// schoolbook [340282366920938463463374607431768211456 36893488147419103232 1]
	// multimodular [340282366920938463463374607431768211456 36893488147419103232 1]
	// kronecker [340282366920938463463374607431768211456 36893488147419103232 1]
}

func ExamplePow() {
	// (1 + t)^5: the binomial coefficients C(5, k).
	x := []*big.Int{big.NewInt(1), big.NewInt(1)}
	fmt.Println(exact.Pow(nil, x, 5))
	// Output: [1 5 10 10 5 1]
}

func ExamplePow_dice() {
	// Two six-sided dice: (t + t^2 + … + t^6)^2; the coefficient of t^7 is 6 (of 36 outcomes).
	die := []*big.Int{big.NewInt(0)}
	for range 6 {
		die = append(die, big.NewInt(1))
	}
	fmt.Println(exact.Pow(nil, die, 2))
	// Output: [0 0 1 2 3 4 5 6 5 4 3 2 1]
}

func ExampleMulRat() {
	// (1/2 + t/3)(1/2 − t/3) = 1/4 − t^2/9.
	x := []*big.Rat{big.NewRat(1, 2), big.NewRat(1, 3)}
	y := []*big.Rat{big.NewRat(1, 2), big.NewRat(-1, 3)}
	for _, c := range exact.MulRat(nil, x, y) {
		fmt.Print(c.RatString(), " ")
	}
	fmt.Println()
	// Output: 1/4 0 -1/9
}

// The product of the bivariate polynomials 1 + 2v + 3u and 1 − v (rows are powers of u,
// columns powers of v): (1 + 2v + 3u)(1 − v) = 1 + v − 2v² + 3u − 3uv.
func ExampleMul2D() {
	x := [][]*big.Int{{big.NewInt(1), big.NewInt(2)}, {big.NewInt(3), nil}}
	y := [][]*big.Int{{big.NewInt(1), big.NewInt(-1)}}
	for _, row := range exact.Mul2D(nil, x, y) {
		fmt.Println(row)
	}
	// Output:
	// [1 1 -2]
	// [3 -3 0]
}
