package dist

import (
	"math"
	"math/big"
)

// ProbRat returns P(X = k) as a new reduced big.Rat (zero off the support).
func (d *Dist) ProbRat(k int) *big.Rat {
	_, _, t := d.parts()
	w := d.weight(k)
	if w == nil {
		return new(big.Rat)
	}
	return new(big.Rat).SetFrac(w, t)
}

// atMostWeight returns the sum of the weights of the values ≤ k, as a new big.Int.
func (d *Dist) atMostWeight(k int) *big.Int {
	lo, w, t := d.parts()
	s := new(big.Int)
	switch {
	case k < lo:
		return s
	case k-lo >= len(w)-1 || k-lo < 0:
		return s.Set(t)
	}
	// sum the shorter side
	if k-lo < len(w)/2 {
		for _, a := range w[:k-lo+1] {
			s.Add(s, a)
		}
		return s
	}
	for _, a := range w[k-lo+1:] {
		s.Add(s, a)
	}
	return s.Sub(t, s)
}

// CDFRat returns P(X ≤ k) as a new reduced big.Rat.
func (d *Dist) CDFRat(k int) *big.Rat {
	_, _, t := d.parts()
	return new(big.Rat).SetFrac(d.atMostWeight(k), t)
}

// AtMostRat returns P(X ≤ k) as a new reduced big.Rat; it is [Dist.CDFRat] under the name the
// dice table uses.
func (d *Dist) AtMostRat(k int) *big.Rat { return d.CDFRat(k) }

// SurvivalRat returns P(X > k) = 1 − CDFRat(k) as a new reduced big.Rat. Like gonum's Survival,
// the inequality is strict; use [Dist.AtLeastRat] for P(X ≥ k).
func (d *Dist) SurvivalRat(k int) *big.Rat {
	_, _, t := d.parts()
	s := d.atMostWeight(k)
	return new(big.Rat).SetFrac(s.Sub(t, s), t)
}

// AtLeastRat returns P(X ≥ k) as a new reduced big.Rat (the "at least" column of a dice table).
func (d *Dist) AtLeastRat(k int) *big.Rat {
	if k == math.MinInt {
		return big.NewRat(1, 1)
	}
	return d.SurvivalRat(k - 1)
}

// moments returns Σ i·w[i] and Σ i²·w[i] over the weights (values measured from Lo).
func (d *Dist) moments() (s1, s2 *big.Int) {
	_, w, _ := d.parts()
	s1, s2 = new(big.Int), new(big.Int)
	var t, ib big.Int
	for i, a := range w {
		if i == 0 || a.Sign() == 0 {
			continue
		}
		ib.SetInt64(int64(i))
		t.Mul(a, &ib)
		s1.Add(s1, &t)
		s2.Add(s2, t.Mul(&t, &ib))
	}
	return s1, s2
}

// MeanRat returns the expected value E[X] as a new reduced big.Rat.
func (d *Dist) MeanRat() *big.Rat {
	lo, _, t := d.parts()
	s1, _ := d.moments()
	m := new(big.Rat).SetFrac(s1, t)
	return m.Add(m, new(big.Rat).SetInt64(int64(lo)))
}

// VarianceRat returns the variance E[(X − E[X])²] as a new reduced big.Rat.
func (d *Dist) VarianceRat() *big.Rat {
	_, _, t := d.parts()
	s1, s2 := d.moments()
	// (s2·t − s1²) / t²
	num := new(big.Int).Mul(s2, t)
	num.Sub(num, s1.Mul(s1, s1))
	return new(big.Rat).SetFrac(num, new(big.Int).Mul(t, t))
}

// Prob returns P(X = k) as the float64 nearest to the exact probability (it underflows to 0 for
// probabilities below about 1e-308; use [Dist.LogProb] or [Dist.ProbFloat] for those).
func (d *Dist) Prob(k int) float64 {
	_, _, t := d.parts()
	w := d.weight(k)
	if w == nil || w.Sign() == 0 {
		return 0
	}
	f, _ := new(big.Rat).SetFrac(w, t).Float64()
	return f
}

// LogProb returns the natural logarithm of P(X = k), computed from the exact weights so that it
// is finite for every value of the support however small its probability (LogProb of 6000 in
// 1000d6 is −1000·ln 6), and −Inf off the support.
func (d *Dist) LogProb(k int) float64 {
	_, _, t := d.parts()
	w := d.weight(k)
	if w == nil || w.Sign() == 0 {
		return math.Inf(-1)
	}
	return logRatio64(w, t)
}

