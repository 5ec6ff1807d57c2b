using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleCompiler.Text;

namespace RuleCompiler.Language.Model;

/// <summary>A field's type. What each one means lives in its <see cref="FieldTypeInfo"/> (<see cref="FieldTypes"/>).</summary>
public enum FieldType
{
    String,
    Int,
    Long,
    Decimal,
    Double,
    Bool,
    Enum,
    StringList,
    Date,
    DateTime,
    Time,
    Duration,
}

/// <summary>How a <see cref="Value"/> holds a type's values: which of its slots, and so how they compare.</summary>
public enum ValueKind
{
    /// <summary><see cref="Value.Text"/>, compared ordinally.</summary>
    Text,

    /// <summary>
    /// <see cref="Value.Integer"/>: int, long, bool (0 / 1), enum (its ordinal), date (its day number), datetime (its
    /// UTC ticks; its offset in minutes rides in <see cref="Value.Decimal"/>), time (ticks since midnight), duration
    /// (ticks). Equality and order are those of the integer: datetimes compare as instants.
    /// </summary>
    Integer,

    /// <summary><see cref="Value.Decimal"/>.</summary>
    Decimal,

    /// <summary><see cref="Value.Real"/>: a double, where NaN equals nothing.</summary>
    Real,

    /// <summary><see cref="Value.Items"/>: a list of strings.</summary>
    TextList,
}

/// <summary>
/// What the language knows about one field type, in one place: its YAML name, how a value of it is held, read from a
/// literal and written back as YAML, its range, and which kinds of test it supports. Every stage asks this entry;
/// adding a type is adding an entry to <see cref="FieldTypes"/> (and its C# spelling to the emitter's table).
/// </summary>
public sealed class FieldTypeInfo
{
    private readonly Func<string, FieldModel, bool, LiteralResult> _read;
    private readonly Func<Value, FieldModel?, string> _yaml;

    internal FieldTypeInfo(
        FieldType type,
        string yamlName,
        ValueKind kind,
        Func<string, FieldModel, bool, LiteralResult> read,
        Func<Value, FieldModel?, string> yaml)
    {
        Type = type;
        YamlName = yamlName;
        Kind = kind;
        _read = read;
        _yaml = yaml;
    }

    public FieldType Type { get; }

    /// <summary>The spelling in rule files (<c>string-list</c>); <c>enum</c> for enums, which are written <c>{ enum: [...] }</c>.</summary>
    public string YamlName { get; }

    public ValueKind Kind { get; }

    /// <summary>Written in the short form (<c>risk: int</c>); enums are written <c>{ enum: [...] }</c>.</summary>
    public bool HasShortName { get; init; } = true;

    /// <summary><c>between: [lo, hi]</c> with lo &gt; hi is a window that wraps around (a time of day across midnight), not an error.</summary>
    public bool WrapsAround { get; init; }

    /// <summary>Only an input may have this type (string-list).</summary>
    public bool InputOnly { get; init; }

    /// <summary>Values are ordered: <c>lt</c> … <c>between</c> apply and the planner partitions them into ranges.</summary>
    public bool IsOrdered { get; init; }

    /// <summary>A number: an aggregate (<c>sum</c>, <c>min</c>, <c>max</c>, <c>count</c>) may fold it.</summary>
    public bool IsNumeric { get; init; }

    /// <summary>For <see cref="ValueKind.Integer"/> types: the least and greatest value (the enum's range is its field's).</summary>
    public long Min { get; init; }

    /// <inheritdoc cref="Min"/>
    public long Max { get; init; }

    /// <summary>Strings, and the elements of string lists: tests on them may be <c>ignore-case</c>.</summary>
    public bool HasText => Kind is ValueKind.Text or ValueKind.TextList;

    /// <summary>Whole numbers held in <see cref="Value.Integer"/> over a range (<see cref="Min"/>..<see cref="Max"/>): int, long, date.</summary>
    public bool IsIntegerRange => Kind == ValueKind.Integer && IsOrdered;

    /// <summary>The value an input left out takes, and an output without a default.</summary>
    public Value Zero => Type switch
    {
        FieldType.String => Value.String(string.Empty),
        FieldType.StringList => Value.List(Common.EquatableArray<string>.Empty),
        FieldType.Decimal => Value.Dec(0m),
        FieldType.Double => Value.Dbl(0d),
        FieldType.Date or FieldType.DateTime or FieldType.Time or FieldType.Duration => Value.Of(Type, 0),
        FieldType.Int or FieldType.Long or FieldType.Bool or FieldType.Enum => Value.Of(Type, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "no zero for this type"),
    };

    /// <summary>Reads a literal of this type for <paramref name="field"/>; <paramref name="isInput"/> admits NaN (a test case's input may be one).</summary>
    public LiteralResult Read(string text, FieldModel field, bool isInput = false) => _read(text, field, isInput);

