using System.Text.RegularExpressions;

namespace RuleCompiler.Language.Binding;

/// <summary>
/// Names of the members the emitter gives a generated rule-set class. A class cannot be named like one of its own
/// members (CS0542), so a rule set cannot take these names. Kept beside the binder, which reports them, and checked
/// against the emitter's output by a test.
/// </summary>
public static class GeneratedMembers
{
    private static readonly Regex s_generated = new(
        "^(Evaluate|EvaluateAll|Explain(Rule[0-9]+(_[0-9]+)?|Rules[0-9]+|Value)?|Rules|Matches|RuleBits|RuleHits|Node[0-9]+(Part[0-9]+)*|s_[A-Za-z0-9_]*)\\z",
        RegexOptions.CultureInvariant);

    public static bool IsMemberName(string name) => s_generated.IsMatch(name);
}
