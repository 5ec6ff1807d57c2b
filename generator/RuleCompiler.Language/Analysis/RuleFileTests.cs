using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// Runs a rule file's <c>tests:</c> with the reference evaluator; each failing case is an error at that case.
/// Returns the rules the cases exercise (the rule that fires, or with <c>collect</c> every rule that holds), for
/// <see cref="RuleCoverage"/>.
/// </summary>
public static class RuleFileTests
{
    public static HashSet<int> Run(RuleSetModel model, Predicates predicates, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var evaluator = new ReferenceEvaluator(model, predicates);
        var exercised = new HashSet<int>();
        foreach (var test in model.Tests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                RunCase(model, test, evaluator, exercised, diagnostics);
            }
            catch (Exception exception) when (exception is OverflowException or DivideByZeroException)
            {
                // A computed output (§10) throws for this input, as generated code would: the case fails, at the case.
                diagnostics.Add(DiagnosticCatalog.TestFailed.At(test.Span, test.DisplayName, "a result", $"{exception.GetType().Name} computing an output ({exception.Message.TrimEnd('.')})"));
            }
        }

        return exercised;
    }

    private static void RunCase(RuleSetModel model, TestCaseModel test, ReferenceEvaluator evaluator, HashSet<int> exercised, List<DiagnosticInfo> diagnostics)
    {
        if (model.Hit == HitPolicy.Collect)
        {
            var holding = evaluator.HoldingRules(test.Input);
            exercised.UnionWith(holding);
            if (CheckCollect(model, test, holding, diagnostics) && model.Aggregate != Aggregate.None)
            {
                CheckOutputs(model, test, evaluator.Evaluate(test.Input), null, diagnostics);
            }

            return;
        }

        var result = evaluator.Evaluate(test.Input);
        if (result.RuleIndex >= 0)
        {
            exercised.Add(result.RuleIndex);
        }

        Check(model, test, result, diagnostics);
    }

    /// <summary>Checks <c>rules: [...]</c> (exactly these, in file order) and <c>rule: null</c> (none holds); false when one failed.</summary>
    private static bool CheckCollect(RuleSetModel model, TestCaseModel test, List<int> holding, List<DiagnosticInfo> diagnostics)
    {
        var actual = holding.Select(index => model.Rules[index].Id).ToList();
        if (test.Rules is { } expected && !actual.SequenceEqual(expected))
        {
            diagnostics.Add(DiagnosticCatalog.TestFailed.At(test.Span, test.DisplayName, "rules " + List(expected), "rules " + List(actual)));
            return false;
        }

        if (test.Rule is { Id: null } && actual.Count > 0)
        {
            diagnostics.Add(DiagnosticCatalog.TestFailed.At(test.Span, test.DisplayName, "no rule to hold", "rules " + List(actual)));
            return false;
        }

        return true;
    }

    private static void Check(RuleSetModel model, TestCaseModel test, EvaluationResult result, List<DiagnosticInfo> diagnostics)
    {
        var actualRule = result.RuleIndex >= 0 ? model.Rules[result.RuleIndex].Id : null;
        if (test.Rule is { } rule && rule.Id != actualRule)
        {
            diagnostics.Add(DiagnosticCatalog.TestFailed.At(test.Span, test.DisplayName, "rule " + (rule.Id ?? "null (no rule fires)"), "rule " + (actualRule ?? "null (no rule fired)")));
            return;
        }

        if (test.Rules is { } rules && !(actualRule is null ? rules.Count == 0 : rules.Count == 1 && rules[0] == actualRule))
        {
            diagnostics.Add(DiagnosticCatalog.TestFailed.At(test.Span, test.DisplayName, "rules " + List(rules), "rules " + List(actualRule is null ? new string[0] : new[] { actualRule })));
            return;
        }

        CheckOutputs(model, test, result, actualRule, diagnostics);
    }

    private static void CheckOutputs(RuleSetModel model, TestCaseModel test, EvaluationResult result, string? actualRule, List<DiagnosticInfo> diagnostics)
    {
        var mismatched = test.Expect.Where(e => !e.Value.SameAs(result.Outputs[e.Output]) || e.Value.Type == FieldType.Decimal && e.Value.Decimal != result.Outputs[e.Output].Decimal).ToList();
        if (mismatched.Count > 0)
        {
            var expected = string.Join(", ", mismatched.Select(e => $"{model.Outputs[e.Output].Name}: {e.Value.ToYaml(model.Outputs[e.Output])}"));
            var actual = string.Join(", ", mismatched.Select(e => $"{model.Outputs[e.Output].Name}: {result.Outputs[e.Output].ToYaml(model.Outputs[e.Output])}"));
            var firedBy = actualRule is not null ? $" (from rule {actualRule})" : result.Matched ? string.Empty : " (no rule fired)";
            diagnostics.Add(DiagnosticCatalog.TestFailed.At(test.Span, test.DisplayName, "{ " + expected + " }", "{ " + actual + " }" + firedBy));
        }
    }

    private static string List(IEnumerable<string> ids) => "[" + string.Join(", ", ids) + "]";
}
