#!/usr/bin/env bash
# Before merging: re-runs the benchmarks with a short job and compares each median with benchmarks/baseline.json,
# printing every ratio; exits 1 if a median is more than the threshold slower, or a benchmark allocates more, than
# in the baseline. Not a timed CI test: run it on a quiet machine (benchmarks/README.md).
#
#   benchmarks/compare.sh                                   # the evaluation benchmarks (about 8 minutes)
#   benchmarks/compare.sh --filter '*First*' '*Samples*'    # a part (BenchmarkDotNet arguments are passed through)
#   benchmarks/compare.sh --threshold 5                     # fail beyond 5% (default 10)
#   benchmarks/compare.sh --results DIR                     # compare existing exports, run nothing
#   benchmarks/compare.sh --profile dry                     # check the machinery quickly (numbers meaningless)
#   benchmarks/compare.sh --rule-sets full                  # also the 100,000-rule set (its build takes long)
#
# It builds the 'standard' synthetic rule sets (up to 10,000 rules); the baseline's 100,000-rule benchmarks are then
# listed as not compared.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

threshold=10
profile=short
rule_sets=standard
existing=
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threshold) threshold=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --results) existing=$2; shift 2 ;;
    --rule-sets) rule_sets=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

if [ -z "$existing" ]; then
  if ! printf '%s\n' "${args[@]+"${args[@]}"}" | grep -qx -- '--filter'; then
    # The build benchmarks take minutes each and are no merge gate: include them with --filter '*Build*'.
    args+=(--filter '*Synthetic*' '*Samples*')
  fi
  project=benchmarks/RuleCompiler.Benchmarks
  program=$project/bin/Release/net10.0/RuleCompiler.Benchmarks.dll
  artifacts=$(mktemp -d)
  trap 'rm -rf "$artifacts"' EXIT
  dotnet build -c Release "$project" -p:SyntheticRuleSets="$rule_sets"
  dotnet "$program" --profile "$profile" --artifacts "$artifacts" "${args[@]}"
  existing=$artifacts/results
fi

python3 benchmarks/scripts/compare.py "$existing" --baseline benchmarks/baseline.json --threshold "$threshold"
