using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;

namespace RuleCompiler.Generator.Emit;

/// <summary>
/// The emit stage, and the only one that knows C#: a bound rule set and its plan become one source file holding
/// the static class with <c>Evaluate</c> / <c>EvaluateAll</c>, the input and output record structs, and the enums.
/// Deterministic: the same model and plan give the same bytes on every machine.
/// </summary>
internal sealed partial class CSharpEmitter
{
    private const string Runtime = "global::RuleCompiler";
    private const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"RuleCompiler.Generator\", \"" + GeneratorInfo.Version + "\")]";

    private readonly RuleSetModel _model;
    private readonly Plan _plan;
    private readonly CancellationToken _cancellationToken;
    private readonly CodeWriter _w = new();
    private readonly string _input;
    private readonly string _output;
    private readonly Dictionary<(string Pattern, bool IgnoreCase), string> _regexes = new();
    private readonly Dictionary<(string Pattern, bool IgnoreCase), string> _globs = new();
    private readonly Dictionary<string, string> _stringSets = new(System.StringComparer.Ordinal);
    private readonly List<string> _tableFields = new();

    private CSharpEmitter(RuleSetModel model, Plan plan, bool explain, CancellationToken cancellationToken)
    {
        _explain = explain;
        _model = model;
        _plan = plan;
        _cancellationToken = cancellationToken;
        _input = model.Name + "Input";
        _output = model.Name + "Output";
        _mostRulesOnAPath = MostRulesOnAPath(plan);
        _inlinePlan = FitsInEvaluate();
    }

    private readonly bool _explain;

    /// <summary>Whether the plan is written into <c>Evaluate</c> rather than as node methods (<see cref="MaxInlineNodes"/>).</summary>
    private readonly bool _inlinePlan;

    private bool IsCollect => _model.Hit == HitPolicy.Collect;

    /// <summary>
    /// A collect evaluation lists the rules that held (in <c>RuleHits</c>) when the leaves of no path through the plan
    /// check more than this many: they bound what can hold together, and a few ints cost less to clear and walk than
    /// one bit per rule of the set. Past it, <c>RuleBits</c> holds a bit per rule.
    /// </summary>
    private const int MaxListedMatches = 32;

    /// <summary>The most rules the leaves of one path check: what a collect evaluation can find at once.</summary>
    private readonly int _mostRulesOnAPath;

    /// <summary>Whether collect lists its matches (<c>RuleHits</c>) rather than setting bits (<c>RuleBits</c>).</summary>
    private bool ListsMatches => IsCollect && _mostRulesOnAPath <= MaxListedMatches;

    /// <summary>The type that collects the rules that held, which collect nodes take by reference.</summary>
    private string CollectorType => ListsMatches ? "RuleHits" : "RuleBits";

    private string CollectorName => ListsMatches ? "hits" : "bits";

    /// <summary>The collect nodes' parameter (after <c>ref</c>): its type and name.</summary>
    private string Collector => $"{CollectorType} {CollectorName}";

    /// <summary>The bits a collect evaluation fills, one per rule.</summary>
    private int WordCount => (_model.Rules.Count + 63) / 64;

    /// <summary>
    /// The most candidates the leaves of one path through the plan check: a path ends in a leaf, and goes on through
    /// the leaf's fallthrough node if it has one. Each node is settled once (nodes are shared), depth first.
    /// </summary>
    private static int MostRulesOnAPath(Plan plan)
    {
        var most = new int[plan.Nodes.Count];
        for (var i = 0; i < most.Length; i++)
        {
            most[i] = -1;
        }

        int Most(int id)
        {
            if (most[id] < 0)
            {
                most[id] = plan.Nodes[id] switch
                {
                    Leaf leaf => leaf.Candidates.Count + leaf.Successors().Sum(Most),
                    var node => node.Successors().Max(Most),
                };
            }

            return most[id];
        }

        return most.Length == 0 ? 0 : Most(0);
    }

    public static string HintName(RuleSetModel model) => model.FullName + ".g.cs";

    /// <param name="model">The bound rule set.</param>
    /// <param name="plan">Its plan.</param>
    /// <param name="cancellationToken">Checked per node and per rule.</param>
    /// <param name="explain">Whether to generate <c>Explain</c> (MSBuild's <c>RuleCompilerGenerateExplain</c>, default true).</param>
    public static string Emit(RuleSetModel model, Plan plan, CancellationToken cancellationToken, bool explain = true) =>
        new CSharpEmitter(model, plan, explain, cancellationToken).Run();

