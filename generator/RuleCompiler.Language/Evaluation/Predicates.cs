using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Evaluation;

/// <summary>
/// What each operator means, written straight from the spec (§3, §5). The reference evaluator, the
/// analyses and the planner's value classes all ask this one place.
/// </summary>
public sealed class Predicates
{
    private readonly Dictionary<(string, bool), Regex> _regexes = new();
    private readonly Dictionary<string, GlobToken[]> _globs = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="test"/> holds for the field's (normalized) value <paramref name="x"/>.</summary>
    public bool Holds(TestCondition test, Value x)
    {
        var operands = test.Operands;
        var comparison = test.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        switch (test.Operator)
        {
            case TestOperator.Eq:
                return x.SameAs(operands[0], test.IgnoreCase);
            case TestOperator.Ne:
                return !x.SameAs(operands[0], test.IgnoreCase);
            case TestOperator.In:
                return AnySame(x, test);
            case TestOperator.NotIn:
                return !AnySame(x, test);
            case TestOperator.Lt:
                return !x.IsNaN && x.CompareNumber(operands[0]) < 0;
            case TestOperator.Lte:
                return !x.IsNaN && x.CompareNumber(operands[0]) <= 0;
            case TestOperator.Gt:
                return !x.IsNaN && x.CompareNumber(operands[0]) > 0;
            case TestOperator.Gte:
                return !x.IsNaN && x.CompareNumber(operands[0]) >= 0;
            case TestOperator.Between:
                return !x.IsNaN && x.CompareNumber(operands[0]) >= 0 && x.CompareNumber(operands[1]) <= 0;
            case TestOperator.Prefix:
                return x.AsString.StartsWith(operands[0].AsString, comparison);
            case TestOperator.Suffix:
                return x.AsString.EndsWith(operands[0].AsString, comparison);
            case TestOperator.Contains:
                return x.AsString.IndexOf(operands[0].AsString, comparison) >= 0;
            case TestOperator.Glob:
                return GlobMatcher.IsMatch(Glob(operands[0].AsString), x.AsString, test.IgnoreCase);
            case TestOperator.Regex:
                return Regex(operands[0].AsString, test.IgnoreCase).IsMatch(x.AsString);
            case TestOperator.ListContains:
                return ListHas(x, operands[0].AsString, comparison);
            case TestOperator.ContainsAny:
                foreach (var operand in operands)
                {
                    if (ListHas(x, operand.AsString, comparison))
                    {
                        return true;
                    }
                }

                return false;
            case TestOperator.ContainsAll:
                foreach (var operand in operands)
                {
                    if (!ListHas(x, operand.AsString, comparison))
                    {
                        return false;
                    }
                }

                return true;
            case TestOperator.Empty:
                return (x.Items.Count == 0) == operands[0].AsBool;
            default:
                throw new ArgumentOutOfRangeException(nameof(test), test.Operator, "unknown operator");
        }
    }

    private static bool AnySame(Value x, TestCondition test)
    {
        foreach (var operand in test.Operands)
        {
            if (x.SameAs(operand, test.IgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ListHas(Value list, string item, StringComparison comparison)
    {
        foreach (var element in list.Items)
        {
            if (string.Equals(element ?? string.Empty, item, comparison))
            {
                return true;
            }
        }

        return false;
    }

    private Regex Regex(string pattern, bool ignoreCase)
    {
        if (!_regexes.TryGetValue((pattern, ignoreCase), out var regex))
        {
            regex = LinearRegex.Create(pattern, ignoreCase);
            _regexes.Add((pattern, ignoreCase), regex);
        }

        return regex;
    }

    private GlobToken[] Glob(string pattern)
    {
        if (!_globs.TryGetValue(pattern, out var tokens))
        {
            tokens = GlobMatcher.Tokenize(pattern) ?? throw new ArgumentException("invalid glob reached the evaluator: " + pattern);
            _globs.Add(pattern, tokens);
        }

        return tokens;
    }
}
