using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace RuleCompiler.Language.Evaluation;

/// <summary>
/// Builds regexes the way generated code does: culture-invariant, non-backtracking (linear time).
/// The generator loads in .NET 8+ compilers, where <c>RegexOptions.NonBacktracking</c> (1024) exists even though
/// netstandard2.0 does not name it. That engine rejects exactly the constructs the spec forbids.
/// </summary>
public static class LinearRegex
{
    private const RegexOptions NonBacktracking = (RegexOptions)1024;

    // Building a non-backtracking regex costs milliseconds (its automaton's character classes), and one compile asks
    // for each pattern several times (the binder's check, the analysis, the planner), as do the loads of a layer and
    // its base in one process. A regex is immutable and safe to share, so each is built once per process. Bounded:
    // in a long-lived compiler server, patterns change as their author types.
    private const int MaxCached = 1024;
    private static readonly ConcurrentDictionary<(string Pattern, bool IgnoreCase), Regex> s_built = new();

    /// <summary>Null when the pattern is valid and linear; otherwise why not, and whether it is a backtracking construct.</summary>
    public static (string Reason, bool NeedsBacktracking)? Validate(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException exception)
        {
            return (Clean(exception.Message, pattern), false);
        }

        try
        {
            _ = Create(pattern, ignoreCase: false);
            return null;
        }
        catch (NotSupportedException exception)
        {
            return (Clean(exception.Message, pattern), true);
        }
        catch (ArgumentOutOfRangeException)
        {
            // A host without the non-backtracking engine (.NET Framework): the syntax is valid; generated code,
            // which runs on .NET 8+, constructs it with NonBacktracking and the consumer's tests would surface it.
            return null;
        }
    }

    /// <summary>The regex generated code matches <paramref name="pattern"/> with, built once per process.</summary>
    public static Regex Create(string pattern, bool ignoreCase)
    {
        if (s_built.TryGetValue((pattern, ignoreCase), out var built))
        {
            return built;
        }

        if (s_built.Count >= MaxCached)
        {
            s_built.Clear();
        }

        return s_built.GetOrAdd((pattern, ignoreCase), Build(pattern, ignoreCase));
    }

    private static Regex Build(string pattern, bool ignoreCase)
    {
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        try
        {
            return new Regex(pattern, options | NonBacktracking);
        }
        catch (ArgumentOutOfRangeException)
        {
            return new Regex(pattern, options);
        }
    }

    private static string Clean(string message, string pattern)
    {
        // .NET's messages repeat the pattern ("Invalid pattern 'x' at offset 3. Reason."); keep the reason.
        var text = message.Replace("Invalid pattern '" + pattern + "' ", string.Empty);
        return text.Trim().TrimEnd('.');
    }
}
