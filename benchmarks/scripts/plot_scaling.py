#!/usr/bin/env python3
"""Draws ns per evaluation against rule count (log-log) from a run's JSON exports, as an SVG written by hand.

    python3 benchmarks/scripts/plot_scaling.py [RESULTS_DIR] [OUTPUT_SVG]

Defaults: benchmarks/results and benchmarks/results/scaling.svg. One column per hit policy measured at three sizes or
more (first and collect in a full run): above, log-log, the generated code, the hand-written baseline, the reference
evaluator and the FrozenDictionary floor; below, a linear time axis without the reference evaluator, where the
distance between the generated code and the hand-written baseline shows. The issue's targets are marked for first.
"""

import math
import os
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bdn_results  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

SERIES = [
    ("Generated", "generated code", "#1f77b4", ""),
    ("HandWritten", "hand-written baseline", "#ff7f0e", ""),
    ("Reference", "reference evaluator", "#7f7f7f", "6,4"),
    ("Floor", "FrozenDictionary lookup (floor)", "#2ca02c", "2,3"),
]
TARGETS = {10: 5.0, 1_000: 25.0, 100_000: 60.0}  # ns, issue 4, for a typical shape

PANEL_W, PANEL_H = 460, 360
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 78, 32, 40, 50


def collect_series(records):
    """policy -> series name -> sorted [(rules, median ns)]; the floor is shared by every policy."""
    by_policy, floor = {}, []
    for record in records.values():
        if record["rule_set"]:
            _, policy, rules = record["rule_set"]
            by_policy.setdefault(policy, {}).setdefault(record["method"], []).append((rules, record["median_ns"]))
        elif record["method"] == "FrozenDictionaryLookup":
            floor.append((int(record["parameters"]["Rules"]), record["median_ns"]))
    for series in by_policy.values():
        series["Floor"] = floor
        for points in series.values():
            points.sort()
    return by_policy


def short_ns(ns):
    """Axis labels: 1 ns, 10 ns, 100 ns, 1 µs, ... (decades) or plain numbers of ns."""
    for unit, size in (("ms", 1e6), ("µs", 1e3), ("ns", 1)):
        if ns >= size:
            value = ns / size
            return f"{value:g} {unit}"
    return f"{ns:g} ns"


