#!/usr/bin/env python3
"""Answers conv2d's test cases with scipy (Debian's python3-scipy 1.10).

Reads {"cases": [...]} as JSON on stdin and writes {"results": [...]} on stdout, one
result per case: [rows, cols, v00, v01, ...] as strings, the values as Python's repr (so that
NaN and infinities survive). A case is one of
  {"op": "convolve2d"|"correlate2d", "in": M, "k": M, "mode": ..., "boundary": ..., "fill": x}
      boundary fill/wrap/symm are scipy.signal's own; nearest/mirror are the definition the
      Go package documents: numpy.pad with 'edge'/'reflect' by the kernel size - 1, then
      scipy.signal.convolve2d's valid mode on the padded input, then the mode's window.
  {"op": "gaussian_filter", "in": M, "sigma": s, "boundary": ..., "fill": cval}
  {"op": "uniform_filter", "in": M, "size": n, "boundary": ..., "fill": cval}
  {"op": "gaussian_kernel", "sigma": s, "truncate": t}
M is {"r": rows, "c": cols, "v": [values as strings, row by row]}. Run by conv2d's tests (go test ./conv2d -run Scipy -update rewrites
testdata/scipy_golden.json); needs /usr/bin/python3 with numpy and scipy.
"""
import json
import sys

import numpy as np
import scipy.ndimage as nd
import scipy.signal as ss
from scipy.ndimage import _filters

NDIMAGE = {"fill": "constant", "wrap": "wrap", "symm": "reflect", "nearest": "nearest", "mirror": "mirror"}
PAD = {"nearest": "edge", "mirror": "reflect"}


def arr(m):
    return np.array([float(v) for v in m["v"]], dtype=float).reshape(m["r"], m["c"])


def padded_conv(a, k, mode, boundary, corr):
    kr, kc = k.shape
    r, c = a.shape
    if kr == 0 or kc == 0:  # empty sums: no extension is read
        return (ss.correlate2d if corr else ss.convolve2d)(a, k, mode)
    p = np.pad(a, ((kr - 1, kr - 1), (kc - 1, kc - 1)), mode=PAD[boundary])
    kk = k[::-1, ::-1] if corr else k
    full = ss.convolve2d(p, kk, "valid")
    if mode == "full":
        return full
    if mode == "same":
        oi, oj = (kr - 1) >> 1, (kc - 1) >> 1
        if corr:
            oi, oj = (kr - 1) - oi, (kc - 1) - oj
        return full[oi:oi + r, oj:oj + c]
    if r >= kr and c >= kc:
        return full[kr - 1:r, kc - 1:c]
    # Valid with the kernel larger: no extension is involved.
    return ss.correlate2d(a, k, "valid") if corr else ss.convolve2d(a, k, "valid")


def answer(c):
    op = c["op"]
    if op == "gaussian_kernel":
        s, t = c["sigma"], c["truncate"]
        out = _filters._gaussian_kernel1d(s, 0, int(t * s + 0.5))[::-1]
        return np.asarray(out).reshape(1, -1)
    a = arr(c["in"])
    if op in ("convolve2d", "correlate2d"):
        k = arr(c["k"])
        b = c["boundary"]
        corr = op == "correlate2d"
        if b in PAD:
            return padded_conv(a, k, c["mode"], b, corr)
        f = ss.correlate2d if corr else ss.convolve2d
        return f(a, k, mode=c["mode"], boundary=b, fillvalue=c["fill"])
    if op == "gaussian_filter":
        return nd.gaussian_filter(a, c["sigma"], mode=NDIMAGE[c["boundary"]], cval=c["fill"], truncate=4.0)
    if op == "uniform_filter":
        return nd.uniform_filter(a, c["size"], mode=NDIMAGE[c["boundary"]], cval=c["fill"])
    raise ValueError("unknown op " + op)


def main():
    cases = json.load(sys.stdin)["cases"]
    results = []
    for c in cases:
        out = np.atleast_2d(answer(c))
        results.append([str(out.shape[0]), str(out.shape[1])] + [repr(float(v)) for v in out.ravel()])
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
