package dist

import (
	"math/big"

	"github.com/polyconv/polyconv/exact"
)

// Keeping the k highest of n independent copies of one distribution, by conditioning on the
// threshold: the value v of the lowest kept die.
//
// Write D for the weight polynomial of x (in values), D>v and D≥v for its parts above v and
// from v up, W<v and W≤v for the weights below v and up to v, and w for the weight of v.
//
// From the top (few kept): a roll has a < k dice above v and b ≥ k−a dice at v, so
//
//	GF = Σ_v Σ_{a<k} C(n,a)·T(v,a)·x^{(k−a)v}·(D>v)^a,
//	T(v,a) = Σ_{b≥k−a} C(n−a,b)·w^b·W<v^{n−a−b},
//
// evaluated by Horner's rule in D>v (each step multiplies by a short polynomial), with T from
// the recurrence T(v,a−1) = (w+W<v)·T(v,a) − C(n−a,k−a)·w^{k−a}·W<v^{n−k+1}. The cost is about
// k²·s² per value for s values, independent of n apart from the size of the numbers.
//
// From the bottom (few dropped, r = n−k): a roll has c ≤ r dice below v and c+b ≥ r+1 at or
// below v; summing the binomial expansion of (w·x^v + D>v)^{n−c} and regrouping by the powers of
// Q_u = D≥u gives
//
//	GF = Σ_u Q_u^{n−r} · Σ_{c≤r} C(n,c)·W<u^c·Q_u^{r−c}·(x^{(c−r)u} − [u>Lo]·x^{(c−r)(u−1)}),
//
// one power and one product per value u (the power is the cheap part for a fair die).

// lpoly is a polynomial in values: c[i] is the coefficient of value lo+i.
type lpoly struct {
	lo int
	c  []big.Int
}

// hi returns the highest value of p.
func (p *lpoly) hi() int { return p.lo + len(p.c) - 1 }

// addAt adds a to the coefficient of value v, growing p as needed.
func (p *lpoly) addAt(v int, a *big.Int) {
	if len(p.c) == 0 {
		p.lo, p.c = v, make([]big.Int, 1)
	}
	if v < p.lo {
		c := make([]big.Int, p.hi()-v+1)
		for i := range p.c {
			c[p.lo-v+i].Set(&p.c[i]) // shallow moves would alias; Set keeps ownership simple
		}
		p.lo, p.c = v, c
	}
	if v > p.hi() {
		c := make([]big.Int, v-p.lo+1)
		for i := range p.c {
			c[i].Set(&p.c[i])
		}
		p.c = c
	}
	p.c[v-p.lo].Add(&p.c[v-p.lo], a)
}

// addPoly adds the polynomial q (coefficients q[i] at value lo+i) to p.
func (p *lpoly) addPoly(lo int, q []*big.Int) {
	if len(q) == 0 {
		return
	}
	p.addAt(lo, new(big.Int))
	p.addAt(lo+len(q)-1, new(big.Int))
	for i, a := range q {
		p.c[lo-p.lo+i].Add(&p.c[lo-p.lo+i], a)
	}
}

// ptrs returns pointers to the coefficients of p (sharing them).
func (p *lpoly) ptrs() []*big.Int {
	r := make([]*big.Int, len(p.c))
	for i := range p.c {
		r[i] = &p.c[i]
	}
	return r
}

// short is a short polynomial factor in values, with its shape detected: when every
// coefficient from index run on equals one value rc (a fair die above a threshold), products
// are running sums.
type short struct {
	lo  int
	c   []*big.Int
	run int // c[run:] all equal rc (run = len(c) if not)
	rc  *big.Int
}

func newShort(lo int, c []*big.Int) short {
	s := short{lo: lo, c: c, run: len(c)}
	if len(c) > 0 {
		last := c[len(c)-1]
		i := len(c) - 1
		for i > 0 && c[i-1].Cmp(last) == 0 {
			i--
		}
		s.run, s.rc = i, last
	}
	return s
}

// mulInto sets *z to h·s, reusing z's coefficients (and their words) as storage; z must not
// share coefficients with h. Coefficients of c[:run] are multiplied term by term; the run of
// equal coefficients is a sliding-window sum times rc.
func (s short) mulInto(z *lpoly, h lpoly) {
	n := len(h.c) + len(s.c) - 1
	z.lo = h.lo + s.lo
	if cap(z.c) >= n {
		z.c = z.c[:n]
		for i := range z.c {
			z.c[i].SetInt64(0)
		}
	} else {
		z.c = make([]big.Int, n, n+n/2)
	}
	var t big.Int
	for j := 0; j < s.run; j++ {
		a := s.c[j]
		if a.Sign() == 0 {
			continue
		}
		for i := range h.c {
			z.c[i+j].Add(&z.c[i+j], t.Mul(&h.c[i], a))
		}
	}
	if m := len(s.c) - s.run; m > 0 && s.rc.Sign() != 0 {
		// z[i+run] += rc · Σ_{j=i−m+1..i} h[j]
		var win big.Int
		one := s.rc.Cmp(bigOne) == 0
		for i := 0; i < len(h.c)+m-1; i++ {
			if i < len(h.c) {
				win.Add(&win, &h.c[i])
			}
			if i-m >= 0 {
				win.Sub(&win, &h.c[i-m])
			}
			zi := &z.c[i+s.run]
			if one {
				zi.Add(zi, &win)
			} else {
				zi.Add(zi, t.Mul(&win, s.rc))
			}
		}
	}
}

