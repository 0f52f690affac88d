package dist

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ALTree/bigfloat"
	"github.com/stretchr/testify/assert"
)

func TestTextbook(t *testing.T) {
	// 2d6: the counts 1 2 3 4 5 6 5 4 3 2 1 over 36 (hand count of the 36 rolls).
	d := new(Dist).Repeat(Die(6), 2)
	want := []int64{1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1}
	if d.Lo() != 2 || d.Hi() != 12 || d.Total().Cmp(big.NewInt(36)) != 0 {
		t.Fatalf("2d6: lo %d hi %d total %v", d.Lo(), d.Hi(), d.Total())
	}
	for v, w := range d.Weights() {
		if w.Cmp(big.NewInt(want[v-2])) != 0 {
			t.Errorf("2d6 weight of %d = %v, want %d", v, w, want[v-2])
		}
	}
	// 3d6: P(10) = 27/216 (the 27 ordered rolls: permutations of 631, 622, 541, 532, 442, 433).
	if p := new(Dist).Repeat(Die(6), 3).ProbRat(10); p.Cmp(big.NewRat(27, 216)) != 0 {
		t.Errorf("3d6 P(10) = %v", p)
	}
}

func TestZeroValue(t *testing.T) {
	var z Dist
	if z.Lo() != 0 || z.Hi() != 0 || z.Total().Cmp(bigOne) != 0 || z.ProbRat(0).Cmp(big.NewRat(1, 1)) != 0 {
		t.Fatalf("zero Dist is not the point mass at 0: %s", dump(&z))
	}
	d6 := Die(6)
	if !new(Dist).Add(&z, d6).Equal(d6) || !new(Dist).Add(d6, &z).Equal(d6) {
		t.Error("zero Dist is not the identity of Add")
	}
	if !z.Equal(Const(0)) || z.Equal(Const(1)) {
		t.Error("zero Dist Equal")
	}
}

func TestProperties(t *testing.T) {
	ds := testDice()
	for nx, x := range ds {
		for ny, y := range ds {
			s := new(Dist).Add(x, y)
			m := new(big.Rat).Add(x.MeanRat(), y.MeanRat())
			if s.MeanRat().Cmp(m) != 0 {
				t.Errorf("%s+%s: mean %v, want %v", nx, ny, s.MeanRat(), m)
			}
			v := new(big.Rat).Add(x.VarianceRat(), y.VarianceRat())
			if s.VarianceRat().Cmp(v) != 0 {
				t.Errorf("%s+%s: variance %v, want %v", nx, ny, s.VarianceRat(), v)
			}
			checkInvariants(t, nx+"+"+ny, s)
		}
	}
	// NdS is symmetric about N(S+1)/2, its mean; its variance is N(S²−1)/12.
	for _, c := range []struct{ n, s int }{{1, 6}, {7, 6}, {50, 20}, {300, 6}, {3, 100}} {
		d := new(Dist).Repeat(Die(c.s), c.n)
		lo, hi := d.Lo(), d.Hi()
		for v := lo; v <= hi; v++ {
			if d.Weight(v).Cmp(d.Weight(lo+hi-v)) != 0 {
				t.Fatalf("%dd%d not symmetric at %d", c.n, c.s, v)
			}
		}
		if d.MeanRat().Cmp(big.NewRat(int64(c.n*(c.s+1)), 2)) != 0 {
			t.Errorf("%dd%d mean %v", c.n, c.s, d.MeanRat())
		}
		if d.VarianceRat().Cmp(big.NewRat(int64(c.n*(c.s*c.s-1)), 12)) != 0 {
			t.Errorf("%dd%d variance %v", c.n, c.s, d.VarianceRat())
		}
		want := new(big.Int).Exp(big.NewInt(int64(c.s)), big.NewInt(int64(c.n)), nil)
		if d.Total().Cmp(want) != 0 {
			t.Errorf("%dd%d total %v", c.n, c.s, d.Total())
		}
		checkInvariants(t, "NdS", d)
	}
}

