using System;
using System.Linq;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using RuleCompiler.Tests.Infrastructure.YamlMutation;
using Shouldly;
using Xunit;
using YamlDotNet.Core;

namespace RuleCompiler.Tests.Layers;

/// <summary>
/// Broken layers, bases and list files (seeded mutations of a small chain: base, user layer, restrict-only repository
/// layer, lists file) through the compose stage and the rest of the compiler: every outcome is a model or located
/// errors, in a file the compile read, at a line that file has; never an internal error.
/// </summary>
public sealed class LayerMutationTests
{
    private const int Mutations = 400;

    private static readonly RuleFile[] s_chain =
    {
        new("rules/base.rules.yaml", LayerTests.Base),
        new("rules/user.rules.yaml", LayerTests.User.Replace("extends: base.rules.yaml", "extends: base.rules.yaml\nimports: [shared.lists.yaml]")),
        new("rules/repo.rules.yaml", """
            ruleset: Repo
            extends: user.rules.yaml
            restrict-only: true
            imports: [shared.lists.yaml]
            rules:
              - id: deny-risky
                when: { command: { in-list: risky }, args: { contains-any-of-list: flags } }
                then: { decision: deny, message: risky }
              - table:
                  id: "ask-{command}"
                  when: [command, actor]
                  then: [decision, message]
                  rows:
                    - [helm, "-", ask, deploys]
                    - [terraform, ai, ask, "changes infrastructure"]
            tests:
              - input: { command: helm }
                rule: ask-helm
            """),
        new("rules/shared.lists.yaml", "lists:\n  risky: [dd, mkfs]\n  flags: [--force, -f]\n"),
    };

    [Fact]
    public void Seeded_mutations_of_a_chain_of_layers_compile_or_report_located_errors_and_never_crash()
    {
        LayeredFiles.Model("rules/repo.rules.yaml", s_chain).Rules.Count.ShouldBe(6);
        var outcomes = new int[2];
        for (var i = 0; i < Mutations; i++)
        {
            var random = new Random(20261206 + i);
            var files = (RuleFile[])s_chain.Clone();
            var target = random.Next(files.Length);
            var mutator = new YamlMutator(random);
            string text;
            try
            {
                var tree = YTree.Parse(files[target].Text);
                for (var m = random.Next(1, 4); m > 0; m--)
                {
                    mutator.Mutate(tree);
                }

                text = tree.ToYaml();
            }
            catch (YamlException)
            {
                text = mutator.EditText(files[target].Text);
            }

            files[target] = files[target] with { Text = text };
            var compiled = LayeredFiles.Compile("rules/repo.rules.yaml", files);
            var context = $"mutation {i} of {files[target].Path}: {mutator.Description}\n{string.Join("\n", compiled.Diagnostics)}";

            compiled.Diagnostics.ShouldNotContain(d => d.Id == "RC9999", context);
            foreach (var diagnostic in compiled.Diagnostics)
            {
                diagnostic.Span.File.ShouldBeInRange(0, compiled.SourcePaths.Count - 1, context);
                var path = compiled.SourcePaths[diagnostic.Span.File];
                var source = files.Single(f => path.EndsWith(f.Path, StringComparison.Ordinal));
                diagnostic.Span.Line.ShouldBeLessThanOrEqualTo(source.Text.Split('\n').Length + 1, context);
            }

            (compiled.Model is null).ShouldBe(compiled.Diagnostics.Any(d => d.Severity == Severity.Error), context);
            outcomes[compiled.Model is null ? 1 : 0]++;
        }

        outcomes[1].ShouldBeGreaterThan(Mutations / 10);
        Console.WriteLine($"layer mutations: {outcomes[0]} compiled, {outcomes[1]} with located errors");
    }
}
