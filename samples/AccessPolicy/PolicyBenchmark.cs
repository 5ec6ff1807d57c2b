using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;

namespace RuleCompiler.Samples.Api;

/// <summary>
/// What the policy costs a request: the app on a loopback port, the same read sent through the guarded endpoint and
/// through the unguarded one, alternating, one request at a time; then <see cref="AccessPolicy.Evaluate"/> alone on
/// the same input.
/// </summary>
public static class PolicyBenchmark
{
    private const string Resource = "/orgs/acme/projects/web/docs/roadmap";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        await using var app = AccessPolicyApi.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production", "--AccessPolicy:UnguardedEndpoint=true", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "viewer");

        var guarded = new List<double>(requests);
        var unguarded = new List<double>(requests);
        for (var i = 0; i < requests / 10; i++)
        {
            await Send(client, Resource);
            await Send(client, "/unguarded" + Resource);
        }

        for (var i = 0; i < requests; i++)
        {
            guarded.Add(await Send(client, Resource));
            unguarded.Add(await Send(client, "/unguarded" + Resource));
        }

        await app.StopAsync();
        output.WriteLine(Invariant($"{requests} requests each, one at a time, HttpClient -> Kestrel on 127.0.0.1, GET {Resource} as a viewer (allowed)"));
        output.WriteLine(Line("with the policy   ", guarded));
        output.WriteLine(Line("without the policy", unguarded));
        output.WriteLine(Invariant($"policy cost per request: mean {guarded.Average() - unguarded.Average():F1} us, p50 {Percentiles.Of(guarded, 50) - Percentiles.Of(unguarded, 50):F1} us, p95 {Percentiles.Of(guarded, 95) - Percentiles.Of(unguarded, 95):F1} us"));
        output.WriteLine(Invariant($"AccessPolicy.Evaluate alone, same input: {EvaluateAlone():F0} ns per call"));
        return 0;
    }

    private static async Task<double> Send(HttpClient client, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }

        return elapsed;
    }

    private static double EvaluateAlone()
    {
        var input = new AccessPolicyInput
        {
            Role = AccessPolicyRole.Viewer, Resource = Resource, Action = AccessPolicyAction.Read, IpTrusted = true,
            At = DateTimeOffset.UtcNow, Tags = ["internal"], Headers = new Dictionary<string, string> { ["host"] = "127.0.0.1", ["authorization"] = "Bearer viewer" },
        };
        const int Calls = 1_000_000;
        var allowed = 0;
        for (var i = 0; i < Calls / 10; i++)
        {
            allowed += (int)AccessPolicy.Evaluate(input).Output.Effect;
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Calls; i++)
        {
            allowed += (int)AccessPolicy.Evaluate(input).Output.Effect;
        }

        var nanoseconds = Stopwatch.GetElapsedTime(started).TotalNanoseconds / Calls;
        GC.KeepAlive(allowed);
        return nanoseconds;
    }

    private static string Line(string label, List<double> microseconds) => Invariant(
        $"{label}: mean {microseconds.Average(),7:F1} us, p50 {Percentiles.Of(microseconds, 50),7:F1} us, p95 {Percentiles.Of(microseconds, 95),7:F1} us, p99 {Percentiles.Of(microseconds, 99),7:F1} us");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
