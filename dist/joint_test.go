package dist

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jointOutcomes accumulates weights by pair, for brute force.
type jointOutcomes map[[2]int]*big.Int

func (o jointOutcomes) add(a, b int, w *big.Int) {
	k := [2]int{a, b}
	if o[k] == nil {
		o[k] = new(big.Int)
	}
	o[k].Add(o[k], w)
}

// joint returns the outcomes as a Joint, built through JointFromWeights.
func (o jointOutcomes) joint() *Joint {
	lo, hi := [2]int{1 << 30, 1 << 30}, [2]int{-1 << 30, -1 << 30}
	for k := range o {
		for i := range 2 {
			lo[i], hi[i] = min(lo[i], k[i]), max(hi[i], k[i])
		}
	}
	w := make([][]*big.Int, hi[0]-lo[0]+1)
	for a := range w {
		w[a] = make([]*big.Int, hi[1]-lo[1]+1)
	}
	for k, x := range o {
		w[k[0]-lo[0]][k[1]-lo[1]] = x
	}
	return JointFromWeights(lo, w)
}

// checkSameJoint fails unless got and want have the same support, weights and total.
func checkSameJoint(t *testing.T, name string, got, want *Joint, wantTotal *big.Int) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s: joint differs:\n got %v\nwant %v", name, dumpJoint(got), dumpJoint(want))
		return
	}
	if got.Total().Cmp(wantTotal) != 0 {
		t.Errorf("%s: total %v, want %v", name, got.Total(), wantTotal)
	}
}

func dumpJoint(j *Joint) string {
	s := fmt.Sprintf("lo %v hi %v total %v:", j.Lo(), j.Hi(), j.Total())
	for ab, w := range j.Weights() {
		s += fmt.Sprintf(" %v=%v", ab, w)
	}
	return s
}

// TestJointBrute checks Joint.Count against the enumeration of every roll of small pools, for
// every keep rule, and its marginals against CountKept.
func TestJointBrute(t *testing.T) {
	ge := func(t int) func(int) bool { return func(v int) bool { return v >= t } }
	le := func(t int) func(int) bool { return func(v int) bool { return v <= t } }
	tests := []struct {
		name          string
		first, second func(int) bool
	}{
		{">=3&=1", ge(3), func(v int) bool { return v == 1 }},
		{">=1&<=-1", ge(1), le(-1)},
		{">=2&>=3", ge(2), ge(3)}, // overlapping: a die can count in both
		{">=2&<=2", ge(2), le(2)},
	}
	for i, parts := range testPools() {
		p := buildPool(parts)
		name := fmt.Sprintf("pool%d %v", i, parts)
		for _, k := range keeps() {
			for _, tc := range tests {
				o := jointOutcomes{}
				tot := new(big.Int)
				enumeratePool(parts, func(vals []int, w *big.Int) {
					a, b := 0, 0
					for _, x := range keptBrute(vals, k) {
						if tc.first(x) {
							a++
						}
						if tc.second(x) {
							b++
						}
					}
					o.add(a, b, w)
					tot.Add(tot, w)
				})
				n := fmt.Sprintf("%s %s %+v", name, tc.name, k)
				j := new(Joint).Count(p, k, tc.first, tc.second)
				checkSameJoint(t, n, j, o.joint(), tot)
				checkSame(t, n+" marginal 0", j.Marginal(0), new(Dist).CountKept(p, k, tc.first, nil), tot)
				checkSame(t, n+" marginal 1", j.Marginal(1), new(Dist).CountKept(p, k, tc.second, nil), tot)
			}
		}
	}
}

// TestJointRandomBrute checks Joint.Count on random small pools against brute force.
func TestJointRandomBrute(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 17))
	for it := range 60 {
		parts := randomPool(r)
		p := buildPool(parts)
		k := Keep{KeepRule(r.IntN(6)), r.IntN(4)}
		c1, c2 := r.IntN(5)-1, r.IntN(5)-1
		first := func(v int) bool { return v >= c1 }
		second := func(v int) bool { return v <= c2 }
		o := jointOutcomes{}
		tot := new(big.Int)
		enumeratePool(parts, func(vals []int, w *big.Int) {
			a, b := 0, 0
			for _, x := range keptBrute(vals, k) {
				if first(x) {
					a++
				}
				if second(x) {
					b++
				}
			}
			o.add(a, b, w)
			tot.Add(tot, w)
		})
		name := fmt.Sprintf("#%d %v %+v >=%d&<=%d", it, parts, k, c1, c2)
		checkSameJoint(t, name, new(Joint).Count(p, k, first, second), o.joint(), tot)
	}
}

