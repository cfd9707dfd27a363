using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Hub.Tests.Support;

/// <summary>The hub's API through the project's own gRPC client, with one bearer token.</summary>
public sealed class HubClient(CallInvoker invoker, string? token)
{
    private static readonly ServiceDescriptor Hub = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Hub");
    private static readonly ServiceDescriptor Registry = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Registry");

    private static readonly ServiceDescriptor Matchmaking = SearchReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Matchmaking");
    private static readonly ServiceDescriptor Search = SearchReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CatalogSearch");
    private static readonly Method<PublishRequest, PublishResponse> PublishMethod = Method.From<PublishRequest, PublishResponse>(Hub, "Publish");
    private static readonly Method<WatchRequest, WatchEvent> WatchMethod = Method.From<WatchRequest, WatchEvent>(Hub, "Watch");

    public Task<Record> GetRecordAsync(string centerId, string localId) =>
        Unary<GetRecordRequest, Record>(Hub, "GetRecord", new GetRecordRequest { Id = new RecordId { CenterId = centerId, LocalId = localId } });

    public Task<ListRecordsResponse> ListRecordsAsync(ListRecordsRequest request) => Unary<ListRecordsRequest, ListRecordsResponse>(Hub, "ListRecords", request);

    public Task<SearchResponse> SearchAsync(SearchRequest request) => Unary<SearchRequest, SearchResponse>(Search, "Search", request);

    public Task<SearchResponse> SearchAsync(string query) => SearchAsync(new SearchRequest { Query = query });

    public Task<ListSuggestionsResponse> ListSuggestionsAsync(ListSuggestionsRequest request) =>
        Unary<ListSuggestionsRequest, ListSuggestionsResponse>(Matchmaking, "ListSuggestions", request);

    public Task<Suggestion> MarkSuggestionAsync(MarkSuggestionRequest request) =>
        Unary<MarkSuggestionRequest, Suggestion>(Matchmaking, "MarkSuggestion", request);

    public SuggestionWatchCall WatchSuggestions(string centerId, string cursor = "", CancellationToken cancellationToken = default) =>
        new(invoker.AsyncServerStreamingCall(
            Method.From<WatchSuggestionsRequest, SuggestionEvent>(Matchmaking, "WatchSuggestions"),
            Options(cancellationToken),
            new WatchSuggestionsRequest { CenterId = centerId, Cursor = cursor }));

    public Task<ListCentersResponse> ListCentersAsync() => Unary<ListCentersRequest, ListCentersResponse>(Hub, "ListCenters", new ListCentersRequest());

    public Task<Center> RegisterCenterAsync(string centerId, string country = "OM")
    {
        var request = new RegisterCenterRequest { CenterId = centerId, Country = country };
        request.Names.Add("en", $"Center {centerId}");
        return Unary<RegisterCenterRequest, Center>(Registry, "RegisterCenter", request);
    }

    public Task<IssueCredentialResponse> IssueCredentialAsync(Role role, string centerId = "", string description = "test") =>
        Unary<IssueCredentialRequest, IssueCredentialResponse>(
            Registry, "IssueCredential", new IssueCredentialRequest { Role = role, CenterId = centerId, Description = description });

    public Task<RevokeCredentialResponse> RevokeCredentialAsync(string credentialId) =>
        Unary<RevokeCredentialRequest, RevokeCredentialResponse>(Registry, "RevokeCredential", new RevokeCredentialRequest { CredentialId = credentialId });

    public Task<ListCredentialsResponse> ListCredentialsAsync(string centerId = "") =>
        Unary<ListCredentialsRequest, ListCredentialsResponse>(Registry, "ListCredentials", new ListCredentialsRequest { CenterId = centerId });

    public Task<FederationHealth> GetFederationHealthAsync() =>
        Unary<GetFederationHealthRequest, FederationHealth>(Registry, "GetFederationHealth", new GetFederationHealthRequest());

    public Task<RequestResyncResponse> RequestResyncAsync(string centerId, string reason) =>
        Unary<RequestResyncRequest, RequestResyncResponse>(Registry, "RequestResync", new RequestResyncRequest { CenterId = centerId, Reason = reason });

    public PublishCall Publish(CancellationToken cancellationToken = default) =>
        new(invoker.AsyncDuplexStreamingCall(PublishMethod, Options(cancellationToken)));

    public WatchCall Watch(RecordFilter? filter = null, string cursor = "", CancellationToken cancellationToken = default) =>
        new(invoker.AsyncServerStreamingCall(WatchMethod, Options(cancellationToken), new WatchRequest { Filter = filter, Cursor = cursor }));

    private CallOptions Options(CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return new CallOptions(headers, cancellationToken: cancellationToken);
    }

    private async Task<TResponse> Unary<TRequest, TResponse>(ServiceDescriptor service, string name, TRequest request)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
    {
        using var call = invoker.AsyncUnaryCall(Method.From<TRequest, TResponse>(service, name), Options(default), request);
        return await call.ResponseAsync.WithTimeout();
    }
}
