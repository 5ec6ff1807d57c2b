using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleCompiler;

namespace RuleCompiler.Samples.CommandLine;

/// <summary>
/// The rule files ShellGuard layers over its built-in rules while it runs (spec §12, loaded with RuleCompiler.Loader):
/// the user's (<c>$XDG_CONFIG_HOME/shellguard/rules.yaml</c>, by default <c>~/.config/shellguard/rules.yaml</c>), and
/// the repository's (the nearest <c>.shellguard/rules.yaml</c> up from the working directory) over the user's.
/// </summary>
/// <remarks>
/// <para>
/// A user's layer writes <c>extends: builtin.rules.yaml</c>: that name, in any folder, is the built-in policy, served
/// from the program itself. A repository's layer writes <c>extends: user.rules.yaml</c>: beside it, that name is the
/// policy under it, the user's layer when there is one that loads, the built-in policy otherwise.
/// </para>
/// <para>
/// Never open: a layer that does not load (an error in it, a file that cannot be read, a file that does not layer over
/// the name it must) is reported with its diagnostics and left out, and the policy under it decides. A repository is
/// not trusted: its layer should declare <c>restrict-only: true</c> (the loader then proves it never decides less
/// restrictively and reports the rule that would, RC3012), and whatever it declares, ShellGuard takes the more
/// restrictive of its decision and the decision of the policy under it.
/// </para>
/// </remarks>
public sealed class RuntimeLayers
{
    /// <summary>The reserved name of the built-in policy in a layer's <c>extends</c>.</summary>
    public const string BuiltinName = "builtin.rules.yaml";

    /// <summary>The reserved name, beside a repository's layer, of the policy under it.</summary>
    public const string UserName = "user.rules.yaml";

    /// <summary>Rule files are small; a bigger one is refused rather than read.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private RuntimeLayers(Layer? user, Layer? repository, IReadOnlyList<string> problems)
    {
        User = user;
        Repository = repository;
        Problems = problems;
    }

    /// <summary>No layers: the built-in rules decide alone.</summary>
    public static RuntimeLayers None { get; } = new(null, null, []);

    /// <summary>The user's layer, loaded; null when there is none or it did not load.</summary>
    public Layer? User { get; }

    /// <summary>The repository's layer, loaded over the user's; null when there is none or it did not load.</summary>
    public Layer? Repository { get; }

    /// <summary>What went wrong loading the layers, one line each, as the build prints diagnostics; empty when nothing did.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>
    /// The built-in policy with the layers loaded at run time over it (<see cref="RuntimeLayers"/>): the user's layer
    /// decides in its place, and a repository's layer over that, never less restrictively than the policy under it.
    /// </summary>
    public Verdict Decide(ShellCommand command, ShellGuardActor actor, bool explain)
    {
        var under = User is { } user ? Decide(user, command, actor, explain) : RuleSets.Decide("builtin", command, actor, explain);
        if (Repository is not { } repository)
        {
            return under;
        }

        var verdict = Decide(repository, command, actor, explain);
        return verdict.Decision <= under.Decision ? verdict : under;
    }

    private static Verdict Decide(Layer layer, ShellCommand command, ShellGuardActor actor, bool explain)
    {
        var input = RuleSetInput.From(new Dictionary<string, object?>
        {
            ["command"] = command.Command,
            ["subcommand"] = command.Subcommand,
            ["args"] = command.Args,
            ["line"] = command.Line,
            ["pipes_to"] = command.PipesTo,
            ["actor"] = actor == ShellGuardActor.Ai ? "ai" : "human",
            ["elevated"] = command.Elevated,
        });
        var explanation = explain ? layer.RuleSet.Explain(in input) : null;
        var result = explanation?.Decision ?? layer.RuleSet.Evaluate(in input);
        var decision = (string)result.Output["decision"]! switch
        {
            "deny" => ShellGuardDecision.Deny,
            "ask" => ShellGuardDecision.Ask,
            "allow" => ShellGuardDecision.Allow,
            var other => throw new InvalidOperationException($"{layer.Path} decided '{other}', which the built-in policy does not declare"),
        };
        return new(decision, result.Rule, (string)result.Output["message"]!, explanation?.Rules);
    }

