namespace FederatedPlatform.Catalog.Feed;

/// <summary>One page read from the change log.</summary>
/// <param name="Changes">The changes that concern the filter (see <see cref="CatalogChange.Classify"/>), in sequence order.</param>
/// <param name="Through">Every change up to this sequence number has been considered; a watcher's
/// position after this page. Pages end at commit boundaries, so a commit is never split between pages.</param>
/// <param name="HeadSeq">The head of the log when the page was read; the page is the tail when <c>Through == HeadSeq</c>.</param>
public sealed record FeedPage(IReadOnlyList<CatalogChange> Changes, ulong Through, ulong HeadSeq)
{
    /// <summary>True when the page reached the head of the log.</summary>
    public bool AtHead => Through >= HeadSeq;
}
