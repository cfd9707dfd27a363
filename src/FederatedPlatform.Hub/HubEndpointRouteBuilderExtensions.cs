using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Internal;
using FederatedPlatform.Hub.Matchmaking.Internal;
using FederatedPlatform.Hub.Publishing.Internal;
using FederatedPlatform.Hub.Reading.Internal;
using FederatedPlatform.Hub.Registry.Internal;
using FederatedPlatform.Hub.Searching.Internal;
using FederatedPlatform.Hub.Watching.Internal;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FederatedPlatform.Hub;

/// <summary>Maps the hub's gRPC services.</summary>
public static class HubEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>fedplat.v1.Hub</c>, <c>fedplat.v1.Registry</c>, <c>fedplat.v1.CatalogSearch</c>, <c>fedplat.v1.Matchmaking</c>, gRPC health and server reflection.</summary>
    public static IEndpointRouteBuilder MapFederationHub(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var publish = services.GetRequiredService<PublishService>();
        var watch = services.GetRequiredService<WatchService>();
        var reads = services.GetRequiredService<ReadService>();
        var registry = services.GetRequiredService<RegistryService>();
        var search = services.GetRequiredService<SearchService>();
        var matchmaking = services.GetRequiredService<MatchmakingService>();

        endpoints.MapGrpcService(GrpcServiceBuilder.For(HubDescriptors.Hub)
            .DuplexStreaming<PublishRequest, PublishResponse>("Publish", publish.PublishAsync)
            .ServerStreaming<WatchRequest, WatchEvent>("Watch", watch.WatchAsync)
            .Unary<GetRecordRequest, Record>("GetRecord", reads.GetRecordAsync)
            .Unary<ListRecordsRequest, ListRecordsResponse>("ListRecords", reads.ListRecordsAsync)
            .Unary<ListCentersRequest, ListCentersResponse>("ListCenters", reads.ListCentersAsync)
            .Build());
        endpoints.MapGrpcService(GrpcServiceBuilder.For(HubDescriptors.Registry)
            .Unary<RegisterCenterRequest, Center>("RegisterCenter", registry.RegisterCenterAsync)
            .Unary<IssueCredentialRequest, IssueCredentialResponse>("IssueCredential", registry.IssueCredentialAsync)
            .Unary<RevokeCredentialRequest, RevokeCredentialResponse>("RevokeCredential", registry.RevokeCredentialAsync)
            .Unary<ListCredentialsRequest, ListCredentialsResponse>("ListCredentials", registry.ListCredentialsAsync)
            .Unary<GetFederationHealthRequest, FederationHealth>("GetFederationHealth", registry.GetFederationHealthAsync)
            .Unary<RequestResyncRequest, RequestResyncResponse>("RequestResync", registry.RequestResyncAsync)
            .Build());
        endpoints.MapGrpcService(GrpcServiceBuilder.For(HubDescriptors.CatalogSearch)
            .Unary<SearchRequest, SearchResponse>("Search", search.SearchAsync)
            .Build());
        endpoints.MapGrpcService(GrpcServiceBuilder.For(HubDescriptors.Matchmaking)
            .Unary<ListSuggestionsRequest, ListSuggestionsResponse>("ListSuggestions", matchmaking.ListSuggestionsAsync)
            .ServerStreaming<WatchSuggestionsRequest, SuggestionEvent>("WatchSuggestions", matchmaking.WatchSuggestionsAsync)
            .Unary<MarkSuggestionRequest, Suggestion>("MarkSuggestion", matchmaking.MarkSuggestionAsync)
            .Build());
        endpoints.MapGrpcHealthService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
