package poly

import (
	"math/big"
	"math/bits"
	"sync"
)

// Reducing many fractions over one denominator. Each fraction num_i/den needs g_i =
// gcd(num_i, den), and a Lehmer gcd per fraction (what big.Rat's SetFrac does) costs about
// 1.4 ms at 32,000 bits. reducedFracs splits den = S·L, where S holds the prime factors
// below smallPrimeBound (found by trial division) and L has none; gcd(S, L) = 1, so g_i =
// gcd(num_i, S)·gcd(num_i, L).
//
// The S part is a gcd with the usually small S: gcd(num_i mod S, S), in word arithmetic when
// S fits a word (a smooth den of many words costs a gcd with S per entry, as big.Rat would).
//
// The L part is certified in bulk: with P_v the product of the num_i (zeros left out) over a
// set v, G_v = gcd(P_v, L) is computed from P_v mod L, a product tree whose leaves are
// blocks of consecutive entries (a chain of modular products each) and whose nodes are
// modular products of their children. If G_root = 1, no nonzero num_i shares a factor with
// L, and every g_i^L = 1: one gcd for all entries instead of one per entry, and the products
// cost about three multiplications per entry (one product, two for Barrett's reduction).
// Otherwise the tree is descended with shrinking moduli: for a child w of v, G_w divides G_v
// (P_w divides P_v) and G_v divides L, so G_w = gcd(P_w, G_v) = gcd(P_w mod G_v, G_v); a
// subtree with G_w = 1 is skipped, and at a block each entry's gcd(num_i, L) =
// gcd(num_i mod G_b, G_b). Several entries sharing different factors of L, num_i ≡ 0 mod L
// (then G = L along its path) and L = 1 (no tree at all) need no special case. The descent
// costs a gcd with G_v per visited node, cheap when the shared factors are small; in the
// worst case (every entry sharing a large factor with L) it costs about one gcd per entry,
// as big.Rat would. Measured (BenchmarkReducedFracs, 4000 entries of 32,000 bits, GOMAXPROCS=1):
// about 0.36 s against 6.0 s for big.Rat, nearly all of it in the modular products (limbMul's
// vector transforms; 0.6 s with exact.Mul's).

// smallPrimeBound is the trial-division bound of reducedFracs: den's prime factors below it
// go into S. Primes that divide many entries (2, 3, 5, …) must be below it, or the descent
// would visit most of the tree; above a few thousand, a prime of L divides only a few of
// several thousand entries, and the descent to them is cheap.
var smallPrimeBound = 1 << 16

// reduceBlock is the number of consecutive entries in a leaf of reducedFracs' product tree.
var reduceBlock = 32

// reducedFracs returns the fractions num[i]/den in lowest terms, as new big.Rat values whose
// numerators and denominators share no memory with num, den or each other. den must be
// positive (reducedFracs panics with "poly: reducedFracs: denominator not positive" otherwise); entries of num may have
// any sign or be zero (giving 0/1), and neither num nor den is modified. The result is
// exactly what new(big.Rat).SetFrac(num[i], den) gives, with the same numerator and
// denominator, computed without a gcd per entry (see the comment above smallPrimeBound).
// The products and gcds run on up to GOMAXPROCS goroutines. Internal consistency checks
// panic with "poly: internal error: ..." (they cannot fail while math/big behaves as
// documented).
func reducedFracs(num []*big.Int, den *big.Int) []*big.Rat {
	if den.Sign() <= 0 {
		panic("poly: reducedFracs: denominator not positive")
	}
	r := newCoeffs[big.Rat, *big.Rat](len(num))
	if len(num) == 0 {
		return r
	}
	S, L := splitSmooth(den)
	g := make([]*big.Int, len(num)) // g_i = gcd(num_i, den); nil for 1
	if S.Cmp(intOne) != 0 {
		gcdSmall(g, num, S)
	}
	if L.Cmp(intOne) != 0 {
		gcdRough(g, num, L)
	}
	const grain = 16
	parallel((len(num)+grain-1)/grain, func(k int) {
		n, d := new(big.Int), new(big.Int)
		for i := k * grain; i < min(len(num), (k+1)*grain); i++ {
			switch {
			case num[i].Sign() == 0:
				r[i].SetInt64(0)
			case g[i] == nil:
				setReduced(r[i], num[i], den)
			default:
				setReduced(r[i], n.Quo(num[i], g[i]), d.Quo(den, g[i]))
			}
		}
	})
	return r
}