// TestLarge10000d6 checks the size and moments of 10000d6 (computed through exact.Pow).
func TestLarge10000d6(t *testing.T) {
	if testing.Short() {
		t.Skip("large")
	}
	d := new(Dist).Repeat(Die(6), 10000)
	if d.Lo() != 10000 || d.Hi() != 60000 {
		t.Fatalf("10000d6 support %d..%d", d.Lo(), d.Hi())
	}
	if d.MeanRat().Cmp(big.NewRat(35000, 1)) != 0 || d.VarianceRat().Cmp(big.NewRat(10000*35, 12)) != 0 {
		t.Errorf("10000d6 mean %v variance %v", d.MeanRat(), d.VarianceRat())
	}
	checkInvariants(t, "10000d6", d)
}

func TestAliasing(t *testing.T) {
	d6, fib := Die(6), Faces(1, 1, 2, 3, 5, 8)
	type op struct {
		name    string
		aliased func(z *Dist) *Dist // z is an operand and the receiver
		fresh   func(x *Dist) *Dist
	}
	ops := []op{
		{"add", func(z *Dist) *Dist { return z.Add(z, z) }, func(x *Dist) *Dist { return new(Dist).Add(x, x) }},
		{"sub", func(z *Dist) *Dist { return z.Sub(z, fib) }, func(x *Dist) *Dist { return new(Dist).Sub(x, fib) }},
		{"mul", func(z *Dist) *Dist { return z.Mul(z, z) }, func(x *Dist) *Dist { return new(Dist).Mul(x, x) }},
		{"neg", func(z *Dist) *Dist { return z.Neg(z) }, func(x *Dist) *Dist { return new(Dist).Neg(x) }},
		{"repeat", func(z *Dist) *Dist { return z.Repeat(z, 3) }, func(x *Dist) *Dist { return new(Dist).Repeat(x, 3) }},
		{"repeatdist", func(z *Dist) *Dist { return z.RepeatDist(z, z) }, func(x *Dist) *Dist { return new(Dist).RepeatDist(x, x) }},
		{"scale", func(z *Dist) *Dist { return z.Scale(z, -2) }, func(x *Dist) *Dist { return new(Dist).Scale(x, -2) }},
		{"shift", func(z *Dist) *Dist { return z.Shift(z, 4) }, func(x *Dist) *Dist { return new(Dist).Shift(x, 4) }},
		{"kh", func(z *Dist) *Dist { return z.KeepHighest(z, 4, 2) }, func(x *Dist) *Dist { return new(Dist).KeepHighest(x, 4, 2) }},
		{"kl", func(z *Dist) *Dist { return z.KeepLowest(z, 4, 2) }, func(x *Dist) *Dist { return new(Dist).KeepLowest(x, 4, 2) }},
		{"khpool", func(z *Dist) *Dist { return z.KeepHighestPool([]*Dist{z, fib, z}, 2) }, func(x *Dist) *Dist { return new(Dist).KeepHighestPool([]*Dist{x, fib, x}, 2) }},
		{"klpool", func(z *Dist) *Dist { return z.KeepLowestPool([]*Dist{z, fib}, 1) }, func(x *Dist) *Dist { return new(Dist).KeepLowestPool([]*Dist{x, fib}, 1) }},
		{"explode", func(z *Dist) *Dist { return z.Explode(z, 3) }, func(x *Dist) *Dist { return new(Dist).Explode(x, 3) }},
		{"explodeon", func(z *Dist) *Dist { return z.ExplodeOn(z, func(v int) bool { return v > 4 }, 2) }, func(x *Dist) *Dist { return new(Dist).ExplodeOn(x, func(v int) bool { return v > 4 }, 2) }},
		{"reroll", func(z *Dist) *Dist { return z.Reroll(z, func(v int) bool { return v < 3 }, 2) }, func(x *Dist) *Dist { return new(Dist).Reroll(x, func(v int) bool { return v < 3 }, 2) }},
		{"count", func(z *Dist) *Dist { return z.CountSuccesses(z, 5, func(v int) bool { return v > 4 }) }, func(x *Dist) *Dist { return new(Dist).CountSuccesses(x, 5, func(v int) bool { return v > 4 }) }},
		{"max", func(z *Dist) *Dist { return z.Highest(z, z) }, func(x *Dist) *Dist { return new(Dist).Highest(x, x) }},
		{"min", func(z *Dist) *Dist { return z.Lowest(fib, z) }, func(x *Dist) *Dist { return new(Dist).Lowest(fib, x) }},
		{"mix", func(z *Dist) *Dist { return z.Mix(z, fib, z) }, func(x *Dist) *Dist { return new(Dist).Mix(x, fib, x) }},
		{"set", func(z *Dist) *Dist { return z.Set(z) }, func(x *Dist) *Dist { return new(Dist).Set(x) }},
	}
	for _, o := range ops {
		want := o.fresh(d6)
		z := new(Dist).Set(d6)
		if got := o.aliased(z); got != z || !z.Equal(want) || z.Total().Cmp(want.Total()) != 0 {
			t.Errorf("%s aliased: got %s, want %s", o.name, dump(z), dump(want))
		}
		if !d6.Equal(Die(6)) || d6.Total().Int64() != 6 {
			t.Fatalf("%s modified an operand", o.name)
		}
	}
}

