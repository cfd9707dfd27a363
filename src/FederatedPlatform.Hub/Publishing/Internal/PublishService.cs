using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;
using FederatedPlatform.Hub.Internal;
using FederatedPlatform.Hub.Watching.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Publishing.Internal;

/// <summary>Hub.Publish: one <see cref="PublishSession"/> per stream.</summary>
internal sealed class PublishService(
    HubCatalog catalog, PublishStreams streams, FeedNotifier notifier, IOptions<HubOptions> options, ILogger<PublishService> logger)
{
    public Task PublishAsync(IAsyncStreamReader<PublishRequest> requests, IServerStreamWriter<PublishResponse> responses, ServerCallContext context) =>
        new PublishSession(
            requests, responses, HubCall.Of(context), catalog.Store.Writer, streams, notifier, options.Value.PublishBatchSize, logger)
            .RunAsync();
}
