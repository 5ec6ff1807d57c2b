using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

public enum Satisfiability
{
    /// <summary>A witness input was found and checked with the rule semantics.</summary>
    Satisfiable,

    /// <summary>Proven: no input satisfies every constraint.</summary>
    Unsatisfiable,

    /// <summary>Neither could be shown: a test the analysis cannot decide, or the search ran out of budget.</summary>
    Unknown,
}

/// <summary>A condition that must hold (<see cref="Holds"/>) or must fail.</summary>
public readonly record struct Constraint(Condition Condition, bool Holds);

/// <summary>The answer to a query, with an input that shows it when satisfiable and a reason when unknown.</summary>
public sealed record SolveResult(Satisfiability Answer, Value[]? Witness, string? WhyUnknown)
{
    public static readonly SolveResult Unsatisfiable = new(Satisfiability.Unsatisfiable, null, null);
}

/// <summary>
/// Decides whether some input satisfies a set of constraints (conditions that must hold or fail), exactly for the
/// tests the analysis decides and soundly for the rest.
/// </summary>
/// <remarks>
/// A search over the fields the constraints read. Each scalar field ranges over its
/// <see cref="Representatives"/>; a string-list field is one yes/no variable per element the tests name, plus
/// one for "some other element". After each choice the constraints are evaluated in three-valued logic, where a
/// field not chosen yet, or a test the analysis cannot decide, is "unknown": a constraint that is already false
/// cuts the branch, all constraints true is a witness. Because representatives cover every class of values,
/// exhausting the search without an unknown branch proves that no input exists. A branch left unknown only by
/// undecidable tests is settled by trying concrete guesses for those fields; if none works the answer is unknown,
/// never a false finding. Every evaluation is charged to a shared <see cref="AnalysisBudget"/>.
/// </remarks>
public sealed class ConditionSolver
{
    private readonly IReadOnlyList<FieldModel> _inputs;
    private readonly Predicates _predicates;
    private readonly AnalysisBudget _budget;

    private readonly Func<FieldModel, IReadOnlyList<TestCondition>, IEnumerable<Value>>? _moreGuesses;

    /// <param name="inputs">The fields constraints read.</param>
    /// <param name="predicates">How tests hold (shared regexes and globs).</param>
    /// <param name="budget">What the search may spend.</param>
    /// <param name="moreGuesses">
    /// Values to try first for a field whose tests it does not decide, before <see cref="Representatives.Guesses"/>
    /// (<c>rulec diff</c>: texts its regexes match). Null for the build's analysis.
    /// </param>
    public ConditionSolver(IReadOnlyList<FieldModel> inputs, Predicates predicates, AnalysisBudget budget, Func<FieldModel, IReadOnlyList<TestCondition>, IEnumerable<Value>>? moreGuesses = null)
    {
        _inputs = inputs;
        _predicates = predicates;
        _budget = budget;
        _moreGuesses = moreGuesses;
    }

    /// <summary>Searches for an input satisfying every constraint, or a proof that none exists.</summary>
    public SolveResult Solve(IReadOnlyList<Constraint> constraints) => new Search(this, constraints, stopAtUnknown: false).Run();

    public SolveResult Solve(params Constraint[] constraints) => Solve((IReadOnlyList<Constraint>)constraints);

    /// <summary>
    /// Whether no input satisfies every constraint, proven. Cheaper than <see cref="Solve(IReadOnlyList{Constraint})"/>
    /// where a witness is not needed: the search stops at the first branch it cannot decide, since no proof can follow.
    /// </summary>
    public bool IsUnsatisfiable(IReadOnlyList<Constraint> constraints) =>
        new Search(this, constraints, stopAtUnknown: true).Run().Answer == Satisfiability.Unsatisfiable;

    public bool IsUnsatisfiable(params Constraint[] constraints) => IsUnsatisfiable((IReadOnlyList<Constraint>)constraints);

    private enum Truth : byte
    {
        False,
        True,
        Unknown,
    }

