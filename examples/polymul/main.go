// Command polymul multiplies two polynomials with the operands of the shared benchmark grid
// (BENCHMARKS.md: operand A from splitmix64 state 1, operand B from state 2, n coefficients of
// b bits each) and prints, for each multiplication method of package exact, the checksum of the
// product (Σ (c_i mod 2^61−1)·(i+1) mod 2^61−1, the number shared/bench/run.sh prints for FLINT
// and NTL) and the median time of a few runs after one untimed warm-up run, side by side.
//
// Usage:
//
//	polymul [-n N] [-bits B] [-algo auto|schoolbook|karatsuba|kronecker|multimodular|all] [-reps R]
//	polymul -x POLY -y POLY [-algo ...] [-reps R]
//	polymul POLY POLY
//
// With two polynomials as arguments it prints their product and nothing else: integer
// coefficients are multiplied exactly through package exact, and if either operand has a
// fraction (1/2x + 3) both are read as rational polynomials.
//
// With -x and -y the operands are polynomials written as text in the notation of package poly
// (for example "3x^2 - 2x + 1"); the product is printed as text before the table.
//
// With -algo all (the default) every method runs, except that the quadratic ones (schoolbook,
// karatsuba) are skipped when they would take more than about ten seconds; naming a method runs
// it regardless. The methods must agree: if two checksums differ the program says so on stderr
// and exits with status 1. A bad flag exits with status 2.
//
// Examples:
//
//	go run ./examples/polymul -n 100000 -bits 64
//	go run ./examples/polymul -n 1000 -bits 16384 -algo kronecker -reps 5
//	go run ./examples/polymul -x '1 + 2x' -y '3 + 4x'
//	go run ./examples/polymul '1+2x+3x^2' '3+2x+2x^2'
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/polyconv/polyconv/exact"
	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/poly"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

var methods = []exact.Algorithm{exact.Auto, exact.Schoolbook, exact.Karatsuba, exact.Kronecker, exact.MultiModular}

// run is the program with its arguments and output streams; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("polymul", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "length of each operand (≥ 1)")
	nbits := fs.Int("bits", 64, "coefficient size in bits (≥ 1)")
	algo := fs.String("algo", "all", "method: all, or one of "+names())
	reps := fs.Int("reps", 3, "timed runs per method (the median is printed, ≥ 1)")
	xText := fs.String("x", "", "first operand as a polynomial in text (with -y)")
	yText := fs.String("y", "", "second operand as a polynomial in text (with -x)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 0 {
		if fs.NArg() == 2 && *xText == "" && *yText == "" {
			return textProduct(fs.Arg(0), fs.Arg(1), stdout, stderr)
		}
		fmt.Fprintf(stderr, "polymul: want two polynomials or none, got %d arguments (%q …)\n", fs.NArg(), fs.Arg(0))
		return 2
	}
	if *n < 1 || *nbits < 1 || *reps < 1 {
		fmt.Fprintln(stderr, "polymul: -n, -bits and -reps must be at least 1")
		return 2
	}
	var x, y []*big.Int
	text := *xText != "" || *yText != ""
	if text {
		px, okx := new(poly.Int).SetString(*xText)
		py, oky := new(poly.Int).SetString(*yText)
		if !okx || !oky {
			fmt.Fprintln(stderr, "polymul: -x and -y must both be polynomials with integer coefficients, like '3x^2 - 2x + 1'")
			return 2
		}
		x, y = px.Coeffs(), py.Coeffs()
	} else {
		x, y = grid.Ints(grid.SeedA, *n, *nbits), grid.Ints(grid.SeedB, *n, *nbits)
	}
	length, _ := exact.ResultWords(x, y)
	words := float64(max(bitLen(x), bitLen(y))+63) / 64
	var run []exact.Algorithm
	if *algo == "all" {
		for _, a := range methods {
			if quadratic(a) && float64(length)*float64(length)/4*words*words > 2e9 {
				continue
			}
			run = append(run, a)
		}
	} else {
		i := slices.IndexFunc(methods, func(a exact.Algorithm) bool { return a.String() == *algo })
		if i < 0 {
			fmt.Fprintf(stderr, "polymul: unknown -algo %q (want all or one of %s)\n", *algo, names())
			return 2
		}
		run = []exact.Algorithm{methods[i]}
	}
	if text {
		fmt.Fprintf(stdout, "polymul: (%s)·(%s)\n", *xText, *yText)
		fmt.Fprintf(stdout, "product: %v\n", new(poly.Int).SetCoeffs(exact.Mul(nil, x, y)))
	} else {
		fmt.Fprintf(stdout, "polymul: n=%d bits=%d (grid operands A, B)\n", *n, *nbits)
	}
	fmt.Fprintf(stdout, "%-13s %-20s %12s\n", "algo", "checksum", "median_ms")
	var first uint64
	status := 0
	for i, a := range run {
		// One untimed warm-up call (transform plans are built and cached), as the reference
		// harness does; its result gives the checksum.
		dst := exact.MulUsing(a, nil, x, y)
		times := make([]time.Duration, *reps)
		for r := range times {
			start := time.Now()
			exact.MulUsing(a, nil, x, y)
			times[r] = time.Since(start)
		}
		slices.Sort(times)
		sum := grid.Checksum(dst)
		fmt.Fprintf(stdout, "%-13s %-20d %12.3f\n", a, sum, float64(times[len(times)/2].Microseconds())/1000)
		if i == 0 {
			first = sum
		} else if sum != first {
			fmt.Fprintf(stderr, "polymul: %v disagrees with %v\n", a, run[0])
			status = 1
		}
	}
	return status
}

// textProduct prints the product of two polynomials given as text, over Z when both have
// integer coefficients and over Q otherwise. A malformed operand exits with status 2.
func textProduct(a, b string, stdout, stderr io.Writer) int {
	x, okx := new(poly.Int).SetString(a)
	y, oky := new(poly.Int).SetString(b)
	if okx && oky {
		fmt.Fprintln(stdout, new(poly.Int).Mul(x, y))
		return 0
	}
	xr, okx := new(poly.Rat).SetString(a)
	yr, oky := new(poly.Rat).SetString(b)
	if !okx || !oky {
		bad := a
		if okx {
			bad = b
		}
		fmt.Fprintf(stderr, "polymul: %q is not a polynomial (write it like '3x^2 - 2x + 1' or '1/2x + 3')\n", bad)
		return 2
	}
	fmt.Fprintln(stdout, new(poly.Rat).Mul(xr, yr))
	return 0
}

func bitLen(x []*big.Int) int {
	b := 0
	for _, c := range x {
		b = max(b, c.BitLen())
	}
	return b
}

func quadratic(a exact.Algorithm) bool { return a == exact.Schoolbook || a == exact.Karatsuba }

func names() string {
	s := make([]string, len(methods))
	for i, a := range methods {
		s[i] = a.String()
	}
	return strings.Join(s, ", ")
}
