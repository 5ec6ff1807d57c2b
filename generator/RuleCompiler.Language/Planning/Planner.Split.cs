using System.Collections.Generic;
using System.Linq;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Planning;

public sealed partial class Planner
{
    /// <summary>
    /// A node's candidates partitioned by one field's value classes: for each class, the candidates (in rank order)
    /// whose tests on the field hold for it. Each candidate's classes are found once, as runs of consecutive classes
    /// (a lookup rule names its few classes; a range test on a number is one run, found by binary search), so the
    /// average class size is known without listing the members. The members of each class are listed only when
    /// <see cref="Members"/> reaches it: building a child can exhaust the budget long before the last class.
    /// </summary>
    private sealed class Split
    {
        private readonly Planner _planner;
        private readonly int[] _candidates;
        private readonly FieldType _type;
        private readonly Value[] _representatives; // of the reachable classes, in class order
        private readonly int[] _reachableIndex;    // class → its index among the reachable classes, -1 when none reaches it
        private readonly List<ClassRun> _runs = new();  // runs of reachable classes, by candidate in rank order, ascending

        public Split(Planner planner, int[] candidates, int field, ValueClasses classes)
        {
            _planner = planner;
            _candidates = candidates;
            Field = field;
            Classes = classes;
            _type = planner._model.Inputs[field].Type;

            var representatives = new List<Value>();
            _reachableIndex = new int[classes.Representatives.Count];
            for (var c = 0; c < _reachableIndex.Length; c++)
            {
                _reachableIndex[c] = classes.Representatives[c] is { } representative ? representatives.Count : -1;
                if (classes.Representatives[c] is { } value)
                {
                    representatives.Add(value);
                }
            }

            _representatives = representatives.ToArray();
            var keyIndex = classes.IsRange ? null : new KeyIndex(classes.Keys);

            var ordered = classes.IsRange ? OrderedDomain(_representatives) : null;
            long total = 0;
            for (var position = 0; position < candidates.Length; position++)
            {
                planner._cancellationToken.ThrowIfCancellationRequested();
                var first = _runs.Count;
                AddRuns(position, keyIndex, ordered);
                for (var r = first; r < _runs.Count; r++)
                {
                    total += _runs[r].End - _runs[r].Start + 1;
                }
            }

            AverageClassSize = (double)total / _representatives.Length;
        }

        public int Field { get; }

        public ValueClasses Classes { get; }

        /// <summary>The mean number of candidates per class a value can fall into.</summary>
        public double AverageClassSize { get; }

        /// <summary>Each class's members in class order; null for a class no value reaches.</summary>
        public IEnumerator<int[]?> Members()
        {
            var count = _representatives.Length;
            var starts = ByReachableClass(count, run => run.Start);
            var ends = ByReachableClass(count, run => run.End + 1);
            var active = new List<int>(); // positions in the candidate array, ascending
            for (var c = 0; c < _reachableIndex.Length; c++)
            {
                _planner._cancellationToken.ThrowIfCancellationRequested();
                var r = _reachableIndex[c];
                if (r < 0)
                {
                    yield return null;
                    continue;
                }

                for (var e = ends.Offsets[r]; e < ends.Offsets[r + 1]; e++)
                {
                    active.RemoveAt(active.BinarySearch(ends.Positions[e]));
                }

                for (var s = starts.Offsets[r]; s < starts.Offsets[r + 1]; s++)
                {
                    var at = active.BinarySearch(starts.Positions[s]);
                    active.Insert(~at, starts.Positions[s]);
                }

                var members = new int[active.Count];
                for (var i = 0; i < members.Length; i++)
                {
                    members[i] = _candidates[active[i]];
                }

                yield return members;
            }
        }

        /// <summary>The reachable classes whose representatives are ordered numbers (not NaN), when they are consecutive.</summary>
        private static (int First, int Last)? OrderedDomain(Value[] representatives)
        {
            var first = -1;
            var last = -1;
            for (var r = 0; r < representatives.Length; r++)
            {
                if (representatives[r].IsNaN)
                {
                    continue;
                }

                if (first >= 0 && last != r - 1)
                {
                    return null;
                }

                first = first < 0 ? r : first;
                last = r;
            }

            return first < 0 ? null : (first, last);
        }

