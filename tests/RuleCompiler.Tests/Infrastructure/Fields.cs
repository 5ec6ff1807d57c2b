using RuleCompiler.Language.Common;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>Field models for stage tests that need a field without a rule file.</summary>
public static class Fields
{
    /// <summary>Input 0, named <c>x</c>, of <paramref name="type"/>; an enum has the values a, b, c.</summary>
    public static FieldModel Of(FieldType type) => new(
        0,
        "x",
        "X",
        type,
        type == FieldType.Enum ? new[] { "a", "b", "c" }.ToEquatableArray() : default,
        type == FieldType.Enum ? new[] { "A", "B", "C" }.ToEquatableArray() : default,
        null,
        default);
}
