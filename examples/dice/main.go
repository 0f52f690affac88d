// Command dice prints the exact probability distribution of dice expressions.
//
//	go run ./examples/dice 3d6 4d6kh3
//
// For each expression it prints a table of every value with its probability, the
// probability of rolling at least and at most that value, and a bar; then the mean, the
// standard deviation, the variance and the support. Large tables (1000d20 has 19001 values)
// show the most likely rows and say how many were left out; -all prints every row.
//
// Flags:
//
//	-exact             fractions instead of percentages
//	-json              one JSON object per expression, one per line (JSON Lines)
//	-csv               CSV with a header row: expr,value,count,probability,at_least,at_most
//	-compare           one table with the expressions side by side: a row per value of any of
//	                   them, P(X = k) and P(X ≥ k) under each, means, standard deviations and
//	                   supports below; with -json one JSON array of the objects, with -csv the
//	                   columns value,<expr> probability,<expr> at_least,...
//	-svg FILE          also write an SVG chart of the expressions to FILE: bars of P(X = k),
//	                   grouped by value, and lines of P(X ≥ k), a colour per expression; "-"
//	                   writes the chart to standard output instead of the text
//	-all               every row of the table, however many
//	-rows N            rows shown when a table is cut (default 41)
//	-explode-depth N   extra rolls allowed by ! and rerolls allowed by r (default 9; 0 for none)
//	-max-bytes N       refuse expressions needing more memory (default 1GiB; K, M, G suffixes)
//
// A joint count such as 10d6>=5&=1 (the number of dice showing 5 or more and the number
// showing 1, of one roll) prints a matrix instead: a row per value of the first count, a column
// per value of the second, the probability of each pair and of each row and column in all,
// then the means, standard deviations and covariance; its -json object has "joint": true and
// a pair "values" per outcome, and its -csv columns are expr,a,b,count,probability.
// -compare and -svg take expressions of one value only.
//
// A bad expression or flag prints one line naming the problem (for an expression, the column
// and what was expected), and exits with status 2. The notation is that of [dist.ParseWith]
// and [dist.ParseJoint]; run with -h for a summary.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/polyconv/polyconv/dist"
	"github.com/polyconv/polyconv/internal/cliflag"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usageText = `usage: dice [flags] expression...

Prints the exact distribution of each dice expression: every value with its
probability, the chance of rolling at least and at most it, and a bar; then
the mean, standard deviation, variance and support.

Examples:
  dice 3d6 4d6kh3                   two tables
  dice '2d20kh1+5'                  advantage plus 5
  dice -exact '(2d6+3)>=10'         exact chance that 2d6+3 reaches 10
  dice '10d6>=5&=1'                 Shadowrun: the chance of each number of hits and ones
  dice -json 1000d6                 machine-readable, one JSON object per line
  dice -compare 3d6 4d6kh3 2d10     side by side: P(X = k) and P(X >= k) of each
  dice -svg chart.svg 3d6 4d6kh3    the tables, and a chart of both in chart.svg

Notation (letters in either case, spaces allowed):
  NdS  d20  d%  dF         N dice with S sides (d% is d100, dF is -1/0/+1)
  d{1,1,2,3,5,8}           a die with the faces listed
  + - * /  ( )             sums, differences, products, grouping: 2d6+3, 2*d6
                           (/ divides by a number, rounding toward zero: 8d6/2)
  4d6kh3  4d6dl  2d20kl1   keep highest/lowest K, drop highest/lowest K (K=1 if left out)
  3d6!  5d10!>=8           explode: roll again on the highest face (or on faces meeting the
                           test) and add, up to -explode-depth times
  d6r1  d6r<3  d6ro1       reroll 1s (up to -explode-depth times), reroll below 3, reroll once
  d6!p  3d10!p>=9          penetrating explode: every extra roll counts one less
  10d6x  5d10xo>=8         explode as separate dice: each extra roll joins the pool as a
                           die of its own (xo: at most one extra roll per die)
  5d6km3                   keep the middle 3 (km1 of 3d20 is the median die)
  10d6>=5  4d6=6  (2d6)>7  count the dice (or values) meeting the test
  10d10>=8f1  6d10>=7f<=2  successes minus the dice meeting the failure test after f
  matches(5d6)             the largest number of dice showing the same face
  straight(5d6)            the length of the longest run of consecutive faces
  10d6>=5&=1  4dF>=1&<=-1  joint count: the pair (dice meeting the first test, dice meeting
                           the second) of one roll, printed as a matrix with a row per
                           value of the first and a column per value of the second
  (d20+5)>(d20+3)          1 if the first roll beats the second, else 0 (its mean
                           is the chance of winning)
  (d4)d6                   a random number of dice
  max(d20,d20)  min(...)   the highest / lowest of independent values
  {2d8,d6}kh2              a pool of mixed dice; (2d6) inside braces is one value

An expression that starts with "-" needs "--" before it: dice -- -d6+7

Flags:
`

// options are the parsed output flags (the parse options are local to run).
type options struct {
	exact, json, csv, all, compare bool
	rows                           int
	svg                            string
}

