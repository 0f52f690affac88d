//go:build !amd64 || purego

package conv2d

// useAVX is false without the assembly kernel.
var useAVX = false

// corrTaps stores in o the sums o[i] = Σ_t k[t]·p[i+offs[t]] (see corrTapsGeneric).
func corrTaps(o, p, k []float64, offs []int) { corrTapsGeneric(o, p, k, offs) }
