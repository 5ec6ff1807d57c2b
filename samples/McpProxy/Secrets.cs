using System;
using System.Buffers;
using System.Collections.Frozen;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RuleCompiler.Samples.Mcp;

/// <summary>
/// The proxy's secret scanner (the rules' <c>contains_secrets</c> input) and its redactor (what a <c>redact</c>
/// action does to the forwarded message): credentials of well-known shapes are found anywhere in the message text
/// and masked in every string of params or result, and the values of arguments named like credentials are masked
/// whole.
/// </summary>
public static partial class Secrets
{
    public const string Mask = "[REDACTED]";

    // The argument names rules/mcp-intercept.rules.yaml's redact-credential-arguments tests for (ignore-case).
    private static readonly FrozenSet<string> CredentialNames = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "api_key", "apikey", "token", "access_token", "password", "authorization", "secret", "client_secret");

    // Each credential shape starts with one of these: a vectorized search for them rules most messages out at once.
    private static readonly SearchValues<string> Starts = SearchValues.Create(
        ["AKIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "sk-", "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-", "-----BEGIN ", "eyJ"], StringComparison.Ordinal);

    public static bool Contain(string text) => text.AsSpan().ContainsAny(Starts) && Credential().IsMatch(text);

    /// <summary>The message with every credential masked in its params and result; the rest as it was.</summary>
    public static string Redact(string line)
    {
        var root = JsonNode.Parse(line)!.AsObject();
        foreach (var part in new[] { "params", "result" })
        {
            if (Replacement(root[part], credentialNamed: false) is { } replaced)
            {
                root[part] = replaced;
            }
        }

        return root.ToJsonString();
    }

    // A new node for one that must be masked, else null (objects and arrays are masked in place).
    private static JsonNode? Replacement(JsonNode? node, bool credentialNamed)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToArray())
                {
                    if (Replacement(value, CredentialNames.Contains(name)) is { } replaced)
                    {
                        obj[name] = replaced;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Replacement(array[i], credentialNamed: false) is { } replaced)
                    {
                        array[i] = replaced;
                    }
                }

                return null;
            case JsonValue when credentialNamed:
                return JsonValue.Create(Mask);
            case JsonValue value when value.TryGetValue<string>(out var text) && Contain(text):
                return JsonValue.Create(Credential().Replace(text, Mask));
            default:
                return null;
        }
    }

    // AWS access key ids, GitHub tokens, OpenAI / Anthropic style keys, Slack tokens, PEM private keys, JWTs.
    [GeneratedRegex(@"AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|sk-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}", RegexOptions.CultureInvariant)]
    private static partial Regex Credential();
}
