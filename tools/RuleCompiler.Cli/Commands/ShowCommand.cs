using System;
using System.CommandLine;
using System.IO;
using RuleCompiler.Cli.Output;

namespace RuleCompiler.Cli.Commands;

/// <summary><c>rulec show FILE --as table|graph|html</c>: views of a rule file people would rather look at than read.</summary>
internal static class ShowCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The rule file." };
        var view = new Option<string>("--as") { Description = "table (one row per rule, one column per input, then the outputs), graph (the planned decision DAG), or html (one self-contained page: the table with findings and coverage, the graph drawn).", DefaultValueFactory = _ => "table" };
        view.AcceptOnlyFromAmong("table", "graph", "html");
        var format = new Option<string>("--format") { Description = "For --as table: markdown (default) or html. For --as graph: mermaid (default) or dot (Graphviz)." };
        format.AcceptOnlyFromAmong("markdown", "html", "mermaid", "dot");
        var output = new Option<string>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("show", Rulec.Describe("Shows a rule file as a decision table (Markdown or HTML), its planned decision DAG (Mermaid or Graphviz DOT; nodes name the field they read and the rules still possible), or one self-contained HTML page."))
        {
            file, view, format, output,
        };
        command.Validators.Add(result =>
        {
            var shown = result.GetResult(view)?.Tokens is [{ } token] ? token.Value : "table";
            var chosen = result.GetResult(format)?.Tokens is [{ } given] ? given.Value : null;
            if (chosen is not null && !(shown == "table" && chosen is "markdown" or "html" || shown == "graph" && chosen is "mermaid" or "dot"))
            {
                result.AddError($"--format {chosen} does not apply to --as {shown}: table takes markdown or html, graph takes mermaid or dot, html takes none.");
            }
        });
        command.SetAction(parsed => Rulec.Guarded(console, () =>
        {
            var rules = RuleFile.Compile(parsed.GetValue(file)!);
            if (!rules.Usable(console))
            {
                return ExitCodes.Unusable;
            }

            var model = rules.Compiled.Model!;
            var plan = rules.Compiled.Plan!;
            var text = (parsed.GetValue(view), parsed.GetValue(format)) switch
            {
                ("table", "html") => RuleTable.Of(model).Html(),
                ("table", _) => RuleTable.Of(model).Markdown(),
                ("graph", "dot") => PlanGraph.Of(model, plan).Dot(),
                ("graph", _) => PlanGraph.Of(model, plan).Mermaid(),
                _ => HtmlPage.Render(rules, model, plan),
            };
            if (parsed.GetValue(output) is not { } path)
            {
                console.Out.Write(text);
                return ExitCodes.Ok;
            }

            try
            {
                File.WriteAllText(path, text);
                return ExitCodes.Ok;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                console.Error.WriteLine($"rulec: cannot write {path}: {exception.Message}");
                return ExitCodes.Unusable;
            }
        }));
        return command;
    }
}
