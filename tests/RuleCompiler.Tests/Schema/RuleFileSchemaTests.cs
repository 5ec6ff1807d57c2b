using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using RuleCompiler.Language.Binding;
using RuleCompiler.Language.Compilation;
using RuleCompiler.Tests.Infrastructure;
using RuleCompiler.Tests.Infrastructure.JsonSchema;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Schema;

/// <summary>
/// schema/rules.schema.json, the JSON Schema editors use for rule files: it accepts every real rule file, rejects broken
/// ones for the right reason, never rejects a file the compiler accepts, and lists exactly the keys, types, policies and
/// operators the compiler knows (<see cref="Keywords"/>) and the spec documents.
/// </summary>
public sealed class RuleFileSchemaTests
{
    private const string SchemaLinePrefix = "# yaml-language-server: $schema=";

    private static readonly string s_schemaPath = Path.Combine(RepoPaths.Root, "schema", "rules.schema.json");
    private static readonly Lazy<string> s_schemaText = new(() => File.ReadAllText(s_schemaPath));
    private static readonly Lazy<MiniJsonSchemaValidator> s_validator = new(() => MiniJsonSchemaValidator.FromJson(s_schemaText.Value));

    private static MiniJsonSchemaValidator Validator => s_validator.Value;

    // ------------------------------------------------------------------ real files are accepted

    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void Sample_rule_file_is_accepted(string name) =>
        ShouldBeAccepted(File.ReadAllText(Path.Combine(RepoPaths.Rules, name)), name);

    [Theory]
    [MemberData(nameof(FeatureFiles.Theory), MemberType = typeof(FeatureFiles))]
    public void Feature_rule_file_is_accepted(string name) =>
        ShouldBeAccepted(FeatureFiles.Load(name).Text, name);

    [Fact]
    public void Schema_is_draft_07_with_the_placeholder_id_and_uses_only_keywords_the_test_validator_implements()
    {
        using var schema = JsonDocument.Parse(s_schemaText.Value);
        schema.RootElement.GetProperty("$schema").GetString().ShouldBe(MiniJsonSchemaValidator.Draft07);
        schema.RootElement.GetProperty("$id").GetString().ShouldBe("https://rulecompiler.dev/schema/rules.schema.json");
        schema.RootElement.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        Should.NotThrow(() => MiniJsonSchemaValidator.FromJson(s_schemaText.Value));
    }

    // ------------------------------------------------------------------ every sample points editors at the schema