func TestPanics(t *testing.T) {
	d6 := Die(6)
	cases := map[string]func(){
		"die0":        func() { Die(0) },
		"uniform":     func() { Uniform(3, 2) },
		"faces":       func() { Faces() },
		"weights neg": func() { FromWeights(0, []*big.Int{big.NewInt(1), big.NewInt(-1)}) },
		"weights 0":   func() { FromWeights(0, []*big.Int{new(big.Int)}) },
		"weights nil": func() { FromWeights(0, nil) },
		"repeat":      func() { new(Dist).Repeat(d6, -1) },
		"repeatdist":  func() { new(Dist).RepeatDist(d6, Uniform(-1, 2)) },
		"kh k>n":      func() { new(Dist).KeepHighest(d6, 3, 4) },
		"kh k<0":      func() { new(Dist).KeepHighest(d6, 3, -1) },
		"kl n<0":      func() { new(Dist).KeepLowest(d6, -1, 0) },
		"khpool":      func() { new(Dist).KeepHighestPool([]*Dist{d6}, 2) },
		"klpool":      func() { new(Dist).KeepLowestPool(nil, 1) },
		"explode":     func() { new(Dist).Explode(d6, -1) },
		"reroll":      func() { new(Dist).Reroll(d6, nil, 1) },
		"explodeon":   func() { new(Dist).ExplodeOn(d6, nil, 1) },
		"explodeon-1": func() { new(Dist).ExplodeOn(d6, func(int) bool { return true }, -1) },
		"reroll neg":  func() { new(Dist).Reroll(d6, func(int) bool { return true }, -1) },
		"count":       func() { new(Dist).CountSuccesses(d6, -1, func(int) bool { return true }) },
		"mix":         func() { new(Dist).Mix() },
		"quantile":    func() { d6.Quantile(1.5) },
		"quantileNaN": func() { d6.Quantile(math.NaN()) },
		"probfloat":   func() { d6.ProbFloat(1, 0) },
		"logfloat":    func() { d6.LogProbFloat(1, 0) },
		"entropy":     func() { d6.EntropyFloat(0) },
		"overflow":    func() { new(Dist).Shift(Uniform(math.MaxInt-1, math.MaxInt), 1) },
		"scale":       func() { new(Dist).Scale(Uniform(math.MaxInt/2, math.MaxInt/2+1), 3) },
		"mul":         func() { new(Dist).Mul(Const(math.MaxInt/2), Const(3)) },
		"add":         func() { new(Dist).Add(Const(math.MaxInt), Const(1)) },
	}
	for name, f := range cases {
		func() {
			defer func() {
				r := recover()
				s, ok := r.(string)
				if !ok || !strings.HasPrefix(s, "dist: ") {
					t.Errorf("%s: recovered %v, want a \"dist: \" panic", name, r)
				}
			}()
			f()
		}()
	}
}

