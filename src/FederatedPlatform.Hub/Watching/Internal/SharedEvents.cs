using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// Serialises each live event once for all the watchers that receive the same bytes: the same change, the
/// same filter (hence the same cursor), the same event kind and the same view of the record (with or
/// without its contact). With a thousand watchers of one filter, a change is encoded, signed and
/// serialised once instead of a thousand times. Entries live exactly as long as their change.
/// </summary>
internal sealed class SharedEvents
{
    private readonly ConditionalWeakTable<CatalogChange, ConcurrentDictionary<Key, byte[]>> _table = [];

    /// <summary>The serialised event for <paramref name="key"/>, built by <paramref name="build"/> on first use.</summary>
    public byte[] Get(CatalogChange change, Key key, Func<Key, WatchEvent> build)
    {
        var events = _table.GetValue(change, static _ => new ConcurrentDictionary<Key, byte[]>());
        return events.TryGetValue(key, out var bytes) ? bytes : events.GetOrAdd(key, k => build(k).ToByteArray());
    }

    /// <summary>What makes two watchers' events for one change identical.</summary>
    public readonly record struct Key(ulong FilterHash, ulong CursorSeq, FeedEventKind Kind, bool WithContact);
}
