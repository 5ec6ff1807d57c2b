using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Generator.Emit;

// Explain: every rule's condition checked test by test, in file order, reporting the first test that fails. Cold code,
// kept apart from the plan: it never touches Evaluate, whose decision it returns by calling it. The conditions are data
// (the lowering's ConditionProgram, walked by the runtime's RuleConditions); the code is one case per distinct test,
// the very expression the plan's leaves use (same null handling, ignore-case, NaN, glob and regex fields), and one per
// input field the tests read, to show its value.
internal sealed partial class CSharpEmitter
{
    private ConditionProgram Conditions => _lowered.Conditions;

    private void EmitExplain()
    {
        var plainCollect = IsCollect && _model.Aggregate == Aggregate.None;
        var decision = plainCollect ? "Matches" : $"{Runtime}.RuleResult<{_output}>";
        var evaluate = plainCollect ? "EvaluateAll" : "Evaluate";
        _w.Line("/// <summary>");
        _w.Line($"/// Explains <see cref=\"{evaluate}\"/>: its decision for <paramref name=\"input\"/>, and every rule in file order with whether it");
        _w.Line("/// held and, if not, the first test that failed. Allocates: for diagnosis, not for the hot path.");
        _w.Line("/// </summary>");
        OpenEntryPoint($"{Runtime}.RuleExplanation<{decision}>", MemberNames.Explain);
        _w.Line($"return new({evaluate}(in input), s_conditions.Trace<{NodeInput}, {MemberNames.ConditionTests}>(in input, s_rules));");
        _w.Close();
        _w.Line();
    }

    /// <summary>Whether some node of the plan is data (<see cref="NodeForm.Data"/>).</summary>
    private bool HasDataNodes => _lowered.Conditions.Nodes.Count > 0;

    /// <summary>The conditions as data, and the tests they ask of the input: for Explain, and for leaves written as data.</summary>
    private void EmitConditions()
    {
        var program = Conditions;
        _w.Line($"// Every rule's condition as data ({Runtime}.RuleConditions): rule i's starts at s_conditionCode[s_conditionStarts[i]].");
        _w.Line($"private static {Runtime}.RuleConditions s_conditions => new(s_conditionCode, s_conditionStarts, s_conditionTests, s_conditionText, s_conditionBounds);");
        _w.Line(Ints("s_conditionCode", program.Code, perEvaluation: false));
        _w.Line($"private static global::System.ReadOnlySpan<int> s_conditionStarts => [{Numbers(program.Starts)}];");
        _w.Line($"// Distinct test k: its input field, the field's name, the operator, ignore-case, the operand (pieces of s_conditionText).");
        _w.Line($"private static global::System.ReadOnlySpan<int> s_conditionTests => [{Numbers(program.TestRows)}];");
        EmitText("s_condition", program.Texts);
        if (HasDataNodes)
        {
            _w.Line($"// Plan nodes as data: a leaf (0, candidates, then each candidate's rule and where its check starts in s_conditionCode, -1: none) or a switch (1, field, values, the child of each value's ordinal, the child for any other).");
            _w.Line(Ints("s_conditionNodes", program.Nodes, perEvaluation: true));
            _w.Line();
            // Without optimizations (a Debug build, DEBUG defined) the JIT does not fold a span property over constant data,
            // and every read of it allocates: Decide reads a copy made once. Optimized code reads the data in place (an
            // array of it would cost a large rule set's start-up and the C# compiler's memory: benchmarks/results/buildloop.md).
            _w.Line("#if DEBUG");
            _w.Line("private static readonly int[] s_conditionCodeCopy = s_conditionCode.ToArray();");
            _w.Line("#endif");
            _w.Line();
            _w.Line($"private static int {MemberNames.Decide}(int node, in {NodeInput} input) => {Runtime}.RuleConditions.Decide<{NodeInput}, {MemberNames.ConditionTests}>(");
            _w.Indent();
            _w.Line("s_conditionNodes,");
            _w.Line("#if DEBUG");
            _w.Line("s_conditionCodeCopy,");
            _w.Line("#else");
            _w.Line("s_conditionCode,");
            _w.Line("#endif");
            _w.Line("node,");
            _w.Line("in input);");
            _w.Outdent();
        }

        _w.Line();
        EmitConditionTests(program);
    }