func TestQueries(t *testing.T) {
	d := new(Dist).Repeat(Die(6), 3) // counts 1 3 6 10 15 21 25 27 27 25 21 15 10 6 3 1 over 216
	counts := []int64{1, 3, 6, 10, 15, 21, 25, 27, 27, 25, 21, 15, 10, 6, 3, 1}
	cum := int64(0)
	for i, c := range counts {
		v := 3 + i
		cum += c
		if got := d.CDFRat(v); got.Cmp(big.NewRat(cum, 216)) != 0 {
			t.Errorf("CDFRat(%d) = %v", v, got)
		}
		if got := d.AtMostRat(v); got.Cmp(big.NewRat(cum, 216)) != 0 {
			t.Errorf("AtMostRat(%d) = %v", v, got)
		}
		if got := d.SurvivalRat(v); got.Cmp(big.NewRat(216-cum, 216)) != 0 {
			t.Errorf("SurvivalRat(%d) = %v", v, got)
		}
		if got := d.AtLeastRat(v); got.Cmp(big.NewRat(216-cum+c, 216)) != 0 {
			t.Errorf("AtLeastRat(%d) = %v", v, got)
		}
		if got, want := d.Prob(v), float64(c)/216; got != want {
			t.Errorf("Prob(%d) = %v, want %v", v, got, want)
		}
		if got, want := d.CDF(float64(v)+0.5), float64(cum)/216; got != want {
			t.Errorf("CDF(%d.5) = %v, want %v", v, got, want)
		}
		if got, want := d.Survival(float64(v)), float64(216-cum)/216; got != want {
			t.Errorf("Survival(%d) = %v, want %v", v, got, want)
		}
		if got, want := d.LogProb(v), math.Log(float64(c)/216); math.Abs(got-want) > 1e-14 {
			t.Errorf("LogProb(%d) = %v, want %v", v, got, want)
		}
		// Quantile(P(X ≤ v)) = v, and just above it the next value
		p := float64(cum) / 216
		if cum < 216 {
			if q := d.Quantile(math.Nextafter(p, 2)); q != float64(v+1) {
				t.Errorf("Quantile(%v+) = %v, want %d", p, q, v+1)
			}
		}
		if new(big.Rat).SetFloat64(p).Cmp(big.NewRat(cum, 216)) == 0 {
			if q := d.Quantile(p); q != float64(v) {
				t.Errorf("Quantile(%v) = %v, want %d", p, q, v)
			}
		}
	}
	if d.CDF(2.9) != 0 || d.CDF(18) != 1 || d.Survival(2) != 1 || d.Survival(18) != 0 || !math.IsNaN(d.CDF(math.NaN())) {
		t.Error("CDF/Survival outside the support")
	}
	if d.Quantile(0) != 3 || d.Quantile(1) != 18 || d.Quantile(0.5) != 10 {
		t.Errorf("Quantile(0, 0.5, 1) = %v %v %v", d.Quantile(0), d.Quantile(0.5), d.Quantile(1))
	}
	if d.Prob(2) != 0 || d.Prob(19) != 0 || !math.IsInf(d.LogProb(19), -1) || d.ProbRat(19).Sign() != 0 {
		t.Error("queries off the support")
	}
	if d.Mean() != 10.5 || d.Variance() != 8.75 || d.StdDev() != math.Sqrt(8.75) {
		t.Errorf("mean %v variance %v stddev %v", d.Mean(), d.Variance(), d.StdDev())
	}
	// All: every value with its probability, ascending
	i := 0
	for v, p := range d.All() {
		if v != 3+i || p.Cmp(big.NewRat(counts[i], 216)) != 0 {
			t.Errorf("All: %d %v", v, p)
		}
		i++
	}
	if i != len(counts) {
		t.Errorf("All yielded %d values", i)
	}
	// Total and Weight return copies
	d.Total().SetInt64(5)
	d.Weight(10).SetInt64(5)
	if d.Total().Int64() != 216 || d.Weight(10).Int64() != 27 || d.Weight(100).Sign() != 0 {
		t.Error("Total or Weight returned shared storage")
	}
}

