package dist

import (
	"encoding/binary"
	"math/big"
	"math/rand/v2"
)

// Rand returns a value drawn from d using randomness from src: it draws an integer r uniformly
// from [0, Total) by rejection from src's 64-bit outputs and returns the first value whose
// cumulative weight exceeds r, so every value has exactly its probability. Each call scans the
// weights (linear in the support) and allocates a few big.Ints; d is not modified.
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
