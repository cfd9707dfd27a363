using System.Diagnostics;
using FederatedPlatform.Hub.Internal;
using FederatedPlatform.Hub.Watching.Internal;
using FederatedPlatform.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Searching.Internal;

/// <summary>
/// Merges the search index's full-text segments into one while the catalog is idle: at every
/// <see cref="HubOptions.SearchMergeIdle"/> tick (on the injected clock) that follows a whole interval
/// without a commit, unless nothing was committed since the last merge. One step of
/// <see cref="HubOptions.SearchMergePages"/> pages per write transaction, so publishing waits for one
/// step at most; a commit stops the pass, and the next idle interval starts it again. A failed pass is
/// logged and retried at the next idle tick.
/// </summary>
internal sealed class SearchMergeLoop(
    HubCatalog catalog,
    ISearchIndex index,
    FeedNotifier notifier,
    IOptions<HubOptions> options,
    TimeProvider time,
    ILogger<SearchMergeLoop> logger)
    : BackgroundService
{
    private readonly HubOptions _options = options.Value;
    private long _commits;

    /// <summary>Raised after every pass: the steps it took and whether it finished (false: a commit or a failure stopped it).</summary>
    internal event Action<int, bool>? PassCompleted;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.Committed += OnCommitted;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Committed -= OnCommitted;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SearchMergeIdle, time);
        var seen = Volatile.Read(ref _commits);
        var merged = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = Volatile.Read(ref _commits);
                if (now != seen)
                {
                    // Not idle for a whole interval.
                    seen = now;
                    merged = false;
                }
                else if (!merged)
                {
                    merged = await MergeAsync(seen, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void OnCommitted() => Interlocked.Increment(ref _commits);

    /// <summary>Merges step by step until nothing is left (true) or a commit arrives (false).</summary>
    private async Task<bool> MergeAsync(long commits, CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        var steps = 0;
        var finished = false;
        try
        {
            while (Volatile.Read(ref _commits) == commits)
            {
                steps++;
                if (!await catalog.Store.WriteAsync((transaction, token) => index.MergeAsync(transaction, _options.SearchMergePages, token), stoppingToken))
                {
                    finished = true;
                    break;
                }
            }

            if (steps > 1)
            {
                HubLog.SearchIndexMerged(logger, steps - (finished ? 1 : 0), watch.Elapsed.TotalSeconds, finished);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HubLog.SearchMergeFailed(logger, e);
        }

        PassCompleted?.Invoke(steps, finished);
        return finished;
    }
}
