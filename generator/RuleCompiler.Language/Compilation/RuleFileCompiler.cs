using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Planning;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Compilation;

/// <summary>A compiled rule file: the model and plan when it has no errors, and every diagnostic.</summary>
public sealed record CompiledRuleFile(RuleSetModel? Model, Plan? Plan, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// The whole front end and middle of the compiler for one file, as a pure function of its text:
/// read → bind → analyze (rule analysis, rule-file tests, coverage) → plan. User mistakes become diagnostics;
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

            var predicates = new Predicates();
            RuleAnalysis.Run(model, predicates, diagnostics, cancellationToken);
            var exercised = RuleFileTests.Run(model, predicates, diagnostics, cancellationToken);
            RuleCoverage.Report(model, exercised, options.RequireRuleCoverage, diagnostics);
            if (diagnostics.Any(d => d.Severity == Severity.Error))
            {
                return Done(null, null, diagnostics);
            }

            return Done(model, Planner.Build(model, cancellationToken), diagnostics);
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
        new(model, plan, diagnostics.ToEquatableArray());
}
