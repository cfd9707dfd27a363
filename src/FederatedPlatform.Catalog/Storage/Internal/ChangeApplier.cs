using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Validation;
using FederatedPlatform.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// The apply rule shared by published changes and resync records, inside the caller's transaction:
/// validation and ownership (rejections), the version rule against stored and earlier in-batch
/// versions, then catalog sequence allocation and the writes.
/// </summary>
internal sealed class ChangeApplier(RecordValidator validator, ILogger logger)
{
    /// <summary>One change to consider: its position in the caller's outcome array, its node seq (0 in a resync) and record.</summary>
    public readonly record struct Item(int Index, ulong Seq, Record? Record);

    /// <summary>Fills <paramref name="outcomes"/> for every item and returns the entries written.</summary>
    public async Task<IReadOnlyList<CatalogChange>> ApplyAsync(
        WriteSession session,
        string centerId,
        IReadOnlyList<Item> items,
        ChangeOutcome?[] outcomes,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var candidates = new List<Item>(items.Count);
        foreach (var item in items)
        {
            var rejection = Check(centerId, item);
            if (rejection is null)
            {
                candidates.Add(item);
                continue;
            }

            CatalogLog.ChangeRejected(logger, centerId, item.Seq, rejection.Field, rejection.Reason);
            outcomes[item.Index] = new ChangeOutcome(item.Seq, item.Record?.Id, ChangeDisposition.Rejected, 0, rejection);
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var state = await RecordLookup.LoadAsync(
            session, centerId, candidates.Select(c => c.Record!.Id.LocalId).ToList(), cancellationToken);
        var accepted = new List<(Item Item, StoredRecord? Previous)>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var record = candidate.Record!;
            StoredRecord? previous = state.TryGetValue(record.Id.LocalId, out var stored) ? stored : null;
            if (previous is { } p && record.Version <= p.Version)
            {
                outcomes[candidate.Index] = new ChangeOutcome(candidate.Seq, record.Id, ChangeDisposition.Stale, 0, null);
                continue;
            }

            accepted.Add((candidate, previous));

            // Later changes of the same record in this batch compare against this version; its seq is
            // filled in when numbers are allocated below.
            state[record.Id.LocalId] = new StoredRecord(
                record.Version, record.Deleted, record.Deleted ? default : Filtering.FilterFields.Of(record), 0);
        }

        if (accepted.Count == 0)
        {
            return [];
        }

        var first = await CatalogSequence.AllocateAsync(session, accepted.Count, cancellationToken);
        var commitEnd = first + (ulong)accepted.Count - 1;
        var written = new List<CatalogChange>(accepted.Count);
        var seqInBatch = new Dictionary<string, ulong>(StringComparer.Ordinal);
        await using var writer = await ChangeLogWriter.CreateAsync(session, now, cancellationToken);
        for (var i = 0; i < accepted.Count; i++)
        {
            var (item, previous) = accepted[i];
            var seq = first + (ulong)i;
            var localId = item.Record!.Id.LocalId;
            if (previous is { } p && seqInBatch.TryGetValue(localId, out var priorSeq))
            {
                previous = p with { Seq = priorSeq };
            }

            written.Add(await writer.WriteAsync(seq, commitEnd, item.Record, previous, cancellationToken));
            seqInBatch[localId] = seq;
            outcomes[item.Index] = new ChangeOutcome(item.Seq, item.Record.Id, ChangeDisposition.Applied, seq, null);
        }

        await writer.FlushAsync(cancellationToken);
        return written;
    }

    private Rejection? Check(string centerId, Item item)
    {
        var record = item.Record;
        if (record is null)
        {
            return Reject(item, RejectionCode.InvalidArgument, "record", "required");
        }

        if (record.Id is not null && !string.Equals(record.Id.CenterId, centerId, StringComparison.Ordinal))
        {
            return Reject(item, RejectionCode.PermissionDenied, "id.center_id", $"the record belongs to center {record.Id.CenterId}, not {centerId}");
        }

        var errors = validator.Validate(record);
        return errors.Count == 0 ? null : Reject(item, RejectionCode.InvalidArgument, errors[0].Field, errors[0].Reason);
    }

    private static Rejection Reject(Item item, RejectionCode code, string field, string reason) =>
        new()
        {
            Seq = item.Seq,
            Id = item.Record?.Id?.Clone(),
            Code = code,
            Field = field,
            Reason = reason,
        };
}
