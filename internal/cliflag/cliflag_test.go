package cliflag

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestBytes includes the cases of examples/dice's former TestByteSize.
func TestBytes(t *testing.T) {
	for in, want := range map[string]int64{"1": 1, "1K": 1024, "512m": 512 << 20, "4GiB": 4 << 30, "2TB": 2 << 40, " 3 ": 3, "1024": 1024, "1t": 1 << 40} {
		var b Bytes
		if assert.NoError(t, b.Set(in), in) {
			assert.Equal(t, want, int64(b), in)
		}
	}
	for _, in := range []string{"", "0", "-1", "lots", "1X", "1.5G", "99999999999T"} {
		var b Bytes
		assert.Error(t, b.Set(in), in)
	}
	for v, want := range map[int64]string{1 << 30: "1G", 1536 << 20: "1536M", 1000: "1000", 3 << 40: "3T"} {
		b := Bytes(v)
		assert.Equal(t, want, b.String())
	}
}

func TestFormatBytes(t *testing.T) {
	for v, want := range map[float64]string{100: "100 bytes", 1536: "1.5 KiB", 1 << 30: "1 GiB", 2.5 * (1 << 30): "2.5 GiB", 150 << 20: "150 MiB", 1 << 62: "4 EiB"} {
		assert.Equal(t, want, FormatBytes(v), "%v", v)
	}
}
