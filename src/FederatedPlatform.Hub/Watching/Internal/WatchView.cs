using FederatedPlatform.Catalog.Registry;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// What makes two watchers' events for the same commit byte for byte identical: the filter (which changes
/// concern them, and the cursors) and what the caller may see of a record — HubCall.SeesContact depends
/// only on the role and, for a center, on its id.
/// </summary>
internal readonly record struct WatchView(ulong FilterHash, Role Role, string? CenterId)
{
    public static WatchView Of(ulong filterHash, Principal principal) =>
        new(filterHash, principal.Role, principal.Role == Role.Center ? principal.CenterId : null);
}
