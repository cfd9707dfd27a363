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
/// The fan-out: one loop, woken by every commit (<see cref="Offer"/>) and by a poll tick, hands the
/// committed changes in catalog order to every live watcher's bounded buffer, never waiting on any.
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
    private LiveFeed[] _live = [];
    private ulong _dispatched;
    private long _known;
    private bool _started;
    private ITimer? _timer;
    private Task _loop = Task.CompletedTask;

    /// <summary>Raised (on the fan-out loop) when a watcher is detached because its buffer was full.</summary>
    internal event Action<LiveFeed>? Detached;

    /// <summary>Watchers currently fed live.</summary>
    public int LiveCount => Volatile.Read(ref _live).Length;

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
    /// Feeds <paramref name="feed"/> live from the next commit, if the watcher has read the log at least
    /// as far as the fan-out has dispatched (<paramref name="position"/>); false means read on.
    /// </summary>
    public bool TryAttach(LiveFeed feed, ulong position)
    {
        lock (_lock)
        {
            if (!_started || position < _dispatched)
            {
                return false;
            }

            _live = [.. _live, feed];
            return true;
        }
    }

    /// <summary>Stops feeding <paramref name="feed"/> (the watcher ended or was detached).</summary>
    public void Detach(LiveFeed feed)
    {
        lock (_lock)
        {
            if (Array.IndexOf(_live, feed) >= 0)
            {
                _live = [.. _live.Where(f => f != feed)];
                feed.Complete();
            }
        }
    }

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var position = await catalog.Store.Feed.GetPositionAsync(cancellationToken);
        lock (_lock)
        {
            _dispatched = position.HeadSeq;
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
        lock (_lock)
        {
            foreach (var feed in _live)
            {
                feed.Complete();
            }

            _live = [];
        }
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
            Broadcast(FeedSignal.Tick);
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
                    _dispatched = head;
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
            var commit = new LiveCommit(changes.Count > 0 && changes[0].Seq <= _dispatched ? [.. changes.Where(c => c.Seq > _dispatched)] : changes, through);
            foreach (var feed in _live)
            {
                if (!feed.TryWrite(new FeedSignal(commit)))
                {
                    (overflowed ??= []).Add(feed);
                }
            }

            _dispatched = through;
            if (overflowed is not null)
            {
                _live = [.. _live.Except(overflowed)];
                foreach (var feed in overflowed)
                {
                    feed.Complete();
                }
            }
        }

        if (overflowed is not null)
        {
            foreach (var feed in overflowed)
            {
                HubLog.WatcherDetached(logger, through);
                Detached?.Invoke(feed);
            }
        }
    }

    private void Broadcast(FeedSignal signal)
    {
        lock (_lock)
        {
            foreach (var feed in _live)
            {
                feed.TryWrite(signal);
            }
        }
    }

    private void DetachAll()
    {
        lock (_lock)
        {
            DetachAllLocked();
        }
    }

    private void DetachAllLocked()
    {
        foreach (var feed in _live)
        {
            feed.Complete();
        }

        _live = [];
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
