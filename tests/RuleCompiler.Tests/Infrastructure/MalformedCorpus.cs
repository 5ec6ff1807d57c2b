using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RuleCompiler.Tests.Infrastructure.YamlMutation;

namespace RuleCompiler.Tests.Infrastructure;

/// <summary>The corpus: every case named "kind: what", built from the samples, the feature files and a small template.</summary>
internal static class MalformedCorpus
{
    // Every type, a default, two rules: the template the hand-written cases change one thing of.
    private const string Template = """
        ruleset: Odd
        inputs:
          name: string
          count: int
          total: long
          price: decimal
          ratio: double
          flag: bool
          level: { enum: [low, mid, high] }
          tags: string-list
        outputs:
          label: string
          score: int
          big: long
          amount: decimal
          weight: double
          ok: bool
          grade: { enum: [none, bronze, gold] }
        default: { label: none, score: 0, big: 0, amount: 0, weight: 0, ok: false, grade: none }
        rules:
          - id: first
            when: { name: x, count: 1 }
            then: { label: first, score: 1, big: 1, amount: 1, weight: 1, ok: true, grade: gold }
          - id: second
            then: { label: second, score: 2, big: 2, amount: 2, weight: 2, ok: false, grade: bronze }

        """;

    private const string FirstWhen = "when: { name: x, count: 1 }";
    private const string FirstThen = "then: { label: first, score: 1, big: 1, amount: 1, weight: 1, ok: true, grade: gold }";

    private static readonly string[] s_hugeNumbers =
    {
        "99999999999999999999", "-99999999999999999999", "2147483648", "9223372036854775808", "79228162514264337593543950336",
        "1e400", "-1e400", "1e-400", "0.00000000000000000000000000001", "1.7976931348623159e308", "4.9e-324", "1" + new string('0', 5000),
    };

    // The feature files whose every key is misspelt in turn: between them they use every key of the language but
    // 'namespace', which the samples have (misspelt with all their keys at once).
    private static readonly string[] s_keyByKeyFiles =
    {
        "types.rules.yaml", "combinators.rules.yaml", "strings.rules.yaml", "lists.rules.yaml", "numbers.rules.yaml",
        "priority.rules.yaml", "aggregate-count.rules.yaml", "collect.rules.yaml",
    };

    private static readonly Lazy<SortedDictionary<string, MalformedFile>> s_cases = new(Build);

    public static IReadOnlyDictionary<string, MalformedFile> Cases => s_cases.Value;

    private static string Lf(string text) => text.Replace("\r\n", "\n");

