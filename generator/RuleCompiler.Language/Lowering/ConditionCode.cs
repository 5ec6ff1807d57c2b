// The layout of rule conditions as data: written by the compiler (ConditionProgram), read by the runtime
// (RuleConditions). One file, linked into both, so that the two cannot disagree.
namespace RuleCompiler.Conditions;

/// <summary>
/// A condition is a sequence of ints in prefix order; each node starts with its op code. Composite nodes hold the
/// offset just past their last operand (<c>end</c>), so that a reader may leave one early and go on after it.
/// Texts are indexes of pieces of the program's text; a test is an index of its table of tests, whose rows are
/// <see cref="TestRowLength"/> ints: the input field, the field's name, the operator's name, ignore-case (0 or 1),
/// the operand as YAML.
/// </summary>
internal static class ConditionCode
{
    /// <summary><c>Test, test, line, column</c>: one test, at its line and column.</summary>
    public const int Test = 0;

    /// <summary><c>All, count, end, items...</c>: every item holds (no items: always holds).</summary>
    public const int All = 1;

    /// <summary><c>Any, count, end, line, column, fields, items...</c>: one of the items holds.</summary>
    public const int Any = 2;

    /// <summary><c>Not, end, line, column, fields, condition, operand</c>: the operand does not hold.</summary>
    public const int Not = 3;

    /// <summary>A node of a plan as data: <c>Leaf, count, (rule, check)...</c>; a check is where its condition starts, -1 for none.</summary>
    public const int Leaf = 0;

    /// <summary>
    /// A node of a plan as data: <c>Switch, field, count, child...</c>, then the child for any other value: the child of
    /// an enum or bool input's ordinal (false 0, true 1), each where its node starts.
    /// </summary>
    public const int Switch = 1;

    public const int TestRowLength = 5;

    public const int TestField = 0;
    public const int TestFieldName = 1;
    public const int TestOperator = 2;
    public const int TestIgnoreCase = 3;
    public const int TestOperand = 4;
}
