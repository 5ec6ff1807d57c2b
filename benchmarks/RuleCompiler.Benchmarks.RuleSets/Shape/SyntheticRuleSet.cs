using System;
using System.Collections.Generic;

namespace RuleCompiler.Benchmarks.RuleSets.Shape;

/// <summary>How a size test is written; <see cref="SizeTest.Min"/> and <see cref="SizeTest.Max"/> hold its inclusive bounds whatever the form.</summary>
public enum SizeForm
{
    Between,
    AtLeast,
    Below,
    Above,
}

public sealed record SizeTest(SizeForm Form, int Min, int Max)
{
    public bool Holds(int size) => size >= Min && size <= Max;
}

public enum PathForm
{
    Prefix,
    Glob,
    NotPrefix,
}

/// <summary>
/// A glob of the shape <c>Head*Tail</c> or <c>Head*Middle*Tail</c>, the shapes rule authors write for paths
/// (<c>*.pem</c>, <c>/var/log/*.log</c>, <c>*id_rsa*</c>, <c>/home/*/.ssh/*</c>). A hand-written baseline tests such
/// a glob with StartsWith / EndsWith / a search, which is what an expert writes instead of a glob matcher.
/// </summary>
public sealed record GlobShape(string Pattern, string Head, string? Middle, string Tail)
{
    public bool Matches(string text)
    {
        if (text.Length < Head.Length + Tail.Length
            || !text.StartsWith(Head, StringComparison.Ordinal)
            || !text.EndsWith(Tail, StringComparison.Ordinal))
        {
            return false;
        }

        return Middle is null || text.AsSpan(Head.Length, text.Length - Head.Length - Tail.Length).IndexOf(Middle.AsSpan(), StringComparison.Ordinal) >= 0;
    }
}

public sealed record PathTest(PathForm Form, string Prefix, GlobShape? Glob)
{
    public bool Holds(string path) => Form switch
    {
        PathForm.Prefix => path.StartsWith(Prefix, StringComparison.Ordinal),
        PathForm.NotPrefix => !path.StartsWith(Prefix, StringComparison.Ordinal),
        _ => Glob!.Matches(path),
    };
}

/// <summary><c>any: [ { mode: M }, { size: { gt: T } } ]</c>.</summary>
public sealed record AnyTest(Mode Mode, int SizeAbove)
{
    public bool Holds(Mode mode, int size) => mode == Mode || size > SizeAbove;
}

/// <summary>
/// A rule's condition: the command among <see cref="Keys"/> (no command test when empty), the mode among
/// <see cref="ModeMask"/> (one bit per <see cref="Mode"/>; <see cref="ModeMasks.All"/> means no mode test), and the
/// optional size, path and any tests; all must hold.
/// </summary>
public sealed record SyntheticCondition(IReadOnlyList<string> Keys, int ModeMask, SizeTest? Size, PathTest? Path, AnyTest? Any)
{
    /// <summary>The condition read straight from its definition; the model's own meaning, used to check workloads.</summary>
    public bool Holds(in SyntheticInput input)
    {
        if (Keys.Count > 0 && !Contains(Keys, input.Command ?? string.Empty))
        {
            return false;
        }

        return ((ModeMask >> (int)input.Mode) & 1) != 0
            && (Size is null || Size.Holds(input.Size))
            && (Path is null || Path.Holds(input.Path ?? string.Empty))
            && (Any is null || Any.Holds(input.Mode, input.Size));
    }

    private static bool Contains(IReadOnlyList<string> keys, string command)
    {
        foreach (var key in keys)
        {
            if (key == command)
            {
                return true;
            }
        }

        return false;
    }
}

public static class ModeMasks
{
    public const int All = 0b1111;

    public static int Of(params Mode[] modes)
    {
        var mask = 0;
        foreach (var mode in modes)
        {
            mask |= 1 << (int)mode;
        }

        return mask;
    }

    public static IEnumerable<Mode> Modes(int mask)
    {
        foreach (var mode in Enum.GetValues<Mode>())
        {
            if (((mask >> (int)mode) & 1) != 0)
            {
                yield return mode;
            }
        }
    }
}

/// <summary>A rule: <see cref="Group"/> is the key group it belongs to, or -1 for the late catch-all rules.</summary>
public sealed record SyntheticRule(int Index, string Id, int Group, SyntheticCondition When, int Priority, Verdict Verdict, int Code);

/// <summary>Rules that test the same commands, adjacent in the file; no two groups share a command.</summary>
public sealed record RuleGroup(int Index, IReadOnlyList<string> Keys, IReadOnlyList<int> Rules);

/// <summary>
/// A synthetic rule set: <see cref="Groups"/> of rules keyed by command in file order, then (for the policies that
/// allow overlap) <see cref="CatchAlls"/>: late rules on path, mode and size alone.
/// <see cref="UnknownCommands"/> are commands of the same look that no rule tests, for inputs that miss.
/// </summary>
public sealed record SyntheticRuleSet(
    Policy Policy,
    int Size,
    IReadOnlyList<SyntheticRule> Rules,
    IReadOnlyList<RuleGroup> Groups,
    IReadOnlyList<int> CatchAlls,
    IReadOnlyList<string> UnknownCommands)
{
    public const string Namespace = "RuleCompiler.Benchmarks.Generated";

    /// <summary>The outputs of the generated rule sets when no rule holds (not for collect).</summary>
    public const Verdict DefaultVerdict = Verdict.Allow;

    public const int DefaultCode = -1;

    /// <summary>The generated class: the policy and the rule count, e.g. <c>OutputPriority1000</c>.</summary>
    public string Name => Policy.ToString() + Size.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string FileName => Name + ".rules.yaml";
}
