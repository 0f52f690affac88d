package ntt

// This file holds the transform kernels. Ranges follow Harvey: the forward (Cooley–Tukey,
// twiddle per block, natural order in, bit-reversed out) keeps values in [0, 4p); the inverse
// (Gentleman–Sande, bit-reversed in, natural out) keeps values in [0, 2p) and leaves out the
// n^−1 scaling. Both work in place.

// forward transforms a (entries in [0, 4p)) in place; results are in [0, 4p).
func (pl *Plan) forward(a []uint64) {
	if len(a) < 4 {
		pl.forwardSimple(a)
		return
	}
	pl.fwdRec(a, 0)
}

// inverse transforms a (entries in [0, 2p)) in place, without the n^−1 scaling; results
// are in [0, 2p).
func (pl *Plan) inverse(a []uint64) {
	if len(a) < 4 {
		pl.inverseSimple(a)
		return
	}
	pl.invRec(a, 0)
}

// forwardSimple is the radix-2, level-by-level forward transform (the reference of the
// fast kernels, and the transform of lengths below 4).
func (pl *Plan) forwardSimple(a []uint64) {
	p := pl.m.p
	p2 := 2 * p
	n := len(a)
	tw := pl.tw
	for m, blocks := n/2, 1; m >= 1; m, blocks = m/2, blocks*2 {
		for k := range blocks {
			w, wq := tw[2*k], tw[2*k+1]
			x := a[2*k*m : 2*k*m+m]
			y := a[2*k*m+m : 2*k*m+2*m]
			y = y[:len(x)]
			for j := range x {
				u := x[j]
				if u >= p2 {
					u -= p2
				}
				t := mulShoup(y[j], w, wq, p)
				x[j] = u + t
				y[j] = u - t + p2
			}
		}
	}
}

// inverseSimple is the radix-2, level-by-level inverse of forwardSimple.
func (pl *Plan) inverseSimple(a []uint64) {
	p := pl.m.p
	p2 := 2 * p
	n := len(a)
	tw := pl.itw
	for m, blocks := 1, n/2; m < n; m, blocks = m*2, blocks/2 {
		for k := range blocks {
			w, wq := tw[2*k], tw[2*k+1]
			x := a[2*k*m : 2*k*m+m]
			y := a[2*k*m+m : 2*k*m+2*m]
			y = y[:len(x)]
			for j := range x {
				u, v := x[j], y[j]
				s := u + v
				if s >= p2 {
					s -= p2
				}
				x[j] = s
				y[j] = mulShoup(u-v+p2, w, wq, p)
			}
		}
	}
}
