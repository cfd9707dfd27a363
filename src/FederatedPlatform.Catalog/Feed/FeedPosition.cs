namespace FederatedPlatform.Catalog.Feed;

/// <summary>Where the change log stands.</summary>
/// <param name="HeadSeq">The highest committed catalog sequence number (0 for an empty catalog).</param>
/// <param name="HorizonSeq">Changes with a sequence number up to this one may have been compacted away:
/// a watcher positioned below it cannot resume and must take a fresh snapshot.</param>
public readonly record struct FeedPosition(ulong HeadSeq, ulong HorizonSeq);
