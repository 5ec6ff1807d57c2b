using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleCompiler.Tests.Infrastructure.JsonSchema;

/// <summary>One reason an instance does not match a schema, with the reasons of failed alternatives as causes.</summary>
public sealed record SchemaError(string InstancePath, string Keyword, string SchemaPath, string Message, IReadOnlyList<SchemaError> Causes)
{
    /// <summary>This error and every cause below it, depth first.</summary>
    public IEnumerable<SchemaError> SelfAndCauses() => new[] { this }.Concat(Causes.SelectMany(cause => cause.SelfAndCauses()));

    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, 0);
        return builder.ToString().TrimEnd();
    }

    private void Append(StringBuilder builder, int indent)
    {
        builder.Append(' ', indent * 2).Append(InstancePath.Length == 0 ? "(root)" : InstancePath)
            .Append(": ").Append(Message).Append("  [").Append(Keyword).Append(" at ").Append(SchemaPath).AppendLine("]");
        foreach (var cause in Causes)
        {
            cause.Append(builder, indent + 1);
        }
    }
}