// run is the program: it parses args, writes the output to stdout and messages to stderr,
// and returns the exit status (0 success, 1 output failure, 2 bad usage or expression).
func run(args []string, stdout, stderr io.Writer) int {
	var opt options
	fs := flag.NewFlagSet("dice", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the problem is reported below, in one line
	fs.BoolVar(&opt.exact, "exact", false, "show exact fractions instead of percentages")
	fs.BoolVar(&opt.json, "json", false, "print one JSON object per expression, one per line (JSON Lines)")
	fs.BoolVar(&opt.csv, "csv", false, "print CSV: expr,value,count,probability,at_least,at_most")
	fs.BoolVar(&opt.all, "all", false, "print every row of large tables")
	fs.IntVar(&opt.rows, "rows", 41, "rows to show when a table is cut (the most likely ones)")
	fs.BoolVar(&opt.compare, "compare", false, "one table of all the expressions side by side (with -json: one JSON array; with -csv: one column pair each)")
	fs.StringVar(&opt.svg, "svg", "", "also write a chart of the expressions to `file` (\"-\": the chart instead of the text, on stdout)")
	depth := fs.Int("explode-depth", dist.DefaultExplodeDepth, "extra rolls allowed by ! and rerolls allowed by r (0 for none)")
	maxBytes := cliflag.Bytes(dist.DefaultMaxBytes)
	fs.Var(&maxBytes, "max-bytes", "refuse expressions needing more `memory` (suffixes K, M, G, T: powers of 1024)")
	fs.Usage = func() {} // the flag package prints the problem; run adds a hint
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usageText)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return 0
		}
		fmt.Fprintf(stderr, "dice: %v (dice -h explains the flags and the notation)\n", err)
		return 2
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(stderr, "dice: %s (dice -h explains)\n", msg)
		return 2
	}
	switch {
	case fs.NArg() == 0:
		return usageErr("no expression given; try: dice 3d6 4d6kh3")
	case opt.json && opt.csv:
		return usageErr("-json and -csv cannot be used together")
	case *depth < 0:
		return usageErr(fmt.Sprintf("-explode-depth must be at least 0, not %d", *depth))
	case opt.rows < 3:
		return usageErr(fmt.Sprintf("-rows must be at least 3, not %d", opt.rows))
	case opt.svg == "" && flagSet(fs, "svg"):
		return usageErr(`-svg needs a file name (or "-" for standard output)`)
	}
	popt := dist.ParseOptions{ExplodeDepth: *depth, MaxBytes: int64(maxBytes)}
	if *depth == 0 { // ParseOptions reads 0 as the default
		popt.ExplodeDepth = dist.NoExtraRolls
	}

	// Parse everything first, so that a bad expression prints nothing but its error.
	ss := make([]series, fs.NArg())
	for i, expr := range fs.Args() {
		var err error
		if ss[i], err = parseSeries(expr, popt); err != nil {
			var pe *dist.ParseError
			if errors.As(err, &pe) {
				fmt.Fprintf(stderr, "dice: %s\n", strings.TrimPrefix(pe.Error(), "dist: parsing "))
			} else {
				fmt.Fprintf(stderr, "dice: %v\n", err)
			}
			return 2
		}
	}
	joints := 0
	for _, s := range ss {
		if s.j == nil {
			continue
		}
		joints++
		switch {
		case opt.compare:
			return usageErr(jointError("-compare", s.expr))
		case opt.svg != "":
			return usageErr(jointError("-svg", s.expr))
		}
	}
	if opt.csv && joints > 0 && joints < len(ss) {
		return usageErr("-csv cannot mix joint counts (columns expr,a,b,count,probability) with expressions of one value")
	}

	lo, hi := 0, 0
	if opt.compare || opt.svg != "" {
		var err error
		if lo, hi, err = span(ss); err != nil {
			return usageErr(err.Error())
		}
	}
	if opt.svg != "" {
		chart, err := svgChart(ss, lo, hi)
		if err != nil {
			return usageErr(err.Error())
		}
		if opt.svg == "-" {
			if _, err := stdout.Write(chart); err != nil {
				fmt.Fprintf(stderr, "dice: writing the chart: %v\n", err)
				return 1
			}
			return 0
		}
		if err := os.WriteFile(opt.svg, chart, 0o666); err != nil {
			fmt.Fprintf(stderr, "dice: -svg: %v\n", err)
			return 2
		}
	}

	w := &errWriter{w: stdout}
	switch {
	case opt.compare && opt.json:
		writeCompareJSON(w, ss)
	case opt.compare && opt.csv:
		writeCompareCSV(w, ss, lo, hi, opt.exact)
	case opt.compare:
		writeCompare(w, ss, lo, hi, opt)
	default:
		writeEach(w, ss, opt)
	}
	if w.err != nil {
		fmt.Fprintf(stderr, "dice: writing the output: %v\n", w.err)
		return 1
	}
	return 0
}

// writeEach prints every expression on its own: a table each, or JSON Lines, or CSV rows
// (ss are all joint counts or none).
func writeEach(w *errWriter, ss []series, opt options) {
	if opt.csv {
		header := "expr,value,count,probability,at_least,at_most"
		if ss[0].j != nil {
			header = strings.Join(jointCSVHeader, ",")
		}
		w.printf("%s\n", header)
	}
	for i, s := range ss {
		switch {
		case opt.json && s.j != nil:
			writeJointJSON(w, s.expr, s.j)
		case opt.json:
			writeJSON(w, s.expr, s.d)
		case opt.csv && s.j != nil:
			writeJointCSV(w, s.expr, s.j, opt.exact)
		case opt.csv:
			writeCSV(w, s.expr, s.d, opt.exact)
		default:
			if i > 0 {
				w.printf("\n")
			}
			if s.j != nil {
				writeJointTable(w, s.expr, s.j, opt)
			} else {
				writeTable(w, s.expr, s.d, opt)
			}
		}
	}
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// errWriter remembers the first write error, so output code need not check each write.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	var n int
	n, e.err = e.w.Write(p)
	return n, e.err
}
