// Package dist computes exact discrete probability distributions over the integers: dice sums,
// keep-highest and keep-lowest pools, exploding and rerolled dice, success counts, maxima,
// minima, mixtures and comparisons, with exact queries (big.Rat), float64 queries under gonum
// distuv's names, and big.Float queries to any precision.
//
// A [Dist] stores the lowest value of its support and one integer weight per value up to the
// highest, plus their total; the probability of a value is its weight over the total. Sums of
// independent variables are products of weight polynomials, and a sum of n copies is a power,
// computed by a linear recurrence rather than one copy at a time, so 10000d6 is exact in a
// fraction of a second. Keeping the highest or lowest k of n dice conditions on the lowest
// kept value instead of enumerating rolls (100d20 keep highest 10 in about a millisecond).
//
// The building blocks: constructors [Die], [Uniform], [Const], [Faces] and [FromWeights];
// sums [Dist.Add], [Dist.Sub], [Dist.Repeat] and [Dist.RepeatDist] (a random number of dice);
// [Dist.Scale], [Dist.Shift], [Dist.Neg] and [Dist.Mul] (products of values); pools
// [Dist.KeepHighest], [Dist.KeepLowest] and their mixed-pool forms; [Dist.Explode],
// [Dist.ExplodeOn] and [Dist.Reroll] with a depth ([DefaultExplodeDepth] is 9);
// [Dist.CountSuccesses]; [Dist.Highest], [Dist.Lowest] and [Dist.Mix]; [Compare] for P(X<Y),
// P(X=Y) and P(X>Y); and [Dist.Rand] or a [Sampler] for random draws.
//
// Pools whose dice matter one by one are a [Pool]: [Dist.SumKept] and [Dist.CountKept] (with
// keep-middle and failures), [Dist.Matches] and [Dist.Straight], dice exploding as separate
// dice ([Pool.AddExploding]), and the exact joint count of two tests, a [Joint], by
// [Joint.Count]. They run a dynamic program over the sorted values of the pool (the
// multiset evaluation of icepool), never enumerating rolls, or treat the dice one by one when
// every die counts. [Dist.Penetrate] is the penetrating explosion.
//
// [Parse] reads dice notation (3d6, 4d6kh3, 2d20kl1+5, d{1,1,2,3,5,8}, 3d6!, 4dF, 10d10>=8,
// (d4)d6, d6!p, 4d6xkh3, 5d6km3, 10d10>=8f1, matches(5d6), straight(5d6), …) into a Dist,
// and [ParseJoint] reads a joint count (10d6>=5&=1) into a Joint; ParseWith's doc comment
// describes the grammar. [Shape] bounds the size and
// cost of a result before it is built, which is how Parse refuses expressions such as
// 1000000000d6 without starting them.
//
// # Conventions
//
// Combinators follow math/big: the receiver is the result, the operands are the arguments, the
// receiver is returned, and any operand may be the receiver (z.Add(z, z) is 2 copies of z). The
// zero Dist is the point mass at 0, so new(Dist) is ready to use as a result or as an operand.
// Every combinator allocates the weights of its result (the receiver's previous weights are
// dropped, never overwritten, so results computed earlier stay valid).
// A Dist never modifies the big integers it holds once stored; queries that return a *big.Int,
// *big.Rat or *big.Float return a new value the caller owns. Weights are not reduced: each
// combinator documents its total, which for dice is the number of equally likely rolls (6^n for
// nd6, 6^(depth+1) for an exploding d6). [Dist.Equal] compares probabilities, so weights that
// differ by a common factor are equal.
//
// Float queries use gonum's names and meanings: CDF(x) = P(X ≤ x), Survival(x) = P(X > x);
// LogProb is −Inf off the support and finite on it however small the probability. Exact twins
// end in Rat (ProbRat, CDFRat, SurvivalRat, MeanRat, VarianceRat, plus AtLeastRat = P(X ≥ k) and
// AtMostRat = P(X ≤ k) for dice tables); high-precision ones end in Float and take the precision
// in bits.
//
// Broken preconditions documented on a function (a die with no sides, a negative count, a keep
// count outside [0, n], a zero precision, a support beyond the int range) panic with a message
// that starts with "dist: ". Facts of user data, such as a malformed dice expression or one too
// large for memory, are errors returned by Parse.
package dist
