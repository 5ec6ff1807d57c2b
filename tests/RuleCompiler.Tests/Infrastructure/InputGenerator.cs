using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>
/// Seeded inputs for differential testing: for each field, the rule set's own literals and the values just
/// below, at and above them, plus hostile values (null, "", NaN, ±∞, integer extremes, decimal scale variants,
/// case variants, non-ASCII text, null list elements); rows start from the file's test cases or zero values.
/// </summary>
public sealed class InputGenerator
{
    private static readonly string[] s_oddStrings = { "", "x", " ", "/", "é", "ß", "İ", "\u212A", "straße", "ÉCOLE", "a/b/c", "--", "-", "*", "?", "\\" };

    private readonly RuleSetModel _model;
    private readonly Random _random;
    private readonly List<Value>[] _candidates;

    public InputGenerator(RuleSetModel model, int seed)
    {
        _model = model;
        _random = new Random(seed);
        var literals = model.Inputs.Select(_ => new List<Value>()).ToArray();
        foreach (var test in model.Rules.SelectMany(rule => rule.When.Tests()).Where(test => test.Operator != TestOperator.Empty))
        {
            literals[test.Field].AddRange(test.Operands);
        }

        _candidates = model.Inputs.Select(field => Candidates(field, literals[field.Index])).ToArray();
    }

    public IEnumerable<Value[]> Rows(int count)
    {
        var seeds = _model.Tests.Select(t => t.Input.ToArray()).ToList();
        seeds.Add(_model.Inputs.Select(f => Value.Zero(f.Type)).ToArray());
        for (var i = 0; i < count; i++)
        {
            var row = (Value[])seeds[_random.Next(seeds.Count)].Clone();
            foreach (var field in _model.Inputs)
            {
                if (_random.NextDouble() < 0.6)
                {
                    var options = _candidates[field.Index];
                    row[field.Index] = options[_random.Next(options.Count)];
                }
            }

            yield return row;
        }
    }

