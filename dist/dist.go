package dist

import (
	"iter"
	"math/big"
)

// A Dist is an exact probability distribution over the integers. It holds the lowest value of
// its support, Lo, an integer weight for every value from Lo to Hi, and the sum of those weights,
// the total; the probability of a value is its weight divided by the total.
//
// The first and the last weight are positive, so Lo and Hi are the smallest and the largest
// values with positive probability; weights in between may be zero. Weights are not reduced by
// their greatest common divisor: each combinator documents its total, which for dice is the
// number of equally likely rolls (6^n for nd6).
//
// The zero value is the point mass at 0, the identity of Add. The big integers held by a Dist
// are never modified after they are stored, so a Dist may be read by several goroutines at once
// while no goroutine writes to it. Copy a Dist with Set, not by assignment.
type Dist struct {
	lo    int
	w     []*big.Int // w[i] is the weight of lo+i; empty means the point mass at 0
	total *big.Int   // sum of w; nil when w is empty
}

// Shared read-only values for the zero Dist; never modified.
var (
	bigOne   = big.NewInt(1)
	oneSlice = []*big.Int{bigOne}
)

// DefaultExplodeDepth is the number of extra rolls [Dist.Explode] and [Dist.Reroll] are usually
// given, and what dice notation uses when no depth is set: a die explodes at most 9 times
// (10 rolls in all), and "r" rerolls at most 9 times.
const DefaultExplodeDepth = 9

// parts returns the lowest value, the weights and the total of d, mapping the zero value to the
// point mass at 0. The results must not be modified.
func (d *Dist) parts() (lo int, w []*big.Int, total *big.Int) {
	if len(d.w) == 0 {
		return 0, oneSlice, bigOne
	}
	return d.lo, d.w, d.total
}

// setParts stores lo and w (after trimming zero weights at both ends) in z, computing the total.
// w must be owned by the caller and not all zero; its big integers must not be modified later.
func (z *Dist) setParts(lo int, w []*big.Int) *Dist {
	t := new(big.Int)
	for _, x := range w {
		t.Add(t, x)
	}
	return z.setPartsTotal(lo, w, t)
}

// setPartsTotal is setParts with a known total (which must equal the sum of w).
func (z *Dist) setPartsTotal(lo int, w []*big.Int, total *big.Int) *Dist {
	i := 0
	for i < len(w) && w[i].Sign() == 0 {
		i++
	}
	j := len(w)
	for j > i && w[j-1].Sign() == 0 {
		j--
	}
	if i == j {
		panic("dist: internal error: all weights zero")
	}
	z.lo, z.w, z.total = lo+i, w[i:j:j], total
	return z
}

// MaxValues bounds the support range Hi−Lo+1 of the distributions that the constructors build
// (2^31 values, whose weights alone would take 16 GiB of pointers); Parse refuses expressions
// whose support would be wider with an error.
const MaxValues = 1 << 31

// Die returns the distribution of a fair die with the given number of sides: the values
// 1, …, sides, each with weight 1 (total sides). It allocates, and panics if sides < 1 or
// sides > MaxValues.
func Die(sides int) *Dist {
	if sides < 1 {
		panic("dist: Die with sides < 1")
	}
	return Uniform(1, sides)
}

// Uniform returns the uniform distribution on lo, …, hi, each value with weight 1 (total
// hi−lo+1). It allocates, and panics if hi < lo or the range has more than MaxValues values.
func Uniform(lo, hi int) *Dist {
	if hi < lo {
		panic("dist: Uniform with hi < lo")
	}
	n := uint(hi) - uint(lo) + 1
	if n == 0 || n > MaxValues {
		panic("dist: Uniform range over MaxValues values")
	}
	w := make([]*big.Int, n)
	for i := range w {
		w[i] = bigOne
	}
	return new(Dist).setPartsTotal(lo, w, new(big.Int).SetUint64(uint64(n)))
}

// Const returns the point mass at k (weight 1, total 1). It allocates.
func Const(k int) *Dist {
	return &Dist{lo: k, w: []*big.Int{bigOne}, total: bigOne}
}

// Faces returns the distribution of a die with the listed faces, each face equally likely:
// the weight of a value is the number of times it is listed, and the total is len(faces). So
// Faces(1, 1, 2, 3, 5, 8) is the custom die d{1,1,2,3,5,8}. It allocates, and panics if faces
// is empty or its values span more than MaxValues values.
func Faces(faces ...int) *Dist {
	if len(faces) == 0 {
		panic("dist: Faces with no faces")
	}
	lo, hi := faces[0], faces[0]
	for _, f := range faces {
		lo, hi = min(lo, f), max(hi, f)
	}
	n := uint(hi) - uint(lo) + 1
	if n == 0 || n > MaxValues {
		panic("dist: Faces range over MaxValues values")
	}
	cnt := make([]int64, n)
	for _, f := range faces {
		cnt[f-lo]++
	}
	w := make([]*big.Int, n)
	for i, c := range cnt {
		w[i] = big.NewInt(c)
	}
	return new(Dist).setPartsTotal(lo, w, big.NewInt(int64(len(faces))))
}

