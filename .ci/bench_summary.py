#!/usr/bin/python3
"""Summarises the raw output of .ci/bench as the README's markdown table: medians over the
rounds, and the ratio anchor time / polyconv time (above 1 means polyconv is faster)."""
import re
import statistics
import sys
from collections import defaultdict

out = sys.argv[1]
go = defaultdict(list)       # benchmark name (without -GOMAXPROCS suffix) -> ms
harness = defaultdict(list)  # (impl, case, n, b) -> ms
misc = defaultdict(list)


def read(name):
    try:
        with open(f"{out}/{name}") as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


for fname in ["ntt.txt", "exact.txt", "dist.txt", "poly.txt"]:
    for line in read(fname):
        m = re.match(r"^(Benchmark\S+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op", line)
        if m:
            go[m.group(1)].append(float(m.group(3)) / 1e6)
        m = re.match(r"^dice_10000d6_wall_s ([\d.]+)", line)
        if m:
            misc["dice10000d6"].append(float(m.group(1)) * 1e3)
for line in read("harness.txt"):
    f = line.split()
    if len(f) >= 6:
        harness[(f[0], f[1], f[2], f[3])].append(float(f[4]))
for line in read("scipy.txt"):
    m = re.match(r"n=(\d+) .*median=([\d.]+)ms", line)
    if m:
        misc["scipy" + m.group(1)].append(float(m.group(2)))


def med(v):
    return statistics.median(v) if v else float("nan")


rows = []


def row(what, ours, anchor_name, anchor, bar):
    """ours and anchor are per-round lists (round i of one pairs with round i of the other);
    the ratio reported is the median of the per-round ratios, which cancels the drift of a
    shared machine between rounds better than a ratio of medians."""
    ratios = [a / o for o, a in zip(ours, anchor) if o > 0]
    ratio = med(ratios)
    lo, hi = (min(ratios), max(ratios)) if ratios else (float("nan"), float("nan"))
    rows.append(f"| {what} | {med(ours):.2f} | {anchor_name} | {med(anchor):.2f} | "
                f"{ratio:.2f}× ({lo:.2f}–{hi:.2f}) | {bar} |")


for n in ["262144", "1048576"]:
    ours = go[f"BenchmarkConvolve/n={n}/impl=polyconv"]
    ours1 = go[f"BenchmarkConvolve/n={n}/impl=polyconv1"]
    lat = go[f"BenchmarkConvolve/n={n}/impl=lattigo"]
    row(f"ntt Convolve n={n}", ours, "lattigo v6 ring", lat, "≥ 1.49× (time ≤ 0.67×)")
    row(f"ntt Convolve n={n}, GOMAXPROCS=1", ours1, "lattigo v6 ring", lat, "≥ 1.49×")
    row(f"ntt Convolve n={n}", ours, "NTL ZZ_pX", harness[("ntl_ZZ_pX_mul", "P", n, "62")], "≥ 4×")
fwd = med(go["BenchmarkForward/n=65536"])
rows.append(f"| ntt Forward n=65536 | {fwd:.3f} | ns per butterfly | {fwd * 1e6 / (32768 * 16):.2f} | | ≤ 2 ns |")
grid = [("G1", "100000", "64"), ("G2", "10000", "1024"), ("G3", "1000", "16384"), ("G4", "1000000", "16")]
for case, n, b in grid:
    ours = go[f"BenchmarkMul/algo=auto/n={n}/bits={b}"]
    fl = harness[("flint_mul", case, n, b)]
    nt = harness[("ntl_mul", case, n, b)]
    best = [min(f, t) for f, t in zip(fl, nt)]  # the faster C library of each round
    row(f"exact Mul {case} n={n} bits={b}, GOMAXPROCS=1", ours, "faster of FLINT, NTL", best, "≥ 1× (goal 2×)")
p1 = go["BenchmarkMul/algo=auto/n=1000000/bits=64/procs=1"]
p2 = go["BenchmarkMul/algo=auto/n=1000000/bits=64/procs=2"]
row("exact Mul G1 n=10^6, GOMAXPROCS=2", p2, "itself at GOMAXPROCS=1", p1, "≥ 1.6×")
for s, n in [("6", "5000"), ("20", "1000")]:
    fl = harness[("flint_pow", "D", n, s)]
    row(f"exact Pow (x+…+x^{s})^{n}", go[f"BenchmarkPow/s={s}/n={n}"], "FLINT fmpz_poly_pow", fl, "≥ 2×")
    row(f"dist Dice s={s} n={n}", go[f"BenchmarkDice/s={s}/n={n}"], "FLINT fmpz_poly_pow", fl, "≥ 2×")
rows.append(f"| dist 1000d6 (Dice s=6 n=1000) | {med(go['BenchmarkDice/s=6/n=1000']):.2f} | | | | ≤ 5 ms |")
rows.append(f"| dist 100d20 keep highest 10 | {med(go['BenchmarkKeepHighest/n=100/s=20/k=10']):.2f} | | | | ≤ 10 ms |")
rows.append(f"| dice program 10000d6, end to end (wall) | {med(misc['dice10000d6']):.0f} | | | | < 1000 ms |")
ours = go["BenchmarkConvolve/n=1000000"]
row("poly Convolve n=10^6 (float64, full)", ours, "scipy.signal.fftconvolve", misc["scipy1000000"], "≥ 1×")
row("poly Convolve n=10^6 (float64, full)", ours, "gonum dsp/fourier convolution", go["BenchmarkConvolveGonum/n=1000000"], "≥ 3×")

print("| benchmark | polyconv ms | anchor | anchor ms | anchor ÷ polyconv, median of rounds (range) | bar |")
print("|---|---|---|---|---|---|")
print("\n".join(rows))
