package dist_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"

	"github.com/polyconv/polyconv/dist"
)

// The sum of two six-sided dice: the counts 1 2 3 4 5 6 5 4 3 2 1 of the 36 rolls.
func ExampleDist_Repeat() {
	d := new(dist.Dist).Repeat(dist.Die(6), 2)
	for v, w := range d.Weights() {
		fmt.Printf("%2d: %v/%v = %v\n", v, w, d.Total(), d.ProbRat(v))
	}
	// Output:
	//  2: 1/36 = 1/36
	//  3: 2/36 = 1/18
	//  4: 3/36 = 1/12
	//  5: 4/36 = 1/9
	//  6: 5/36 = 5/36
	//  7: 6/36 = 1/6
	//  8: 5/36 = 5/36
	//  9: 4/36 = 1/9
	// 10: 3/36 = 1/12
	// 11: 2/36 = 1/18
	// 12: 1/36 = 1/36
}

// Roll four six-sided dice and keep the three highest: the classic ability score. The mean,
// 15869/1296, is also what enumerating the 1296 rolls gives; an 18 needs three or four sixes,
// 4·5+1 = 21 of the rolls.
func ExampleDist_KeepHighest() {
	d := new(dist.Dist).KeepHighest(dist.Die(6), 4, 3)
	fmt.Println(d.Lo(), d.Hi(), d.Total())
	fmt.Println(d.MeanRat(), d.ProbRat(18))
	fmt.Printf("%.4f\n", d.Mean())
	// Output:
	// 3 18 1296
	// 15869/1296 7/432
	// 12.2446
}

// A mixed pool: two eight-sided dice and a six-sided die, keep the highest two.
func ExampleDist_KeepHighestPool() {
	d8, d6 := dist.Die(8), dist.Die(6)
	d := new(dist.Dist).KeepHighestPool([]*dist.Dist{d8, d8, d6}, 2)
	fmt.Println(d.Lo(), d.Hi(), d.Total(), d.ProbRat(16))
	// Output:
	// 2 16 384 1/64
}

// An exploding d6 with at most two extra rolls: a 6 is rolled again and added.
func ExampleDist_Explode() {
	d := new(dist.Dist).Explode(dist.Die(6), 2)
	fmt.Println(d.ProbRat(5).RatString(), d.ProbRat(6).RatString(), d.ProbRat(7).RatString(), d.ProbRat(18).RatString())
	// Output:
	// 1/6 0 1/36 1/216
}

// Advantage: the higher of two d20 rolls, compared with one d20 against a DC of 15.
func ExampleDist_Highest() {
	d20 := dist.Die(20)
	adv := new(dist.Dist).Highest(d20, d20)
	fmt.Println(d20.AtLeastRat(15), adv.AtLeastRat(15))
	// Output:
	// 3/10 51/100
}

// Count the dice showing 5 or more among ten six-sided dice.
func ExampleDist_CountSuccesses() {
	d := new(dist.Dist).CountSuccesses(dist.Die(6), 10, func(v int) bool { return v >= 5 })
	fmt.Println(d.MeanRat(), d.ProbRat(0))
	// Output:
	// 10/3 1024/59049
}

// Who wins, 3d6 or 2d8+1? (Checked by enumerating the 216·64 rolls in Python.)
func ExampleCompare() {
	a := new(dist.Dist).Repeat(dist.Die(6), 3)
	b := new(dist.Dist).Shift(new(dist.Dist).Repeat(dist.Die(8), 2), 1)
	lt, eq, gt := dist.Compare(a, b)
	fmt.Println(lt, eq, gt)
	fmt.Println(lt.FloatString(4), eq.FloatString(4), gt.FloatString(4))
	// Output:
	// 317/768 67/768 1/2
	// 0.4128 0.0872 0.5000
}

// Probabilities far below float64's range stay exact: P(1000d6 = 6000) = 6^−1000.
func ExampleDist_LogProb() {
	d := new(dist.Dist).Repeat(dist.Die(6), 1000)
	fmt.Printf("%.6f\n", d.LogProb(6000))
	fmt.Println(d.Prob(6000), d.ProbFloat(6000, 64).Text('g', 10))
	// Output:
	// -1791.759469
	// 0 7.059104586e-779
}

