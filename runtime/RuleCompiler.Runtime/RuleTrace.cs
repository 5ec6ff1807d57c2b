namespace RuleCompiler;

/// <summary>
/// One rule of an explained evaluation: the rule, and whether its condition held for the input; when it did not,
/// the first test that failed, in file order.
/// </summary>
/// <param name="Rule">The rule: id, description, file, line and column.</param>
/// <param name="FirstFailure">The first test of the rule's condition that failed, in file order; null when the rule held.</param>
public readonly record struct RuleTrace(RuleInfo Rule, TestFailure? FirstFailure)
{
    /// <summary>Whether the rule's condition held (whether or not the hit policy picked it).</summary>
    public bool Held => FirstFailure is null;

    /// <summary>One line: <c>deny-rm (rules/shell.rules.yaml:12): held</c>, or the first failure.</summary>
    public override string ToString() => Rule is null
        ? string.Empty
        : $"{Rule}: {(FirstFailure is { } failure ? "not held: " + failure : "held")}";
}
