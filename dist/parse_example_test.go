package dist_test

import (
	"errors"
	"fmt"

	"github.com/polyconv/polyconv/dist"
)

func ExampleParse() {
	d, err := dist.Parse("4d6kh3") // roll four six-sided dice, keep the highest three
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("support:", d.Lo(), "to", d.Hi())
	fmt.Println("P(18) =", d.ProbRat(18)) // 6·6·6 with any fourth die: 21 of 1296 rolls
	fmt.Println("mean  =", d.MeanRat())
	// Output:
	// support: 3 to 18
	// P(18) = 7/432
	// mean  = 15869/1296
}

func ExampleParse_advantage() {
	// Advantage: the better of two d20. P(at least 15) = 1 − (14/20)² = 51/100.
	d, _ := dist.Parse("max(d20, d20)")
	fmt.Println(d.AtLeastRat(15))
	// 2d20kh1 is the same distribution.
	k, _ := dist.Parse("2d20kh1")
	fmt.Println(d.Equal(k))
	// Output:
	// 51/100
	// true
}

func ExampleParse_successes() {
	// The chance that 2d6+3 reaches 10 is P(2d6 ≥ 7) = 21/36: a test after parentheses is 1
	// or 0, so its mean is that probability.
	d, _ := dist.Parse("(2d6+3)>=10")
	fmt.Println(d.MeanRat())
	// Counting dice instead: how many of 3d6 show 5 or 6, each with probability 1/3.
	c, _ := dist.Parse("3d6>=5")
	for v, p := range c.All() {
		fmt.Println(v, p)
	}
	// Output:
	// 7/12
	// 0 8/27
	// 1 4/9
	// 2 2/9
	// 3 1/27
}

func ExampleParseWith() {
	// A d6 that explodes at most twice: 1..5 (1/6 each), 7..11 (1/36 each), 13..18 (1/216).
	d, _ := dist.ParseWith("d6!", dist.ParseOptions{ExplodeDepth: 2})
	fmt.Println(d.Lo(), d.Hi(), d.ProbRat(5), d.ProbRat(6).RatString(), d.ProbRat(7), d.ProbRat(18))
	// Output:
	// 1 18 1/6 0 1/36 1/216
}

func ExampleParseError() {
	_, err := dist.Parse("4d6kh5")
	var pe *dist.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Pos, pe.Msg)
	}
	// (5·10^9 values of 3·10^9 bits each: about 1.9·10^18 bytes.)
	_, err = dist.Parse("1000000000d6")
	fmt.Println(err)
	// Output:
	// 4 cannot keep 5 of 4 dice
	// dist: parsing "1000000000d6": column 1: 1000000000d6 would need about 1.6 EiB of memory (the limit is 1 GiB)
}