// Sampling with a seeded source is reproducible.
func ExampleDist_Rand() {
	d := new(dist.Dist).Repeat(dist.Die(6), 3)
	src := rand.NewPCG(1, 2)
	for range 5 {
		fmt.Print(d.Rand(src), " ")
	}
	fmt.Println()
}

// ExampleParseJoint shows Shadowrun's hits and ones.
func ExampleParseJoint() {
	j, err := dist.ParseJoint("10d6>=5&=1", dist.ParseOptions{})
	if err != nil {
		panic(err)
	}
	m := j.MeanRat()
	fmt.Println("mean hits and ones:", m[0].RatString(), m[1].RatString())
	// a glitch: at least half the dice show 1
	glitch := new(big.Rat)
	critical := new(big.Rat)
	for ab, p := range j.All() {
		if ab[1] >= 5 {
			glitch.Add(glitch, p)
			if ab[0] == 0 {
				critical.Add(critical, p)
			}
		}
	}
	fmt.Println("P(glitch):", glitch.FloatString(5), "P(critical glitch):", critical.FloatString(5))
	c, _ := j.Conditional(0, func(ones int) bool { return ones == 0 })
	fmt.Println("mean hits given no ones:", c.MeanRat().RatString())
	// Output:
	// mean hits and ones: 10/3 5/3
	// P(glitch): 0.01546 P(critical glitch): 0.00135
	// mean hits given no ones: 4
}

// Sets and runs of five six-sided dice: all five alike in 6 of the 7776 rolls, all different
// in 6·5·4·3·2 = 720, and a run of five (1-5 or 2-6 in any order) in 2·5! = 240.
func ExampleDist_Matches() {
	p := new(dist.Pool).Add(dist.Die(6), 5)
	m := new(dist.Dist).Matches(p)
	s := new(dist.Dist).Straight(p)
	fmt.Println(m.ProbRat(5), m.ProbRat(1), s.ProbRat(5))
	// Output:
	// 1/1296 5/54 5/162
}

// A d2 that rolls again on a 2, once, with each roll a die of the pool: the rolls 1 (half the
// time), 2 then 1, and 2 then 2. Keeping the highest die gives 1 or 2; the sum is that of
// the compounding explosion.
func ExamplePool_AddExploding() {
	two := func(v int) bool { return v == 2 }
	p := new(dist.Pool).AddExploding(dist.Die(2), 1, two, 1)
	high := new(dist.Dist).SumKept(p, dist.Keep{Rule: dist.KeepHigh, K: 1})
	sum := new(dist.Dist).SumKept(p, dist.Keep{})
	fmt.Println(high.ProbRat(1), high.ProbRat(2))
	fmt.Println(sum.ProbRat(1), sum.ProbRat(3), sum.ProbRat(4))
	fmt.Println(sum.Equal(new(dist.Dist).ExplodeOn(dist.Die(2), two, 1)))
	// Output:
	// 1/2 1/2
	// 1/2 1/4 1/4
	// true
}

// The hits (5 or 6) and ones of two six-sided dice, jointly: no hit and no one when both dice
// show 2-4, (1/2)², and one of each in 2·(2/6)·(1/6) = 1/9 of the rolls.
func ExampleJoint_Count() {
	j := new(dist.Joint).Count(new(dist.Pool).Add(dist.Die(6), 2), dist.Keep{},
		func(v int) bool { return v >= 5 }, func(v int) bool { return v == 1 })
	for ab, p := range j.All() {
		fmt.Println(ab, p)
	}
	fmt.Println(j.Marginal(0).ProbRat(2), j.CovarianceRat())
	// Output:
	// [0 0] 1/4
	// [0 1] 1/6
	// [0 2] 1/36
	// [1 0] 1/3
	// [1 1] 1/9
	// [2 0] 1/9
	// 1/9 -1/9
}
