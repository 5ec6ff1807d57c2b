#!/usr/bin/env bash
# The full benchmark run (benchmarks/README.md): builds the suite in Release with every synthetic rule set, checks that
# every evaluator agrees on every input, runs every benchmark with the full profile, then copies the JSON and Markdown
# exports into benchmarks/results/ and rebuilds benchmarks/baseline.json, results/scaling.svg and results/summary.md.
# Run it on a quiet machine (benchmarks/README.md, "How long").
#
#   benchmarks/run-full.sh                          # everything
#   benchmarks/run-full.sh --filter '*Synthetic*'   # a part (BenchmarkDotNet arguments are passed through);
#                                                   # the exports of the part replace results/ entirely
#   SYNTHETIC_RULE_SETS=standard benchmarks/run-full.sh   # without the 100,000-rule set, whose build is long
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project=benchmarks/RuleCompiler.Benchmarks
program=$project/bin/Release/net10.0/RuleCompiler.Benchmarks.dll
results=benchmarks/results
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT

args=("$@")
if ! printf '%s\n' "${args[@]}" | grep -qx -- '--filter'; then
  args+=(--filter '*')
fi

start=$(date +%s)
dotnet build -c Release "$project" -p:SyntheticRuleSets="${SYNTHETIC_RULE_SETS:-full}"
dotnet "$program" --verify
status=0
dotnet "$program" --profile full --artifacts "$artifacts" "${args[@]}" || status=$?

mkdir -p "$results"
rm -f "$results"/*-report-full.json "$results"/*-report-github.md
cp "$artifacts"/results/*-report-full.json "$artifacts"/results/*-report-github.md "$results"/
python3 benchmarks/scripts/make_baseline.py "$results" benchmarks/baseline.json
python3 benchmarks/scripts/plot_scaling.py "$results" "$results/scaling.svg"
python3 benchmarks/scripts/report.py "$results" "$results/summary.md" > /dev/null
echo "run-full: $(( ($(date +%s) - start) / 60 )) min; exports in $results, medians in benchmarks/baseline.json, summary in $results/summary.md"
if [ "$status" -ne 0 ]; then
  echo "run-full: some benchmarks failed (exit $status); their results are missing: see the log above" >&2
fi
exit "$status"
