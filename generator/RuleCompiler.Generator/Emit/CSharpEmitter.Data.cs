using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Generator.Emit;

// Tables as data (LoweredRuleSet.TablesAsData): the rules' ids, descriptions, lines and columns, and their literal
// outputs, as a few constants and spans (read-only data in the assembly, not code), which one loop per table turns
// into the same arrays the small form initializes rule by rule. Each output column lists its distinct values once;
// a row is an index into them. Strings of either kind are one constant and the bounds of each piece in it.
internal sealed partial class CSharpEmitter
{
    private void EmitDataTables()
    {
        var count = _model.Rules.Count.ToString(CultureInfo.InvariantCulture);
        var texts = new List<string>();
        foreach (var rule in _model.Rules)
        {
            texts.Add(rule.Id);
            texts.Add(rule.Description ?? string.Empty);
        }

        _w.Line($"private static readonly {Runtime}.RuleInfo[] s_rules = {MemberNames.CreateRules}();");
        _w.Line();
        _w.Line($"private static readonly {_output}[] s_outputs = {MemberNames.CreateOutputs}();");
        _w.Line();
        _w.Line($"private static readonly {_output} s_noMatch = {OutputValue(_model.NoMatchOutputs)};");
        _w.Line();
        _w.Line("// Rule i's id and description are pieces 2i and 2i + 1 of s_ruleText; its line and column, where the rule file writes it.");
        EmitText("s_rule", texts);
        _w.Line($"private static global::System.ReadOnlySpan<byte> s_ruleDescribed => [{string.Join(", ", _model.Rules.Select(r => r.Description is null ? "0" : "1"))}];");
        _w.Line($"private static global::System.ReadOnlySpan<int> s_ruleLines => [{Numbers(_model.Rules.Select(r => r.Span.Line))}];");
        _w.Line($"private static global::System.ReadOnlySpan<int> s_ruleColumns => [{Numbers(_model.Rules.Select(r => r.Span.Column))}];");
        var file = CSharpLiterals.String(_model.FilePath);
        if (_model.HasRulesFromOtherFiles)
        {
            // A layer (§12): each rule's file is where it is written, this file or one of its bases.
            _w.Line($"private static readonly string[] s_ruleSources = [{string.Join(", ", _model.SourcePaths.Select(CSharpLiterals.String))}];");
            _w.Line($"private static global::System.ReadOnlySpan<int> s_ruleFiles => [{Numbers(_model.Rules.Select(r => r.Span.File))}];");
            file = "s_ruleSources[s_ruleFiles[i]]";
        }

        _w.Line();
        _w.Open($"private static {Runtime}.RuleInfo[] {MemberNames.CreateRules}()");
        _w.Line($"{Runtime}.RuleInfo[] rules = new {Runtime}.RuleInfo[{count}];");
        _w.Open("for (int i = 0; i < rules.Length; i++)");
        _w.Line($"string? description = s_ruleDescribed[i] != 0 ? {MemberNames.RulePiece}(2 * i + 1) : null;");
        _w.Line($"rules[i] = new(i, {MemberNames.RulePiece}(2 * i), description, {file}, s_ruleLines[i], s_ruleColumns[i]);");
        _w.Close();
        _w.Line();
        _w.Line("return rules;");
        _w.Close();
        _w.Line();
        _w.Line($"private static string {MemberNames.RulePiece}(int piece) => s_ruleText.Substring(s_ruleBounds[piece], s_ruleBounds[piece + 1] - s_ruleBounds[piece]);");
        _w.Line();

        // Each output column: its distinct values, and for each rule the index of its value.
        var columns = new List<(string Name, List<Value> Values)>();
        foreach (var output in _model.Outputs)
        {
            // Distinct by how C# writes them, which keeps a decimal's scale (1.0 and 1.00 are two values).
            var values = new List<Value>();
            var seen = new Dictionary<string, int>(System.StringComparer.Ordinal);
            var indexes = new List<int>();
            foreach (var rule in _model.Rules)
            {
                var value = rule.Then[output.Index].Literal;
                var key = CSharpTypes.Literal(value, output, EnumType(output));
                if (!seen.TryGetValue(key, out var index))
                {
                    index = values.Count;
                    seen.Add(key, index);
                    values.Add(value);
                }

                indexes.Add(index);
            }

            var name = "s_output" + output.Index.ToString(CultureInfo.InvariantCulture);
            _w.Line($"// Output '{output.Name}': {values.Count} distinct values; rule i has value {name}Rows[i].");
            if (output.Type == FieldType.String)
            {
                EmitText(name, values.Select(v => v.AsString).ToList());
            }

            _w.Line($"private static global::System.ReadOnlySpan<int> {name}Rows => [{Numbers(indexes)}];");
            _w.Line();
            columns.Add((name, values));
        }

        // The distinct values are locals: a static field declared below s_outputs would not be set yet when it runs.
        _w.Open($"private static {_output}[] {MemberNames.CreateOutputs}()");
        foreach (var output in _model.Outputs)
        {
            var (name, values) = columns[output.Index];
            var local = name.Substring(2) + "Values";
            if (output.Type != FieldType.String)
            {
                _w.Line($"{TypeOf(output, isInput: false)}[] {local} = [{string.Join(", ", values.Select(v => CSharpTypes.Literal(v, output, EnumType(output))))}];");
                continue;
            }

            // Each distinct string once, so that rules with one message share it.
            _w.Line($"string[] {local} = new string[{name}Bounds.Length - 1];");
            _w.Open($"for (int i = 0; i < {local}.Length; i++)");
            _w.Line($"{local}[i] = {name}Text.Substring({name}Bounds[i], {name}Bounds[i + 1] - {name}Bounds[i]);");
            _w.Close();
            _w.Line();
        }

        _w.Line($"{_output}[] outputs = new {_output}[{count}];");
        _w.Open("for (int i = 0; i < outputs.Length; i++)");
        var arguments = columns.Select(column => $"{column.Name.Substring(2)}Values[{column.Name}Rows[i]]");
        _w.Line($"outputs[i] = new {_output}({string.Join(", ", arguments)});");
        _w.Close();
        _w.Line();
        _w.Line("return outputs;");
        _w.Close();
    }

