package cpu

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// TestAgainstProcCPUInfo compares the reports with the flags Linux lists for the CPU, where
// /proc/cpuinfo exists (amd64 builds without the purego tag only).
func TestAgainstProcCPUInfo(t *testing.T) {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil || runtime.GOARCH != "amd64" || purego {
		t.Skip("no /proc/cpuinfo, or not an amd64 build with assembly")
	}
	var flags map[string]bool
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "flags" {
			flags = map[string]bool{}
			for _, f := range strings.Fields(v) {
				flags[f] = true
			}
			break
		}
	}
	if flags == nil {
		t.Skip("no flags line")
	}
	if AVX != flags["avx"] {
		t.Errorf("AVX = %v, /proc/cpuinfo avx = %v", AVX, flags["avx"])
	}
	if AVX512F != flags["avx512f"] {
		t.Errorf("AVX512F = %v, /proc/cpuinfo avx512f = %v", AVX512F, flags["avx512f"])
	}
	if want := flags["avx512f"] && flags["avx512ifma"]; AVX512IFMA != want {
		t.Errorf("AVX512IFMA = %v, /proc/cpuinfo says %v", AVX512IFMA, want)
	}
}
