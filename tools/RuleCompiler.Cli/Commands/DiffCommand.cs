using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using RuleCompiler.Cli.Output;
using RuleCompiler.Language.Analysis;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Common;
using RuleCompiler.Language.Composition;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Cli.Commands;

/// <summary>
/// <c>rulec diff OLD NEW</c>: the rules added, removed, changed and moved (by id), and the behaviour: every pair of
/// outcomes that can differ, each with an input the solver found and both reference evaluators confirmed
/// (<see cref="BehaviourDiff"/>); "no behaviour change" only when proven.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliConsole console)
    {
        var old = new Argument<string>("old") { Description = "The rule file before the change." };
        var @new = new Argument<string>("new") { Description = "The rule file after the change." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var failOnChange = new Option<bool>("--fail-on-change") { Description = "Exit 1 when the behaviour changed, or when it could not be proven unchanged (for CI gates)." };
        var maxInputs = new Option<int>("--max-inputs") { Description = "List at most this many differing inputs (the rest are counted).", DefaultValueFactory = _ => 20 };
        var command = new Command("diff", Rulec.Describe("Compares two versions of a rule file: rules added, removed, changed and moved, and for each change in behaviour an input whose decision differs (old -> new), found by the solver and confirmed by evaluating both. 'No behaviour change' is said only when proven; a case the solver cannot decide (regexes it cannot read, computed outputs) is 'not proven'."))
        {
            old, @new, format, failOnChange, maxInputs,
        };
        command.SetAction(parsed => Rulec.Guarded(console, () =>
        {
            var oldFile = RuleFile.Compile(parsed.GetValue(old)!);
            var newFile = RuleFile.Compile(parsed.GetValue(@new)!);
            if (oldFile.ModelEvenIfTestsFail(console) is not { } oldModel || newFile.ModelEvenIfTestsFail(console) is not { } newModel)
            {
                return ExitCodes.Unusable;
            }

            var oldContract = RuleSetLoader.ContractOf(oldModel);
            var newContract = RuleSetLoader.ContractOf(newModel);
            foreach (var (what, before, after) in new[]
            {
                ("inputs", Fields(oldContract.Inputs), Fields(newContract.Inputs)),
                ("outputs", Fields(oldContract.Outputs), Fields(newContract.Outputs)),
            })
            {
                if (before != after)
                {
                    console.Error.WriteLine($"rulec: the files declare different {what}, so their decisions cannot be compared input by input:\n  old: {before}\n  new: {after}");
                    return ExitCodes.Unusable;
                }
            }

            if (Union(oldFile.Path, oldModel, newFile.Path, newModel, console) is not var (oldRules, newRules))
            {
                return ExitCodes.Unusable;
            }

            var probes = BehaviourDiff.Probes(oldModel, newRules).Concat(BehaviourDiff.Probes(newModel, newRules));
            var result = BehaviourDiff.Compare(oldRules, newRules, probes, new Predicates(), new AnalysisBudget(AnalysisBudget.DefaultTotal, CancellationToken.None), parsed.GetValue(maxInputs));
            var rules = RuleChanges.Of(oldModel, newModel);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, json => Json(json, rules, result));
            }
            else
            {
                Text(console.Out, rules, result);
            }

            return parsed.GetValue(failOnChange) && result.Verdict != DiffVerdict.Unchanged ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }

    private static string Fields(IReadOnlyList<RuleSetField> fields) => string.Join(", ", fields);

    /// <summary>
    /// Both rule lists bound as one (the new file's header, its rules, then the old file's), so that they read the same
    /// input fields, split again with each file's own policy and no-match output; null, said, when they cannot be.
    /// </summary>
    private static (RuleSetModel Old, RuleSetModel New)? Union(string oldPath, RuleSetModel oldModel, string newPath, RuleSetModel newModel, CliConsole console)
    {
        var oldRoot = Composed(oldPath);
        var newRoot = Composed(newPath);
        var diagnostics = new List<DiagnosticInfo>();
        var union = oldRoot is null || newRoot is null
            ? null
            : Binder.Bind(RuleSetComposer.Union(newRoot, oldRoot, out var prefix), new BindOptions(string.Empty, newPath) { MaxRules = 2 * ReaderLimits.Default.MaxRules }, diagnostics, CancellationToken.None) is { } bound
                ? RuleSetUnion.Split(bound, newModel.Rules.Count, prefix)
                : ((RuleSetModel, RuleSetModel)?)null;
        if (union is not var (newRules, oldRules))
        {
            var why = diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.Message ?? "the files could not be read again";
            console.Error.WriteLine($"rulec: the old file's rules cannot be read under the new file's declarations: {why}");
            return null;
        }

        return (oldRules with { Hit = oldModel.Hit, Aggregate = oldModel.Aggregate, Default = oldModel.Default },
                newRules with { Default = newModel.Default });
    }

    /// <summary>A file composed (its layers and tables resolved) as the loader composes it.</summary>
    private static YamlMapping? Composed(string path)
    {
        var main = new RuleSource(path, path, LoadOptions.Default.ReadFile(path));
        var available = RuleSetLoader.Dependencies(main, LoadOptions.Default, CancellationToken.None);
        return RuleSetComposer.Compose(main, available, ReaderLimits.Default, new List<DiagnosticInfo>(), CancellationToken.None).Root as YamlMapping;
    }

    private static void Text(TextWriter output, RuleChanges rules, BehaviourDiffResult result)
    {
        output.WriteLine("rules: " + rules.Summary());
        switch (result.Verdict)
        {
            case DiffVerdict.Unchanged:
                output.WriteLine(result.Queries == 0
                    ? "behaviour: no change (proven: the same rules, in the same order, with the same default)"
                    : $"behaviour: no change (proven: every one of {result.Queries} solver queries is unsatisfiable)");
                return;
            case DiffVerdict.NotProven:
                output.WriteLine($"behaviour: no change found, but not proven ({result.Unproven.Count} case(s) undecided):");
                break;
            default:
                output.WriteLine($"behaviour: changed ({result.Found} input(s) found that decide differently; {result.Changes.Count} shown, one per pair of deciding rules)");
                break;
        }

        foreach (var change in result.Changes)
        {
            output.WriteLine("  input " + InputJson(result.New, change));
            output.WriteLine("    old: " + Describe(result.Old, change.Old));
            output.WriteLine("    new: " + Describe(result.New, change.New));
        }

        // Beside a change found, the cases left undecided: other changes may hide there.
        foreach (var unproven in result.Unproven.Take(20))
        {
            output.WriteLine($"  {(result.Verdict == DiffVerdict.Changed ? "also undecided" : "not proven")}: {unproven.Case}: {unproven.Why}");
        }

        if (result.Unproven.Count > 20)
        {
            output.WriteLine($"  ... and {result.Unproven.Count - 20} more case(s) not proven");
        }
    }

    private static string InputJson(RuleSetModel model, BehaviourChange change) =>
        JsonOutput.Text(json => JsonValues.Write(json, model.Inputs, change.Input, change.Fields));

    private static string Describe(RuleSetModel model, Decision decision)
    {
        var who = decision.Rules.Count == 0 ? "no rule" : decision.Rules.Count == 1 ? $"rule '{decision.Rules[0]}'" : "rules " + string.Join(", ", decision.Rules.Select(id => $"'{id}'"));
        var what = decision.Failure ?? string.Join(" ", decision.Rows.Select(row => "{ " + string.Join(", ", model.Outputs.Select((field, i) => field.Name + ": " + row[i].ToYaml(field))) + " }"));
        return who + " -> " + what;
    }

    private static void Json(Utf8JsonWriter json, RuleChanges rules, BehaviourDiffResult result)
    {
        json.WriteStartObject();
        json.WriteStartObject("rules");
        foreach (var (name, ids) in new[] { ("added", rules.Added), ("removed", rules.Removed), ("changed", rules.Changed), ("moved", rules.Moved) })
        {
            json.WriteStartArray(name);
            foreach (var id in ids)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteString("behaviour", result.Verdict switch
        {
            DiffVerdict.Unchanged => "unchanged",
            DiffVerdict.Changed => "changed",
            _ => "not-proven",
        });
        json.WriteNumber("queries", result.Queries);
        json.WriteNumber("found", result.Found);
        json.WriteStartArray("changes");
        foreach (var change in result.Changes)
        {
            json.WriteStartObject();
            json.WritePropertyName("input");
            JsonValues.Write(json, result.New.Inputs, change.Input, change.Fields);
            json.WriteString("inputYaml", change.InputYaml);
            Decision(json, "old", result.Old, change.Old);
            Decision(json, "new", result.New, change.New);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("unproven");
        foreach (var unproven in result.Unproven)
        {
            json.WriteStartObject();
            json.WriteString("case", unproven.Case);
            json.WriteString("why", unproven.Why);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Decision(Utf8JsonWriter json, string name, RuleSetModel model, Decision decision)
    {
        json.WriteStartObject(name);
        json.WriteStartArray("rules");
        foreach (var id in decision.Rules)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteStartArray("outputs");
        foreach (var row in decision.Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < model.Outputs.Count; i++)
            {
                json.WritePropertyName(model.Outputs[i].Name);
                JsonValues.Write(json, row[i], model.Outputs[i]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (decision.Failure is { } failure)
        {
            json.WriteString("failure", failure);
        }

        json.WriteEndObject();
    }
}

/// <summary>The rules of two versions compared by id: added, removed, changed (condition, priority or outputs), moved (order among the rules both have).</summary>
internal sealed record RuleChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed, IReadOnlyList<string> Moved)
{
    public static RuleChanges Of(RuleSetModel old, RuleSetModel @new)
    {
        var before = old.Rules.ToDictionary(rule => rule.Id);
        var after = @new.Rules.ToDictionary(rule => rule.Id);
        var changed = @new.Rules.Where(rule => before.TryGetValue(rule.Id, out var was) && !Same(old, was, @new, rule)).Select(rule => rule.Id).ToList();
        var commonBefore = old.Rules.Where(rule => after.ContainsKey(rule.Id)).Select(rule => rule.Id).ToList();
        var commonAfter = @new.Rules.Where(rule => before.ContainsKey(rule.Id)).Select(rule => rule.Id).ToList();
        var moved = commonAfter.Where((id, i) => commonBefore[i] != id).ToList();
        return new RuleChanges(
            @new.Rules.Where(rule => !before.ContainsKey(rule.Id)).Select(rule => rule.Id).ToList(),
            old.Rules.Where(rule => !after.ContainsKey(rule.Id)).Select(rule => rule.Id).ToList(),
            changed,
            moved);
    }

    public string Summary()
    {
        var parts = new[] { ("added", Added), ("removed", Removed), ("changed", Changed), ("moved", Moved) }
            .Where(part => part.Item2.Count > 0)
            .Select(part => $"{part.Item2.Count} {part.Item1} ({string.Join(", ", part.Item2)})")
            .ToList();
        return parts.Count == 0 ? "the same rules" : string.Join("; ", parts);
    }

    /// <summary>The same condition (as the rule file writes it), priority and outputs.</summary>
    private static bool Same(RuleSetModel oldModel, RuleModel old, RuleSetModel newModel, RuleModel @new) =>
        ConditionYaml.Condition(old.When, oldModel.Inputs) == ConditionYaml.Condition(@new.When, newModel.Inputs)
        && old.Priority == @new.Priority
        && old.Then.Count == @new.Then.Count
        && old.Then.Zip(@new.Then).Select((pair, i) => pair.First.ToYaml(oldModel.Outputs[i]) == pair.Second.ToYaml(newModel.Outputs[i])).All(same => same);
}
