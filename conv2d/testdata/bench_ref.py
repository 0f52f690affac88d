#!/usr/bin/python3
"""Times scipy and OpenCV, single-threaded, on the cases of conv2d's BenchmarkConvolve2D,
with the same inputs (the float grid of BENCHMARKS.md: splitmix64 from state 1 for the
image, row by row, and state 2 for the kernel).

Usage: /usr/bin/python3 bench_ref.py [reps]
Prints one line per case and library: name=<case>/impl=<library> median=<ms>ms peak=<MiB>MiB,
peak being tracemalloc's peak of numpy allocations during one call (OpenCV's own buffers are
not traced, so its peak is reported as -).
"""
import os
import sys
import time
import tracemalloc

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import scipy.ndimage as nd
import scipy.signal as ss

try:
    import cv2
    cv2.setNumThreads(1)
except ImportError:  # OpenCV is optional
    cv2 = None


def floats(seed, n):
    # Vectorised splitmix64: state_i = seed + (i+1)·γ mod 2^64.
    with np.errstate(over="ignore"):
        s = np.uint64(seed) + np.arange(1, n + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        z = s
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53 * 2 - 1


def grid(seed, n):
    return floats(seed, n * n).reshape(n, n)


def cases():
    a512, k512 = grid(1, 512), grid(2, 512)
    img, k31, k5 = grid(1, 2048), grid(2, 31), grid(2, 5)
    # OpenCV's filter2D correlates with the kernel anchored at its centre; convolution is
    # correlation with the flipped kernel (odd sizes, so the centres agree).
    f31, f5 = np.ascontiguousarray(k31[::-1, ::-1]), np.ascontiguousarray(k5[::-1, ::-1])
    yield "fft512", "scipy.fftconvolve", lambda: ss.fftconvolve(a512, k512)
    yield "k31", "scipy.fftconvolve", lambda: ss.fftconvolve(np.pad(img, 15, mode="symmetric"), k31, "valid")
    if cv2:
        yield "k31", "cv2.filter2D", lambda: cv2.filter2D(img, -1, f31, borderType=cv2.BORDER_REFLECT)
    yield "k5", "scipy.convolve2d", lambda: ss.convolve2d(img, k5, "same")
    if cv2:
        yield "k5", "cv2.filter2D", lambda: cv2.filter2D(img, -1, f5, borderType=cv2.BORDER_CONSTANT)
    yield "gauss3", "scipy.gaussian_filter", lambda: nd.gaussian_filter(img, 3)
    if cv2:
        # ksize 25 = 2·int(4·3 + 0.5) + 1, scipy's truncation.
        yield "gauss3", "cv2.GaussianBlur", lambda: cv2.GaussianBlur(img, (25, 25), 3, borderType=cv2.BORDER_REFLECT)
    yield "uniform7", "scipy.uniform_filter", lambda: nd.uniform_filter(img, 7)
    if cv2:
        yield "uniform7", "cv2.blur", lambda: cv2.blur(img, (7, 7), borderType=cv2.BORDER_REFLECT)


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for name, impl, f in cases():
        f()
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            f()
            times.append(time.perf_counter() - t0)
        times.sort()
        peak = "-"
        if not impl.startswith("cv2"):
            tracemalloc.start()
            f()
            peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:.1f}MiB"
            tracemalloc.stop()
        print(f"name={name}/impl={impl} median={times[len(times) // 2] * 1e3:.2f}ms peak={peak}", flush=True)


if __name__ == "__main__":
    main()
