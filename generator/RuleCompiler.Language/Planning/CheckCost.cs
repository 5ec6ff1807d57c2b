using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Planning;

/// <summary>
/// A rough relative cost of evaluating a condition, so that a leaf tries the cheap tests of a rule first and the
/// expensive ones (regex, glob, list scans) only when the cheap ones pass.
/// </summary>
internal static class CheckCost
{
    public static int Of(Condition condition, IReadOnlyList<FieldModel> inputs) => condition switch
    {
        TestCondition test => Of(test, inputs[test.Field].Type),
        NotCondition not => Of(not.Operand, inputs),
        AllCondition all => all.Items.Sum(item => Of(item, inputs)),
        AnyCondition any => any.Items.Sum(item => Of(item, inputs)),
        _ => 100,
    };

    private static int Of(TestCondition test, FieldType type) => test.Operator switch
    {
        TestOperator.Regex => 50,
        TestOperator.Glob when !test.IgnoreCase && GlobMatcher.LiteralForm(test.Operands[0].AsString) is { Kind: not GlobLiteralKind.Anything } form => form.Kind switch
        {
            GlobLiteralKind.Contains => 8,
            GlobLiteralKind.PrefixAndSuffix => 6,
            GlobLiteralKind.Exact => 3,
            _ => 4,
        },
        TestOperator.Glob => 20,
        TestOperator.ListContains or TestOperator.ContainsAny or TestOperator.ContainsAll => 10 * test.Operands.Count,
        TestOperator.Contains => 8,
        TestOperator.Prefix or TestOperator.Suffix => 4,
        TestOperator.Empty => 1,
        _ when type == FieldType.String => 3 * test.Operands.Count,
        _ => test.Operands.Count,
    };
}
