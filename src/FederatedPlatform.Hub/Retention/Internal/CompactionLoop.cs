using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Retention.Internal;

/// <summary>
/// Tombstone retention: every <see cref="HubOptions.CompactionInterval"/> (on the injected clock) it
/// compacts what was committed more than <see cref="HubOptions.RetentionHorizon"/> ago. A failed
/// pass is logged and retried at the next interval.
/// </summary>
internal sealed class CompactionLoop(HubCatalog catalog, IOptions<HubOptions> options, TimeProvider time, ILogger<CompactionLoop> logger)
    : BackgroundService
{
    private readonly HubOptions _options = options.Value;

    /// <summary>Raised after every pass, successful or not (null result), for observers such as tests.</summary>
    internal event Action<CompactionResult?>? PassCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CompactionInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                PassCompleted?.Invoke(await CompactOnceAsync(stoppingToken));
            }
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
