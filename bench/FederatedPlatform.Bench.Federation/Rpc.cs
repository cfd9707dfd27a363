using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Bench.Federation;

/// <summary>The methods the benchmarks call, bound from the descriptors in protos/, and a channel helper.</summary>
public static class Rpc
{
    private static readonly ServiceDescriptor Hub = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Hub");
    private static readonly ServiceDescriptor Registry = HubReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Registry");
    private static readonly ServiceDescriptor Node = NodeReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Node");

    public static readonly Method<PublishRequest, PublishResponse> Publish = Method.From<PublishRequest, PublishResponse>(Hub, "Publish");
    public static readonly Method<WatchRequest, WatchEvent> Watch = Method.From<WatchRequest, WatchEvent>(Hub, "Watch");
    public static readonly Method<RegisterCenterRequest, Center> RegisterCenter = Method.From<RegisterCenterRequest, Center>(Registry, "RegisterCenter");
    public static readonly Method<IssueCredentialRequest, IssueCredentialResponse> IssueCredential = Method.From<IssueCredentialRequest, IssueCredentialResponse>(Registry, "IssueCredential");
    public static readonly Method<GetFederationHealthRequest, FederationHealth> GetFederationHealth = Method.From<GetFederationHealthRequest, FederationHealth>(Registry, "GetFederationHealth");
    public static readonly Method<GetNodeStatusRequest, NodeStatus> GetNodeStatus = Method.From<GetNodeStatusRequest, NodeStatus>(Node, "GetNodeStatus");
    public static readonly Method<SearchRequest, SearchResponse> Search = Method.From<SearchRequest, SearchResponse>(
        SearchReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("CatalogSearch"), "Search");

    public static GrpcChannel Channel(Uri address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    public static Task<TResponse> UnaryAsync<TRequest, TResponse>(this CallInvoker invoker, Method<TRequest, TResponse> method, string token, TRequest request)
        where TRequest : class
        where TResponse : class =>
        invoker.AsyncUnaryCall(method, new CallOptions(Bearer(token), DateTime.UtcNow.AddSeconds(60)), request).ResponseAsync;
}

/// <summary>Operator calls against a running hub: register centers, issue credentials, read federation health.</summary>
public sealed class HubOperator(Uri address, string operatorToken) : IDisposable
{
    private readonly GrpcChannel _channel = Rpc.Channel(address);

    public CallInvoker Invoker => _channel.CreateCallInvoker();

    public static async Task<HubOperator> FromTokenFileAsync(Uri address, string tokenPath) =>
        new(address, (await File.ReadAllTextAsync(tokenPath)).Trim());

    /// <summary>Registers the center and returns a fresh center credential for it.</summary>
    public async Task<string> RegisterCenterAsync(string centerId)
    {
        var request = new RegisterCenterRequest { CenterId = centerId, Country = "CN" };
        request.Names["en"] = "Bench center " + centerId;
        await Invoker.UnaryAsync(Rpc.RegisterCenter, operatorToken, request);
        return await IssueAsync(Role.Center, centerId);
    }

    public async Task<string> IssueAsync(Role role, string centerId = "") =>
        (await Invoker.UnaryAsync(Rpc.IssueCredential, operatorToken,
            new IssueCredentialRequest { Role = role, CenterId = centerId, Description = "federation benchmark" })).Token;

    public Task<FederationHealth> HealthAsync() => Invoker.UnaryAsync(Rpc.GetFederationHealth, operatorToken, new GetFederationHealthRequest());

    public void Dispose() => _channel.Dispose();
}
