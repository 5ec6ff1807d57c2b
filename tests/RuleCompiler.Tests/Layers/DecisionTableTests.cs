using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RuleCompiler.Language.Diagnostics;
using RuleCompiler.Language.Evaluation;
using RuleCompiler.Language.Model;
using RuleCompiler.Tests.Diagnostics;
using RuleCompiler.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Layers;

/// <summary>
/// Decision tables (spec §13): each row is the rule it stands for, at its line, with every cell's mistake at the cell;
/// random tables decide exactly as the same rules written one mapping each.
/// </summary>
public sealed class DecisionTableTests
{
    private const string Head = """
        ruleset: Pricing
        hit: first
        inputs:
          model: string
          tier: { enum: [standard, batch] }
          tokens: int
        outputs:
          usd: decimal
          note: string
        default: { usd: 0, note: unknown }
        rules:
        """;

    private static string Table(params string[] rows) => Head + "\n" + """
          - table:
              id: price-{model}-{tier}
              when: [model, tier, tokens]
              then: [usd, note]
              rows:
        """ + "\n" + string.Join("\n", rows.Select(row => "          - " + row)) + "\n";

    [Fact]
    public void Rows_become_rules_at_their_lines_with_ids_from_the_template()
    {
        var yaml = Table(
            "[gpt-4o, standard, \"-\", 2.50, list]",
            "[gpt-4o, batch, \"-\", 1.25, batch]",
            "[claude, standard, \"<= 200000\", 3.00, short]",
            "[claude, standard, \"> 200000\", 6.00, long]").Replace("price-{model}-{tier}", "\"{model}-{tier}-{note}\"");
        var model = LayeredFiles.Model("rules/x.rules.yaml", new RuleFile("rules/x.rules.yaml", yaml));

        model.Rules.Select(rule => (rule.Id, rule.Span.Line)).ShouldBe(new[]
        {
            ("gpt-4o-standard-list", 17), ("gpt-4o-batch-batch", 18), ("claude-standard-short", 19), ("claude-standard-long", 20),
        });
        var evaluator = new ReferenceEvaluator(model);
        var result = evaluator.Evaluate(new[] { Value.String("claude"), Value.Enum(0), Value.Int(250_000) });
        (model.Rules[result.RuleIndex].Id, result.Outputs[0].Decimal).ShouldBe(("claude-standard-long", 6.00m));
        evaluator.Evaluate(new[] { Value.String("gpt-4o"), Value.Enum(1), Value.Int(9) }).Outputs[0].Decimal.ShouldBe(1.25m);
    }

    [Fact]
    public void A_then_cell_may_be_computed()
    {
        var yaml = Table("[claude, standard, \"> 200000\", { expr: \"tokens / 100000\" }, { template: \"long {tokens}\" }]");
        var model = LayeredFiles.Model("rules/x.rules.yaml", new RuleFile("rules/x.rules.yaml", yaml));

        var result = new ReferenceEvaluator(model).Evaluate(new[] { Value.String("claude"), Value.Enum(0), Value.Int(250_000) });

        (result.Outputs[0].Decimal, result.Outputs[1].Text).ShouldBe((2.5m, "long 250000"));
    }

    [Fact]
    public void Rows_without_an_id_template_are_named_by_their_line()
    {
        var yaml = Table("[gpt-4o, standard, \"-\", 2.50, list]").Replace("      id: price-{model}-{tier}\n", string.Empty);
        LayeredFiles.Model("rules/x.rules.yaml", new RuleFile("rules/x.rules.yaml", yaml)).Rules.Single().Id.ShouldBe("row-16");
    }

    [Fact]
    public void Rows_on_one_line_get_distinct_default_ids_and_quoted_list_items_keep_their_commas()
    {
        var yaml = Head + "\n  - table: { when: [model], then: [usd, note], rows: [[\"not ['a,b', c]\", 1, x], [d, 2, y]] }\n";

        var model = LayeredFiles.Model("rules/x.rules.yaml", new RuleFile("rules/x.rules.yaml", yaml));

        model.Rules.Select(rule => rule.Id).ShouldBe(new[] { "row-12-55", "row-12-81" });
        var plain = LayeredFiles.Model("rules/x.rules.yaml", new RuleFile("rules/x.rules.yaml", Head + "\n  - { id: r, when: { model: { not-in: [\"a,b\", c] } }, then: { usd: 1, note: x } }\n"));
        Strip(model.Rules[0].When).ShouldBe(Strip(plain.Rules[0].When));
    }

