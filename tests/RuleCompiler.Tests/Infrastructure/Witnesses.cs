using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Syntax;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Model;
using Shouldly;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>The example inputs of analysis diagnostics, taken from the message and bound the way an author pastes them.</summary>
public static class Witnesses
{
    /// <summary>
    /// The example input of a message ("for example for input { … }" or "for example { … }"), checked to be a YAML flow
    /// mapping whose values are scalars, lists, or (for a record or map input) flow mappings of the same form.
    /// </summary>
    public static string Of(string message)
    {
        var match = Regex.Match(message, @"for example (?:for input )?(\{(?>[^{}]+|\{(?<open>)|\}(?<-open>))*(?(open)(?!))\})");
        match.Success.ShouldBeTrue($"no example input in: {message}");
        var witness = match.Groups[1].Value;
        // A list, a double-quoted string, or a plain scalar (which may hold quotes past its first character).
        const string value = @"(\[[^\]]*\]|""(?:[^""\\]|\\.)*""|[^,{}\[\]""][^,{}\[\]]*)";
        const string key = @"([A-Za-z0-9_.-]+|""(?:[^""\\]|\\.)*"")";
        var mapping = $@"(\{{\}}|\{{ {key}: {value}(, {key}: {value})* \}})";
        // Nested mappings (records, maps) are checked innermost first, each replaced by a plain placeholder.
        var flat = witness;
        for (var inner = Regex.Match(flat, @"(?<!^)\{[^{}]*\}"); inner.Success; inner = Regex.Match(flat, @"(?<!^)\{[^{}]*\}"))
        {
            inner.Value.ShouldMatch($"^{mapping}$", $"a nested mapping of {witness}");
            flat = flat.Substring(0, inner.Index) + "nested" + flat.Substring(inner.Index + inner.Length);
        }

        flat.ShouldMatch($"^{mapping}$");
        return witness;
    }

    /// <summary>
    /// Pastes <paramref name="witness"/> into a <c>tests:</c> case of the rule file and returns the model and the
    /// case's input as the binder read it. Only read and bind run: the file's own findings do not stop it.
    /// </summary>
    public static (RuleSetModel Model, Value[] Input) Bind(string yaml, string witness)
    {
        var probe = yaml + "\ntests:\n  - input: " + witness + "\n    expect: {}\n";
        var model = BindOnly(probe).ShouldNotBeNull($"the witness {witness} does not bind as a test input");
        return (model, model.Tests.ShouldHaveSingleItem().Input.ToArray());
    }

    /// <summary>Reads and binds a rule file, without analysis, planning or its tests; null (with the errors asserted away) when it does not bind.</summary>
    public static RuleSetModel? BindOnly(string yaml)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var root = YamlReader.Read(yaml, ReaderLimits.Default, diagnostics, CancellationToken.None);
        var model = root is null ? null : Binder.Bind(root, new BindOptions("Ns", "probe.rules.yaml"), diagnostics, CancellationToken.None);
        diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        return model;
    }
}
