using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.Hosting;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// Wakes the fan-out for commits made through other hub instances sharing the catalog database
/// (PostgreSQL LISTEN/NOTIFY; the listener reconnects on its own). Only a hint: the fan-out reads the
/// change log, and its poll covers any wake that is lost.
/// </summary>
internal sealed class CommitListener(HubCatalog catalog, FeedNotifier notifier) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _listening = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listening = catalog.Store.ListenForCommitsAsync(notifier.Wake, _stop.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _listening.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stop.Dispose();
}
