package cliflag

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Bytes is a flag holding a positive number of bytes, written with an optional binary suffix
// K, M, G or T (powers of 1024; "KiB", "MB" and lower case are read the same).
type Bytes int64

// String returns b with the largest suffix that divides it ("1G", "1536M", "1000").
func (b *Bytes) String() string {
	v := int64(*b)
	for _, u := range []struct {
		s string
		n int64
	}{{"T", 1 << 40}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}} {
		if v >= u.n && v%u.n == 0 {
			return strconv.FormatInt(v/u.n, 10) + u.s
		}
	}
	return strconv.FormatInt(v, 10)
}

// Set parses s; it accepts 1 to 2^62 bytes.
func (b *Bytes) Set(s string) error {
	t := strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B"), "I")
	mult := int64(1)
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'K':
			mult = 1 << 10
		case 'M':
			mult = 1 << 20
		case 'G':
			mult = 1 << 30
		case 'T':
			mult = 1 << 40
		}
		if mult > 1 {
			t = t[:n-1]
		}
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil || v < 1 || v > (1<<62)/mult {
		return fmt.Errorf("want a positive number of bytes like 512M or 4G, not %q", s)
	}
	*b = Bytes(v * mult)
	return nil
}

// FormatBytes formats a byte count with binary units, like "2.3 GiB", "512 MiB" or
// "100 bytes", for messages about memory limits (dist's parser and the programs share it).
func FormatBytes(b float64) string {
	units := []string{"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	switch {
	case i == 0:
		return fmt.Sprintf("%.0f bytes", b)
	case b == math.Trunc(b) || b >= 100:
		return fmt.Sprintf("%.0f %s", b, units[i])
	}
	return fmt.Sprintf("%.2g %s", b, units[i])
}
