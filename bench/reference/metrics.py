"""Peer for bench/metrics.bench.ts: AUROC with tied scores averaged (Mann-Whitney U on average ranks) in NumPy.

Reads float64 scores and uint8 labels from the files given on the command line, times the computation (median of
repeats) and prints JSON. scikit-learn is not installed on this machine; this is the same statistic in NumPy.
"""
import json
import sys
import time

import numpy as np


def auroc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    s = scores[order]
    y = labels[order]
    # Average rank of each group of tied scores.
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    ends = np.r_[starts[1:], len(s)]
    avg = (starts + ends + 1) / 2.0
    ranks = np.repeat(avg, ends - starts)
    pos = y.sum()
    neg = len(y) - pos
    return (ranks[y == 1].sum() - pos * (pos + 1) / 2.0) / (pos * neg)


def main():
    scores = np.fromfile(sys.argv[1], dtype=np.float64)
    labels = np.fromfile(sys.argv[2], dtype=np.uint8)
    repeats = int(sys.argv[3])
    ms = []
    value = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        value = auroc(scores, labels)
        ms.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"numpy": np.__version__, "auroc": float(value), "ms": ms, "medianMs": sorted(ms)[len(ms) // 2]}))


if __name__ == "__main__":
    main()
