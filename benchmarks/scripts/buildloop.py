#!/usr/bin/env python3
"""A rule author's build loop, and the first decision, at a rule count.

For each size, writes a console project as a consumer would have it (the runtime and the generator referenced as in
samples/ShellGuard) with one rule file of N table-like rules (a command string eq/in, an actor enum, an int range),
then measures: the first build (restore excluded; `UseSharedCompilation=false`, so the C# compiler is a child
process whose peak memory `/usr/bin/time` reports), a no-op rebuild and a rebuild after editing one rule (both with
the compiler server, as an author's machine has it), the generated C# and assembly sizes, and the first decision in a
fresh process (Evaluate's first call, static initialisation included, timed inside the process; and the process's
wall time), which must be the rule the file says (the script stops otherwise). Python 3 standard library only.

    benchmarks/scripts/buildloop.py                     # 100, 1,000 and 10,000 rules
    benchmarks/scripts/buildloop.py --sizes 100000      # one size (this one builds for many minutes)
    benchmarks/scripts/buildloop.py --sizes 1000 --aot  # also the first decision of a Native AOT publish of the project
"""
import argparse
import glob
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ACTORS = ["human", "ai", "ci"]


def rule_file(count, edited=False):
    lines = [
        "ruleset: Table",
        "namespace: Bench",
        "hit: first",
        "inputs:",
        "  command: string",
        "  actor: { enum: [human, ai, ci] }",
        "  risk: int",
        "outputs:",
        "  decision: { enum: [allow, ask, deny] }",
        "  note: string",
        "default: { decision: allow, note: none }",
        "rules:",
    ]
    for i in range(count):
        # Four rules per command (count / 4 distinct commands), each on its own actor and risk band.
        command = f"cmd{i // 4}" if i % 3 else f"[cmd{i // 4}, alias{i // 4}]"
        low = (i % 4) * 25
        note = f"r{i}" + ("-edited" if edited and i == count // 2 else "")
        lines.append(
            f"  - {{ id: r{i}, when: {{ command: {command}, actor: {ACTORS[i % 3]}, risk: {{ between: [{low}, {low + 24}] }} }}, "
            f"then: {{ decision: {['ask', 'deny'][i % 2]}, note: {note} }} }}")
    return "\n".join(lines) + "\n"


PROGRAM = """using System;
using System.Diagnostics;

var clock = Stopwatch.StartNew();
var result = Bench.Table.Evaluate(new Bench.TableInput { Command = args.Length > 0 ? args[0] : "cmd1", Actor = Bench.TableActor.Ai, Risk = 30 });
clock.Stop();
Console.WriteLine(clock.Elapsed.TotalMilliseconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) + " " + result.RuleId);
"""


def project(root):
    return f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <!-- Set here, not on the command line, where it would reach the netstandard2.0 generator too. -->
    <PublishAot Condition="'$(BenchAot)' == 'true'">true</PublishAot>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="{root}/runtime/RuleCompiler.Runtime/RuleCompiler.Runtime.csproj" />
    <ProjectReference Include="{root}/generator/RuleCompiler.Generator/RuleCompiler.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
  <ItemGroup>
    <AdditionalFiles Include="table.rules.yaml" />
  </ItemGroup>
</Project>
"""


def timed_build(directory, extra):
    command = ["/usr/bin/time", "-f", "%e %M", "dotnet", "build", "-c", "Release", "--no-restore", "-nologo", "-v", "q"] + extra
    run = subprocess.run(command, cwd=directory, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"build failed in {directory}:\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}")
    elapsed, peak_kb = run.stderr.strip().splitlines()[-1].split()
    return float(elapsed), int(peak_kb) // 1024


def probe(count):
    """A command of the last four rules, and the rule that decides it for an AI actor at risk 30 (its risk band is 25-49)."""
    group = count // 4 - 1
    return f"cmd{group}", f"r{4 * group + 1}"


def first_decisions(directory, count, runs, program=None):
    program = program or ["dotnet", os.path.join(directory, "bin", "Release", "net10.0", "bench.dll")]
    command, expected = probe(count)
    inside, wall = [], []
    for _ in range(runs):
        start = time.perf_counter()
        output = subprocess.run(program + [command], capture_output=True, text=True, check=True).stdout.split()
        wall.append((time.perf_counter() - start) * 1000)
        if output[1:] != [expected]:
            sys.exit(f"{count} rules: {command} decided {output[1:]}, expected {expected}")
        inside.append(float(output[0]))
    return statistics.median(inside), statistics.median(wall)


def aot_first_decisions(directory, count, runs):
    """Publishes the same project as Native AOT and times its first decision the same way."""
    out = os.path.join(directory, "aot")
    run = subprocess.run(["dotnet", "publish", "-c", "Release", "-r", "linux-x64", "-p:BenchAot=true", "-nologo", "-v", "q", "-o", out],
                         cwd=directory, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"AOT publish failed in {directory}:\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}")
    return first_decisions(directory, count, runs, [os.path.join(out, "bench")])


def measure(root, count, work, runs):
    directory = os.path.join(work, f"n{count}")
    os.makedirs(directory)
    with open(os.path.join(directory, "bench.csproj"), "w") as f:
        f.write(project(root))
    with open(os.path.join(directory, "Program.cs"), "w") as f:
        f.write(PROGRAM)
    with open(os.path.join(directory, "table.rules.yaml"), "w") as f:
        f.write(rule_file(count))
    subprocess.run(["dotnet", "restore", "-nologo", "-v", "q"], cwd=directory, check=True, capture_output=True)
    first, first_peak = timed_build(directory, ["-p:UseSharedCompilation=false", "-nodeReuse:false"])
    noop, _ = timed_build(directory, [])
    with open(os.path.join(directory, "table.rules.yaml"), "w") as f:
        f.write(rule_file(count, edited=True))
    edit, _ = timed_build(directory, [])
    generated = sum(os.path.getsize(p) for p in glob.glob(os.path.join(directory, "obj", "Release", "net10.0", "generated", "**", "*.g.cs"), recursive=True))
    assembly = os.path.getsize(os.path.join(directory, "bin", "Release", "net10.0", "bench.dll"))
    inside, wall = first_decisions(directory, count, runs)
    return first, first_peak, noop, edit, generated, assembly, inside, wall, directory


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=10, help="fresh processes per size for the first decision")
    parser.add_argument("--aot", action="store_true", help="also publish each size as Native AOT and time its first decision")
    options = parser.parse_args()
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    # The generator and runtime are built once, so that the first build of each size measures the rule file's cost.
    subprocess.run(["dotnet", "build", "-c", "Release", "-nologo", "-v", "q", os.path.join(root, "generator", "RuleCompiler.Generator")], check=True, capture_output=True)
    aot_header, aot_rule = (" Native AOT first decision (in process) ms | AOT process wall ms |", "---:|---:|") if options.aot else ("", "")
    print("| rules | first build s | C# compiler peak MiB | no-op rebuild s | rebuild after one edit s | generated C# | per rule | assembly | first decision (in process) ms | process wall ms |" + aot_header)
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + aot_rule)
    with tempfile.TemporaryDirectory() as work:
        for count in options.sizes:
            first, peak, noop, edit, generated, assembly, inside, wall, directory = measure(root, count, work, options.runs)
            aot = ""
            if options.aot:
                aot_inside, aot_wall = aot_first_decisions(directory, count, options.runs)
                aot = f" {aot_inside:.3f} | {aot_wall:.0f} |"
            print(f"| {count:,} | {first:.1f} | {peak:,} | {noop:.1f} | {edit:.1f} | {generated / 1e6:.2f} MB | {generated // count:,} B | "
                  f"{assembly / 1e6:.2f} MB | {inside:.2f} | {wall:.0f} |" + aot)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