    private sealed class Variable
    {
        public Variable(int field, string? item, Value[] domain)
        {
            Field = field;
            Item = item;
            Domain = domain;
        }

        public int Field { get; }

        /// <summary>For a string-list field: the element this yes/no variable stands for; null for "some other element".</summary>
        public string? Item { get; }

        public Value[] Domain { get; }

        public int Choice { get; set; } = -1;

        public bool IsSet => Choice >= 0;

        public bool IsMember => Domain[Choice].AsBool;
    }

    /// <summary>How one test reads the variables: the scalar variable, or a list field's element variables.</summary>
    private sealed class TestBinding
    {
        public TestBinding(TestCondition test, bool decidable, Variable? scalar, Variable[] elements, Variable? other)
        {
            Test = test;
            Decidable = decidable;
            Scalar = scalar;
            Elements = elements;
            Other = other;
        }

        public TestCondition Test { get; }

        public bool Decidable { get; }

        public Variable? Scalar { get; }

        /// <summary>For list tests: the variables of the elements this test names, in operand order.</summary>
        public Variable[] Elements { get; }

        public Variable? Other { get; }
    }

    private sealed class Search
    {
        private const int GuessesPerField = 256;
        private const int GuessesPerQuery = 1024;

        private readonly ConditionSolver _solver;
        private readonly IReadOnlyList<Constraint> _constraints;
        private readonly Dictionary<TestCondition, TestBinding> _bindings = new(ReferenceComparer.Instance);
        private readonly List<Variable> _variables = new();
        private readonly Dictionary<int, List<Variable>> _listVariables = new();
        private readonly Dictionary<int, List<TestCondition>> _testsByField = new();
        private readonly SortedSet<string> _undecided = new(StringComparer.Ordinal);
        private readonly bool _stopAtUnknown;
        private long _spent;
        private int _guesses;
        private bool _concrete;
        private Value[]? _witness;
        private bool _unknown;

        public Search(ConditionSolver solver, IReadOnlyList<Constraint> constraints, bool stopAtUnknown)
        {
            _solver = solver;
            _constraints = constraints;
            _stopAtUnknown = stopAtUnknown;
        }

        private IReadOnlyList<FieldModel> Inputs => _solver._inputs;

        public SolveResult Run()
        {
            Bind();
            try
            {
                Explore();
            }
            catch (AnalysisBudget.ExhaustedException)
            {
                return new SolveResult(Satisfiability.Unknown, null, $"comparing them takes more than the analysis's {AnalysisBudget.PerQuery:N0} steps");
            }

            if (_witness is not null)
            {
                return new SolveResult(Satisfiability.Satisfiable, _witness, null);
            }

            if (!_unknown)
            {
                return SolveResult.Unsatisfiable;
            }

            var why = _undecided.Count == 0 ? "no input was found, and the tests cannot be proven exclusive" : "the analysis cannot decide " + string.Join(", ", _undecided);
            return new SolveResult(Satisfiability.Unknown, null, why);
        }