// keepTop returns the weights (lowest value k·Lo) of the sum of the k highest of n copies of x,
// 0 < k < n, by the formula from the top.
func keepTop(x *Dist, n, k int) (int, []*big.Int) {
	xlo, xw, xt := x.parts()
	hi := xlo + len(xw) - 1
	res := lpoly{lo: k * xlo, c: make([]big.Int, k*(hi-xlo)+1)}
	below := new(big.Int).Set(xt)
	t := make([]big.Int, k) // t[a] = C(n,a)·T(v,a)
	var base, wpow, bpow, cnk, tmp big.Int
	for v := hi; v >= xlo; v-- {
		w := xw[v-xlo]
		if w.Sign() == 0 {
			continue
		}
		below.Sub(below, w)
		// T(v, k−1) = (w+W)^{n−k+1} − W^{n−k+1}
		base.Add(w, below)
		bpow.Exp(below, big.NewInt(int64(n-k+1)), nil)
		t[k-1].Exp(&base, big.NewInt(int64(n-k+1)), nil)
		t[k-1].Sub(&t[k-1], &bpow)
		// T(v, a−1) = (w+W)·T(v, a) − C(n−a, k−a)·w^{k−a}·W^{n−k+1}
		cnk.SetInt64(int64(n - k + 1)) // C(n−k+1, 1)
		wpow.Set(w)
		for a := k - 1; a > 0; a-- {
			t[a-1].Mul(&base, &t[a])
			tmp.Mul(&cnk, &wpow)
			t[a-1].Sub(&t[a-1], tmp.Mul(&tmp, &bpow))
			// next: C(n−a+1, k−a+1) = C(n−a, k−a)·(n−a+1)/(k−a+1); w^{k−a+1}
			cnk.Mul(&cnk, big.NewInt(int64(n-a+1)))
			cnk.Quo(&cnk, big.NewInt(int64(k-a+1)))
			wpow.Mul(&wpow, w)
		}
		// t[a] *= C(n, a)
		cnk.SetInt64(1)
		for a := 1; a < k; a++ {
			cnk.Mul(&cnk, big.NewInt(int64(n-a+1)))
			cnk.Quo(&cnk, big.NewInt(int64(a)))
			t[a].Mul(&t[a], &cnk)
		}
		// Horner in P = D>v, written from value v (with a zero at v) so that H stays aligned:
		// H_0 = t[k−1]·x^v; H_i = H_{i−1}·P + t[k−1−i]·x^{(i+1)v}.
		h := lpoly{lo: v, c: make([]big.Int, 1)}
		h.c[0].Set(&t[k-1])
		if v < hi {
			pw := make([]*big.Int, hi-v+1)
			pw[0] = new(big.Int)
			copy(pw[1:], xw[v-xlo+1:])
			p := newShort(v, pw)
			var spare lpoly
			for i := 1; i < k; i++ {
				p.mulInto(&spare, h)
				h, spare = spare, h
				h.c[0].Add(&h.c[0], &t[k-1-i])
			}
		} else {
			// nothing above the top value: only a = 0 contributes, t[0]·x^{kv}
			h = lpoly{lo: k * v, c: make([]big.Int, 1)}
			h.c[0].Set(&t[0])
		}
		off := h.lo - res.lo
		for i := range h.c {
			res.c[off+i].Add(&res.c[off+i], &h.c[i])
		}
	}
	return res.lo, res.ptrs()
}

