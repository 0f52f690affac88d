package ntt

// This file holds the entry points of the transforms and their radix-2 reference; the
// kernels and the depth-first drivers are in kernel4.go. Ranges follow Harvey: the forward
// (Cooley–Tukey, twiddle per block, natural order in, bit-reversed out) keeps values in
// [0, 4p); the inverse (Gentleman–Sande, bit-reversed in, natural out) keeps values in
// [0, 2p) and leaves out the n^−1 scaling. Both work in place.

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

// forwardSimple is the radix-2, level-by-level forward transform: the transform of lengths
// below 4, and the reference TestKernelsAgainstSimple checks the radix-4 drivers against.
func (pl *Plan) forwardSimple(a []uint64) {
	for m, blocks := len(a)/2, 1; m >= 1; m, blocks = m/2, blocks*2 {
		for k := range blocks {
			b := a[2*k*m : 2*k*m+2*m]
			fwd2(b[:m], b[m:], pl.tw[2*k], pl.tw[2*k+1], pl.m.p)
		}
	}
}

// inverseSimple is the radix-2, level-by-level inverse of forwardSimple.
func (pl *Plan) inverseSimple(a []uint64) {
	for m, blocks := 1, len(a)/2; m < len(a); m, blocks = m*2, blocks/2 {
		for k := range blocks {
			b := a[2*k*m : 2*k*m+2*m]
			inv2(b[:m], b[m:], pl.itw[2*k], pl.itw[2*k+1], pl.m.p)
		}
	}
}
