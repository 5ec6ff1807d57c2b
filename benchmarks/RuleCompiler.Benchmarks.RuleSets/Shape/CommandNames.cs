using System;
using System.Collections.Generic;

namespace RuleCompiler.Benchmarks.RuleSets.Shape;

/// <summary>
/// Distinct command names of a realistic look (<c>kubectl-delete-secret</c>, <c>git-push-force</c>,
/// <c>aws-sync-bucket-v2</c>): many share a tool prefix and differ late, as real command, tool and model names do,
/// and their lengths spread from 5 to 35 characters. Seeded: the same seed gives the same names.
/// </summary>
public sealed class CommandNames
{
    private static readonly string[] Tools =
    [
        "git", "npm", "kubectl", "docker", "aws", "gcloud", "az", "terraform", "cargo", "dotnet", "pip", "brew",
        "helm", "ssh", "curl", "psql", "redis", "gh", "yarn", "go", "java", "mvn", "gradle", "ansible",
    ];

    private static readonly string[] Verbs =
    [
        "push", "pull", "apply", "delete", "get", "list", "describe", "exec", "run", "build", "test", "publish",
        "install", "remove", "update", "upgrade", "deploy", "rollback", "create", "destroy", "login", "logout",
        "sync", "copy", "move", "scale", "restart", "stop", "start", "logs", "status", "diff", "merge", "rebase",
        "reset", "clean", "init", "plan", "import", "export", "tag", "release", "fetch", "watch", "patch", "edit",
        "port-forward", "attach",
    ];

    private static readonly string[] Objects =
    [
        "pod", "service", "secret", "config", "bucket", "image", "volume", "node", "cluster", "branch", "repo",
        "table", "index", "user", "role", "policy", "key", "cert", "job", "queue", "topic", "stream", "function",
        "lambda", "vm", "disk", "snapshot", "network", "firewall", "dns", "cache", "token",
    ];

    private static readonly string[] Suffixes = ["", "", "", "-v2", "-beta", "-legacy", "-all", "-dry-run", "-force", "-2"];

    private readonly Random _random;
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    public CommandNames(int seed) => _random = new Random(seed);

    /// <summary>About 370,000 names are possible; the benchmarks draw at most a few hundred thousand.</summary>
    public string Next()
    {
        for (var attempt = 0; attempt < 1_000_000; attempt++)
        {
            var name = Tools[_random.Next(Tools.Length)] + "-" + Verbs[_random.Next(Verbs.Length)]
                + (_random.Next(10) < 6 ? "-" + Objects[_random.Next(Objects.Length)] : string.Empty)
                + Suffixes[_random.Next(Suffixes.Length)];
            if (_issued.Add(name))
            {
                return name;
            }
        }

        throw new InvalidOperationException("the command vocabulary is exhausted");
    }
}