    /// <summary>The value as a YAML flow scalar an author can paste (enums by name when <paramref name="field"/> is given).</summary>
    public string ToYaml(Value value, FieldModel? field = null) => _yaml(value, field);
}

/// <summary>A literal read by its type: the value, or why it is not one.</summary>
public readonly record struct LiteralResult(Value? Value, string? Problem)
{
    public static LiteralResult Ok(Value value) => new(value, null);

    public static LiteralResult Fail(string problem) => new(null, problem);
}

/// <summary>Every field type the language has, each in one entry.</summary>
public static class FieldTypes
{
    private static readonly System.DateTime s_dayZero = new(1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static readonly FieldTypeInfo String = new(FieldType.String, "string", ValueKind.Text, (text, _, _) => LiteralResult.Ok(Value.String(text)), (v, _) => YamlScalars.String(v.AsString));

    public static readonly FieldTypeInfo Int = new(FieldType.Int, "int", ValueKind.Integer, (text, _, _) => ReadInteger(text, FieldType.Int), (v, _) => YamlScalars.Integer(v.Integer))
    {
        IsOrdered = true, IsNumeric = true, Min = int.MinValue, Max = int.MaxValue,
    };

    public static readonly FieldTypeInfo Long = new(FieldType.Long, "long", ValueKind.Integer, (text, _, _) => ReadInteger(text, FieldType.Long), (v, _) => YamlScalars.Integer(v.Integer))
    {
        IsOrdered = true, IsNumeric = true, Min = long.MinValue, Max = long.MaxValue,
    };

    public static readonly FieldTypeInfo Decimal = new(FieldType.Decimal, "decimal", ValueKind.Decimal, (text, _, _) => ReadDecimal(text), (v, _) => YamlScalars.Decimal(v.Decimal))
    {
        IsOrdered = true, IsNumeric = true,
    };

    public static readonly FieldTypeInfo Double = new(FieldType.Double, "double", ValueKind.Real, (text, _, isInput) => ReadDouble(text, isInput), (v, _) => YamlScalars.Double(v.Real))
    {
        IsOrdered = true, IsNumeric = true,
    };

    public static readonly FieldTypeInfo Bool = new(FieldType.Bool, "bool", ValueKind.Integer, (text, _, _) => ReadBool(text), (v, _) => YamlScalars.Bool(v.AsBool))
    {
        Min = 0, Max = 1,
    };

    public static readonly FieldTypeInfo Enum = new(FieldType.Enum, "enum", ValueKind.Integer, (text, field, _) => ReadEnum(text, field), WriteEnum)
    {
        HasShortName = false,
    };

    public static readonly FieldTypeInfo StringList = new(FieldType.StringList, "string-list", ValueKind.TextList, (text, _, _) => LiteralResult.Ok(Value.String(text)), (v, _) => YamlScalars.List(v.Items))
    {
        InputOnly = true,
    };

    /// <summary><c>date</c>: a calendar day, held as its day number (days since 0001-01-01, as <c>DateOnly.DayNumber</c>).</summary>
    public static readonly FieldTypeInfo Date = new(FieldType.Date, "date", ValueKind.Integer, (text, _, _) => ReadDate(text), (v, _) => WriteDate(v.Integer))
    {
        IsOrdered = true, Min = 0, Max = (System.DateTime.MaxValue.Date - s_dayZero).Days,
    };

    /// <summary>
    /// <c>datetime</c>: an instant with the offset it was written in (ISO 8601 with <c>Z</c> or <c>±hh:mm</c>), held as
    /// its UTC ticks (as <c>DateTimeOffset.UtcTicks</c>) and, for <c>weekday</c> and <c>time-between</c>, its offset.
    /// </summary>
    public static readonly FieldTypeInfo DateTime = new(FieldType.DateTime, "datetime", ValueKind.Integer, (text, _, _) => Temporal.ReadDateTime(text), (v, _) => Temporal.WriteDateTime(v))
    {
        IsOrdered = true, Min = 0, Max = System.DateTime.MaxValue.Ticks,
    };

    /// <summary><c>time</c>: a time of day (<c>09:30</c>, <c>09:30:15</c>), held as ticks since midnight (as <c>TimeOnly.Ticks</c>).</summary>
    public static readonly FieldTypeInfo Time = new(FieldType.Time, "time", ValueKind.Integer, (text, _, _) => Temporal.ReadTime(text), (v, _) => Temporal.WriteTime(v.Integer))
    {
        IsOrdered = true, WrapsAround = true, Min = 0, Max = TimeSpan.TicksPerDay - 1,
    };

    /// <summary><c>duration</c>: ISO 8601 (<c>PT15M</c>, <c>P1DT2H</c>) or short (<c>15m</c>, <c>2h30m</c>, <c>500ms</c>), held as ticks (as <c>TimeSpan.Ticks</c>).</summary>
    public static readonly FieldTypeInfo Duration = new(FieldType.Duration, "duration", ValueKind.Integer, (text, _, _) => Temporal.ReadDuration(text), (v, _) => Temporal.WriteDuration(v.Integer))
    {
        IsOrdered = true, Min = long.MinValue, Max = long.MaxValue,
    };

    /// <summary>Every type, in the order of <see cref="FieldType"/>.</summary>
    public static IReadOnlyList<FieldTypeInfo> All { get; } = new[] { String, Int, Long, Decimal, Double, Bool, Enum, StringList, Date, DateTime, Time, Duration };

    /// <summary>The entry of <paramref name="type"/>; a type without one fails loudly.</summary>
    public static FieldTypeInfo Info(this FieldType type)
    {
        var index = (int)type;
        return index >= 0 && index < All.Count && All[index].Type == type
            ? All[index]
            : throw new ArgumentOutOfRangeException(nameof(type), type, "no FieldTypeInfo entry for this type");
    }

    /// <summary>The type a short-form name (<c>risk: int</c>) names, or null.</summary>
    public static FieldTypeInfo? ByShortName(string name) => All.FirstOrDefault(info => info.HasShortName && info.YamlName == name);

    /// <summary>The spelling in rule files, for messages.</summary>
    public static string YamlName(this FieldType type) => type.Info().YamlName;

    public static bool IsNumeric(this FieldType type) => type.Info().IsNumeric;

    private static LiteralResult ReadInteger(string text, FieldType type)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            var isNumber = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            return LiteralResult.Fail(isNumber && !text.Contains(".") && !text.Contains("e") && !text.Contains("E")
                ? $"it does not fit in a {type.YamlName()}"
                : isNumber ? "a whole number is needed" : "it is not a number");
        }

