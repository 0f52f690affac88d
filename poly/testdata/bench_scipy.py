#!/usr/bin/python3
"""Times scipy.signal.fftconvolve on the float grid of BENCHMARKS.md (the same inputs as
BenchmarkConvolve: splitmix64 from states 1 and 2, x = (z >> 11)·2^-53·2 − 1), full mode.

Usage: /usr/bin/python3 bench_scipy.py [n ...]   (default 1000 10000 100000 1000000)
Prints one line per n: the median and minimum of the repeats in ms, and c[n-1] as a check
value to compare with the Go result.
"""
import sys
import time

import numpy as np
import scipy
import scipy.signal

M64 = (1 << 64) - 1


def floats(seed, n):
    # Vectorised splitmix64: state_i = seed + (i+1)·γ mod 2^64.
    with np.errstate(over="ignore"):
        s = np.uint64(seed) + np.arange(1, n + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        z = s
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53 * 2 - 1


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000, 1000000]
    print(f"numpy {np.__version__} scipy {scipy.__version__}")
    for n in sizes:
        x, y = floats(1, n), floats(2, n)
        reps = max(5, min(200, int(2e7 / (n * 20 + 1))))
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            c = scipy.signal.fftconvolve(x, y, mode="full")
            times.append(time.perf_counter() - t0)
        times.sort()
        print(f"n={n} reps={reps} median={times[len(times)//2]*1e3:.3f}ms "
              f"min={times[0]*1e3:.3f}ms c[n-1]={c[n-1]!r}")


if __name__ == "__main__":
    main()
