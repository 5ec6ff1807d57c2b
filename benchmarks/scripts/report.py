#!/usr/bin/env python3
"""Summarizes a run's JSON exports as Markdown tables and checks the targets of issue 4.

    python3 benchmarks/scripts/report.py [RESULTS_DIR] [OUTPUT_MD]

Defaults: benchmarks/results and RESULTS_DIR/summary.md (also printed). The targets are checked on the medians of the
run given; a short or dry run's numbers mean nothing for them.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bdn_results  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY_ORDER = ["first", "priority", "output-priority", "unique", "any", "collect"]


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_ratio(value, digits=2):
    return "-" if value is None else f"{value:,.{digits}f}×"


def main(argv):
    results_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "results")
    target = argv[2] if len(argv) > 2 else os.path.join(results_dir, "summary.md")
    records = bdn_results.load(results_dir)

    sets, floor, samples, references, generator, compiler, choice = {}, {}, {}, {}, {}, {}, {}
    for record in records.values():
        if record["rule_set"] and record["type"].startswith("HandWrittenChoiceBenchmarks<"):
            _, policy, rules = record["rule_set"]
            choice.setdefault((policy, rules), {})[record["method"]] = record
        elif record["rule_set"]:
            _, policy, rules = record["rule_set"]
            sets.setdefault((policy, rules), {})[record["method"]] = record
        elif record["method"] == "FrozenDictionaryLookup":
            floor[int(record["parameters"]["Rules"])] = record
        elif record["type"] == "SampleBenchmarks":
            samples[record["method"]] = record
        elif record["type"] == "SampleReferenceBenchmarks":
            references[record["parameters"]["Sample"]] = record
        elif record["type"] == "GeneratorBenchmarks":
            generator[record["parameters"]["RuleSet"]] = record
        elif record["type"] == "CompilerBenchmarks":
            compiler.setdefault(int(record["parameters"]["Rules"]), {})[record["method"]] = record

    out = [f"# Benchmark summary\n\n{bdn_results.environment(results_dir)}. Medians; allocated bytes per evaluation.\n"]

    def median(row, method):
        return row[method]["median_ns"] if method in row else None

    rows = []
    for (policy, rules) in sorted(sets, key=lambda k: (POLICY_ORDER.index(k[0]), k[1])):
        row = sets[(policy, rules)]
        gen, hand, ref = median(row, "Generated"), median(row, "HandWritten"), median(row, "Reference")
        rows.append([
            policy, f"{rules:,}",
            bdn_results.format_ns(gen), bdn_results.format_ns(hand), fmt_ratio(ratio(gen, hand)),
            bdn_results.format_ns(ref), fmt_ratio(ratio(ref, gen), 0),
            bdn_results.format_ns(floor[rules]["median_ns"]) if rules in floor else "-",
            bdn_results.format_bytes(row["Generated"]["allocated_bytes"]) if "Generated" in row else "-",
        ])
    if rows:
        out.append("## Synthetic rule sets\n")
        out.append(table(["hit", "rules", "generated", "hand-written", "generated / hand", "reference", "reference / generated", "FrozenDictionary floor", "allocated (generated)"], rows))

    if choice:
        out.append("\n## Hand-written baseline: switch or table\n")
        rows = []
        for (policy, rules) in sorted(choice, key=lambda k: (POLICY_ORDER.index(k[0]), k[1])):
            row = choice[(policy, rules)]
            switch, table_ns = median(row, "Switch"), median(row, "Table")
            rows.append([policy, f"{rules:,}", bdn_results.format_ns(switch), bdn_results.format_ns(table_ns), fmt_ratio(ratio(table_ns, switch))])
        out.append(table(["hit", "rules", "switch", "table", "table / switch"], rows))

    if samples:
        out.append("\n## Sample rule sets\n")
        names = {"ShellGuard": "shell-guard", "SafeShell": "safeshell-defaults", "AccessPolicy": "access-policy", "TaskRouter": "task-router",
                 "ModelPricing": "model-pricing", "McpInterceptEvaluateAll": "mcp-intercept", "LlmCost": "llm-cost"}
        rows = []
        for method, record in sorted(samples.items()):
            ref = references.get(names.get(method, ""))
            rows.append([method, bdn_results.format_ns(record["median_ns"]), bdn_results.format_ns(ref["median_ns"]) if ref else "-",
                         fmt_ratio(ratio(ref["median_ns"] if ref else None, record["median_ns"]), 0), bdn_results.format_bytes(record["allocated_bytes"])])
        out.append(table(["sample", "generated", "reference", "reference / generated", "allocated (generated)"], rows))

    if generator:
        out.append("\n## Generator (in-process; full profile: 3 warm-up runs, then the median and min of 5)\n")
        out.append(table(["rule set", "median", "min", "allocated"], [
            [name, bdn_results.format_ns(r["median_ns"]), bdn_results.format_ns(r["min_ns"]), f"{(r['allocated_bytes'] or 0) / 2**20:,.0f} MiB"]
            for name, r in sorted(generator.items(), key=lambda item: (item[0].rstrip("0123456789"), int(item[0][len(item[0].rstrip("0123456789")):])))]))
    if compiler:
        out.append("\n## C# compiler on the generated code (in-process Roslyn, parse + bind + emit, Release)\n")
        rows = []
        for rules, row in sorted(compiler.items()):
            alone, both = median(row, "CompileConsumerOnly"), median(row, "CompileWithGeneratedRuleSet")
            rows.append([f"{rules:,}", bdn_results.format_ns(alone), bdn_results.format_ns(both), bdn_results.format_ns(both - alone if both and alone else None)])
        out.append(table(["rules (first)", "consumer alone", "consumer + generated", "extra"], rows))

    out.append("\n## Targets of issue 4\n")
    checks = []

    def check(name, value, ok, detail):
        checks.append([name, detail, "-" if value is None else ("met" if ok else "**missed**")])

    first = {rules: row for (policy, rules), row in sets.items() if policy == "first"}
    for rules, limit in [(10, 5), (1_000, 25), (100_000, 60)]:
        value = median(first.get(rules, {}), "Generated")
        check(f"first, {rules:,} rules: ≤ {limit} ns", value, value is not None and value <= limit, bdn_results.format_ns(value))
    flat = ratio(median(first.get(100_000, {}), "Generated"), median(first.get(10, {}), "Generated"))
    check("flat: 100,000 rules ≤ 12 × 10 rules (first)", flat, flat is not None and flat <= 12, fmt_ratio(flat))
    worst = max(((ratio(median(row, "Generated"), median(row, "HandWritten")), key) for key, row in sets.items()
                 if median(row, "Generated") and median(row, "HandWritten")), default=(None, None))
    check("≤ 1.05 × hand-written (worst rule set)", worst[0], worst[0] is not None and worst[0] <= 1.05,
          f"{fmt_ratio(worst[0])} ({worst[1][0]}, {worst[1][1]:,} rules)" if worst[1] else "-")
    at_1k = [(ratio(median(row, "Reference"), median(row, "Generated")), policy) for (policy, rules), row in sets.items()
             if rules == 1_000 and median(row, "Reference") and median(row, "Generated")]
    least = min(at_1k, default=(None, None))
    check("≥ 100 × faster than the reference at 1,000 rules (least)", least[0], least[0] is not None and least[0] >= 100,
          f"{fmt_ratio(least[0], 0)} ({least[1]})" if least[1] else "-")
    allocating = [r["key"] for r in records.values() if (r["method"] == "Generated" or r["type"] == "SampleBenchmarks") and (r["allocated_bytes"] or 0) > 0]
    measured = [r for r in records.values() if r["method"] == "Generated" or r["type"] == "SampleBenchmarks"]
    check("0 bytes allocated (generated code, every rule set and sample)", len(measured) or None, not allocating,
          f"{len(measured) - len(allocating)} of {len(measured)} allocate nothing" + (f"; allocating: {', '.join(allocating[:6])}" if allocating else ""))
    gen_10k = generator.get("First10000")
    check("generator, 10,000 rules: ≤ 0.5 s", gen_10k, gen_10k is not None and gen_10k["median_ns"] <= 0.5e9, bdn_results.format_ns(gen_10k["median_ns"]) if gen_10k else "-")
    gen_100k = generator.get("First100000")
    check("generator, 100,000 rules: no failure", gen_100k, gen_100k is not None, bdn_results.format_ns(gen_100k["median_ns"]) if gen_100k else "-")
    out.append(table(["target", "measured", ""], checks))

    text = "\n".join(out) + "\n"
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
