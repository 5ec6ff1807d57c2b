using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler;
using RuleCompiler.Samples;
using RuleCompiler.Samples.CommandLine;

// shellguard [--actor ai|human] [--rules builtin|user|repo] [--explain] <command line>
// Parses the command line as a POSIX shell would, evaluates every simple command of it against the compiled
// shell-guard rules, and exits 0 (allow), 1 (deny) or 2 (ask) for the most restrictive decision. With --explain it
// also prints, for every rule, whether it held and, if not, the first test that failed and where it is written.
// --rules picks the built-in policy (the default) or a layer over it: the user's, or the repository's over the user's.
var actor = ShellGuardActor.Human;
var rules = "builtin";
var explain = false;
var words = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (words.Count == 0 && args[i] == "--explain")
    {
        explain = true;
    }
    else if (words.Count == 0 && args[i] == "--actor" && i + 1 < args.Length)
    {
        if (!Enum.TryParse(args[++i], ignoreCase: true, out actor) || !Enum.IsDefined(actor))
        {
            return Usage($"unknown actor '{args[i]}': use ai or human");
        }
    }
    else if (words.Count == 0 && args[i] == "--rules" && i + 1 < args.Length)
    {
        rules = args[++i];
        if (!RuleSets.Names.Contains(rules))
        {
            return Usage($"unknown rule set '{rules}': use {string.Join(", ", RuleSets.Names)}");
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
    var result = RuleSets.Decide(rules, command, actor, explain);

    var decision = result.Decision;
    Console.WriteLine($"{Name(decision),-5}  {command.Line}");
    Console.WriteLine(result.Rule is { } rule
        ? $"       rule:    {rule.Id} ({rule.File}:{rule.Line})"
        : "       rule:    (none: the default applies)");
    Console.WriteLine($"       message: {result.Message}");
    if (result.Trace is not null)
    {
        PrintExplanation(result.Trace);
    }

    // The enum lists decisions most restrictive first (deny, ask, allow).
    if (decision < verdict)
    {
        verdict = decision;
    }
}

Console.WriteLine($"decision: {Name(verdict)} (actor: {actor.ToString().ToLowerInvariant()}{(rules == "builtin" ? string.Empty : ", rules: " + rules)})");
return verdict switch
{
    ShellGuardDecision.Deny => 1,
    ShellGuardDecision.Ask => 2,
    _ => 0,
};

// One line per rule, in file order: held, or the first test that failed with its line and column in the rule file.
static void PrintExplanation(IReadOnlyList<RuleTrace> rules)
{
    Console.WriteLine($"       rules:   {rules.Count(rule => rule.Held)} of {rules.Count} held");
    foreach (var trace in rules)
    {
        var rule = $"{trace.Rule.Id} (line {trace.Rule.Line})";
        if (trace.FirstFailure is not { } failure)
        {
            Console.WriteLine($"         held      {rule}");
            continue;
        }

        Console.WriteLine($"         not held  {rule}: {failure}");
        PrintAlternatives(failure, "             - ");
    }
}

static void PrintAlternatives(TestFailure failure, string indent)
{
    foreach (var alternative in failure.Alternatives)
    {
        Console.WriteLine(indent + alternative);
        PrintAlternatives(alternative, "  " + indent);
    }
}

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

    Console.Error.WriteLine("usage: shellguard [--actor ai|human] [--rules builtin|user|repo] [--explain] <command line>");
    Console.Error.WriteLine("  --rules    the built-in policy (default), or a layer over it: the user's, or the repository's");
    Console.Error.WriteLine("  --explain  also print every rule: held, or the first test that failed and its line");
    Console.Error.WriteLine("exits 0 for allow, 1 for deny, 2 for ask");
    return 64;
}