def nice_step(span, ticks=5):
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def panel(title, series, names, left, top, targets, log_y):
    points = [p for name in names for p in series.get(name, []) if p[1] > 0]
    xs = [p[0] for p in points] + list(targets)
    ys = [p[1] for p in points] + list(targets.values())
    x_lo, x_hi = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    if x_hi == x_lo:
        x_hi += 1
    if log_y:
        y_lo, y_hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
        if y_hi == y_lo:
            y_hi += 1
        y_ticks = [10 ** d for d in range(y_lo, y_hi + 1)]
        y_min, y_max = 10 ** y_lo, 10 ** y_hi
    else:
        step = nice_step(max(ys) * 1.1)
        y_min, y_max = 0.0, step * math.ceil(max(ys) * 1.1 / step)
        y_ticks = [i * step for i in range(int(round(y_max / step)) + 1)]
    plot_w, plot_h = PANEL_W - MARGIN_L - MARGIN_R, PANEL_H - MARGIN_T - MARGIN_B

    def x_of(value):
        return left + MARGIN_L + (math.log10(value) - x_lo) / (x_hi - x_lo) * plot_w

    def y_of(value):
        if log_y:
            fraction = (math.log10(value) - math.log10(y_min)) / (math.log10(y_max) - math.log10(y_min))
        else:
            fraction = (value - y_min) / (y_max - y_min)
        return top + MARGIN_T + plot_h - fraction * plot_h

    out = [f'<text x="{left + MARGIN_L + plot_w / 2:.1f}" y="{top + 24}" text-anchor="middle" font-size="14" font-weight="bold">{escape(title)}</text>']
    for decade in range(x_lo, x_hi + 1):
        x = x_of(10 ** decade)
        out.append(f'<line x1="{x:.1f}" y1="{top + MARGIN_T}" x2="{x:.1f}" y2="{top + MARGIN_T + plot_h}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{x:.1f}" y="{top + MARGIN_T + plot_h + 18}" text-anchor="middle" font-size="12">{10 ** decade:,}</text>')
    for tick in y_ticks:
        y = y_of(tick)
        out.append(f'<line x1="{left + MARGIN_L}" y1="{y:.1f}" x2="{left + MARGIN_L + plot_w}" y2="{y:.1f}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{left + MARGIN_L - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{short_ns(tick)}</text>')
    out.append(f'<rect x="{left + MARGIN_L}" y="{top + MARGIN_T}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')
    out.append(f'<text x="{left + MARGIN_L + plot_w / 2:.1f}" y="{top + PANEL_H - 12}" text-anchor="middle" font-size="12">rules (log scale)</text>')
    axis = "time per evaluation, median" + (" (log scale)" if log_y else "")
    out.append(f'<text transform="translate({left + 14},{top + MARGIN_T + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" font-size="12">{axis}</text>')

    for name, _, color, dash in SERIES:
        if name not in names:
            continue
        data = [p for p in series.get(name, []) if p[1] > 0]
        if not data:
            continue
        path = " ".join(f"{'M' if i == 0 else 'L'}{x_of(r):.1f},{y_of(ns):.1f}" for i, (r, ns) in enumerate(data))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2"{dash_attr}/>')
        for rules, ns in data:
            out.append(f'<circle cx="{x_of(rules):.1f}" cy="{y_of(ns):.1f}" r="3.5" fill="{color}"><title>{escape(name)}, {rules:,} rules: {escape(bdn_results.format_ns(ns))}</title></circle>')
    for rules, ns in targets.items():
        x, y = x_of(rules), y_of(ns)
        out.append(f'<path d="M{x - 8:.1f},{y:.1f} L{x + 8:.1f},{y:.1f}" stroke="#d62728" stroke-width="2.5"><title>target: at most {ns:g} ns at {rules:,} rules</title></path>')
    return out


def main(argv):
    results_dir = argv[1] if len(argv) > 1 else os.path.join(HERE, "..", "results")
    target = argv[2] if len(argv) > 2 else os.path.join(results_dir, "scaling.svg")
    by_policy = collect_series(bdn_results.load(results_dir))
    order = ["first", "collect", "priority", "output-priority", "unique", "any"]
    policies = [p for p in order if len({r for r, _ in by_policy.get(p, {}).get("Generated", [])}) >= 3]
    if not policies:
        policies = [p for p in order if by_policy.get(p, {}).get("Generated")][:2]
    if not policies:
        raise SystemExit("no synthetic benchmark results to plot")

    all_series = [name for name, *_ in SERIES]
    fast_series = ["Generated", "HandWritten", "Floor"]
    width, height = PANEL_W * len(policies), 2 * PANEL_H + 54
    body = []
    for i, policy in enumerate(policies):
        targets = TARGETS if policy == "first" else {}
        body += panel(f"hit: {policy}", by_policy[policy], all_series, i * PANEL_W, 0, targets, log_y=True)
        body += panel(f"hit: {policy}, without the reference evaluator", by_policy[policy], fast_series, i * PANEL_W, PANEL_H, targets, log_y=False)
    x, y = 20, 2 * PANEL_H + 14
    for _, label, color, dash in SERIES:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<path d="M{x},{y} L{x + 28},{y}" stroke="{color}" stroke-width="2"{dash_attr}/>')
        body.append(f'<text x="{x + 34}" y="{y + 4}" font-size="12">{escape(label)}</text>')
        x += 40 + 7 * len(label)
    if "first" in policies:
        body.append(f'<path d="M{x},{y} L{x + 14},{y}" stroke="#d62728" stroke-width="2.5"/>')
        body.append(f'<text x="{x + 20}" y="{y + 4}" font-size="12">target (issue 4)</text>')
    body.append(f'<text x="20" y="{height - 8}" font-size="11" fill="#555">{escape(bdn_results.environment(results_dir))}; medians of BenchmarkDotNet runs</text>')

    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif">\n'
           f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n")
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(svg)
    print(f"{target}: {', '.join(policies)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
