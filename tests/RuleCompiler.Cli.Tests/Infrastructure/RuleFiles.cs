namespace RuleCompiler.Cli.Tests.Infrastructure;

/// <summary>Small rule files the tests write: the README's pricing example, broken or with tests.</summary>
public static class RuleFiles
{
    /// <summary>The declarations; a file is these lines, then its rules (and tests).</summary>
    public const string DiscountsHeader = """
        ruleset: Discounts
        namespace: Shop.Rules
        hit: first
        inputs:
          tier: { enum: [free, pro, enterprise] }
          items: int
        outputs:
          percent: decimal
        default: { percent: 0 }

        """;

    /// <summary>The README's deliberate mistake, <c>gte: lots</c>: RC2013 at line 12, column 45.</summary>
    public const string Broken = DiscountsHeader + """
        rules:
          - id: enterprise-bulk
            when: { tier: enterprise, items: { gte: lots } }
            then: { percent: 15 }
        """;
}
