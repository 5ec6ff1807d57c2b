using System;
using System.Collections.Generic;

namespace RuleCompiler.Samples.CommandLine;

/// <summary>What a rule set decided for one command: the decision, the rule (null: the default), the message and, with --explain, every rule's trace.</summary>
public sealed record Verdict(ShellGuardDecision Decision, RuleInfo? Rule, string Message, IReadOnlyList<RuleTrace>? Trace);

/// <summary>
/// The three compiled rule sets the sample can decide with: the built-in policy and the two layers over it (spec §12),
/// each its own generated class with its own input and output types of the same shape.
/// </summary>
public static class RuleSets
{
    public static readonly string[] Names = ["builtin", "user", "repo"];

    public static Verdict Decide(string rules, ShellCommand command, ShellGuardActor actor, bool explain) => rules switch
    {
        "user" => Decide(
            new UserShellGuardInput
            {
                Command = command.Command, Subcommand = command.Subcommand, Args = command.Args, Line = command.Line,
                PipesTo = command.PipesTo, Actor = (UserShellGuardActor)actor, Elevated = command.Elevated,
            },
            static input => UserShellGuard.Evaluate(in input),
            static input => UserShellGuard.Explain(in input),
            static output => ((ShellGuardDecision)output.Decision, output.Message),
            explain),
        "repo" => Decide(
            new RepoShellGuardInput
            {
                Command = command.Command, Subcommand = command.Subcommand, Args = command.Args, Line = command.Line,
                PipesTo = command.PipesTo, Actor = (RepoShellGuardActor)actor, Elevated = command.Elevated,
            },
            static input => RepoShellGuard.Evaluate(in input),
            static input => RepoShellGuard.Explain(in input),
            static output => ((ShellGuardDecision)output.Decision, output.Message),
            explain),
        "builtin" => Decide(
            ShellGuardInputs.From(command, actor),
            static input => ShellGuard.Evaluate(in input),
            static input => ShellGuard.Explain(in input),
            static output => (output.Decision, output.Message),
            explain),
        _ => throw new ArgumentOutOfRangeException(nameof(rules), rules, "unknown rule set"),
    };

    // Explain allocates and checks every rule; its decision is exactly what Evaluate returns.
    private static Verdict Decide<TInput, TOutput>(
        TInput input,
        Func<TInput, RuleResult<TOutput>> evaluate,
        Func<TInput, RuleExplanation<RuleResult<TOutput>>> explainer,
        Func<TOutput, (ShellGuardDecision Decision, string Message)> read,
        bool explain)
    {
        var explanation = explain ? explainer(input) : null;
        var result = explanation?.Decision ?? evaluate(input);
        var (decision, message) = read(result.Output);
        return new(decision, result.Rule, message, explanation?.Rules);
    }
}
