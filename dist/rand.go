package dist

import (
	"encoding/binary"
	"math/big"
	"math/rand/v2"
	"sort"
)

// Rand returns a value drawn from d using randomness from src: it draws an integer r uniformly
// from [0, Total) by rejection from src's 64-bit outputs and returns the first value whose
// cumulative weight exceeds r, so every value has exactly its probability. Each call scans the
// weights (linear in the support) and allocates a few big.Ints; d is not modified. For many
// draws, [Dist.Sampler] precomputes the cumulative weights once.
func (d *Dist) Rand(src rand.Source) int {
	lo, w, t := d.parts()
	if len(w) == 1 {
		return lo
	}
	r := uniformBig(src, t)
	var cum big.Int
	for i, a := range w {
		cum.Add(&cum, a)
		if cum.Cmp(r) > 0 {
			return lo + i
		}
	}
	panic("dist: internal error: weights do not sum to the total")
}

// uniformBig returns an integer uniform in [0, t) for t > 0: big-endian bytes from src's
// outputs, the top byte masked to t's bit length, rejected while ≥ t (probability < 1/2).
func uniformBig(src rand.Source, t *big.Int) *big.Int {
	n := t.BitLen()
	buf := make([]byte, (n+63)/64*8)
	nb := (n + 7) / 8
	r := new(big.Int)
	for {
		for i := 0; i < len(buf); i += 8 {
			binary.BigEndian.PutUint64(buf[i:], src.Uint64())
		}
		b := buf[len(buf)-nb:]
		if rem := n % 8; rem != 0 {
			b[0] &= 1<<rem - 1
		}
		r.SetBytes(b)
		if r.Cmp(t) < 0 {
			return r
		}
	}
}

// A Sampler draws values from a fixed distribution faster than [Dist.Rand] when many draws are
// needed: it holds the cumulative weights, so each draw is one uniform big integer and a binary
// search. A Sampler is immutable and safe for concurrent use (each goroutine with its own
// rand.Source).
type Sampler struct {
	lo  int
	cum []*big.Int // cum[i] = weights of the values ≤ lo+i
}

// Sampler returns a Sampler for d. It allocates the cumulative weights, about as much memory
// as d holds; d is not retained.
func (d *Dist) Sampler() *Sampler {
	lo, w, _ := d.parts()
	return &Sampler{lo: lo, cum: cumulative(w)}
}

// Rand returns a value drawn with its exact probability, using randomness from src. For the
// same source state it returns the same value as [Dist.Rand] on the distribution the Sampler
// was made from.
func (s *Sampler) Rand(src rand.Source) int {
	if len(s.cum) == 1 {
		return s.lo
	}
	r := uniformBig(src, s.cum[len(s.cum)-1])
	i := sort.Search(len(s.cum), func(i int) bool { return s.cum[i].Cmp(r) > 0 })
	return s.lo + i
}
