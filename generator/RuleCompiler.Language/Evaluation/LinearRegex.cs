using System;
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
            _ = new Regex(pattern, RegexOptions.CultureInvariant | NonBacktracking);
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

    public static Regex Create(string pattern, bool ignoreCase)
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