// FromWeights returns the distribution in which value lo+i has weight w[i] (probability
// w[i]/sum(w)). Zero weights at either end are dropped, so Lo may be larger than lo. The weights
// are copied, and w is not retained. It panics if a weight is negative or nil or if all weights
// are zero.
func FromWeights(lo int, w []*big.Int) *Dist {
	c := make([]*big.Int, len(w))
	nonzero := false
	for i, x := range w {
		if x == nil || x.Sign() < 0 {
			panic("dist: FromWeights with a negative or nil weight")
		}
		if x.Sign() > 0 {
			nonzero = true
		}
		c[i] = new(big.Int).Set(x)
	}
	if !nonzero {
		panic("dist: FromWeights with no positive weight")
	}
	if len(w) > 0 && lo+len(w)-1 < lo {
		panic("dist: FromWeights range overflows int")
	}
	return new(Dist).setParts(lo, c)
}

// Set sets z to x (the same weights, total and support) and returns z. The big integers of a
// Dist are immutable, so z may share them with x; only the slice is copied.
func (z *Dist) Set(x *Dist) *Dist {
	if z == x {
		return z
	}
	if len(x.w) == 0 {
		*z = Dist{}
		return z
	}
	z.lo, z.w, z.total = x.lo, append([]*big.Int(nil), x.w...), x.total
	return z
}

// Lo returns the smallest value with positive probability.
func (d *Dist) Lo() int {
	lo, _, _ := d.parts()
	return lo
}

// Hi returns the largest value with positive probability.
func (d *Dist) Hi() int {
	lo, w, _ := d.parts()
	return lo + len(w) - 1
}

// Total returns a new big.Int holding the sum of the weights, the denominator of every
// probability of d (not necessarily in lowest terms).
func (d *Dist) Total() *big.Int {
	_, _, t := d.parts()
	return new(big.Int).Set(t)
}

// Weight returns a new big.Int holding the weight of value k, zero outside [Lo, Hi].
func (d *Dist) Weight(k int) *big.Int {
	if x := d.weight(k); x != nil {
		return new(big.Int).Set(x)
	}
	return new(big.Int)
}

// weight returns the stored weight of k (read only) or nil outside the support range.
func (d *Dist) weight(k int) *big.Int {
	lo, w, _ := d.parts()
	if k < lo || k-lo >= len(w) || k-lo < 0 {
		return nil
	}
	return w[k-lo]
}

// Weights returns an iterator over every value from Lo to Hi in ascending order with its weight
// (zero weights included). The yielded big.Ints are d's own and must not be modified.
func (d *Dist) Weights() iter.Seq2[int, *big.Int] {
	return func(yield func(int, *big.Int) bool) {
		lo, w, _ := d.parts()
		for i, x := range w {
			if !yield(lo+i, x) {
				return
			}
		}
	}
}

// All returns an iterator over every value from Lo to Hi in ascending order with its
// probability, a new reduced big.Rat for each value (zero for values of weight zero).
func (d *Dist) All() iter.Seq2[int, *big.Rat] {
	return func(yield func(int, *big.Rat) bool) {
		lo, w, t := d.parts()
		for i, x := range w {
			if !yield(lo+i, new(big.Rat).SetFrac(x, t)) {
				return
			}
		}
	}
}

// Equal reports whether d and x are the same distribution: the same support and the same
// probability for every value. Weights that differ by a common factor compare equal (the
// weights 1,2,1 over 4 equal 2,4,2 over 8). It does not allocate more than two big.Ints.
func (d *Dist) Equal(x *Dist) bool {
	dlo, dw, dt := d.parts()
	xlo, xw, xt := x.parts()
	if dlo != xlo || len(dw) != len(xw) {
		return false
	}
	// d.w[i]/dt == x.w[i]/xt  <=>  d.w[i]*xt == x.w[i]*dt
	var a, b big.Int
	for i := range dw {
		a.Mul(dw[i], xt)
		b.Mul(xw[i], dt)
		if a.Cmp(&b) != 0 {
			return false
		}
	}
	return true
}

// SizeBytes returns an estimate of the heap memory held by d, in bytes: the slice, the big.Int
// headers and their words. Use [Shape] to bound the size of a result before computing it.
func (d *Dist) SizeBytes() int64 {
	_, w, t := d.parts()
	n := int64(len(w))*(8+intHeader) + intHeader + int64(len(t.Bits()))*8
	for _, x := range w {
		n += int64(cap(x.Bits())) * 8
	}
	return n
}

// intHeader is the size of a big.Int header (sign, slice) in bytes.
const intHeader = 32
