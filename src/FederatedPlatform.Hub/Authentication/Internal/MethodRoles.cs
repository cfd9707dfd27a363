using System.Collections.Frozen;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Hub.Internal;

namespace FederatedPlatform.Hub.Authentication.Internal;

/// <summary>Which roles may call which method; methods not listed (health, reflection) need no credential.</summary>
internal static class MethodRoles
{
    private static readonly Role[] Everyone = [Role.Center, Role.Operator, Role.Reader];
    private static readonly Role[] Centers = [Role.Center];
    private static readonly Role[] Operators = [Role.Operator];
    private static readonly Role[] CentersAndOperators = [Role.Center, Role.Operator];

    private static readonly FrozenDictionary<string, Role[]> Table = Build();

    /// <summary>The roles allowed to call <paramref name="method"/>; false when the method is public.</summary>
    public static bool TryGet(string method, out Role[] roles) => Table.TryGetValue(method, out roles!);

    /// <summary>True for methods that hold a stream open (counted against the per-credential stream limit).</summary>
    public static bool IsStream(string method) =>
        method == HubDescriptors.FullName(HubDescriptors.Hub, "Publish") || method == HubDescriptors.FullName(HubDescriptors.Hub, "Watch")
        || method == HubDescriptors.FullName(HubDescriptors.Matchmaking, "WatchSuggestions");

    private static FrozenDictionary<string, Role[]> Build()
    {
        var table = new Dictionary<string, Role[]>(StringComparer.Ordinal)
        {
            // Publishing names a center: only that center's own credential can speak for it.
            [HubDescriptors.FullName(HubDescriptors.Hub, "Publish")] = Centers,
            [HubDescriptors.FullName(HubDescriptors.Hub, "Watch")] = Everyone,
            [HubDescriptors.FullName(HubDescriptors.Hub, "GetRecord")] = Everyone,
            [HubDescriptors.FullName(HubDescriptors.Hub, "ListRecords")] = Everyone,
            [HubDescriptors.FullName(HubDescriptors.Hub, "ListCenters")] = Everyone,
            [HubDescriptors.FullName(HubDescriptors.CatalogSearch, "Search")] = Everyone,

            // A center sees and marks only suggestions that concern its own records (checked per call).
            [HubDescriptors.FullName(HubDescriptors.Matchmaking, "ListSuggestions")] = CentersAndOperators,
            [HubDescriptors.FullName(HubDescriptors.Matchmaking, "WatchSuggestions")] = CentersAndOperators,
            [HubDescriptors.FullName(HubDescriptors.Matchmaking, "MarkSuggestion")] = CentersAndOperators,
        };
        foreach (var method in HubDescriptors.Registry.Methods)
        {
            table[HubDescriptors.FullName(HubDescriptors.Registry, method.Name)] = Operators;
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
