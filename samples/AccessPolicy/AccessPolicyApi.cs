using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RuleCompiler.Samples.Api;

/// <summary>
/// The project API: resources under <c>/orgs/...</c>, read with GET (a path ending in '/' lists), created with POST,
/// updated with PUT, deleted with DELETE, shared with <c>POST /share/orgs/...</c> and administrated with
/// <c>PUT /settings/orgs/...</c>; every one of them behind <see cref="AccessPolicyFilter"/>.
/// </summary>
public static class AccessPolicyApi
{
    /// <summary>
    /// Builds the app. <paramref name="clock"/> replaces the system clock (tests); configuration
    /// <c>AccessPolicy:TrustedNetworks</c> (CIDR list, default loopback) says which callers are on a trusted network,
    /// and <c>AccessPolicy:UnguardedEndpoint=true</c> also maps <c>GET /unguarded/orgs/...</c>, the same read without
    /// the policy, to measure what the policy costs.
    /// </summary>
    public static WebApplication Build(string[] args, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var networks = builder.Configuration.GetSection("AccessPolicy:TrustedNetworks").Get<string[]>() ?? ["127.0.0.0/8", "::1/128"];
        builder.Services.AddSingleton(new TrustedNetworks(networks.Select(IPNetwork.Parse)));
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton<ResourceStore>();
        builder.Services.AddSingleton<AccessPolicyFilter>();

        var app = builder.Build();
        var guarded = app.MapGroup(string.Empty).AddEndpointFilter<AccessPolicyFilter>();
        MapResources(guarded);
        var share = new ApiOperation("/share", AccessPolicyAction.Share);
        guarded.MapPost("/share/orgs/{**path}", (HttpRequest request, ResourceStore store) => Touch(share, request, store, "shared"))
            .WithMetadata(share);
        var settings = new ApiOperation("/settings", AccessPolicyAction.Admin);
        guarded.MapPut("/settings/orgs/{**path}", (HttpRequest request, ResourceStore store) => Touch(settings, request, store, "settings updated"))
            .WithMetadata(settings);
        if (app.Configuration.GetValue<bool>("AccessPolicy:UnguardedEndpoint"))
        {
            var operation = new ApiOperation("/unguarded");
            app.MapGet("/unguarded/orgs/{**path}", (HttpRequest request, ResourceStore store) => Read(operation, request, store)).WithMetadata(operation);
        }

        return app;
    }

    private static void MapResources(IEndpointRouteBuilder routes)
    {
        var operation = new ApiOperation(string.Empty);
        routes.MapGet("/orgs/{**path}", (HttpRequest request, ResourceStore store) => Read(operation, request, store)).WithMetadata(operation);
        routes.MapPost("/orgs/{**path}", async (HttpRequest request, ResourceStore store) =>
        {
            var path = operation.ResourceOf(request);
            if (store.TryGet(path, out _))
            {
                return Results.Conflict(new { resource = path, error = "exists" });
            }

            store.Put(path, await ReadBody(request));
            return Results.Created(path, new { resource = path });
        }).WithMetadata(operation);
        routes.MapPut("/orgs/{**path}", async (HttpRequest request, ResourceStore store) =>
        {
            var path = operation.ResourceOf(request);
            if (!store.TryGet(path, out var resource))
            {
                return Results.NotFound(new { resource = path });
            }

            store.Put(path, await ReadBody(request), resource.Tags);
            return Results.Ok(new { resource = path, updated = true });
        }).WithMetadata(operation);
        routes.MapDelete("/orgs/{**path}", (HttpRequest request, ResourceStore store) =>
        {
            var path = operation.ResourceOf(request);
            return store.Remove(path) ? Results.NoContent() : Results.NotFound(new { resource = path });
        }).WithMetadata(operation);
    }

    private static IResult Read(ApiOperation operation, HttpRequest request, ResourceStore store)
    {
        var path = operation.ResourceOf(request);
        if (path.EndsWith('/'))
        {
            return Results.Ok(new { resource = path, items = store.List(path) });
        }

        return store.TryGet(path, out var resource)
            ? Results.Ok(new { resource = path, content = resource.Content, tags = resource.Tags })
            : Results.NotFound(new { resource = path });
    }

    // Sharing and settings are recorded elsewhere in a real API; here they answer for an existing resource.
    private static IResult Touch(ApiOperation operation, HttpRequest request, ResourceStore store, string done)
    {
        var path = operation.ResourceOf(request);
        return store.TryGet(path, out _) ? Results.Ok(new { resource = path, done }) : Results.NotFound(new { resource = path });
    }

    private static async Task<string> ReadBody(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync();
    }
}
