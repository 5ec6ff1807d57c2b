using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Threading;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Tests;

/// <summary>
/// Many threads evaluating the same rule sets at once get exactly the single-threaded results, and the generated code
/// is built so that this holds by construction: only static readonly tables, no locks, no writes to shared state after
/// the type initializer. The stress runs are bounded by fixed iteration counts (a few seconds of work), not by time.
/// Inputs, the samples and the IL reader are shared with <see cref="HostileInputTests"/> (HostileInputTests.cs).
/// </summary>
public sealed class ConcurrencyTests
{
    private const int GeneratedInputs = 300;
    private const int Rounds = 40;

    private static readonly int ThreadCount = Math.Max(8, Environment.ProcessorCount * 4);

    /// <summary>A guard against a deadlock or livelock, not a speed claim: the bounded work takes seconds.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public static TheoryData<string> AllSamples => new(SampleRuleSets.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Many_threads_evaluating_one_rule_set_at_once_get_exactly_the_single_threaded_results(string name)
    {
        var sample = SampleRuleSets.Get(name);
        var inputs = Inputs(sample).Select(row => SampleRuleSets.ToInput(sample, row)).ToArray();
        var expected = inputs.Select(sample.Evaluate).ToArray();

        var failures = RunConcurrently(inputs.Length, i =>
        {
            var actual = sample.Evaluate(inputs[i]);
            return actual == expected[i] ? null : $"{name} input #{i}: expected {expected[i]}, got {actual}";
        });

        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Threads_evaluating_every_sample_interleaved_get_exactly_the_single_threaded_results()
    {
        var work = SampleRuleSets.All
            .SelectMany(sample => Inputs(sample).Take(120).Select(row => (Sample: sample, Input: SampleRuleSets.ToInput(sample, row))))
            .ToArray();
        var expected = work.Select(w => w.Sample.Evaluate(w.Input)).ToArray();

        var failures = RunConcurrently(work.Length, i =>
        {
            var actual = work[i].Sample.Evaluate(work[i].Input);
            return actual == expected[i] ? null : $"{work[i].Sample.Name} input #{i}: expected {expected[i]}, got {actual}";
        });

        failures.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void The_stress_inputs_are_varied_enough_to_reach_most_rules(string name)
    {
        // The stress test above only proves something if its inputs take many paths through the plan.
        var sample = SampleRuleSets.Get(name);
        var reference = new ReferenceEvaluator(sample.Model);
        var rows = Inputs(sample);
        var holding = rows.SelectMany(reference.HoldingRules).ToHashSet();

        rows.Count.ShouldBeGreaterThanOrEqualTo(GeneratedInputs);
        holding.Count.ShouldBeGreaterThanOrEqualTo((sample.Model.Rules.Count + 1) / 2, $"{name}: only {holding.Count} of {sample.Model.Rules.Count} rules hold for some stress input");
        rows.Select(r => sample.Evaluate(SampleRuleSets.ToInput(sample, r))).Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Every_static_field_of_the_generated_code_is_readonly()
    {
        var types = GeneratedCode.Types();
        foreach (var sample in SampleRuleSets.All)
        {
            types.ShouldContain(sample.RuleSet);
            sample.RuleSet.GetFields(BindingFlags.Static | BindingFlags.NonPublic).ShouldNotBeEmpty();
        }

        var mutable = types
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsLiteral && !f.IsInitOnly)
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();

        mutable.ShouldBeEmpty();
    }

    [Fact]
    public void Generated_code_takes_no_locks_and_writes_no_shared_state_after_its_type_initializer()
    {
        var offenders = new List<string>();
        var methods = GeneratedCode.Methods().ToList();
        methods.Count.ShouldBeGreaterThan(SampleRuleSets.All.Length);

        // The IL reader sees the tables being filled in the type initializers (else it would prove nothing below).
        methods.Where(m => m.IsTypeInitializer()).SelectMany(GeneratedCode.Instructions).Count(i => i.Op == OpCodes.Stsfld).ShouldBeGreaterThan(SampleRuleSets.All.Length);
        foreach (var method in methods)
        {
            var where = $"{method.DeclaringType!.FullName}.{method.Name}";
            if (method.MethodImplementationFlags.HasFlag(MethodImplAttributes.Synchronized))
            {
                offenders.Add(where + " is [MethodImpl(Synchronized)]");
            }

            // Monitor (the lock statement), System.Threading.Lock, Interlocked, Volatile, SpinLock, semaphores,
            // Lazy/LazyInitializer, thread-locals: evaluation has no business with any of them.
            foreach (var callee in GeneratedCode.Callees(method))
            {
                var type = callee.DeclaringType;
                if (type?.Namespace is "System.Threading" or "System.Collections.Concurrent" || (type?.IsGenericType == true && type.GetGenericTypeDefinition() == typeof(Lazy<>)))
                {
                    offenders.Add($"{where} calls {type!.Name}.{callee.Name}");
                }
            }

            if (method.IsTypeInitializer())
            {
                continue;
            }

            // After the type initializer nothing writes a static field or an array element (the static tables are
            // arrays: filled once, only read afterwards). Explain and its helpers, cold code that allocates by design,
            // fill arrays they have just created (the traces they return, an any's alternatives), never a table.
            var fillsItsOwnArrays = method.Name.StartsWith("Explain", StringComparison.Ordinal);
            foreach (var (op, token) in GeneratedCode.Instructions(method))
            {
                if (op == OpCodes.Stsfld)
                {
                    offenders.Add($"{where} writes the static field {GeneratedCode.ResolveField(method, token)?.Name}");
                }
                else if (op.Name!.StartsWith("stelem", StringComparison.Ordinal) && !fillsItsOwnArrays)
                {
                    offenders.Add($"{where} writes an array element ({op.Name})");
                }
            }
        }

        offenders.ShouldBeEmpty();
    }

    /// <summary>
    /// The rule file's own test inputs, one row per rule built to make that rule hold (three seeds), and random
    /// mixes of those with odd values (null, "", non-ASCII, case variants, extreme numbers, an undeclared enum value).
    /// </summary>
    private static List<Value[]> Inputs(SampleRuleSet sample)
    {
        var model = sample.Model;
        var pool = model.Tests.Select(t => t.Input.ToArray())
            .Concat(SampleRuleSets.RuleRows(model, seed: 1))
            .Concat(SampleRuleSets.RuleRows(model, seed: 2))
            .Concat(SampleRuleSets.RuleRows(model, seed: 3))
            .Append(model.Inputs.Select(f => Value.Zero(f.Type)).ToArray())
            .ToList();
        var random = new Random(42);
        var rows = new List<Value[]>(pool);
        while (rows.Count < pool.Count + GeneratedInputs)
        {
            var first = pool[random.Next(pool.Count)];
            var second = pool[random.Next(pool.Count)];
            var row = model.Inputs.Select(f => random.Next(2) == 0 ? first[f.Index] : second[f.Index]).ToArray();
            var field = model.Inputs[random.Next(model.Inputs.Count)];
            if (random.Next(3) == 0)
            {
                row[field.Index] = Odd(field, row[field.Index], random);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static Value Odd(FieldModel field, Value value, Random random)
    {
        switch (field.Type)
        {
            case FieldType.String:
                string?[] strings = [null, string.Empty, " ", "é", "İ", "\u212A", "\uD800", value.AsString.ToUpperInvariant(), value.AsString + " ", " " + value.AsString, value.AsString + "\u0301"];
                return Value.String(strings[random.Next(strings.Length)]!);
            case FieldType.StringList:
                var items = value.Items.ToArray();
                string?[][] lists = [[], [null], [string.Empty], items.Select(i => i?.ToUpperInvariant()).ToArray(), items.Append(null).ToArray(), items.Reverse().ToArray()];
                return SampleRuleSets.ListValue(lists[random.Next(lists.Length)]);
            case FieldType.Int:
                return Value.Int(new long[] { int.MinValue, int.MaxValue, -1, value.Integer + 1 }[random.Next(4)]);
            case FieldType.Long:
                return Value.Long(new[] { long.MinValue, long.MaxValue, -1, value.Integer + 1 }[random.Next(4)]);
            case FieldType.Enum:
                // One past the last declared value: not expressible in a rule file, but a C# caller can cast it.
                return Value.Enum(random.Next(2) == 0 ? field.EnumValues.Count : random.Next(field.EnumValues.Count));
            case FieldType.Bool:
                return Value.Bool(!value.AsBool);
            default:
                return value;
        }
    }

    /// <summary>
    /// <see cref="ThreadCount"/> threads start together at a barrier, then each checks every input <see cref="Rounds"/>
    /// times in its own shuffled order. Returns the first failures: mismatches and exceptions.
    /// </summary>
    private static List<string> RunConcurrently(int count, Func<int, string?> check)
    {
        var failures = new ConcurrentQueue<string>();
        using var barrier = new Barrier(ThreadCount);
        var threads = new Thread[ThreadCount];
        for (var t = 0; t < threads.Length; t++)
        {
            var id = t;
            threads[t] = new Thread(() =>
            {
                var random = new Random(1000 + id);
                var order = Enumerable.Range(0, count).ToArray();
                barrier.SignalAndWait();
                for (var round = 0; round < Rounds; round++)
                {
                    random.Shuffle(order);
                    foreach (var i in order)
                    {
                        try
                        {
                            if (check(i) is { } failure)
                            {
                                failures.Enqueue($"thread {id}, round {round}: {failure}");
                            }
                        }
                        catch (Exception exception)
                        {
                            failures.Enqueue($"thread {id}, round {round}, input #{i}: {exception}");
                        }
                    }
                }
            })
            {
                IsBackground = true,
                Name = "rule-stress-" + id,
            };
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        var deadline = DateTime.UtcNow + HangGuard;
        foreach (var thread in threads)
        {
            var remaining = deadline - DateTime.UtcNow;
            thread.Join(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero).ShouldBeTrue("a stress thread did not finish within the hang guard (deadlock?)");
        }

        return failures.Take(20).ToList();
    }
}