        private void Bind()
        {
            foreach (var test in _constraints.SelectMany(c => c.Condition.Tests()))
            {
                if (!_testsByField.TryGetValue(test.Field, out var tests))
                {
                    _testsByField.Add(test.Field, tests = new List<TestCondition>());
                }

                tests.Add(test);
            }

            var scalars = new Dictionary<int, Variable>();
            foreach (var pair in _testsByField)
            {
                var field = Inputs[pair.Key];
                if (field.Type.Info().Kind == ValueKind.TextList)
                {
                    var elements = pair.Value.Where(t => Representatives.IsDecidable(t, field.Type)).SelectMany(t => t.Operands).Select(o => o.AsString).Distinct(StringComparer.Ordinal);
                    var variables = elements.Select(item => new Variable(pair.Key, item, YesNo)).Append(new Variable(pair.Key, null, YesNo)).ToList();
                    _listVariables.Add(pair.Key, variables);
                    _variables.AddRange(variables);
                }
                else
                {
                    var variable = new Variable(pair.Key, null, Representatives.Of(field, pair.Value).ToArray());
                    scalars.Add(pair.Key, variable);
                    _variables.Add(variable);
                }
            }

            foreach (var pair in _testsByField)
            {
                var type = Inputs[pair.Key].Type;
                foreach (var test in pair.Value)
                {
                    if (_bindings.ContainsKey(test))
                    {
                        continue;
                    }

                    var decidable = Representatives.IsDecidable(test, type);
                    if (type.Info().Kind == ValueKind.TextList)
                    {
                        var list = _listVariables[pair.Key];
                        var elements = decidable && test.Operator != TestOperator.Empty
                            ? test.Operands.Select(o => list.First(v => v.Item == o.AsString)).ToArray()
                            : list.ToArray();
                        _bindings.Add(test, new TestBinding(test, decidable, null, elements, list[list.Count - 1]));
                    }
                    else
                    {
                        _bindings.Add(test, new TestBinding(test, decidable, scalars[pair.Key], Array.Empty<Variable>(), null));
                    }
                }
            }

        }

        private void Charge()
        {
            _spent += _constraints.Count;
            _solver._budget.Charge(_constraints.Count, _spent);
        }

        private static readonly Value[] YesNo = { Value.Bool(false), Value.Bool(true) };

        /// <summary>
        /// Depth-first; true once a witness is found. The next variable is one that a still-undecided constraint
        /// reads through a decidable test, so every choice can settle something; variables that only undecidable
        /// tests read are left to <see cref="Guess"/>.
        /// </summary>
        private bool Explore()
        {
            Charge();
            var first = FirstUndecided();
            if (first < 0)
            {
                return first == Decided.AllTrue && Found();
            }

            Variable? variable = null;
            var source = first;
            for (; source < _constraints.Count && variable is null; source++)
            {
                variable = Pick(_constraints[source].Condition);
            }

            if (variable is null)
            {
                return Guess();
            }

            // Values that settle the constraint the variable came from as required go first; values that break it
            // are never tried (that branch would fail at once).
            var constraint = _constraints[source - 1];
            var settling = new List<int>();
            var open = new List<int>();
            for (var choice = 0; choice < variable.Domain.Length; choice++)
            {
                variable.Choice = choice;
                var truth = Evaluate(constraint.Condition);
                if (truth == Truth.Unknown)
                {
                    open.Add(choice);
                }
                else if ((truth == Truth.True) == constraint.Holds)
                {
                    settling.Add(choice);
                }
            }

            _spent += variable.Domain.Length;
            foreach (var choice in settling.Concat(open))
            {
                variable.Choice = choice;
                if (Explore())
                {
                    return true;
                }

                if (_unknown && _stopAtUnknown)
                {
                    return false;
                }
            }

            variable.Choice = -1;
            return false;
        }

        private static class Decided
        {
            public const int AllTrue = -1;
            public const int SomeFalse = -2;
        }

        /// <summary>The first constraint whose value is still unknown, or <see cref="Decided"/>'s answer when there is none.</summary>
        private int FirstUndecided()
        {
            var first = Decided.AllTrue;
            for (var i = 0; i < _constraints.Count; i++)
            {
                var truth = Evaluate(_constraints[i].Condition);
                if (truth == Truth.Unknown)
                {
                    first = first < 0 ? i : first;
                }
                else if ((truth == Truth.True) != _constraints[i].Holds)
                {
                    return Decided.SomeFalse;
                }
            }

            return first;
        }

