package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runProgram runs the program and returns its exit status, stdout and stderr.
func runProgram(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// parseOutput parses one number per line.
func parseOutput(t *testing.T, s string) []float64 {
	t.Helper()
	var xs []float64
	for _, line := range strings.Fields(s) {
		v, err := strconv.ParseFloat(line, 64)
		require.NoError(t, err)
		xs = append(xs, v)
	}
	return xs
}

func assertClose(t *testing.T, want, got []float64) {
	t.Helper()
	require.Equal(t, len(want), len(got), "got %v, want %v", got, want)
	for i := range want {
		assert.InDelta(t, want[i], got[i], 1e-12, "index %d: got %v, want %v", i, got, want)
	}
}

// TestBoxSame is worked by hand: the width-3 box sum of 1..5 is 1, 3, 6, 9, 12, 9, 5 (÷3),
// and numpy's same mode drops one output at each end.
func TestBoxSame(t *testing.T) {
	code, out, errs := runProgram(t, "1\n2\n# a comment\n\n3\n4   # trailing comment\n  5\n", "-width", "3")
	require.Equal(t, 0, code, errs)
	assertClose(t, []float64{1, 2, 3, 4, 3}, parseOutput(t, out))
}

func TestBoxModes(t *testing.T) {
	in := "1\n2\n3\n4\n5\n"
	code, out, _ := runProgram(t, in, "-width", "3", "-mode", "full")
	require.Equal(t, 0, code)
	assertClose(t, []float64{1.0 / 3, 1, 2, 3, 4, 3, 5.0 / 3}, parseOutput(t, out))
	code, out, _ = runProgram(t, in, "-width", "3", "-mode", "valid")
	require.Equal(t, 0, code)
	assertClose(t, []float64{2, 3, 4}, parseOutput(t, out))
}

// TestGauss compares with a direct computation of the truncated, normalised Gaussian
// smoothing written out here, on a longer signal.
func TestGauss(t *testing.T) {
	const sigma = 1.5
	var in strings.Builder
	signal := make([]float64, 3000)
	for i := range signal {
		signal[i] = math.Sin(float64(i)/7) + float64(i%5)
		in.WriteString(strconv.FormatFloat(signal[i], 'g', -1, 64) + "\n")
	}
	r := 6 // ceil(4σ)
	var norm float64
	for d := -r; d <= r; d++ {
		norm += math.Exp(-float64(d*d) / (2 * sigma * sigma))
	}
	// Same mode, kernel shorter than the signal: output i is centred on input i.
	want := make([]float64, len(signal))
	for i := range want {
		for d := -r; d <= r; d++ {
			if j := i - d; j >= 0 && j < len(signal) {
				want[i] += signal[j] * math.Exp(-float64(d*d)/(2*sigma*sigma)) / norm
			}
		}
	}
	code, out, errs := runProgram(t, in.String(), "-kernel", "gauss", "-sigma", "1.5")
	require.Equal(t, 0, code, errs)
	assertClose(t, want, parseOutput(t, out))
}

func TestFileInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "signal.txt")
	require.NoError(t, os.WriteFile(path, []byte("2\n4\n6\n"), 0o644))
	code, out, errs := runProgram(t, "", "-width", "1", path)
	require.Equal(t, 0, code, errs)
	assertClose(t, []float64{2, 4, 6}, parseOutput(t, out))

	code, _, errs = runProgram(t, "", filepath.Join(t.TempDir(), "missing.txt"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "missing.txt")
}

func TestEmptyInput(t *testing.T) {
	code, out, errs := runProgram(t, "# nothing\n\n")
	assert.Equal(t, 0, code, errs)
	assert.Empty(t, out)
}

func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		args     []string
	}{
		{"1\n2\nthree\n", "stdin:3: not a number: \"three\"", nil},
		{"1\n\n# c\n1e999\n", "stdin:4: number out of float64 range", nil},
		{"1\n", "unknown mode", []string{"-mode", "middle"}},
		{"1\n", "unknown kernel", []string{"-kernel", "tri"}},
		{"1\n", "-width must be", []string{"-width", "0"}},
		{"1\n", "-sigma must be", []string{"-kernel", "gauss", "-sigma", "-1"}},
		{"1\n", "-sigma must be", []string{"-kernel", "gauss", "-sigma", "NaN"}},
		{"1\n", "at most one input file", []string{"a", "b"}},
		{"1\n", "flag provided but not defined", []string{"-bogus"}},
		{"1\n", "invalid value", []string{"-width", "99999999999999999999"}},
		{"1\n" + strings.Repeat("2", 1<<20) + "\n", "stdin:2: line longer than 1048576 bytes", nil},
		{"1\n" + strings.Repeat("9", 400), `"9999999999999999999999999999999999999999…"`, nil},
	} {
		code, out, errs := runProgram(t, tc.in, tc.args...)
		assert.Equal(t, 2, code, "%q %v", tc.in, tc.args)
		assert.Empty(t, out)
		assert.Contains(t, errs, tc.want)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "one line: %q", errs)
	}
}