    [Fact]
    public void A_column_named_twice_is_an_error_at_the_second() =>
        RuleFileDiagnostics.ShouldReport(Table("[gpt-4o, standard, \"-\", 2.50, list]").Replace("then: [usd, note]", "then: [usd, usd]"), "RC2040", 15, 19, "names column 'usd' twice");

    public static IEnumerable<object[]> Mistakes => new[]
    {
        Mistake("row too short", "[gpt-4o, standard, 2.50, list]", "RC2040", 17, 13, "4 cells but the table has 5 columns"),
        Mistake("cell of the wrong type", "[gpt-4o, standard, \"< many\", 2.50, list]", "RC2013", 17, 35, "many"),
        Mistake("then cell of the wrong type", "[gpt-4o, standard, \"-\", cheap, list]", "RC2013", 17, 37, "cheap"),
        Mistake("enum cell outside the enum", "[gpt-4o, premium, \"-\", 2.50, list]", "RC2013", 17, 22, "premium"),
        Mistake("operator on the wrong type", "[gpt-4o, standard, \"prefix 5\", 2.50, list]", "RC2015", 17, 32, "prefix"),
        Mistake("between upside down", "[gpt-4o, standard, \"9..3\", 2.50, list]", "RC2031", 17, 32, "lo is above"),
        Mistake("duplicate id", "[gpt-4o, standard, \"< 5\", 2.50, a]\n          - [gpt-4o, standard, \">= 5\", 2.50, b]", "RC2019", 18, 13, "price-gpt-4o-standard"),
    };

    private static object[] Mistake(string name, string row, string id, int line, int column, string part) => new object[] { name, row, id, line, column, part };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_in_a_table_is_reported_at_its_cell(string name, string row, string id, int line, int column, string part)
    {
        _ = name;
        RuleFileDiagnostics.ShouldReport(Table(row), id, line, column, part);
    }

    [Fact]
    public void A_mistake_in_the_tables_head_is_reported_there()
    {
        RuleFileDiagnostics.ShouldReport(Table("[gpt-4o, standard, \"-\", 2.50, list]").Replace("[model, tier, tokens]", "[model, tear, tokens]").Replace("price-{model}-{tier}", "price-{model}"), "RC2014", 14, 21, "tear");
        RuleFileDiagnostics.ShouldReport(Table("[gpt-4o, standard, \"-\", 2.50, list]").Replace("price-{model}-{tier}", "price-{modle}"), "RC2040", 13, 17, "'modle'");
    }

    [Fact]
    public void One_operator_cells_mean_what_their_mappings_mean()
    {
        var cells = new (string Cell, string Test)[]
        {
            ("\"< 5\"", "{ lt: 5 }"), ("\"<= 5\"", "{ lte: 5 }"), ("\"> 5\"", "{ gt: 5 }"), ("\">= 5\"", "{ gte: 5 }"), ("\"!= 5\"", "{ ne: 5 }"),
            ("\"1..9\"", "{ between: [1, 9] }"), ("\"not [1, 2]\"", "{ not-in: [1, 2] }"), ("[3, 4]", "[3, 4]"), ("7", "7"),
        };
        foreach (var (cell, test) in cells)
        {
            var table = LayeredFiles.Model("rules/x.rules.yaml", new RuleFile("rules/x.rules.yaml", Table($"[gpt-4o, standard, {cell}, 2.50, a]")));
            var plain = LayeredFiles.Model("rules/x.rules.yaml", new RuleFile("rules/x.rules.yaml", Head + $"\n  - {{ id: r, when: {{ model: gpt-4o, tier: standard, tokens: {test} }}, then: {{ usd: 2.50, note: a }} }}\n"));
            Strip(table.Rules[0].When).ShouldBe(Strip(plain.Rules[0].When), cell);
        }
    }