    private void EmitConditionTests(ConditionProgram program)
    {
        var fields = program.Tests.Select(test => test.Field).Distinct().OrderBy(field => field).Select(field => _model.Inputs[field]).ToList();
        _w.Line($"/// <summary>The distinct tests of the rules' conditions, and the input fields they read, for {Runtime}.RuleConditions.</summary>");
        _w.Open($"private readonly struct {MemberNames.ConditionTests} : {Runtime}.IRuleTests<{NodeInput}>");
        var parts = program.TestParts;
        int End(int part) => part + 1 < parts.Count ? parts[part + 1] : program.Tests.Count;
        if (parts.Count <= 1)
        {
            EmitTestSwitch("public", "Holds", program, 0, program.Tests.Count);
        }
        else
        {
            // The lowering cut the tests into parts; a relational switch finds a test's part in a few comparisons.
            EmitSwitchExpression($"public static bool Holds(int test, in {NodeInput} input) => test switch", "test",
                Enumerable.Range(0, parts.Count).Select(part => $"< {End(part)} => Holds{part}(test, in input),"));
            for (var part = 0; part < parts.Count; part++)
            {
                _w.Line();
                EmitTestSwitch("private", $"Holds{part}", program, parts[part], End(part));
            }
        }

        _w.Line();
        EmitSwitchExpression($"public static string Actual(int field, in {NodeInput} input) => field switch", "field", fields.Select(field =>
            $"{field.Index} => {(field.Type == FieldType.Enum ? $"YamlValue({Access(field)})" : $"{Runtime}.RuleYaml.Format({Access(field)})")}, // {field.Name}"));
        _w.Line();
        EmitSwitchExpression($"public static int Ordinal(int field, in {NodeInput} input) => field switch", "field",
            _model.Inputs.Where(field => field.Type is FieldType.Enum or FieldType.Bool).Select(field => field.Type == FieldType.Bool
                ? $"{field.Index} => {Access(field)} ? 1 : 0, // {field.Name}"
                : $"{field.Index} => (int){Access(field)}, // {field.Name}"));
        foreach (var field in fields.Where(field => field.Type == FieldType.Enum))
        {
            _w.Line();
            EmitSwitchExpression($"private static string YamlValue({EnumType(field)} value) => value switch", otherwise: $"_ => {Runtime}.RuleYaml.Format((int)value),",
                arms: Enumerable.Range(0, field.EnumValues.Count).Select(i =>
                    $"{EnumType(field)}.{field.EnumMembers[i]} => {CSharpLiterals.String(RuleCompiler.Text.YamlScalars.String(field.EnumValues[i]))},"));
        }

        _w.Close();
        _w.Line();
    }

    /// <summary>Tests <paramref name="from"/>..<paramref name="to"/>-1 as one switch expression named <paramref name="name"/>.</summary>
    private void EmitTestSwitch(string visibility, string name, ConditionProgram program, int from, int to) =>
        EmitSwitchExpression($"{visibility} static bool {name}(int test, in {NodeInput} input) => test switch", "test",
            Enumerable.Range(from, to - from).Select(test =>
            {
                _cancellationToken.ThrowIfCancellationRequested();
                return $"{test} => {Expression(program.Tests[test], nested: false)},";
            }));

    /// <summary>
    /// A member whose body is a switch expression: <paramref name="header"/>, the arms, and an arm for any other value
    /// that throws for the argument <paramref name="argument"/> (or <paramref name="otherwise"/>).
    /// </summary>
    private void EmitSwitchExpression(string header, string? argument = null, IEnumerable<string>? arms = null, string? otherwise = null)
    {
        _w.Line(header);
        _w.Line("{");
        _w.Indent();
        foreach (var arm in arms ?? Enumerable.Empty<string>())
        {
            _w.Line(arm);
        }

        _w.Line(otherwise ?? $"_ => throw new global::System.ArgumentOutOfRangeException(nameof({argument})),");
        _w.Outdent();
        _w.Line("};");
    }
}
