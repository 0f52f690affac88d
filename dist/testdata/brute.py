#!/usr/bin/python3
"""Brute-force reference for the wave-2 dice notation of package dist.

Every roll of every die is enumerated (every sequence of explode rolls, up to the depth),
and the rolls of a pool are accumulated as sorted tuples (multisets) of die values, which is
all that keep, sum, success counts, matches and straight look at. Nothing here is shared
with the Go code: it is written from the documentation only (dist.ParseWith, DESIGN.md
"Dice notation, wave 2 additions").

Input (stdin, JSON): {"cases": [{"expr": "4d6xkh3", "depth": 2}, ...]}
Output (stdout, JSON): {"results": [{"expr": ..., "depth": ..., "joint": bool,
    "dist": {"value": "p/q", ...}, "total": "..."} or {"expr": ..., "error": "..."}]}
The total is the number of equally likely roll sequences: every die counts S^(depth+1)
sequences when it explodes (S^2 for xo) and S otherwise, as dist documents its totals.
A joint result has keys "a,b". Probabilities are reduced fractions (fractions.Fraction).

With arguments instead of stdin: brute.py DEPTH EXPR... prints the same JSON.

The subset read (a small grammar, enough for the test generator):

    expr  = term { ("+" | "-") term }
    term  = INT | pexpr | ("matches" | "straight") "(" pool ")" [test]
    pexpr = pool [keep] [test [ "f" cond ] [ "&" test ]]
    pool  = group | "{" item { "," item } "}"
    item  = group (its dice join the pool) | group keep/test (one value) | "(" expr ")"
    group = [N | "(d" K ")"] "d" (S | "F" | "%" | "{" faces "}") [("r" | "ro") (test | INT)]
            [ "!" ["p"] [test] | "x" ["o"] [test] ]
    keep  = ("kh" | "kl" | "km" | "dh" | "dl" | "k") [K]
    test  = (">=" | ">" | "<=" | "<" | "=") INT      (bare INT after "f" means "=")

Rules, as documented:
  - "r" rerolls a face meeting its test, at most DEPTH times ("ro": once), the last roll
    standing; every roll of the die is rerolled so, the extra rolls of "!" and "x" too.
  - "!" compounds: a die's value is the sum of its rolls; a roll meeting the explode test
    (default: the highest face) rolls again, at most DEPTH extra rolls; the roll at the limit
    stands whatever it shows. A chain of k extra rolls has probability (1/S)^(k+1).
  - "!p" as "!", every extra roll counts one less; the explode test reads the face shown.
  - "x": the same chains, but every roll is a die of its own in the pool; "xo" allows at
    most one extra roll per die whatever DEPTH is.
  - (dK)dS rolls dK for the number of dice (a keep of more dice than rolled keeps them all).
  - kmK drops floor((n-K)/2) lowest and ceil((n-K)/2) highest; a K of n or more keeps all.
  - a test counts the kept dice meeting it; "f" subtracts the kept dice meeting the failure
    test; "&" gives the pair (count of first, count of second).
  - matches: the largest number of dice showing one value; straight: the longest run of
    consecutive values among the dice.
"""

import json
import re
import sys
from collections import defaultdict
from fractions import Fraction


class BruteError(Exception):
    pass


# A distribution is (dict outcome -> int weight, int total). Outcomes of a pool are sorted
# tuples of die values; outcomes of a value are ints.


def cond_fn(op, v):
    return {
        ">=": lambda x: x >= v,
        ">": lambda x: x > v,
        "<=": lambda x: x <= v,
        "<": lambda x: x < v,
        "=": lambda x: x == v,
    }[op]