    /// <summary>
    /// Random tables over string, int, decimal, enum and string-list columns, every cell form, under first, priority
    /// and collect: generated both as a table and as plain rules, the two decide the same on seeded inputs; the
    /// table's generated code agrees with the reference evaluator.
    /// </summary>
    [Fact]
    public void Random_tables_decide_as_the_same_rules_written_as_mappings()
    {
        var compared = 0;
        var rows = 0;
        for (var seed = 1; seed <= 120; seed++)
        {
            var random = new Random(seed);
            var (tableYaml, plainYaml, count) = RandomTable(random, seed);
            var table = LayeredFiles.Compile("rules/t.rules.yaml", new RuleFile("rules/t.rules.yaml", tableYaml));
            var plain = LayeredFiles.Compile("rules/t.rules.yaml", new RuleFile("rules/t.rules.yaml", plainYaml));
            table.Diagnostics.Select(d => d.Id).OrderBy(id => id).ShouldBe(plain.Diagnostics.Select(d => d.Id).OrderBy(id => id), $"seed {seed}\n{tableYaml}\n{string.Join("\n", table.Diagnostics)}");
            if (table.Model is null || plain.Model is null)
            {
                continue;
            }

            rows += count;
            table.Model.Rules.Select(rule => (rule.Id, rule.Priority, rule.Then)).ShouldBe(plain.Model.Rules.Select(rule => (rule.Id, rule.Priority, rule.Then)), $"seed {seed}");
            var a = new ReferenceEvaluator(table.Model);
            var b = new ReferenceEvaluator(plain.Model);
            foreach (var row in new InputGenerator(table.Model, seed).Rows(300))
            {
                a.HoldingRules(row).ShouldBe(b.HoldingRules(row), $"seed {seed}");
                compared++;
            }

            if (seed % 20 == 0)
            {
                compared += LayeredFiles.AssertAgrees("rules/t.rules.yaml", new[] { new RuleFile("rules/t.rules.yaml", tableYaml) }, plain.Model, 300, seed);
            }
        }

        rows.ShouldBeGreaterThan(500);
        Console.WriteLine($"random tables: {rows} rows, {compared} inputs compared");
    }

