using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Publishing;

/// <summary>The outcome of one published change (or one resync record, with <see cref="Seq"/> 0).</summary>
/// <param name="Seq">The node sequence number.</param>
/// <param name="Id">The record's id as sent (may be null or invalid for rejected changes).</param>
/// <param name="Disposition">What was done.</param>
/// <param name="CatalogSeq">The catalog sequence number for <see cref="ChangeDisposition.Applied"/>, else 0.</param>
/// <param name="Rejection">For <see cref="ChangeDisposition.Rejected"/>, the message to send back to the node.</param>
public sealed record ChangeOutcome(ulong Seq, RecordId? Id, ChangeDisposition Disposition, ulong CatalogSeq, Rejection? Rejection);
