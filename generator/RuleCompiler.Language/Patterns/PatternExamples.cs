using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace RuleCompiler.Language.Patterns;

/// <summary>
/// A shortest text a regex matches, read off its automaton (a breadth-first walk from the start state to the first
/// state that matches, one char per class, printable ASCII where the class has one). For <c>rulec diff</c>'s guesses
/// where the solver does not decide regexes: a guess is checked like any other, so it can only show a witness.
/// </summary>
public static class PatternExamples
{
    /// <summary>Null when the pattern has no automaton (it falls back to .NET's engine) or matches nothing.</summary>
    public static string? Shortest(string pattern, bool ignoreCase)
    {
        var automaton = PatternSetCompiler.Compile(new[] { new PatternSource(pattern, ignoreCase) }, AutomatonBudget.Default, CancellationToken.None).Automaton;
        if (automaton is null)
        {
            return null;
        }

        var chars = Representatives(automaton);
        var paths = new Dictionary<int, string> { [automaton.StartState] = string.Empty };
        var queue = new Queue<int>();
        queue.Enqueue(automaton.StartState);
        if (automaton.MatchesOnEntry[automaton.StartState].Count > 0)
        {
            return string.Empty;
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            if (automaton.MatchesAtEnd[state].Count > 0)
            {
                return paths[state];
            }

            for (var c = 0; c < automaton.ClassCount; c++)
            {
                var next = automaton.Transitions[(state * automaton.ClassCount) + c];
                if (paths.ContainsKey(next))
                {
                    continue;
                }

                paths[next] = paths[state] + chars[c];
                if (automaton.MatchesOnEntry[next].Count > 0)
                {
                    return paths[next];
                }

                queue.Enqueue(next);
            }
        }

        return null;
    }

    /// <summary>One char per class: printable ASCII if the class has one (letters first), else its first char.</summary>
    private static char[] Representatives(PatternAutomaton automaton)
    {
        var chars = new char?[automaton.ClassCount];
        var preferred = Enumerable.Range('a', 26).Concat(Enumerable.Range('0', 10)).Concat(Enumerable.Range(' ', '~' - ' ' + 1)).Select(c => (char)c);
        foreach (var c in preferred)
        {
            var cls = automaton.ClassOf(c);
            chars[cls] ??= c;
        }

        foreach (var range in automaton.ClassMap)
        {
            chars[range.Class] ??= range.First;
        }

        return chars.Select(c => c ?? 'a').ToArray();
    }
}
