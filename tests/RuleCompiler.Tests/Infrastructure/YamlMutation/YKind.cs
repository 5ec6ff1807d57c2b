namespace RuleCompiler.Tests.Infrastructure.YamlMutation;

internal enum YKind
{
    Scalar,
    Mapping,
    Sequence,
}