// TestTinyProbabilities checks P(1000d6 = 6000) = 6^−1000, against big.Float arithmetic done
// a different way (1000 multiplications by 1/6 at a higher precision).
func TestTinyProbabilities(t *testing.T) {
	d := new(Dist).Repeat(Die(6), 1000)
	const prec = 200
	ref := new(big.Float).SetPrec(prec + 64).SetInt64(1)
	sixth := new(big.Float).SetPrec(prec+64).Quo(big.NewFloat(1).SetPrec(prec+64), big.NewFloat(6))
	for range 1000 {
		ref.Mul(ref, sixth)
	}
	got := d.ProbFloat(6000, prec)
	if got.Prec() != prec {
		t.Fatalf("precision %d", got.Prec())
	}
	relErr(t, "ProbFloat(6000)", got, ref, prec-8)
	if d.Prob(6000) != 0 {
		t.Errorf("Prob(6000) = %v, want float64 underflow to 0", d.Prob(6000))
	}
	wantLog := -1000 * math.Log(6)
	if got := d.LogProb(6000); math.Abs(got-wantLog) > 1e-12*math.Abs(wantLog) {
		t.Errorf("LogProb(6000) = %v, want %v", got, wantLog)
	}
	six := new(big.Float).SetPrec(prec + 64).SetInt64(6)
	refLog := bigfloat.Log(six)
	refLog.Mul(refLog, big.NewFloat(-1000))
	relErr(t, "LogProbFloat(6000)", d.LogProbFloat(6000, prec), refLog, prec-8)
	if !d.LogProbFloat(7000, prec).IsInf() || d.ProbFloat(7000, prec).Sign() != 0 {
		t.Error("off-support big.Float queries")
	}
}

// TestLogNearOne checks ln P for P = 1 − ε with ε = 1/(1+10^30): ln(1−ε) = −ε − ε²/2 − …, the
// series summed here directly with big.Float.
func TestLogNearOne(t *testing.T) {
	big30 := new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)
	d := FromWeights(0, []*big.Int{big.NewInt(1), big30})
	const prec = 150
	p := uint(prec + 64)
	eps := new(big.Float).SetPrec(p).Quo(big.NewFloat(1).SetPrec(p), new(big.Float).SetPrec(p).SetInt(new(big.Int).Add(big30, bigOne)))
	ref := new(big.Float).SetPrec(p)
	pw := new(big.Float).SetPrec(p).SetInt64(1)
	for i := int64(1); i <= 10; i++ {
		pw.Mul(pw, eps)
		term := new(big.Float).SetPrec(p).Quo(pw, big.NewFloat(float64(i)))
		ref.Sub(ref, term)
	}
	relErr(t, "LogProbFloat near 1", d.LogProbFloat(1, prec), ref, prec-8)
	f, _ := ref.Float64()
	if got := d.LogProb(1); math.Abs(got-f) > 1e-15*math.Abs(f) {
		t.Errorf("LogProb near 1 = %v, want %v", got, f)
	}
}

func TestEntropy(t *testing.T) {
	const prec = 200
	for _, s := range []int{1, 2, 6, 20} {
		want := bigfloat.Log(new(big.Float).SetPrec(prec + 64).SetInt64(int64(s)))
		got := Die(s).EntropyFloat(prec)
		if s == 1 {
			if got.Sign() != 0 {
				t.Errorf("entropy of d1 = %v", got)
			}
			continue
		}
		relErr(t, "entropy", got, want, prec-8)
		f, _ := want.Float64()
		if e := Die(s).Entropy(); math.Abs(e-f) > 1e-15*f {
			t.Errorf("Entropy(d%d) = %v, want %v", s, e, f)
		}
	}
	// 2d6: −Σ p ln p in float64 from the textbook counts
	var h float64
	for _, c := range []float64{1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1} {
		h -= c / 36 * math.Log(c/36)
	}
	d := new(Dist).Repeat(Die(6), 2)
	if e := d.Entropy(); math.Abs(e-h) > 1e-14 {
		t.Errorf("Entropy(2d6) = %v, want %v", e, h)
	}
	if e, _ := d.EntropyFloat(prec).Float64(); math.Abs(e-h) > 1e-14 {
		t.Errorf("EntropyFloat(2d6) = %v, want %v", e, h)
	}
}

