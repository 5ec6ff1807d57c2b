using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RuleCompiler.Tests.Infrastructure.JsonSchema;

// A TEST UTILITY, not a general JSON Schema implementation. The machine that builds this repository has no JSON
// Schema validator package, so the tests of schema/rules.schema.json use this one. It implements exactly the
// draft-07 keywords that schema uses, and it refuses (throws NotSupportedException) any other keyword, anywhere in a
// schema, so a keyword can never be silently ignored: adding one to the schema means adding it here, with a test.
//
// Instances and schemas are both read into one neutral tree (DataNode): mappings, sequences and scalars. A scalar
// keeps its text and whether it was written plain (unquoted); its JSON type follows YAML 1.2's core schema, the one
// yaml-language-server uses: a plain true/false is a boolean, a plain number a number, a plain null, ~ or nothing is
// null, and everything quoted is a string. JSON values map onto the same tree (strings are quoted scalars; numbers,
// true, false and null are plain ones).

/// <summary>
/// A deliberately small JSON Schema (draft-07) validator for the tests of schema/rules.schema.json: the keywords that
/// schema uses and nothing else. Construction walks the whole schema and throws <see cref="NotSupportedException"/> for
/// any keyword it does not implement, so nothing is ever ignored.
/// </summary>
/// <remarks>
/// Implemented: boolean schemas, <c>$ref</c> (to <c>#/definitions/NAME</c> only, with no assertion beside it, since
/// draft-07 ignores those), <c>type</c> (one or several), <c>enum</c>, <c>const</c>, <c>pattern</c> (ECMAScript
/// flavour), <c>minimum</c>, <c>maximum</c>, <c>properties</c>, <c>patternProperties</c>, <c>additionalProperties</c>,
/// <c>propertyNames</c>, <c>required</c>, <c>minProperties</c>, <c>maxProperties</c>, <c>items</c> (one schema for
/// every item; not the tuple form), <c>minItems</c>, <c>maxItems</c>, <c>uniqueItems</c>, <c>allOf</c>, <c>anyOf</c>,
/// <c>oneOf</c>, <c>not</c>, <c>if</c> / <c>then</c> / <c>else</c>. Annotations, which never affect validation:
/// <c>$schema</c> (must be draft-07), <c>$id</c> (root only), <c>$comment</c>, <c>title</c>, <c>description</c>,
/// <c>markdownDescription</c> (VS Code), <c>default</c>, <c>examples</c>, <c>definitions</c>.
/// </remarks>
public sealed class MiniJsonSchemaValidator
{
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    /// <summary>How deeply schemas may nest during one validation: a guard against a $ref that loops on one instance node.</summary>
    private const int MaxDepth = 1000;

