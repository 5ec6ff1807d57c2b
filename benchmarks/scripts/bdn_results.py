"""Reads BenchmarkDotNet's full JSON exports (*-report-full.json): one record per benchmark, keyed stably.

Shared by make_baseline.py, compare.py, report.py and plot_scaling.py. Python 3 standard library only.
"""

import glob
import json
import os
import re

# SyntheticBenchmarks<OutputPriority1000> -> ("OutputPriority1000", "output-priority", 1000)
_RULE_SET = re.compile(r"^(First|Priority|OutputPriority|Unique|Any|Collect)(\d+)$")
POLICY_NAMES = {
    "First": "first",
    "Priority": "priority",
    "OutputPriority": "output-priority",
    "Unique": "unique",
    "Any": "any",
    "Collect": "collect",
}


def benchmark_key(entry):
    """Type.Method(Parameters), e.g. SyntheticBenchmarks<First10>.Generated or FloorBenchmarks.FrozenDictionaryLookup(Rules=10)."""
    key = f"{entry['Type']}.{entry['Method']}"
    if entry.get("Parameters"):
        key += f"({entry['Parameters']})"
    return key


def rule_set_of(entry):
    """(runner name, policy, rules) for a benchmark over a synthetic rule set (a generic class), else None."""
    match = re.search(r"<(\w+)>", entry["Type"])
    if not match:
        return None
    name = match.group(1)
    parts = _RULE_SET.match(name)
    if not parts:
        return None
    return name, POLICY_NAMES[parts.group(1)], int(parts.group(2))


def parameters_of(entry):
    params = {}
    for pair in (entry.get("Parameters") or "").split("&"):
        if "=" in pair:
            name, value = pair.split("=", 1)
            params[name] = value
    return params


def load(results_dir):
    """Every benchmark of every *-report-full.json under results_dir: a dict key -> record."""
    files = sorted(glob.glob(os.path.join(results_dir, "*-report-full.json")))
    if not files:
        raise SystemExit(f"no *-report-full.json in {results_dir}")
    records = {}
    for path in files:
        with open(path, encoding="utf-8") as handle:
            report = json.load(handle)
        for entry in report.get("Benchmarks", []):
            stats = entry.get("Statistics") or {}
            memory = entry.get("Memory") or {}
            if not stats:
                continue  # a benchmark that failed has no statistics
            records[benchmark_key(entry)] = {
                "key": benchmark_key(entry),
                "type": entry["Type"],
                "method": entry["Method"],
                "parameters": parameters_of(entry),
                "rule_set": rule_set_of(entry),
                "median_ns": stats["Median"],
                "mean_ns": stats["Mean"],
                "min_ns": stats["Min"],
                "stddev_ns": stats.get("StandardDeviation"),
                "n": stats.get("N"),
                "allocated_bytes": memory.get("BytesAllocatedPerOperation"),
                "file": os.path.basename(path),
            }
    return records


def environment(results_dir):
    """The host description of the first report (CPU, runtime), for headers."""
    for path in sorted(glob.glob(os.path.join(results_dir, "*-report-full.json"))):
        with open(path, encoding="utf-8") as handle:
            info = json.load(handle).get("HostEnvironmentInfo") or {}
        if info:
            cpu = info.get("ProcessorName", "?")
            cores = info.get("PhysicalCoreCount", "?")
            runtime = info.get("RuntimeVersion", "?")
            return f"{cpu}, {cores} cores, {runtime}, BenchmarkDotNet {info.get('BenchmarkDotNetVersion', '?')}"
    return "unknown host"


def format_ns(ns):
    if ns is None:
        return "-"
    if ns >= 1_000_000:
        return f"{ns / 1_000_000:,.2f} ms"
    if ns >= 1_000:
        return f"{ns / 1_000:,.2f} µs"
    return f"{ns:,.2f} ns"


def format_bytes(value):
    if value is None:
        return "?"
    return f"{int(value):,} B"