// TestJointQueries checks the queries of a Joint against sums over its pairs, on a joint
// computed by hand: one d4, A = [v ≥ 3], B = v mod 2 … as weights.
func TestJointQueries(t *testing.T) {
	// the pairs (A, B) = (v ≥ 3, v odd) of a d4: 1 → (0,1), 2 → (0,0), 3 → (1,1), 4 → (1,0)
	j := new(Joint).Count(new(Pool).Add(Die(4), 2), Keep{}, func(v int) bool { return v >= 3 }, func(v int) bool { return v%2 == 1 })
	// two dice: A and B independent Binomial(2, 1/2) each
	assert.Equal(t, [2]int{0, 0}, j.Lo())
	assert.Equal(t, [2]int{2, 2}, j.Hi())
	assert.Equal(t, "16", j.Total().String())
	binom := []int64{1, 2, 1}
	n := 0
	for ab, p := range j.All() {
		want := big.NewRat(binom[ab[0]]*binom[ab[1]], 16)
		assert.Equal(t, want.RatString(), p.RatString(), "%v", ab)
		assert.Equal(t, want.RatString(), j.ProbRat(ab[0], ab[1]).RatString())
		f, _ := want.Float64()
		assert.Equal(t, f, j.Prob(ab[0], ab[1]))
		n++
	}
	assert.Equal(t, 9, n)
	assert.Equal(t, "0", j.ProbRat(3, 0).RatString())
	assert.Equal(t, "0", j.Weight(-1, 0).String())
	m := j.MeanRat()
	assert.Equal(t, "1", m[0].RatString())
	assert.Equal(t, "1", m[1].RatString())
	assert.Equal(t, [2]float64{1, 1}, j.Mean())
	assert.Equal(t, "0", j.CovarianceRat().RatString())
	c, ok := j.Conditional(0, func(b int) bool { return b == 2 })
	require.True(t, ok)
	assert.True(t, c.Equal(new(Dist).Sub(new(Dist).Repeat(Die(2), 2), Const(2))))
	assert.Equal(t, "4", c.Total().String())
	_, ok = j.Conditional(1, func(a int) bool { return a > 5 })
	assert.False(t, ok)

	// hits and ones of 3d6: never more than 3 together, negative covariance
	h := new(Joint).Count(new(Pool).Add(Die(6), 3), Keep{}, func(v int) bool { return v >= 5 }, func(v int) bool { return v == 1 })
	for ab := range h.Weights() {
		assert.LessOrEqual(t, ab[0]+ab[1], 3)
	}
	// Cov of multinomial counts: −n·p·q = −3·(2/6)·(1/6) = −1/6
	assert.Equal(t, "-1/6", h.CovarianceRat().RatString())
	// given no ones, the hits are Binomial(3, 2/5)
	c, ok = h.Conditional(0, func(b int) bool { return b == 0 })
	require.True(t, ok)
	want := new(Dist).CountSuccesses(Die(5), 3, func(v int) bool { return v >= 5-1 })
	assert.True(t, c.Equal(want), "%s vs %s", dump(c), dump(want))

	var z Joint
	assert.Equal(t, [2]int{0, 0}, z.Lo())
	assert.Equal(t, "1", z.ProbRat(0, 0).RatString())
	assert.True(t, z.Equal(new(Joint).Set(&z)))
	assert.True(t, h.Equal(new(Joint).Set(h)))
	assert.False(t, h.Equal(j))
	assert.Positive(t, h.SizeBytes())
}

func TestJointPanics(t *testing.T) {
	yes := func(int) bool { return true }
	require.PanicsWithValue(t, "dist: Joint.Count with a nil test", func() { new(Joint).Count(new(Pool), Keep{}, nil, yes) })
	require.PanicsWithValue(t, "dist: Joint.Count with an unknown keep rule or K < 0", func() { new(Joint).Count(new(Pool), Keep{KeepHigh, -1}, yes, yes) })
	require.PanicsWithValue(t, "dist: Joint.Marginal with a coordinate other than 0 or 1", func() { new(Joint).Marginal(2) })
	require.PanicsWithValue(t, "dist: Joint.Conditional with a nil test", func() { new(Joint).Conditional(0, nil) })
	require.PanicsWithValue(t, "dist: JointFromWeights with rows of different lengths", func() {
		JointFromWeights([2]int{}, [][]*big.Int{{bigOne}, {}})
	})
	require.PanicsWithValue(t, "dist: JointFromWeights with no positive weight", func() { JointFromWeights([2]int{}, [][]*big.Int{{nil}}) })
	require.PanicsWithValue(t, "dist: JointFromWeights with a negative weight", func() { JointFromWeights([2]int{}, [][]*big.Int{{big.NewInt(-1)}}) })
}