var intOne = big.NewInt(1)

// setReduced sets r to n/d for d > 0 and gcd(n, d) = 1, without the gcd that big.Rat's
// setters compute, copying n and d. It relies on math/big's documented behaviour: Num
// returns a reference to r's numerator, and Denom a reference to r's denominator once that
// is initialised (any setter initialises it; SetInt sets it to 1), and writing through a
// reference changes r. A Rat whose numerator and denominator are coprime with a positive
// denominator is exactly the normalised form every big.Rat operation keeps, so r is then
// indistinguishable from one made by SetFrac. If Denom ever stopped returning a reference
// (two calls would give different pointers), setReduced panics rather than return a wrong
// value.
func setReduced(r *big.Rat, n, d *big.Int) {
	r.SetInt(n)
	if d.Cmp(intOne) == 0 {
		return
	}
	rd := r.Denom()
	if rd != r.Denom() {
		panic("poly: internal error: big.Rat.Denom does not return a reference")
	}
	rd.Set(d)
}

// gcdSmall multiplies g[i] (nil for 1) by gcd(num[i], S) for every nonzero num[i], for S > 1
// coprime to the g[i] already set.
func gcdSmall(g, num []*big.Int, S *big.Int) {
	word := len(S.Bits()) == 1
	s := uint(0)
	if word {
		s = uint(S.Bits()[0])
	}
	const grain = 64
	parallel((len(num)+grain-1)/grain, func(k int) {
		t := new(big.Int)
		for i := k * grain; i < min(len(num), (k+1)*grain); i++ {
			if num[i].Sign() == 0 {
				continue
			}
			var h *big.Int
			if word {
				if c := gcdUint(modWord(num[i].Bits(), s), s); c != 1 {
					h = new(big.Int).SetBits([]big.Word{big.Word(c)})
				}
			} else {
				t.Abs(num[i]).Rem(t, S)
				if h = new(big.Int).GCD(nil, nil, t, S); h.Cmp(intOne) == 0 {
					h = nil
				}
			}
			g[i] = mulGcd(g[i], h)
		}
	})
}

// mulGcd returns a·b for factors a, b of which nil stands for 1.
func mulGcd(a, b *big.Int) *big.Int {
	switch {
	case b == nil:
		return a
	case a == nil:
		return b
	}
	return b.Mul(a, b)
}

// gcdRough multiplies g[i] (nil for 1) by gcd(num[i], L) for every nonzero num[i], for L > 1
// with no prime factor below smallPrimeBound (odd) and coprime to the g[i] already set, by
// the product tree described above smallPrimeBound.
func gcdRough(g, num []*big.Int, L *big.Int) {
	red := newBarrett(L)
	nb := (len(num) + reduceBlock - 1) / reduceBlock
	levels := [][]*big.Int{make([]*big.Int, nb)} // levels[0]: block products; last: root
	parallel(nb, func(b int) {
		var acc *big.Int // nil: the empty product
		var s barrettScratch
		x := new(big.Int)
		for i := b * reduceBlock; i < min(len(num), (b+1)*reduceBlock); i++ {
			if num[i].Sign() == 0 {
				continue
			}
			x.Abs(num[i])
			if x.Cmp(L) >= 0 {
				x.Rem(x, L)
			}
			if acc == nil {
				acc = new(big.Int).Set(x)
			} else {
				red.mulMod(acc, acc, x, &s)
			}
		}
		if acc == nil {
			acc = big.NewInt(1)
		}
		levels[0][b] = acc
	})
	for top := levels[0]; len(top) > 1; top = levels[len(levels)-1] {
		next := make([]*big.Int, (len(top)+1)/2)
		parallel(len(next), func(j int) {
			if 2*j+1 == len(top) {
				next[j] = top[2*j]
				return
			}
			var s barrettScratch
			next[j] = red.mulMod(new(big.Int), top[2*j], top[2*j+1], &s)
		})
		levels = append(levels, next)
	}
	// Descend from the root with modulus L: at node (lv, j), G = gcd(P mod m, m) with m the
	// parent's G. Subtrees are independent; their gcds run in parallel.
	var descend func(lv, j int, m *big.Int)
	descend = func(lv, j int, m *big.Int) {
		G := new(big.Int).Rem(levels[lv][j], m)
		if G.GCD(nil, nil, G, m).Cmp(intOne) == 0 {
			return
		}
		if lv > 0 {
			kids := min(2, len(levels[lv-1])-2*j)
			if kids == 1 {
				descend(lv-1, 2*j, G)
				return
			}
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				descend(lv-1, 2*j+1, G)
			}()
			descend(lv-1, 2*j, G)
			wg.Wait()
			return
		}
		t := new(big.Int)
		for i := j * reduceBlock; i < min(len(num), (j+1)*reduceBlock); i++ {
			if num[i].Sign() == 0 {
				continue
			}
			t.Abs(num[i]).Rem(t, G)
			if h := new(big.Int).GCD(nil, nil, t, G); h.Cmp(intOne) != 0 {
				g[i] = mulGcd(g[i], h)
			}
		}
	}
	descend(len(levels)-1, 0, L)
}