    /// <summary>Loads the user's layer from <paramref name="userFile"/> and the repository's from <paramref name="repositoryFile"/> (either may be null).</summary>
    public static RuntimeLayers Load(string? userFile, string? repositoryFile)
    {
        if (userFile is null && repositoryFile is null)
        {
            return None;
        }

        var problems = new List<string>();
        var builtin = BuiltinText();
        var user = userFile is null ? null : Load(userFile, BuiltinName, builtin, passThrough: null, problems);

        Layer? repository = null;
        if (repositoryFile is not null)
        {
            // Beside the repository's file, user.rules.yaml is a layer that adds nothing to the policy under it.
            var under = user is null ? BuiltinName : Path.GetFullPath(userFile!);
            var passThrough = $"# served by shellguard: the policy under this repository's layer\nruleset: PolicyUnderRepository\nextends: \"{under.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"\nrules: []\n";
            repository = Load(repositoryFile, UserName, builtin, passThrough, problems);
            if (repository is not null && !DeclaresRestrictOnly(repository.Text))
            {
                problems.Add($"{repositoryFile}: warning: a repository's layer should declare `restrict-only: true`; where it decides less restrictively than the policy under it, that policy's decision applies");
            }
        }

        return new RuntimeLayers(user, repository, problems);
    }

    private static Layer? Load(string path, string baseName, string builtin, string? passThrough, List<string> problems)
    {
        var text = ReadFile(path, out var problem);
        if (text is null)
        {
            problems.Add($"{path}: error: {problem}; this layer is left out");
            return null;
        }

        path = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(path);
        var options = new LoadOptions
        {
            ReadFile = file =>
                Path.GetFileName(file) == BuiltinName ? builtin
                : passThrough is not null && Path.GetFileName(file) == UserName && string.Equals(Path.GetDirectoryName(Path.GetFullPath(file)), folder, StringComparison.Ordinal) ? passThrough
                : ReadFile(file, out _),
        };
        var result = RuleSetLoader.Load(text, path, options);
        // Errors and warnings; the build's information (rule coverage of the file's tests) is for `rulec test`.
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity != RuleDiagnosticSeverity.Info))
        {
            problems.Add(diagnostic.ToString());
        }

        if (result.RuleSet is not { } ruleSet)
        {
            problems.Add($"{path}: error: the layer did not load; this layer is left out, the policy under it decides");
            return null;
        }

        // A layer stands over the policy it names: a file that names none would replace the built-in rules.
        if (!result.Sources.Contains(SourcePath(folder!, baseName)))
        {
            problems.Add($"{path}: error: a layer must begin with `extends: {baseName}` (it does not layer over {(baseName == BuiltinName ? "the built-in policy" : "the policy under it")}); this layer is left out");
            return null;
        }

        if (!ruleSet.Contract.Equals(ShellGuard.Contract))
        {
            problems.Add($"{path}: error: the layer declares {ruleSet.Contract}, not the built-in policy's {ShellGuard.Contract}; this layer is left out");
            return null;
        }

        return new Layer(path, text, ruleSet);
    }

    /// <summary>
    /// Whether the file declares <c>restrict-only: true</c> at its top level, as a line of its own (the loader proves
    /// it; this only tells whether to warn that it was not asked to). No regex: nothing is built on a guard's start-up.
    /// </summary>
    private static bool DeclaresRestrictOnly(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            var content = (comment < 0 ? line : line[..comment]).TrimEnd();
            if (content.StartsWith("restrict-only:", StringComparison.Ordinal) && content["restrict-only:".Length..].Trim() == "true")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A path as the loader names it in <see cref="RuleSetLoadResult{TInput, TOutput}.Sources"/>: '/' separators.</summary>
    private static string SourcePath(string folder, string name) => (folder + "/" + name).Replace('\\', '/');

    private static string? ReadFile(string path, out string? problem)
    {
        problem = null;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                problem = $"the file is {info.Length:N0} bytes; a rule file may have at most {MaxFileBytes:N0}";
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = exception.Message;
            return null;
        }
    }

    /// <summary>rules/shell-guard.rules.yaml, the text the built-in rules were compiled from, embedded in the program.</summary>
    private static string BuiltinText()
    {
        using var stream = typeof(RuntimeLayers).Assembly.GetManifestResourceStream(BuiltinName)
            ?? throw new InvalidOperationException("the built-in rules are not embedded in the program");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A layer that loaded: its file, its text and its rule set.</summary>
    public sealed record Layer(string Path, string Text, IRuleSet<RuleSetInput, RuleSetOutput> RuleSet);
}
