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

// TestGridChecksumsLarge checks Auto on the large grid points against the checksums the
// reference harness printed: `run.sh mul G1 100000 64`, `run.sh mul G2 10000 1024`,
// `run.sh mul G3 1000 16384`, `run.sh mul G4 1000000 16` (FLINT and NTL agree).
func TestGridChecksumsLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large grid points")
	}
	for _, c := range []struct {
		n, bits int
		sum     uint64
	}{
		{100000, 64, 856891296631609800},
		{10000, 1024, 1647501819565408782},
		{1000, 16384, 1680579768833210952},
		{1000000, 16, 523853040730019946},
	} {
		x, y := grid.Ints(grid.SeedA, c.n, c.bits), grid.Ints(grid.SeedB, c.n, c.bits)
		assert.Equal(t, c.sum, grid.Checksum(Mul(nil, x, y)), "n=%d bits=%d", c.n, c.bits)
	}
}
