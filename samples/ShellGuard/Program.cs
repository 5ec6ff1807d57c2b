using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler;
using RuleCompiler.Samples;
using RuleCompiler.Samples.CommandLine;

// shellguard [--actor ai|human] [--rules builtin|user|repo] [--no-layers] [--explain] <command line>
// shellguard hook [--rules builtin|user|repo] [--no-layers]
// Finds every command the line runs as a shell would run it (pipes and lists, and inside bash -c, $( ), xargs,
// find -exec, ssh and the rest: ShellCommandParser.Unwrap), evaluates each against the compiled shell-guard rules and
// the layers loaded over them (RuntimeLayers), and exits 0 (allow), 1 (deny) or 2 (ask) for the most restrictive
// decision. With --explain it also prints, for every rule, whether it held and, if not, the first test that failed.
// `hook` answers a coding agent's pre-tool-use hook (HookProtocol). --rules picks the built-in policy (the default,
// with the layers loaded at run time unless --no-layers) or one of the sample layers compiled in (rules/layers).
var actor = ShellGuardActor.Human;
var rules = "builtin";
var explain = false;
var layered = true;
var hook = args.Length > 0 && args[0] == "hook";
var words = new List<string>();
for (var i = hook ? 1 : 0; i < args.Length; i++)
{
    if (words.Count == 0 && args[i] == "--explain" && !hook)
    {
        explain = true;
    }
    else if (words.Count == 0 && args[i] == "--no-layers")
    {
        layered = false;
    }
    else if (words.Count == 0 && args[i] == "--actor" && i + 1 < args.Length && !hook)
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

if (hook)
{
    if (words.Count > 0)
    {
        return Usage($"hook reads its input from standard input and takes no command line ('{words[0]}')");
    }

    if (HookProtocol.Read(Console.In, out var input) is { } unread)
    {
        return HookProtocol.Refuse(Console.Out, Console.Error, unread);
    }

    if (HookProtocol.Parse(input!, out var request) is { } malformed)
    {
        return HookProtocol.Refuse(Console.Out, Console.Error, malformed);
    }

    // Another tool's call gets no opinion (an empty answer), here, without loading any layer.
    return request!.Command is null
        ? 0
        : Layered(request.Cwd, input) ?? HookProtocol.Answer(request, Console.Out, Policy(ShellGuardActor.Ai, request.Cwd, explain: false));
}

if (words.Count == 0)
{
    return Usage("no command line given");
}

// One argument is a whole command line ("curl x | sh"); several are the words of one, re-quoted where needed.
var line = words.Count == 1 ? words[0] : string.Join(' ', words.Select(ShellCommandParser.Quote));
if (Layered(Environment.CurrentDirectory, null) is { } layeredExit)
{
    return layeredExit;
}

var verdict = Guard.Decide(line, Policy(actor, Environment.CurrentDirectory, explain));
if (verdict.Refusal is not null)
{
    Console.WriteLine($"deny   {Shorten(line)}");
    Console.WriteLine($"       message: {verdict.Reason}");
}

foreach (var (command, result) in verdict.Commands)
{
    Console.WriteLine($"{Name(result.Decision),-5}  {command.Line}");
    if (command.Via.Length > 0)
    {
        Console.WriteLine($"       via:     {command.Via}");
    }

    Console.WriteLine(result.Rule is { } rule
        ? $"       rule:    {rule.Id} ({rule.File}:{rule.Line})"
        : "       rule:    (none: the default applies)");
    Console.WriteLine($"       message: {result.Message}");
    if (result.Trace is not null)
    {
        PrintExplanation(result.Trace);
    }
}

if (verdict.Commands.Count > 1 && verdict.DecidedBy is { } decider)
{
    Console.WriteLine($"decided by: {decider.Command.Line}{(decider.Command.Via.Length == 0 ? "" : " (via " + decider.Command.Via + ")")}");
}

Console.WriteLine($"decision: {Name(verdict.Decision)} (actor: {actor.ToString().ToLowerInvariant()}{(rules == "builtin" ? string.Empty : ", rules: " + rules)})");
return verdict.Decision switch
{
    ShellGuardDecision.Deny => 1,
    ShellGuardDecision.Ask => 2,
    _ => 0,
};

// shellguard hands the whole command to shellguard-layers, beside it, when a layer file exists for the working
// directory (null: it decides here). Apart so that the guard's binary does not carry the compiler's front end.
int? Layered(string? directory, string? input)
{
#if SHELLGUARD_LAYERS
    return null;
#else
    if (rules != "builtin" || !layered || !LayerFiles.Exist(directory))
    {
        return null;
    }

    var exit = LayerFiles.RunLayered(args, input);
    if (exit is null)
    {
        Console.Error.WriteLine($"shellguard: a layer file exists, but {LayerFiles.LayeredProgram}, which loads layers, is not beside shellguard; the built-in rules decide alone");
    }

    return exit;
#endif
}

// How one command is decided: a compiled sample layer (--rules), or the built-in rules, in shellguard-layers with the
// layers found for the working directory loaded over them. A layer that does not load is reported and left out:
// never open.
Func<ShellCommand, Verdict> Policy(ShellGuardActor who, string? directory, bool explain)
{
#if SHELLGUARD_LAYERS
    if (rules == "builtin" && layered)
    {
        var layers = RuntimeLayers.Load(LayerFiles.UserFile(), LayerFiles.RepositoryFile(directory));
        foreach (var problem in layers.Problems)
        {
            Console.Error.WriteLine("shellguard: " + problem);
        }

        return command => layers.Decide(command, who, explain);
    }
#endif

    return command => RuleSets.Decide(rules, command, who, explain);
}

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

static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

static int Usage(string? problem)
{
    if (problem is not null)
    {
        Console.Error.WriteLine($"shellguard: {problem}");
    }

    Console.Error.WriteLine("usage: shellguard [--actor ai|human] [--rules builtin|user|repo] [--no-layers] [--explain] <command line>");
    Console.Error.WriteLine("       shellguard hook [--rules builtin|user|repo] [--no-layers]   (a coding agent's pre-tool-use hook: JSON on stdin)");
    Console.Error.WriteLine("  --rules      the built-in policy (default), or a sample layer compiled in: the user's, or the repository's");
    Console.Error.WriteLine("  --no-layers  ignore ~/.config/shellguard/rules.yaml and .shellguard/rules.yaml (loaded over the built-in policy)");
    Console.Error.WriteLine("  --explain    also print every rule: held, or the first test that failed and its line");
    Console.Error.WriteLine("exits 0 for allow, 1 for deny, 2 for ask, 64 for a usage error");
    return 64;
}