    private static readonly HashSet<string> s_annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "markdownDescription", "default", "examples", "definitions",
    };

    private static readonly HashSet<string> s_assertions = new(StringComparer.Ordinal)
    {
        "$ref", "type", "enum", "const", "pattern", "minimum", "maximum",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "required", "minProperties", "maxProperties",
        "items", "minItems", "maxItems", "uniqueItems",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    };

    private static readonly HashSet<string> s_types = new(StringComparer.Ordinal) { "object", "array", "string", "number", "integer", "boolean", "null" };

    private readonly DataNode _root;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public MiniJsonSchemaValidator(DataNode schema)
    {
        _root = schema;
        if (schema is DataMapping root && root.TryGet("$schema", out var dialect) && Text(dialect, "$schema") != Draft07)
        {
            throw new NotSupportedException($"$schema {dialect}: only draft-07 ({Draft07}) is supported");
        }

        Check(schema, "#", isRoot: true);
    }

    public static MiniJsonSchemaValidator FromJson(string json) => new(DataNode.FromJson(json));

    /// <summary>The reasons <paramref name="instance"/> does not match the schema; empty when it does.</summary>
    public IReadOnlyList<SchemaError> Validate(DataNode instance) => Validate(instance, _root, "", "#", depth: 0);

    /// <summary>Like <see cref="Validate(DataNode)"/>, against one of the schema's definitions, e.g. <c>#/definitions/ruleId</c>.</summary>
    public IReadOnlyList<SchemaError> Validate(DataNode instance, string reference) => Validate(instance, Resolve(reference), "", reference, depth: 0);

    public bool IsValid(DataNode instance) => Validate(instance).Count == 0;

    // ------------------------------------------------------------------ checking the schema itself

    private void Check(DataNode schema, string path, bool isRoot = false)
    {
        if (schema is DataScalar { Kind: ScalarKind.Boolean })
        {
            return;
        }

        if (schema is not DataMapping map)
        {
            throw new ArgumentException($"{path}: a schema must be an object or a boolean, not {schema}");
        }

        foreach (var entry in map.Entries)
        {
            if (!s_annotations.Contains(entry.Key) && !s_assertions.Contains(entry.Key))
            {
                throw new NotSupportedException($"{path}: the keyword '{entry.Key}' is not supported by {nameof(MiniJsonSchemaValidator)}");
            }
        }

        if (map.TryGet("$id", out _) && !isRoot)
        {
            throw new NotSupportedException($"{path}: $id is supported at the root only");
        }

        if (map.TryGet("$ref", out var reference))
        {
            var beside = map.Entries.Select(e => e.Key).Where(key => key != "$ref" && s_assertions.Contains(key)).ToList();
            if (beside.Count > 0)
            {
                throw new NotSupportedException($"{path}: draft-07 ignores keywords beside $ref ({string.Join(", ", beside)}); wrap them in allOf");
            }

            Resolve(Text(reference, path + "/$ref"));
        }

        foreach (var entry in map.Entries)
        {
            var at = path + "/" + Escape(entry.Key);
            var value = entry.Value;
            switch (entry.Key)
            {
                case "type":
                    foreach (var type in value is DataSequence types ? types.Items : new[] { value })
                    {
                        if (!s_types.Contains(Text(type, at)))
                        {
                            throw new ArgumentException($"{at}: unknown type {type}");
                        }
                    }

                    break;
                case "enum":
                    if (value is not DataSequence { Items.Count: > 0 })
                    {
                        throw new ArgumentException($"{at}: enum must be a non-empty array");
                    }

                    break;
                case "pattern":
                    Pattern(Text(value, at));
                    break;
                case "minimum":
                case "maximum":
                    if (value is not DataScalar { Kind: ScalarKind.Number })
                    {
                        throw new ArgumentException($"{at}: must be a number");
                    }

                    break;
                case "minProperties":
                case "maxProperties":
                case "minItems":
                case "maxItems":
                    Count(value, at);
                    break;
                case "uniqueItems":
                    if (value is not DataScalar { Kind: ScalarKind.Boolean })
                    {
                        throw new ArgumentException($"{at}: must be a boolean");
                    }

                    break;
                case "required":
                    foreach (var name in List(value, at))
                    {
                        Text(name, at);
                    }

                    break;
                case "properties":
                case "definitions":
                    foreach (var property in Map(value, at).Entries)
                    {
                        Check(property.Value, at + "/" + Escape(property.Key));
                    }

                    break;
                case "patternProperties":
                    foreach (var property in Map(value, at).Entries)
                    {
                        Pattern(property.Key);
                        Check(property.Value, at + "/" + Escape(property.Key));
                    }

                    break;
                case "items":
                    if (value is DataSequence)
                    {
                        throw new NotSupportedException($"{at}: the tuple form of items (an array of schemas) is not supported");
                    }

                    Check(value, at);
                    break;
                case "additionalProperties":
                case "propertyNames":
                case "not":
                case "if":
                case "then":
                case "else":
                    Check(value, at);
                    break;
                case "allOf":
                case "anyOf":
                case "oneOf":
                    var items = List(value, at);
                    if (items.Count == 0)
                    {
                        throw new ArgumentException($"{at}: must be a non-empty array");
                    }

                    for (var i = 0; i < items.Count; i++)
                    {
                        Check(items[i], at + "/" + i);
                    }

                    break;
            }
        }

        if ((map.TryGet("then", out _) || map.TryGet("else", out _)) && !map.TryGet("if", out _))
        {
            throw new ArgumentException($"{path}: then / else without if");
        }
    }

    private DataNode Resolve(string reference)
    {
        const string prefix = "#/definitions/";
        if (reference == "#")
        {
            return _root;
        }

        if (!reference.StartsWith(prefix, StringComparison.Ordinal) || reference.IndexOf('/', prefix.Length) >= 0)
        {
            throw new NotSupportedException($"$ref {reference}: only #/definitions/NAME is supported");
        }

        var name = reference.Substring(prefix.Length).Replace("~1", "/").Replace("~0", "~");
        if (_root is DataMapping root && root.TryGet("definitions", out var definitions)
            && definitions is DataMapping map && map.TryGet(name, out var target))
        {
            return target;
        }

        throw new ArgumentException($"$ref {reference} names no definition");
    }

    private Regex Pattern(string pattern) => _patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.ECMAScript));

    private static string Text(DataNode node, string path) =>
        node is DataScalar { Kind: ScalarKind.String } scalar ? scalar.Text : throw new ArgumentException($"{path}: expected a string, not {node}");

    private static IReadOnlyList<DataNode> List(DataNode node, string path) =>
        node is DataSequence sequence ? sequence.Items : throw new ArgumentException($"{path}: expected an array");

    private static DataMapping Map(DataNode node, string path) =>
        node as DataMapping ?? throw new ArgumentException($"{path}: expected an object");

    private static int Count(DataNode node, string path) =>
        node is DataScalar { IsInteger: true, Decimal: >= 0m and <= 2147483647m } scalar
            ? (int)scalar.Decimal!.Value
            : throw new ArgumentException($"{path}: expected a non-negative integer, not {node}");

    private static string Escape(string key) => key.Replace("~", "~0").Replace("/", "~1");

    // ------------------------------------------------------------------ validating an instance

    private IReadOnlyList<SchemaError> Validate(DataNode instance, DataNode schema, string path, string schemaPath, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"{schemaPath}: more than {MaxDepth} nested schemas at {path}; does a $ref loop without consuming the instance?");
        }

        var errors = new List<SchemaError>();
        if (schema is DataScalar { Kind: ScalarKind.Boolean } flag)
        {
            if (!flag.Boolean)
            {
                errors.Add(new SchemaError(path, "false", schemaPath, "a value is not allowed here", Array.Empty<SchemaError>()));
            }

            return errors;
        }

        var map = (DataMapping)schema;
        void Fail(string keyword, string message, IReadOnlyList<SchemaError>? causes = null, string? at = null) =>
            errors.Add(new SchemaError(at ?? path, keyword, schemaPath + "/" + keyword, message, causes ?? Array.Empty<SchemaError>()));

        foreach (var entry in map.Entries)
        {
            var keyword = entry.Key;
            var value = entry.Value;
            var keywordPath = schemaPath + "/" + Escape(keyword);
            switch (keyword)
            {
                case "$ref":
                    var reference = ((DataScalar)value).Text;
                    errors.AddRange(Validate(instance, Resolve(reference), path, reference, depth + 1));
                    break;
                case "type":
                    var types = value is DataSequence list ? list.Items.Select(t => ((DataScalar)t).Text).ToList() : new List<string> { ((DataScalar)value).Text };
                    if (!types.Any(type => HasType(instance, type)))
                    {
                        Fail(keyword, $"{Describe(instance)} is not of type {string.Join(" or ", types)}");
                    }

                    break;
                case "enum":
                    if (!((DataSequence)value).Items.Any(option => DataNode.DeepEquals(instance, option)))
                    {
                        Fail(keyword, $"{Describe(instance)} is not one of {string.Join(", ", ((DataSequence)value).Items)}");
                    }

                    break;
                case "const":
                    if (!DataNode.DeepEquals(instance, value))
                    {
                        Fail(keyword, $"{Describe(instance)} is not {value}");
                    }

                    break;
                case "pattern":
                    if (instance is DataScalar { Kind: ScalarKind.String } text && !Pattern(((DataScalar)value).Text).IsMatch(text.Text))
                    {
                        Fail(keyword, $"\"{text.Text}\" does not match {((DataScalar)value).Text}");
                    }

                    break;
                case "minimum":
                    if (instance is DataScalar { Kind: ScalarKind.Number } low && DataScalar.CompareNumbers(low, (DataScalar)value) is < 0 or 2)
                    {
                        Fail(keyword, $"{low.Text} is less than {value}");
                    }

                    break;
                case "maximum":
                    if (instance is DataScalar { Kind: ScalarKind.Number } high && DataScalar.CompareNumbers(high, (DataScalar)value) is > 0)
                    {
                        Fail(keyword, $"{high.Text} is greater than {value}");
                    }

                    break;
                case "required":
                    if (instance is DataMapping withRequired)
                    {
                        foreach (var name in ((DataSequence)value).Items.Select(n => ((DataScalar)n).Text))
                        {
                            if (!withRequired.TryGet(name, out _))
                            {
                                Fail(keyword, $"missing required property '{name}'");
                            }
                        }
                    }

                    break;
                case "minProperties":
                    if (instance is DataMapping few && few.Entries.Count < Count(value, keywordPath))
                    {
                        Fail(keyword, $"has {few.Entries.Count} properties, fewer than {value}");
                    }

                    break;
                case "maxProperties":
                    if (instance is DataMapping many && many.Entries.Count > Count(value, keywordPath))
                    {
                        Fail(keyword, $"has {many.Entries.Count} properties, more than {value}");
                    }

                    break;
                case "properties":
                    if (instance is DataMapping withProperties)
                    {
                        foreach (var property in ((DataMapping)value).Entries)
                        {
                            if (withProperties.TryGet(property.Key, out var child))
                            {
                                errors.AddRange(Validate(child, property.Value, path + "/" + Escape(property.Key), keywordPath + "/" + Escape(property.Key), depth + 1));
                            }
                        }
                    }

                    break;
                case "patternProperties":
                    if (instance is DataMapping withPatterns)
                    {
                        foreach (var property in ((DataMapping)value).Entries)
                        {
                            foreach (var child in withPatterns.Entries.Where(e => Pattern(property.Key).IsMatch(e.Key)))
                            {
                                errors.AddRange(Validate(child.Value, property.Value, path + "/" + Escape(child.Key), keywordPath + "/" + Escape(property.Key), depth + 1));
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (instance is DataMapping withAdditional)
                    {
                        foreach (var child in withAdditional.Entries.Where(e => !IsDeclared(map, e.Key)))
                        {
                            var childPath = path + "/" + Escape(child.Key);
                            if (value is DataScalar { Kind: ScalarKind.Boolean, Boolean: false })
                            {
                                Fail(keyword, $"property '{child.Key}' is not allowed", at: childPath);
                            }
                            else
                            {
                                errors.AddRange(Validate(child.Value, value, childPath, keywordPath, depth + 1));
                            }
                        }
                    }

                    break;
                case "propertyNames":
                    if (instance is DataMapping withNames)
                    {
                        foreach (var child in withNames.Entries)
                        {
                            var problems = Validate(new DataScalar(child.Key, isPlain: false), value, path + "/" + Escape(child.Key), keywordPath, depth + 1);
                            if (problems.Count > 0)
                            {
                                Fail(keyword, $"'{child.Key}' is not a valid property name here", problems, at: path + "/" + Escape(child.Key));
                            }
                        }
                    }

                    break;
                case "items":
                    if (instance is DataSequence withItems)
                    {
                        for (var i = 0; i < withItems.Items.Count; i++)
                        {
                            errors.AddRange(Validate(withItems.Items[i], value, path + "/" + i, keywordPath, depth + 1));
                        }
                    }

                    break;
                case "minItems":
                    if (instance is DataSequence tooShort && tooShort.Items.Count < Count(value, keywordPath))
                    {
                        Fail(keyword, $"has {tooShort.Items.Count} items, fewer than {value}");
                    }

                    break;
                case "maxItems":
                    if (instance is DataSequence tooLong && tooLong.Items.Count > Count(value, keywordPath))
                    {
                        Fail(keyword, $"has {tooLong.Items.Count} items, more than {value}");
                    }

                    break;
                case "uniqueItems":
                    if (instance is DataSequence withUnique && ((DataScalar)value).Boolean)
                    {
                        for (var i = 0; i < withUnique.Items.Count; i++)
                        {
                            for (var j = 0; j < i; j++)
                            {
                                if (DataNode.DeepEquals(withUnique.Items[i], withUnique.Items[j]))
                                {
                                    Fail(keyword, $"item {i} repeats item {j} ({Describe(withUnique.Items[i])})", at: path + "/" + i);
                                }
                            }
                        }
                    }

                    break;
                case "allOf":
                    var all = ((DataSequence)value).Items;
                    for (var i = 0; i < all.Count; i++)
                    {
                        errors.AddRange(Validate(instance, all[i], path, keywordPath + "/" + i, depth + 1));
                    }

                    break;
                case "anyOf":
                {
                    var branches = Branches(instance, (DataSequence)value, path, keywordPath, depth);
                    if (branches.All(b => b.Count > 0))
                    {
                        Fail(keyword, $"{Describe(instance)} matches none of the {branches.Count} alternatives", branches.SelectMany(b => b).ToList());
                    }

                    break;
                }

                case "oneOf":
                {
                    var branches = Branches(instance, (DataSequence)value, path, keywordPath, depth);
                    var matched = Enumerable.Range(0, branches.Count).Where(i => branches[i].Count == 0).ToList();
                    if (matched.Count == 0)
                    {
                        Fail(keyword, $"{Describe(instance)} matches none of the {branches.Count} alternatives", branches.SelectMany(b => b).ToList());
                    }
                    else if (matched.Count > 1)
                    {
                        Fail(keyword, $"{Describe(instance)} matches alternatives {string.Join(" and ", matched)}, not exactly one");
                    }

                    break;
                }

                case "not":
                    if (Validate(instance, value, path, keywordPath, depth + 1).Count == 0)
                    {
                        Fail(keyword, $"{Describe(instance)} matches a schema it must not match");
                    }

                    break;
                case "if":
                    var holds = Validate(instance, value, path, keywordPath, depth + 1).Count == 0;
                    var branch = holds ? "then" : "else";
                    if (map.TryGet(branch, out var consequence))
                    {
                        errors.AddRange(Validate(instance, consequence, path, schemaPath + "/" + branch, depth + 1));
                    }

                    break;
            }
        }

        return errors;
    }

    private List<IReadOnlyList<SchemaError>> Branches(DataNode instance, DataSequence schemas, string path, string schemaPath, int depth) =>
        schemas.Items.Select((schema, i) => Validate(instance, schema, path, schemaPath + "/" + i, depth + 1)).ToList();

    private bool IsDeclared(DataMapping schema, string key) =>
        (schema.TryGet("properties", out var properties) && ((DataMapping)properties).TryGet(key, out _))
        || (schema.TryGet("patternProperties", out var patterns) && ((DataMapping)patterns).Entries.Any(p => Pattern(p.Key).IsMatch(key)));

    private static bool HasType(DataNode instance, string type) => (type, instance) switch
    {
        ("object", DataMapping) => true,
        ("array", DataSequence) => true,
        ("string", DataScalar { Kind: ScalarKind.String }) => true,
        ("number", DataScalar { Kind: ScalarKind.Number }) => true,
        ("integer", DataScalar { IsInteger: true }) => true,
        ("boolean", DataScalar { Kind: ScalarKind.Boolean }) => true,
        ("null", DataScalar { Kind: ScalarKind.Null }) => true,
        _ => false,
    };

    private static string Describe(DataNode node) => node switch
    {
        DataMapping => "an object",
        DataSequence sequence => $"an array of {sequence.Items.Count}",
        DataScalar scalar => $"{scalar} ({scalar.Kind.ToString().ToLowerInvariant()})",
        _ => node.ToString()!,
    };
}
