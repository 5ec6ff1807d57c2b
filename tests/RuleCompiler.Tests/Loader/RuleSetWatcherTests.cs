using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Shouldly;
using Xunit;

namespace RuleCompiler.Tests.Loader;

/// <summary>
/// <see cref="RuleSetWatcher{TInput, TOutput}"/>: reloads on a change to the file or its base, keeps the last good rule
/// set when the new text has errors, reports every load, and swaps atomically under concurrent evaluation.
/// </summary>
public sealed class RuleSetWatcherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rulecompiler-watcher-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Version n decides "deny" for rm in version 1 and "allow" in version 2, and says which version decided: an
    // evaluation that mixed the two would pair a decision with the other version's number.
    private static string Version(int n) => $"""
        ruleset: Guard
        inputs:
          command: string
        outputs:
          decision: {"{"} enum: [allow, deny] {"}"}
          version: int
        default: {"{"} decision: {(n == 1 ? "allow" : "deny")}, version: {n} {"}"}
        rules:
          - id: rm-v{n}
            when: {"{"} command: rm {"}"}
            then: {"{"} decision: {(n == 1 ? "deny" : "allow")}, version: {n} {"}"}
        """;

    private static readonly RuleSetInput s_rm = RuleSetInput.From(new Dictionary<string, object?> { ["command"] = "rm" });
    private static readonly RuleSetInput s_ls = RuleSetInput.From(new Dictionary<string, object?> { ["command"] = "ls" });

    [Fact]
    public void A_change_to_the_file_is_loaded_and_swapped_in()
    {
        var path = Write("guard.rules.yaml", Version(1));
        using var watcher = new RuleSetWatcher<RuleSetInput, RuleSetOutput>(path, file => RuleSetLoader.LoadFile(file), TimeSpan.FromMilliseconds(20));
        watcher.Current!.Evaluate(s_rm).Output["version"].ShouldBe(1);
        using var swapped = new ManualResetEventSlim();
        watcher.Reloaded += (_, e) =>
        {
            if (e.Swapped)
            {
                swapped.Set();
            }
        };

        Write("guard.rules.yaml", Version(2));

        swapped.Wait(TimeSpan.FromSeconds(20)).ShouldBeTrue("the file system watcher reloads the changed file");
        watcher.Current!.Evaluate(s_rm).Output["decision"].ShouldBe("allow");
        watcher.Current.Evaluate(s_rm).RuleId.ShouldBe("rm-v2");
    }

    [Fact]
    public void Text_with_errors_keeps_the_last_good_rule_set_and_reports_where()
    {
        var path = Write("guard.rules.yaml", Version(1));
        using var watcher = new RuleSetWatcher<RuleSetInput, RuleSetOutput>(path, file => RuleSetLoader.LoadFile(file), TimeSpan.FromHours(1));
        var good = watcher.Current!;
        var reports = new List<RuleSetReloadedEventArgs<RuleSetInput, RuleSetOutput>>();
        watcher.Reloaded += (_, e) => reports.Add(e);

        Write("guard.rules.yaml", Version(1).Replace("decision: deny", "decision: dney", StringComparison.Ordinal));

        watcher.Reload().ShouldBeFalse();
        watcher.Current.ShouldBeSameAs(good);
        var report = reports.ShouldHaveSingleItem();
        report.Swapped.ShouldBeFalse();
        var error = report.Result.Errors.ShouldHaveSingleItem();
        (error.Id, error.Path, error.Line).ShouldBe(("RC2013", path, 11));
        watcher.LastLoad.ShouldBeSameAs(report.Result);

        Write("guard.rules.yaml", Version(2));
        watcher.Reload().ShouldBeTrue();
        watcher.Current!.Evaluate(s_ls).Output["version"].ShouldBe(2);
    }

    [Fact]
    public void A_load_function_that_throws_on_a_change_keeps_the_last_good_rule_set_and_says_why()
    {
        var path = Write("guard.rules.yaml", Version(1));
        var locked = false;
        using var watcher = new RuleSetWatcher<RuleSetInput, RuleSetOutput>(path, file => Volatile.Read(ref locked) ? throw new IOException("locked by the editor") : RuleSetLoader.LoadFile(file), TimeSpan.FromMilliseconds(20));
        var good = watcher.Current.ShouldNotBeNull();

        Volatile.Write(ref locked, true);
        Write("guard.rules.yaml", Version(2));

        SpinWait.SpinUntil(() => watcher.LastError is not null, TimeSpan.FromSeconds(20)).ShouldBeTrue("the reload a change caused ran and failed");
        watcher.LastError.ShouldBeOfType<IOException>();
        watcher.Current.ShouldBeSameAs(good);
    }

    [Fact]
    public void A_change_to_a_base_reloads_the_layer_over_it()
    {
        var basePath = Write("base.rules.yaml", Version(1));
        var layer = Write("layer.rules.yaml", "extends: base.rules.yaml\nruleset: Layer\nrules:\n  - id: ask-curl\n    when: { command: curl }\n    then: { decision: deny, version: 9 }\n");
        using var watcher = new RuleSetWatcher<RuleSetInput, RuleSetOutput>(layer, file => RuleSetLoader.LoadFile(file), TimeSpan.FromMilliseconds(20));
        watcher.LastLoad.Errors.ShouldBeEmpty();
        watcher.WatchedFiles.ShouldBe(new[] { layer, basePath });
        watcher.Current!.Evaluate(s_rm).RuleId.ShouldBe("rm-v1");
        using var swapped = new ManualResetEventSlim();
        watcher.Reloaded += (_, e) =>
        {
            if (e.Swapped && e.Result.RuleSet!.Rules.Any(rule => rule.Id == "rm-v2"))
            {
                swapped.Set();
            }
        };

        Write("base.rules.yaml", Version(2));

        swapped.Wait(TimeSpan.FromSeconds(20)).ShouldBeTrue("a change to the base reloads the layer");
        watcher.Current!.Evaluate(s_rm).RuleId.ShouldBe("rm-v2");
    }

    [Fact]
    public async Task Evaluations_during_hundreds_of_swaps_see_only_whole_old_or_whole_new_rule_sets()
    {
        var path = Write("guard.rules.yaml", Version(1));
        using var watcher = new RuleSetWatcher<RuleSetInput, RuleSetOutput>(path, file => RuleSetLoader.LoadFile(file), TimeSpan.FromHours(1));
        using var stop = new CancellationTokenSource();
        using var started = new CountdownEvent(4);
        var evaluations = 0L;
        var seen = new int[3];
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            started.Signal();
            while (!stop.IsCancellationRequested)
            {
                var ruleSet = watcher.Current!;
                var (rm, ls) = (ruleSet.Evaluate(s_rm), ruleSet.Evaluate(s_ls));
                var version = (int)rm.Output["version"]!;
                (rm.Output["decision"], rm.RuleId, ls.Output["version"], ls.Output["decision"], ruleSet.Rules.Single().Id)
                    .ShouldBe(version == 1 ? ("deny", "rm-v1", 1, "allow", "rm-v1") : ("allow", "rm-v2", 2, "deny", "rm-v2"));
                Interlocked.Increment(ref seen[version]);
                Interlocked.Increment(ref evaluations);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        // Every reader is evaluating before the first swap; swaps go on until both versions have been seen (on a busy
        // machine a reader may be descheduled through many swaps).
        started.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the readers started");
        var swaps = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 300 || ((Volatile.Read(ref seen[1]) == 0 || Volatile.Read(ref seen[2]) == 0) && clock.Elapsed < TimeSpan.FromSeconds(30)); i++)
        {
            Write("guard.rules.yaml", Version(2 - (i % 2)));
            swaps += watcher.Reload() ? 1 : 0;
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        swaps.ShouldBeGreaterThanOrEqualTo(300);
        seen[1].ShouldBeGreaterThan(0);
        seen[2].ShouldBeGreaterThan(0);
        Interlocked.Read(ref evaluations).ShouldBeGreaterThan(300);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