    [Theory]
    [MemberData(nameof(SampleFiles.Theory), MemberType = typeof(SampleFiles))]
    public void Sample_starts_with_a_yaml_language_server_line_pointing_at_the_schema(string name)
    {
        var path = Path.Combine(RepoPaths.Rules, name);
        var firstLine = File.ReadLines(path).First();
        firstLine.StartsWith(SchemaLinePrefix, StringComparison.Ordinal)
            .ShouldBeTrue($"{name} must start with '{SchemaLinePrefix}<path>' so editors validate it; it starts with '{firstLine}'");

        var target = firstLine.Substring(SchemaLinePrefix.Length).Trim();
        target.ShouldNotContain("\\", customMessage: "use '/' so the path works on every OS");
        var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, target));
        File.Exists(resolved).ShouldBeTrue($"{name}: {target} resolves to {resolved}, which does not exist");
        resolved.ShouldBe(Path.GetFullPath(s_schemaPath));
    }

    // ------------------------------------------------------------------ broken files are rejected for the right reason

    /// <summary>Valid for the schema and the compiler; each broken case changes one thing in it.</summary>
    private const string Base =
        """
        ruleset: Demo
        hit: first
        inputs:
          age: int
          name: string
          tags: string-list
        outputs:
          label: string
        rules:
          - id: adult
            description: grown-ups
            when: { age: { gte: 18 }, name: { prefix: A }, tags: { contains: vip } }
            then: { label: adult }
          - id: other
            then: { label: other }
        tests:
          - name: an adult
            input: { age: 30, name: Ann, tags: [vip] }
            expect: { label: adult }
            rule: adult

        """;

    private sealed record BrokenCase(string Yaml, string Path, string Keyword, string MessagePart);

    private static readonly Dictionary<string, BrokenCase> s_broken = new(StringComparer.Ordinal)
    {
        ["unknown top-level key"] = Mutate("hit: first\n", "hit: first\ncolour: red\n", "/colour", "additionalProperties", "'colour'"),
        ["misspelled operator gtee"] = Mutate("gte: 18", "gtee: 18", "/rules/0/when/age/gtee", "additionalProperties", "'gtee'"),
        ["hit: fist"] = Mutate("hit: first", "hit: fist", "/hit", "enum", "fist"),
        ["rule without id"] = Mutate("  - id: other\n    then", "  - then", "/rules/1", "required", "'id'"),
        ["rule without then"] = Mutate("  - id: other\n    then: { label: other }\n", "  - id: other\n", "/rules/1", "required", "'then'"),
        ["in: []"] = Mutate("prefix: A", "in: []", "/rules/0/when/name/in", "minItems", "0 items"),
        ["between: [1]"] = Mutate("gte: 18", "between: [1]", "/rules/0/when/age/between", "minItems", "1 items"),
        ["between with three values"] = Mutate("gte: 18", "between: [1, 2, 3]", "/rules/0/when/age/between", "maxItems", "3 items"),
        ["gte with a word"] = Mutate("gte: 18", "gte: adult", "/rules/0/when/age/gte", "pattern", "adult"),
        ["eq with a sequence"] = Mutate("prefix: A", "eq: [A, B]", "/rules/0/when/name/eq", "type", "array"),
        ["empty: maybe"] = Mutate("contains: vip", "empty: maybe", "/rules/0/when/tags/empty", "enum", "maybe"),
        ["ignore-case alone"] = Mutate("name: { prefix: A }", "name: { ignore-case: true }", "/rules/0/when/name", "not", "must not match"),
        ["empty test mapping on a field"] = Mutate("name: { prefix: A }", "name: {}", "/rules/0/when/name", "minProperties", "0 properties"),
        ["all: []"] = Mutate("when: { age:", "when: { all: [], age:", "/rules/0/when/all", "minItems", "0 items"),
        ["not with a sequence"] = Mutate("when: { age:", "when: { not: [{ age: 1 }], age:", "/rules/0/when/not", "type", "object"),
        ["when as a sequence"] = Mutate("when: { age: { gte: 18 }, name: { prefix: A }, tags: { contains: vip } }", "when: [{ age: 18 }]", "/rules/0/when", "anyOf", "alternatives"),
        ["bad field name 2x"] = Mutate("  age: int\n", "  age: int\n  2x: int\n", "/inputs/2x", "propertyNames", "'2x'"),
        ["input named any"] = Mutate("  age: int\n", "  age: int\n  any: bool\n", "/inputs/any", "propertyNames", "'any'"),
        ["unknown type name"] = Mutate("  age: int\n", "  age: integer\n", "/inputs/age", "enum", "integer"),
        ["string-list output"] = Mutate("  label: string\n", "  label: string\n  labels: string-list\n", "/outputs/labels", "enum", "string-list"),
        ["empty inputs"] = Mutate("inputs:\n  age: int\n  name: string\n  tags: string-list\n", "inputs: {}\n", "/inputs", "minProperties", "0 properties"),
        ["enum with a repeated value"] = Mutate("  label: string\n", "  label: { enum: [adult, other, adult] }\n", "/outputs/label/enum/2", "uniqueItems", "repeats"),
        ["empty enum"] = Mutate("  label: string\n", "  label: { enum: [] }\n", "/outputs/label/enum", "minItems", "0 items"),
        ["enum value that is no name"] = Mutate("  label: string\n", "  label: { enum: [adult, other, 1st] }\n", "/outputs/label/enum/2", "pattern", "1st"),
        ["type and enum together"] = Mutate("  label: string\n", "  label: { type: string, enum: [adult, other] }\n", "/outputs/label/enum", "additionalProperties", "'enum'"),
        ["rule id with a space"] = Mutate("id: other", "id: other rule", "/rules/1/id", "pattern", "other rule"),
        ["ruleset named after a C# keyword"] = Mutate("ruleset: Demo", "ruleset: class", "/ruleset", "not", "class"),
        ["ruleset that is no identifier"] = Mutate("ruleset: Demo", "ruleset: My-Rules", "/ruleset", "pattern", "My-Rules"),
        ["namespace with an empty part"] = Mutate("hit: first\n", "hit: first\nnamespace: Acme..Rules\n", "/namespace", "pattern", "Acme..Rules"),
        ["namespace with a keyword part"] = Mutate("hit: first\n", "hit: first\nnamespace: Acme.event.Rules\n", "/namespace", "not", "Acme.event.Rules"),
        ["then with a sequence"] = Mutate("then: { label: adult }", "then: { label: [adult] }", "/rules/0/then/label", "type", "array"),
        ["priority without hit: priority"] = Mutate("description: grown-ups", "priority: 5", "/rules/0/priority", "false", "not allowed"),
        ["fractional priority"] = Mutate("hit: first", "hit: priority", "description: grown-ups", "priority: 1.5", "/rules/0/priority", "type", "1.5"),
        ["aggregate without collect"] = Mutate("hit: first\n", "hit: first\naggregate: sum\n", "/hit", "const", "first"),
        ["aggregate of a string output"] = Mutate("hit: first\n", "hit: collect\naggregate: sum\n", "/outputs/label", "anyOf", "alternatives"),
        ["default with plain collect"] = Mutate("hit: first\n", "hit: collect\ndefault: { label: none }\n", "/default", "false", "not allowed"),
        ["expect with plain collect"] = Mutate("hit: first", "hit: collect", "/tests/0/expect", "false", "not allowed"),
        ["rule naming a rule with collect"] = Mutate("hit: first", "hit: collect", "/tests/0/rule", "type", "null"),
        ["rules: [...] without collect"] = Mutate("rule: adult", "rules: [adult]", "/tests/0/rules", "false", "not allowed"),
        ["unknown test-case key"] = Mutate("expect: { label: adult }", "expected: { label: adult }", "/tests/0/expected", "additionalProperties", "'expected'"),
        ["test case that checks nothing"] = Mutate("    expect: { label: adult }\n    rule: adult\n", "", "/tests/0", "anyOf", "alternatives"),
        ["empty rules"] = new(
            "ruleset: Demo\ninputs: { age: int }\noutputs: { label: string }\nrules: []\n", "/rules", "minItems", "0 items"),
        ["missing outputs"] = new(
            "ruleset: Demo\ninputs: { age: int }\nrules: [{ id: a, then: { label: x } }]\n", "", "required", "'outputs'"),
    };

    public static IEnumerable<object[]> BrokenCases => s_broken.Keys.Select(name => new object[] { name });

    [Fact]
    public void Base_of_the_broken_cases_is_valid_for_the_schema_and_the_compiler()
    {
        ShouldBeAccepted(Base, "the base file");
        Compile(Base).HasErrors.ShouldBeFalse(string.Join("\n", Compile(Base).Diagnostics));
    }

    [Fact]
    public void There_are_at_least_twelve_broken_cases() => s_broken.Count.ShouldBeGreaterThanOrEqualTo(12);

    [Theory]
    [MemberData(nameof(BrokenCases))]
    public void Broken_rule_file_is_rejected_for_the_right_reason(string name)
    {
        var broken = s_broken[name];
        var errors = Validator.Validate(DataNode.FromYaml(broken.Yaml));
        var listing = string.Join("\n", errors);
        errors.ShouldNotBeEmpty($"the schema accepts the broken file '{name}'");
        errors.SelectMany(e => e.SelfAndCauses())
            .ShouldContain(
                e => e.InstancePath == broken.Path && e.Keyword == broken.Keyword && e.Message.Contains(broken.MessagePart),
                $"expected '{broken.Keyword}' at '{broken.Path}' mentioning \"{broken.MessagePart}\"; got:\n{listing}");

        // The schema only rejects what the compiler rejects.
        Compile(broken.Yaml).HasErrors.ShouldBeTrue($"'{name}' is rejected by the schema but accepted by the compiler");
    }

    [Theory]
    [InlineData("combinators.rules.yaml")]
    [InlineData("types.rules.yaml")]
    [InlineData("lists.rules.yaml")]
    [InlineData("collect.rules.yaml")]
    [InlineData("priority.rules.yaml")]
    [InlineData("numbers.rules.yaml")]
    [InlineData("aggregate-count.rules.yaml")]
    public void Schema_accepts_every_single_character_variant_of_a_feature_file_that_the_compiler_accepts(string name)
    {
        // Deleting a character, or inserting a YAML-significant one, turns many a value into another kind of scalar
        // (a number into a string, a string into null, a mapping into a sequence). Whatever the compiler still accepts,
        // the schema must accept too: editors must never flag a valid file.
        const string insertions = "~-.0\"' [{";
        var text = FeatureFiles.Load(name).Text;
        var accepted = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var variants = new List<string> { text.Remove(i, 1) };
            variants.AddRange(insertions.Select(c => text.Insert(i, c.ToString())));
            foreach (var variant in variants.Where(v => !Compile(v).HasErrors))
            {
                accepted++;
                var errors = Validator.Validate(DataNode.FromYaml(variant));
                errors.ShouldBeEmpty($"the compiler accepts this variant of {name} (change at offset {i}) but the schema rejects it:\n{string.Join("\n", errors)}\n---\n{variant}");
            }
        }

        accepted.ShouldBeGreaterThan(100);
    }

    // ------------------------------------------------------------------ in sync with the compiler's keyword lists

    public static IEnumerable<object[]> KeywordPlaces => new[]
    {
        "top-level keys", "rule keys", "test case keys", "field type keys", "input type names", "output type names",
        "hit policies", "aggregates", "combinators", "operators",
    }.Select(place => new object[] { place });

    [Theory]
    [MemberData(nameof(KeywordPlaces))]
    public void Schema_allows_exactly_the_compilers_keywords(string place)
    {
        var (schema, compiler) = place switch
        {
            "top-level keys" => (PropertyNames(Root.GetProperty("properties")), Keywords.RuleSet),
            "rule keys" => (PropertyNames(Definition("rule").GetProperty("properties")), Keywords.Rule),
            "test case keys" => (PropertyNames(Definition("testCase").GetProperty("properties")), Keywords.TestCase),
            "field type keys" => (
                new[] { "inputTypeLong", "outputTypeLong", "enumType", "mapType", "recordType" }.SelectMany(d => PropertyNames(Definition(d).GetProperty("properties"))).Distinct().ToList(),
                Keywords.FieldType),
            "input type names" => (EnumOf(Definition("inputTypeName")), Keywords.TypeNames),
            "output type names" => (EnumOf(Definition("outputTypeName")), Keywords.TypeNames.Where(t => t != "string-list").ToList()),
            "hit policies" => (EnumOf(Root.GetProperty("properties").GetProperty("hit")), Keywords.HitPolicies),
            "aggregates" => (EnumOf(Root.GetProperty("properties").GetProperty("aggregate")), Keywords.Aggregates),
            "combinators" => (PropertyNames(Definition("condition").GetProperty("properties")), Keywords.Combinators),
            "operators" => (
                PropertyNames(Definition("operators").GetProperty("properties")),
                Keywords.Operators.Concat(Keywords.ListOperators.Select(pair => pair.Key)).ToList()),
            _ => throw new ArgumentOutOfRangeException(nameof(place)),
        };

        ShouldBeSameSet(schema, compiler, place, "the compiler (RuleCompiler.Language.Binding.Keywords)");
    }

    [Fact]
    public void Long_form_types_of_inputs_and_outputs_have_the_same_keys_and_aggregates_take_numeric_types_only()
    {
        PropertyNames(Definition("inputTypeLong").GetProperty("properties"))
            .ShouldBe(PropertyNames(Definition("outputTypeLong").GetProperty("properties")));
        var numeric = Definition("numericOutputType").GetProperty("anyOf").EnumerateArray().ToList();
        EnumOf(numeric[0]).ShouldBe(new[] { "int", "long", "decimal", "double" });
        EnumOf(numeric[1].GetProperty("properties").GetProperty("type")).ShouldBe(EnumOf(numeric[0]));
        EnumOf(numeric[0]).ShouldBeSubsetOf(Keywords.TypeNames);
    }

    // ------------------------------------------------------------------ in sync with the spec

    private static readonly string s_spec = File.ReadAllText(Path.Combine(RepoPaths.Docs, "rules-spec.md"));

    [Fact]
    public void Top_level_keys_are_the_keys_of_the_spec_section_2_table() =>
        ShouldBeSameSet(PropertyNames(Root.GetProperty("properties")), FirstCellCodes(SpecSection("## 2.")), "top-level keys", "docs/rules-spec.md §2");

    [Fact]
    public void Operators_are_the_operators_of_the_spec_section_5_table() =>
        ShouldBeSameSet(PropertyNames(Definition("operators").GetProperty("properties")), FirstCellCodes(SpecSection("## 5.")), "operators", "docs/rules-spec.md §5");

    [Fact]
    public void Hit_policies_are_the_policies_of_the_spec_section_6_table() =>
        ShouldBeSameSet(EnumOf(Root.GetProperty("properties").GetProperty("hit")), FirstCellCodes(SpecSection("## 6.")), "hit policies", "docs/rules-spec.md §6");

    [Fact]
    public void Name_patterns_are_the_ones_the_spec_states()
    {
        var fieldName = Regex.Match(s_spec, @"Field names match `([^`]+)`").Groups[1].Value;
        var ruleId = Regex.Match(s_spec, @"required, unique in the file, (\S+)").Groups[1].Value;
        fieldName.ShouldNotBeEmpty();
        ruleId.ShouldNotBeEmpty();
        Definition("fieldName").GetProperty("pattern").GetString().ShouldBe("^" + fieldName + "$");
        Definition("ruleId").GetProperty("anyOf")[0].GetProperty("pattern").GetString().ShouldBe("^" + ruleId + "$");
    }

    // Every name the schema checks, probed against the compiler's own checks (RuleCompiler.Language.Binding.Names).
    public static IEnumerable<object[]> NameChecks => new[] { "ruleSetName", "namespaceName", "fieldName", "inputName", "enumValue", "ruleId" }
        .Select(definition => new object[] { definition });

    [Theory]
    [MemberData(nameof(NameChecks))]
    public void Schema_name_check_agrees_with_the_compiler(string definition)
    {
        var words = SyntaxFacts.GetKeywordKinds().Select(SyntaxFacts.GetText)
            .Concat(new[] { "ShellGuard", "Shell_Guard2", "_x", "x1", "1x", "my-rules", "my_rules", "Class", "String", "True", "", " ", "a b", "é", "x.y", "A-", "a--b", "9", "1.5", ".x", "-x", "a/b", "all", "any", "not", "file", "scoped", "required", "record", "Evaluate", "EvaluateAll", "Rules", "Matches", "RuleBits", "Node3", "Node0Part1", "s_rules", "Evaluator", "Node", "Explain", "ExplainRule3", "ExplainRule3_2", "ExplainRules1", "ExplainValue", "Explainer", "ExplainRule", "ExplainRule3_" })
            .Distinct()
            .ToList();
        var probes = definition == "namespaceName"
            ? words.Concat(words.Select(w => "Acme." + w + ".Rules")).Concat(new[] { "Acme..Rules", ".Acme", "Acme.", "global::Acme", "Acme.Safety" }).ToList()
            : words;
        Func<string, bool> compiler = definition switch
        {
            "ruleSetName" => name => Names.IsTypeName(name) && !GeneratedMembers.IsMemberName(name),
            "namespaceName" => Names.IsNamespace,
            "fieldName" or "enumValue" => Names.IsFieldName,
            "inputName" => name => Names.IsFieldName(name) && name is not ("all" or "any" or "not"),
            "ruleId" => Names.IsRuleId,
            _ => throw new ArgumentOutOfRangeException(nameof(definition)),
        };

        var disagreements = probes
            .Where(probe => (Validator.Validate(new DataScalar(probe, isPlain: false), "#/definitions/" + definition).Count == 0) != compiler(probe))
            .Select(probe => $"'{probe}': compiler {(compiler(probe) ? "accepts" : "rejects")}, schema does not")
            .ToList();
        disagreements.ShouldBeEmpty();
    }

    // ------------------------------------------------------------------ the test validator itself

    [Theory]
    [InlineData("""{ "type": "string", "format": "email" }""", "format")]
    [InlineData("""{ "properties": { "a": { "minLength": 1 } } }""", "minLength")]
    [InlineData("""{ "definitions": { "d": { "dependencies": {} } } }""", "dependencies")]
    [InlineData("""{ "anyOf": [ { "type": "string" }, { "exclusiveMaximum": 3 } ] }""", "exclusiveMaximum")]
    [InlineData("""{ "items": [ { "type": "string" } ] }""", "tuple")]
    [InlineData("""{ "$ref": "#/definitions/d", "type": "string", "definitions": { "d": {} } }""", "beside $ref")]
    [InlineData("""{ "$ref": "other.json#/x" }""", "#/definitions/NAME")]
    [InlineData("""{ "$schema": "https://json-schema.org/draft/2020-12/schema" }""", "draft-07")]
    public void Validator_throws_on_a_schema_keyword_it_does_not_support(string schema, string named)
    {
        var exception = Should.Throw<NotSupportedException>(() => MiniJsonSchemaValidator.FromJson(schema));
        exception.Message.ShouldContain(named);
    }

    [Fact]
    public void Validator_follows_a_ref_to_a_definition()
    {
        var validator = MiniJsonSchemaValidator.FromJson(
            """{ "definitions": { "small": { "type": "integer", "maximum": 3 } }, "properties": { "n": { "$ref": "#/definitions/small" } } }""");
        validator.IsValid(DataNode.FromYaml("n: 2")).ShouldBeTrue();
        var error = validator.Validate(DataNode.FromYaml("n: 5")).ShouldHaveSingleItem();
        (error.InstancePath, error.Keyword, error.SchemaPath).ShouldBe(("/n", "maximum", "#/definitions/small/maximum"));
        validator.Validate(DataNode.FromYaml("n: '2'")).ShouldHaveSingleItem().Keyword.ShouldBe("type");
    }

    [Fact]
    public void Validator_stops_a_ref_that_loops_on_one_value_instead_of_hanging()
    {
        var validator = MiniJsonSchemaValidator.FromJson("""{ "$ref": "#/definitions/a", "definitions": { "a": { "allOf": [{ "$ref": "#/definitions/a" }] } } }""");
        Should.Throw<InvalidOperationException>(() => validator.Validate(DataNode.FromYaml("x: 1"))).Message.ShouldContain("$ref loop");
    }

    [Fact]
    public void Validator_rejects_unknown_properties_when_additionalProperties_is_false()
    {
        var validator = MiniJsonSchemaValidator.FromJson("""{ "properties": { "a": true }, "patternProperties": { "^x-": true }, "additionalProperties": false }""");
        validator.IsValid(DataNode.FromYaml("{ a: 1, x-extra: 2 }")).ShouldBeTrue();
        var error = validator.Validate(DataNode.FromYaml("{ a: 1, b: 2 }")).ShouldHaveSingleItem();
        (error.InstancePath, error.Keyword).ShouldBe(("/b", "additionalProperties"));
    }

    [Fact]
    public void Validator_applies_then_or_else_by_whether_if_holds()
    {
        var validator = MiniJsonSchemaValidator.FromJson(
            """{ "if": { "required": ["a"] }, "then": { "required": ["b"] }, "else": { "maxProperties": 0 } }""");
        validator.IsValid(DataNode.FromYaml("{ a: 1, b: 2 }")).ShouldBeTrue();
        validator.Validate(DataNode.FromYaml("{ a: 1 }")).ShouldHaveSingleItem().Keyword.ShouldBe("required");
        validator.IsValid(DataNode.FromYaml("{}")).ShouldBeTrue();
        validator.Validate(DataNode.FromYaml("{ c: 1 }")).ShouldHaveSingleItem().Keyword.ShouldBe("maxProperties");
    }

    [Theory]
    [InlineData("x: true", ScalarKind.Boolean)]
    [InlineData("x: FALSE", ScalarKind.Boolean)]
    [InlineData("x: 'true'", ScalarKind.String)]
    [InlineData("x: yes", ScalarKind.String)]
    [InlineData("x: 12", ScalarKind.Number)]
    [InlineData("x: -2.5e3", ScalarKind.Number)]
    [InlineData("x: 0x1F", ScalarKind.Number)]
    [InlineData("x: .inf", ScalarKind.Number)]
    [InlineData("x: \"12\"", ScalarKind.String)]
    [InlineData("x: 1.2.3", ScalarKind.String)]
    [InlineData("x: ~", ScalarKind.Null)]
    [InlineData("x: null", ScalarKind.Null)]
    [InlineData("x:", ScalarKind.Null)]
    [InlineData("x: ''", ScalarKind.String)]
    [InlineData("x: !!str 12", ScalarKind.String)]
    public void Yaml_scalars_get_their_YAML_1_2_core_schema_type(string yaml, ScalarKind kind)
    {
        var scalar = (DataScalar)((DataMapping)DataNode.FromYaml(yaml)).Entries.Single().Value;
        scalar.Kind.ShouldBe(kind);
    }

    [Fact]
    public void Numbers_compare_by_value_and_integers_are_numbers_without_a_fraction()
    {
        var validator = MiniJsonSchemaValidator.FromJson("""{ "type": "integer", "enum": [1, 2], "minimum": 1 }""");
        validator.IsValid(DataNode.FromYaml("1.0")).ShouldBeTrue();
        validator.IsValid(DataNode.FromYaml("2")).ShouldBeTrue();
        validator.Validate(DataNode.FromYaml("1.5")).Select(e => e.Keyword).ShouldBe(new[] { "type", "enum" });
        validator.Validate(DataNode.FromYaml("'1'")).Select(e => e.Keyword).ShouldBe(new[] { "type", "enum" });
    }

    // ------------------------------------------------------------------ helpers

    private static BrokenCase Mutate(string find, string replace, string path, string keyword, string messagePart) =>
        new(Replace(Base, find, replace), path, keyword, messagePart);

    private static BrokenCase Mutate(string find1, string replace1, string find2, string replace2, string path, string keyword, string messagePart) =>
        new(Replace(Replace(Base, find1, replace1), find2, replace2), path, keyword, messagePart);

    private static string Replace(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{find}' must occur exactly once in the base file");
        }

        return text.Substring(0, at) + replace + text.Substring(at + find.Length);
    }

    private static void ShouldBeAccepted(string yaml, string what)
    {
        var errors = Validator.Validate(DataNode.FromYaml(yaml));
        errors.ShouldBeEmpty($"the schema rejects {what}:\n{string.Join("\n", errors)}");
    }

    private static CompiledRuleFile Compile(string yaml) =>
        RuleFileCompiler.Compile(yaml, new BindOptions("Ns", "schema-test.rules.yaml"), CancellationToken.None);

    private static readonly Lazy<JsonElement> s_root = new(() =>
    {
        using var document = JsonDocument.Parse(s_schemaText.Value);
        return document.RootElement.Clone();
    });

    private static JsonElement Root => s_root.Value;

    private static JsonElement Definition(string name) => Root.GetProperty("definitions").GetProperty(name);

    private static List<string> PropertyNames(JsonElement properties) => properties.EnumerateObject().Select(p => p.Name).ToList();

    private static List<string> EnumOf(JsonElement schema) => schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToList();

    private static void ShouldBeSameSet(IReadOnlyCollection<string> schema, IReadOnlyCollection<string> other, string what, string otherName)
    {
        other.Except(schema).ToList().ShouldBeEmpty($"{what}: {otherName} has these, the schema does not");
        schema.Except(other).ToList().ShouldBeEmpty($"{what}: the schema has these, {otherName} does not");
        schema.Count.ShouldBe(schema.Distinct().Count(), $"{what}: the schema lists a name twice");
    }

    private static string SpecSection(string heading)
    {
        var start = s_spec.IndexOf("\n" + heading, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"docs/rules-spec.md has no section '{heading}'");
        var end = s_spec.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? s_spec.Substring(start) : s_spec.Substring(start, end - start);
    }

    /// <summary>The `code` names in the first cell of each row of the section's table (header and rule rows excluded).</summary>
    private static List<string> FirstCellCodes(string section) =>
        section.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Regex.Matches(line.Split('|')[1], "`([^`]+)`").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
}
