using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using RuleCompiler.Language.Patterns;
using Xunit.Sdk;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>
/// Compiles a pattern set and checks, input by input, that three answers agree: .NET's <c>Regex.IsMatch</c> with
/// the options generated code uses, the runtime's <see cref="PatternSet"/> over the compiled table, and the
/// compiler's reference simulation (the step the DFA tabulates, run without tables).
/// </summary>
internal static class PatternAgreement
{
    /// <summary>Compiles <paramref name="patterns"/> with <paramref name="budget"/> and checks every included pattern on every input; returns the compilation.</summary>
    public static PatternSetCompilation AssertAgrees(IReadOnlyList<PatternSource> patterns, IEnumerable<string> inputs, AutomatonBudget? budget = null)
    {
        var compilation = PatternSetCompiler.Compile(patterns, budget ?? AutomatonBudget.Default, CancellationToken.None);
        if (compilation.Automaton is not { } automaton)
        {
            return compilation;
        }

        var table = automaton.ToTable();
        var regexes = automaton.Patterns.Select(DotNet).ToArray();
        var reference = Reference(automaton.Patterns);
        var words = new ulong[(regexes.Length + 63) / 64];
        foreach (var input in inputs)
        {
            PatternSet.Match(table, input, words);
            var simulated = reference.Match(input);
            for (var p = 0; p < regexes.Length; p++)
            {
                var expected = regexes[p].IsMatch(input);
                var actual = (words[p / 64] & (1UL << (p % 64))) != 0;
                if (actual != expected || simulated[p] != expected)
                {
                    var source = automaton.Patterns[p];
                    throw new XunitException(
                        $"pattern {Show(source.Pattern)} (ignore-case: {source.IgnoreCase}, {p + 1} of {regexes.Length} in the set) on input {Show(input)}: "
                        + $"Regex says {expected}, the table says {actual}, the reference simulation says {simulated[p]}");
                }
            }
        }

        return compilation;
    }

    public static Regex DotNet(PatternSource pattern) =>
        new(pattern.Pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (pattern.IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));

    internal static SearchStep Reference(IEnumerable<PatternSource> patterns) =>
        new(SearchNfa.Build(patterns.Select(p => PatternParser.Parse(p.Pattern, p.IgnoreCase).Node!).ToArray()));

    /// <summary>A string with its control and non-ASCII chars escaped, for messages.</summary>
    public static string Show(string text)
    {
        var shown = new StringBuilder("\"");
        foreach (var c in text)
        {
            shown.Append(c is >= ' ' and < '\x7F' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return shown.Append('"').ToString();
    }
}
