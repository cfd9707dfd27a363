using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Feed;

/// <summary>
/// One entry of the catalog change log: a record version the hub committed, at its catalog
/// sequence number, with what is needed to decide per watcher whether it is an upsert, a delete
/// (including "left the filter") or nothing.
/// </summary>
public sealed class CatalogChange
{
    /// <summary>Creates a change-log entry.</summary>
    public CatalogChange(
        ulong seq, ulong commitEndSeq, Record record, FilterFields? current, FilterFields? previous, DateTimeOffset appliedAt)
    {
        Seq = seq;
        CommitEndSeq = commitEndSeq;
        Record = record;
        Current = current;
        Previous = previous;
        AppliedAt = appliedAt;
    }

    /// <summary>The catalog sequence number: global, gap-free, in commit order.</summary>
    public ulong Seq { get; }

    /// <summary>The last sequence number of the hub transaction that committed this change.</summary>
    public ulong CommitEndSeq { get; }

    /// <summary>The record version; for a deletion a tombstone carrying only id, kind and version.</summary>
    public Record Record { get; }

    /// <summary>The record's center.</summary>
    public string CenterId => Record.Id.CenterId;

    /// <summary>The record's local id.</summary>
    public string LocalId => Record.Id.LocalId;

    /// <summary>The record's version after the change.</summary>
    public ulong Version => Record.Version;

    /// <summary>True for a deletion.</summary>
    public bool Deleted => Record.Deleted;

    /// <summary>Filter fields of the new version; null for a deletion.</summary>
    public FilterFields? Current { get; }

    /// <summary>Filter fields of the version this change replaced, if that version was live.</summary>
    public FilterFields? Previous { get; }

    /// <summary>When the hub committed the change.</summary>
    public DateTimeOffset AppliedAt { get; }

    /// <summary>
    /// The event a watcher with <paramref name="filter"/> gets: an upsert when the new version matches;
    /// a delete when it does not but the replaced live version did (deleted, or left the filter);
    /// otherwise none, because that watcher never held the record.
    /// </summary>
    public FeedEventKind Classify(CatalogFilter filter)
    {
        if (Current is { } current && filter.Matches(CenterId, current))
        {
            return FeedEventKind.Upsert;
        }

        return Previous is { } previous && filter.Matches(CenterId, previous) ? FeedEventKind.Delete : FeedEventKind.None;
    }
}
