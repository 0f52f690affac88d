package exact

import (
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/stretchr/testify/assert"
)

// TestGridChecksums compares every method with the checksums the reference harness printed
// (grid.MulChecksum) on the grid points that are quick to compute; (10000, 64) and (1000, 1024)
// run only outside -short.
func TestGridChecksums(t *testing.T) {
	for c, sum := range grid.MulChecksum {
		if c.N*c.Bits > 2e6 || (testing.Short() && c.N >= 1000 && c.N*c.Bits > 1e5) {
			continue
		}
		x, y := grid.Ints(grid.SeedA, c.N, c.Bits), grid.Ints(grid.SeedB, c.N, c.Bits)
		for _, alg := range allAlgorithms {
			if alg == Schoolbook && c.N*c.Bits > 1e6 {
				continue
			}
			assert.Equal(t, sum, grid.Checksum(MulUsing(alg, nil, x, y)), "%v n=%d bits=%d", alg, c.N, c.Bits)
		}
	}
}

// TestGridChecksumsLarge checks Auto on the large grid points (grid.MulChecksum).
func TestGridChecksumsLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large grid points")
	}
	for c, sum := range grid.MulChecksum {
		if c.N*c.Bits <= 2e6 {
			continue
		}
		x, y := grid.Ints(grid.SeedA, c.N, c.Bits), grid.Ints(grid.SeedB, c.N, c.Bits)
		assert.Equal(t, sum, grid.Checksum(Mul(nil, x, y)), "n=%d bits=%d", c.N, c.Bits)
	}
}