        private void AddRuns(int position, KeyIndex? keyIndex, (int First, int Last)? ordered)
        {
            var shape = _planner._shapes[_candidates[position]];
            var residualDependsOnField = shape.ResidualIndexable.ContainsKey(Field);
            shape.Indexed.TryGetValue(Field, out var tests);
            var builder = new RunBuilder(_runs, position);
            if (!residualDependsOnField && tests is null)
            {
                // The rule does not read this field: every class admits it.
                builder.Add(0, _representatives.Length - 1);
                return;
            }

            if (!residualDependsOnField && keyIndex is not null && tests!.Count == 1 && tests[0].Operator is TestOperator.Eq or TestOperator.In)
            {
                // The lookup shape (one eq or in): only the named classes admit the rule.
                var operands = tests[0].Operands;
                if (operands.Count == 1)
                {
                    var r = _reachableIndex[keyIndex[operands[0]]];
                    builder.Add(r, r);
                    return;
                }

                var admitted = new int[operands.Count];
                for (var i = 0; i < admitted.Length; i++)
                {
                    admitted[i] = _reachableIndex[keyIndex[operands[i]]];
                }

                System.Array.Sort(admitted);
                foreach (var r in admitted)
                {
                    builder.Add(r, r); // a repeated class merges into the run before it
                }

                return;
            }

            if (!residualDependsOnField && ordered is { } domain && MonotoneRun(tests!, domain) is { } run)
            {
                // Comparisons with constants on ordered representatives: one run, plus whichever NaN classes admit it.
                for (var r = 0; r < domain.First; r++)
                {
                    AddIfAdmitted(ref builder, shape, tests!, residualDependsOnField: false, r);
                }

                if (run.Start <= run.End)
                {
                    builder.Add(run.Start, run.End);
                }

                for (var r = domain.Last + 1; r < _representatives.Length; r++)
                {
                    AddIfAdmitted(ref builder, shape, tests!, residualDependsOnField: false, r);
                }

                return;
            }

            for (var r = 0; r < _representatives.Length; r++)
            {
                AddIfAdmitted(ref builder, shape, tests, residualDependsOnField, r);
            }
        }

        private void AddIfAdmitted(ref RunBuilder builder, RuleShape shape, List<TestCondition>? tests, bool residualDependsOnField, int r)
        {
            if (Admits(shape, tests, residualDependsOnField, _representatives[r]))
            {
                builder.Add(r, r);
            }
        }