    private string Run()
    {
        var stats = _plan.Statistics;
        _w.Line("// <auto-generated/>");
        _w.Line($"// Generated by RuleCompiler from {_model.FilePath}. Do not edit: change the rule file and rebuild.");
        _w.Line($"// Hit policy: {HitName()}. {_model.Rules.Count} rules; plan: {stats.SwitchNodes} switch nodes, {stats.Leaves} leaves, {stats.LeafChecks} leaf checks{StrategyNote(stats.Strategy)}.");
        _w.Line("#nullable enable");
        _w.Line();
        if (_model.Namespace.Length > 0)
        {
            _w.Line($"namespace {_model.Namespace};");
            _w.Line();
        }

        EmitClass();
        EmitInput();
        EmitOutput();
        foreach (var field in _model.Inputs.Concat(_model.Outputs).Where(f => f.Type == FieldType.Enum))
        {
            EmitEnum(field);
        }

        return _w.ToString();
    }

    private static string StrategyNote(PlanStrategy strategy) => strategy switch
    {
        PlanStrategy.SingleSwitch => " (a full decision DAG would exceed the size budget: one switch, then rules in rank order)",
        PlanStrategy.Linear => " (any decision DAG would exceed the size budget: rules are checked in rank order)",
        _ => string.Empty,
    };

    private string HitName() => _model.Hit == HitPolicy.Collect && _model.Aggregate != Aggregate.None
        ? "collect with aggregate " + Keywords.NameOf(Keywords.AggregateFunctions, _model.Aggregate)
        : Keywords.NameOf(Keywords.Policies, _model.Hit);

    private string EnumType(FieldModel field) => _model.Name + field.PropertyName;

    private string TypeOf(FieldModel field, bool isInput) => field.Type switch
    {
        FieldType.String => isInput ? "string?" : "string",
        FieldType.Int => "int",
        FieldType.Long => "long",
        FieldType.Decimal => "decimal",
        FieldType.Double => "double",
        FieldType.Bool => "bool",
        FieldType.Enum => EnumType(field),
        _ => "string[]?",
    };

    /// <summary>A doc comment from a rule author's text (escaped) or, when there is none, from ours (already XML).</summary>
    private void Summary(string? authorText, string fallbackXml)
    {
        _w.Line($"/// <summary>{(string.IsNullOrWhiteSpace(authorText) ? fallbackXml : CSharpLiterals.XmlText(authorText!))}</summary>");
    }

    private void EmitClass()
    {
        Summary(_model.Description, $"The rule set '{_model.Name}' compiled from {CSharpLiterals.XmlText(_model.FilePath)}.");
        _w.Line(GeneratedCode);
        _w.Open($"public static partial class {_model.Name}");
        EmitEntryPoints();
        _w.Line();
        _w.Line($"/// <summary>The rules in file order, with where each is written.</summary>");
        _w.Line($"public static global::System.Collections.Immutable.ImmutableArray<{Runtime}.RuleInfo> Rules => global::System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(s_rules);");
        _w.Line();
        EmitNodes();
        if (_explain)
        {
            EmitExplain();
        }

        EmitTables();
        if (ListsMatches)
        {
            EmitHits();
        }
        else if (IsCollect)
        {
            EmitBits();
        }

        if (IsCollect && _model.Aggregate == Aggregate.None)
        {
            EmitMatches();
        }

        _w.Close();
        _w.Line();
    }

    private void EmitEntryPoints()
    {
        var result = $"{Runtime}.RuleResult<{_output}>";
        if (!IsCollect)
        {
            _w.Line("/// <summary>Evaluates the rules and returns the one the hit policy picks, or the default when none holds. Allocates nothing.</summary>");
            _w.Open($"public static {result} Evaluate(in {_input} input)");
            if (_inlinePlan)
            {
                _w.Line("int rule;");
                EmitInlineNodes();
                _w.Line();
                _w.Line($"{Decided}:");
            }
            else
            {
                _w.Line("int rule = Node0(in input);");
            }

            _w.Line(ResultOfRule);

            _w.Close();
            return;
        }

        if (_model.Aggregate == Aggregate.None)
        {
            _w.Line("/// <summary>Evaluates the rules and returns every one that holds, in file order. Allocates nothing.</summary>");
            _w.Open($"public static Matches EvaluateAll(in {_input} input)");
            _w.Line($"{Collector} = default;");
            _w.Line($"Node0(in input, ref {CollectorName});");
            _w.Line($"return new Matches({CollectorName});");
            _w.Close();
            return;
        }

        var output = _model.Outputs[0];
        var type = TypeOf(output, isInput: false);
        _w.Line($"/// <summary>Evaluates the rules and returns the {Keywords.NameOf(Keywords.AggregateFunctions, _model.Aggregate)} over those that hold (no rule id), or the default when none holds. Allocates nothing.</summary>");
        _w.Open($"public static {result} Evaluate(in {_input} input)");
        _w.Line($"{Collector} = default;");
        _w.Line($"Node0(in input, ref {CollectorName});");
        _w.Line("bool matched = false;");
        _w.Line($"{type} total = default;");
        if (ListsMatches)
        {
            _w.Open("for (int index = 0; index < hits.Count; index++)");
            _w.Line("int rule = hits[index];");
        }
        else
        {
            _w.Open($"for (int word = 0; word < {WordCount}; word++)");
            _w.Line("ulong set = bits[word];");
            _w.Open("while (set != 0)");
            _w.Line("int rule = (word << 6) + global::System.Numerics.BitOperations.TrailingZeroCount(set);");
            _w.Line("set &= set - 1;");
        }

        var value = _model.Aggregate == Aggregate.Count ? $"({type})1" : $"s_outputs[rule].{output.PropertyName}";
        var combine = _model.Aggregate switch
        {
            Aggregate.Sum or Aggregate.Count => $"total + {value}",
            Aggregate.Min => $"global::System.Math.Min(total, {value})",
            _ => $"global::System.Math.Max(total, {value})",
        };
        _w.Line($"total = matched ? {combine} : {value};");
        _w.Line("matched = true;");
        _w.Close();
        if (!ListsMatches)
        {
            _w.Close();
        }

        _w.Line($"return matched ? new(true, null, new {_output}(total)) : new(false, null, s_noMatch);");
        _w.Close();
    }

