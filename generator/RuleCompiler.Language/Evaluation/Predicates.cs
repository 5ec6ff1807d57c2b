using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Evaluation;

/// <summary>
/// Evaluates tests as the spec reads them (each operator's meaning is its <see cref="OperatorInfo"/>), caching the
/// regexes and globs they build. One instance serves every stage of one compilation (binding, analysis, tests and
/// planning), so each pattern is built once. Thread-safe (a rule set the loader interprets shares one between the
/// threads that evaluate it); two threads may build the same pattern at once, and one of the two is kept.
/// </summary>
public sealed class Predicates
{
    private readonly ConcurrentDictionary<(string Pattern, bool IgnoreCase), Regex> _regexes = new();
    private readonly ConcurrentDictionary<string, GlobToken[]> _globs = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="test"/> holds for the field's (normalized) value <paramref name="x"/>.</summary>
    public bool Holds(TestCondition test, Value x) => Operators.Holds(test, x, this);

    // Cached here as well as in LinearRegex: that cache is the process's and bounded (it may be cleared mid-compile),
    // this one lives as long as the compile and holds every pattern of it, however many.
    internal Regex Regex(string pattern, bool ignoreCase) =>
        _regexes.GetOrAdd((pattern, ignoreCase), static key => LinearRegex.Create(key.Pattern, key.IgnoreCase));

    internal GlobToken[] Glob(string pattern) =>
        _globs.GetOrAdd(pattern, static text => GlobMatcher.Tokenize(text) ?? throw new ArgumentException("invalid glob reached the evaluator: " + text));
}