    private List<Value> Candidates(FieldModel field, List<Value> literals)
    {
        var values = new List<Value>();
        switch (field.Type)
        {
            case FieldType.String:
                values.Add(new Value(FieldType.String, 0, 0m, 0d, null, default));
                foreach (var text in literals.Select(l => l.AsString).Distinct())
                {
                    var example = GlobMatcher.Tokenize(text) is { } tokens
                        ? new string(tokens.Select(t => t.Kind == GlobTokenKind.AnyRun ? 'z' : t.Kind == GlobTokenKind.AnyOne ? 'q' : t.Char).ToArray())
                        : text;
                    foreach (var variant in new[] { text, text + "x", "x" + text, text.ToUpperInvariant(), text.ToLowerInvariant(), example, example + "/tail", Trim(text) })
                    {
                        values.Add(Value.String(variant));
                    }
                }

                values.AddRange(s_oddStrings.Select(Value.String));
                values.Add(Value.String(new string('a', 300) + "/" + new string('b', 300)));
                break;
            case FieldType.Int:
            case FieldType.Long:
                var (min, max) = field.Type == FieldType.Int ? ((long)int.MinValue, (long)int.MaxValue) : (long.MinValue, long.MaxValue);
                foreach (var n in literals.Select(l => l.Integer).Append(0).Append(min).Append(max))
                {
                    foreach (var delta in new long[] { -1, 0, 1 })
                    {
                        var candidate = n + delta;
                        if ((delta >= 0 || candidate < n) && (delta <= 0 || candidate > n) && candidate >= min && candidate <= max)
                        {
                            values.Add(field.Type == FieldType.Int ? Value.Int(candidate) : Value.Long(candidate));
                        }
                    }
                }

                values.Add(field.Type == FieldType.Int ? Value.Int(_random.Next()) : Value.Long(_random.NextInt64()));
                break;
            case FieldType.Decimal:
                foreach (var d in literals.Select(l => l.Decimal).Append(0m).Append(decimal.MinValue).Append(decimal.MaxValue))
                {
                    values.Add(Value.Dec(d));
                    values.Add(Value.Dec(Rescale(d)));
                    if (d > decimal.MinValue + 1 && d < decimal.MaxValue - 1)
                    {
                        values.Add(Value.Dec(d - 0.01m));
                        values.Add(Value.Dec(d + 0.01m));
                    }
                }

                break;
            case FieldType.Double:
                foreach (var d in literals.Select(l => l.Real).Append(0d))
                {
                    values.Add(Value.Dbl(d));
                    values.Add(Value.Dbl(d - 0.001));
                    values.Add(Value.Dbl(d + 0.001));
                }

                values.AddRange(new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0d, double.MaxValue, double.MinValue, double.Epsilon }.Select(Value.Dbl));
                break;
            case FieldType.Date:
                var last = FieldTypes.Date.Max;
                foreach (var day in literals.Where(l => l.Type == FieldType.Date).Select(l => l.Integer).Append(0).Append(last))
                {
                    // A week around each: weekday tests see every day.
                    values.AddRange(Enumerable.Range(-7, 15).Select(delta => day + delta).Where(d => d >= 0 && d <= last).Select(d => Value.Of(FieldType.Date, d)));
                }

                values.Add(Value.Of(FieldType.Date, _random.Next(0, (int)last + 1)));
                break;
            case FieldType.DateTime:
                var latest = FieldTypes.DateTime.Max - TimeSpan.TicksPerDay;
                // Times of day of time-between tests, on a day, at each offset: the window's edges.
                foreach (var time in literals.Where(l => l.Type == FieldType.Time).Select(l => l.Integer))
                {
                    foreach (var offset in new[] { 0, 60, -300 })
                    {
                        values.AddRange(new[] { time - 1, time, time + 1 }.Select(t => Temporal.OfDateTime((739_000 * TimeSpan.TicksPerDay) + t - (offset * TimeSpan.TicksPerMinute), offset)));
                    }
                }

                foreach (var ticks in literals.Where(l => l.Type == FieldType.DateTime).Select(l => l.Integer).Append(TimeSpan.TicksPerDay).Append(latest))
                {
                    foreach (var delta in new[] { -TimeSpan.TicksPerDay, -1, 0, 1, TimeSpan.TicksPerHour * 7 })
                    {
                        var utc = ticks + delta;
                        if (utc >= TimeSpan.TicksPerDay && utc <= latest)
                        {
                            values.Add(Temporal.OfDateTime(utc, new[] { 0, 60, -300, 330 }[_random.Next(4)]));
                        }
                    }
                }

                values.Add(Temporal.OfDateTime(TimeSpan.TicksPerDay + (long)(_random.NextDouble() * (latest - TimeSpan.TicksPerDay)), 0));
                break;
            case FieldType.Time:
            case FieldType.Duration:
                var (low, high) = (field.Type.Info().Min, field.Type.Info().Max);
                foreach (var ticks in literals.Where(l => l.Type == field.Type).Select(l => l.Integer).Append(0).Append(low).Append(high))
                {
                    values.AddRange(new[] { ticks - 1, ticks, ticks + 1 }.Where(t => (t >= low && t <= high) && (t <= ticks || ticks < high) && (t >= ticks || ticks > low)).Select(t => Value.Of(field.Type, t)));
                }

                values.Add(Value.Of(field.Type, field.Type == FieldType.Time ? _random.NextInt64(0, TimeSpan.TicksPerDay) : _random.NextInt64(-TimeSpan.TicksPerDay * 10, TimeSpan.TicksPerDay * 10)));
                break;
            case FieldType.Bool:
                values.Add(Value.Bool(false));
                values.Add(Value.Bool(true));
                break;
            case FieldType.Enum:
                values.AddRange(Enumerable.Range(0, field.EnumValues.Count).Select(Value.Enum));
                values.Add(Value.Enum(field.EnumValues.Count + 7));
                break;
            case FieldType.StringList:
                var words = literals.Select(l => l.AsString).Distinct().ToList();
                words.AddRange(new[] { "other", "", "É" });
                values.Add(new Value(FieldType.StringList, 0, 0m, 0d, RuleSetUnderTest.NullList, EquatableArray<string>.Empty));
                values.Add(Value.List(EquatableArray<string>.Empty));
                for (var i = 0; i < 24; i++)
                {
                    var size = _random.Next(1, 5);
                    var items = Enumerable.Range(0, size).Select(_ => Vary(words[_random.Next(words.Count)])).ToArray();
                    values.Add(Value.List(items.ToEquatableArray()));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no candidate inputs for this type");
        }

        return values;
    }

    private string Vary(string word) => _random.Next(4) switch
    {
        0 => word.ToUpperInvariant(),
        1 => word + "!",
        _ => word,
    };

    private static string Trim(string text) => text.Length > 1 ? text.Substring(0, text.Length - 1) : text;

    // The same number with two more trailing zeros: 1.5 and 1.500 must behave alike.
    private static decimal Rescale(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var scaled = text.Contains('.') ? text + "00" : text + ".00";
        return decimal.TryParse(scaled, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : value;
    }
}
