using System;
using Microsoft.AspNetCore.Http;

namespace RuleCompiler.Samples.Api;

/// <summary>
/// Who is calling, from the sample's bearer-token scheme: <c>Authorization: Bearer ROLE</c> or
/// <c>Bearer ROLE+mfa</c>, ROLE one of the policy's roles (viewer, editor, admin, owner, service; anonymous is no
/// header at all), <c>+mfa</c> when the session was established with a second factor. A stand-in for a real token
/// service that would sign these claims: it shows where the policy's inputs come from, it authenticates nothing.
/// </summary>
public readonly record struct Caller(AccessPolicyRole Role, bool Mfa)
{
    public static bool TryRead(HttpRequest request, out Caller caller, out string? problem)
    {
        caller = new Caller(AccessPolicyRole.Anonymous, Mfa: false);
        problem = null;
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return true;
        }

        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            problem = "the Authorization header must be 'Bearer ROLE' or 'Bearer ROLE+mfa'";
            return false;
        }

        var token = header.AsSpan("Bearer ".Length).Trim();
        var mfa = token.EndsWith("+mfa", StringComparison.Ordinal);
        var roleName = mfa ? token[..^"+mfa".Length] : token;
        AccessPolicyRole? role = roleName switch
        {
            "viewer" => AccessPolicyRole.Viewer,
            "editor" => AccessPolicyRole.Editor,
            "admin" => AccessPolicyRole.Admin,
            "owner" => AccessPolicyRole.Owner,
            "service" => AccessPolicyRole.Service,
            _ => null,
        };
        if (role is null)
        {
            problem = $"unknown role '{roleName}' in the bearer token: use viewer, editor, admin, owner or service";
            return false;
        }

        caller = new Caller(role.Value, mfa);
        return true;
    }
}
