using System.Collections.Generic;
using RuleCompiler.Language.Syntax;

namespace RuleCompiler.Language.Binding;

// Node-shape helpers (one implementation, NodeShapes, shared with the composer): each reports a precise error at
// the node and returns null when the shape is wrong.
public sealed partial class Binder
{
    private void CheckKeys(YamlMapping map, IReadOnlyList<string> allowed, string context) => _shapes.CheckKeys(map, allowed, context);

    private static YamlNode? Get(YamlMapping map, string key) => map.Get(key);

    private static YamlScalar? GetKey(YamlMapping map, string key) => map.GetKey(key);

    private YamlNode? Required(YamlMapping map, string key, string context) => _shapes.Required(map, key, context);

    private YamlScalar? RequiredScalar(YamlMapping map, string key, string context) => _shapes.RequiredScalar(map, key, context);

    private YamlScalar? Scalar(YamlNode node, string what) => _shapes.Scalar(node, what);

    private YamlMapping? Mapping(YamlNode node, string what, string shape) => _shapes.Mapping(node, what, shape);

    private YamlSequence? Sequence(YamlNode node, string what, string shape) => _shapes.Sequence(node, what, shape);

    private string? OptionalText(YamlMapping map, string key, string what) => _shapes.OptionalText(map, key, what);

    private static string Capitalize(string text) => NodeShapes.Capitalize(text);
}
