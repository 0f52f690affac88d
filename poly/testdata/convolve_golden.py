#!/usr/bin/python3
"""Writes convolve_golden.json: numpy.convolve and numpy.correlate outputs for the Go tests.

Run from this directory with Debian's numpy:  /usr/bin/python3 convolve_golden.py
Inputs are small integers and dyadic fractions plus random doubles, for all three modes,
odd and even lengths, and both operand orders (len(x) < len(y) exercises numpy's swap).
"""
import json
import numpy as np

rng = np.random.default_rng(20261121)
lengths = [1, 2, 3, 4, 5, 6, 7, 8, 11, 16, 17]
cases = []
for n in lengths:
    for m in lengths:
        if rng.random() < 0.5:
            x = rng.integers(-9, 10, n) / 4.0
            y = rng.integers(-9, 10, m) / 4.0
        else:
            x = rng.uniform(-1, 1, n)
            y = rng.uniform(-1, 1, m)
        case = {"x": x.tolist(), "y": y.tolist()}
        for mode in ["full", "same", "valid"]:
            case["convolve_" + mode] = np.convolve(x, y, mode).tolist()
            case["correlate_" + mode] = np.correlate(x, y, mode).tolist()
        cases.append(case)
with open("convolve_golden.json", "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f, indent=None)
    f.write("\n")
