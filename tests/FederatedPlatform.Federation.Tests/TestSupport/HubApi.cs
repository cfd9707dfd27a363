using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>The hub's public API (Hub and Registry) through the project's own gRPC client, with one bearer token.</summary>
public sealed class HubApi(CallInvoker invoker, string token)
{
    private static readonly ServiceDescriptor Hub = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Hub");
    private static readonly ServiceDescriptor Registry = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Registry");
    private static readonly Method<PublishRequest, PublishResponse> PublishMethod = Method.From<PublishRequest, PublishResponse>(Hub, "Publish");
    private static readonly Method<WatchRequest, WatchEvent> WatchMethod = Method.From<WatchRequest, WatchEvent>(Hub, "Watch");

    public Task<Record> GetRecordAsync(string centerId, string localId) =>
        Unary<GetRecordRequest, Record>(Hub, "GetRecord", new GetRecordRequest { Id = new RecordId { CenterId = centerId, LocalId = localId } });

    /// <summary>Every live record matching <paramref name="filter"/>, all pages.</summary>
    public async Task<List<Record>> ListAllRecordsAsync(RecordFilter? filter = null)
    {
        var records = new List<Record>();
        var token = string.Empty;
        do
        {
            var page = await Unary<ListRecordsRequest, ListRecordsResponse>(
                Hub, "ListRecords", new ListRecordsRequest { Filter = filter ?? new RecordFilter(), PageSize = 1000, PageToken = token });
            records.AddRange(page.Records);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return records;
    }

    public Task<Center> RegisterCenterAsync(string centerId, string country = "OM")
    {
        var request = new RegisterCenterRequest { CenterId = centerId, Country = country };
        request.Names.Add("en", $"Center {centerId}");
        return Unary<RegisterCenterRequest, Center>(Registry, "RegisterCenter", request);
    }

    public Task<IssueCredentialResponse> IssueCredentialAsync(Role role, string centerId = "") =>
        Unary<IssueCredentialRequest, IssueCredentialResponse>(
            Registry, "IssueCredential", new IssueCredentialRequest { Role = role, CenterId = centerId, Description = "federation test" });

    public Task<FederationHealth> GetFederationHealthAsync() =>
        Unary<GetFederationHealthRequest, FederationHealth>(Registry, "GetFederationHealth", new GetFederationHealthRequest());

    public async Task<CenterHealth> GetCenterHealthAsync(string centerId) =>
        (await GetFederationHealthAsync()).Centers.Single(c => c.CenterId == centerId);

    public PublishStream Publish() => new(invoker.AsyncDuplexStreamingCall(PublishMethod, Options(default)));

    public WatchStream Watch(RecordFilter? filter = null, string cursor = "")
    {
        var cts = new CancellationTokenSource();
        var call = invoker.AsyncServerStreamingCall(WatchMethod, Options(cts.Token), new WatchRequest { Filter = filter, Cursor = cursor });
        return new WatchStream(call, cts);
    }

    private CallOptions Options(CancellationToken cancellationToken) =>
        new(new Metadata { { "authorization", "Bearer " + token } }, cancellationToken: cancellationToken);

    private async Task<TResponse> Unary<TRequest, TResponse>(ServiceDescriptor service, string name, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        using var call = invoker.AsyncUnaryCall(Method.From<TRequest, TResponse>(service, name), Options(default), request);
        return await call.ResponseAsync.WithTimeout();
    }
}
