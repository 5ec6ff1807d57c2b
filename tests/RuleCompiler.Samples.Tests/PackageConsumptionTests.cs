using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Shouldly;
using Xunit;

namespace RuleCompiler.Samples.Tests;

/// <summary>
/// The package as a real user gets it: pack the current sources into a temporary feed, build a copy of
/// samples/PackageConsumer (one PackageReference and a rule file, nothing else) against it with a private package
/// cache, run it; then break its rule file and see the build fail with the RC error at the YAML position; then the
/// convention's switches: opting a file in by metadata and turning the convention off.
/// </summary>
public sealed class PackageConsumptionTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "rulecompiler-package-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void A_project_with_only_a_package_reference_and_a_rule_file_builds_runs_and_reports_rule_errors()
    {
        var feed = Path.Combine(_work, "feed");
        var consumer = Path.Combine(_work, "consumer");
        var pack = Dotnet(Repo, "pack", Path.Combine(Repo, "runtime", "RuleCompiler.Runtime", "RuleCompiler.Runtime.csproj"), "-c", Configuration, "--no-build", "-o", feed);
        pack.Exit.ShouldBe(0, pack.Output);
        File.Exists(Path.Combine(feed, "RuleCompiler.0.1.0.nupkg")).ShouldBeTrue(pack.Output);
        using (var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, "RuleCompiler.0.1.0.nupkg")))
        {
            var entries = package.Entries.Select(e => e.FullName).ToList();
            entries.ShouldContain("lib/net10.0/RuleCompiler.Runtime.dll");
            entries.ShouldContain("analyzers/dotnet/cs/RuleCompiler.Generator.dll");
            entries.ShouldContain("analyzers/dotnet/cs/RuleCompiler.Language.dll");
            entries.ShouldContain("analyzers/dotnet/cs/YamlDotNet.dll");
            entries.ShouldContain("buildTransitive/RuleCompiler.props");
            entries.ShouldContain("buildTransitive/RuleCompiler.targets");
            entries.ShouldContain("schema/rules.schema.json");
            entries.ShouldContain("README.md");
            entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).ShouldNotContain(e => e.Contains("YamlDotNet") || e.Contains("CodeAnalysis"));
        }

        CopyProject(Path.Combine(Repo, "samples", "PackageConsumer"), consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_work, "cache")}" /></config>
              <packageSources>
                <clear />
                <add key="test-feed" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

        var run = Dotnet(consumer, "run", "--", "enterprise", "high", "Export fails");
        run.Exit.ShouldBe(0, run.Output);
        run.Output.ShouldContain("queue: enterprise, respond within 4 h, rule: enterprise-high");

        // Teams that require every rule to be tested turn RC3009 (information) into a warning with one property.
        var coverage = Dotnet(consumer, "build", "-p:RuleCompilerRequireRuleCoverage=true");
        coverage.Output.ShouldMatch(@"triage\.rules\.yaml\(\d+,\d+\): (warning|error) RC3009: Rule '[a-z-]+' is not exercised", coverage.Output);
        Dotnet(consumer, "build").Output.ShouldNotContain("RC3009", Case.Sensitive, "without the property, coverage is information a build does not print");

        // A mistake in the rule file is a build error at its YAML line and column.
        var rules = Path.Combine(consumer, "Rules", "triage.rules.yaml");
        var text = File.ReadAllText(rules);
        var broken = text.Replace("then: { queue: enterprise, respond_within_hours: 4 }", "then: { queue: enterprise, respond_within_hours: four }");
        broken.ShouldNotBe(text);
        File.WriteAllText(rules, broken);
        var (line, column) = PositionOf(broken, "four");
        var build = Dotnet(consumer, "build");
        build.Exit.ShouldNotBe(0);
        build.Output.ShouldContain($"triage.rules.yaml({line},{column}): error RC2013");

        // Opting a file in by metadata, under a name the convention does not match.
        var project = Path.Combine(consumer, "PackageConsumer.csproj");
        var originalProject = File.ReadAllText(project);
        File.Delete(rules);
        File.WriteAllText(Path.Combine(consumer, "Rules", "triage.yaml"), text);
        AddToProject(consumer, """<ItemGroup><AdditionalFiles Include="Rules/triage.yaml" RuleCompiler="true" /></ItemGroup>""");
        var optIn = Dotnet(consumer, "run", "--", "free", "outage");
        optIn.Exit.ShouldBe(0, optIn.Output);
        optIn.Output.ShouldContain("rule: outage");

        // With the convention off (and no metadata), a *.rules.yaml file is no rule file: nothing is generated, so the
        // program's `using Acme.Support;` names a namespace that does not exist.
        File.Move(Path.Combine(consumer, "Rules", "triage.yaml"), rules);
        File.WriteAllText(project, originalProject);
        AddToProject(consumer, """<PropertyGroup><RuleCompilerIncludeRuleFiles>false</RuleCompilerIncludeRuleFiles></PropertyGroup>""");
        var off = Dotnet(consumer, "build");
        off.Exit.ShouldNotBe(0);
        off.Output.ShouldContain("error CS0246: The type or namespace name 'Acme'", Case.Sensitive, off.Output);
        off.Output.ShouldNotContain("error RC");
    }

    /// <summary>
    /// The loader is a package of its own (spec §15): its assembly and the compiler's front end in lib/, depending on the
    /// runtime package (with everything it brings: the generator, the convention) and on YamlDotNet, which the runtime
    /// package never brings.
    /// </summary>
    [Fact]
    public void The_loader_package_holds_the_front_end_and_depends_on_the_runtime_package_and_yaml()
    {
        var feed = Path.Combine(_work, "feed");
        var pack = Dotnet(Repo, "pack", Path.Combine(Repo, "runtime", "RuleCompiler.Loader", "RuleCompiler.Loader.csproj"), "-c", Configuration, "--no-build", "-o", feed);
        pack.Exit.ShouldBe(0, pack.Output);
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, "RuleCompiler.Loader.0.1.0.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        entries.ShouldContain("lib/net10.0/RuleCompiler.Loader.dll");
        entries.ShouldContain("lib/net10.0/RuleCompiler.Language.dll");
        entries.ShouldNotContain(e => e.Contains("YamlDotNet.dll") || e.Contains("RuleCompiler.Runtime.dll"));
        using var nuspec = new StreamReader(package.GetEntry("RuleCompiler.Loader.nuspec")!.Open());
        var text = nuspec.ReadToEnd();
        text.ShouldContain("<dependency id=\"RuleCompiler\" version=\"0.1.0\" include=\"All\" />");
        text.ShouldContain("<dependency id=\"YamlDotNet\"");
    }

    private static string Repo { get; } = FindRepo();

    // The test runs from tests/RuleCompiler.Samples.Tests/bin/<configuration>/net10.0.
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string FindRepo()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RuleCompiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RuleCompiler.sln not found");
    }

    private static (int Line, int Column) PositionOf(string text, string fragment)
    {
        var offset = text.IndexOf(fragment, StringComparison.Ordinal);
        var before = text.Substring(0, offset);
        return (before.Count(c => c == '\n') + 1, offset - before.LastIndexOf('\n'));
    }

    private static void CopyProject(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    private static void AddToProject(string project, string xml)
    {
        var path = Path.Combine(project, "PackageConsumer.csproj");
        File.WriteAllText(path, File.ReadAllText(path).Replace("</Project>", "  " + xml + "\n</Project>"));
    }

    private static (int Exit, string Output) Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`; its MSBuild settings must not leak into the consumer's build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " did not finish in 4 minutes");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, string.Join('\n', output));
        }
    }
}