def chains(faces, total, explode, depth):
    """Every roll sequence of one exploding die: list of (tuple of faces shown, weight),
    weights over total**(depth+1); faces is a list of (face, weight) over total."""
    out = []

    def rec(prefix, weight, extra):
        for f, w in faces:
            seq = prefix + (f,)
            if explode(f) and extra < depth:
                rec(seq, weight * w, extra + 1)
            else:
                out.append((seq, weight * w * total ** (depth + 1 - len(seq))))

    rec((), 1, 0)
    assert sum(w for _, w in out) == total ** (depth + 1)
    return out


def rolled(group, depth):
    """One roll of a group's die after its rerolls, as (list of (face, weight), total): a
    face meeting the reroll test is rolled again, at most depth times (once for ro), and
    the last roll stands."""
    faces = group["faces"]
    if group["reroll"] is None:
        d = defaultdict(int)
        for f in faces:
            d[f] += 1
        return sorted(d.items()), len(faces)
    test, once = group["reroll"]
    dep = 1 if once else depth
    d = defaultdict(int)
    for seq, w in chains([(f, 1) for f in faces], len(faces), test, dep):
        d[seq[-1]] += w
    return sorted(d.items()), len(faces) ** (dep + 1)


def one_die(group, depth):
    """The distribution of one die of a group as a pool part: outcome = sorted tuple of the
    dice it puts in the pool (one value, or every roll for x). Every roll of an exploding
    die, the extra ones too, is rerolled as the group says."""
    faces, total = rolled(group, depth)
    mode = group["mode"]
    if mode is None:
        return {(f,): w for f, w in faces}, total
    hi = max(f for f, w in faces if w > 0)
    test = group["explode"] or (lambda x: x == hi)
    dep = 1 if mode == "xo" else depth
    d = defaultdict(int)
    for seq, w in chains(faces, total, test, dep):
        if mode == "!":
            key = (sum(seq),)
        elif mode == "!p":
            key = (seq[0] + sum(s - 1 for s in seq[1:]),)
        else:  # x, xo
            key = tuple(sorted(seq))
        d[key] += w
    return dict(d), total ** (dep + 1)


def random_dice(group, depth):
    """(dK)dS: N ~ dK, then N dice; a roll of n dice is weighted over T^K (T one die's total),
    so that the total is K * T^K as for Dist.RepeatDist."""
    k = group["n"][1]
    part = one_die(group, depth)
    out = defaultdict(int)
    acc = ({(): 1}, 1)
    for n in range(1, k + 1):
        acc = merge(acc, part)
        pad = part[1] ** (k - n)
        for key, w in acc[0].items():
            out[key] += w * pad
    return dict(out), k * part[1] ** k


def merge(a, b):
    """The pool of two independent parts: multisets joined."""
    da, ta = a
    db, tb = b
    out = defaultdict(int)
    for ka, wa in da.items():
        for kb, wb in db.items():
            out[tuple(sorted(ka + kb))] += wa * wb
    return dict(out), ta * tb


def value_as_part(v):
    """A single value (dict int -> weight, total) as a pool part of one die."""
    d, t = v
    return {(k,): w for k, w in d.items()}, t


def apply_keep(t, keep):
    if keep is None:
        return t
    rule, k = keep
    n = len(t)
    if rule == "kh":
        return t[n - min(k, n):]
    if rule == "kl":
        return t[:min(k, n)]
    if rule == "dh":
        return t[:max(n - k, 0)]
    if rule == "dl":
        return t[min(k, n):]
    if rule == "km":
        if k >= n:
            return t
        lo = (n - k) // 2
        return t[lo:lo + k]
    raise BruteError("keep " + rule)


def matches(t):
    best = 0
    for v in set(t):
        best = max(best, t.count(v))
    return best


def straight(t):
    s = set(t)
    best = 0
    for v in s:
        if v - 1 not in s:
            n = 1
            while v + n in s:
                n += 1
            best = max(best, n)
    return best


def fold(pool, fn):
    d, t = pool
    out = defaultdict(int)
    for k, w in d.items():
        out[fn(k)] += w
    return dict(out), t


