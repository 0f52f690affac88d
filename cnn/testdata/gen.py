#!/usr/bin/python3
"""Goldens for package cnn from PyTorch (Debian's python3-torch 1.13), float64.

Regenerate the committed goldens with

    /usr/bin/python3 cnn/testdata/gen.py > cnn/testdata/torch.json

(the default seed and count); the live test runs it with another --seed and a small --count.
Every case is drawn at random from the seed: shapes, strides, paddings, dilations, groups
(depthwise among them), output paddings, bias or none; values are standard normal.

Kinds written, one JSON object each in "cases":
  conv:      F.conv2d(x, w, b, stride, padding, dilation, groups) -> y, and the autograd
             gradients dx, dw, db of sum(dy * y)
  transpose: F.conv_transpose2d(x, w, b, stride, padding, output_padding, groups, dilation) -> y
  maxpool / avgpool: F.max_pool2d / F.avg_pool2d(x, kernel, stride, padding)
             (ceil_mode False, count_include_pad True) -> y, or "error" when torch refuses
  unfold:    F.unfold(x, kernel, dilation, padding, stride) -> y, and
             F.fold(col, (H, W), kernel, dilation, padding, stride) -> folded
  size:      the output height torch gives a conv2d (or conv_transpose2d) of an (in x 1) input
             with a (k x 1) kernel, or null when torch raises
Tensors are {"shape": [...], "data": [...]} with NaN and infinities as the strings "nan",
"inf", "-inf".
"""
import argparse
import json
import math
import random
import sys

import torch
import torch.nn.functional as F


def enc(t):
    def f(v):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    return {"shape": list(t.shape), "data": [f(v) for v in t.detach().reshape(-1).tolist()]}


def randn(*shape):
    return torch.randn(*shape, dtype=torch.float64)


def conv_params(rng, transposed):
    """Draw a convolution whose output size is at least 1."""
    while True:
        g = rng.randint(1, 3)
        cig, cog = rng.randint(1, 5), rng.randint(1, 8)
        kind = rng.randrange(4)
        if kind == 0:  # depthwise, possibly with a channel multiplier
            g, cig, cog = rng.randint(1, 6), 1, rng.randint(1, 2)
        elif kind == 1:
            g = 1
        c = {
            "n": rng.randint(1, 3), "cin": g * cig, "cout": g * cog,
            "h": rng.randint(1, 10), "w": rng.randint(1, 10),
            "kh": rng.randint(1, 5), "kw": rng.randint(1, 5),
            "stride": [rng.randint(1, 3), rng.randint(1, 3)],
            "padding": [rng.randint(0, 3), rng.randint(0, 3)],
            "dilation": [rng.randint(1, 3), rng.randint(1, 3)],
            "output_padding": [0, 0], "groups": g, "bias": rng.random() < 0.7,
        }
        if transposed:
            c["output_padding"] = [rng.randrange(max(c["stride"][i], c["dilation"][i])) for i in range(2)]
            ok = all((n - 1) * c["stride"][i] - 2 * c["padding"][i] + c["dilation"][i] * (k - 1)
                     + c["output_padding"][i] + 1 >= 1
                     for i, (n, k) in enumerate([(c["h"], c["kh"]), (c["w"], c["kw"])]))
        else:
            ok = all(n + 2 * c["padding"][i] >= c["dilation"][i] * (k - 1) + 1
                     for i, (n, k) in enumerate([(c["h"], c["kh"]), (c["w"], c["kw"])]))
        if ok:
            return c