    /// <summary>Pieces of text as one constant, <c>{prefix}Text</c>, and where each starts and the last ends, <c>{prefix}Bounds</c>.</summary>
    private void EmitText(string prefix, IReadOnlyList<string> pieces) => _w.Line(TextTable(prefix, pieces));

    /// <summary>
    /// The declaration of constant ints. Read once (at type initialization, or by Explain), a span over the assembly's
    /// data: nothing copied. Read by every evaluation (<paramref name="perEvaluation"/>), an array built once: a span
    /// property reads its data through <c>RuntimeHelpers.CreateSpan</c>, which the JIT turns into a constant in optimized
    /// code but which allocates a field stub per read in code compiled without optimizations (a Debug build), and
    /// <c>Evaluate</c> allocates nothing in either (<c>DataPlanAllocationTests</c>).
    /// </summary>
    private static string Ints(string name, IEnumerable<int> numbers, bool perEvaluation) => perEvaluation
        ? $"private static readonly int[] {name} = [{Numbers(numbers)}];"
        : $"private static global::System.ReadOnlySpan<int> {name} => [{Numbers(numbers)}];";

    /// <summary>The two declarations of <see cref="EmitText"/>, as text (two lines); <paramref name="perEvaluation"/> as for <see cref="Ints"/>.</summary>
    private static string TextTable(string prefix, IEnumerable<string> pieces, bool perEvaluation = false)
    {
        var bounds = new List<int> { 0 };
        var text = new StringBuilder();
        foreach (var piece in pieces)
        {
            text.Append(piece);
            bounds.Add(text.Length);
        }

        return $"private const string {prefix}Text = {CSharpLiterals.String(text.ToString())};\n"
            + Ints(prefix + "Bounds", bounds, perEvaluation);
    }

    private static string Numbers(IEnumerable<int> numbers) => string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));
}
