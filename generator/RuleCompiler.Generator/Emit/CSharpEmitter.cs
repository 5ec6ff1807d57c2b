using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Lowering;
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
    private readonly HashSet<string> _declared = new(System.StringComparer.Ordinal);

    /// <summary>Inputs read into locals at the top of the leaf being written (<see cref="CandidateRange.Hoisted"/>).</summary>
    private readonly HashSet<int> _hoisted = new();

    /// <summary>Automata scanned by locals of the leaf being written (<see cref="CandidateRange.Scans"/>).</summary>
    private readonly HashSet<int> _scans = new();

    private readonly List<string> _tableFields = new();

    private CSharpEmitter(RuleSetModel model, Plan plan, LoweredRuleSet lowered, bool explain, bool loadable, CancellationToken cancellationToken)
    {
        _explain = explain;
        _loadable = loadable;
        _model = model;
        _plan = plan;
        _lowered = lowered;
        _cancellationToken = cancellationToken;
        _input = model.Name + "Input";
        _output = model.Name + "Output";
        _inlinePlan = lowered.InlinePlan;
        _readsMapKeys = model.ReadsMapKeys;
        _hasComputed = model.HasComputedOutputs;
        _defaultComputed = model.NoMatchOutputs.Any(value => value.IsComputed);
    }

    private readonly bool _explain;

    /// <summary>Whether the project references the run-time loader: then <c>Load</c> and <c>LoadFile</c> (spec §14).</summary>
    private readonly bool _loadable;

    private readonly LoweredRuleSet _lowered;

    /// <summary>Whether the plan is written into <c>Evaluate</c> rather than as node methods (<see cref="Lowerer.MaxInlineNodes"/>).</summary>
    private readonly bool _inlinePlan;

    private bool IsCollect => !_model.Hit.Info().SingleResult;

    /// <summary>Whether collect lists its matches (<c>RuleHits</c>) rather than setting bits (<c>RuleBits</c>).</summary>
    private bool ListsMatches => _lowered.Collector.Kind == CollectorKind.Hits;

    /// <summary>The type that collects the rules that held, which collect nodes take by reference.</summary>
    private string CollectorType => ListsMatches ? MemberNames.RuleHits : MemberNames.RuleBits;

    private string CollectorName => ListsMatches ? "hits" : "bits";

    /// <summary>The collect nodes' parameter (after <c>ref</c>): its type and name.</summary>
    private string Collector => $"{CollectorType} {CollectorName}";

    /// <summary>The bits a collect evaluation fills, one per rule.</summary>
    private int WordCount => _lowered.Collector.Words;

    public static string HintName(RuleSetModel model) => model.FullName + ".g.cs";

    /// <param name="model">The bound rule set.</param>
    /// <param name="plan">Its plan.</param>
    /// <param name="cancellationToken">Checked per node and per rule.</param>
    /// <param name="explain">Whether to generate <c>Explain</c> (MSBuild's <c>RuleCompilerGenerateExplain</c>, default true).</param>
    public static string Emit(RuleSetModel model, Plan plan, CancellationToken cancellationToken, bool explain = true) =>
        Emit(model, plan, Lowerer.Lower(model, plan, cancellationToken), cancellationToken, explain);

    /// <param name="model">The bound rule set.</param>
    /// <param name="plan">Its plan.</param>
    /// <param name="lowered">What the plan becomes in code (<see cref="Lowerer"/>): this writes exactly that.</param>
    /// <param name="cancellationToken">Checked per node and per rule.</param>
    /// <param name="explain">Whether to generate <c>Explain</c> (MSBuild's <c>RuleCompilerGenerateExplain</c>, default true).</param>
    /// <param name="loadable">Whether the project references <c>RuleCompiler.Loader</c>: then <c>Load</c> and <c>LoadFile</c>.</param>
    public static string Emit(RuleSetModel model, Plan plan, LoweredRuleSet lowered, CancellationToken cancellationToken, bool explain = true, bool loadable = false) =>
        new CSharpEmitter(model, plan, lowered, explain, loadable, cancellationToken).Run();

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

    private string HitName() => _model.Aggregate != Aggregate.None
        ? _model.Hit.Info().YamlName + " with aggregate " + Keywords.NameOf(Keywords.AggregateFunctions, _model.Aggregate)
        : _model.Hit.Info().YamlName;

    private string EnumType(FieldModel field) => _model.Name + field.PropertyName;

    /// <summary>
    /// What private methods read inputs from: the input, or, where rules read map keys, the <c>View</c> that looked
    /// each key up once per evaluation (<see cref="EmitView"/>).
    /// </summary>
    private string NodeInput => ReadsMapKeys ? MemberNames.View : _input;

    /// <summary>Whether rules read map keys (asked for every input read written, so the constructor computes it once).</summary>
    private bool ReadsMapKeys => _readsMapKeys;

    private readonly bool _readsMapKeys;

    /// <summary>The C# expression of an input value, read from <c>input</c> (a <see cref="NodeInput"/>).</summary>
    private string Access(FieldModel field)
    {
        var root = ReadsMapKeys ? "input.Root." : "input.";
        return field.Path switch
        {
            null => root + field.PropertyName,
            { Key: not null } => "input." + field.PropertyName,
            { } path => root + string.Join(".", path.Properties),
        };
    }

    /// <summary>
    /// Opens a public entry point taking the input. Where rules read map keys, the public method makes the
    /// <c>View</c> and hands it to a private overload of the same name, whose body this opens.
    /// </summary>
    private void OpenEntryPoint(string returnType, string name)
    {
        if (!ReadsMapKeys)
        {
            _w.Open($"public static {returnType} {name}(in {_input} input)");
            return;
        }

        _w.Line($"public static {returnType} {name}(in {_input} input) => {name}(new {MemberNames.View}(in input));");
        _w.Line();
        _w.Open($"private static {returnType} {name}(in {MemberNames.View} input)");
    }

    private string TypeOf(FieldModel field, bool isInput) => CSharpTypes.Name(field, isInput, EnumType(field));

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
        EmitContract();
        _w.Line();
        EmitLoad();
        EmitNodes();
        if (_explain)
        {
            EmitExplain();
        }

        if (_explain || HasDataNodes)
        {
            EmitConditions();
        }

        EmitTables();
        EmitComputedOutputs();
        EmitView();
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

    /// <summary>
    /// <c>Contract</c> (spec §14): the inputs, outputs, types and enum values as the rule file declares them, built on
    /// first use (a rule set that never loads a file at run time pays nothing for it at start-up).
    /// </summary>
    private void EmitContract()
    {
        _w.Line("/// <summary>What this rule set declares: its hit policy, inputs and outputs, their types and enum values (a rule file loaded at run time for it must declare the same).</summary>");
        _w.Line($"public static {Runtime}.RuleSetContract {MemberNames.Contract} => {MemberNames.ContractData}.Value;");
        _w.Line();
        _w.Line("// Its own type initializer builds the contract on first use: nothing at the rule set's start-up, nothing written after.");
        _w.Open($"private static class {MemberNames.ContractData}");
        _w.Line($"public static readonly {Runtime}.RuleSetContract Value = new(");
        _w.Indent();
        _w.Line($"{CSharpLiterals.String(_model.Name)}, {CSharpLiterals.String(_model.Namespace)}, {CSharpLiterals.String(_model.Hit.Info().YamlName)},");
        var inputs = _model.Declared.Count > 0
            ? _model.Declared.Select(ContractField)
            : _model.Inputs.Select(field => ContractField(field.Name, field));
        _w.Line($"[{string.Join(", ", inputs)}],");
        _w.Line($"[{string.Join(", ", _model.Outputs.Select(field => ContractField(field.Name, field)))}]);");
        _w.Outdent();
        _w.Close();
    }

    /// <summary>
    /// <c>Load</c> and <c>LoadFile</c> (spec §14), when the project references the run-time loader: a rule file loaded
    /// at run time for this rule set, which must declare its contract, runs on its input and output types.
    /// </summary>
    private void EmitLoad()
    {
        if (!_loadable)
        {
            return;
        }

        var result = $"{Runtime}.RuleSetLoadResult<{_input}, {_output}>";
        _w.Line("/// <summary>");
        _w.Line("/// Loads a rule file at run time for this rule set: it must declare the same hit policy, inputs and outputs (or extend a file");
        _w.Line($"/// that does), and its rule set runs on <see cref=\"{_input}\"/> and <see cref=\"{_output}\"/>, deciding as this compiled code would");
        _w.Line("/// for the same file. Bad input never throws: the result's diagnostics say what is wrong, where.");
        _w.Line("/// </summary>");
        _w.Line("/// <param name=\"yaml\">The rule file's text.</param>");
        _w.Line("/// <param name=\"path\">Where it comes from: shown in diagnostics, and the folder its <c>extends</c> and <c>imports</c> are read from.</param>");
        _w.Line("/// <param name=\"options\">How to load (warnings as errors, how other files are read); null for the defaults.</param>");
        _w.Line($"public static {result} {MemberNames.Load}(string yaml, string? path = null, {Runtime}.LoadOptions? options = null) => {Runtime}.RuleSetLoader.Load<{_input}, {_output}>(yaml, {MemberNames.Contract}, path, options);");
        _w.Line();
        _w.Line("/// <summary>Reads the rule file at <paramref name=\"path\"/> and loads it as <see cref=\"Load\"/> does.</summary>");
        _w.Line($"public static {result} {MemberNames.LoadFile}(string path, {Runtime}.LoadOptions? options = null) => {Runtime}.RuleSetLoader.LoadFile<{_input}, {_output}>(path, {MemberNames.Contract}, options);");
        _w.Line();
    }

    private string ContractField(InputDeclaration declaration) => declaration.Kind switch
    {
        InputKind.Record => $"new({CSharpLiterals.String(declaration.FieldName)}, \"record\", fields: [{string.Join(", ", declaration.Fields.Select(ContractField))}])",
        InputKind.Map => $"new({CSharpLiterals.String(declaration.FieldName)}, \"map\")",
        _ => ContractField(declaration.FieldName, _model.Inputs[declaration.Leaf]),
    };

    private static string ContractField(string name, FieldModel field) => field.Type == FieldType.Enum
        ? $"new({CSharpLiterals.String(name)}, \"enum\", [{string.Join(", ", field.EnumValues.Select(CSharpLiterals.String))}])"
        : $"new({CSharpLiterals.String(name)}, {CSharpLiterals.String(field.Type.YamlName())})";

    private void EmitEntryPoints()
    {
        var result = $"{Runtime}.RuleResult<{_output}>";
        if (!IsCollect)
        {
            _w.Line("/// <summary>Evaluates the rules and returns the one the hit policy picks, or the default when none holds. Allocates nothing.</summary>");
            OpenEntryPoint(result, MemberNames.Evaluate);
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
            OpenEntryPoint(MemberNames.Matches, MemberNames.EvaluateAll);
            _w.Line($"{Collector} = default;");
            _w.Line($"Node0(in input, ref {CollectorName});");
            _w.Line(HasComputed ? $"return new Matches({CollectorName}, input);" : $"return new Matches({CollectorName});");
            _w.Close();
            return;
        }

        var output = _model.Outputs[0];
        var type = TypeOf(output, isInput: false);
        _w.Line($"/// <summary>Evaluates the rules and returns the {Keywords.NameOf(Keywords.AggregateFunctions, _model.Aggregate)} over those that hold (no rule id), or the default when none holds. Allocates nothing.</summary>");
        OpenEntryPoint(result, MemberNames.Evaluate);
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

        // The rule's value once (a computed output is computed once), then folded in.
        _w.Line($"{type} value = {(_model.Aggregate == Aggregate.Count ? $"({type})1" : $"{OutputOfRule("rule")}.{output.PropertyName}")};");
        var combine = _model.Aggregate switch
        {
            Aggregate.Sum or Aggregate.Count => "total + value",
            Aggregate.Min => "global::System.Math.Min(total, value)",
            Aggregate.Max => "global::System.Math.Max(total, value)",
            _ => throw new System.InvalidOperationException("no aggregate to fold: " + _model.Aggregate),
        };
        _w.Line($"total = matched ? {combine} : value;");
        _w.Line("matched = true;");
        _w.Close();
        if (!ListsMatches)
        {
            _w.Close();
        }

        _w.Line($"return matched ? new(true, null, new {_output}(total)) : new(false, null, {NoMatchOutputs()});");
        _w.Close();
    }

    private void EmitTables()
    {
        if (_lowered.TablesAsData)
        {
            EmitDataTables();
            EmitTableFields();
            return;
        }

        _w.Line($"private static readonly {Runtime}.RuleInfo[] s_rules =");
        _w.Line("[");
        _w.Indent();
        foreach (var rule in _model.Rules)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var description = rule.Description is null ? "null" : CSharpLiterals.String(rule.Description);
            _w.Line($"new({rule.Index}, {CSharpLiterals.String(rule.Id)}, {description}, {CSharpLiterals.String(_model.SourceOf(rule))}, {rule.Span.Line}, {rule.Span.Column}),");
        }

        _w.Outdent();
        _w.Line("];");
        _w.Line();
        _w.Line($"private static readonly {_output}[] s_outputs =");
        _w.Line("[");
        _w.Indent();
        foreach (var rule in _model.Rules)
        {
            _w.Line($"{OutputValue(rule.Then)}, // {rule.Id}{(rule.Then.Any(value => value.IsComputed) ? ": computes " + string.Join(", ", _model.Outputs.Where(o => rule.Then[o.Index].IsComputed).Select(o => o.Name)) : string.Empty)}");
        }

        _w.Outdent();
        _w.Line("];");
        _w.Line();
        _w.Line($"private static readonly {_output} s_noMatch = {OutputValue(_model.NoMatchOutputs)};");
        EmitTableFields();
    }

    /// <summary>The static members the checks and switches declared (patterns, string sets, switch tables).</summary>
    private void EmitTableFields()
    {
        foreach (var field in _tableFields)
        {
            _w.Line();
            _w.Line(field);
        }
    }

    /// <summary>A row of literal outputs; a computed output's place holds its type's zero (<see cref="EmitComputedOutputs"/> fills it).</summary>
    private string OutputValue(IReadOnlyList<OutputValue> values) =>
        $"new {_output}(" + string.Join(", ", _model.Outputs.Select(o => CSharpTypes.Literal(values[o.Index].Literal, o, EnumType(o)))) + ")";

    private void EmitInput()
    {
        _w.Line($"/// <summary>The inputs of <see cref=\"{_model.Name}\"/>. A null string is read as \"\", a null list as empty{(_model.Declared.Any(d => d.Kind == InputKind.Map) ? ", a null map as empty" : string.Empty)}.</summary>");
        EmitInputType(_input, Declarations(_model.Declared));
        foreach (var record in Records(_model.Declared))
        {
            Summary(record.Description, $"The record input '{CSharpLiterals.XmlText(record.Name)}'.");
            EmitInputType(RecordType(record), record.Fields);
        }
    }

    /// <summary>The declared inputs; a model without declarations has its inputs at the top.</summary>
    private IReadOnlyList<InputDeclaration> Declarations(IReadOnlyList<InputDeclaration> declared) => declared.Count > 0
        ? declared
        : _model.Inputs.Select(f => new InputDeclaration(f.Name, f.PropertyName, InputKind.Value, f.Index, default, f.Description, f.Span)).ToList();

    private static IEnumerable<InputDeclaration> Records(IEnumerable<InputDeclaration> level) =>
        level.Where(d => d.Kind == InputKind.Record).SelectMany(d => new[] { d }.Concat(Records(d.Fields)));

    private string RecordType(InputDeclaration record) => _model.Name + record.Stem;

    private void EmitInputType(string name, IReadOnlyList<InputDeclaration> fields)
    {
        _w.Line(GeneratedCode);
        _w.Open($"public readonly record struct {name}");
        var first = true;
        foreach (var declaration in fields)
        {
            if (!first)
            {
                _w.Line();
            }

            first = false;
            Summary(declaration.Description, $"The input '{CSharpLiterals.XmlText(declaration.Name)}'.");
            var type = declaration.Kind switch
            {
                InputKind.Record => RecordType(declaration),
                InputKind.Map => "global::System.Collections.Generic.IReadOnlyDictionary<string, string>?",
                _ => TypeOf(_model.Inputs[declaration.Leaf], isInput: true),
            };
            _w.Line($"public {type} {declaration.PropertyName} {{ get; init; }}");
        }

        _w.Close();
        _w.Line();
    }

    /// <summary>
    /// The input with every map key the rules read looked up once (§11: one lookup per key per evaluation, however
    /// many rules test it); an absent key, or a null map, is null, which string tests read as "".
    /// </summary>
    private void EmitView()
    {
        if (!ReadsMapKeys)
        {
            return;
        }

        var keys = _model.Inputs.Where(field => field.IsMapKey).ToList();
        _w.Line();
        _w.Line("/// <summary>The input, with each map key the rules read looked up once per evaluation.</summary>");
        _w.Open($"internal readonly struct {MemberNames.View}");
        _w.Line($"public readonly {_input} Root;");
        foreach (var key in keys)
        {
            _w.Line($"public readonly string? {key.PropertyName}; // {CSharpLiterals.String(key.Name)}");
        }

        _w.Line();
        _w.Open($"public {MemberNames.View}(in {_input} input)");
        _w.Line("Root = input;");
        for (var i = 0; i < keys.Count; i++)
        {
            var path = keys[i].Path!;
            var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _w.Line($"{keys[i].PropertyName} = input.{string.Join(".", path.Properties)} is {{ }} map{n} && map{n}.TryGetValue({CSharpLiterals.String(path.Key!)}, out string? value{n}) ? value{n} : null;");
        }

        _w.Close();
        _w.Close();
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
        var capacity = _lowered.Collector.Capacity;
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
        if (HasComputed)
        {
            // The input the holding rules compute their outputs from, as each is enumerated.
            _w.Line($"private readonly {NodeInput} _input;");
            _w.Line();
            _w.Open($"internal Matches({type} {CollectorName}, in {NodeInput} input)");
            _w.Line($"{field} = {CollectorName};");
            _w.Line("_input = input;");
            _w.Close();
        }
        else
        {
            _w.Line();
            _w.Line($"internal Matches({type} {CollectorName}) => {field} = {CollectorName};");
        }
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
        _w.Line(HasComputed ? $"public Enumerator GetEnumerator() => new({field}, in _input);" : $"public Enumerator GetEnumerator() => new({field});");
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
        if (HasComputed)
        {
            _w.Line($"private readonly {NodeInput} _input;");
        }

        _w.Line(ListsMatches ? "private int _index;" : "private int _rule;");
        _w.Line();
        _w.Open(HasComputed ? $"internal Enumerator({type} {CollectorName}, in {NodeInput} input)" : $"internal Enumerator({type} {CollectorName})");
        _w.Line($"{field} = {CollectorName};");
        if (HasComputed)
        {
            _w.Line("_input = input;");
        }

        _w.Line(ListsMatches ? "_index = -1;" : "_rule = -1;");
        _w.Close();
        _w.Line();
        _w.Line("/// <summary>The current rule and its outputs.</summary>");
        _w.Line(ListsMatches
            ? $"public {result} Current => new(true, s_rules[_hits[_index]], {OutputOfRule("_hits[_index]", "_input")});"
            : $"public {result} Current => new(true, s_rules[_rule], {OutputOfRule("_rule", "_input")});");
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