    private static SortedDictionary<string, MalformedFile> Build()
    {
        var cases = new SortedDictionary<string, MalformedFile>(StringComparer.Ordinal);
        void Add(string name, MalformedFile file)
        {
            if (!cases.TryAdd(name, file))
            {
                throw new InvalidOperationException("two corpus cases named " + name);
            }
        }

        var samples = SampleFiles.Names.Select(SampleFiles.Load).ToList();
        var features = FeatureFiles.Names.Select(FeatureFiles.Load).ToList();
        var all = samples.Concat(features).ToList();
        var template = Lf(Template);

        // Truncated: each sample cut at 20 places, half of them mid-line, half at a line end; features at 5.
        foreach (var file in all)
        {
            var text = Lf(file.Text);
            var cuts = file.Path.StartsWith("rules/", StringComparison.Ordinal) ? 20 : 5;
            for (var k = 1; k <= cuts; k++)
            {
                var at = (int)((long)text.Length * k / (cuts + 1));
                if (k % 2 == 0 && text.IndexOf('\n', at) is var end and >= 0)
                {
                    at = end + 1;
                }

                Add($"truncated: {Name(file)} after {at} of {text.Length} characters", new MalformedFile(file.Path, text.Substring(0, at), null));
            }
        }

        Add("truncated: an unclosed flow sequence and no final line break", new MalformedFile("rules/odd.rules.yaml", "ruleset: [", null));
        Add("truncated: an unclosed flow mapping at the end of a rule and no final line break", new MalformedFile("rules/odd.rules.yaml", template.TrimEnd('\n').TrimEnd('}'), null));
        Add("truncated: an unclosed quote and no final line break", new MalformedFile("rules/odd.rules.yaml", template + "description: \"never closed", null));

        // Wrong types everywhere: every scalar, mapping or sequence of a file replaced by another kind of node.
        foreach (var file in all)
        {
            var tree = YTree.Parse(file.Text);
            Add($"wrong types: {Name(file)} with every scalar value a mapping", Derived(file, tree, root => YTree.MapValues(root, YTree.ScalarsToMappings)));
            Add($"wrong types: {Name(file)} with every scalar value a sequence", Derived(file, tree, root => YTree.MapValues(root, YTree.ScalarsToSequences)));
            Add($"wrong types: {Name(file)} with every mapping a sequence of its values", Derived(file, tree, root => YTree.MapValues(root, YTree.MappingsToSequences)));
            Add($"wrong types: {Name(file)} with every sequence a mapping", Derived(file, tree, root => YTree.MapValues(root, YTree.SequencesToMappings)));
        }

        {
            // One scalar at a time, in the file that uses every type.
            var file = features.Single(f => f.Path.EndsWith("/types.rules.yaml", StringComparison.Ordinal));
            var tree = YTree.Parse(file.Text);
            var count = YTree.Slots(tree).Count(s => !s.IsKey && s.Node.Kind == YKind.Scalar);
            for (var i = 0; i < count; i++)
            {
                var copy = tree.Clone();
                var slot = YTree.Slots(copy).Where(s => !s.IsKey && s.Node.Kind == YKind.Scalar).ElementAt(i);
                slot.Replace(YNode.Mapping(true, new YEntry(YNode.Scalar("value"), slot.Node)));
                Add($"wrong types: {Name(file)} with {slot.Path} a mapping", new MalformedFile(file.Path, copy.ToYaml(), null));
            }
        }

        // Every key misspelt: all at once in every file, and one at a time in the files that use every key.
        foreach (var file in all)
        {
            Add($"misspelt keys: {Name(file)} with every key misspelt", Derived(file, YTree.Parse(file.Text), root =>
            {
                foreach (var slot in YTree.Slots(root).Where(s => s.IsKey).ToList())
                {
                    slot.Node.Value = Misspell(slot.Node.Value);
                }

                return root;
            }));
        }

        foreach (var file in features.Where(f => s_keyByKeyFiles.Contains(Name(f))))
        {
            var tree = YTree.Parse(file.Text);
            var count = YTree.Slots(tree).Count(s => s.IsKey);
            for (var i = 0; i < count; i++)
            {
                var copy = tree.Clone();
                var slot = YTree.Slots(copy).Where(s => s.IsKey).ElementAt(i);
                var original = slot.Node.Value;
                slot.Node.Value = Misspell(original);
                Add($"misspelt key: {Name(file)} {slot.Path} as '{slot.Node.Value}'", new MalformedFile(file.Path, copy.ToYaml(), null));
            }
        }

        // Huge numbers, for each numeric type, in a test, a range, an output and a test input.
        foreach (var (input, output) in new[] { ("count", "score"), ("total", "big"), ("price", "amount"), ("ratio", "weight") })
        {
            foreach (var number in s_hugeNumbers)
            {
                var shown = number.Length > 40 ? $"1 followed by {number.Length - 1} zeros" : number;
                Add($"huge number: {shown} as {input} in a test", Odd(template, FirstWhen, $"when: {{ {input}: {number} }}"));
                Add($"huge number: {shown} as {input} in a range", Odd(template, FirstWhen, $"when: {{ {input}: {{ between: [0, {number}] }} }}"));
                Add($"huge number: {shown} as output {output}", Odd(template, FirstThen, FirstThen.Replace($"{output}: 1,", $"{output}: {number},")));
                Add($"huge number: {shown} as {input} in a test case input", new MalformedFile("rules/odd.rules.yaml", template + $"tests:\n  - input: {{ {input}: {number} }}\n    rule: second\n", null));
            }

            Add($"huge number: {input} between the extremes of its type", Odd(template, FirstWhen, input switch
            {
                "count" => "when: { count: { between: [-2147483648, 2147483647] } }",
                "total" => "when: { total: { between: [-9223372036854775808, 9223372036854775807] } }",
                "price" => "when: { price: { between: [-79228162514264337593543950335, 79228162514264337593543950335] } }",
                _ => "when: { ratio: { between: [-.inf, .inf] } }",
            }));
        }

        foreach (var number in s_hugeNumbers.Take(6).Append("-9223372036854775808").Append("9223372036854775807"))
        {
            Add($"huge number: {number} as a priority", new MalformedFile("rules/odd.rules.yaml", template.Replace("ruleset: Odd\n", "ruleset: Odd\nhit: priority\n").Replace("  - id: first\n", $"  - id: first\n    priority: {number}\n"), null));
        }

        Add("huge number: a scalar longer than the limit as a string", Odd(template, "when: { name: x, count: 1 }", $"when: {{ name: {new string('x', 64 * 1024 + 1)} }}"));
        Add("huge number: 100 rules with priority 9223372036854775807", new MalformedFile(
            "rules/odd.rules.yaml",
            template.Replace("ruleset: Odd\n", "ruleset: Odd\nhit: priority\n") + string.Concat(Enumerable.Range(0, 100).Select(i =>
                $"  - {{ id: p{i}, priority: {(i % 2 == 0 ? "9223372036854775807" : "-9223372036854775808")}, when: {{ count: {i} }}, then: {{ label: p, score: {i}, big: 0, amount: 0, weight: 0, ok: true, grade: none }} }}\n")),
            null));

        // Unknown enum values and other values no list of names allows.
        foreach (var (what, from, to) in new[]
        {
            ("in an eq test", FirstWhen, "when: { level: urgent }"),
            ("in an in test", FirstWhen, "when: { level: [low, urgent] }"),
            ("in a ne test", FirstWhen, "when: { level: { ne: urgent } }"),
            ("in a not-in test", FirstWhen, "when: { level: { not-in: [urgent, high] } }"),
            ("in an empty in test", FirstWhen, "when: { level: { in: [] } }"),
            ("spelt in another case", FirstWhen, "when: { level: LOW }"),
            ("as a number", FirstWhen, "when: { level: 1 }"),
            ("as an empty string", FirstWhen, "when: { level: \"\" }"),
            ("as null", FirstWhen, "when: { level: ~ }"),
            ("as true", FirstWhen, "when: { level: true }"),
            ("as an output", FirstThen, FirstThen.Replace("grade: gold", "grade: platinum")),
            ("as an output spelt in another case", FirstThen, FirstThen.Replace("grade: gold", "grade: Gold")),
            ("as an output number", FirstThen, FirstThen.Replace("grade: gold", "grade: 2")),
            ("as an output null", FirstThen, FirstThen.Replace("grade: gold", "grade: ~")),
            ("in the default", "grade: none }", "grade: platinum }"),
            ("as a hit policy", "ruleset: Odd\n", "ruleset: Odd\nhit: most-recent\n"),
            ("as a hit policy spelt in another case", "ruleset: Odd\n", "ruleset: Odd\nhit: First\n"),
            ("as a hit policy sequence", "ruleset: Odd\n", "ruleset: Odd\nhit: [first]\n"),
            ("as an aggregate", "ruleset: Odd\n", "ruleset: Odd\nhit: collect\naggregate: median\n"),
            ("as an aggregate without collect", "ruleset: Odd\n", "ruleset: Odd\naggregate: sum\n"),
            ("as a type", "  name: string\n", "  name: text\n"),
            ("as a type in the long form", "  name: string\n", "  name: { type: varchar }\n"),
            ("as an empty enum", "level: { enum: [low, mid, high] }", "level: { enum: [] }"),
            ("as a repeated enum value", "level: { enum: [low, mid, high] }", "level: { enum: [low, mid, low] }"),
            ("as an enum that is a scalar", "level: { enum: [low, mid, high] }", "level: { enum: low }"),
            ("as an enum holding a mapping", "level: { enum: [low, mid, high] }", "level: { enum: [low, { mid: 1 }, high] }"),
            ("as enum values with one C# name", "level: { enum: [low, mid, high] }", "level: { enum: [read-only, read_only, readOnly] }"),
            ("as enum values that are numbers", "level: { enum: [low, mid, high] }", "level: { enum: [1, 2, 3] }"),
            ("as enum values that are empty", "level: { enum: [low, mid, high] }", "level: { enum: [\"\", low] }"),
            ("as an enum type keyword", "level: { enum: [low, mid, high] }", "level: { type: enum }"),
        })
        {
            Add($"unknown enum value: {what}", Odd(template, from, to));
        }

        Add("unknown enum value: in a test case input", new MalformedFile("rules/odd.rules.yaml", template + "tests:\n  - input: { level: urgent }\n    rule: second\n", null));
        Add("unknown enum value: in a test case expectation", new MalformedFile("rules/odd.rules.yaml", template + "tests:\n  - input: {}\n    expect: { grade: platinum }\n", null));
        Add("unknown enum value: output-priority over a string output", Odd(template, "ruleset: Odd\n", "ruleset: Odd\nhit: output-priority\n"));

        // Duplicate keys: at every level, block and flow, equal and different values, through an alias, a merge key.
        foreach (var (what, from, to) in new[]
        {
            ("ruleset twice with one value", "ruleset: Odd\n", "ruleset: Odd\nruleset: Odd\n"),
            ("ruleset twice with two values", "ruleset: Odd\n", "ruleset: Odd\nruleset: Even\n"),
            ("rules twice", "rules:\n", "rules: []\nrules:\n"),
            ("an input twice", "  count: int\n", "  count: int\n  count: long\n"),
            ("an input once quoted", "  count: int\n", "  count: int\n  \"count\": int\n"),
            ("a field in a test", FirstWhen, "when: { name: x, name: y }"),
            ("an operator in a test", FirstWhen, "when: { count: { gt: 1, gt: 2 } }"),
            ("an output", FirstThen, FirstThen.Replace("score: 1,", "score: 1, score: 2,")),
            ("a rule id", "  - id: first\n", "  - id: first\n    id: again\n"),
            ("the type of a long-form field", "  total: long\n", "  total: { type: long, type: int }\n"),
            ("a default value", "default: { label: none,", "default: { label: none, label: none,"),
            ("through an alias", FirstWhen, "when: { &field name: x, *field : y }"),
            ("through a merge key", FirstThen, "then: &t { label: first, score: 1, big: 1, amount: 1, weight: 1, ok: true, grade: gold }\n  - id: third\n    then: { <<: *t, label: third }"),
            ("in an enum", "level: { enum: [low, mid, high] }", "level: { enum: [low, mid, high], enum: [low] }"),
        })
        {
            Add($"duplicate key: {what}", Odd(template, from, to));
        }

        Add("duplicate key: a test case input twice", new MalformedFile("rules/odd.rules.yaml", template + "tests:\n  - input: { count: 1 }\n    input: { count: 2 }\n    rule: second\n", null));

        // Tabs: as indentation (an error), and where YAML allows them (separators, inside scalars and flow collections).
        foreach (var (what, from, to) in new[]
        {
            ("indenting a rule", "  - id: first\n    when:", "  - id: first\n\twhen:"),
            ("indenting a sequence item", "  - id: second\n", "\t- id: second\n"),
            ("after spaces in an indentation", "    then: { label: second", "  \t  then: { label: second"),
            ("after a key's colon", "ruleset: Odd\n", "ruleset:\tOdd\n"),
            ("after a sequence dash", "  - id: second\n", "  -\tid: second\n"),
            ("inside a flow mapping", FirstWhen, "when: {\tname: x,\tcount:\t1\t}"),
            ("inside a plain scalar", FirstThen, FirstThen.Replace("label: first", "label: fi\trst")),
            ("escaped in a quoted scalar", FirstThen, FirstThen.Replace("label: first", "label: \"fi\\trst\"")),
            ("as a whole line", "outputs:\n", "\t\noutputs:\n"),
            ("at line ends", "rules:\n", "rules:\t\t\n"),
            ("before a comment", "ruleset: Odd\n", "ruleset: Odd\t# the name\n"),
            ("indenting a folded description", "ruleset: Odd\n", "ruleset: Odd\ndescription: >\n  one\n\ttwo\n"),
            ("indenting a literal description", "ruleset: Odd\n", "ruleset: Odd\ndescription: |\n  one\n  \ttwo\n"),
        })
        {
            Add($"tab: {what}", Odd(template, from, to));
        }

        foreach (var file in samples.Take(2))
        {
            Add($"tab: {Name(file)} indented with tabs", new MalformedFile(file.Path, string.Join("\n", Lf(file.Text).Split('\n').Select(line => line.StartsWith("  ", StringComparison.Ordinal) ? "\t" + line.Substring(2) : line)), null));
        }

        // BOM: a file saved as UTF-8 with a BOM is valid and must generate; BOMs elsewhere must not crash.
        // (GeneratorRobustnessTests covers a BOM in the text of every sample; the regex-heavy ones are left out here.)
        foreach (var file in all.Where(f => CountOf(f.Text, "regex:") <= 1))
        {
            Add($"BOM: {Name(file)} saved as UTF-8 with a BOM", new MalformedFile(file.Path, null, Utf8Bom(file.Text), MustGenerate: true));
        }

        Add("BOM: UTF-8 with a BOM and CRLF line ends", new MalformedFile("rules/odd.rules.yaml", null, Utf8Bom(template.Replace("\n", "\r\n")), MustGenerate: true));
        Add("BOM: before a document start marker", new MalformedFile("rules/odd.rules.yaml", null, Utf8Bom("---\n" + template), MustGenerate: true));
        Add("BOM: saved as UTF-16 with a BOM", new MalformedFile("rules/odd.rules.yaml", null, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(template)).ToArray()));
        Add("BOM: two BOMs", new MalformedFile("rules/odd.rules.yaml", null, Utf8Bom("\uFEFF" + template)));
        Add("BOM: at the start of a line in the middle", Odd(template, "outputs:\n", "\uFEFFoutputs:\n"));
        Add("BOM: inside a key", Odd(template, "  count: int\n", "  co\uFEFFunt: int\n"));
        Add("BOM: inside a string literal", Odd(template, FirstThen, FirstThen.Replace("label: first", "label: \"fi\uFEFFrst\"")));
        Add("BOM: only a BOM", new MalformedFile("rules/odd.rules.yaml", null, Encoding.UTF8.GetPreamble()));

