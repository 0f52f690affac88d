package ntt_test

import (
	"fmt"

	"github.com/polyconv/polyconv/ntt"
)

func ExampleModulus_Convolve() {
	m, err := ntt.NewModulus(ntt.Primes[0])
	if err != nil {
		panic(err)
	}
	// (1 + 2x)(3 + 4x) = 3 + 10x + 8x^2
	fmt.Println(m.Convolve(nil, []uint64{1, 2}, []uint64{3, 4}))
	// Entries are reduced mod p: here p = 17 and (16 + 18x)^2 = (−1 + x)^2 = 1 − 2x + x^2.
	m17, _ := ntt.NewModulus(17)
	fmt.Println(m17.Convolve(nil, []uint64{16, 18}, []uint64{16, 18}))
	// Output:
	// [3 10 8]
	// [1 15 1]
}

func ExamplePlan() {
	m, _ := ntt.NewModulus(17) // 16 divides 17−1, so lengths up to 16 are supported
	pl, err := ntt.NewPlan(m, 4)
	if err != nil {
		panic(err)
	}
	a := []uint64{1, 2, 3, 4}
	// Values of 1 + 2X + 3X^2 + 4X^3 at X = 1, −1, ω, −ω in that (bit-reversed) order,
	// where ω = 13 is the plan's 4th root of unity mod 17 (13^2 = 169 ≡ −1): by hand,
	// 10, −2 ≡ 15, 9322 ≡ 6 and 313 ≡ 7.
	f := pl.Forward(nil, a)
	fmt.Println(f)
	fmt.Println(pl.Inverse(nil, f))
	_, err = ntt.NewPlan(m, 32)
	fmt.Println(err)
	// Output:
	// [10 15 6 7]
	// [1 2 3 4]
	// ntt: transform length exceeds the prime's MaxLen
}

func ExampleNewModulus() {
	_, err := ntt.NewModulus(91)
	fmt.Println(err)
	m, _ := ntt.NewModulus(998244353) // 119·2^23 + 1
	fmt.Println(m.MaxLen(), m.Mul(m.P()-1, m.P()-1), m.Inv(2))
	// Output:
	// ntt: modulus is not prime
	// 8388608 1 499122177
}
