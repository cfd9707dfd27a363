using FederatedPlatform.Catalog.Filtering;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>What the apply path needs to know about a record's current version.</summary>
internal readonly record struct StoredRecord(ulong Version, bool Deleted, FilterFields Fields, ulong Seq)
{
    /// <summary>The filter fields of the current version if it is live (a watcher may hold it).</summary>
    public FilterFields? LiveFields => Deleted ? null : Fields;
}
