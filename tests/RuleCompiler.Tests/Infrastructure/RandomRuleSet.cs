using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>
/// A seeded random rule set covering every type, operator, ignore-case, combinator and hit policy, written as YAML.
/// Literals come from small pools so that rules overlap often and boundaries are shared. Rules of <c>unique</c> and
/// <c>any</c> sets carry a key that makes them exclusive (or, for <c>any</c>, agreeing), so every set compiles.
/// Outputs are literals or computed (§10): templates over any inputs, expressions over the numeric ones; an <c>any</c>
/// pair computes with the same text spaced differently, which counts as equal.
/// </summary>
public sealed class RandomRuleSet
{
    private static readonly string[] s_strings = { "", "a", "ab", "abc", "b", "Ab", "ABC", "x/y", "é", "É", "straße", "a b" };
    private static readonly string[] s_globs = { "*", "a*", "*c", "a?c", "*/*", "?", "\\*", "*b*" };
    private static readonly string[] s_regexes = { "^a", "b$", "a.c", "[xy]", "(ab|cd)", "^$", "é", "^[A-Z]+$" };
    private static readonly long[] s_integers = { -2, -1, 0, 1, 2, 5, 10 };
    private static readonly string[] s_decimals = { "0", "0.5", "1.0", "1.25", "-3", "10.00" };
    private static readonly string[] s_doubles = { "0", "0.5", "-1.5", "2", "1e3" };
    private static readonly string[] s_dates = { "0001-01-02", "1970-01-01", "2024-02-29", "2026-12-05", "2026-12-06", "9999-12-30" };
    private static readonly string[] s_dateTimes = { "2026-12-05T09:30:00Z", "2026-12-05T22:15:00+01:00", "2026-12-06T00:00:00Z", "1970-01-01T00:00:00Z", "2026-12-05T09:30:00-05:00" };
    private static readonly string[] s_times = { "00:00:01", "06:00", "09:30", "12:00:30", "22:00", "23:59:59" };
    private static readonly string[] s_durations = { "0s", "500ms", "PT15M", "1h", "2h30m", "P1D", "-PT5M" };
    private static readonly string[] s_weekdays = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
    private static readonly string[] s_enum = { "red", "green", "blue", "dark-red" };
    private static readonly string[] s_policies = { "first", "priority", "output-priority", "unique", "any", "collect", "collect-sum", "collect-min", "collect-max", "collect-count" };

    private static readonly string[] s_types = { "string", "int", "long", "decimal", "double", "bool", "enum", "string-list", "date", "datetime", "time", "duration" };

    private readonly Random _random;

    // What conditions test: inputs, record fields by path, map keys by path, and maps (type "map": presence tests).
    private readonly List<(string Name, string Type)> _inputs = new();
    private readonly List<string> _declarations = new();

    private RandomRuleSet(int seed, int rules)
    {
        _random = new Random(seed);
        Seed = seed;
        Policy = s_policies[_random.Next(s_policies.Length)];
        var count = _random.Next(2, 7);
        for (var i = 0; i < count; i++)
        {
            switch (_random.Next(s_types.Length + 2))
            {
                case var roll when roll == s_types.Length:
                    // A record, with a record inside it (§11): its leaves are tested by path.
                    var (a, b, c) = (ScalarType(), ScalarType(), ScalarType());
                    _declarations.Add($"  record_{i}: {{ record: {{ a: {Declaration(a)}, b: {Declaration(b)}, inner: {{ record: {{ c: {Declaration(c)} }} }} }} }}");
                    _inputs.Add(($"record_{i}.a", a));
                    _inputs.Add(($"record_{i}.b", b));
                    _inputs.Add(($"record_{i}.inner.c", c));
                    break;
                case var roll when roll == s_types.Length + 1:
                    // A map: two keys tested by path, and presence (has-key, has-any-key) on the map.
                    _declarations.Add($"  map_{i}: {{ map: string }}");
                    _inputs.Add(($"map_{i}.k1", "string"));
                    _inputs.Add(($"map_{i}.k2", "string"));
                    _inputs.Add(($"map_{i}", "map"));
                    break;
                case var roll:
                    var type = s_types[roll];
                    var name = $"{type.Replace("-", string.Empty)}_{i}";
                    _declarations.Add($"  {name}: {Declaration(type)}");
                    _inputs.Add((name, type));
                    break;
            }
        }

        Rules = Enumerable.Range(0, rules).Select(WriteRule).ToList();
    }

    public int Seed { get; }

    public string Policy { get; }

    /// <summary>Each rule as one YAML flow line, so a failing set can be shrunk rule by rule.</summary>
    public List<string> Rules { get; }

    public static RandomRuleSet Create(int seed, int rules) => new(seed, rules);

