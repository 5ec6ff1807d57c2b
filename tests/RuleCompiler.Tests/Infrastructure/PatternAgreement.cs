using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using RuleCompiler.Language.Patterns;
using Xunit.Sdk;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>
/// Compiles a pattern set and checks, input by input, that the answers agree: .NET's <c>Regex.IsMatch</c> with
/// the options generated code uses, the runtime's <see cref="PatternSet"/> over the compiled table, a lazy
/// <see cref="PatternScan"/> asked in a different order on each input (as generated code asks it), and the compiler's
/// reference simulation (the step the DFA tabulates, run without tables).
/// </summary>
internal static class PatternAgreement
{
    /// <summary>Compiles <paramref name="patterns"/> with <paramref name="budget"/> and checks every included pattern on every input; returns the compilation.</summary>
    public static PatternSetCompilation AssertAgrees(IReadOnlyList<PatternSource> patterns, IEnumerable<string> inputs, AutomatonBudget? budget = null)
    {
        var compilation = PatternSetCompiler.Compile(patterns, budget ?? AutomatonBudget.Default, CancellationToken.None);
        if (compilation.Automaton is { } automaton)
        {
            AssertAgrees(automaton, inputs);
        }

        return compilation;
    }

    /// <summary>Checks every pattern of <paramref name="automaton"/> on every input.</summary>
    public static void AssertAgrees(PatternAutomaton automaton, IEnumerable<string> inputs)
    {
        var table = automaton.ToTable();
        var regexes = automaton.Patterns.Select(DotNet).ToArray();
        var reference = Reference(automaton.Patterns);
        var words = new ulong[(regexes.Length + 63) / 64];
        var scanned = new bool[regexes.Length];
        var inputNumber = 0;
        foreach (var input in inputs)
        {
            PatternSet.Match(table, input, words);
            var simulated = reference.Match(input);
            if (regexes.Length <= 64)
            {
                // Asked from a different pattern on each input, stepping by a stride prime to the count: every order
                // of resuming the scan is met across inputs.
                var scan = new PatternScan(table, input);
                var stride = Stride(regexes.Length, inputNumber);
                for (int asked = 0, p = inputNumber % regexes.Length; asked < regexes.Length; asked++, p = (p + stride) % regexes.Length)
                {
                    scanned[p] = scan.IsMatch(p);
                }
            }

            for (var p = 0; p < regexes.Length; p++)
            {
                var expected = regexes[p].IsMatch(input);
                var actual = (words[p / 64] & (1UL << (p % 64))) != 0;
                var lazily = regexes.Length > 64 ? actual : scanned[p];
                if (actual != expected || simulated[p] != expected || lazily != expected)
                {
                    var source = automaton.Patterns[p];
                    throw new XunitException(
                        $"pattern {Show(source.Pattern)} (ignore-case: {source.IgnoreCase}, {p + 1} of {regexes.Length} in the set) on input {Show(input)}: "
                        + $"Regex says {expected}, the table says {actual}, a lazy scan says {lazily}, the reference simulation says {simulated[p]}");
                }
            }

            inputNumber++;
        }
    }

    private static int Stride(int count, int seed)
    {
        var stride = 1 + (seed % count);
        while (Gcd(stride, count) != 1)
        {
            stride++;
        }

        return stride;

        static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
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