    private void EmitTables()
    {
        _w.Line($"private static readonly {Runtime}.RuleInfo[] s_rules =");
        _w.Line("[");
        _w.Indent();
        foreach (var rule in _model.Rules)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var description = rule.Description is null ? "null" : CSharpLiterals.String(rule.Description);
            _w.Line($"new({rule.Index}, {CSharpLiterals.String(rule.Id)}, {description}, {CSharpLiterals.String(_model.FilePath)}, {rule.Span.Line}, {rule.Span.Column}),");
        }

        _w.Outdent();
        _w.Line("];");
        _w.Line();
        _w.Line($"private static readonly {_output}[] s_outputs =");
        _w.Line("[");
        _w.Indent();
        foreach (var rule in _model.Rules)
        {
            _w.Line($"{OutputValue(rule.Then)}, // {rule.Id}");
        }

        _w.Outdent();
        _w.Line("];");
        _w.Line();
        _w.Line($"private static readonly {_output} s_noMatch = {OutputValue(_model.NoMatchOutputs)};");
        foreach (var field in _tableFields)
        {
            _w.Line();
            _w.Line(field);
        }
    }

    private string OutputValue(IReadOnlyList<Value> values) =>
        $"new {_output}(" + string.Join(", ", _model.Outputs.Select(o => CSharpLiterals.Of(values[o.Index], o, EnumType(o)))) + ")";

    private void EmitInput()
    {
        _w.Line($"/// <summary>The inputs of <see cref=\"{_model.Name}\"/>. A null string is read as \"\", a null list as empty.</summary>");
        _w.Line(GeneratedCode);
        _w.Open($"public readonly record struct {_input}");
        var first = true;
        foreach (var field in _model.Inputs)
        {
            if (!first)
            {
                _w.Line();
            }

            first = false;
            Summary(field.Description, $"The input '{field.Name}'.");
            _w.Line($"public {TypeOf(field, isInput: true)} {field.PropertyName} {{ get; init; }}");
        }

        _w.Close();
        _w.Line();
    }

    private void EmitOutput()
    {
        _w.Line($"/// <summary>The outputs of <see cref=\"{_model.Name}\"/>.</summary>");
        foreach (var field in _model.Outputs)
        {
            _w.Line($"/// <param name=\"{field.PropertyName}\">{CSharpLiterals.XmlText(field.Description ?? $"The output '{field.Name}'.")}</param>");
        }

        _w.Line(GeneratedCode);
        _w.Line($"public readonly record struct {_output}(" + string.Join(", ", _model.Outputs.Select(o => $"{TypeOf(o, isInput: false)} {o.PropertyName}")) + ");");
    }

    private void EmitEnum(FieldModel field)
    {
        _w.Line();
        Summary(field.Description, $"The values of '{field.Name}'.");
        _w.Line(GeneratedCode);
        _w.Open($"public enum {EnumType(field)}");
        for (var i = 0; i < field.EnumValues.Count; i++)
        {
            _w.Line($"/// <summary><c>{CSharpLiterals.XmlText(field.EnumValues[i])}</c> in the rule file.</summary>");
            _w.Line($"{field.EnumMembers[i]} = {i},");
        }

        _w.Close();
    }

    private void EmitBits()
    {
        _w.Line();
        _w.Line("/// <summary>One bit per rule, set when the rule holds.</summary>");
        _w.Line($"[global::System.Runtime.CompilerServices.InlineArray({WordCount})]");
        _w.Open("internal struct RuleBits");
        _w.Line("private ulong _word;");
        _w.Close();
    }

    private void EmitHits()
    {
        var capacity = System.Math.Max(1, _mostRulesOnAPath);
        _w.Line();
        _w.Line($"/// <summary>The rules that held, in file order: at most {capacity}, the most that the leaves of one path through the plan check.</summary>");
        _w.Open("internal struct RuleHits");
        _w.Line("private Buffer _rules;");
        _w.Line();
        _w.Line("/// <summary>How many rules held.</summary>");
        _w.Line("public int Count;");
        _w.Line();
        _w.Line("/// <summary>The index of the <paramref name=\"index\"/>th rule that held.</summary>");
        _w.Line("public readonly int this[int index] => _rules[index];");
        _w.Line();
        _w.Line("/// <summary>Records a rule that held; rules come in file order.</summary>");
        _w.Line("public void Add(int rule) => _rules[Count++] = rule;");
        _w.Line();
        _w.Line($"[global::System.Runtime.CompilerServices.InlineArray({capacity})]");
        _w.Open("private struct Buffer");
        _w.Line("private int _rule;");
        _w.Close();
        _w.Close();
    }

    private void EmitMatches()
    {
        var result = $"{Runtime}.RuleResult<{_output}>";
        var (type, field) = (CollectorType, "_" + CollectorName);
        _w.Line();
        _w.Line("/// <summary>The rules that held, in file order; use with <c>foreach</c>. A value type over static tables: no allocation.</summary>");
        _w.Open("public readonly struct Matches");
        _w.Line($"private readonly {type} {field};");
        _w.Line();
        _w.Line($"internal Matches({type} {CollectorName}) => {field} = {CollectorName};");
        _w.Line();
        _w.Line("/// <summary>How many rules held.</summary>");
        if (ListsMatches)
        {
            _w.Line("public int Count => _hits.Count;");
        }
        else
        {
            _w.Open("public int Count");
            _w.Open("get");
            _w.Line("int count = 0;");
            _w.Open($"for (int word = 0; word < {WordCount}; word++)");
            _w.Line("count += global::System.Numerics.BitOperations.PopCount(_bits[word]);");
            _w.Close();
            _w.Line("return count;");
            _w.Close();
            _w.Close();
        }

        _w.Line();
        _w.Line("/// <summary>Whether no rule held.</summary>");
        _w.Line("public bool IsEmpty => Count == 0;");
        _w.Line();
        _w.Line("/// <summary>Enumerates the rules that held, in file order.</summary>");
        _w.Line($"public Enumerator GetEnumerator() => new({field});");
        _w.Line();
        _w.Line("/// <summary>The ids of the rules that held, in file order: <c>[a, b]</c>. Allocates.</summary>");
        _w.Open("public override string ToString()");
        _w.Line("global::System.Collections.Generic.List<string> ids = new();");
        _w.Open($"foreach ({Runtime}.RuleResult<{_output}> match in this)");
        _w.Line("ids.Add(match.RuleId!);");
        _w.Close();
        _w.Line();
        _w.Line("return \"[\" + string.Join(\", \", ids) + \"]\";");
        _w.Close();
        _w.Line();
        _w.Line("/// <summary>Enumerates the rules that held, in file order.</summary>");
        _w.Open("public struct Enumerator");
        _w.Line($"private readonly {type} {field};");
        _w.Line(ListsMatches ? "private int _index;" : "private int _rule;");
        _w.Line();
        _w.Open($"internal Enumerator({type} {CollectorName})");
        _w.Line($"{field} = {CollectorName};");
        _w.Line(ListsMatches ? "_index = -1;" : "_rule = -1;");
        _w.Close();
        _w.Line();
        _w.Line("/// <summary>The current rule and its outputs.</summary>");
        _w.Line(ListsMatches
            ? $"public {result} Current => new(true, s_rules[_hits[_index]], s_outputs[_hits[_index]]);"
            : $"public {result} Current => new(true, s_rules[_rule], s_outputs[_rule]);");
        _w.Line();
        _w.Line("/// <summary>Moves to the next rule that held.</summary>");
        if (ListsMatches)
        {
            _w.Line("public bool MoveNext() => ++_index < _hits.Count;");
        }
        else
        {
            _w.Open("public bool MoveNext()");
            _w.Line("int next = _rule + 1;");
            _w.Open($"while (next < {_model.Rules.Count})");
            _w.Line("int word = next >> 6;");
            _w.Line("ulong set = _bits[word] >> (next & 63);");
            _w.Open("if (set != 0)");
            _w.Line("_rule = next + global::System.Numerics.BitOperations.TrailingZeroCount(set);");
            _w.Line("return true;");
            _w.Close();
            _w.Line();
            _w.Line("next = (word + 1) << 6;");
            _w.Close();
            _w.Line();
            _w.Line($"_rule = {_model.Rules.Count};");
            _w.Line("return false;");
            _w.Close();
        }

        _w.Close();
        _w.Close();
    }
}