class Parser:
    def __init__(self, s, depth):
        self.s = s.replace(" ", "")
        self.i = 0
        self.depth = depth

    def peek(self, lit):
        return self.s.startswith(lit, self.i)

    def accept(self, lit):
        if self.peek(lit):
            self.i += len(lit)
            return True
        return False

    def expect(self, lit):
        if not self.accept(lit):
            raise BruteError("expected %r at %d in %r" % (lit, self.i, self.s))

    def int_(self, signed=False):
        m = re.compile(r"-?\d+" if signed else r"\d+").match(self.s, self.i)
        if not m:
            return None
        self.i = m.end()
        return int(m.group())

    def test(self, bare_eq=False):
        for op in (">=", "<=", ">", "<", "="):
            if self.accept(op):
                v = self.int_(signed=True)
                if v is None:
                    raise BruteError("threshold")
                return cond_fn(op, v)
        if bare_eq:
            v = self.int_(signed=True)
            if v is not None:
                return cond_fn("=", v)
        return None

    def at_test(self):
        return any(self.peek(op) for op in (">=", "<=", ">", "<", "="))

    def parse(self):
        v = self.expr()
        if self.i != len(self.s):
            raise BruteError("trailing %r" % self.s[self.i:])
        return v

    def expr(self):
        acc = self.term()
        while True:
            if self.accept("+"):
                acc = ("+", acc, self.term())
            elif self.accept("-"):
                acc = ("-", acc, self.term())
            else:
                return acc

    def term(self):
        for name in ("matches", "straight"):
            if self.accept(name + "("):
                pool = self.pool()
                self.expect(")")
                node = (name, pool)
                if self.at_test():
                    node = ("vtest", node, self.test())
                return node
        if self.peek("{") or re.compile(r"\d*d|\(d\d+\)d").match(self.s, self.i):
            return self.pexpr()
        v = self.int_()
        if v is None:
            raise BruteError("term at %d in %r" % (self.i, self.s))
        return ("const", v)

    def group(self):
        m = re.compile(r"\(d(\d+)\)").match(self.s, self.i)
        if m:  # (dK)dS: a random number of dice
            self.i = m.end()
            n = ("random", int(m.group(1)))
        else:
            n = self.int_()
            n = 1 if n is None else n
        self.expect("d")
        if self.accept("F"):
            faces = [-1, 0, 1]
        elif self.accept("%"):
            faces = list(range(1, 101))
        elif self.accept("{"):
            faces = []
            while True:
                faces.append(self.int_(signed=True))
                if self.accept("}"):
                    break
                self.expect(",")
        else:
            faces = list(range(1, self.int_() + 1))
        reroll = None
        if self.accept("ro"):
            reroll = (self.test(bare_eq=True), True)
        elif self.accept("r"):
            reroll = (self.test(bare_eq=True), False)
        mode = None
        explode = None
        if self.accept("!"):
            mode = "!p" if self.accept("p") else "!"
        elif self.accept("x"):
            mode = "xo" if self.accept("o") else "x"
        if mode is not None and self.at_test():
            explode = self.test()
        return {"kind": "group", "n": n, "faces": faces, "reroll": reroll, "mode": mode,
                "explode": explode}

    def keep(self):
        for rule in ("kh", "kl", "km", "dh", "dl", "k"):
            if self.accept(rule):
                k = self.int_()
                return ("kh" if rule == "k" else rule, 1 if k is None else k)
        return None

    def pool(self):
        if self.accept("{"):
            items = []
            while True:
                if not re.compile(r"\(d\d+\)d").match(self.s, self.i) and self.accept("("):
                    items.append(("value", self.expr()))
                    self.expect(")")
                else:
                    g = self.group()
                    start = self.i
                    k = self.keep()
                    t = self.test() if self.at_test() else None
                    if k is None and t is None:
                        items.append(("dice", g))
                    else:
                        self.i = start
                        items.append(("value", self.pexpr_after(("pool", [("dice", g)]))))
                if self.accept("}"):
                    return ("pool", items)
                self.expect(",")
        return ("pool", [("dice", self.group())])

    def pexpr(self):
        return self.pexpr_after(self.pool())

    def pexpr_after(self, pool):
        keep = self.keep()
        if not self.at_test():
            return ("sum", pool, keep)
        t1 = self.test()
        if self.accept("f"):
            f = self.test(bare_eq=True)
            if f is None:
                raise BruteError("failure test")
            return ("count", pool, keep, t1, f)
        if self.accept("&"):
            return ("joint", pool, keep, t1, self.test())
        return ("count", pool, keep, t1, None)


