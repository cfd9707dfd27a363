using FederatedPlatform.Catalog.Feed;

namespace FederatedPlatform.Catalog.Publishing;

/// <summary>The committed result of applying a batch of one center's changes.</summary>
/// <param name="AppliedSeq">The center's applied node sequence number after the commit: acknowledge it.</param>
/// <param name="Outcomes">One outcome per change processed, in order.</param>
/// <param name="Committed">The change-log entries written, in catalog order, for live fan-out to watchers.</param>
/// <param name="ExpectedSeq">Set when the batch had a gap: the changes before it were applied and
/// this is the sequence number the hub expected; the stream must end with OUT_OF_RANGE.</param>
public sealed record ApplyResult(
    ulong AppliedSeq, IReadOnlyList<ChangeOutcome> Outcomes, IReadOnlyList<CatalogChange> Committed, ulong? ExpectedSeq)
{
    /// <summary>Changes rejected in this batch.</summary>
    public int RejectedCount => Outcomes.Count(o => o.Disposition == ChangeDisposition.Rejected);

    /// <summary>Changes that were already applied.</summary>
    public int DuplicateCount => Outcomes.Count(o => o.Disposition == ChangeDisposition.Duplicate);
}