    public string Yaml(IEnumerable<string>? rules = null)
    {
        var yaml = new StringBuilder().AppendLine($"ruleset: Random{Seed}");
        var (hit, aggregate) = Policy.StartsWith("collect-", StringComparison.Ordinal) ? ("collect", Policy.Substring(8)) : (Policy, null);
        yaml.AppendLine($"hit: {hit}");
        if (aggregate is not null)
        {
            yaml.AppendLine($"aggregate: {aggregate}");
        }

        yaml.AppendLine("inputs:");
        if (NeedsKey)
        {
            yaml.AppendLine("  key: int");
        }

        foreach (var declaration in _declarations)
        {
            yaml.AppendLine(declaration);
        }

        yaml.AppendLine("outputs:");
        if (aggregate is not null)
        {
            yaml.AppendLine("  amount: decimal");
            yaml.AppendLine("default: { amount: -1 }");
        }
        else
        {
            yaml.AppendLine("  decision: { enum: [deny, ask, allow] }");
            yaml.AppendLine("  value: int");
            yaml.AppendLine("  note: string");
        }

        yaml.AppendLine("rules:");
        foreach (var rule in rules ?? Rules)
        {
            yaml.AppendLine(rule);
        }

        return yaml.ToString();
    }

    private bool NeedsKey => Policy is "unique" or "any";

    private string ScalarType() => s_types[_random.Next(s_types.Length)];

    private static string Declaration(string type) => type == "enum" ? $"{{ enum: [{string.Join(", ", s_enum)}] }}" : type;

    private string WriteRule(int index)
    {
        var entries = new List<string>();
        if (NeedsKey)
        {
            // unique: every rule its own key; any: pairs of rules share a key and their outputs.
            entries.Add($"key: {(Policy == "unique" ? index : index / 2)}");
        }

        for (var i = _random.Next(0, 4); i > 0; i--)
        {
            var entry = Entry(depth: 0);
            var key = entry.Substring(0, entry.IndexOf(':'));
            if (!entries.Any(e => e.StartsWith(key + ":", StringComparison.Ordinal)))
            {
                entries.Add(entry);
            }
        }

        var priority = Policy == "priority" ? $", priority: {_random.Next(-2, 3)}" : string.Empty;
        var group = Policy == "any" ? index / 2 : index;
        var then = Policy.StartsWith("collect-", StringComparison.Ordinal)
            ? $"{{ amount: {Amount()} }}"
            : $"{{ decision: {new[] { "deny", "ask", "allow" }[Policy == "any" ? group % 3 : _random.Next(3)]}, value: {Value(group, index)}, note: {Note(group, index)} }}";
        return $"  - {{ id: r{index}{priority}, when: {{ {string.Join(", ", entries)} }}, then: {then} }}";
    }

    // Computed outputs. An `any` pair shares one computation per group (from a generator seeded by the group), its
    // second rule spaced differently: §10 compares the text without whitespace.
    private string Value(int group, int index)
    {
        var random = Policy == "any" ? new Random(Seed * 1000 + group) : _random;
        var integers = Inputs("int", "long");
        if (integers.Count == 0 || random.Next(3) == 0)
        {
            return group.ToString(CultureInfo.InvariantCulture);
        }

        return Computed("expr", Expression(random, integers, divide: false), index);
    }

