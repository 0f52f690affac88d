package poly

import (
	"testing"
)

// TestConvolveNumpyDocs checks the worked examples of the numpy.convolve documentation.
func TestConvolveNumpyDocs(t *testing.T) {
	x := []float64{1, 2, 3}
	y := []float64{0, 1, 0.5}
	for _, tc := range []struct {
		mode Mode
		want []float64
	}{
		{Full, []float64{0, 1, 2.5, 4, 1.5}},
		{Same, []float64{1, 2.5, 4}},
		{Valid, []float64{2.5}},
	} {
		got := Convolve(nil, x, y, tc.mode)
		if len(got) != len(tc.want) {
			t.Fatalf("%v: got %v, want %v", tc.mode, got, tc.want)
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%v: got %v, want %v", tc.mode, got, tc.want)
				break
			}
		}
	}
}
