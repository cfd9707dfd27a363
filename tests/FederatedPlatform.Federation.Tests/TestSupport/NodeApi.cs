using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>A node's local API (fedplat.v1.Node) through the project's own gRPC client.</summary>
public sealed class NodeApi(CallInvoker invoker)
{
    private static readonly ServiceDescriptor Node = NodeReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Node");

    public Task<Record> CreateAsync(Record record) =>
        Unary<CreateRecordRequest, Record>("CreateRecord", new CreateRecordRequest { Record = record });

    public Task<Record> UpdateAsync(Record record, ulong expectedVersion = 0) =>
        Unary<UpdateRecordRequest, Record>("UpdateRecord", new UpdateRecordRequest { Record = record, ExpectedVersion = expectedVersion });

    public async Task<ulong> DeleteAsync(RecordId id) =>
        (await Unary<DeleteRecordRequest, DeleteRecordResponse>("DeleteRecord", new DeleteRecordRequest { Id = id })).Version;

    public Task<ImportRecordsResponse> ImportAsync(IEnumerable<Record> records)
    {
        var request = new ImportRecordsRequest();
        request.Records.Add(records);
        return Unary<ImportRecordsRequest, ImportRecordsResponse>("ImportRecords", request);
    }

    public Task<NodeStatus> GetStatusAsync() => Unary<GetNodeStatusRequest, NodeStatus>("GetNodeStatus", new GetNodeStatusRequest());

    public Task<ListRejectedResponse> ListRejectedAsync() =>
        Unary<ListRejectedRequest, ListRejectedResponse>("ListRejected", new ListRejectedRequest { PageSize = 1000 });

    /// <summary>This center's live records, all pages.</summary>
    public Task<List<Record>> ListOwnAsync() => ListAllAsync("ListRecords", null);

    /// <summary>The node's replica of the federated catalog, all pages.</summary>
    public Task<List<Record>> ListReplicaAsync(RecordFilter? filter = null) => ListAllAsync("ListReplicaRecords", filter);

    private async Task<List<Record>> ListAllAsync(string method, RecordFilter? filter)
    {
        var records = new List<Record>();
        var token = string.Empty;
        do
        {
            var page = await Unary<ListRecordsRequest, ListRecordsResponse>(
                method, new ListRecordsRequest { Filter = filter ?? new RecordFilter(), PageSize = 1000, PageToken = token });
            records.AddRange(page.Records);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return records;
    }

    private async Task<TResponse> Unary<TRequest, TResponse>(string name, TRequest request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        using var call = invoker.AsyncUnaryCall(Method.From<TRequest, TResponse>(Node, name), new CallOptions(), request);
        return await call.ResponseAsync.WithTimeout();
    }
}
