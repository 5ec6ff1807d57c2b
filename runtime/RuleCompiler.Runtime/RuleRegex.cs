using System;
using System.Text.RegularExpressions;

namespace RuleCompiler;

/// <summary>
/// A rule file's <c>regex</c>: .NET's linear-time engine (<see cref="RegexOptions.NonBacktracking"/>), culture-invariant,
/// built on its first match rather than when the rule set's type initializes, so that a program's first decision
/// builds only the regexes that decision reaches. The only
/// way generated code matches a regex; its options are fixed here.
/// </summary>
public sealed class RuleRegex
{
    private readonly string _pattern;
    private readonly RegexOptions _options;
    private Regex? _regex;

    /// <summary>Keeps <paramref name="pattern"/> (already validated by the generator) for its first match. Called once per regex by generated code.</summary>
    public RuleRegex(string pattern, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _pattern = pattern;
        _options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
    }

    /// <summary>
    /// The regex, built on first use. Two threads that both find it unbuilt each build one, and one of them is kept: a
    /// <see cref="Regex"/> is immutable and safe to share, so either serves.
    /// </summary>
    public Regex Regex => _regex ??= new Regex(_pattern, _options);

    /// <summary>Whether the regex has a match anywhere in <paramref name="input"/>. Allocates nothing once built.</summary>
    public bool IsMatch(ReadOnlySpan<char> input) => Regex.IsMatch(input);

    /// <inheritdoc/>
    public override string ToString() => _pattern;
}
