using System;
using System.Collections.Generic;
using System.Threading;
using RuleCompiler.Language.Lowering;

namespace RuleCompiler.Compiling;

/// <summary>What <see cref="PlanCompiler{TInput, TOutput}"/> made of a rule set: its compiled plan, outputs and tests.</summary>
internal sealed record CompiledPlan<TInput, TOutput>(
    DecideRule<TInput>? Decide,
    CollectRules<TInput>? Collect,
    OutputOf<TInput, TOutput>? OutputOf,
    TOutput[] Rows,
    TOutput NoMatch,
    ConditionTestSet<TInput> Tests);

/// <summary>
/// The rules' conditions as data (the lowering's <see cref="ConditionProgram"/>, which generated code writes as
/// constants) with the compiled distinct tests, for the runtime's walks: <see cref="RuleConditions.Decide"/> for
/// plan nodes written as data, <see cref="RuleConditions.Trace"/> for Explain.
/// </summary>
internal sealed class ConditionTestSet<TInput>
{
    /// <summary>The part each distinct test is compiled in.</summary>
    private readonly int[] _partOf;
    private readonly HoldsTest<TInput>?[] _parts;
    private readonly Func<int, HoldsTest<TInput>> _compilePart;
    private readonly Func<FieldValue<TInput, string>> _compileActual;
    private readonly Func<FieldValue<TInput, int>> _compileOrdinal;
    private readonly object _compiling;
    private FieldValue<TInput, string>? _actual;
    private FieldValue<TInput, int>? _ordinal;
    private readonly int[] _code;
    private readonly int[] _starts;
    private readonly int[] _testRows;
    private readonly string _text;
    private readonly int[] _textBounds;
    private readonly int[] _nodes;

    /// <param name="program">The conditions as data.</param>
    /// <param name="partStarts">The first test of each part (the lowering's cut).</param>
    /// <param name="compilePart">Compiles a part's tests; called once per part, on its first use.</param>
    /// <param name="compileActual">Compiles how Explain shows an input; on its first use.</param>
    /// <param name="compileOrdinal">Compiles the ordinals of enum and bool inputs; on their first use.</param>
    /// <param name="compiling">The compiler's lock, held while any of these compile.</param>
    public ConditionTestSet(ConditionProgram program, int[] partStarts, Func<int, HoldsTest<TInput>> compilePart, Func<FieldValue<TInput, string>> compileActual, Func<FieldValue<TInput, int>> compileOrdinal, object compiling)
    {
        _compiling = compiling;
        _parts = new HoldsTest<TInput>?[partStarts.Length];
        _partOf = new int[program.Tests.Count];
        for (var part = 0; part < partStarts.Length; part++)
        {
            var end = part + 1 < partStarts.Length ? partStarts[part + 1] : _partOf.Length;
            Array.Fill(_partOf, part, partStarts[part], end - partStarts[part]);
        }

        _compilePart = compilePart;
        _compileActual = compileActual;
        _compileOrdinal = compileOrdinal;
        _code = program.Code.ToArray();
        _starts = program.Starts.ToArray();
        _testRows = program.TestRows.ToArray();
        _nodes = program.Nodes.ToArray();
        var bounds = new int[program.Texts.Count + 1];
        for (var i = 0; i < program.Texts.Count; i++)
        {
            bounds[i + 1] = bounds[i] + program.Texts[i].Length;
        }

        _text = string.Concat(program.Texts);
        _textBounds = bounds;
    }

    public bool Holds(int test, in TInput input) => (Volatile.Read(ref _parts[_partOf[test]]) ?? CompilePart(_partOf[test]))(test, in input);

    // Apart from Holds, so that the closure it makes is made only when a part compiles (a lambda capturing a local of
    // Holds would allocate on every call).
    private HoldsTest<TInput> CompilePart(int part) => Compiled(ref _parts[part], () => _compilePart(part));

    public string Actual(int field, in TInput input) => (Volatile.Read(ref _actual) ?? Compiled(ref _actual, _compileActual))(field, in input);

    public int Ordinal(int field, in TInput input) => (Volatile.Read(ref _ordinal) ?? Compiled(ref _ordinal, _compileOrdinal))(field, in input);

    /// <summary>Compiles a delegate once (the compiler is not thread-safe; its product is immutable and published whole).</summary>
    private T Compiled<T>(ref T? slot, Func<T> compile)
        where T : class
    {
        lock (_compiling)
        {
            if (slot is null)
            {
                Volatile.Write(ref slot, compile());
            }

            return slot!;
        }
    }

    /// <summary>A plan node written as data, from <paramref name="node"/>: the rule it decides, or -1 (called by compiled plans).</summary>
    public static int Decide(ConditionTestSet<TInput> tests, int node, in TInput input)
    {
        var bound = new Bound<TInput>(input, tests);
        return RuleConditions.Decide<Bound<TInput>, BoundTests<TInput>>(tests._nodes, tests._code, node, in bound);
    }

    /// <summary>Every rule, in file order, with the first failure of its condition.</summary>
    public RuleTrace[] Trace(in TInput input, IReadOnlyList<RuleInfo> rules)
    {
        var bound = new Bound<TInput>(input, this);
        return new RuleConditions(_code, _starts, _testRows, _text, _textBounds).Trace<Bound<TInput>, BoundTests<TInput>>(in bound, rules);
    }
}

/// <summary>An input with the tests that answer for it: what the runtime's walks take as their input.</summary>
internal readonly struct Bound<TInput>(TInput input, ConditionTestSet<TInput> tests)
{
    public readonly TInput Input = input;

    public readonly ConditionTestSet<TInput> Tests = tests;
}

/// <summary>The runtime's <see cref="IRuleTests{TInput}"/> answered by a loaded rule set's compiled tests.</summary>
internal readonly struct BoundTests<TInput> : IRuleTests<Bound<TInput>>
{
    public static bool Holds(int test, in Bound<TInput> input) => input.Tests.Holds(test, in input.Input);

    public static string Actual(int field, in Bound<TInput> input) => input.Tests.Actual(field, in input.Input);

    public static int Ordinal(int field, in Bound<TInput> input) => input.Tests.Ordinal(field, in input.Input);
}
