namespace RuleCompiler.Tests.Infrastructure.JsonSchema;

/// <summary>The JSON type of a scalar.</summary>
public enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
