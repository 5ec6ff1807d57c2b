using System.Collections.Generic;
using System.Globalization;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// Rule coverage by the file's own <c>tests:</c>: one RC3009 per rule no case exercises and an RC3010 summary.
/// Both are information; with <c>RuleCompilerRequireRuleCoverage</c> (an MSBuild property) RC3009 is a warning.
/// </summary>
public static class RuleCoverage
{
    public static void Report(RuleSetModel model, ISet<int> exercised, bool required, List<DiagnosticInfo> diagnostics)
    {
        var verb = model.Hit == HitPolicy.Collect ? "hold" : "fire";
        foreach (var rule in model.Rules)
        {
            if (!exercised.Contains(rule.Index))
            {
                var uncovered = DiagnosticCatalog.UncoveredRule.At(rule.Span, rule.Id, verb);
                diagnostics.Add(required ? uncovered with { Severity = Severity.Warning } : uncovered);
            }
        }

        var percent = model.Rules.Count == 0 ? 100 : exercised.Count * 100 / model.Rules.Count;
        diagnostics.Add(DiagnosticCatalog.RuleCoverage.At(
            model.NameSpan,
            exercised.Count.ToString(CultureInfo.InvariantCulture),
            model.Rules.Count.ToString(CultureInfo.InvariantCulture),
            percent.ToString(CultureInfo.InvariantCulture) + " %"));
    }
}