        // Invalid UTF-8: bytes no UTF-8 decoder accepts, at the start, in a comment, a key, a value, a string, the end.
        var templateBytes = Encoding.UTF8.GetBytes(template);
        foreach (var (what, bytes) in new[]
        {
            ("a lone continuation byte at the start", Bytes(new byte[] { 0x80 }, templateBytes)),
            ("0xFF 0xFE at the start (a UTF-16 BOM before UTF-8 text)", Bytes(new byte[] { 0xFF, 0xFE }, templateBytes)),
            ("in a comment", Bytes(Encoding.UTF8.GetBytes("# broken: "), new byte[] { 0xC3, 0x28, 0xA0, 0xA1 }, Encoding.UTF8.GetBytes("\n"), templateBytes)),
            ("in the rule set name", Replace(templateBytes, "ruleset: Odd", Bytes(Encoding.UTF8.GetBytes("ruleset: O"), new byte[] { 0xFF }, Encoding.UTF8.GetBytes("dd")))),
            ("in a key", Replace(templateBytes, "  count: int", Bytes(Encoding.UTF8.GetBytes("  co"), new byte[] { 0xC0, 0xAF }, Encoding.UTF8.GetBytes("unt: int")))),
            ("in a plain string value", Replace(templateBytes, "label: first", Bytes(Encoding.UTF8.GetBytes("label: fi"), new byte[] { 0xED, 0xA0, 0x80 }, Encoding.UTF8.GetBytes("rst")))),
            ("in a quoted string value", Replace(templateBytes, "label: first", Bytes(Encoding.UTF8.GetBytes("label: \"fi"), new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 }, Encoding.UTF8.GetBytes("rst\"")))),
            ("in an enum value", Replace(templateBytes, "grade: gold }", Bytes(Encoding.UTF8.GetBytes("grade: go"), new byte[] { 0xF5, 0x80 }, Encoding.UTF8.GetBytes("ld }")))),
            ("a truncated sequence at the end", Bytes(templateBytes, new byte[] { 0xE2, 0x82 })),
            ("a NUL byte in a key", Replace(templateBytes, "  count: int", Bytes(Encoding.UTF8.GetBytes("  co"), new byte[] { 0x00 }, Encoding.UTF8.GetBytes("unt: int")))),
            ("a NUL byte in a string value", Replace(templateBytes, "label: first", Bytes(Encoding.UTF8.GetBytes("label: \"fi"), new byte[] { 0x00 }, Encoding.UTF8.GetBytes("rst\"")))),
            ("bytes of a sample flipped at 16 places", Splatter(Encoding.UTF8.GetBytes(samples[0].Text), seed: 7, count: 16)),
            ("every byte of a feature file with its high bit set", Encoding.UTF8.GetBytes(features[0].Text).Select(b => (byte)(b | 0x80)).ToArray()),
        })
        {
            Add($"invalid UTF-8: {what}", new MalformedFile("rules/odd.rules.yaml", null, bytes));
        }

        // Empty: no bytes at all, and documents with nothing in them.
        Add("empty: a file of no bytes", new MalformedFile("rules/empty.rules.yaml", null, Array.Empty<byte>()));
        foreach (var (what, text) in new[]
        {
            ("only line ends", "\n\n\n"), ("only CR line ends", "\r\r"), ("a document start marker", "---\n"), ("a document end marker", "...\n"),
            ("an empty document between markers", "---\n...\n"), ("a null", "~\n"), ("null spelt out", "null\n"), ("an empty mapping", "{}\n"),
            ("an empty sequence", "[]\n"), ("an empty quoted string", "''\n"), ("a directive and no document", "%YAML 1.2\n---\n"),
            ("a mapping of nulls", "ruleset:\ninputs:\noutputs:\nrules:\n"), ("a NUL character", "\0"),
        })
        {
            Add($"empty: {what}", new MalformedFile("rules/empty.rules.yaml", text, null));
        }

        // Odd but valid: names and texts the emitter must escape or the binder must refuse, never uncompilable C#.
        foreach (var (what, from, to) in new[]
        {
            ("a description with a line separator escape", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"before\\Lafter\"\n"),
            ("a description with a paragraph separator escape", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"before\\Pafter\"\n"),
            ("a description with a next-line escape", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"before\\Nafter\"\n"),
            ("a description closing the XML doc", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"</summary> <see cref=\\\"x\\\"/> & */ {0}\"\n"),
            ("a description over several lines", "ruleset: Odd\n", "ruleset: Odd\ndescription: |\n  line one\n  line two\r\n  line three\n"),
            ("an output description with a line separator", "  score: int\n", "  score: { type: int, description: \"a\\Lb\" }\n"),
            ("an input description with a line separator", "  count: int\n", "  count: { type: int, description: \"a\\Lb\" }\n"),
            ("a rule description with a line separator", "  - id: second\n", "  - id: second\n    description: \"a\\Lb\"\n"),
            ("string literals with every escape", FirstThen, FirstThen.Replace("label: first", "label: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\\"\\/\\\\\\N\\_\\L\\P\\x7F\\u00e9\\U0001F600 {0} */\"")),
            ("a string literal with a lone surrogate", FirstThen, FirstThen.Replace("label: first", "label: \"\\uD800\"")),
            ("a test with a line separator", FirstWhen, "when: { name: \"a\\Lb\", count: 1 }"),
            ("a regex with quotes, backslashes and a line separator", FirstWhen, "when: { name: { regex: \"^\\\"\\\\d+\\L$\" } }"),
            ("a glob with quotes and backslashes", FirstWhen, "when: { name: { glob: \"\\\"*\\\\?\\\\*\" } }"),
            ("a rule set named Evaluate", "ruleset: Odd\n", "ruleset: Evaluate\n"),
            ("a rule set named Rules", "ruleset: Odd\n", "ruleset: Rules\n"),
            ("a rule set named Node0", "ruleset: Odd\n", "ruleset: Node0\n"),
            ("a rule set named __arglist", "ruleset: Odd\n", "ruleset: __arglist\n"),
            ("a rule set named record", "ruleset: Odd\n", "ruleset: record\n"),
            ("a rule set named required", "ruleset: Odd\n", "ruleset: required\n"),
            ("a rule set named file", "ruleset: Odd\n", "ruleset: file\n"),
            ("a rule set named scoped", "ruleset: Odd\n", "ruleset: scoped\n"),
            ("a rule set named var", "ruleset: Odd\n", "ruleset: var\n"),
            ("a rule set named _", "ruleset: Odd\n", "ruleset: _\n"),
            ("a rule set named System", "ruleset: Odd\n", "ruleset: System\n"),
            ("a rule set named RuleCompiler", "ruleset: Odd\n", "ruleset: RuleCompiler\n"),
            ("a rule set named like its namespace", "ruleset: Odd\n", "ruleset: Odd\nnamespace: Odd\n"),
            ("a namespace named System", "ruleset: Odd\n", "ruleset: Odd\nnamespace: System\n"),
            ("a namespace named global", "ruleset: Odd\n", "ruleset: Odd\nnamespace: global\n"),
            ("a namespace named __arglist", "ruleset: Odd\n", "ruleset: Odd\nnamespace: __arglist\n"),
            ("a namespace part named like the input type", "ruleset: Odd\n", "ruleset: Odd\nnamespace: A.OddInput\n"),
            ("fields of one letter in two cases", "  name: string\n", "  name: string\n  a: int\n  A: int\n"),
            ("a field named like the rule set", "  name: string\n", "  name: string\n  odd: int\n"),
            ("a field named like the input type", "  name: string\n", "  name: string\n  odd-input: int\n"),
            ("an enum field named like the output type", "  name: string\n", "  name: string\n  output: { enum: [a, b] }\n"),
            ("an enum value that is a C# keyword", "level: { enum: [low, mid, high] }", "level: { enum: [class, static, value__] }"),
            ("an enum value named like the enum", "level: { enum: [low, mid, high] }", "level: { enum: [low, odd-level, level] }"),
            ("a rule id that is long", "  - id: second\n", $"  - id: {new string('r', 10_000)}\n"),
            ("a rule set named s_rules", "ruleset: Odd\n", "ruleset: s_rules\n"),
            ("a rule set named s_outputs", "ruleset: Odd\n", "ruleset: s_outputs\n"),
            ("a rule set named s_noMatch", "ruleset: Odd\n", "ruleset: s_noMatch\n"),
            ("a rule set name ending in a line break", "ruleset: Odd\n", "ruleset: \"Odd\\n\"\n"),
            ("a namespace ending in a line break", "ruleset: Odd\n", "ruleset: Odd\nnamespace: \"Acme.Rules\\n\"\n"),
            ("an input name ending in a line break", "  name: string\n", "  name: string\n  \"extra\\n\": int\n"),
            ("an enum value ending in a line break", "level: { enum: [low, mid, high] }", "level: { enum: [low, mid, \"high\\n\"] }"),
            ("a rule id ending in a line break", "  - id: second\n", "  - id: \"second\\n\"\n"),
            ("a rule id from a literal block scalar", "  - id: second\n", "  - id: |\n      second\n"),
            ("a description with a NUL and a Ctrl-Z", "ruleset: Odd\n", "ruleset: Odd\ndescription: \"a\\0b\\x1Ac\"\n"),
            ("an enum description with a line separator", "grade: { enum: [none, bronze, gold] }", "grade: { enum: [none, bronze, gold], description: \"x\\Ly\" }"),
        })
        {
            Add($"odd but valid: {what}", Odd(template, from, to));
        }

        Add("odd but valid: an output name ending in a line break", new MalformedFile("rules/odd.rules.yaml", template
            .Replace("  score: int\n", "  score: int\n  \"extra\\n\": int\n")
            .Replace("grade: none }", "grade: none, \"extra\\n\": 0 }")
            .Replace("grade: gold }", "grade: gold, \"extra\\n\": 1 }")
            .Replace("grade: bronze }", "grade: bronze, \"extra\\n\": 2 }"), null));

        foreach (var name in new[] { "RuleBits", "Matches", "EvaluateAll", "Enumerator" })
        {
            Add($"odd but valid: a collect rule set named {name}", new MalformedFile("rules/odd.rules.yaml", template.Replace("ruleset: Odd\n", $"ruleset: {name}\nhit: collect\n").Replace("default: { label: none, score: 0, big: 0, amount: 0, weight: 0, ok: false, grade: none }\n", string.Empty), null));
        }

        Add("odd but valid: conditions nested to the depth limit", Odd(template, FirstWhen, "when: " + string.Concat(Enumerable.Repeat("{ not: ", 59)) + "{ count: 1 }" + new string('}', 59)));
        Add("odd but valid: an alias expanded in many places", Odd(
            Odd(template, FirstWhen, "when: &w { any: [{ count: 1 }, { name: { prefix: a } }] }").Text!,
            "  - id: second\n",
            "  - id: third\n    when: { all: [*w, *w, { not: *w }] }\n    " + FirstThen + "\n  - id: second\n"));
        return cases;
    }

    private static MalformedFile Odd(string template, string from, string to)
    {
        if (!template.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the template has no '{from}'");
        }

        var index = template.IndexOf(from, StringComparison.Ordinal);
        return new MalformedFile("rules/odd.rules.yaml", template.Substring(0, index) + to + template.Substring(index + from.Length), null);
    }

    private static MalformedFile Derived(RuleFile file, YNode tree, Func<YNode, YNode> change) =>
        new(file.Path, change(tree.Clone()).ToYaml(), null);

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;

    private static string Name(RuleFile file) => file.Path.Substring(file.Path.LastIndexOf('/') + 1);

    /// <summary>A one-letter typo: the middle letter dropped, or for short keys the last one doubled.</summary>
    public static string Misspell(string key) => key.Length >= 4 ? key.Remove(key.Length / 2, 1) : key + (key.Length > 0 ? key[^1] : 'x');

    private static byte[] Utf8Bom(string text) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Lf(text))).ToArray();

    private static byte[] Bytes(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Replace(byte[] bytes, string from, byte[] to)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var index = Encoding.UTF8.GetByteCount(text.Substring(0, text.IndexOf(from, StringComparison.Ordinal)));
        return Bytes(bytes.Take(index).ToArray(), to, bytes.Skip(index + Encoding.UTF8.GetByteCount(from)).ToArray());
    }

    private static byte[] Splatter(byte[] bytes, int seed, int count)
    {
        var random = new Random(seed);
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < count; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(0x80, 0x100);
        }

        return copy;
    }
}
