namespace RuleCompiler.Benchmarks.RuleSets.Shape;

/// <summary>What a hand-written baseline returns: the deciding rule's index (-1 for none) and the outputs.</summary>
public readonly record struct HandResult(int Rule, Verdict Verdict, int Code)
{
    public static HandResult NoMatch => new(-1, SyntheticRuleSet.DefaultVerdict, SyntheticRuleSet.DefaultCode);

    public bool Matched => Rule >= 0;
}