// barrett reduces products modulo m > 1 by Barrett's method: with k = m.BitLen() and μ =
// ⌊4^k/m⌋, for 0 ≤ z < m² (so z < 4^k) the estimate q = ⌊⌊z/2^(k−1)⌋·μ/2^(k+1)⌋ is at most two
// below ⌊z/m⌋, so z − q·m lies in [0, 3m) and two conditional subtractions finish. From
// limbMulWords words on the products use a limbMul (vecmul.go), below that (or on platforms
// without 64-bit words) math/big. A barrett is immutable and safe for concurrent use.
type barrett struct {
	m, mu *big.Int
	k     uint
	// From limbMulWords words on, the products use a limbMul, with μ's and m's transforms
	// computed once (so two of the three products cost one forward transform each).
	lm            *limbMul
	muHat, mHat   []uint64
	muLen, mLimbs int
}

// barrettScratch holds one goroutine's temporaries for barrett.mulMod.
type barrettScratch struct {
	t, q *big.Int
	ls   *limbScratch
}

// limbMulWords is the modulus size, in words, from which barrett multiplies with a limbMul:
// measured (GOMAXPROCS=1) at 440 words, a modular product takes 55 µs that way against
// about 120 µs with exact.Mul (which allocates its vectors each time) and more with math/big.
var limbMulWords = 64

func newBarrett(m *big.Int) *barrett {
	k := uint(m.BitLen())
	mu := new(big.Int).Lsh(intOne, 2*k)
	b := &barrett{m: m, mu: mu.Quo(mu, m), k: k}
	if len(m.Bits()) >= limbMulWords {
		if b.lm = newLimbMul(int(k+1)/64 + 2); b.lm != nil {
			b.muHat, b.muLen = b.lm.fixed(b.mu)
			b.mHat, b.mLimbs = b.lm.fixed(m)
		}
	}
	return b
}

// mulMod sets z = x·y mod m for x, y in [0, m) and returns z; z may alias x or y.
func (b *barrett) mulMod(z, x, y *big.Int, s *barrettScratch) *big.Int {
	if s.t == nil {
		s.t, s.q = new(big.Int), new(big.Int)
	}
	t, q := s.t, s.q
	if b.lm != nil {
		if s.ls == nil {
			s.ls = b.lm.scratch()
		}
		b.lm.mul(t, x, y, nil, 0, s.ls)
		q.Rsh(t, b.k-1)
		b.lm.mul(q, q, nil, b.muHat, b.muLen, s.ls)
		q.Rsh(q, b.k+1)
		b.lm.mul(q, q, nil, b.mHat, b.mLimbs, s.ls)
	} else {
		t.Mul(x, y)
		q.Rsh(t, b.k-1)
		q.Mul(q, b.mu)
		q.Rsh(q, b.k+1)
		q.Mul(q, b.m)
	}
	z.Sub(t, q)
	for range 2 {
		if z.Cmp(b.m) >= 0 {
			z.Sub(z, b.m)
		}
	}
	if z.Sign() < 0 || z.Cmp(b.m) >= 0 {
		panic("poly: internal error: Barrett reduction out of range")
	}
	return z
}

