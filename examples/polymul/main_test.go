package main

import (
	"bytes"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/polyconv/polyconv/exact"
	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/poly"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runProgram(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// checksums parses the "algo checksum ms" rows of the output (after the header row).
func checksums(t *testing.T, out string) map[string]uint64 {
	t.Helper()
	m := map[string]uint64{}
	lines := strings.Split(out, "\n")
	for len(lines) > 0 && !strings.HasPrefix(lines[0], "algo") {
		lines = lines[1:]
	}
	require.NotEmpty(t, lines, "no table in %q", out)
	for _, line := range lines[1:] {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		require.Len(t, f, 3, "row %q", line)
		v, err := strconv.ParseUint(f[1], 10, 64)
		require.NoError(t, err)
		m[f[0]] = v
	}
	return m
}

func TestAllMethodsAgreeWithHarness(t *testing.T) {
	// The checksum `shared/bench/run.sh mul G1 1000 64` printed for FLINT and NTL.
	want := grid.MulChecksum[grid.MulCase{N: 1000, Bits: 64}]
	code, out, errs := runProgram("-n", "1000", "-bits", "64", "-reps", "1")
	require.Equal(t, 0, code, errs)
	sums := checksums(t, out)
	require.Len(t, sums, 5, out)
	for algo, s := range sums {
		assert.Equal(t, want, s, algo)
	}
}

func TestOneMethod(t *testing.T) {
	code, out, errs := runProgram("-n", "7", "-bits", "100", "-algo", "kronecker")
	require.Equal(t, 0, code, errs)
	sums := checksums(t, out)
	x, y := grid.Ints(grid.SeedA, 7, 100), grid.Ints(grid.SeedB, 7, 100)
	assert.Equal(t, map[string]uint64{"kronecker": grid.Checksum(exact.MulUsing(exact.Schoolbook, nil, x, y))}, sums)
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-n", "0"}, {"-algo", "fft"}, {"-bits", "x"}, {"extra"}, {"-reps", "0"}} {
		code, _, errs := runProgram(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
	code, _, _ := runProgram("-h")
	assert.Equal(t, 0, code)
}

func TestTextInput(t *testing.T) {
	// (1 + 2x)(3 + 4x) = 3 + 10x + 8x^2, worked by hand.
	code, out, errs := runProgram("-x", "1 + 2x", "-y", "3 + 4x", "-reps", "1")
	require.Equal(t, 0, code, errs)
	var product string
	for _, line := range strings.Split(out, "\n") {
		if p, ok := strings.CutPrefix(line, "product: "); ok {
			product = p
		}
	}
	got, ok := new(poly.Int).SetString(product)
	require.True(t, ok, "product line %q", product)
	want := []int64{3, 10, 8}
	require.Equal(t, len(want)-1, got.Degree())
	for i, c := range want {
		assert.Zero(t, got.Coeff(i).Cmp(big.NewInt(c)), "coefficient %d of %q", i, product)
	}
	sums := checksums(t, out)
	assert.Len(t, sums, 5)
	// The zero polynomial times anything is zero.
	code, out, errs = runProgram("-x", "0", "-y", "x^2 + 1", "-reps", "1")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "product: 0")
	// Both operands are required, and must parse.
	for _, args := range [][]string{{"-x", "1 + x"}, {"-x", "1 +", "-y", "x"}, {"-x", "1/2", "-y", "x"}} {
		code, _, errs := runProgram(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.NotEmpty(t, errs)
	}
}

func TestPositionalText(t *testing.T) {
	// (1 + 2x + 3x^2)(3 + 2x + 2x^2) = 3 + 8x + 15x^2 + 10x^3 + 6x^4, worked by hand.
	code, out, errs := runProgram("1+2x+3x^2", "3+2x+2x^2")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "6x^4 + 10x^3 + 15x^2 + 8x + 3\n", out)
	// A fraction makes both operands rational: (1/2x + 3)(2x - 1) = x^2 + (11/2)x - 3.
	code, out, errs = runProgram("1/2x + 3", "2x - 1")
	require.Equal(t, 0, code, errs)
	want, ok := new(poly.Rat).SetString("x^2 + 11/2x - 3")
	require.True(t, ok)
	got, ok := new(poly.Rat).SetString(strings.TrimSpace(out))
	require.True(t, ok, "output %q", out)
	assert.True(t, got.Equal(want), "got %q", out)
	// Malformed operands and a wrong count of arguments exit 2 with a message.
	for _, args := range [][]string{{"1 +", "x"}, {"x", "x^"}, {"x", "y", "z"}, {"x", "y"}} {
		code, out, errs := runProgram(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.NotEmpty(t, errs, "%v", args)
	}
}