        /// <summary>An unset variable that an undecided part of <paramref name="condition"/> reads through a decidable test.</summary>
        private Variable? Pick(Condition condition)
        {
            switch (condition)
            {
                case TestCondition test:
                    var binding = _bindings[test];
                    if (!binding.Decidable)
                    {
                        return null;
                    }

                    if (binding.Scalar is { } scalar)
                    {
                        return scalar.IsSet ? null : scalar;
                    }

                    foreach (var element in binding.Elements)
                    {
                        if (!element.IsSet)
                        {
                            return element;
                        }
                    }

                    return binding.Test.Operator == TestOperator.Empty && binding.Other is { IsSet: false } other ? other : null;
                case NotCondition not:
                    return Pick(not.Operand);
                case AllCondition all:
                    return PickAmong(all.Items);
                case AnyCondition any:
                    return PickAmong(any.Items);
                default:
                    return null;
            }
        }

        private Variable? PickAmong(EquatableArray<Condition> items)
        {
            foreach (var item in items)
            {
                if (Evaluate(item) == Truth.Unknown && Pick(item) is { } variable)
                {
                    return variable;
                }
            }

            return null;
        }

        /// <summary>
        /// Every variable is set and only undecidable tests keep the answer open: evaluate them for real, first on the
        /// representatives, then on guesses for one field at a time.
        /// </summary>
        private bool Guess()
        {
            _concrete = true;
            try
            {
                var input = Input();
                if (HoldsConcretely(input))
                {
                    return Found(input);
                }

                foreach (var pair in _testsByField.Where(p => p.Value.Any(t => !_bindings[t].Decidable)))
                {
                    var field = Inputs[pair.Key];
                    var original = input[pair.Key];
                    var guesses = (_solver._moreGuesses?.Invoke(field, pair.Value) ?? Enumerable.Empty<Value>()).Concat(Representatives.Guesses(field, pair.Value));
                    foreach (var guess in guesses.Take(Math.Min(GuessesPerField, GuessesPerQuery - _guesses)))
                    {
                        _guesses++;
                        Charge();
                        input[pair.Key] = guess;
                        if (HoldsConcretely(input))
                        {
                            return Found(input);
                        }
                    }

                    input[pair.Key] = original;
                    foreach (var test in pair.Value.Where(t => !_bindings[t].Decidable))
                    {
                        _undecided.Add($"'{test.Operator.YamlName()}'{(test.IgnoreCase ? " with ignore-case" : string.Empty)} on '{field.Name}'");
                    }
                }

                _unknown = true;
                return false;
            }
            finally
            {
                _concrete = false;
            }
        }

        private bool Found(Value[]? input = null)
        {
            input ??= Input();
            if (!HoldsConcretely(input))
            {
                // Cannot happen if the three-valued evaluation is right; answer "unknown" rather than report a wrong input.
                _unknown = true;
                _undecided.Add("an input its search built (please report this)");
                return false;
            }

            _witness = input;
            return true;
        }

        private bool HoldsConcretely(Value[] input)
        {
            foreach (var constraint in _constraints)
            {
                if (Holds(constraint.Condition, input) != constraint.Holds)
                {
                    return false;
                }
            }

            return true;
        }

