#!/usr/bin/env python3
"""Reviewer's independent scipy oracle for conv2d's review_test.go.

Reads a JSON list of cases on stdin, writes a JSON list of results on stdout. Every float
travels as the decimal string of its IEEE-754 bit pattern (uint64), so NaN payloads, signed
zeros and infinities survive bit for bit. A case:
  {"op": "conv"|"corr", "in": [r, c, bits...], "k": [r, c, bits...], "mode": "full"|"same"|"valid",
   "boundary": "fill"|"wrap"|"symm"|"nearest"|"mirror", "fill": bits}
  {"op": "gauss", "in": ..., "sigma": s, "boundary": ..., "fill": bits}
  {"op": "uniform", "in": ..., "size": n, "boundary": ..., "fill": bits}
A result is [r, c, bits...] or ["error", message].
Nearest and mirror are not scipy.signal boundaries; for them the input is padded by
numpy.pad ('edge', 'reflect') by the kernel size - 1 on every side, scipy.signal's valid
convolution is taken and then the mode's window of that full result: rows (kr-1)//2 on for
convolve2d's same mode and kr//2 on for correlate2d's (the offsets scipy uses for fill,
checked by the Go test on the fill cases).
"""
import json
import sys

import numpy as np
import scipy.ndimage as nd
import scipy.signal as ss


def mat(v):
    r, c = int(v[0]), int(v[1])
    return np.array([int(x) for x in v[2:]], dtype=np.uint64).view(np.float64).reshape(r, c)


def f64(s):
    return np.array([int(s)], dtype=np.uint64).view(np.float64)[0]


def out(a):
    a = np.ascontiguousarray(a, dtype=np.float64)
    return [str(a.shape[0]), str(a.shape[1])] + [str(int(x)) for x in a.reshape(-1).view(np.uint64)]


ND = {"fill": "constant", "wrap": "wrap", "symm": "reflect", "nearest": "nearest", "mirror": "mirror"}


def conv(c):
    x, k = mat(c["in"]), mat(c["k"])
    fn = ss.correlate2d if c["op"] == "corr" else ss.convolve2d
    b, mode, fv = c["boundary"], c["mode"], f64(c["fill"])
    if b in ("fill", "wrap", "symm"):
        return fn(x, k, mode=mode, boundary=b, fillvalue=fv)
    if mode == "valid":
        return fn(x, k, mode="valid")
    kr, kc = k.shape
    p = np.pad(x, ((kr - 1, kr - 1), (kc - 1, kc - 1)), mode={"nearest": "edge", "mirror": "reflect"}[b])
    full = fn(p, k, mode="valid")
    if mode == "full":
        return full
    r0, c0 = ((kr - 1) // 2, (kc - 1) // 2) if c["op"] == "conv" else (kr // 2, kc // 2)
    return full[r0:r0 + x.shape[0], c0:c0 + x.shape[1]]


def one(c):
    op = c["op"]
    if op in ("conv", "corr"):
        return conv(c)
    x = mat(c["in"])
    if op == "gauss":
        return nd.gaussian_filter(x, c["sigma"], mode=ND[c["boundary"]], cval=f64(c["fill"]))
    if op == "uniform":
        return nd.uniform_filter(x, c["size"], mode=ND[c["boundary"]], cval=f64(c["fill"]))
    raise ValueError("unknown op " + op)


def main():
    res = []
    with np.errstate(all="ignore"):
        for c in json.load(sys.stdin):
            try:
                res.append(out(one(c)))
            except Exception as e:  # noqa: BLE001 - reported to the Go side
                res.append(["error", repr(e)])
    json.dump(res, sys.stdout)


if __name__ == "__main__":
    main()
