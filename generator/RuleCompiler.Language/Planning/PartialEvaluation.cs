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
            {
                var result = Truth.True;
                foreach (var item in all.Items)
                {
                    var truth = Evaluate(item, field, representative, type, predicates);
                    if (truth == Truth.False)
                    {
                        return Truth.False;
                    }

                    if (truth == Truth.Unknown)
                    {
                        result = Truth.Unknown;
                    }
                }

                return result;
            }

            case AnyCondition any:
            {
                var result = Truth.False;
                foreach (var item in any.Items)
                {
                    var truth = Evaluate(item, field, representative, type, predicates);
                    if (truth == Truth.True)
                    {
                        return Truth.True;
                    }

                    if (truth == Truth.Unknown)
                    {
                        result = Truth.Unknown;
                    }
                }

                return result;
            }

            default:
                return Truth.Unknown;
        }
    }
}
