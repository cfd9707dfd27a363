using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Retention.Internal;

/// <summary>
/// Tombstone retention: once at start and then every <see cref="HubOptions.CompactionInterval"/> (on the
/// injected clock) it compacts what was committed more than <see cref="HubOptions.RetentionHorizon"/> ago.
/// The pass at start matters: a hub restarted more often than the interval would otherwise never compact.
/// A failed pass is logged and retried at the next interval.
/// </summary>
internal sealed class CompactionLoop(HubCatalog catalog, IOptions<HubOptions> options, TimeProvider time, ILogger<CompactionLoop> logger)
    : BackgroundService
{
    private readonly HubOptions _options = options.Value;
    private int _passes;

    /// <summary>Raised after every pass, successful or not (null result), for observers such as tests.</summary>
    internal event Action<CompactionResult?>? PassCompleted;

    /// <summary>Passes completed so far, successful or not.</summary>
    internal int PassesCompleted => Volatile.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Created before the first pass, so the interval counts from the start, not from its end.
        using var timer = new PeriodicTimer(_options.CompactionInterval, time);
        try
        {
            do
            {
                var result = await CompactOnceAsync(stoppingToken);
                Interlocked.Increment(ref _passes);
                PassCompleted?.Invoke(result);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task<CompactionResult?> CompactOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await catalog.Store.Feed.CompactAsync(time.GetUtcNow() - _options.RetentionHorizon, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HubLog.CompactionFailed(logger, e);
            return null;
        }
    }
}