// logRatio64 returns ln(a/b) for 0 < a ≤ b to float64 accuracy.
func logRatio64(a, b *big.Int) float64 {
	if a.Cmp(b) == 0 {
		return 0
	}
	q := new(big.Float).SetPrec(80).SetInt(a)
	q.Quo(q, new(big.Float).SetPrec(80).SetInt(b))
	if q.Cmp(big.NewFloat(0.5)) > 0 {
		// near 1: ln(a/b) = −2·atanh((b−a)/(b+a)), without cancellation
		u := new(big.Float).SetPrec(80).SetInt(new(big.Int).Sub(b, a))
		u.Quo(u, new(big.Float).SetPrec(80).SetInt(new(big.Int).Add(a, b)))
		f, _ := u.Float64()
		return -2 * math.Atanh(f)
	}
	mant := new(big.Float)
	exp := q.MantExp(mant) // q = mant·2^exp, mant in [0.5, 1)
	m, _ := mant.Float64()
	return math.Log(m) + float64(exp)*math.Ln2
}

// CDF returns P(X ≤ x) as a float64 (the float64 nearest to the exact value).
func (d *Dist) CDF(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return math.NaN()
	case x < float64(d.Lo()):
		return 0
	case x >= float64(d.Hi()):
		return 1
	}
	f, _ := d.CDFRat(int(math.Floor(x))).Float64()
	return f
}

// Survival returns P(X > x) = 1 − CDF(x) as a float64 (computed exactly, then rounded, so small
// upper tails keep their precision).
func (d *Dist) Survival(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return math.NaN()
	case x < float64(d.Lo()):
		return 1
	case x >= float64(d.Hi()):
		return 0
	}
	f, _ := d.SurvivalRat(int(math.Floor(x))).Float64()
	return f
}

// Mean returns E[X] as a float64 (the exact mean, rounded).
func (d *Dist) Mean() float64 {
	f, _ := d.MeanRat().Float64()
	return f
}

// Variance returns the variance as a float64 (the exact variance, rounded).
func (d *Dist) Variance() float64 {
	f, _ := d.VarianceRat().Float64()
	return f
}

// StdDev returns the standard deviation, the square root of Variance.
func (d *Dist) StdDev() float64 {
	return math.Sqrt(d.Variance())
}

// Quantile returns the smallest value v of the support with P(X ≤ v) ≥ p, comparing exactly
// (p is taken as the exact binary value of the float64). Quantile(0) is Lo and Quantile(1) is Hi.
// It panics if p is not in [0, 1] (NaN included), like gonum's distributions.
func (d *Dist) Quantile(p float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic("dist: Quantile with p outside [0, 1]")
	}
	lo, w, t := d.parts()
	if p == 0 {
		return float64(lo)
	}
	// smallest i with cum[i] ≥ p·t, i.e. cum[i]·den ≥ num·t for p = num/den
	pr := new(big.Rat).SetFloat64(p)
	target := new(big.Int).Mul(pr.Num(), t)
	den := pr.Denom()
	var cum, c big.Int
	for i, a := range w {
		cum.Add(&cum, a)
		if c.Mul(&cum, den).Cmp(target) >= 0 {
			return float64(lo + i)
		}
	}
	return float64(lo + len(w) - 1)
}

// Entropy returns the Shannon entropy −Σ p·ln p in nats as a float64. Each term is computed
// from the exact weights, so tiny probabilities neither underflow nor lose precision; use
// [Dist.EntropyFloat] for more digits.
func (d *Dist) Entropy() float64 {
	_, w, t := d.parts()
	var h, comp float64 // Neumaier's compensated sum of the positive terms −p·ln p
	q := new(big.Float).SetPrec(64)
	den := new(big.Float).SetPrec(64).SetInt(t)
	for _, a := range w {
		if a.Sign() == 0 {
			continue
		}
		p, _ := q.Quo(q.SetInt(a), den).Float64()
		term := -p * logRatio64(a, t)
		s := h + term
		if math.Abs(h) >= math.Abs(term) {
			comp += (h - s) + term
		} else {
			comp += (term - s) + h
		}
		h = s
	}
	return h + comp
}
