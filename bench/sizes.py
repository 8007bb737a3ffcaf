#!/usr/bin/env python3
"""Compares the gzipped size of every HTML page of two builds of the same site.

    bench/sizes.py BEFORE_DIR AFTER_DIR

Prints the total and the pages that changed most; exits 1 when a page grew by more than 1 %.
"""
import gzip, os, sys

def sizes(root):
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".html"):
                p = os.path.join(d, f)
                with open(p, "rb") as fh:
                    out[os.path.relpath(p, root)] = len(gzip.compress(fh.read(), 9, mtime=0))
    return out

before, after = sizes(sys.argv[1]), sizes(sys.argv[2])
common = sorted(set(before) & set(after))
if set(before) != set(after):
    print("pages only in one build:", sorted(set(before) ^ set(after)))
change = sorted(((after[p] - before[p]) / before[p], p) for p in common)
tb, ta = sum(before[p] for p in common), sum(after[p] for p in common)
print(f"{len(common)} pages, gzipped total {tb} -> {ta} bytes ({(ta - tb) / tb:+.2%})")
for c, p in change[:3] + change[-5:]:
    print(f"  {c:+.2%}  {before[p]:6d} -> {after[p]:6d}  {p}")
sys.exit(1 if change and change[-1][0] > 0.01 else 0)
