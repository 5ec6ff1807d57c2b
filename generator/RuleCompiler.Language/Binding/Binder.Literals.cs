using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Binding;

// Literals are read by the type of the field they belong to, never by YAML's guess (spec §3): each type's entry reads them.
public sealed partial class Binder
{
    /// <summary>
    /// A literal of <paramref name="type"/>; <paramref name="subject"/> names what it is for in messages (default: the
    /// field). An input value of a test case (<paramref name="isInput"/>) may be NaN (<c>.nan</c>): no test can compare
    /// with NaN, but an input can be one, and an analysis example input can need it.
    /// </summary>
    private Value? Literal(YamlNode node, FieldModel field, FieldType type, string? subject = null, bool isInput = false)
    {
        if (Scalar(node, $"A value for '{field.Name}'") is not { } scalar)
        {
            return null;
        }

        // The elements of a string list are strings.
        var info = type == FieldType.StringList ? FieldTypes.String : type.Info();
        var read = info.Read(scalar.Value, field, isInput);
        if (read.Value is { } value)
        {
            return value;
        }

        Report(DiagnosticCatalog.InvalidLiteral.At(scalar.Span, scalar.Value, info.YamlName, subject ?? field.Name, read.Problem ?? "it is not valid"));
        return null;
    }
}
