using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// Finds, without the solver, the rules that may hold together with a given rule: from the values each rule's
/// top-level tests require of a field (eq / in) and the integer interval they allow (gt … between). Two rules whose
/// required values or intervals on one field do not meet cannot both hold, so most pairs of a large lookup-shaped
/// rule set are set aside by a hash lookup; only the rest go to the solver. Exact in one direction only: "may
/// overlap" is the solver's to decide.
/// </summary>
public sealed class OverlapIndex
{
    private readonly Summary[] _summaries;
    private readonly Dictionary<int, Dictionary<Value, List<int>>> _byValue = new();
    private readonly Dictionary<int, List<int>> _unconstrained = new();

    public OverlapIndex(RuleSetModel model)
    {
        _summaries = model.Rules.Select(rule => Summarize(rule.When)).ToArray();
        foreach (var field in _summaries.SelectMany(s => s.Values.Keys).Distinct())
        {
            var byValue = new Dictionary<Value, List<int>>();
            var unconstrained = new List<int>();
            for (var rule = 0; rule < _summaries.Length; rule++)
            {
                if (_summaries[rule].Values.TryGetValue(field, out var values))
                {
                    foreach (var value in values)
                    {
                        if (!byValue.TryGetValue(value, out var rules))
                        {
                            byValue.Add(value, rules = new List<int>());
                        }

                        rules.Add(rule);
                    }
                }
                else
                {
                    unconstrained.Add(rule);
                }
            }

            _byValue.Add(field, byValue);
            _unconstrained.Add(field, unconstrained);
        }
    }

    /// <summary>The rules, in file order, that may hold together with <paramref name="rule"/> (itself excluded).</summary>
    public IEnumerable<int> MayOverlap(int rule)
    {
        var summary = _summaries[rule];
        IEnumerable<int> candidates;
        if (Narrowest(summary) is { } field)
        {
            var byValue = _byValue[field];
            candidates = summary.Values[field]
                .SelectMany(value => byValue.TryGetValue(value, out var rules) ? rules : Enumerable.Empty<int>())
                .Concat(_unconstrained[field])
                .Distinct()
                .OrderBy(index => index);
        }
        else
        {
            candidates = Enumerable.Range(0, _summaries.Length);
        }

        return candidates.Where(other => other != rule && Meet(summary, _summaries[other]));
    }

    /// <summary>
    /// The field of the rule's eq / in tests whose index lists the fewest rules for its values (those rules, and the
    /// rules that do not test the field): a rule naming three commands and one mode is looked up by command, not by
    /// mode, which a fifth of a large rule set may share. Null when the rule has no such test.
    /// </summary>
    private int? Narrowest(Summary summary)
    {
        int? narrowest = null;
        var fewest = long.MaxValue;
        foreach (var pair in summary.Values)
        {
            var byValue = _byValue[pair.Key];
            long listed = _unconstrained[pair.Key].Count;
            foreach (var value in pair.Value)
            {
                listed += byValue.TryGetValue(value, out var rules) ? rules.Count : 0;
            }

            if (listed < fewest)
            {
                (narrowest, fewest) = (pair.Key, listed);
            }
        }

        return narrowest;
    }

    /// <summary>Whether the two rules' summaries allow a common input (false proves they are exclusive).</summary>
    public bool MayOverlap(int left, int right) => Meet(_summaries[left], _summaries[right]);

    private static bool Meet(Summary left, Summary right)
    {
        foreach (var pair in left.Values)
        {
            if (right.Values.TryGetValue(pair.Key, out var other) && !pair.Value.Overlaps(other))
            {
                return false;
            }
        }

        foreach (var pair in left.Ranges)
        {
            if (right.Ranges.TryGetValue(pair.Key, out var other) && (pair.Value.Low > other.High || other.Low > pair.Value.High))
            {
                return false;
            }
        }

        return true;
    }

    private static Summary Summarize(Condition condition)
    {
        var summary = new Summary();
        var conjuncts = condition is AllCondition all ? all.Items : new[] { condition }.ToEquatableArray();
        foreach (var test in conjuncts.OfType<TestCondition>())
        {
            var type = (test.Operands.Count > 0 ? test.Operands[0].Type : FieldType.Bool).Info();
            if (test.IgnoreCase || type.Kind is not (ValueKind.Integer or ValueKind.Text))
            {
                continue;
            }

            if (test.Operator is TestOperator.Eq or TestOperator.In)
            {
                var values = new HashSet<Value>(test.Operands);
                if (summary.Values.TryGetValue(test.Field, out var existing))
                {
                    existing.IntersectWith(values);
                }
                else
                {
                    summary.Values.Add(test.Field, values);
                }
            }

            if (type.IsIntegerRange && Interval(test) is { } interval)
            {
                summary.Ranges[test.Field] = summary.Ranges.TryGetValue(test.Field, out var existing)
                    ? new Range(System.Math.Max(existing.Low, interval.Low), System.Math.Min(existing.High, interval.High))
                    : interval;
            }
        }

        return summary;
    }

    private static Range? Interval(TestCondition test)
    {
        var operand = test.Operands[0].Integer;
        return test.Operator switch
        {
            TestOperator.Eq => new Range(operand, operand),
            TestOperator.Gt => operand == long.MaxValue ? new Range(long.MaxValue, long.MinValue) : new Range(operand + 1, long.MaxValue),
            TestOperator.Gte => new Range(operand, long.MaxValue),
            TestOperator.Lt => operand == long.MinValue ? new Range(long.MaxValue, long.MinValue) : new Range(long.MinValue, operand - 1),
            TestOperator.Lte => new Range(long.MinValue, operand),
            // A window across midnight (a time of day, lo > hi) is two runs: no one interval.
            TestOperator.Between => operand <= test.Operands[1].Integer ? new Range(operand, test.Operands[1].Integer) : null,
            _ => null,
        };
    }

    private readonly record struct Range(long Low, long High);

    private sealed class Summary
    {
        public Dictionary<int, HashSet<Value>> Values { get; } = new();

        public Dictionary<int, Range> Ranges { get; } = new();
    }
}
