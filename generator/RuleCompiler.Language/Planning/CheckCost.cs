using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Planning;

/// <summary>
/// A rough relative cost of evaluating a condition, so that a leaf tries the cheap tests of a rule first and the
/// expensive ones (regex, glob, list scans) only when the cheap ones pass. Each operator's cost is its entry's.
/// </summary>
internal static class CheckCost
{
    public static int Of(Condition condition, IReadOnlyList<FieldModel> inputs) =>
        condition.Tests().Sum(test => Operators.Cost(test, inputs[test.Field].Type.Info()));
}
