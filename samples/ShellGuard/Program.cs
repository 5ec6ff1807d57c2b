using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Samples;
using RuleCompiler.Samples.CommandLine;

// shellguard [--actor ai|human] <command line>
// Parses the command line as a POSIX shell would, evaluates every simple command of it against the compiled
// shell-guard rules, and exits 0 (allow), 1 (deny) or 2 (ask) for the most restrictive decision.
var actor = ShellGuardActor.Human;
var words = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (words.Count == 0 && args[i] == "--actor" && i + 1 < args.Length)
    {
        if (!Enum.TryParse(args[++i], ignoreCase: true, out actor) || !Enum.IsDefined(actor))
        {
            return Usage($"unknown actor '{args[i]}': use ai or human");
        }
    }
    else if (words.Count == 0 && args[i] is "-h" or "--help")
    {
        return Usage(null);
    }
    else
    {
        words.Add(args[i]);
    }
}

if (words.Count == 0)
{
    return Usage("no command line given");
}

// One argument is a whole command line ("curl x | sh"); several are the words of one, re-quoted where needed.
var line = words.Count == 1 ? words[0] : string.Join(' ', words.Select(Quote));
var verdict = ShellGuardDecision.Allow;
foreach (var command in ShellCommandParser.Parse(line))
{
    var result = ShellGuard.Evaluate(ShellGuardInputs.From(command, actor));

    var decision = result.Output.Decision;
    Console.WriteLine($"{Name(decision),-5}  {command.Line}");
    Console.WriteLine(result.Rule is { } rule
        ? $"       rule:    {rule.Id} ({rule.File}:{rule.Line})"
        : "       rule:    (none: the default applies)");
    Console.WriteLine($"       message: {result.Output.Message}");

    // The enum lists decisions most restrictive first (deny, ask, allow).
    if (decision < verdict)
    {
        verdict = decision;
    }
}

Console.WriteLine($"decision: {Name(verdict)} (actor: {actor.ToString().ToLowerInvariant()})");
return verdict switch
{
    ShellGuardDecision.Deny => 1,
    ShellGuardDecision.Ask => 2,
    _ => 0,
};

static string Name(ShellGuardDecision decision) => decision.ToString().ToLowerInvariant();

static string Quote(string word) =>
    word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%^".Contains(c))
        ? word
        : "'" + word.Replace("'", "'\\''") + "'";

static int Usage(string? problem)
{
    if (problem is not null)
    {
        Console.Error.WriteLine($"shellguard: {problem}");
    }

    Console.Error.WriteLine("usage: shellguard [--actor ai|human] <command line>");
    Console.Error.WriteLine("exits 0 for allow, 1 for deny, 2 for ask");
    return 64;
}
