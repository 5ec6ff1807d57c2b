using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace RuleCompiler.Samples.Api;

/// <summary>A stored resource: its content and its classification tags (what the policy's <c>tags</c> input reads).</summary>
public sealed record StoredResource(string Content, string[] Tags);

/// <summary>
/// The API's data: resources by path, in memory, seeded with one organization whose resources carry the
/// classifications the policy tests (public, internal, confidential, pii, quarantined). Tags belong to the stored
/// resource, never to the request, so a caller cannot declassify what it asks for.
/// </summary>
public sealed class ResourceStore
{
    private readonly ConcurrentDictionary<string, StoredResource> _resources = new(StringComparer.Ordinal);

    public ResourceStore()
    {
        Put("/orgs/acme", "Acme Corp.");
        Put("/orgs/acme/billing/invoices/2025-01", "Invoice 2025-01: 12,400 USD");
        Put("/orgs/acme/audit-log/2025/01", "2025-01-03 owner@acme: created project web");
        Put("/orgs/acme/projects/web/docs/roadmap", "Q1: ship the API", "internal");
        Put("/orgs/acme/projects/web/docs/changelog", "1.4.2: fixes", "public");
        Put("/orgs/acme/projects/web/docs/acquisition-plan", "Buy Initech.", "confidential");
        Put("/orgs/acme/projects/web/docs/rfc-draft-12", "Draft: rename everything", "draft");
        Put("/orgs/acme/projects/web/repos/frontend", "git@acme:web/frontend.git");
        Put("/orgs/acme/projects/web/secrets/db-password", "hunter2");
        Put("/orgs/acme/projects/web/environments/production/config", "replicas: 3");
        Put("/orgs/acme/projects/web/uploads/suspicious.zip", "PK...", "quarantined");
        Put("/orgs/acme/projects/crm/contacts/c-1042", "Jane Doe, jane@example.com", "pii");
    }

    public void Put(string path, string content, params string[] tags) => _resources[path] = new StoredResource(content, tags);

    public bool TryGet(string path, out StoredResource resource) => _resources.TryGetValue(path, out resource!);

    public bool Remove(string path) => _resources.TryRemove(path, out _);

    /// <summary>The tags of the resource at <paramref name="path"/>; none for a resource not (yet) stored.</summary>
    public string[] TagsOf(string path) => _resources.TryGetValue(path, out var resource) ? resource.Tags : [];

    /// <summary>The paths directly or indirectly under <paramref name="folder"/> (which ends in '/').</summary>
    public IReadOnlyList<string> List(string folder) =>
        _resources.Keys.Where(path => path.StartsWith(folder, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
}