        private bool Holds(Condition condition, Value[] input) => condition switch
        {
            TestCondition test => _solver._predicates.Holds(test, input[test.Field]),
            NotCondition not => !Holds(not.Operand, input),
            AllCondition all => all.Items.All(item => Holds(item, input)),
            AnyCondition any => any.Items.Any(item => Holds(item, input)),
            _ => throw new ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition)),
        };

        /// <summary>The input the current choices stand for; fields no constraint reads take their zero value.</summary>
        private Value[] Input()
        {
            var input = Inputs.Select(field => Value.Zero(field.Type)).ToArray();
            foreach (var variable in _variables)
            {
                if (variable.IsSet && !_listVariables.ContainsKey(variable.Field))
                {
                    input[variable.Field] = variable.Domain[variable.Choice];
                }
            }

            foreach (var pair in _listVariables)
            {
                var items = pair.Value.Where(v => v.Item is not null && v.IsSet && v.IsMember).Select(v => v.Item!).ToList();
                if (pair.Value[pair.Value.Count - 1] is { IsSet: true, IsMember: true })
                {
                    var other = "x";
                    while (pair.Value.Any(v => v.Item == other))
                    {
                        other += "x";
                    }

                    items.Add(other);
                }

                input[pair.Key] = Value.List(items.ToEquatableArray());
            }

            return input;
        }

        private Truth Evaluate(Condition condition)
        {
            switch (condition)
            {
                case TestCondition test:
                    return Evaluate(_bindings[test]);
                case NotCondition not:
                    return Not(Evaluate(not.Operand));
                case AllCondition all:
                    var allTruth = Truth.True;
                    foreach (var item in all.Items)
                    {
                        var truth = Evaluate(item);
                        if (truth == Truth.False)
                        {
                            return Truth.False;
                        }

                        allTruth = truth == Truth.Unknown ? Truth.Unknown : allTruth;
                    }

                    return allTruth;
                case AnyCondition any:
                    var anyTruth = Truth.False;
                    foreach (var item in any.Items)
                    {
                        var truth = Evaluate(item);
                        if (truth == Truth.True)
                        {
                            return Truth.True;
                        }

                        anyTruth = truth == Truth.Unknown ? Truth.Unknown : anyTruth;
                    }

                    return anyTruth;
                default:
                    throw new ArgumentException("unknown condition " + condition.GetType().Name, nameof(condition));
            }
        }

        private Truth Evaluate(TestBinding binding)
        {
            if (!binding.Decidable && !_concrete)
            {
                return Truth.Unknown;
            }

            if (binding.Scalar is { } scalar)
            {
                return scalar.IsSet ? Of(_solver._predicates.Holds(binding.Test, scalar.Domain[scalar.Choice])) : Truth.Unknown;
            }

            if (!binding.Decidable)
            {
                return binding.Elements.All(v => v.IsSet) ? Of(_solver._predicates.Holds(binding.Test, Input()[binding.Test.Field])) : Truth.Unknown;
            }

            return ListTruth(binding.Test, binding.Elements);
        }

        /// <summary>A decidable list test from its element variables; a negation is "not" its positive.</summary>
        private static Truth ListTruth(TestCondition test, Variable[] elements)
        {
            if (test.Operator.Info().Positive(test) is { } positive)
            {
                return Not(ListTruth(positive, elements));
            }

            switch (test.Operator)
            {
                case TestOperator.ListContains:
                case TestOperator.ContainsAny:
                    return AnyMember(elements);
                case TestOperator.ContainsAll:
                    return AllMembers(elements);
                case TestOperator.Empty:
                    var nonEmpty = AnyMember(elements);
                    return test.Operands[0].AsBool ? Not(nonEmpty) : nonEmpty;
                default:
                    throw new ArgumentOutOfRangeException(nameof(test), test.Operator, "not a list operator");
            }
        }

        private static Truth AnyMember(Variable[] elements)
        {
            var result = Truth.False;
            foreach (var element in elements)
            {
                if (!element.IsSet)
                {
                    result = Truth.Unknown;
                }
                else if (element.IsMember)
                {
                    return Truth.True;
                }
            }

            return result;
        }

        private static Truth AllMembers(Variable[] elements)
        {
            var result = Truth.True;
            foreach (var element in elements)
            {
                if (!element.IsSet)
                {
                    result = Truth.Unknown;
                }
                else if (!element.IsMember)
                {
                    return Truth.False;
                }
            }

            return result;
        }

        private static Truth Of(bool value) => value ? Truth.True : Truth.False;

        private static Truth Not(Truth truth) => truth switch
        {
            Truth.True => Truth.False,
            Truth.False => Truth.True,
            _ => Truth.Unknown,
        };
    }

    /// <summary>Tests are records (equal by content); bindings are per occurrence.</summary>
    private sealed class ReferenceComparer : IEqualityComparer<TestCondition>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(TestCondition? x, TestCondition? y) => ReferenceEquals(x, y);

        public int GetHashCode(TestCondition obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
