using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;
using FederatedPlatform.Hub.Internal;
using FederatedPlatform.Search;
using FederatedPlatform.Search.Protocol;

namespace FederatedPlatform.Hub.Searching.Internal;

/// <summary>CatalogSearch.Search over the hub's catalog, read in one snapshot of the catalog database.</summary>
internal sealed class SearchService(HubCatalog catalog, ISearchIndex index)
{
    public async Task<SearchResponse> SearchAsync(SearchRequest request, ServerCallContext context)
    {
        var call = HubCall.Of(context);
        try
        {
            var query = SearchMessages.ToQuery(request);
            var result = await SearchMessages.RunAsync(() => catalog.Store.ReadAsync(
                (connection, transaction, cancellationToken) => index.SearchAsync(query, connection, transaction, cancellationToken),
                call.CancellationToken));
            return SearchMessages.ToResponse(result, call.Visible);
        }
        catch (SearchRequestException exception)
        {
            throw HubErrors.InvalidArgument(exception.Field, exception.Reason);
        }
    }
}
