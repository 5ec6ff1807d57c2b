using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;

namespace RuleCompiler.Tests.Loader;

/// <summary>Loads a rule file at run time for the rule set the generator compiled from it, as a consumer's <c>Load</c> does.</summary>
internal static class LoadedRuleSets
{
    private static readonly MethodInfo s_load = typeof(RuleSetLoader).GetMethods()
        .Single(m => m.Name == nameof(RuleSetLoader.Load) && m.IsGenericMethodDefinition);

    /// <summary>
    /// The file loaded on the generated rule set's input and output types, against its <c>Contract</c>, with the path
    /// the generator shows for its rules (so that rule metadata and Explain texts compare whole).
    /// </summary>
    public static RuleSetUnderTest Typed(System.Reflection.Assembly assembly, RuleSetModel model, string text, int? dataPlanRules = null, Func<string, string?>? readFile = null)
    {
        var generated = new RuleSetUnderTest(assembly, model);
        var result = Load(generated, text, DisplayPath(assembly, model), dataPlanRules, readFile);
        var ruleSet = result.GetType().GetProperty("RuleSet")!.GetValue(result);
        ruleSet.ShouldNotBeNull($"{model.FilePath} loads:\n{result}");
        return new RuleSetUnderTest(assembly, model, ruleSet);
    }

    /// <summary>The load result (a <c>RuleSetLoadResult</c> on the generated types).</summary>
    public static object Load(RuleSetUnderTest generated, string text, string path, int? dataPlanRules = null, Func<string, string?>? readFile = null, bool interpret = false)
    {
        var options = dataPlanRules is { } rules ? LoadOptions.Default with { DataPlanRules = rules } : LoadOptions.Default;
        options = readFile is null ? options : options with { ReadFile = readFile };
        options = options with { Interpret = interpret };
        return s_load.MakeGenericMethod(generated.InputType, generated.OutputType).Invoke(null, new object?[] { text, generated.Contract, path, options })!;
    }

    /// <summary>The path generated code gives its rules' metadata.</summary>
    public static string DisplayPath(System.Reflection.Assembly assembly, RuleSetModel model)
    {
        var prefix = model.Namespace.Length == 0 ? string.Empty : model.Namespace + ".";
        var rules = (ImmutableArray<RuleInfo>)assembly.GetType(prefix + model.Name, throwOnError: true)!.GetProperty("Rules")!.GetValue(null)!;
        // A rule the file itself writes (a layer's first rules may be its base's, which name the base).
        return rules.FirstOrDefault(rule => model.Rules[rule.Index].Span.File == 0)?.File ?? model.FilePath;
    }

    /// <summary>
    /// Null when the loaded rule set answers exactly as generated code on <paramref name="row"/>: the decision (or the
    /// same exception), and the Explain text, every rule's trace included.
    /// </summary>
    public static string? Disagreement(RuleSetModel model, RuleSetUnderTest generated, RuleSetUnderTest loaded, IReadOnlyList<Value> row, bool explain)
    {
        var (expected, expectedError) = Outcome(() => generated.Evaluate(row));
        var (actual, actualError) = Outcome(() => loaded.Evaluate(row));
        if (expectedError is not null || actualError is not null)
        {
            return expectedError == actualError ? null : Differs(model, row, expectedError ?? "no exception", actualError ?? "no exception");
        }

        if (!expected!.SameAs(actual!) || !SameHoldingOutputs(expected, actual!))
        {
            return Differs(model, row, expected.ToString(), actual!.ToString());
        }

        if (!explain)
        {
            return null;
        }

        var (generatedText, loadedText) = (generated.Explain(row).Text, loaded.Explain(row).Text);
        return generatedText == loadedText ? null : Differs(model, row, generatedText, loadedText);
    }

    internal static bool SameHoldingOutputs(ResultUnderTest expected, ResultUnderTest actual) =>
        (expected.HoldingOutputs is null && actual.HoldingOutputs is null)
        || (expected.HoldingOutputs is { } e && actual.HoldingOutputs is { } a && e.Count == a.Count
            && e.Zip(a, (x, y) => x.Count == y.Count && x.Zip(y, (v, w) => v.Equals(w) && v.Decimal.Scale == w.Decimal.Scale).All(same => same)).All(same => same));

    internal static string Differs(RuleSetModel model, IReadOnlyList<Value> row, string generated, string loaded) =>
        $"input:     {RuleCompiler.Language.Analysis.WitnessYaml.Of(model, row, Enumerable.Range(0, model.Inputs.Count))}\ngenerated: {generated}\nloaded:    {loaded}";

    internal static (T? Value, string? Error) Outcome<T>(Func<T> call)
        where T : class
    {
        try
        {
            return (call(), null);
        }
        catch (Exception exception) when (exception is OverflowException or DivideByZeroException
            || exception.InnerException is OverflowException or DivideByZeroException)
        {
            return (null, (exception.InnerException ?? exception).GetType().Name);
        }
    }
}
