using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using RuleCompiler.Samples.Programs.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Programs.Tests;

/// <summary>
/// samples/AccessPolicy: real HTTP requests to the API on a loopback Kestrel port, each authorized by the compiled
/// access-policy rules. The clock is fixed: Wednesday 2026-12-02 11:30 UTC (business hours) unless a test says.
/// </summary>
public sealed class AccessPolicyApiTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 11, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_viewer_reads_a_project_document()
    {
        await using var api = await RunningApi.StartAsync("Production", Wednesday);

        using var response = await Send(api, HttpMethod.Get, "/orgs/acme/projects/web/docs/roadmap", "viewer");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(response)).GetProperty("content").GetString().ShouldBe("Q1: ship the API");
    }

    [Fact]
    public async Task A_denied_request_is_a_403_naming_the_rule_and_its_reason_without_the_explanation_in_production()
    {
        await using var api = await RunningApi.StartAsync("Production", Wednesday);

        using var response = await Send(api, HttpMethod.Get, "/orgs/acme/billing/invoices/2025-01", "editor+mfa");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.GetValues("x-policy-rule").ShouldBe(["deny-billing-below-admin"]);
        var body = await Json(response);
        body.GetProperty("rule").GetString().ShouldBe("deny-billing-below-admin");
        body.GetProperty("reason").GetString().ShouldBe("Billing is restricted to owners and admins.");   // the rule's `reason`
        body.TryGetProperty("explanation", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task In_development_a_denied_request_carries_the_explanation_of_every_rule()
    {
        await using var api = await RunningApi.StartAsync("Development", Wednesday);

        using var response = await Send(api, HttpMethod.Get, "/orgs/acme/billing/invoices/2025-01", "editor+mfa");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var explanation = (await Json(response)).GetProperty("explanation").EnumerateArray().Select(line => line.GetString()!).ToList();
        explanation[0].ShouldStartWith("decision: deny-billing-below-admin");
        explanation.Count.ShouldBe(AccessPolicy.Rules.Length + 1);
        explanation.ShouldContain(line => line.StartsWith("  deny-billing-below-admin (", StringComparison.Ordinal) && line.EndsWith(": held", StringComparison.Ordinal));
        explanation.ShouldContain(line => line.StartsWith("  allow-editor-project-write (", StringComparison.Ordinal) && line.Contains("not held", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_granted_is_the_default_deny_with_no_rule()
    {
        await using var api = await RunningApi.StartAsync("Production", Wednesday);

        using var response = await Send(api, HttpMethod.Put, "/orgs/acme/projects/web/docs/roadmap", "viewer+mfa");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var body = await Json(response);
        body.GetProperty("rule").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("action").GetString().ShouldBe("update");
        response.Headers.GetValues("x-policy-rule").ShouldBe(["default"]);
    }

    [Fact]
    public async Task Confidential_data_needs_the_second_factor_even_for_the_owner()
    {
        await using var api = await RunningApi.StartAsync("Production", Wednesday);

        using var withoutMfa = await Send(api, HttpMethod.Get, "/orgs/acme/projects/web/docs/acquisition-plan", "owner");
        using var withMfa = await Send(api, HttpMethod.Get, "/orgs/acme/projects/web/docs/acquisition-plan", "owner+mfa");

        (await RuleOf(withoutMfa)).ShouldBe("deny-confidential-without-mfa");
        withMfa.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_share_route_is_the_share_action()
    {
        await using var api = await RunningApi.StartAsync("Production", Wednesday);

        using var response = await Send(api, HttpMethod.Post, "/share/orgs/acme/projects/web/docs/acquisition-plan", "editor+mfa");

        (await RuleOf(response)).ShouldBe("deny-share-sensitive");
    }

    [Fact]
    public async Task A_browser_write_needs_the_csrf_token_header_and_the_reason_names_the_origin()
    {
        await using var api = await RunningApi.StartAsync("Production", Wednesday);

        using var withoutToken = await Send(api, HttpMethod.Put, "/orgs/acme/projects/web/repos/frontend", "editor+mfa", ("Origin", "https://evil.example"));
        using var withToken = await Send(api, HttpMethod.Put, "/orgs/acme/projects/web/repos/frontend", "editor+mfa",
            ("Origin", "https://app.acme.example"), ("X-CSRF-Token", "t0k3n"));

        withoutToken.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var body = await Json(withoutToken);
        body.GetProperty("rule").GetString().ShouldBe("deny-browser-write-without-csrf-token");
        body.GetProperty("reason").GetString()!.ShouldContain("https://evil.example");
        withToken.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Production_is_frozen_outside_the_requesters_business_hours()
    {
        // Wednesday 01:00 UTC is 10:00 in Tokyo: business hours there, not in UTC.
        await using var api = await RunningApi.StartAsync("Production", new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));
        const string Config = "/orgs/acme/projects/web/environments/production/config";

        using var utc = await Send(api, HttpMethod.Put, Config, "editor+mfa");
        using var tokyo = await Send(api, HttpMethod.Put, Config, "editor+mfa", ("x-utc-offset", "+09:00"));
        using var malformed = await Send(api, HttpMethod.Put, Config, "editor+mfa", ("x-utc-offset", "Tokyo"));

        (await RuleOf(utc)).ShouldBe("deny-production-change-freeze");
        tokyo.StatusCode.ShouldBe(HttpStatusCode.OK);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Secrets_are_out_of_reach_from_an_untrusted_network_even_for_the_owner()
    {
        // Only 10.0.0.0/8 is trusted here, so this loopback caller is not.
        await using var untrusted = await RunningApi.StartAsync("Production", Wednesday, "--AccessPolicy:TrustedNetworks:0=10.0.0.0/8");
        await using var trusted = await RunningApi.StartAsync("Production", Wednesday);

        using var denied = await Send(untrusted, HttpMethod.Get, "/orgs/acme/projects/web/secrets/db-password", "owner+mfa");
        using var allowed = await Send(trusted, HttpMethod.Get, "/orgs/acme/projects/web/secrets/db-password", "owner+mfa");

        (await RuleOf(denied)).ShouldBe("deny-secrets-untrusted-network");
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_anonymous_caller_reads_public_content_and_an_unknown_role_is_401()
    {
        await using var api = await RunningApi.StartAsync("Production", Wednesday);

        using var publicRead = await Send(api, HttpMethod.Get, "/orgs/acme/projects/web/docs/changelog", role: null);
        using var anonymousWrite = await Send(api, HttpMethod.Put, "/orgs/acme/projects/web/docs/changelog", role: null);
        using var unknownRole = await Send(api, HttpMethod.Get, "/orgs/acme/projects/web/docs/changelog", "robot");

        publicRead.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RuleOf(anonymousWrite)).ShouldBe("deny-anonymous-write");
        unknownRole.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpResponseMessage> Send(RunningApi api, HttpMethod method, string path, string? role, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (role is not null)
        {
            request.Headers.Authorization = new("Bearer", role);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (method == HttpMethod.Put || method == HttpMethod.Post)
        {
            request.Content = new StringContent("new content");
        }

        return await api.Client.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<string?> RuleOf(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        return (await Json(response)).GetProperty("rule").GetString();
    }
}
