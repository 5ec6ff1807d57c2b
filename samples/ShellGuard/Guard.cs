using System;
using System.Collections.Generic;

namespace RuleCompiler.Samples.CommandLine;

/// <summary>What one command of a line was decided.</summary>
public sealed record CommandVerdict(ShellCommand Command, Verdict Verdict);

/// <summary>
/// What a whole command line was decided: the most restrictive decision of every command it runs (deny &gt; ask &gt;
/// allow), the command that decided it (the first with that decision), or the limit the line went past (a deny).
/// </summary>
public sealed record LineVerdict(ShellGuardDecision Decision, IReadOnlyList<CommandVerdict> Commands, CommandVerdict? DecidedBy, string? Refusal)
{
    /// <summary>Why, in one line: the deciding rule's message and the command it was about.</summary>
    public string Reason => Refusal is not null
        ? "shellguard: " + Refusal + ": denied rather than checked in part"
        : DecidedBy is not { } decider
            ? "No rule matched; allowed."
            : decider.Verdict.Message + (decider.Command.Via.Length == 0 && Commands.Count == 1 ? "" : $" (`{decider.Command.Line}`{(decider.Command.Via.Length == 0 ? "" : " via " + decider.Command.Via)})");
}

/// <summary>Decides command lines: every command a shell would run, nested ones included, each by a policy.</summary>
public static class Guard
{
    /// <summary>Unwraps <paramref name="line"/> and decides each command it runs with <paramref name="decide"/>.</summary>
    public static LineVerdict Decide(string line, Func<ShellCommand, Verdict> decide)
    {
        var unwrapped = ShellCommandParser.Unwrap(line);
        if (unwrapped.Refusal is { } refusal)
        {
            return new LineVerdict(ShellGuardDecision.Deny, [], null, refusal);
        }

        var verdicts = new List<CommandVerdict>(unwrapped.Commands.Count);
        CommandVerdict? decidedBy = null;
        foreach (var command in unwrapped.Commands)
        {
            var verdict = new CommandVerdict(command, decide(command));
            verdicts.Add(verdict);

            // The enum lists decisions most restrictive first (deny, ask, allow).
            if (decidedBy is null || verdict.Verdict.Decision < decidedBy.Verdict.Decision)
            {
                decidedBy = verdict;
            }
        }

        return new LineVerdict(decidedBy?.Verdict.Decision ?? ShellGuardDecision.Allow, verdicts, decidedBy, null);
    }
}
