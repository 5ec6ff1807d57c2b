using System.Collections.Generic;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Planning;

internal enum Truth
{
    False,
    True,
    Unknown,
}

/// <summary>
/// Evaluates a condition knowing only one field's value class: indexable tests on that field are decided by the
/// class's representative (exact, because the class partition includes their literals); everything else is unknown.
/// </summary>
internal static class PartialEvaluation
{
    public static Truth Evaluate(Condition condition, int field, Value representative, FieldType type, Predicates predicates)
    {
        switch (condition)
        {
            case TestCondition test:
                return test.Field == field && RuleShape.IsIndexable(test, type)
                    ? (predicates.Holds(test, representative) ? Truth.True : Truth.False)
                    : Truth.Unknown;
            case NotCondition not:
                return Evaluate(not.Operand, field, representative, type, predicates) switch
                {
                    Truth.True => Truth.False,
                    Truth.False => Truth.True,
                    _ => Truth.Unknown,
                };
            case AllCondition all:
                return Junction(all.Items, Truth.False, field, representative, type, predicates);
            case AnyCondition any:
                return Junction(any.Items, Truth.True, field, representative, type, predicates);
            default:
                return Truth.Unknown;
        }
    }

    // all stops at the first False, any at the first True; otherwise the result is the other value, or Unknown if any item was.
    private static Truth Junction(IEnumerable<Condition> items, Truth decisive, int field, Value representative, FieldType type, Predicates predicates)
    {
        var result = decisive == Truth.False ? Truth.True : Truth.False;
        foreach (var item in items)
        {
            var truth = Evaluate(item, field, representative, type, predicates);
            if (truth == decisive)
            {
                return decisive;
            }

            if (truth == Truth.Unknown)
            {
                result = Truth.Unknown;
            }
        }

        return result;
    }
}
