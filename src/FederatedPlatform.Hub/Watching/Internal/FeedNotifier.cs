using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using FederatedPlatform.Catalog;
using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// The fan-out: one loop, woken by every commit (<see cref="Offer"/>) and by a poll tick, appends the
/// committed changes in catalog order, one <see cref="LiveCommit"/> per commit, to a window of recent
/// commits shared by every live watcher, and wakes them; it never waits on any. Each watcher reads the
/// window at its own pace (<see cref="LiveFeed.Next"/>). The window keeps the newest commits up to
/// <see cref="HubOptions.WatcherBufferSize"/> changes (at least one commit): a watcher it moves past is
/// detached and reads the durable log, and one reading the log attaches again as soon as its position is
/// inside the window, so the hub's memory is bounded however many watchers fall behind.
/// <para>
/// Commits made through other hub instances sharing a PostgreSQL catalog arrive as <see cref="Wake"/>
/// (see <see cref="CommitListener"/>) and are read from the log like any missed offer.
/// </para>
/// <para>
/// The database stays the source of truth. Offers may arrive out of order (two publish streams
/// finishing at once), be dropped (input full) or never come (a stream cut between commit and
/// offer); whenever what was offered or polled is ahead of what was dispatched, the loop reads the
/// missing commits from the change log instead. Catalog numbers are gap-free in commit order, so a
/// commit seen at N means everything up to N is readable.
/// </para>
/// </summary>
internal sealed class FeedNotifier(
    HubCatalog catalog, IOptions<HubOptions> options, TimeProvider time, ILogger<FeedNotifier> logger) : IHostedLifecycleService, IDisposable
{
    private readonly Channel<IReadOnlyList<CatalogChange>?> _inputs = Channel.CreateBounded<IReadOnlyList<CatalogChange>?>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Offers that arrived ahead of a missing earlier commit, by first seq; only the fan-out loop touches it.
    private const int EarlyLimit = 1024;
    private static readonly TimeSpan EarlyWait = TimeSpan.FromMilliseconds(20);
    private readonly SortedList<ulong, IReadOnlyList<CatalogChange>> _early = [];
    private readonly HubOptions _options = options.Value;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly LiveCommit?[] _window = new LiveCommit?[options.Value.WatcherBufferSize + 1];
    private LiveFeed[] _live = [];
    private long _appended;
    private long _oldest;
    private int _retained;
    private ulong _windowFrom;
    private ulong _dispatched;
    private long _known;
    private bool _started;
    private ITimer? _timer;
    private Task _loop = Task.CompletedTask;

    /// <summary>Raised (on the fan-out loop) when a watcher is detached because the window moved past it.</summary>
    internal event Action<LiveFeed>? Detached;

    /// <summary>Watchers currently fed live.</summary>
    public int LiveCount => Volatile.Read(ref _live).Length;

    /// <summary>Changes (commits without changes count one) in the window of recent commits.</summary>
    public int RetainedChanges
    {
        get
        {
            lock (_lock)
            {
                return _retained;
            }
        }
    }

    /// <summary>Commits in the window of recent commits.</summary>
    public long RetainedCommits
    {
        get
        {
            lock (_lock)
            {
                return _appended - _oldest;
            }
        }
    }

    /// <summary>The catalog position dispatched to live watchers so far.</summary>
    public ulong DispatchedThrough
    {
        get
        {
            lock (_lock)
            {
                return _dispatched;
            }
        }
    }

    /// <summary>
    /// Raised (on the committing thread, after the commit) for every commit offered, and for every wake from
    /// another hub instance's commit; handlers must not block.
    /// </summary>
    internal event Action? Committed;

    /// <summary>A publish stream committed these changes (one whole commit). Never blocks.</summary>
    public void Offer(IReadOnlyList<CatalogChange> committed)
    {
        if (committed.Count == 0)
        {
            return;
        }

        Committed?.Invoke();

        RaiseKnown(committed[^1].CommitEndSeq);
        _inputs.Writer.TryWrite(committed);
    }

    /// <summary>
    /// Something may have been committed elsewhere (another hub instance): look at the log's head soon.
    /// Never blocks; a wake lost to a full input is covered by the next poll.
    /// </summary>
    public void Wake()
    {
        Committed?.Invoke();
        _inputs.Writer.TryWrite(null);
    }

    /// <summary>
    /// Feeds <paramref name="feed"/> live from <paramref name="position"/>, the end of the last commit the
    /// watcher delivered, when the window holds every commit after it; or, with <paramref name="atHead"/> (the
    /// position is the log's head), when the watcher has read at least as far as the fan-out has dispatched.
    /// False means read on from the log.
    /// </summary>
    public bool TryAttach(LiveFeed feed, ulong position, bool atHead)
    {
        lock (_lock)
        {
            if (!_started || !TryFindNext(position, atHead, out var next))
            {
                return false;
            }

            feed.Next = next;
            _live = [.. _live, feed];
            return true;
        }
    }

    /// <summary>The index of the first commit after <paramref name="position"/>, when the window holds all of them.</summary>
    private bool TryFindNext(ulong position, bool atHead, out long next)
    {
        next = _appended;
        if (position == _dispatched || (atHead && position > _dispatched))
        {
            return true;
        }

        // The watcher skips no part of a commit, so the position must be the end of one in the window.
        for (var i = _appended - 1; i >= _oldest; i--)
        {
            var through = _window[i % _window.Length]!.Through;
            if (through == position)
            {
                next = i + 1;
                return true;
            }

            if (through < position)
            {
                return false;
            }
        }

        next = _oldest;
        return position == _windowFrom;
    }

    /// <summary>
    /// Takes the next commit for <paramref name="feed"/> from the window. False when there is none yet, or
    /// when the window has moved past the watcher (it is then detached).
    /// </summary>
    public bool TryRead(LiveFeed feed, [NotNullWhen(true)] out LiveCommit? commit)
    {
        var next = feed.Next;
        commit = null;
        if (next >= Volatile.Read(ref _appended) || feed.Detached)
        {
            return false;
        }

        commit = Volatile.Read(ref _window[next % _window.Length]);
        if (commit is null || commit.Index != next)
        {
            // Evicted (or its slot already reused) while the watcher was behind.
            commit = null;
            feed.Detach();
            return false;
        }

        feed.Next = next + 1;
        return true;
    }

    /// <summary>
    /// Completes when there may be something for <paramref name="feed"/> to do: a commit after its position,
    /// a detach, a poll tick (time for a bookmark), or <paramref name="cancellationToken"/> cancelled (the
    /// caller registers the token to wake the feed once, not once per wait, and checks it after the wait).
    /// </summary>
    public ValueTask WaitAsync(LiveFeed feed, CancellationToken cancellationToken) =>
        feed.WaitAsync(
            static s => s.Feed.Next < Volatile.Read(ref s.Notifier._appended) || s.Feed.Detached || s.Token.IsCancellationRequested,
            (Feed: feed, Notifier: this, Token: cancellationToken));

    /// <summary>Stops feeding <paramref name="feed"/> (the watcher ended or was detached).</summary>
    public void Detach(LiveFeed feed)
    {
        lock (_lock)
        {
            if (Array.IndexOf(_live, feed) >= 0)
            {
                _live = [.. _live.Where(f => f != feed)];
                feed.Detach();
            }
        }
    }

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var position = await catalog.Store.Feed.GetPositionAsync(cancellationToken);
        lock (_lock)
        {
            _dispatched = position.HeadSeq;
            _windowFrom = position.HeadSeq;
            _known = (long)position.HeadSeq;
            _started = true;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(_stop.Token);
        _timer = time.CreateTimer(static s => ((FeedNotifier)s!)._inputs.Writer.TryWrite(null), this, _options.FeedPollInterval, _options.FeedPollInterval);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        await _stop.CancelAsync();
        _inputs.Writer.TryComplete();
        await _loop;
        DetachAll();
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _timer?.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        // Off the caller's thread: StartAsync returns at once.
        await Task.Yield();
        var reader = _inputs.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stop))
            {
                try
                {
                    await DrainAsync(reader, stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Watchers fall back to the log on their own; the next wake retries.
                    HubLog.FanOutFailed(logger, e);
                    DetachAll();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task DrainAsync(ChannelReader<IReadOnlyList<CatalogChange>?> reader, CancellationToken stop)
    {
        var tick = false;
        while (reader.TryRead(out var commit))
        {
            if (commit is null)
            {
                tick = true;
            }
            else if (commit[^1].CommitEndSeq > DispatchedThrough && _early.Count < EarlyLimit)
            {
                _early.TryAdd(commit[0].Seq, commit);
            }
        }

        DispatchEarly();
        if (tick)
        {
            RaiseKnown((await catalog.Store.Feed.GetPositionAsync(stop)).HeadSeq);
        }

        if ((ulong)Interlocked.Read(ref _known) > DispatchedThrough && _early.Count > 0 && !tick)
        {
            // A later commit was offered first (group-committed streams resume in any order): the
            // missing one is normally a moment behind it, and much cheaper than reading the log.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
            wait.CancelAfter(EarlyWait);
            try
            {
                if (await reader.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // Not offered in time (dropped, or its stream was cut): read it from the log.
            }
        }

        if ((ulong)Interlocked.Read(ref _known) > DispatchedThrough)
        {
            await CatchUpAsync(stop);
            DispatchEarly();
        }

        if (tick)
        {
            WakeAll();
        }
    }

    /// <summary>Dispatches the offered commits that continue the dispatched position, in catalog order.</summary>
    private void DispatchEarly()
    {
        while (_early.Count > 0)
        {
            var commit = _early.Values[0];
            if (commit[^1].CommitEndSeq <= DispatchedThrough)
            {
                _early.RemoveAt(0);
            }
            else if (commit[0].Seq == DispatchedThrough + 1)
            {
                _early.RemoveAt(0);
                Dispatch(commit, commit[^1].CommitEndSeq);
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Reads from the log what was committed but not dispatched, in whole commits.</summary>
    private async Task CatchUpAsync(CancellationToken stop)
    {
        var target = (ulong)Interlocked.Read(ref _known);
        while (DispatchedThrough < target)
        {
            FeedPage page;
            try
            {
                page = await catalog.Store.Feed.ReadChangesAsync(
                    DispatchedThrough, CatalogFilter.All, _options.FeedPageSize, _options.FeedScanSize, stop);
            }
            catch (CatalogException e) when (e.Code == CatalogErrorCode.CursorTooOld)
            {
                // Retention overtook the fan-out: every watcher resumes (or resets) from the log itself.
                var head = (await catalog.Store.Feed.GetPositionAsync(stop)).HeadSeq;
                lock (_lock)
                {
                    DetachAllLocked();
                    EmptyWindowLocked();
                    _dispatched = head;
                    _windowFrom = head;
                }

                continue;
            }

            var start = 0;
            for (var i = 0; i < page.Changes.Count; i++)
            {
                if (i == page.Changes.Count - 1 || page.Changes[i + 1].CommitEndSeq != page.Changes[i].CommitEndSeq)
                {
                    Dispatch(page.Changes.Skip(start).Take(i + 1 - start).ToList(), page.Changes[i].CommitEndSeq);
                    start = i + 1;
                }
            }

            // Commits that concern nobody still move everyone's position (and the cursor of their next event).
            Dispatch([], page.Through);
        }
    }

    private void Dispatch(IReadOnlyList<CatalogChange> changes, ulong through)
    {
        List<LiveFeed>? overflowed = null;
        lock (_lock)
        {
            if (through <= _dispatched)
            {
                return;
            }

            // Changes dispatched before (an offer overlapping a log read) are not handed out twice.
            var commit = new LiveCommit(_appended, changes.Count > 0 && changes[0].Seq <= _dispatched ? [.. changes.Where(c => c.Seq > _dispatched)] : changes, through);
            Volatile.Write(ref _window[_appended % _window.Length], commit);
            _retained += Weight(commit);
            Volatile.Write(ref _appended, _appended + 1);
            _dispatched = through;
            while (_retained > _options.WatcherBufferSize && _appended - _oldest > 1)
            {
                var slot = _oldest % _window.Length;
                var evicted = _window[slot]!;
                _retained -= Weight(evicted);
                _windowFrom = evicted.Through;
                Volatile.Write(ref _window[slot], null);
                _oldest++;
            }

            foreach (var feed in _live)
            {
                if (feed.Next < _oldest)
                {
                    (overflowed ??= []).Add(feed);
                }
            }

            if (overflowed is not null)
            {
                _live = [.. _live.Except(overflowed)];
                foreach (var feed in overflowed)
                {
                    feed.Detach();
                }
            }
        }

        WakeAll();
        if (overflowed is not null)
        {
            foreach (var feed in overflowed)
            {
                HubLog.WatcherDetached(logger, through);
                Detached?.Invoke(feed);
            }
        }
    }

    /// <summary>The room a commit takes in the window: one per change, and one for a commit without changes.</summary>
    private static int Weight(LiveCommit commit) => Math.Max(1, commit.Changes.Count);

    /// <summary>Wakes every waiting live watcher: a commit was appended, or a tick.</summary>
    private void WakeAll()
    {
        foreach (var feed in Volatile.Read(ref _live))
        {
            feed.Wake();
        }
    }

    private void DetachAll()
    {
        lock (_lock)
        {
            DetachAllLocked();
        }
    }

    private void EmptyWindowLocked()
    {
        for (; _oldest < _appended; _oldest++)
        {
            Volatile.Write(ref _window[_oldest % _window.Length], null);
        }

        _retained = 0;
    }

    private void DetachAllLocked()
    {
        foreach (var feed in _live)
        {
            feed.Detach();
        }

        _live = [];
        WakeAll();
    }

    private void RaiseKnown(ulong seq)
    {
        var value = (long)seq;
        var current = Interlocked.Read(ref _known);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _known, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
