using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Internal;
using FederatedPlatform.Node.Storage;
using FederatedPlatform.Search.Protocol;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using static FederatedPlatform.Node.Services.Internal.StatusMapping;

namespace FederatedPlatform.Node.Services.Internal;

/// <summary>fedplat.v1.Node: the center's local API over the store, the replica and the node's status.</summary>
internal sealed class NodeGrpcService(NodeStore store, NodeHealth health)
{
    public static readonly ServiceDescriptor Descriptor = NodeReflection.Descriptor.Services.Single(s => s.Name == "Node");

    public static readonly ServiceDescriptor SearchDescriptor = SearchReflection.Descriptor.Services.Single(s => s.Name == "CatalogSearch");

    /// <summary>CatalogSearch over the replica.</summary>
    public ServerServiceDefinition BuildSearch() => GrpcServiceBuilder.For(SearchDescriptor)
        .Unary<SearchRequest, SearchResponse>("Search", SearchAsync)
        .Build();

    public ServerServiceDefinition Build() => GrpcServiceBuilder.For(Descriptor)
        .Unary<CreateRecordRequest, Record>("CreateRecord", (request, context) => Guard(() => store.CreateAsync(request.Record, context.CancellationToken)))
        .Unary<UpdateRecordRequest, Record>("UpdateRecord", (request, context) =>
            Guard(() => store.UpdateAsync(request.Record, request.ExpectedVersion, context.CancellationToken)))
        .Unary<DeleteRecordRequest, DeleteRecordResponse>("DeleteRecord", (request, context) => Guard(async () =>
            new DeleteRecordResponse { Version = await store.DeleteAsync(request.Id, request.ExpectedVersion, context.CancellationToken) }))
        .Unary<GetRecordRequest, Record>("GetRecord", GetRecordAsync)
        .Unary<ListRecordsRequest, ListRecordsResponse>("ListRecords", (request, context) =>
            Guard(() => store.ListAsync(request.Filter, request.PageSize, request.PageToken, context.CancellationToken)))
        .Unary<ListRecordsRequest, ListRecordsResponse>("ListReplicaRecords", (request, context) =>
            Guard(() => store.ListReplicaAsync(request.Filter, request.PageSize, request.PageToken, context.CancellationToken)))
        .Unary<ImportRecordsRequest, ImportRecordsResponse>("ImportRecords", ImportRecordsAsync)
        .Unary<ListRejectedRequest, ListRejectedResponse>("ListRejected", (request, context) =>
            Guard(() => store.ListRejectedAsync(request.PageSize, request.PageToken, context.CancellationToken)))
        .Unary<GetNodeStatusRequest, NodeStatus>("GetNodeStatus", (_, context) => GetNodeStatusAsync(context.CancellationToken))
        .Build();

    private Task<Record> GetRecordAsync(GetRecordRequest request, ServerCallContext context) => Guard(async () =>
    {
        var id = request.Id ?? throw Invalid("id", "required");
        var own = id.CenterId.Length == 0 || string.Equals(id.CenterId, store.CenterId, StringComparison.Ordinal);
        var record = own
            ? await store.GetAsync(id.LocalId, context.CancellationToken)
            : await store.GetReplicaAsync(id, context.CancellationToken);
        return record ?? throw new RpcException(StatusCode.NotFound, $"no live record {(own ? store.CenterId : id.CenterId)}/{id.LocalId}");
    });

    private Task<SearchResponse> SearchAsync(SearchRequest request, ServerCallContext context) => Guard(async () =>
    {
        try
        {
            return await store.SearchAsync(request, context.CancellationToken);
        }
        catch (SearchRequestException e)
        {
            throw Invalid(e.Field, e.Reason);
        }
    });

    private Task<ImportRecordsResponse> ImportRecordsAsync(ImportRecordsRequest request, ServerCallContext context) => Guard(async () =>
    {
        var result = await store.ImportAsync(request.Records, context.CancellationToken);
        var response = new ImportRecordsResponse { Created = (ulong)result.Created, Updated = (ulong)result.Updated, Unchanged = (ulong)result.Unchanged };
        foreach (var error in result.Errors)
        {
            response.Errors.Add(new ImportError
            {
                Index = (uint)error.Index,
                Id = error.CenterId.Length == 0 && error.LocalId.Length == 0 ? null : new RecordId { CenterId = error.CenterId, LocalId = error.LocalId },
                Field = error.Field,
                Reason = error.Reason,
            });
        }

        return response;
    });

    private async Task<NodeStatus> GetNodeStatusAsync(CancellationToken cancellationToken)
    {
        var state = await store.GetStatusAsync(cancellationToken);
        var live = health.Snapshot();
        return new NodeStatus
        {
            CenterId = state.CenterId,
            ProducerEpoch = state.ProducerEpoch,
            Connected = live.PublishConnected,
            LastSeq = state.LastSeq,
            AckedSeq = state.AckedSeq,
            OutboxLength = state.OutboxLength,
            RejectedCount = state.RejectedCount,
            ReplicaCursor = state.ReplicaCursor,
            ReplicaRecords = state.ReplicaRecords,
            LastError = live.LastError,
            LastContact = live.LastContact is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            Stopped = live.Stopped,
            ReplicaConnected = live.ReplicaConnected,
        };
    }
}
