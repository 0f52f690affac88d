package conv2d

// corrTapsGeneric stores in o the sums o[i] = Σ_t k[t]·p[i+offs[t]], summed from zero in
// the order of t, each term a product then an addition: one axpy over the outputs per tap
// (gonum's vectorised AddScaled), which gives every output the same roundings as summing
// it term by term.
func corrTapsGeneric(o, p, k []float64, offs []int) {
	clear(o)
	for t, w := range k {
		axpy(o, w, p[offs[t]:])
	}
}
