using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace RuleCompiler.Samples.Api;

/// <summary>The networks whose requests count as <c>ip_trusted</c> (configuration: <c>AccessPolicy:TrustedNetworks</c>).</summary>
public sealed class TrustedNetworks(IEnumerable<IPNetwork> networks)
{
    private readonly IPNetwork[] _networks = networks.ToArray();

    public bool Contains(IPAddress? address) =>
        address is not null && _networks.Any(network => network.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}

/// <summary>
/// Authorizes each request of the API with the compiled <see cref="AccessPolicy"/> rule set: it gathers the
/// policy's inputs (role and MFA from the bearer token, the resource path and the action from the route and the
/// method, the trusted network from the remote address, the time from the server's clock in the caller's UTC offset,
/// the resource's tags from the store, the request's headers), evaluates, and either runs the endpoint or answers 403
/// naming the rule that denied (none for the default deny); in Development the 403 also carries <c>Explain</c>'s
/// trace of every rule.
/// </summary>
public sealed class AccessPolicyFilter(ResourceStore store, TrustedNetworks trusted, TimeProvider clock, IHostEnvironment environment) : IEndpointFilter
{
    /// <summary>The header a client may send to say its UTC offset (<c>+09:00</c>): business hours are the requester's.</summary>
    public const string UtcOffsetHeader = "x-utc-offset";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Caller.TryRead(http.Request, out var caller, out var problem))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(problem, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        if (!TryReadOffset(http.Request, out var offset))
        {
            return Results.Problem($"{UtcOffsetHeader} must be an offset such as +09:00 or -05:00", statusCode: StatusCodes.Status400BadRequest);
        }

        var input = InputOf(http, caller, offset);
        var result = AccessPolicy.Evaluate(input);
        if (result.Output.Effect == AccessPolicyEffect.Allow)
        {
            return await next(context);
        }

        http.Response.Headers["x-policy-rule"] = result.RuleId ?? "default";
        var denial = new Dictionary<string, object?>
        {
            ["error"] = "forbidden",
            ["rule"] = result.RuleId,
            ["reason"] = result.Output.Reason,
            ["resource"] = input.Resource,
            ["action"] = input.Action.ToString().ToLowerInvariant(),
        };
        if (environment.IsDevelopment())
        {
            // Explain evaluates again, rule by rule, and allocates: only where a developer reads the answer.
            denial["explanation"] = AccessPolicy.Explain(input).ToString().TrimEnd('\n').Split('\n');
        }

        return Results.Json(denial, statusCode: StatusCodes.Status403Forbidden);
    }

    /// <summary>The policy's inputs for this request.</summary>
    public AccessPolicyInput InputOf(HttpContext http, Caller caller, TimeSpan offset)
    {
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<ApiOperation>()
            ?? throw new InvalidOperationException($"endpoint {http.GetEndpoint()?.DisplayName} has no ApiOperation metadata");
        var resource = operation.ResourceOf(http.Request);
        return new AccessPolicyInput
        {
            Role = caller.Role,
            Mfa = caller.Mfa,
            Resource = resource,
            Action = operation.ActionOf(http.Request),
            IpTrusted = trusted.Contains(http.Connection.RemoteIpAddress),
            At = clock.GetUtcNow().ToOffset(offset),
            Tags = store.TagsOf(resource),
            Headers = HeadersOf(http.Request),
        };
    }

    // Header names in lower case, as HTTP/2 sends them and as the rules spell them; repeated values joined by ", ".
    private static Dictionary<string, string> HeadersOf(HttpRequest request)
    {
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = values.ToString();
        }

        return headers;
    }

    private bool TryReadOffset(HttpRequest request, out TimeSpan offset)
    {
        offset = clock.LocalTimeZone.GetUtcOffset(clock.GetUtcNow());
        var text = request.Headers[UtcOffsetHeader].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (!DateTimeOffset.TryParseExact("2000-01-01T00:00:00" + text, "yyyy-MM-dd'T'HH:mm:sszzz",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        offset = parsed.Offset;
        return true;
    }
}
