using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Composition;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Benchmarks.Infrastructure;

/// <summary>Binds rule file text to the model the reference evaluator runs, as the generator's first stages do.</summary>
public static class ReferenceModel
{
    /// <summary>
    /// Read, compose (a decision table becomes rules, §13) and bind only: the reference evaluator needs nothing more, and the later stages (the unique / any checks,
    /// which compare every pair of rules, and planning) would make the setup of a 10,000-rule benchmark take minutes.
    /// </summary>
    public static RuleSetModel Bind(string text, string path)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var root = RuleSetComposer.Compose(new RuleSource(path, path, text), [], ReaderLimits.Default, diagnostics, CancellationToken.None).Root;
        var model = root is null ? null : Binder.Bind(root, new BindOptions("RuleCompiler.Benchmarks", path), diagnostics, CancellationToken.None);
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        if (model is null || errors.Count > 0)
        {
            throw new InvalidOperationException($"{path} does not bind: " + string.Join("; ", errors.Select(e => $"{e.Id} at {e.Span}")));
        }

        return model;
    }

    /// <summary>A sample rule file of the repository's rules/ folder, embedded in this assembly.</summary>
    public static string SampleText(string fileName)
    {
        using var stream = typeof(ReferenceModel).Assembly.GetManifestResourceStream("rules/" + fileName)
            ?? throw new FileNotFoundException("no embedded sample rule file " + fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
