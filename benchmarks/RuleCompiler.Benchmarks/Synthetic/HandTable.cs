using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Benchmarks.RuleSets.Shape;

namespace RuleCompiler.Benchmarks.Synthetic;

/// <summary>
/// The hand-written baseline above 100 rules, where nobody writes a switch: what an expert builds instead. A frozen
/// dictionary maps the command to its group of rules; each rule's other tests are a flat row (mode bit mask, size
/// bounds, path test, any) checked in the order the policy needs; the late catch-all rules follow.
/// </summary>
public sealed class HandTable
{
    /// <summary>At most two rules of a group and four catch-alls can hold together.</summary>
    public const int MaxMatches = 8;

    private readonly Policy _policy;
    private readonly FrozenDictionary<string, int> _groups;
    private readonly int[] _groupStart;
    private readonly Row[] _rows;
    private readonly int _catchAllStart;
    private readonly HandResult[] _results;

    public HandTable(SyntheticRuleSet set)
    {
        _policy = set.Policy;
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<Row>(set.Rules.Count);
        _groupStart = new int[set.Groups.Count + 1];
        foreach (var group in set.Groups)
        {
            _groupStart[group.Index] = rows.Count;
            foreach (var key in group.Keys)
            {
                groups.Add(key, group.Index);
            }

            rows.AddRange(Ordered(group.Rules.Select(index => set.Rules[index])).Select(ToRow));
        }

        _groupStart[set.Groups.Count] = rows.Count;
        _catchAllStart = rows.Count;
        rows.AddRange(Ordered(set.CatchAlls.Select(index => set.Rules[index])).Select(ToRow));
        _groups = groups.ToFrozenDictionary(StringComparer.Ordinal);
        _rows = rows.ToArray();
        _results = set.Rules.Select(rule => new HandResult(rule.Index, rule.Verdict, rule.Code)).ToArray();
        Codes = set.Rules.Select(rule => rule.Code).ToArray();
    }

    /// <summary>The <c>code</c> output of each rule, by index.</summary>
    public int[] Codes { get; }

    public HandResult Evaluate(in SyntheticInput input)
    {
        var path = input.Path ?? string.Empty;
        var rows = _rows;
        if (_policy is Policy.Priority or Policy.OutputPriority)
        {
            return EvaluateRanked(in input, path, rows);
        }

        if (_groups.TryGetValue(input.Command ?? string.Empty, out var group))
        {
            for (var k = _groupStart[group]; k < _groupStart[group + 1]; k++)
            {
                if (rows[k].Holds(in input, path))
                {
                    return _results[rows[k].Rule];
                }
            }
        }

        for (var k = _catchAllStart; k < rows.Length; k++)
        {
            if (rows[k].Holds(in input, path))
            {
                return _results[rows[k].Rule];
            }
        }

        return HandResult.NoMatch;
    }

    /// <summary>Writes the index of every rule that holds, in file order, into <paramref name="matches"/>; returns how many.</summary>
    public int Collect(in SyntheticInput input, Span<int> matches)
    {
        var path = input.Path ?? string.Empty;
        var rows = _rows;
        var count = 0;
        if (_groups.TryGetValue(input.Command ?? string.Empty, out var group))
        {
            for (var k = _groupStart[group]; k < _groupStart[group + 1]; k++)
            {
                if (rows[k].Holds(in input, path))
                {
                    matches[count++] = rows[k].Rule;
                }
            }
        }

        for (var k = _catchAllStart; k < rows.Length; k++)
        {
            if (rows[k].Holds(in input, path))
            {
                matches[count++] = rows[k].Rule;
            }
        }

        return count;
    }

    // Rows are in best-first order and ranks are "higher wins", so the first holding row of a group is its best,
    // and a catch-all only wins when its rank is strictly higher (ties go to the earlier rule, the keyed one).
    private HandResult EvaluateRanked(in SyntheticInput input, string path, Row[] rows)
    {
        var rule = -1;
        var rank = int.MinValue;
        if (_groups.TryGetValue(input.Command ?? string.Empty, out var group))
        {
            for (var k = _groupStart[group]; k < _groupStart[group + 1]; k++)
            {
                if (rows[k].Holds(in input, path))
                {
                    (rule, rank) = (rows[k].Rule, rows[k].Rank);
                    break;
                }
            }
        }

        for (var k = _catchAllStart; k < rows.Length && rows[k].Rank > rank; k++)
        {
            if (rows[k].Holds(in input, path))
            {
                rule = rows[k].Rule;
                break;
            }
        }

        return rule < 0 ? HandResult.NoMatch : _results[rule];
    }

    private IEnumerable<SyntheticRule> Ordered(IEnumerable<SyntheticRule> rules) => _policy switch
    {
        Policy.Priority => rules.OrderByDescending(rule => rule.Priority).ThenBy(rule => rule.Index),
        Policy.OutputPriority => rules.OrderBy(rule => rule.Verdict).ThenBy(rule => rule.Index),
        _ => rules,
    };

    private Row ToRow(SyntheticRule rule)
    {
        var when = rule.When;
        var path = when.Path;
        return new Row(
            rule.Index,
            _policy == Policy.Priority ? rule.Priority : -(int)rule.Verdict,
            when.ModeMask,
            when.Size?.Min ?? int.MinValue,
            when.Size?.Max ?? int.MaxValue,
            path is null ? PathCheck.None : path.Form switch
            {
                PathForm.Prefix => PathCheck.Prefix,
                PathForm.NotPrefix => PathCheck.NotPrefix,
                _ => PathCheck.Glob,
            },
            path?.Prefix ?? string.Empty,
            path?.Glob,
            when.Any is null ? -1 : (int)when.Any.Mode,
            when.Any?.SizeAbove ?? 0);
    }

    private enum PathCheck : byte
    {
        None,
        Prefix,
        NotPrefix,
        Glob,
    }

    private readonly record struct Row(int Rule, int Rank, int ModeMask, int SizeMin, int SizeMax, PathCheck Path, string Prefix, GlobShape? Glob, int AnyMode, int AnySizeAbove)
    {
        public bool Holds(in SyntheticInput input, string path)
        {
            var mode = (int)input.Mode;
            var size = input.Size;
            if (((ModeMask >> mode) & 1) == 0 || size < SizeMin || size > SizeMax)
            {
                return false;
            }

            var pathHolds = Path switch
            {
                PathCheck.None => true,
                PathCheck.Prefix => path.StartsWith(Prefix, StringComparison.Ordinal),
                PathCheck.NotPrefix => !path.StartsWith(Prefix, StringComparison.Ordinal),
                _ => Glob!.Matches(path),
            };
            return pathHolds && (AnyMode < 0 || mode == AnyMode || size > AnySizeAbove);
        }
    }
}