// relErr fails unless |got − want| ≤ 2^−bits·|want|.
func relErr(t *testing.T, name string, got, want *big.Float, bits int) {
	t.Helper()
	diff := new(big.Float).SetPrec(want.Prec()).Sub(got, want)
	diff.Abs(diff)
	bound := new(big.Float).SetPrec(want.Prec()).Abs(want)
	bound.SetMantExp(bound, -bits)
	if diff.Cmp(bound) > 0 {
		t.Errorf("%s = %v, want %v (relative error above 2^-%d)", name, got, want, bits)
	}
}

// TestRand draws from 2d6 with a fixed PCG seed and checks a chi-square statistic. The draws
// are deterministic, so the test cannot flake; the bound (the 0.9999 quantile of chi-square
// with 10 degrees of freedom, 35.56) fails if Rand is biased.
func TestRand(t *testing.T) {
	d := new(Dist).Repeat(Die(6), 2)
	src := rand.NewPCG(1, 2)
	const n = 36000
	var count [13]int
	for range n {
		v := d.Rand(src)
		if v < 2 || v > 12 {
			t.Fatalf("Rand returned %d", v)
		}
		count[v]++
	}
	chi := 0.0
	for v := 2; v <= 12; v++ {
		e := n * d.Prob(v)
		chi += (float64(count[v]) - e) * (float64(count[v]) - e) / e
	}
	if chi > 35.56 {
		t.Errorf("chi-square %v over 10 degrees of freedom; counts %v", chi, count[2:])
	}
	// A huge total: 1000d6 draws stay in range, with a sample mean near 3500 (sd of the mean
	// 54/√200 ≈ 3.8).
	big := new(Dist).Repeat(Die(6), 1000)
	s := 0
	for range 200 {
		v := big.Rand(src)
		if v < 1000 || v > 6000 {
			t.Fatalf("Rand returned %d", v)
		}
		s += v
	}
	if m := float64(s) / 200; math.Abs(m-3500) > 30 {
		t.Errorf("1000d6 sample mean %v", m)
	}
	if Const(7).Rand(src) != 7 {
		t.Error("Rand of a point mass")
	}
}

func TestEqualScaled(t *testing.T) {
	a := FromWeights(1, []*big.Int{big.NewInt(1), big.NewInt(2), big.NewInt(1)})
	b := FromWeights(1, []*big.Int{big.NewInt(2), big.NewInt(4), big.NewInt(2)})
	c := FromWeights(1, []*big.Int{big.NewInt(2), big.NewInt(4), big.NewInt(3)})
	if !a.Equal(b) || a.Equal(c) || a.Equal(new(Dist).Shift(a, 1)) {
		t.Error("Equal")
	}
	// FromWeights trims zeros and copies its input
	w := []*big.Int{new(big.Int), big.NewInt(3), new(big.Int)}
	d := FromWeights(5, w)
	w[1].SetInt64(100)
	if d.Lo() != 6 || d.Hi() != 6 || d.Total().Int64() != 3 {
		t.Errorf("FromWeights: %s", dump(d))
	}
}

func TestCompareTextbook(t *testing.T) {
	// d6 vs d6: P(X<Y) = 15/36, P(X=Y) = 6/36.
	lt, eq, gt := Compare(Die(6), Die(6))
	if lt.Cmp(big.NewRat(15, 36)) != 0 || eq.Cmp(big.NewRat(6, 36)) != 0 || gt.Cmp(big.NewRat(15, 36)) != 0 {
		t.Errorf("d6 vs d6: %v %v %v", lt, eq, gt)
	}
}

