#!/usr/bin/env python3
"""Writes benchmarks/baseline.json from a run's JSON exports: each benchmark's median (ns) and allocated bytes per operation.

    python3 benchmarks/scripts/make_baseline.py [RESULTS_DIR] [BASELINE_JSON]

Defaults: benchmarks/results and benchmarks/baseline.json. Run it after a full run on a quiet machine (run-full.sh
does), never after a noisy or short one: compare.sh measures against it.
"""

import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bdn_results  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv):
    results_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "results")
    target = argv[2] if len(argv) > 2 else os.path.join(HERE, "..", "baseline.json")
    records = bdn_results.load(results_dir)
    baseline = {
        "description": "Medians per benchmark of a full run (benchmarks/run-full.sh); compare.sh measures against them.",
        "created": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "host": bdn_results.environment(results_dir),
        "benchmarks": {
            key: {
                "median_ns": round(record["median_ns"], 4),
                "allocated_bytes": record["allocated_bytes"],
            }
            for key, record in sorted(records.items())
        },
    }
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(baseline, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"{target}: {len(records)} benchmarks from {os.path.abspath(results_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