    /// <summary>
    /// The samples written as tables (rules/model-pricing, rules/task-router) decide exactly as they did written one
    /// mapping per rule (the plain originals, kept under Layers/Plain): same rule ids in the same order, same
    /// conditions, and the same decision on seeded inputs.
    /// </summary>
    [Theory]
    [InlineData("model-pricing.rules.yaml", 63)]
    [InlineData("task-router.rules.yaml", 105)]
    public void A_sample_written_as_tables_decides_as_its_plain_original(string name, int rows)
    {
        var tables = SampleFiles.Load(name);
        tables.Text.ShouldContain("- table:");
        var plain = new RuleFile("rules/" + name, System.IO.File.ReadAllText(System.IO.Path.Combine(RepoPaths.Root, "tests", "RuleCompiler.Tests", "Layers", "Plain", name)));
        plain.Text.ShouldNotContain("- table:");
        var a = LayeredFiles.Model(tables.Path, tables);
        var b = LayeredFiles.Model(plain.Path, plain);

        a.Rules.Select(rule => rule.Id).ShouldBe(b.Rules.Select(rule => rule.Id));
        a.Rules.Select(rule => Strip(rule.When)).ShouldBe(b.Rules.Select(rule => Strip(rule.When)));
        a.Rules.Select(rule => rule.Then).ShouldBe(b.Rules.Select(rule => rule.Then));
        tables.Text.Split('\n').Count(line => line.TrimStart().StartsWith("- [", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(rows);
        var ea = new ReferenceEvaluator(a);
        var eb = new ReferenceEvaluator(b);
        foreach (var row in new InputGenerator(a, 20261206).Rows(3000))
        {
            LayeredFiles.Outcome(a, ea, row).ShouldBe(LayeredFiles.Outcome(b, eb, row), name);
        }
    }

    private static readonly (string Cell, string Test)[] s_text =
    {
        ("\"-\"", ""), ("abc", "abc"), ("\"prefix a\"", "{ prefix: a }"), ("\"suffix c\"", "{ suffix: c }"), ("\"contains b\"", "{ contains: b }"),
        ("\"glob a*\"", "{ glob: \"a*\" }"), ("\"regex ^a.c$\"", "{ regex: \"^a.c$\" }"), ("\"!= abc\"", "{ ne: abc }"), ("\"not [a, ab]\"", "{ not-in: [a, ab] }"),
        ("[a, ab]", "[a, ab]"), ("\"prefix 'a b'\"", "{ prefix: \"a b\" }"),
    };

    private static readonly (string Cell, string Test)[] s_number =
    {
        ("\"-\"", ""), ("5", "5"), ("\"< 3\"", "{ lt: 3 }"), ("\"<= 3\"", "{ lte: 3 }"), ("\"> 7\"", "{ gt: 7 }"), ("\">= -1\"", "{ gte: -1 }"),
        ("\"!= 2\"", "{ ne: 2 }"), ("\"1..4\"", "{ between: [1, 4] }"), ("\"not [1, 2]\"", "{ not-in: [1, 2] }"), ("[1, 3]", "[1, 3]"),
    };

    private static readonly (string Cell, string Test)[] s_decimal =
    {
        ("\"-\"", ""), ("1.5", "1.5"), ("\"< 0.5\"", "{ lt: 0.5 }"), ("\"0..2.5\"", "{ between: [0, 2.5] }"), ("\">= 1.25\"", "{ gte: 1.25 }"),
    };

    private static readonly (string Cell, string Test)[] s_enum =
    {
        ("\"-\"", ""), ("red", "red"), ("\"!= green\"", "{ ne: green }"), ("\"not [red]\"", "{ not-in: [red] }"), ("[red, blue]", "[red, blue]"),
    };

    private static readonly (string Cell, string Test)[] s_list =
    {
        ("\"-\"", ""), ("\"contains x\"", "{ contains: x }"), ("{ contains-any: [x, y] }", "{ contains-any: [x, y] }"), ("{ empty: true }", "{ empty: true }"),
    };

    private static (string Table, string Plain, int Rows) RandomTable(Random random, int seed)
    {
        var columns = new (string Name, (string Cell, string Test)[] Cells)[] { ("s", s_text), ("n", s_number), ("d", s_decimal), ("e", s_enum), ("tags", s_list) }
            .Where(_ => random.Next(4) > 0).ToList();
        if (columns.Count == 0)
        {
            columns.Add(("n", s_number));
        }

        var policy = new[] { "first", "priority", "collect" }[random.Next(3)];
        var head = new StringBuilder()
            .AppendLine($"ruleset: Table{seed}")
            .AppendLine($"hit: {policy}")
            .AppendLine("inputs: { s: string, n: int, d: decimal, e: { enum: [red, green, blue] }, tags: string-list }")
            .AppendLine("outputs: { decision: { enum: [deny, ask, allow] }, score: int }")
            .AppendLine("rules:");
        var table = new StringBuilder(head.ToString())
            .AppendLine("  - table:")
            .AppendLine(policy == "priority" ? "      priority: 1" : "      description: a random table")
            .AppendLine($"      when: [{string.Join(", ", columns.Select(c => c.Name))}]")
            .AppendLine("      then: [decision, score]")
            .AppendLine("      rows:");
        var plain = new StringBuilder(head.ToString());
        var firstRowLine = table.ToString().Count(c => c == '\n') + 1;
        var rows = random.Next(3, 14);
        for (var r = 0; r < rows; r++)
        {
            var cells = columns.Select(c => c.Cells[random.Next(c.Cells.Length)]).ToList();
            var decision = new[] { "deny", "ask", "allow" }[random.Next(3)];
            var score = random.Next(-5, 6).ToString(CultureInfo.InvariantCulture);
            table.AppendLine($"        - [{string.Join(", ", cells.Select(c => c.Cell))}, {decision}, {score}]");
            var tests = columns.Zip(cells, (column, cell) => (column.Name, cell.Test)).Where(t => t.Test.Length > 0).Select(t => $"{t.Name}: {t.Test}");
            var priority = policy == "priority" ? ", priority: 1" : ", description: a random table";
            plain.AppendLine($"  - {{ id: row-{firstRowLine + r}{priority}, when: {{ {string.Join(", ", tests)} }}, then: {{ decision: {decision}, score: {score} }} }}");
        }

        return (table.ToString(), plain.ToString(), rows);
    }

    /// <summary>A condition without where it is written, to compare a table's with a mapping's.</summary>
    private static string Strip(Condition condition) => condition switch
    {
        TestCondition test => $"{test.Field} {test.Operator} [{string.Join(", ", test.Operands)}] {test.IgnoreCase}",
        AllCondition all => "all(" + string.Join("; ", all.Items.Select(Strip)) + ")",
        AnyCondition any => "any(" + string.Join("; ", any.Items.Select(Strip)) + ")",
        NotCondition not => "not(" + Strip(not.Operand) + ")",
        _ => condition.ToString()!,
    };
}