        /// <summary>Whether the class of <paramref name="representative"/> admits the rule: every test on the field holds, and no residual is decided false.</summary>
        private bool Admits(RuleShape shape, List<TestCondition>? tests, bool residualDependsOnField, Value representative)
        {
            var predicates = _planner._predicates;
            if (tests is not null)
            {
                foreach (var test in tests)
                {
                    if (!predicates.Holds(test, representative))
                    {
                        return false;
                    }
                }
            }

            if (residualDependsOnField)
            {
                foreach (var residual in shape.Residual)
                {
                    if (PartialEvaluation.Evaluate(residual, Field, representative, _type, predicates) == Truth.False)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// The classes of the ordered domain where every test holds, when each is a comparison with constants (one run
        /// of classes, since representatives increase); null when some test is not. Checked against the tests at the
        /// run's ends and just outside them, so a run that the tests disagree with is never used.
        /// </summary>
        private ClassRun? MonotoneRun(List<TestCondition> tests, (int First, int Last) domain)
        {
            var start = domain.First;
            var end = domain.Last;
            foreach (var test in tests)
            {
                var operands = test.Operands;
                switch (test.Operator)
                {
                    case TestOperator.Gt:
                    case TestOperator.Gte:
                        start = Max(start, FirstWhere(domain, v => _planner._predicates.Holds(test, v)));
                        break;
                    case TestOperator.Lt:
                    case TestOperator.Lte:
                        end = Min(end, FirstWhere(domain, v => !_planner._predicates.Holds(test, v)) - 1);
                        break;
                    case TestOperator.Eq:
                        start = Max(start, FirstWhere(domain, v => v.CompareNumber(operands[0]) >= 0));
                        end = Min(end, FirstWhere(domain, v => v.CompareNumber(operands[0]) > 0) - 1);
                        break;
                    case TestOperator.Between:
                        start = Max(start, FirstWhere(domain, v => v.CompareNumber(operands[0]) >= 0));
                        end = Min(end, FirstWhere(domain, v => v.CompareNumber(operands[1]) > 0) - 1);
                        break;
                    default:
                        return null;
                }
            }

            var holds = new System.Func<int, bool>(r => tests.All(test => _planner._predicates.Holds(test, _representatives[r])));
            var agrees = start > end
                ? Enumerable.Range(domain.First, domain.Last - domain.First + 1).All(r => !holds(r))
                : holds(start) && holds(end) && (start == domain.First || !holds(start - 1)) && (end == domain.Last || !holds(end + 1));
            return agrees ? new ClassRun(start, end, 0) : null;
        }

        private static int Max(int a, int b) => a > b ? a : b;

        private static int Min(int a, int b) => a < b ? a : b;

        /// <summary>The first reachable class of the domain whose representative satisfies a predicate false then true along it; Last + 1 when none.</summary>
        private int FirstWhere((int First, int Last) domain, System.Func<Value, bool> predicate)
        {
            var lo = domain.First;
            var hi = domain.Last + 1;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                if (predicate(_representatives[mid]))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo;
        }

        /// <summary>The runs' candidate positions bucketed by a reachable class (counting sort, so positions stay ascending in a bucket).</summary>
        private (int[] Offsets, int[] Positions) ByReachableClass(int count, System.Func<ClassRun, int> classOf)
        {
            var offsets = new int[count + 2];
            foreach (var run in _runs)
            {
                offsets[classOf(run) + 1]++;
            }

            for (var r = 0; r <= count; r++)
            {
                offsets[r + 1] += offsets[r];
            }

            var next = (int[])offsets.Clone();
            var positions = new int[_runs.Count];
            foreach (var run in _runs)
            {
                positions[next[classOf(run)]++] = run.Position;
            }

            return (offsets, positions);
        }
    }

    /// <summary>The class of each key of a discrete field; strings by ordinal text, enums and bools by their number.</summary>
    private sealed class KeyIndex
    {
        private readonly Dictionary<string, int>? _texts;
        private readonly Dictionary<long, int>? _numbers;

        public KeyIndex(List<Value> keys)
        {
            if (keys.Count > 0 && keys[0].Type == FieldType.String)
            {
                _texts = new Dictionary<string, int>(keys.Count, System.StringComparer.Ordinal);
                for (var k = 0; k < keys.Count; k++)
                {
                    _texts.Add(keys[k].AsString, k);
                }
            }
            else
            {
                _numbers = new Dictionary<long, int>(keys.Count);
                for (var k = 0; k < keys.Count; k++)
                {
                    _numbers.Add(keys[k].Integer, k);
                }
            }
        }

        public int this[Value key] => _texts is not null ? _texts[key.AsString] : _numbers![key.Integer];
    }

    /// <summary>Reachable classes Start..End (inclusive) admit the candidate at Position.</summary>
    private readonly record struct ClassRun(int Start, int End, int Position);

    /// <summary>Appends one candidate's runs, given in ascending order, merging runs that touch.</summary>
    private struct RunBuilder
    {
        private readonly List<ClassRun> _runs;
        private readonly int _position;
        private readonly int _first;

        public RunBuilder(List<ClassRun> runs, int position)
        {
            _runs = runs;
            _position = position;
            _first = runs.Count;
        }

        public void Add(int start, int end)
        {
            var last = _runs.Count - 1;
            if (last >= _first && _runs[last].End + 1 >= start)
            {
                _runs[last] = _runs[last] with { End = end > _runs[last].End ? end : _runs[last].End };
                return;
            }

            _runs.Add(new ClassRun(start, end, _position));
        }
    }
}
