using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// What the analyze stage found: its diagnostics (the rule analysis, the file's <c>tests:</c> and rule coverage),
/// and the rules the tests exercise.
/// </summary>
public sealed record AnalysisResult(EquatableArray<DiagnosticInfo> Findings, EquatableArray<int> ExercisedRules)
{
    public bool HasErrors => Findings.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// The analyze stage, a pure function of the bound model: the rule analysis (<see cref="RuleAnalysis"/>), then the
/// file's own <c>tests:</c> run by the reference evaluator (<see cref="RuleFileTests"/>), then rule coverage
/// (<see cref="RuleCoverage"/>). A test that can never hold (RC2018) stops it after the rule analysis.
/// </summary>
public static class Analyzer
{
    public static AnalysisResult Analyze(RuleSetModel model, Predicates predicates, bool requireRuleCoverage, CancellationToken cancellationToken)
    {
        var findings = new List<DiagnosticInfo>();
        if (!RuleAnalysis.Run(model, predicates, findings, cancellationToken))
        {
            return new AnalysisResult(findings.ToEquatableArray(), EquatableArray<int>.Empty);
        }

        var exercised = RuleFileTests.Run(model, predicates, findings, cancellationToken);
        RuleCoverage.Report(model, exercised, requireRuleCoverage, findings);
        return new AnalysisResult(findings.ToEquatableArray(), exercised.OrderBy(rule => rule).ToEquatableArray());
    }
}
