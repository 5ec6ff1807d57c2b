using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Lowering;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Compilation;

/// <summary>A compiled rule file: the model, its plan and what the plan becomes in code, when it has no errors; and every diagnostic.</summary>
public sealed record CompiledRuleFile(RuleSetModel? Model, Plan? Plan, LoweredRuleSet? Lowered, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// The whole front end and middle of the compiler for one file, as a pure function of its text:
/// read → bind → analyze (rule analysis, rule-file tests, coverage) → plan → lower. User mistakes become diagnostics;
/// cancellation propagates; any other exception is a compiler bug and becomes one RC9999 error.
/// </summary>
public static class RuleFileCompiler
{
    public static CompiledRuleFile Compile(string text, BindOptions options, CancellationToken cancellationToken) =>
        Compile(text, options, ReaderLimits.Default, cancellationToken);

    public static CompiledRuleFile Compile(string text, BindOptions options, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            var root = YamlReader.Read(text, limits, diagnostics, cancellationToken);
            var model = root is null ? null : Binder.Bind(root, options with { MaxRules = limits.MaxRules }, diagnostics, cancellationToken);
            if (model is null)
            {
                return Done(null, null, diagnostics);
            }

            // One Predicates per compile: every stage that evaluates tests shares its regexes and globs.
            var predicates = new Predicates();
            var analysis = Analyzer.Analyze(model, predicates, options.RequireRuleCoverage, cancellationToken);
            diagnostics.AddRange(analysis.Findings);
            if (analysis.HasErrors)
            {
                return Done(null, null, diagnostics);
            }

            var plan = Planner.Build(model, predicates, cancellationToken);
            return new CompiledRuleFile(model, plan, Lowerer.Lower(model, plan, cancellationToken, options.DataPlanRules), diagnostics.ToEquatableArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            diagnostics.Add(DiagnosticCatalog.InternalError.At(SourceSpan.FileStart, exception.GetType().Name + ": " + exception.Message.TrimEnd('.')));
            return Done(null, null, diagnostics);
        }
    }

    private static CompiledRuleFile Done(RuleSetModel? model, Plan? plan, List<DiagnosticInfo> diagnostics) =>
        new(model, plan, null, diagnostics.ToEquatableArray());
}
