using FederatedPlatform.Catalog;
using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>
/// A listing's filter is held to the hub's rules (value counts, enum values, center id and country
/// shapes), so the node answers INVALID_ARGUMENT where the hub does instead of an empty page.
/// </summary>
internal static class FilterChecks
{
    public static void Check(RecordFilter filter, CatalogLimits limits)
    {
        try
        {
            CatalogFilter.From(filter, limits);
        }
        catch (CatalogException e) when (e.Code == CatalogErrorCode.InvalidArgument)
        {
            throw new NodeStoreException(NodeStoreErrorCode.InvalidArgument, e.Field ?? "filter", e.Message);
        }
    }
}
