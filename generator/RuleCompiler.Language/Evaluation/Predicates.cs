using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Evaluation;

/// <summary>
/// Evaluates tests as the spec reads them (each operator's meaning is its <see cref="OperatorInfo"/>), caching the
/// regexes and globs they build. One instance serves every stage of one compilation (binding, analysis, tests and
/// planning), so each pattern is built once. Not thread-safe.
/// </summary>
public sealed class Predicates
{
    private readonly Dictionary<(string, bool), Regex> _regexes = new();
    private readonly Dictionary<string, GlobToken[]> _globs = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="test"/> holds for the field's (normalized) value <paramref name="x"/>.</summary>
    public bool Holds(TestCondition test, Value x) => Operators.Holds(test, x, this);

    internal Regex Regex(string pattern, bool ignoreCase)
    {
        if (!_regexes.TryGetValue((pattern, ignoreCase), out var regex))
        {
            regex = LinearRegex.Create(pattern, ignoreCase);
            _regexes.Add((pattern, ignoreCase), regex);
        }

        return regex;
    }

    internal GlobToken[] Glob(string pattern)
    {
        if (!_globs.TryGetValue(pattern, out var tokens))
        {
            tokens = GlobMatcher.Tokenize(pattern) ?? throw new ArgumentException("invalid glob reached the evaluator: " + pattern);
            _globs.Add(pattern, tokens);
        }

        return tokens;
    }
}
