// Command cnn walks through a convolution layer with package cnn: the classic worked
// example of a 5×5×3 input, two 3×3×3 filters, stride 2 and padding 1 (output size from
// cnn.OutSize: (5 − 3 + 2·1)/2 + 1 = 3, so a 3×3×2 output plus bias), printed step by step;
// then a few steps of gradient descent that teach one convolution layer a hidden kernel from
// synthetic data, with the gradients of cnn.Conv2DBackward checked against central finite
// differences before training starts.
//
// Usage:
//
//	cnn [-steps N] [-lr RATE] [-seed S]
//
// Exit status 0, or 2 for a bad flag (a one-line message).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"

	"github.com/polyconv/polyconv/cnn"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cnn", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	steps := fs.Int("steps", 8, "gradient-descent steps (1 to 10000)")
	lr := fs.Float64("lr", 0.5, "learning rate (> 0, at most 10)")
	seed := fs.Uint64("seed", 1, "seed of the synthetic data")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "usage: cnn [-steps N] [-lr RATE] [-seed S]")
			fs.SetOutput(stderr)
			fs.PrintDefaults()
			return 0
		}
		fmt.Fprintf(stderr, "cnn: %v (see cnn -h)\n", err)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "cnn: unexpected argument %q\n", fs.Arg(0))
		return 2
	case *steps < 1 || *steps > 10000:
		fmt.Fprintf(stderr, "cnn: -steps must be between 1 and 10000, not %d\n", *steps)
		return 2
	case !(*lr > 0 && *lr <= 10):
		fmt.Fprintf(stderr, "cnn: -lr must be > 0 and at most 10, not %v\n", *lr)
		return 2
	}
	workedExample(stdout)
	train(stdout, *steps, *lr, *seed)
	return 0
}

// workedExampleInputs returns the worked example's input (1×3×5×5, values 0, 1, 2), its two
// filters (2×3×3×3, values −1, 0, 1) and biases 1 and 0, from a fixed rule.
func workedExampleInputs() (x, w cnn.Tensor, b []float64) {
	x = cnn.NewTensor(1, 3, 5, 5, nil)
	for i := range x.Data {
		x.Data[i] = float64((i*7 + i/5) % 3)
	}
	w = cnn.NewTensor(2, 3, 3, 3, nil)
	for i := range w.Data {
		w.Data[i] = float64((i*i+3*i+i/27)%3) - 1
	}
	return x, w, []float64{1, 0}
}

// workedExample prints the input, the filters, the output size and the output.
func workedExample(out io.Writer) {
	x, w, b := workedExampleInputs()
	p := cnn.Params{Stride: [2]int{2, 2}, Padding: [2]int{1, 1}}
	fmt.Fprintln(out, "Worked example: a 5×5×3 input, two 3×3×3 filters, stride 2, padding 1.")
	fmt.Fprintln(out)
	for c := range 3 {
		fmt.Fprintf(out, "input channel %d:\n", c)
		printPlane(out, x, 0, c)
	}
	for f := range 2 {
		for c := range 3 {
			fmt.Fprintf(out, "filter %d, channel %d:\n", f, c)
			printPlane(out, w, f, c)
		}
		fmt.Fprintf(out, "bias %d: %g\n\n", f, b[f])
	}
	oh, _ := cnn.OutSize(5, 3, 2, 1, 1)
	ow, _ := cnn.OutSize(5, 3, 2, 1, 1)
	fmt.Fprintf(out, "output size: OutSize(5, kernel 3, stride 2, padding 1, dilation 1) = (5 − 3 + 2·1)/2 + 1 = %d, so %d×%d×2\n\n", oh, oh, ow)
	y := cnn.Conv2D(cnn.Tensor{}, x, w, b, p)
	for f := range 2 {
		fmt.Fprintf(out, "output channel %d (filter %d over the padded input, plus bias %g):\n", f, f, b[f])
		printPlane(out, y, 0, f)
	}
	// One output spelled out: the top-left of channel 0 reads input rows −1 … 1, columns −1 … 1.
	var terms float64
	for c := range 3 {
		for i := range 3 {
			for j := range 3 {
				if r, q := i-1, j-1; r >= 0 && q >= 0 {
					terms += x.At(0, c, r, q) * w.At(0, c, i, j)
				}
			}
		}
	}
	fmt.Fprintf(out, "check: output (0, 0, 0) = Σ over the 27 window terms (zero padding) %g + bias %g = %g\n\n", terms, b[0], terms+b[0])
}

func printPlane(out io.Writer, t cnn.Tensor, n, c int) {
	for h := range t.H {
		for w := range t.W {
			fmt.Fprintf(out, "%5g", t.At(n, c, h, w))
		}
		fmt.Fprintln(out)
	}
}

// loss returns ½·mean((Conv2D(x, w) − target)²) and its gradient dy with respect to the
// layer's output.
func loss(x, w, target cnn.Tensor, p cnn.Params) (float64, cnn.Tensor) {
	y := cnn.Conv2D(cnn.Tensor{}, x, w, nil, p)
	dy := cnn.NewTensor(y.N, y.C, y.H, y.W, nil)
	var s float64
	inv := 1 / float64(len(y.Data))
	for i, v := range y.Data {
		d := v - target.Data[i]
		s += d * d
		dy.Data[i] = d * inv
	}
	return s * inv / 2, dy
}

// train fits a 2→1 channel 3×3 layer to targets made by a hidden kernel.
func train(out io.Writer, steps int, lr float64, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 99))
	p := cnn.Params{Padding: [2]int{1, 1}}
	x := cnn.NewTensor(4, 2, 8, 8, nil)
	for i := range x.Data {
		x.Data[i] = rng.NormFloat64()
	}
	hidden := cnn.NewTensor(1, 2, 3, 3, nil)
	for i := range hidden.Data {
		hidden.Data[i] = rng.NormFloat64()
	}
	target := cnn.Conv2D(cnn.Tensor{}, x, hidden, nil, p)
	w := cnn.NewTensor(1, 2, 3, 3, nil) // starts at zero
	for i := range w.Data {
		w.Data[i] = 0.1 * rng.NormFloat64()
	}
	// Gradient check: dL/dw from Conv2DBackward against central differences.
	_, dy := loss(x, w, target, p)
	_, dw, _ := cnn.Conv2DBackward(x, w, dy, p)
	const h = 1e-6
	worst := 0.0
	for i := range w.Data {
		orig := w.Data[i]
		w.Data[i] = orig + h
		lp, _ := loss(x, w, target, p)
		w.Data[i] = orig - h
		lm, _ := loss(x, w, target, p)
		w.Data[i] = orig
		fd := (lp - lm) / (2 * h)
		worst = max(worst, math.Abs(fd-dw.Data[i])/max(math.Abs(fd), 1e-8))
	}
	fmt.Fprintf(out, "Training: one 3×3 layer, 2 → 1 channels, on 4 random 8×8 images, targets from a hidden kernel.\n")
	fmt.Fprintf(out, "gradient check: Conv2DBackward's dL/dw against central differences, largest relative difference %.1e\n", worst)
	for s := range steps + 1 {
		l, dy := loss(x, w, target, p)
		fmt.Fprintf(out, "step %3d: loss %.6g\n", s, l)
		if s == steps {
			break
		}
		_, dw, _ := cnn.Conv2DBackward(x, w, dy, p)
		for i := range w.Data {
			w.Data[i] -= lr * dw.Data[i]
		}
	}
}
