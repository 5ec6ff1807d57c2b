using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using RuleCompiler.Benchmarks;
using RuleCompiler.Benchmarks.Build;
using RuleCompiler.Benchmarks.Infrastructure;

// --profile full|short|dry chooses the jobs (benchmarks/README.md); --verify checks every evaluator on every input
// without measuring anything; --probe-build First10000 [file] times one generator run and one compilation of its
// output; everything else goes to BenchmarkDotNet (--filter, --list, --artifacts, ...).
var rest = Profile.Take(args);
if (rest.Length > 0 && rest[0] == "--verify")
{
    return Verification.Run(Console.Out);
}

if (rest.Length is 2 or 3 && rest[0] == "--probe-build")
{
    return BuildProbe.Run(Console.Out, rest[1], rest.Length == 3 ? rest[2] : null);
}

// The default configuration without its exporters: each class's config (Configs.cs) adds JSON and GitHub Markdown.
var config = ManualConfig.CreateEmpty()
    .AddLogger(ConsoleLogger.Default)
    .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
    .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
    .AddValidator(DefaultConfig.Instance.GetValidators().ToArray());
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Verification).Assembly).Run(rest, config);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
