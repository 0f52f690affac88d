// Command polymul expands, multiplies, evaluates, differentiates and divides polynomials
// given as expressions, exactly, and times package exact's multiplication methods on the
// operands of the shared benchmark grid.
//
// Usage:
//
//	polymul [flags] EXPR              the expanded polynomial
//	polymul [flags] EXPR EXPR         the product of the two
//	polymul -eval V [-deriv] EXPR     the value at x = V (of the derivative with -deriv)
//	polymul -deriv EXPR               the derivative
//	polymul -gcd [-cofactors] A B     the monic greatest common divisor (and s, t with s·A + t·B = gcd)
//	polymul -div A B                  quotient and remainder of A divided by B
//	polymul [-n N] [-bits B] [-algo auto|schoolbook|karatsuba|kronecker|multimodular|all] [-reps R]
//	polymul -x EXPR -y EXPR [-algo ...] [-reps R]
//
// Expressions are written as people write polynomials: (1+x)^100*(1-x)^3, (x^2 - 1/3)*(2x + 5)^10,
// 3x^2 - 2x + 1, with +, −, * (or nothing: 2x, 3(x+1), (x+1)(x-1)), / by a constant, ^ (or
// **) with a nonnegative integer exponent, parentheses, and integers or decimals (0.25 is 1/4).
// The variable is any one letter. Coefficients are integers unless a fraction, a decimal or a
// division appears (or -rat is given): then they are rationals, printed as 3/4 or (1/2)x.
// Products and powers go through package exact, so (1+x)^100000 is expanded exactly in under
// a second (its 2·10^9 digits are then summarized rather than printed: see -max-output, 16 MiB by default); -eval
// evaluates the expression at the point without expanding it.
//
// A malformed expression, or one whose result or any intermediate step would need more than
// -max-bytes of memory or several seconds of work, is refused before anything is computed,
// with one line naming the column and the reason, and exit status 2.
//
// With no expression, the program multiplies the grid operands (BENCHMARKS.md: operand A from
// splitmix64 state 1, operand B from state 2, n coefficients of b bits each), or the integer
// polynomials -x and -y, and prints, for each multiplication method of package exact, the
// checksum of the product (Σ (c_i mod 2^61−1)·(i+1) mod 2^61−1, the number shared/bench/run.sh
// prints for FLINT and NTL) and the median time of a few runs after one untimed warm-up run.
// With -algo all (the default) every method runs, except that the quadratic ones (schoolbook,
// karatsuba) are skipped when they would take more than about ten seconds; naming a method
// runs it regardless. The methods must agree: if two checksums differ the program says so on
// stderr and exits with status 1.
//
// Exit status: 0 on success, 1 if methods disagree or the output cannot be written, 2 for a
// bad flag or expression.
//
// Examples:
//
//	go run ./examples/polymul '(1+x)^3*(1-x)'
//	go run ./examples/polymul '1+2x+3x^2' '3+2x+2x^2'
//	go run ./examples/polymul -eval 1/2 -deriv '(x^2 - 1/3)*(2x + 5)^10'
//	go run ./examples/polymul -gcd -cofactors 'x^4 - 1' 'x^6 - 1'
//	go run ./examples/polymul -div 'x^5 + 1' '2x^2 - 3'
//	go run ./examples/polymul -n 100000 -bits 64
//	go run ./examples/polymul -x '(1+x)^50' -y '(1-x)^50' -algo kronecker -reps 5
package main