// splitSmooth returns S and L with den = S·L, S the product of den's prime-power factors
// for the primes below smallPrimeBound and L free of such primes, for den > 0.
func splitSmooth(den *big.Int) (S, L *big.Int) {
	tab := smallPrimes()
	S, L = big.NewInt(1), new(big.Int).Set(den)
	if z := L.TrailingZeroBits(); z > 0 { // 2 separately: a shift
		L.Rsh(L, z)
		S.Lsh(S, z)
	}
	rem := new(big.Int)
	q := new(big.Int)
	for _, blk := range tab.blocks {
		if L.Cmp(intOne) == 0 {
			break
		}
		rem.Rem(L, blk.prod)
		for _, grp := range tab.groups[blk.lo:blk.hi] {
			w := modWord(rem.Bits(), grp.prod)
			for _, p := range grp.primes {
				if w%p != 0 {
					continue
				}
				// p divides L: divide it out, by the largest power of p in a word first.
				pk, e := p, 1
				for hi, lo := bits.Mul(pk, p); hi == 0; hi, lo = bits.Mul(pk, p) {
					pk, e = lo, e+1
				}
				for _, d := range [2]uint{pk, p} {
					db := new(big.Int).SetBits([]big.Word{big.Word(d)})
					for {
						var r big.Int
						q.QuoRem(L, db, &r)
						if r.Sign() != 0 {
							break
						}
						L.Set(q)
						S.Mul(S, db)
					}
				}
			}
		}
	}
	return S, L
}

// primeTable holds the odd primes below smallPrimeBound in groups whose product fits in a
// word, and the groups in blocks (products of up to primeBlockWords groups) that reduce a
// large number to a few words before the word-size remainders.
type primeTable struct {
	bound  int
	groups []primeGroup
	blocks []primeBlock
}

type primeGroup struct {
	prod   uint
	primes []uint
}

type primeBlock struct {
	prod   *big.Int
	lo, hi int // groups[lo:hi]
}

const primeBlockWords = 32

var (
	primeTabMu sync.Mutex
	primeTab   *primeTable
)

// smallPrimes returns the table for the current smallPrimeBound, built once (and again if
// the bound changes).
func smallPrimes() *primeTable {
	primeTabMu.Lock()
	defer primeTabMu.Unlock()
	if primeTab != nil && primeTab.bound == smallPrimeBound {
		return primeTab
	}
	n := smallPrimeBound
	composite := make([]bool, n)
	t := &primeTable{bound: n}
	cur := primeGroup{prod: 1}
	for p := 3; p < n; p += 2 {
		if composite[p] {
			continue
		}
		for m := p * p; m < n; m += 2 * p {
			composite[m] = true
		}
		if hi, lo := bits.Mul(cur.prod, uint(p)); hi != 0 {
			t.groups = append(t.groups, cur)
			cur = primeGroup{prod: uint(p)}
		} else {
			cur.prod = lo
		}
		cur.primes = append(cur.primes, uint(p))
	}
	if len(cur.primes) > 0 {
		t.groups = append(t.groups, cur)
	}
	for lo := 0; lo < len(t.groups); lo += primeBlockWords {
		hi := min(len(t.groups), lo+primeBlockWords)
		prod := big.NewInt(1)
		for _, grp := range t.groups[lo:hi] {
			prod.Mul(prod, new(big.Int).SetBits([]big.Word{big.Word(grp.prod)}))
		}
		t.blocks = append(t.blocks, primeBlock{prod: prod, lo: lo, hi: hi})
	}
	primeTab = t
	return t
}

// modWord returns the natural number with words x (little-endian) modulo m > 0.
func modWord(x []big.Word, m uint) uint {
	var r uint
	for i := len(x) - 1; i >= 0; i-- {
		_, r = bits.Div(r, uint(x[i]), m)
	}
	return r
}

// gcdUint returns gcd(a, b) for b > 0 (gcd(0, b) = b).
func gcdUint(a, b uint) uint {
	for a != 0 {
		a, b = b%a, a
	}
	return b
}
