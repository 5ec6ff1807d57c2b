using System;
using Microsoft.AspNetCore.Http;

namespace RuleCompiler.Samples.Api;

/// <summary>
/// Endpoint metadata: the route prefix before the resource path, and the action when the route fixes it
/// (<c>POST /share/...</c> shares, <c>PUT /settings/...</c> administrates); otherwise the HTTP method says it.
/// </summary>
public sealed record ApiOperation(string Prefix, AccessPolicyAction? Action = null)
{
    /// <summary>The resource the request is about: its path without the route's prefix.</summary>
    public string ResourceOf(HttpRequest request) => (request.Path.Value ?? "/")[Prefix.Length..];

    /// <summary>
    /// What the request does to its resource: the route's action, or GET = read (list when the path ends in '/'),
    /// POST = create, PUT and PATCH = update, DELETE = delete.
    /// </summary>
    public AccessPolicyAction ActionOf(HttpRequest request) => Action ?? request.Method switch
    {
        "GET" or "HEAD" => ResourceOf(request).EndsWith('/') ? AccessPolicyAction.List : AccessPolicyAction.Read,
        "POST" => AccessPolicyAction.Create,
        "PUT" or "PATCH" => AccessPolicyAction.Update,
        "DELETE" => AccessPolicyAction.Delete,
        _ => throw new InvalidOperationException($"no policy action for HTTP method {request.Method}"),
    };
}
