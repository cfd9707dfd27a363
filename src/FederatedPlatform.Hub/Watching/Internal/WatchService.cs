using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;
using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>Hub.Watch: validates the filter, then one <see cref="WatchSession"/> per stream.</summary>
internal sealed class WatchService(HubCatalog catalog, FeedNotifier notifier, SnapshotGate gate, IOptions<HubOptions> options, TimeProvider time)
{
    public Task WatchAsync(WatchRequest request, IServerStreamWriter<WatchEvent> responses, ServerCallContext context)
    {
        var store = catalog.Store;
        var filter = CatalogFilter.From(request.Filter, store.Validator.Limits);
        return new WatchSession(filter, responses, HubCall.Of(context), store, notifier, gate, options.Value, time).RunAsync(request.Cursor);
    }
}
