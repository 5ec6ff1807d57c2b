using System.Collections.Generic;
using System.Globalization;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;

namespace RuleCompiler.Language.Analysis;

/// <summary>
/// Rule coverage by the file's own <c>tests:</c>: one RC3009 per rule no case exercises, for the first
/// <see cref="MaxListedRules"/> of them, and an RC3010 summary that counts the rest. Both are information; with
/// <c>RuleCompilerRequireRuleCoverage</c> (an MSBuild property) RC3009 is a warning.
/// </summary>
public static class RuleCoverage
{
    /// <summary>
    /// At most this many RC3009 per file. A generated or imported table of thousands of rules without tests would
    /// otherwise bury every other message, and the compiler filters each diagnostic one by one (10,000 of them cost a
    /// build a quarter of a second before it starts compiling).
    /// </summary>
    public const int MaxListedRules = 100;

    public static void Report(RuleSetModel model, ISet<int> exercised, bool required, List<DiagnosticInfo> diagnostics)
    {
        var verb = model.Hit == HitPolicy.Collect ? "hold" : "fire";
        var uncovered = 0;
        foreach (var rule in model.Rules)
        {
            if (!exercised.Contains(rule.Index) && ++uncovered <= MaxListedRules)
            {
                var diagnostic = DiagnosticCatalog.UncoveredRule.At(rule.Span, rule.Id, verb);
                diagnostics.Add(required ? diagnostic with { Severity = Severity.Warning } : diagnostic);
            }
        }

        var percent = model.Rules.Count == 0 ? 100 : exercised.Count * 100 / model.Rules.Count;
        var unlisted = uncovered > MaxListedRules
            ? string.Format(CultureInfo.InvariantCulture, " RC3009 names the first {0:N0} of the {1:N0} rules that are not.", MaxListedRules, uncovered)
            : string.Empty;
        diagnostics.Add(DiagnosticCatalog.RuleCoverage.At(
            model.NameSpan,
            exercised.Count.ToString(CultureInfo.InvariantCulture),
            model.Rules.Count.ToString(CultureInfo.InvariantCulture),
            percent.ToString(CultureInfo.InvariantCulture) + " %",
            unlisted));
    }
}
