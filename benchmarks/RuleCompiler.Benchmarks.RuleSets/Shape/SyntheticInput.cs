namespace RuleCompiler.Benchmarks.RuleSets.Shape;

/// <summary>The enum input <c>mode</c>, in the order the rule files declare it.</summary>
public enum Mode
{
    Read,
    Write,
    Exec,
    Admin,
}

/// <summary>The first output, <c>verdict</c>; its declaration order is output-priority's rank: deny wins over ask, ask over allow, allow over log.</summary>
public enum Verdict
{
    Deny,
    Ask,
    Allow,
    Log,
}

/// <summary>
/// One input of a synthetic rule set, as the hand-written baselines, the floor and the reference evaluator see it;
/// the generated code gets the same values in its own generated input struct.
/// </summary>
public readonly record struct SyntheticInput(string Command, Mode Mode, int Size, string Path);
