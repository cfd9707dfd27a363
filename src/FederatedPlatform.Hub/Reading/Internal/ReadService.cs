using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Reading;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;
using FederatedPlatform.Hub.Internal;

namespace FederatedPlatform.Hub.Reading.Internal;

/// <summary>Hub.GetRecord, Hub.ListRecords and Hub.ListCenters; contacts shown only to whom they concern.</summary>
internal sealed class ReadService(HubCatalog catalog)
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public async Task<Record> GetRecordAsync(GetRecordRequest request, ServerCallContext context)
    {
        var call = HubCall.Of(context);
        var store = catalog.Store;
        if (request.Id is null)
        {
            throw HubErrors.InvalidArgument("id", "required");
        }

        if (store.Validator.CheckCenterId(request.Id.CenterId) is { } centerReason)
        {
            throw HubErrors.InvalidArgument("id.center_id", centerReason);
        }

        if (store.Validator.CheckLocalId(request.Id.LocalId) is { } localReason)
        {
            throw HubErrors.InvalidArgument("id.local_id", localReason);
        }

        var record = await store.Reader.GetRecordAsync(request.Id.CenterId, request.Id.LocalId, call.CancellationToken)
            ?? throw HubErrors.NotFound($"record {request.Id.CenterId}/{request.Id.LocalId} does not exist");
        return call.Visible(record);
    }

    public async Task<ListRecordsResponse> ListRecordsAsync(ListRecordsRequest request, ServerCallContext context)
    {
        var call = HubCall.Of(context);
        var store = catalog.Store;
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw HubErrors.InvalidArgument("page_size", $"must be 1-{MaxPageSize} (0 means {DefaultPageSize})");
        }

        RecordKey? after = null;
        if (request.PageToken.Length > 0 && !RecordKey.TryParse(request.PageToken, out after))
        {
            throw HubErrors.InvalidArgument("page_token", "not a page token from this listing");
        }

        var filter = CatalogFilter.From(request.Filter, store.Validator.Limits);
        var page = await store.Reader.ListRecordsAsync(filter, after, pageSize, call.CancellationToken);
        var response = new ListRecordsResponse { NextPageToken = page.Next?.ToToken() ?? string.Empty };
        response.Records.AddRange(page.Records.Select(call.Visible));
        return response;
    }

    public async Task<ListCentersResponse> ListCentersAsync(ListCentersRequest request, ServerCallContext context)
    {
        var centers = await catalog.Store.Registry.ListCentersAsync(HubCall.Of(context).CancellationToken);
        var response = new ListCentersResponse();
        response.Centers.AddRange(centers);
        return response;
    }
}
