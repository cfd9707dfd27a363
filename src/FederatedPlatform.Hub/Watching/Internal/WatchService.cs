using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;
using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>Hub.Watch: validates the filter, then one <see cref="WatchSession"/> per stream.</summary>
internal sealed class WatchService(
    HubCatalog catalog, FeedNotifier notifier, SnapshotGate gate, IOptions<HubOptions> options, TimeProvider time)
{
    public async Task WatchAsync(WatchRequest request, IServerStreamWriter<WatchEvent> responses, ServerCallContext context)
    {
        var store = catalog.Store;
        var filter = CatalogFilter.From(request.Filter, store.Validator.Limits);

        // Accepted: the headers go out now, so a watcher resuming at the head of a quiet catalog knows
        // its stream is open before the first event (which may be a bookmark interval away).
        await context.WriteResponseHeadersAsync([]);
        await new WatchSession(filter, responses, HubCall.Of(context), store, notifier, gate, options.Value, time).RunAsync(request.Cursor);
    }
}