def eval_pool(node, depth):
    _, items = node
    acc = ({(): 1}, 1)
    for kind, x in items:
        if kind == "dice" and isinstance(x["n"], tuple):
            acc = merge(acc, random_dice(x, depth))
        elif kind == "dice":
            part = one_die(x, depth)
            for _ in range(x["n"]):
                acc = merge(acc, part)
        else:
            v = eval_value(x, depth)
            if isinstance(next(iter(v[0])), tuple):
                raise BruteError("joint inside a pool")
            acc = merge(acc, value_as_part(v))
    return acc


def convolve(a, b, sign):
    da, ta = a
    db, tb = b
    out = defaultdict(int)
    for ka, wa in da.items():
        for kb, wb in db.items():
            out[ka + sign * kb] += wa * wb
    return dict(out), ta * tb


def eval_value(node, depth):
    """A node's distribution: dict value -> weight (values are (a, b) for a joint), total."""
    tag = node[0]
    if tag == "const":
        return {node[1]: 1}, 1
    if tag in ("+", "-"):
        return convolve(eval_value(node[1], depth), eval_value(node[2], depth),
                        1 if tag == "+" else -1)
    if tag == "matches":
        return fold(eval_pool(node[1], depth), matches)
    if tag == "straight":
        return fold(eval_pool(node[1], depth), straight)
    if tag == "vtest":
        t = node[2]
        return fold(eval_value(node[1], depth), lambda v: 1 if t(v) else 0)
    pool = eval_pool(node[1], depth)
    keep = node[2]
    if tag == "sum":
        return fold(pool, lambda t: sum(apply_keep(t, keep)))
    if tag == "count":
        s, f = node[3], node[4]

        def count(t):
            kept = apply_keep(t, keep)
            c = sum(1 for v in kept if s(v))
            if f is not None:
                c -= sum(1 for v in kept if f(v))
            return c

        return fold(pool, count)
    if tag == "joint":
        s1, s2 = node[3], node[4]

        def pair(t):
            kept = apply_keep(t, keep)
            return (sum(1 for v in kept if s1(v)), sum(1 for v in kept if s2(v)))

        return fold(pool, pair)
    raise BruteError("node " + tag)


def run(expr, depth):
    try:
        node = Parser(expr, depth).parse()
        d, total = eval_value(node, depth)
    except (BruteError, ValueError, TypeError) as e:
        return {"expr": expr, "depth": depth, "error": str(e)}
    joint = node[0] == "joint"
    out = {}
    for k in sorted(d):
        if d[k] == 0:
            continue
        p = Fraction(d[k], total)
        key = "%d,%d" % k if joint else str(k)
        out[key] = "%d/%d" % (p.numerator, p.denominator)
    return {"expr": expr, "depth": depth, "joint": joint, "dist": out, "total": str(total)}


def main():
    if len(sys.argv) > 2:
        depth = int(sys.argv[1])
        cases = [{"expr": e, "depth": depth} for e in sys.argv[2:]]
    else:
        cases = json.load(sys.stdin)["cases"]
    results = [run(c["expr"], c["depth"]) for c in cases]
    json.dump({"results": results}, sys.stdout, indent=None)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
