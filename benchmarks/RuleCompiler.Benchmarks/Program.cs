using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using RuleCompiler.Samples;

BenchmarkSwitcher.FromAssembly(typeof(ShellGuardBenchmarks).Assembly).Run(args);

/// <summary>A first measurement of the shell-guard sample; the performance issue builds the full suite.</summary>
[MemoryDiagnoser]
public class ShellGuardBenchmarks
{
    private readonly ShellGuardInput _forcePush = new()
    {
        Command = "git",
        Subcommand = "push",
        Args = ["push", "--force", "origin", "main"],
        Line = "git push --force origin main",
        Actor = ShellGuardActor.Ai,
    };

    [Benchmark]
    public ShellGuardDecision ForcePushByAi() => ShellGuard.Evaluate(in _forcePush).Output.Decision;
}