// keepBottom returns the weights (lowest value k·Lo) of the sum of the k highest of n copies of
// x, 0 < k < n, by the formula from the bottom.
func keepBottom(x *Dist, n, k int) (int, []*big.Int) {
	xlo, xw, xt := x.parts()
	hi := xlo + len(xw) - 1
	r := n - k
	var acc lpoly
	below := new(big.Int).Set(xt) // W<u, computed downwards
	beta := make([]big.Int, r+1)
	var cb big.Int
	var qpow []*big.Int
	qlo := hi + 1 // lowest value of the current Q_u (first non-zero weight ≥ u)
	for u := hi; u >= xlo; u-- {
		w := xw[u-xlo]
		below.Sub(below, w)
		if w.Sign() != 0 {
			qlo = u
			qpow = polyPow(xw[u-xlo:], n-r)
		}
		q := newShort(qlo, xw[qlo-xlo:])
		// β_c = C(n,c)·W<u^c
		cb.SetInt64(1)
		for c := 0; c <= r; c++ {
			if c > 0 {
				cb.Mul(&cb, big.NewInt(int64(n-c+1)))
				cb.Quo(&cb, big.NewInt(int64(c)))
			}
			beta[c].Exp(below, big.NewInt(int64(c)), nil)
			beta[c].Mul(&beta[c], &cb)
		}
		if q.run == 0 {
			// Q is a run of equal weights (a fair die): Horner's rule on the long polynomial
			glo, g := bottomRun(qpow, (n-r)*qlo, q.rc, qlo, hi, beta, u, u > xlo)
			acc.addPoly(glo, g)
			continue
		}
		// Horner: H_0 = β_0·M_0, H_c = H_{c−1}·Q + β_c·M_c, with
		// M_c = x^{(c−r)u} − [u>Lo]·x^{(c−r)(u−1)}.
		var h, spare lpoly
		for c := 0; c <= r; c++ {
			if c > 0 && len(h.c) > 0 {
				q.mulInto(&spare, h)
				h, spare = spare, h
			}
			if beta[c].Sign() == 0 {
				continue
			}
			h.addAt((c-r)*u, &beta[c])
			if u > xlo {
				neg := new(big.Int).Neg(&beta[c])
				h.addAt((c-r)*(u-1), neg)
			}
		}
		if len(h.c) == 0 {
			continue
		}
		g := exact.Mul(nil, qpow, h.ptrs())
		acc.addPoly((n-r)*qlo+h.lo, g)
	}
	// The terms outside [k·Lo, k·Hi] cancel.
	lo := k * xlo
	m := k*(hi-xlo) + 1
	out := make([]*big.Int, m)
	for i := range acc.c {
		v := acc.lo + i
		if v < lo || v >= lo+m {
			if acc.c[i].Sign() != 0 {
				panic("dist: internal error: keep terms do not cancel")
			}
			continue
		}
		out[v-lo] = &acc.c[i]
	}
	for i := range out {
		if out[i] == nil {
			out[i] = new(big.Int)
		}
	}
	return lo, out
}

// bottomRun returns G = Σ_c β_c·M_c·Q^{r−c}·P (its lowest value and coefficients), with
// r = len(beta)−1, M_c = x^{(c−r)u} − [two]·x^{(c−r)(u−1)}, P given by its coefficients p from
// value plo, and Q = rc·(x^qlo + … + x^qhi). Horner's rule runs on the long polynomial:
// T_0 = β_0·M_0·P, T_c = T_{c−1}·Q + β_c·M_c·P, each product by Q a running sum, in a frame of
// values fixed beforehand so that two buffers serve every step.
func bottomRun(p []*big.Int, plo int, rc *big.Int, qlo, qhi int, beta []big.Int, u int, two bool) (int, []*big.Int) {
	r := len(beta) - 1
	phi := plo + len(p) - 1
	// the frame: the union of the ranges of T_0 … T_r
	var L, R, lo, hi int
	for c := 0; c <= r; c++ {
		mlo, mhi := (c-r)*u, (c-r)*u
		if two {
			mlo, mhi = min(mlo, (c-r)*(u-1)), max(mhi, (c-r)*(u-1))
		}
		if c == 0 {
			lo, hi = mlo+plo, mhi+phi
			L, R = lo, hi
			continue
		}
		lo, hi = min(lo+qlo, mlo+plo), max(hi+qhi, mhi+phi)
		L, R = min(L, lo), max(R, hi)
	}
	f := R - L + 1
	cur, next := make([]big.Int, f), make([]big.Int, f)
	var t, nb big.Int
	addP := func(buf []big.Int, c int) {
		b := &beta[c]
		if b.Sign() == 0 {
			return
		}
		off := (c-r)*u + plo - L
		for i, a := range p {
			buf[off+i].Add(&buf[off+i], t.Mul(a, b))
		}
		if two {
			nb.Neg(b)
			off := (c-r)*(u-1) + plo - L
			for i, a := range p {
				buf[off+i].Add(&buf[off+i], t.Mul(a, &nb))
			}
		}
	}
	addP(cur, 0)
	one := rc.Cmp(bigOne) == 0
	var win big.Int
	for c := 1; c <= r; c++ {
		// next(v) = rc·Σ_{q=qlo..qhi} cur(v−q): a window over cur's indices [i−(qhi−L'), …]
		win.SetInt64(0)
		span := qhi - qlo
		for i := range next {
			j := i - qlo // index in cur of v − qlo, the newest term of the window
			if j >= 0 && j < f {
				win.Add(&win, &cur[j])
			}
			if j-span-1 >= 0 && j-span-1 < f {
				win.Sub(&win, &cur[j-span-1])
			}
			if one {
				next[i].Set(&win)
			} else {
				next[i].Mul(&win, rc)
			}
		}
		cur, next = next, cur
		addP(cur, c)
	}
	out := make([]*big.Int, f)
	for i := range cur {
		out[i] = &cur[i]
	}
	return L, out
}
