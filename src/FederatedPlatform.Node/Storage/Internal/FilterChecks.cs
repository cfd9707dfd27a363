using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>Bounds on a listing's filter, so a request cannot make the store build a huge query.</summary>
internal static class FilterChecks
{
    public static void Check(RecordFilter filter, int maxValues)
    {
        Check("filter.kinds", filter.Kinds.Count, maxValues);
        Check("filter.center_ids", filter.CenterIds.Count, maxValues);
        Check("filter.sectors", filter.Sectors.Count, maxValues);
        Check("filter.countries", filter.Countries.Count, maxValues);
    }

    private static void Check(string field, int count, int maxValues)
    {
        if (count > maxValues)
        {
            throw new NodeStoreException(NodeStoreErrorCode.InvalidArgument, field, $"{field}: more than {maxValues} values");
        }
    }
}
