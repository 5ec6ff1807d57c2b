using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace RuleCompiler;

/// <summary>
/// Keeps a rule set loaded from a file current (spec §15): watches the file and every file it <c>extends</c> or
/// <c>imports</c>, reloads when one changes, and swaps the new rule set in atomically. A reload whose text has errors
/// keeps the last good rule set. Every load, good or bad, is reported through <see cref="Reloaded"/> with its
/// diagnostics. Read <see cref="Current"/> once per decision (or per batch of decisions that must agree): each rule
/// set is immutable, so an evaluation sees the whole old rule set or the whole new one, never a mix.
/// </summary>
/// <typeparam name="TInput">The rule set's input type.</typeparam>
/// <typeparam name="TOutput">The rule set's output type.</typeparam>
public sealed class RuleSetWatcher<TInput, TOutput> : IDisposable
{
    private readonly string _path;
    private readonly Func<string, RuleSetLoadResult<TInput, TOutput>> _load;
    private readonly TimeSpan _delay;
    private readonly object _reloading = new();
    private readonly Timer _timer;
    private readonly List<FileSystemWatcher> _watchers = new();
    private IRuleSet<TInput, TOutput>? _current;
    private RuleSetLoadResult<TInput, TOutput> _lastLoad;
    private string[] _watched = Array.Empty<string>();
    private bool _disposed;

    /// <summary>Loads <paramref name="path"/> with <paramref name="load"/> now, and again whenever it or a file it reads changes.</summary>
    /// <param name="path">The rule file.</param>
    /// <param name="load">Loads the file at a path: <c>ShellGuard.LoadFile</c>, or a call of <see cref="RuleSetLoader.LoadFile{TInput, TOutput}"/>.</param>
    /// <param name="delay">How long to wait after a change before reloading, so that an editor's several writes make one reload (default 100 ms).</param>
    public RuleSetWatcher(string path, Func<string, RuleSetLoadResult<TInput, TOutput>> load, TimeSpan? delay = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(load);
        _path = Path.GetFullPath(path);
        _load = load;
        _delay = delay ?? TimeSpan.FromMilliseconds(100);
        _timer = new Timer(_ => ReloadOnChange(), null, Timeout.Infinite, Timeout.Infinite);
        _lastLoad = null!;
        Reload();
    }

    /// <summary>The last rule set that loaded without errors; null until one has.</summary>
    public IRuleSet<TInput, TOutput>? Current => Volatile.Read(ref _current);

    /// <summary>The last load's result, good or bad (its diagnostics say why a reload kept the old rule set).</summary>
    public RuleSetLoadResult<TInput, TOutput> LastLoad => Volatile.Read(ref _lastLoad);

    /// <summary>The files the last load read: the rule file, its bases and imports. A change to any of them reloads.</summary>
    public IReadOnlyList<string> WatchedFiles => Volatile.Read(ref _watched);

    /// <summary>After each load (on a thread pool thread for a reload a change caused): its result, and whether it replaced <see cref="Current"/>.</summary>
    public event EventHandler<RuleSetReloadedEventArgs<TInput, TOutput>>? Reloaded;

    /// <summary>Loads the file now (as a change would), swaps the rule set in if it loads, and returns whether it did.</summary>
    public bool Reload()
    {
        RuleSetReloadedEventArgs<TInput, TOutput> reloaded;
        lock (_reloading)
        {
            if (_disposed)
            {
                return false;
            }

            var result = _load(_path);
            Volatile.Write(ref _lastLoad, result);
            if (result.RuleSet is { } ruleSet)
            {
                Volatile.Write(ref _current, ruleSet);
            }

            Watch(result.Sources.Count > 0 ? result.Sources : new[] { _path });
            reloaded = new RuleSetReloadedEventArgs<TInput, TOutput>(result, result.Succeeded);
        }

        Reloaded?.Invoke(this, reloaded);
        return reloaded.Swapped;
    }

    /// <summary>
    /// The exception the load function threw on the last reload a change caused, or null. <see cref="RuleSetLoader"/>
    /// never throws for a bad file; a load function of the caller's may (a file locked by its editor): the reload is
    /// then skipped, the last good rule set stays, and the next change tries again.
    /// </summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    private Exception? _lastError;

    // On a timer thread: an exception here would end the process.
    private void ReloadOnChange()
    {
        try
        {
            Reload();
            Volatile.Write(ref _lastError, null);
        }
        catch (Exception exception)
        {
            Volatile.Write(ref _lastError, exception);
        }
    }

    /// <summary>Stops watching. <see cref="Current"/> stays usable.</summary>
    public void Dispose()
    {
        lock (_reloading)
        {
            _disposed = true;
            _timer.Dispose();
            foreach (var watcher in _watchers)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
        }
    }

    /// <summary>One watcher per folder of the files read; a change to one of those files (a write, a create, a rename onto it) schedules a reload.</summary>
    private void Watch(IReadOnlyList<string> files)
    {
        var full = files.Select(file => Path.GetFullPath(file)).Distinct(StringComparer.Ordinal).ToArray();
        if (full.SequenceEqual(_watched))
        {
            return;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _watchers.Clear();
        Volatile.Write(ref _watched, full);
        foreach (var folder in full.GroupBy(file => Path.GetDirectoryName(file)!))
        {
            if (!Directory.Exists(folder.Key))
            {
                continue;
            }

            var names = folder.Select(file => Path.GetFileName(file)).ToHashSet(StringComparer.Ordinal);
            var watcher = new FileSystemWatcher(folder.Key) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime };
            FileSystemEventHandler changed = (_, e) => Changed(names, e.Name);
            watcher.Changed += changed;
            watcher.Created += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, e) => { Changed(names, e.Name); Changed(names, e.OldName); };
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void Changed(HashSet<string> names, string? name)
    {
        if (name is not null && names.Contains(Path.GetFileName(name)))
        {
            try
            {
                _timer.Change(_delay, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed while the event was on its way: nothing to reload.
            }
        }
    }
}

/// <summary>What a <see cref="RuleSetWatcher{TInput, TOutput}"/> load gave.</summary>
/// <typeparam name="TInput">The rule set's input type.</typeparam>
/// <typeparam name="TOutput">The rule set's output type.</typeparam>
public sealed class RuleSetReloadedEventArgs<TInput, TOutput>(RuleSetLoadResult<TInput, TOutput> result, bool swapped) : EventArgs
{
    /// <summary>The load's result: its diagnostics, and the rule set when it loaded.</summary>
    public RuleSetLoadResult<TInput, TOutput> Result { get; } = result;

    /// <summary>Whether the new rule set replaced the current one (false: the file has errors, the last good rule set stays).</summary>
    public bool Swapped { get; } = swapped;
}
