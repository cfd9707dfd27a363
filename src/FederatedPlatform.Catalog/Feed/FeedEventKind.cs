namespace FederatedPlatform.Catalog.Feed;

/// <summary>What one catalog change means for one watcher's filter.</summary>
public enum FeedEventKind
{
    /// <summary>The watcher never held the record and does not need to hear of it.</summary>
    None,

    /// <summary>The record (still or newly) matches: send its new version.</summary>
    Upsert,

    /// <summary>The record was deleted or stopped matching: the watcher must drop it.</summary>
    Delete,
}
