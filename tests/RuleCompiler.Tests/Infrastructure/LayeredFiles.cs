using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Language.Composition;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;
using Shouldly;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>Rule files that read other files (layers, imports; spec §12), compiled as the generator compiles them.</summary>
public static class LayeredFiles
{
    /// <summary>Compiles <paramref name="main"/> of <paramref name="files"/>, each at the harness's project path, with the others available.</summary>
    public static CompiledRuleFile Compile(string main, params RuleFile[] files)
    {
        var sources = files.Select(file => new RuleSource(GeneratorHarness.ProjectDirectory + file.Path, file.Path, file.Text)).ToList();
        var source = sources.Single(s => s.DisplayPath == main);
        return RuleFileCompiler.Compile(source, sources.Where(s => s != source), new BindOptions(GeneratorHarness.RootNamespace, main), ReaderLimits.Default, CancellationToken.None);
    }

    /// <summary>The model of <paramref name="main"/>, which must compile without errors.</summary>
    public static RuleSetModel Model(string main, params RuleFile[] files)
    {
        var compiled = Compile(main, files);
        compiled.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return compiled.Model!;
    }

    /// <summary>
    /// Runs the generated code of <paramref name="main"/> (generated with all of <paramref name="files"/>) against the
    /// reference evaluator on <paramref name="inputs"/> seeded inputs, and <paramref name="expected"/>'s reference
    /// evaluator (a rule set written out as one file) on the same inputs: every decision the same. Returns how many
    /// inputs were compared.
    /// </summary>
    public static int AssertAgrees(string main, RuleFile[] files, RuleSetModel? expected, int inputs, int seed)
    {
        var model = Model(main, files);
        var generated = new RuleSetUnderTest(GeneratorHarness.LoadCleanlyCompiled(GeneratorHarness.RunUncached(files)), model);
        var reference = new ReferenceEvaluator(model);
        var flat = expected is null ? null : new ReferenceEvaluator(expected);
        var compared = 0;
        foreach (var row in new InputGenerator(model, seed).Rows(inputs))
        {
            if (Agreement.Disagreement(model, generated, reference, row) is { } disagreement)
            {
                throw new Xunit.Sdk.XunitException($"{main}: generated code disagrees with the reference evaluator\n{disagreement}");
            }

            if (flat is not null)
            {
                Outcome(model, reference, row).ShouldBe(Outcome(expected!, flat, row), $"{main}: the composed rule set and the same rules written as one file disagree on input {string.Join(", ", row.Select(v => v.ToString()))}");
            }

            compared++;
        }

        return compared;
    }

    /// <summary>
    /// What a rule set decides for an input, as text: the holding rules (plain collect), or the winner's id and the
    /// outputs, or the exception a computed output throws (§10), so that two rule sets can be compared on any input.
    /// </summary>
    public static string Outcome(RuleSetModel model, ReferenceEvaluator evaluator, IReadOnlyList<Value> row)
    {
        if (!model.Hit.Info().SingleResult && model.Aggregate == Aggregate.None)
        {
            return string.Join(",", evaluator.HoldingRules(row).Select(r => model.Rules[r].Id));
        }

        try
        {
            var result = evaluator.Evaluate(row);
            return (result.Matched && result.RuleIndex >= 0 ? model.Rules[result.RuleIndex].Id : "-") + ": " + string.Join(", ", result.Outputs.Select(v => v.ToString()));
        }
        catch (Exception exception) when (exception is OverflowException or DivideByZeroException)
        {
            return "throws " + exception.GetType().Name;
        }
    }
}