def conv_case(rng):
    c = conv_params(rng, False)
    x = randn(c["n"], c["cin"], c["h"], c["w"]).requires_grad_()
    w = randn(c["cout"], c["cin"] // c["groups"], c["kh"], c["kw"]).requires_grad_()
    b = randn(c["cout"]).requires_grad_() if c["bias"] else None
    y = F.conv2d(x, w, b, c["stride"], c["padding"], c["dilation"], c["groups"])
    dy = randn(*y.shape)
    (y * dy).sum().backward()
    c.update(kind="conv", x=enc(x), w=enc(w), y=enc(y), dy=enc(dy), dx=enc(x.grad), dw=enc(w.grad))
    if b is not None:
        c.update(b=b.tolist(), db=b.grad.tolist())
    return c


def transpose_case(rng):
    c = conv_params(rng, True)
    x = randn(c["n"], c["cin"], c["h"], c["w"])
    w = randn(c["cin"], c["cout"] // c["groups"], c["kh"], c["kw"])
    b = randn(c["cout"]) if c["bias"] else None
    y = F.conv_transpose2d(x, w, b, c["stride"], c["padding"], c["output_padding"], c["groups"], c["dilation"])
    c.update(kind="transpose", x=enc(x), w=enc(w), y=enc(y))
    if b is not None:
        c["b"] = b.tolist()
    return c


def pool_case(rng, kind):
    k = [rng.randint(1, 4), rng.randint(1, 4)]
    s = [rng.randint(1, 3), rng.randint(1, 3)] if rng.random() < 0.7 else list(k)
    bad = rng.random() < 0.1
    p = [rng.randint(0, k[i] // 2 + (1 if bad else 0)) for i in range(2)]
    x = randn(rng.randint(1, 2), rng.randint(1, 3), rng.randint(1, 9), rng.randint(1, 9))
    if kind == "maxpool" and rng.random() < 0.3:
        flat = x.view(-1)
        for _ in range(3):
            flat[rng.randrange(flat.numel())] = rng.choice([math.nan, math.inf, -math.inf, 0.0, 1.0])
    c = {"kind": kind, "kernel": k, "stride": s, "padding": p, "x": enc(x)}
    try:
        if kind == "maxpool":
            y = F.max_pool2d(x, k, s, p)
        else:
            y = F.avg_pool2d(x, k, s, p, ceil_mode=False, count_include_pad=True)
        c["y"] = enc(y)
    except RuntimeError as e:
        c["error"] = str(e).splitlines()[0]
    return c


def unfold_case(rng):
    c = conv_params(rng, False)
    x = randn(c["n"], c["cin"], c["h"], c["w"])
    k = (c["kh"], c["kw"])
    y = F.unfold(x, k, c["dilation"], c["padding"], c["stride"])
    col = randn(*y.shape)
    folded = F.fold(col, (c["h"], c["w"]), k, c["dilation"], c["padding"], c["stride"])
    c.update(kind="unfold", x=enc(x), y=enc(y), col=enc(col), folded=enc(folded))
    return c


def size_case(rng):
    transposed = rng.random() < 0.5
    c = {"kind": "size", "transposed": transposed, "in": rng.randint(1, 12), "k": rng.randint(1, 7),
         "s": rng.randint(1, 4), "p": rng.randint(0, 4), "d": rng.randint(1, 3),
         "op": rng.randint(0, 4) if transposed else 0}
    x = torch.zeros(1, 1, c["in"], 1, dtype=torch.float64)
    w = torch.zeros(1, 1, c["k"], 1, dtype=torch.float64)
    try:
        if transposed:
            y = F.conv_transpose2d(x, w, None, (c["s"], 1), (c["p"], 0), (c["op"], 0), 1, (c["d"], 1))
        else:
            y = F.conv2d(x, w, None, (c["s"], 1), (c["p"], 0), (c["d"], 1))
        c["out"] = y.shape[2] if y.numel() > 0 else None
    except RuntimeError:
        c["out"] = None
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--count", type=int, default=40, help="cases of each kind")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    cases = []
    for _ in range(args.count):
        cases.append(conv_case(rng))
        cases.append(transpose_case(rng))
        cases.append(pool_case(rng, "maxpool"))
        cases.append(pool_case(rng, "avgpool"))
        cases.append(unfold_case(rng))
        cases.append(size_case(rng))
        cases.append(size_case(rng))
    json.dump({"torch": torch.__version__, "seed": args.seed, "cases": cases}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