import (
	"bufio"
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
	"github.com/polyconv/polyconv/internal/cliflag"
	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/poly"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

var methods = []exact.Algorithm{exact.Auto, exact.Schoolbook, exact.Karatsuba, exact.Kronecker, exact.MultiModular}

const usageText = `usage:
  polymul [flags] EXPR              the expanded polynomial
  polymul [flags] EXPR EXPR         their product
  polymul -eval V [-deriv] EXPR     the value at x = V (of the derivative with -deriv)
  polymul -deriv EXPR               the derivative
  polymul -gcd [-cofactors] A B     the monic gcd (and s, t with s·A + t·B = gcd)
  polymul -div A B                  quotient and remainder of A / B
  polymul [-n N] [-bits B] [-algo A] [-reps R]   timing table on the benchmark grid
  polymul -x EXPR -y EXPR [-algo A] [-reps R]    timing table on two polynomials

Expressions: (1+x)^100*(1-x)^3, (x^2 - 1/3)*(2x + 5)^10, 3x^2 - 2x + 1: + - * (or
nothing: 2x, (x+1)(x-1)), / by a constant, ^ or ** with an integer exponent, parentheses,
integers, fractions and decimals. The variable is any one letter. An expression that
starts with "-" needs "--" before it: polymul -- '-x^2+1'.

Flags:
`

// options are the flags of the expression modes.
type options struct {
	rat, deriv, gcd, cofactors, div bool
	eval                            string
	maxBytes, maxOutput             cliflag.Bytes
}

// run is the program with its arguments and output streams; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("polymul", flag.ContinueOnError)
	n := fs.Int("n", 1000, "length of each grid operand (≥ 1)")
	nbits := fs.Int("bits", 64, "coefficient size of the grid operands in bits (≥ 1)")
	algo := fs.String("algo", "all", "method of the timing table: all, or one of "+names())
	reps := fs.Int("reps", 3, "timed runs per method (the median is printed, ≥ 1)")
	xText := fs.String("x", "", "first operand of the timing table, an integer polynomial expression (with -y)")
	yText := fs.String("y", "", "second operand of the timing table (with -x)")
	opt := options{maxBytes: 2 << 30, maxOutput: 16 << 20}
	fs.BoolVar(&opt.rat, "rat", false, "rational coefficients (fractions switch to them anyway)")
	fs.StringVar(&opt.eval, "eval", "", "print the value at x = `V` (an integer, a fraction like -1/3, or a decimal)")
	fs.BoolVar(&opt.deriv, "deriv", false, "the derivative")
	fs.BoolVar(&opt.gcd, "gcd", false, "the monic greatest common divisor of two polynomials")
	fs.BoolVar(&opt.cofactors, "cofactors", false, "with -gcd, also s and t with s·A + t·B = gcd")
	fs.BoolVar(&opt.div, "div", false, "quotient and remainder of the first polynomial divided by the second")
	fs.Var(&opt.maxBytes, "max-bytes", "refuse expressions needing more `memory` than this (suffixes K, M, G, T)")
	fs.Var(&opt.maxOutput, "max-output", "summarize results whose text is longer than this many `bytes` (suffixes K, M, G, T)")
	fs.SetOutput(io.Discard) // errors are reported below, in one line
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usageText)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return 0
		}
		hint := "polymul -h lists the flags"
		if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok && strings.ContainsAny(name, "0123456789()^*+-/. ") {
			hint = `an expression that starts with "-" needs "--" before it: polymul -- '-x^2+1'; polymul -h lists the flags`
		}
		fmt.Fprintf(stderr, "polymul: %v (%s)\n", err, hint)
		return 2
	}
	exprMode := fs.NArg() > 0 || opt.eval != "" || opt.deriv || opt.gcd || opt.div || opt.rat || opt.cofactors
	if exprMode {
		if *xText != "" || *yText != "" {
			fmt.Fprintln(stderr, "polymul: -x and -y make the timing table; give expressions as arguments instead")
			return 2
		}
		w := bufio.NewWriter(stdout)
		code := expressions(fs.Args(), opt, w, stderr)
		if err := w.Flush(); err != nil && code == 0 {
			fmt.Fprintf(stderr, "polymul: writing the output: %v\n", err)
			return 1
		}
		return code
	}
	if *n < 1 || *nbits < 1 || *reps < 1 {
		fmt.Fprintln(stderr, "polymul: -n, -bits and -reps must be at least 1")
		return 2
	}
	var x, y []*big.Int
	text := *xText != "" || *yText != ""
	if text {
		px, err := parseIntPoly("-x", *xText, opt)
		var py *poly.Int
		if err == nil {
			py, err = parseIntPoly("-y", *yText, opt)
		}
		if err != nil {
			fmt.Fprintf(stderr, "polymul: %v\n", err)
			return 2
		}
		x, y = px.Coeffs(), py.Coeffs()
	} else {
		if *n > 1<<26 || *nbits > 1<<24 || float64(*n)*float64(*nbits)/8 > float64(opt.maxBytes)/8 {
			fmt.Fprintf(stderr, "polymul: -n %d -bits %d is too large (operands and product beyond -max-bytes %v)\n", *n, *nbits, &opt.maxBytes)
			return 2
		}
		x, y = grid.Ints(grid.SeedA, *n, *nbits), grid.Ints(grid.SeedB, *n, *nbits)
	}
	length, _ := exact.ResultWords(x, y)
	words := float64(max(bitLen(x), bitLen(y))+63) / 64
	if *reps > 1e6 {
		fmt.Fprintf(stderr, "polymul: -reps %d is too many (at most 1000000)\n", *reps)
		return 2
	}
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
	if secs := timingWork(run, length, words, *reps); secs > maxTimingSeconds {
		fmt.Fprintf(stderr, "polymul: the timing table would take about %.3g s (at most %d s; lower -n, -bits or -reps, or choose -algo)\n", secs, maxTimingSeconds)
		return 2
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

func bitLen(x []*big.Int) int {
	b := 0
	for _, c := range x {
		b = max(b, c.BitLen())
	}
	return b
}

// maxTimingSeconds bounds the estimated time of a timing table.
const maxTimingSeconds = 60

// timingWork estimates the seconds of a timing table: reps+1 products (one warm-up) by each
// method of run, for a product of length coefficients of about words words each. The
// quadratic methods cost about a nanosecond per pair of word products, the others about
// 300 ns per output word (a generous bound measured on the grid: G4, 2·10^6 words, takes
// about 0.2 s); every call at least a microsecond.
func timingWork(run []exact.Algorithm, length int, words float64, reps int) float64 {
	per := 0.0
	for _, a := range run {
		c := 300e-9 * float64(length) * words
		if quadratic(a) {
			c = 1e-9 * float64(length) * float64(length) / 4 * words * words
		}
		per += max(c, 1e-6)
	}
	return per * float64(reps+1)
}

func quadratic(a exact.Algorithm) bool { return a == exact.Schoolbook || a == exact.Karatsuba }

func names() string {
	s := make([]string, len(methods))
	for i, a := range methods {
		s[i] = a.String()
	}
	return strings.Join(s, ", ")
}
