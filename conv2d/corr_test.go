package conv2d

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCorrTapsKernels compares corrTaps (assembly where the CPU has AVX) with
// corrTapsGeneric bit for bit, at lengths around the 32-output blocks and on values that
// include signed zeros, infinities and NaN.
func TestCorrTapsKernels(t *testing.T) {
	if !useAVX {
		t.Skip("no assembly kernel on this build")
	}
	rng := rand.New(rand.NewPCG(9, 10))
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e300}
	val := func() float64 {
		if rng.IntN(20) == 0 {
			return special[rng.IntN(len(special))]
		}
		return 2*rng.Float64() - 1
	}
	for _, n := range []int{0, 1, 31, 32, 33, 63, 64, 65, 100, 257} {
		for range 20 {
			taps := 1 + rng.IntN(30)
			k, offs := make([]float64, taps), make([]int, taps)
			span := 0
			for i := range k {
				k[i] = val()
				offs[i] = rng.IntN(50)
				span = max(span, offs[i])
			}
			p := make([]float64, n+span)
			for i := range p {
				p[i] = val()
			}
			got, want := make([]float64, n), make([]float64, n)
			for i := range got {
				got[i] = 7 // corrTaps overwrites
			}
			corrTaps(got, p, k, offs)
			corrTapsGeneric(want, p, k, offs)
			for i := range got {
				g, w := got[i], want[i]
				if !(g == w && math.Signbit(g) == math.Signbit(w) || g != g && w != w) {
					t.Fatalf("n=%d taps=%d: [%d] = %v, generic %v", n, taps, i, g, w)
				}
			}
		}
	}
}
