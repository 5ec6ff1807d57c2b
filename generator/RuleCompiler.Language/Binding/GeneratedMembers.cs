using RuleCompiler.Language.Lowering;

namespace RuleCompiler.Language.Binding;

/// <summary>
/// Names a rule set cannot take: a class cannot be named like one of its own members (CS0542). The names are the
/// lowering stage's (<see cref="MemberNames"/>); a test checks them against the emitter's output.
/// </summary>
public static class GeneratedMembers
{
    public static bool IsMemberName(string name) => MemberNames.IsReserved(name);
}
