package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runProgram(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestWorkedExample checks the printed output planes against the convolution written out
// here by its definition (stride 2, padding 1, plus bias), and the output size line.
func TestWorkedExample(t *testing.T) {
	code, out, errs := runProgram()
	require.Equal(t, 0, code, errs)
	x, w, b := workedExampleInputs()
	assert.Contains(t, out, "= 3, so 3×3×2")
	for f := range 2 {
		var want strings.Builder
		fmt.Fprintf(&want, "output channel %d (filter %d over the padded input, plus bias %g):\n", f, f, b[f])
		for oy := range 3 {
			for ox := range 3 {
				s := b[f]
				for c := range 3 {
					for i := range 3 {
						for j := range 3 {
							r, q := 2*oy-1+i, 2*ox-1+j
							if r >= 0 && r < 5 && q >= 0 && q < 5 {
								s += x.Data[(c*5+r)*5+q] * w.Data[((f*3+c)*3+i)*3+j]
							}
						}
					}
				}
				fmt.Fprintf(&want, "%5g", s)
			}
			want.WriteString("\n")
		}
		assert.Contains(t, out, want.String())
	}
}

// TestTraining checks that the gradient check passes and the loss falls at every step.
func TestTraining(t *testing.T) {
	code, out, errs := runProgram("-steps", "20", "-seed", "7")
	require.Equal(t, 0, code, errs)
	var losses []float64
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "gradient check:") {
			f := strings.Fields(line)
			d, err := strconv.ParseFloat(f[len(f)-1], 64)
			require.NoError(t, err)
			assert.Less(t, d, 1e-5, line)
		}
		if strings.HasPrefix(line, "step ") {
			f := strings.Fields(line)
			v, err := strconv.ParseFloat(f[len(f)-1], 64)
			require.NoError(t, err)
			losses = append(losses, v)
		}
	}
	require.Len(t, losses, 21)
	for i := 1; i < len(losses); i++ {
		assert.Less(t, losses[i], losses[i-1], "step %d", i)
	}
	assert.Less(t, losses[20], losses[0]/100)
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-steps", "0"}, {"-steps", "x"}, {"-lr", "-1"}, {"-lr", "NaN"}, {"-bogus"}, {"extra"}} {
		code, out, errs := runProgram(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "%v: %q", args, errs)
	}
	code, _, errs := runProgram("-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errs, "usage: cnn")
}
