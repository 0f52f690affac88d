// Command convolve smooths a signal with a box or Gaussian kernel, the "filter a signal" use
// of convolution, through poly.Convolve (numpy.convolve semantics).
//
// Usage:
//
//	convolve [-kernel box|gauss] [-width W] [-sigma S] [-mode full|same|valid] [file]
//
// The signal is read from file, or from standard input if no file (or "-") is given: one
// number per line; blank lines are skipped and "#" starts a comment that runs to the end of
// the line. The smoothed signal is printed one number per line, in Go's shortest
// round-tripping form.
//
// Kernels: box (default) is W equal weights 1/W (-width, default 5); gauss is
// exp(−i²/(2S²)) for |i| ≤ ceil(4S), normalised to sum 1 (-sigma, default 2). Mode (default
// same) selects numpy's full, same or valid part of the convolution: same keeps the
// signal's length when the kernel is not longer than the signal.
//
// Limits, so that no input can exhaust memory (1 GiB) or run for more than a few seconds:
// -width at most 2^23, -sigma at most 2^19, a line of at most 1 MiB, and at most 2^23 for the
// samples plus the kernel's taps minus one (the full convolution's length, which every mode
// computes).
//
// Exit status: 0 on success, 2 for a bad flag, an input that cannot be opened or read, an
// input line that is not a number (the message names the line) or an input over the limits,
// 1 if the output cannot be written. Every error is one line on standard error.
//
// Examples:
//
//	printf '1\n2\n3\n4\n5\n' | go run ./examples/convolve -width 3
//	go run ./examples/convolve -kernel gauss -sigma 1.5 -mode valid signal.txt
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/polyconv/polyconv/poly"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the program with its arguments and streams; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("convolve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	kernel := fs.String("kernel", "box", "kernel: box or gauss")
	width := fs.Int("width", 5, "box kernel width (number of taps, ≥ 1)")
	sigma := fs.Float64("sigma", 2, "Gaussian kernel standard deviation in samples (> 0)")
	modeName := fs.String("mode", "same", "convolution mode: full, same or valid")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "usage: convolve [-kernel box|gauss] [-width W] [-sigma S] [-mode full|same|valid] [file]")
			fs.SetOutput(stderr)
			fs.PrintDefaults()
			return 0
		}
		fmt.Fprintf(stderr, "convolve: %v (see convolve -h)\n", err)
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "convolve: "+format+"\n", a...)
		return 2
	}
	var mode poly.Mode
	switch *modeName {
	case "full":
		mode = poly.Full
	case "same":
		mode = poly.Same
	case "valid":
		mode = poly.Valid
	default:
		return fail("unknown mode %q (want full, same or valid)", *modeName)
	}
	var k []float64
	switch *kernel {
	case "box":
		if *width < 1 || *width > maxOutput {
			return fail("-width must be between 1 and 2^23, got %d", *width)
		}
		k = boxKernel(*width)
	case "gauss":
		if !(*sigma > 0) || *sigma > 1<<19 {
			return fail("-sigma must be positive and at most 2^19, got %v", *sigma)
		}
		k = gaussKernel(*sigma)
	default:
		return fail("unknown kernel %q (want box or gauss)", *kernel)
	}
	if fs.NArg() > 1 {
		return fail("at most one input file, got %d arguments", fs.NArg())
	}

	in := stdin
	name := "stdin"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		name = fs.Arg(0)
		f, err := os.Open(name)
		if err != nil {
			return fail("cannot read the input: %v", err)
		}
		defer f.Close()
		in = f
	}
	signal, err := readSignal(in)
	if err != nil {
		var le *lineError
		if errors.As(err, &le) {
			return fail("%s:%v", name, err)
		}
		return fail("cannot read %s: %v", name, err)
	}
	if n := len(signal) + len(k) - 1; n > maxOutput {
		return fail("%d samples with a %d-tap kernel: the convolution has %d values, over the limit of 2^23", len(signal), len(k), n)
	}

	out := bufio.NewWriter(stdout)
	for _, v := range poly.Convolve(nil, signal, k, mode) {
		out.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		out.WriteByte('\n')
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "convolve: writing output: %v\n", err)
		return 1
	}
	return 0
}

// Limits on the input (see the package comment).
const (
	maxLine   = 1 << 20 // bytes
	maxOutput = 1 << 23 // samples + taps − 1: values of the full convolution
)

// lineError is a line of input that is not a number or is over a limit.
type lineError struct {
	line   int
	text   string
	reason string
}

func (e *lineError) Error() string {
	if e.text == "" {
		return fmt.Sprintf("%d: %s", e.line, e.reason)
	}
	text := e.text
	if len(text) > 40 {
		text = text[:40] + "…"
	}
	return fmt.Sprintf("%d: %s: %q", e.line, e.reason, text)
}

// readSignal reads one number per line, skipping blank lines and "#" comments. A line that
// does not parse as a float64 (its text is quoted, cut to 40 bytes), a line over maxLine bytes
// and the number past maxOutput give a *lineError; NaN and ±Inf are accepted as numbers
// (Convolve propagates them to the outputs they touch).
func readSignal(r io.Reader) ([]float64, error) {
	var xs []float64
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	line := 1
	for ; sc.Scan(); line++ {
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			reason := "not a number"
			if errors.Is(err, strconv.ErrRange) {
				reason = "number out of float64 range"
			}
			return nil, &lineError{line, text, reason}
		}
		if len(xs) == maxOutput {
			return nil, &lineError{line, "", "more than 2^23 samples"}
		}
		xs = append(xs, v)
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return nil, &lineError{line, "", fmt.Sprintf("line longer than %d bytes", maxLine)}
	}
	return xs, sc.Err()
}

// boxKernel returns w weights 1/w.
func boxKernel(w int) []float64 {
	k := make([]float64, w)
	for i := range k {
		k[i] = 1 / float64(w)
	}
	return k
}

// gaussKernel returns exp(−i²/(2σ²)) for |i| ≤ ceil(4σ), normalised to sum 1.
func gaussKernel(sigma float64) []float64 {
	r := int(math.Ceil(4 * sigma))
	k := make([]float64, 2*r+1)
	var sum float64
	for i := range k {
		d := float64(i - r)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	return k
}
