#!/usr/bin/env python3
"""Compares a run's medians with benchmarks/baseline.json; prints each ratio; exits 1 on a regression.

    python3 benchmarks/scripts/compare.py RESULTS_DIR [--baseline FILE] [--threshold PERCENT]

A regression is a median more than THRESHOLD percent (default 10) above the baseline's, or more bytes allocated per
operation than the baseline's. Benchmarks missing from either side are listed, not failed (a filter may select a few).
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bdn_results  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", help="directory holding the run's *-report-full.json")
    parser.add_argument("--baseline", default=os.path.join(HERE, "..", "baseline.json"))
    parser.add_argument("--threshold", type=float, default=10.0, help="percent slower than the baseline that fails (default 10)")
    args = parser.parse_args()

    import json

    with open(args.baseline, encoding="utf-8") as handle:
        baseline = json.load(handle)["benchmarks"]
    current = bdn_results.load(args.results)

    limit = 1 + args.threshold / 100
    rows, regressions = [], []
    for key in sorted(current):
        if key not in baseline:
            continue
        base, now = baseline[key], current[key]
        ratio = now["median_ns"] / base["median_ns"] if base["median_ns"] else float("inf")
        allocated_before, allocated_now = base.get("allocated_bytes"), now["allocated_bytes"]
        more_memory = allocated_before is not None and allocated_now is not None and allocated_now > allocated_before
        verdict = "REGRESSION" if ratio > limit or more_memory else ("faster" if ratio < 1 / limit else "ok")
        if verdict == "REGRESSION":
            regressions.append(key)
        rows.append((key, bdn_results.format_ns(base["median_ns"]), bdn_results.format_ns(now["median_ns"]), f"{ratio:.3f}",
                     f"{bdn_results.format_bytes(allocated_before)} -> {bdn_results.format_bytes(allocated_now)}", verdict))

    if rows:
        widths = [max(len(str(row[i])) for row in rows + [HEADER]) for i in range(len(HEADER))]
        for row in [HEADER] + rows:
            print("  ".join(str(cell).ljust(width) if i == 0 else str(cell).rjust(width) for i, (cell, width) in enumerate(zip(row, widths))))
    else:
        print("no benchmark of this run is in the baseline")

    only_now = sorted(set(current) - set(baseline))
    if only_now:
        print(f"\n{len(only_now)} benchmark(s) not in the baseline (not compared): " + ", ".join(only_now[:10]) + (" ..." if len(only_now) > 10 else ""))
    print(f"\n{len(rows)} compared, threshold {args.threshold:g}%: "
          + (f"{len(regressions)} regression(s): " + ", ".join(regressions) if regressions else "no regression"))
    return 1 if regressions else 0


HEADER = ("benchmark", "baseline", "now", "ratio", "allocated", "")

if __name__ == "__main__":
    sys.exit(main())
