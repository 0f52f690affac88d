package exact

import (
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/stretchr/testify/assert"
)

// TestGridChecksums compares with the checksums the reference harness printed (FLINT and NTL
// agree): `run.sh mul G1 1000 64`, `run.sh mul G2 100 1024`, `run.sh mul G3 100 16384`,
// `run.sh mul G1 10000 64`, `run.sh mul G2 1000 1024`.
func TestGridChecksums(t *testing.T) {
	cases := []struct {
		n, bits int
		sum     uint64
		long    bool
	}{
		{1000, 64, 1058133218533149034, false},
		{100, 1024, 1395772429191156787, false},
		{100, 16384, 1661919242304926723, false},
		{10000, 64, 379417909123292925, true},
		{1000, 1024, 818500911287188870, true},
	}
	for _, c := range cases {
		if c.long && testing.Short() {
			continue
		}
		x, y := grid.Ints(grid.SeedA, c.n, c.bits), grid.Ints(grid.SeedB, c.n, c.bits)
		for _, alg := range allAlgorithms {
			if alg == Schoolbook && c.n*c.bits > 1e6 {
				continue
			}
			assert.Equal(t, c.sum, grid.Checksum(MulUsing(alg, nil, x, y)), "%v n=%d bits=%d", alg, c.n, c.bits)
		}
	}
}
