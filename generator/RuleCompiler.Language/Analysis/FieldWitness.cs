using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// Finds a value of one field that satisfies a conjunction of literals on it, by trying candidates derived from
/// the literals' operands. A value it returns is checked, so a witness is always real. When it finds none,
/// <c>exhaustive</c> says whether that proves there is none: true only for operators whose satisfying sets the
/// candidates provably reach (equality, sets, ranges, enums, bools, ordinal prefixes, list membership).
/// </summary>
public static class FieldWitness
{
    private const int MaxListChoices = 256;

    public static Value? Find(FieldModel field, IReadOnlyList<Literal> literals, Predicates predicates, out bool exhaustive)
    {
        exhaustive = IsDecidable(field.Type, literals);
        foreach (var candidate in Candidates(field, literals))
        {
            if (Satisfies(candidate, literals, predicates))
            {
                return candidate;
            }
        }

        return null;
    }

    public static bool Satisfies(Value value, IReadOnlyList<Literal> literals, Predicates predicates)
    {
        foreach (var literal in literals)
        {
            if (predicates.Holds(literal.Test, value) != literal.Positive)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDecidable(FieldType type, IReadOnlyList<Literal> literals)
    {
        foreach (var literal in literals)
        {
            var op = literal.Test.Operator;
            var decidable = type switch
            {
                FieldType.String => !literal.Test.IgnoreCase && op is TestOperator.Eq or TestOperator.Ne or TestOperator.In or TestOperator.NotIn or TestOperator.Prefix,
                FieldType.StringList => !literal.Test.IgnoreCase,
                _ => true,
            };
            if (!decidable)
            {
                return false;
            }
        }

        if (type.IsInteger() && ExcludedCount(literals) > 60)
        {
            return false;
        }

        return type != FieldType.StringList || ListChoiceCount(literals) <= MaxListChoices;
    }

    private static IEnumerable<Value> Candidates(FieldModel field, IReadOnlyList<Literal> literals)
    {
        var operands = literals.SelectMany(literal => literal.Test.Operands).ToList();
        switch (field.Type)
        {
            case FieldType.Bool:
                return new[] { Value.Bool(false), Value.Bool(true) };
            case FieldType.Enum:
                return Enumerable.Range(0, field.EnumValues.Count).Select(Value.Enum);
            case FieldType.Int:
            case FieldType.Long:
                return IntegerCandidates(field.Type, operands, ExcludedCount(literals) + 2);
            case FieldType.Decimal:
                return DecimalCandidates(operands);
            case FieldType.Double:
                return DoubleCandidates(operands);
            case FieldType.String:
                return StringCandidates(literals);
            default:
                return ListCandidates(literals);
        }
    }

    private static int ExcludedCount(IReadOnlyList<Literal> literals) =>
        literals.Where(l => l.Positive ? l.Test.Operator is TestOperator.Ne or TestOperator.NotIn : l.Test.Operator is TestOperator.Eq or TestOperator.In)
            .Sum(l => l.Test.Operands.Count);

    private static IEnumerable<Value> IntegerCandidates(FieldType type, List<Value> operands, int reach)
    {
        var (min, max) = type == FieldType.Int ? ((long)int.MinValue, (long)int.MaxValue) : (long.MinValue, long.MaxValue);
        var seen = new SortedSet<long> { 0, min, max };
        foreach (var operand in operands)
        {
            for (long delta = -reach; delta <= reach; delta++)
            {
                var candidate = operand.Integer + delta;
                var overflowed = (delta < 0 && candidate > operand.Integer) || (delta > 0 && candidate < operand.Integer);
                if (!overflowed && candidate >= min && candidate <= max)
                {
                    seen.Add(candidate);
                }
            }
        }

        return seen.Select(v => type == FieldType.Int ? Value.Int(v) : Value.Long(v));
    }

    private static IEnumerable<Value> DecimalCandidates(List<Value> operands)
    {
        var points = operands.Select(o => o.Decimal).Distinct().OrderBy(d => d).ToList();
        var candidates = new List<decimal> { 0m, decimal.MinValue, decimal.MaxValue };
        for (var i = 0; i < points.Count; i++)
        {
            candidates.Add(points[i]);
            if (i + 1 < points.Count)
            {
                candidates.Add((points[i] / 2) + (points[i + 1] / 2));
            }
        }

        if (points.Count > 0)
        {
            candidates.Add(points[0] > decimal.MinValue + 1 ? points[0] - 1 : decimal.MinValue);
            candidates.Add(points[points.Count - 1] < decimal.MaxValue - 1 ? points[points.Count - 1] + 1 : decimal.MaxValue);
        }

        return candidates.Distinct().Select(Value.Dec);
    }

    private static IEnumerable<Value> DoubleCandidates(List<Value> operands)
    {
        var points = operands.Select(o => o.Real).Distinct().OrderBy(d => d).ToList();
        var candidates = new List<double> { 0d, double.NegativeInfinity, double.PositiveInfinity, double.MinValue, double.MaxValue };
        for (var i = 0; i < points.Count; i++)
        {
            candidates.Add(points[i]);
            candidates.Add(points[i] - 1);
            candidates.Add(points[i] + 1);
            if (i + 1 < points.Count)
            {
                candidates.Add((points[i] / 2) + (points[i + 1] / 2));
            }
        }

        candidates.Add(double.NaN);
        return candidates.Select(Value.Dbl);
    }

    private static IEnumerable<Value> StringCandidates(IReadOnlyList<Literal> literals)
    {
        // Printable candidates first, so that a witness an author reads is plain text when plain text will do.
        var texts = new List<string> { string.Empty, "x" };
        var fallbacks = new List<string> { "\u0001" };
        var prefixes = new List<string>();
        var suffixes = new List<string>();
        foreach (var literal in literals)
        {
            foreach (var operand in literal.Test.Operands)
            {
                var text = operand.AsString;
                switch (literal.Test.Operator)
                {
                    case TestOperator.Glob:
                        text = GlobExample(text, "");
                        texts.Add(GlobExample(operand.AsString, "x"));
                        fallbacks.Add(GlobExample(operand.AsString, "\u0001"));
                        break;
                    case TestOperator.Prefix:
                        prefixes.Add(text);
                        break;
                    case TestOperator.Suffix:
                        suffixes.Add(text);
                        break;
                }

                texts.Add(text);
                texts.Add(text + "x");
                texts.Add("x" + text);
                fallbacks.Add(text + "\u0001");
                fallbacks.Add("\u0001" + text);
                if (literal.Test.IgnoreCase)
                {
                    texts.Add(text.ToUpperInvariant());
                    texts.Add(text.ToLowerInvariant());
                }
            }
        }

        foreach (var prefix in prefixes)
        {
            foreach (var suffix in suffixes)
            {
                texts.Add(prefix + suffix);
                fallbacks.Add(prefix + "\u0001" + suffix);
            }
        }

        return texts.Concat(fallbacks).Distinct(StringComparer.Ordinal).Select(Value.String);
    }

    private static string GlobExample(string pattern, string run)
    {
        var tokens = GlobMatcher.Tokenize(pattern);
        if (tokens is null)
        {
            return pattern;
        }

        var builder = new System.Text.StringBuilder();
        foreach (var token in tokens)
        {
            builder.Append(token.Kind switch
            {
                GlobTokenKind.AnyRun => run,
                GlobTokenKind.AnyOne => "a",
                _ => token.Char.ToString(),
            });
        }

        return builder.ToString();
    }

    private static long ListChoiceCount(IReadOnlyList<Literal> literals)
    {
        long count = 1;
        foreach (var literal in literals)
        {
            if (literal.Positive && literal.Test.Operator == TestOperator.ContainsAny)
            {
                count *= literal.Test.Operands.Count;
                if (count > MaxListChoices)
                {
                    return count;
                }
            }
        }

        return count;
    }

    private static IEnumerable<Value> ListCandidates(IReadOnlyList<Literal> literals)
    {
        var required = new List<string>();
        var choices = new List<IReadOnlyList<Value>>();
        foreach (var literal in literals.Where(l => l.Positive))
        {
            switch (literal.Test.Operator)
            {
                case TestOperator.ListContains:
                case TestOperator.ContainsAll:
                    required.AddRange(literal.Test.Operands.Select(o => o.AsString));
                    break;
                case TestOperator.ContainsAny:
                    choices.Add(literal.Test.Operands);
                    break;
            }
        }

        yield return Value.List(EquatableArray<string>.Empty);
        var combinations = new List<List<string>> { new(required) };
        foreach (var options in choices)
        {
            var next = new List<List<string>>();
            foreach (var combination in combinations)
            {
                foreach (var option in options.Take(MaxListChoices))
                {
                    next.Add(new List<string>(combination) { option.AsString });
                }
            }

            combinations = next.Take(MaxListChoices).ToList();
        }

        foreach (var combination in combinations)
        {
            yield return Value.List(combination.Distinct(StringComparer.Ordinal).ToEquatableArray());
            yield return Value.List(combination.Append("\u0001").Distinct(StringComparer.Ordinal).ToEquatableArray());
        }
    }
}
