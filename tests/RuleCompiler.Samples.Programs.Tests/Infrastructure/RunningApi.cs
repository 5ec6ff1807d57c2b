using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using RuleCompiler.Samples.Api;

namespace RuleCompiler.Samples.Programs.Tests.Infrastructure;

/// <summary>A clock stopped at one instant, whose local time zone is UTC.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>The access-policy API listening on a free loopback port, and a client for it.</summary>
public sealed class RunningApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningApi(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<RunningApi> StartAsync(string environment, DateTimeOffset now, params string[] settings)
    {
        var app = AccessPolicyApi.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", environment, "--Logging:LogLevel:Default=Warning", .. settings],
            new FixedClock(now));
        await app.StartAsync();
        return new RunningApi(app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