    private string Note(int group, int index)
    {
        var random = Policy == "any" ? new Random(Seed * 7919 + group) : _random;
        if (random.Next(3) == 0)
        {
            return "r" + group.ToString(CultureInfo.InvariantCulture);
        }

        var values = _inputs.Where(input => input.Type != "map").ToList();
        var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => "{" + values[random.Next(values.Count)].Name + "}");
        return Computed("template", $"g{group}: " + string.Join(" | ", parts) + " {{x}}", index);
    }

    private string Amount()
    {
        var numbers = Inputs("int", "long", "decimal");
        return numbers.Count == 0 || _random.Next(3) == 0
            ? s_decimals[_random.Next(s_decimals.Length)]
            : Computed("expr", Expression(_random, numbers, divide: true), 0);
    }

    private static string Computed(string kind, string text, int index) =>
        $"{{ {kind}: \"{(index % 2 == 1 && kind == "expr" ? text.Replace(" ", "  ") : text)}\" }}";

    private List<string> Inputs(params string[] types) => _inputs.Where(input => types.Contains(input.Type)).Select(input => input.Name).ToList();

    private static string Expression(Random random, List<string> names, bool divide)
    {
        string Name() => names[random.Next(names.Count)];
        var forms = new List<Func<string>>
        {
            () => $"{Name()} + {Name()} * 2",
            () => $"max({Name()}, 3) - min({Name()}, -1 * 2, 0)",
            () => $"abs({Name()}) - (1 - {Name()})",
            () => $"-({Name()} - 1)",
            () => $"round({Name()}, 1) + floor({Name()}) - ceiling({Name()})",
            () => $"{Name()} * {Name()}",
        };
        if (divide)
        {
            forms.Add(() => $"round({Name()} / 3, 2)");
            forms.Add(() => $"({Name()} + 0.5) / {Name()}");
        }

        return forms[random.Next(forms.Count)]();
    }

    private string Entry(int depth)
    {
        var roll = _random.Next(10);
        if (depth < 2 && roll == 0)
        {
            return $"all: [{Condition(depth + 1)}, {Condition(depth + 1)}]";
        }

        if (depth < 2 && roll == 1)
        {
            return $"any: [{Condition(depth + 1)}, {Condition(depth + 1)}]";
        }

        if (depth < 2 && roll == 2)
        {
            return $"not: {Condition(depth + 1)}";
        }

        var (name, type) = _inputs[_random.Next(_inputs.Count)];
        return $"{name}: {Test(type)}";
    }

    // A nested condition: one entry, so that a mapping never repeats a key.
    private string Condition(int depth) => $"{{ {Entry(depth)} }}";

    private string Test(string type) => type switch
    {
        "string" => StringTest(),
        "int" or "long" => NumericTest(s_integers.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()),
        "decimal" => NumericTest(s_decimals),
        "double" => NumericTest(s_doubles),
        "date" => _random.Next(6) == 0 ? Weekdays() : NumericTest(s_dates),
        "datetime" => _random.Next(6) switch
        {
            0 => Weekdays(),
            1 => $"{{ time-between: [{Pick(s_times)}, {Pick(s_times)}] }}",
            _ => NumericTest(s_dateTimes),
        },
        "time" => _random.Next(6) == 0 ? $"{{ between: [{Pick(s_times)}, {Pick(s_times)}] }}" : NumericTest(s_times),
        "duration" => NumericTest(s_durations),
        "bool" => Pick("true", "false", "{ ne: true }", "[true, false]"),
        "enum" => Pick(Pick(s_enum), $"[{Pick(s_enum)}, {Pick(s_enum)}]", $"{{ ne: {Pick(s_enum)} }}", $"{{ not-in: [{Pick(s_enum)}] }}"),
        "map" => Pick("{ has-key: k1 }", "{ has-key: k3 }", "{ has-any-key: [k1, k2] }", "{ has-key: k2, has-any-key: [k1, k3] }"),
        _ => ListTest(),
    };

    private string StringTest()
    {
        var ignoreCase = _random.Next(3) == 0 ? ", ignore-case: true" : string.Empty;
        var literal = Quote(Pick(s_strings));
        return _random.Next(11) switch
        {
            10 => $"{{ not-contains: {literal}{ignoreCase} }}",
            0 => literal,
            1 => $"[{literal}, {Quote(Pick(s_strings))}]",
            2 => $"{{ ne: {literal}{ignoreCase} }}",
            3 => $"{{ in: [{literal}, {Quote(Pick(s_strings))}]{ignoreCase} }}",
            4 => $"{{ not-in: [{literal}]{ignoreCase} }}",
            5 => $"{{ prefix: {literal}{ignoreCase} }}",
            6 => $"{{ suffix: {literal}{ignoreCase} }}",
            7 => $"{{ contains: {literal}{ignoreCase} }}",
            8 => $"{{ glob: {Quote(Pick(s_globs))}{ignoreCase} }}",
            _ => $"{{ regex: {Quote(Pick(s_regexes))}{ignoreCase} }}",
        };
    }

    private string NumericTest(string[] pool)
    {
        var a = Pick(pool);
        var b = Pick(pool);
        var (lo, hi) = Order(a) <= Order(b) ? (a, b) : (b, a);
        return _random.Next(9) switch
        {
            0 => a,
            1 => $"[{a}, {b}]",
            2 => $"{{ ne: {a} }}",
            3 => $"{{ lt: {a} }}",
            4 => $"{{ lte: {a} }}",
            5 => $"{{ gt: {a} }}",
            6 => $"{{ gte: {a} }}",
            7 => $"{{ not-in: [{a}, {b}] }}",
            _ => $"{{ between: [{lo}, {hi}] }}",
        };
    }

    private string Weekdays() => $"{{ weekday: [{Pick(s_weekdays)}, {Pick(s_weekdays)}] }}";

    // Each literal as the number the compiler orders it by: numbers by value, the time types by their ticks.
    private static decimal Order(string literal)
    {
        var read = new[] { FieldTypes.Date, FieldTypes.DateTime, FieldTypes.Time, FieldTypes.Duration }
            .Select(type => type.Read(literal, null!).Value)
            .FirstOrDefault(value => value is not null);
        return read is { } value ? value.Integer : decimal.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private string ListTest()
    {
        var ignoreCase = _random.Next(3) == 0 ? ", ignore-case: true" : string.Empty;
        return _random.Next(5) switch
        {
            4 => $"{{ not-contains: {Quote(Pick(s_strings))}{ignoreCase} }}",
            0 => $"{{ contains: {Quote(Pick(s_strings))}{ignoreCase} }}",
            1 => $"{{ contains-any: [{Quote(Pick(s_strings))}, {Quote(Pick(s_strings))}]{ignoreCase} }}",
            2 => $"{{ contains-all: [{Quote(Pick(s_strings))}, {Quote(Pick(s_strings))}]{ignoreCase} }}",
            _ => $"{{ empty: {Pick("true", "false")} }}",
        };
    }

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