        return value < type.Info().Min || value > type.Info().Max
            ? LiteralResult.Fail("it does not fit in an int (-2147483648 to 2147483647); use long")
            : LiteralResult.Ok(Value.Of(type, value));
    }

    private static LiteralResult ReadDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? LiteralResult.Ok(Value.Dec(value))
        : LiteralResult.Fail(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "it does not fit in a decimal" : "it is not a number");

    private static LiteralResult ReadDouble(string text, bool allowNaN)
    {
        switch (text)
        {
            case ".nan" when allowNaN: case ".NaN" when allowNaN: case ".NAN" when allowNaN:
                return LiteralResult.Ok(Value.Dbl(double.NaN));
            case ".inf": case ".Inf": case ".INF": case "+.inf": case "+.Inf": case "+.INF":
                return LiteralResult.Ok(Value.Dbl(double.PositiveInfinity));
            case "-.inf": case "-.Inf": case "-.INF":
                return LiteralResult.Ok(Value.Dbl(double.NegativeInfinity));
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
        {
            return LiteralResult.Fail(text.IndexOf("nan", StringComparison.OrdinalIgnoreCase) >= 0 ? "NaN equals nothing, so it cannot be a literal" : "it is not a number");
        }

        return double.IsInfinity(value) ? LiteralResult.Fail("it is too large for a double; write .inf for infinity") : LiteralResult.Ok(Value.Dbl(value));
    }

    private static LiteralResult ReadBool(string text) => text switch
    {
        "true" or "True" or "TRUE" => LiteralResult.Ok(Value.Bool(true)),
        "false" or "False" or "FALSE" => LiteralResult.Ok(Value.Bool(false)),
        _ => LiteralResult.Fail("only true or false are booleans"),
    };

    private static LiteralResult ReadEnum(string text, FieldModel field)
    {
        for (var i = 0; i < field.EnumValues.Count; i++)
        {
            if (field.EnumValues[i] == text)
            {
                return LiteralResult.Ok(Value.Enum(i));
            }
        }

        return LiteralResult.Fail("the enum's values are " + string.Join(", ", field.EnumValues));
    }

    private static string WriteEnum(Value value, FieldModel? field) =>
        field is not null && value.Integer >= 0 && value.Integer < field.EnumValues.Count
            ? YamlScalars.String(field.EnumValues[(int)value.Integer])
            : "#" + value.Integer.ToString(CultureInfo.InvariantCulture);

    // ISO 8601 calendar dates only (yyyy-MM-dd): what the spec writes, and what YAML's own timestamps look like.
    private static LiteralResult ReadDate(string text)
    {
        if (text.Length == 10 && System.DateTime.TryParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return LiteralResult.Ok(Value.Of(FieldType.Date, (date - s_dayZero).Days));
        }

        return LiteralResult.Fail(System.DateTime.TryParseExact(text, "yyyy'-'M'-'d", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? "write it as yyyy-mm-dd, with two-digit months and days"
            : "it is not a date (yyyy-mm-dd) that exists");
    }

    private static string WriteDate(long dayNumber)
    {
        var date = s_dayZero.AddDays(dayNumber);
        return YamlScalars.Date(date.Year, date.Month, date.Day);
    }
}
