using System;
using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Planning;

/// <summary>
/// The partition of one field's values that a set of indexable tests induces: within a class every such test
/// has the same outcome, so one representative value per class decides them all.
/// Discrete fields (string, enum, bool): one class per literal and one for every other value.
/// Numeric fields: points and the open intervals between them (see <see cref="RangeSwitch"/>).
/// </summary>
internal sealed class ValueClasses
{
    private ValueClasses(List<Value> keys, List<Value> points, List<Value?> representatives, bool isRange)
    {
        Keys = keys;
        Points = points;
        Representatives = representatives;
        IsRange = isRange;
    }

    public bool IsRange { get; }

    /// <summary>Discrete classes 0..Keys.Count-1; class Keys.Count is "any other value".</summary>
    public List<Value> Keys { get; }

    public List<Value> Points { get; }

    /// <summary>One value per class; null for a class no value falls into (an empty integer interval).</summary>
    public List<Value?> Representatives { get; }

    public static ValueClasses For(FieldModel field, IEnumerable<Value> literals)
    {
        var info = field.Type.Info();
        if (info.IsOrdered)
        {
            return Ranges(info, literals);
        }

        switch (info.Kind)
        {
            case ValueKind.Text:
            {
                var set = new HashSet<string>(literals.Select(v => v.AsString), StringComparer.Ordinal);
                var keys = set.ToArray();
                Array.Sort(keys, StringComparer.Ordinal);
                var other = "\uFFFF";
                while (set.Contains(other))
                {
                    other += "\uFFFF";
                }

                var reps = keys.Select(k => (Value?)Value.String(k)).ToList();
                reps.Add(Value.String(other));
                return new ValueClasses(keys.Select(Value.String).ToList(), new List<Value>(), reps, isRange: false);
            }

            case ValueKind.Integer when field.Type == FieldType.Bool:
            {
                var keys = new List<Value> { Value.Bool(false), Value.Bool(true) };
                return new ValueClasses(keys, new List<Value>(), new List<Value?> { keys[0], keys[1], null }, isRange: false);
            }

            case ValueKind.Integer when field.Type == FieldType.Enum:
            {
                var ordinals = literals.Select(v => (int)v.Integer).Distinct().OrderBy(i => i).ToList();
                var other = Enumerable.Range(0, field.EnumValues.Count + 1).First(i => !ordinals.Contains(i));
                var reps = ordinals.Select(i => (Value?)Value.Enum(i)).ToList();
                reps.Add(Value.Enum(other));
                return new ValueClasses(ordinals.Select(Value.Enum).ToList(), new List<Value>(), reps, isRange: false);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no value classes for this type");
        }
    }

    private static ValueClasses Ranges(FieldTypeInfo type, IEnumerable<Value> literals)
    {
        var points = new List<Value>();
        foreach (var literal in literals.OrderBy(v => v, Comparer<Value>.Create((a, b) => a.CompareNumber(b))))
        {
            if (points.Count == 0 || points[points.Count - 1].CompareNumber(literal) != 0)
            {
                points.Add(literal);
            }
        }

        var reps = new List<Value?>();
        for (var i = 0; i <= points.Count; i++)
        {
            reps.Add(Between(type, i == 0 ? null : points[i - 1], i == points.Count ? null : points[i]));
            if (i < points.Count)
            {
                reps.Add(points[i]);
            }
        }

        if (type.Kind == ValueKind.Real)
        {
            reps.Add(Value.Dbl(double.NaN));
        }

        return new ValueClasses(new List<Value>(), points, reps, isRange: true);
    }

    /// <summary>A value strictly between two points (null bound: unbounded), or null when there is none.</summary>
    private static Value? Between(FieldTypeInfo type, Value? lo, Value? hi)
    {
        switch (type.Kind)
        {
            case ValueKind.Integer:
            {
                long candidate = lo is null ? type.Min : hi is null ? type.Max : lo.Value.Integer + 1;
                var above = lo is null || candidate > lo.Value.Integer;
                var below = hi is null || candidate < hi.Value.Integer;
                return above && below ? Value.Of(type.Type, candidate) : null;
            }

            case ValueKind.Decimal:
            {
                var candidate = lo is null ? decimal.MinValue : hi is null ? decimal.MaxValue : (lo.Value.Decimal / 2) + (hi.Value.Decimal / 2);
                var above = lo is null || candidate > lo.Value.Decimal;
                var below = hi is null || candidate < hi.Value.Decimal;
                return above && below ? Value.Dec(candidate) : null;
            }

            case ValueKind.Real:
            {
                var candidate = lo is null ? double.NegativeInfinity : hi is null ? double.PositiveInfinity : lo.Value.Real + ((hi.Value.Real - lo.Value.Real) / 2);
                if (lo is not null && hi is not null && (double.IsNaN(candidate) || double.IsInfinity(candidate)))
                {
                    // An infinite literal bound: the finite extremes lie strictly inside (-inf, x) and (x, +inf). Two
                    // finite bounds whose distance overflows (-1e308, 1e308): their halves' sum is between them.
                    candidate = lo is { Real: double.NegativeInfinity } ? -double.MaxValue
                        : hi is { Real: double.PositiveInfinity } ? double.MaxValue
                        : (lo.Value.Real / 2) + (hi.Value.Real / 2);
                }

                var above = lo is null || candidate > lo.Value.Real;
                var below = hi is null || candidate < hi.Value.Real;
                return above && below ? Value.Dbl(candidate) : null;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(type), type.Type, "values of this type are not ordered");
        }
    }
}