// TestSampler checks that a Sampler draws exactly what Dist.Rand draws from the same source.
func TestSampler(t *testing.T) {
	for name, d := range map[string]*Dist{
		"2d6":     new(Dist).Repeat(Die(6), 2),
		"gap":     testDice()["gap"],
		"100d6":   new(Dist).Repeat(Die(6), 100),
		"const":   Const(-4),
		"4d6kh3":  new(Dist).KeepHighest(Die(6), 4, 3),
		"explode": new(Dist).Explode(Faces(-1, 0, 1), 3),
	} {
		s := d.Sampler()
		a, b := rand.NewPCG(3, 4), rand.NewPCG(3, 4)
		for range 2000 {
			x, y := d.Rand(a), s.Rand(b)
			if x != y {
				t.Fatalf("%s: Rand %d, Sampler %d", name, x, y)
			}
			if d.Weight(x).Sign() == 0 {
				t.Fatalf("%s: drew %d, of weight zero", name, x)
			}
		}
	}
}

// TestEntropyLarge checks the float64 Entropy of 1000d6 against EntropyFloat (5001 terms).
func TestEntropyLarge(t *testing.T) {
	d := new(Dist).Repeat(Die(6), 1000)
	want, _ := d.EntropyFloat(80).Float64()
	if got := d.Entropy(); math.Abs(got-want) > 4e-16*want {
		t.Errorf("Entropy(1000d6) = %v, EntropyFloat %v", got, want)
	}
}

// TestQueriesRandom checks the cumulative queries against sums of ProbRat, and Quantile against
// its definition, on random distributions.
func TestQueriesRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 100 {
		d := randomDist(r)
		if r.IntN(2) == 0 {
			d = new(Dist).Add(d, randomDist(r))
		}
		cum := new(big.Rat)
		one := big.NewRat(1, 1)
		for v := d.Lo() - 1; v <= d.Hi()+1; v++ {
			p := d.ProbRat(v)
			prev := new(big.Rat).Set(cum)
			cum.Add(cum, p)
			if d.CDFRat(v).Cmp(cum) != 0 || d.AtMostRat(v).Cmp(cum) != 0 {
				t.Fatalf("%s: CDFRat(%d) = %v, want %v", dump(d), v, d.CDFRat(v), cum)
			}
			if s := new(big.Rat).Sub(one, cum); d.SurvivalRat(v).Cmp(s) != 0 {
				t.Fatalf("%s: SurvivalRat(%d) = %v, want %v", dump(d), v, d.SurvivalRat(v), s)
			}
			if s := new(big.Rat).Sub(one, prev); d.AtLeastRat(v).Cmp(s) != 0 {
				t.Fatalf("%s: AtLeastRat(%d) = %v, want %v", dump(d), v, d.AtLeastRat(v), s)
			}
			// Quantile(p) for p just at and just above the cumulative probability
			f, _ := cum.Float64()
			for _, q := range []float64{f, math.Nextafter(f, 2)} {
				if q <= 0 || q > 1 {
					continue
				}
				got := int(d.Quantile(q))
				qr := new(big.Rat).SetFloat64(q)
				if d.CDFRat(got).Cmp(qr) < 0 || (got > d.Lo() && d.CDFRat(got-1).Cmp(qr) >= 0) {
					t.Fatalf("%s: Quantile(%v) = %d", dump(d), q, got)
				}
			}
		}
		if cum.Cmp(one) != 0 {
			t.Fatalf("%s: probabilities sum to %v", dump(d), cum)
		}
	}
}

// TestSupportLimit: constructors refuse supports wider than MaxValues with a dist: panic rather
// than a runtime allocation failure, and Parse refuses them with an error even when the memory
// limit is raised.
func TestSupportLimit(t *testing.T) {
	assert.PanicsWithValue(t, "dist: Uniform range over MaxValues values", func() { Die(math.MaxInt) })
	assert.PanicsWithValue(t, "dist: Uniform range over MaxValues values", func() { Uniform(0, MaxValues) })
	assert.PanicsWithValue(t, "dist: Faces range over MaxValues values", func() { Faces(0, MaxValues) })
	_, err := ParseWith("d4000000000", ParseOptions{MaxBytes: math.MaxInt64})
	assert.ErrorContains(t, err, "more than 2^31 possible values")
}
