using FederatedPlatform.Catalog.Cursors;
using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>Domain → WatchEvent messages.</summary>
internal static class WatchEvents
{
    public static WatchEvent Upsert(Record record, string cursor) => new() { Cursor = cursor, Upsert = new RecordUpsert { Record = record } };

    /// <summary>A deletion, or — when the change left a live record — the record leaving the filter.</summary>
    public static WatchEvent Delete(CatalogChange change, string cursor) =>
        new()
        {
            Cursor = cursor,
            Delete = new RecordDelete { Id = change.Record.Id.Clone(), Version = change.Version, LeftFilter = !change.Deleted },
        };

    public static WatchEvent SnapshotComplete(ulong count, string cursor) =>
        new() { Cursor = cursor, SnapshotComplete = new SnapshotComplete { Count = count } };

    public static WatchEvent Bookmark(string cursor) => new() { Cursor = cursor, Bookmark = new Bookmark() };

    public static WatchEvent Reset(Reset reset) => new() { Reset = reset };

    /// <summary>Why a cursor cannot be resumed, in the API's terms; null when it can.</summary>
    public static Reset? ResetFor(CursorStatus status) => status switch
    {
        CursorStatus.Ok => null,
        CursorStatus.TooOld => new Reset
        {
            Reason = ResetReason.CursorTooOld,
            Message = "the cursor is past the hub's retention horizon; a fresh snapshot follows",
        },
        CursorStatus.OtherEpoch => new Reset
        {
            Reason = ResetReason.OtherHubEpoch,
            Message = "the cursor was issued by another hub database; a fresh snapshot follows",
        },
        CursorStatus.AheadOfHead => new Reset
        {
            Reason = ResetReason.OtherHubEpoch,
            Message = "the cursor is ahead of this hub's catalog (restored from an older backup); a fresh snapshot follows",
        },
        CursorStatus.OtherFilter => new Reset
        {
            Reason = ResetReason.OtherFilter,
            Message = "the cursor was issued for another filter; a fresh snapshot follows",
        },
        _ => new Reset { Reason = ResetReason.InvalidCursor, Message = "the cursor is malformed or was altered; a fresh snapshot follows" },
    };
}
