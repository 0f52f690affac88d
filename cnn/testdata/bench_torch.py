#!/usr/bin/python3
"""Times torch (one thread) on the layers of cnn's BenchmarkConv2D, float64 and float32.

Usage: /usr/bin/python3 cnn/testdata/bench_torch.py [reps]
Prints name=<case>/dtype=<dtype> median=<ms>ms per line.
"""
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)

LAYERS = [
    ("resnet3", (8, 64, 56, 56), (64, 64, 3, 3), dict(padding=1), "fwd"),
    ("resnet3-backward", (8, 64, 56, 56), (64, 64, 3, 3), dict(padding=1), "bwd"),
    ("stem7", (4, 3, 224, 224), (64, 3, 7, 7), dict(stride=2, padding=3), "fwd"),
    ("transposed4", (8, 64, 28, 28), (64, 32, 4, 4), dict(stride=2, padding=1), "trans"),
    ("depthwise3", (8, 128, 56, 56), (128, 1, 3, 3), dict(padding=1, groups=128), "fwd"),
]


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for dtype in (torch.float64, torch.float32):
        for name, xs, ws, kw, kind in LAYERS:
            x = torch.randn(*xs, dtype=dtype, requires_grad=(kind == "bwd"))
            w = torch.randn(*ws, dtype=dtype, requires_grad=(kind == "bwd"))
            if kind == "trans":
                f = lambda: F.conv_transpose2d(x, w, **kw)
            elif kind == "bwd":
                y = F.conv2d(x, w, **kw)
                dy = torch.randn_like(y)
                f = lambda: torch.autograd.grad(F.conv2d(x, w, **kw), (x, w), dy)
            else:
                f = lambda: F.conv2d(x, w, **kw)
            with torch.set_grad_enabled(kind == "bwd"):
                f()
                ts = []
                for _ in range(reps):
                    t0 = time.perf_counter()
                    f()
                    ts.append(time.perf_counter() - t0)
            ts.sort()
            print(f"name={name}/dtype={str(dtype).split('.')[-1]} median={ts[len(ts)//2]*1e3:.1f}ms", flush=True)


if __name__ == "__main__":
    main()
