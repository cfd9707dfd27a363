using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Validation;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// The apply rule shared by published changes and resync records, in two steps: <see cref="Prepare"/>
/// (validation, ownership, the stored form and its payload bytes) needs no database and runs before the
/// writer gate, so streams do that work in parallel; <see cref="ApplyAsync"/>, inside the caller's
/// transaction, applies the version rule against stored and earlier in-batch versions, then allocates
/// catalog sequence numbers and writes.
/// </summary>
internal sealed class ChangeApplier(RecordValidator validator, ILogger logger)
{
    /// <summary>One change to consider: its position in the caller's outcome array, its node seq (0 in a resync) and record.</summary>
    public readonly record struct Item(int Index, ulong Seq, Record? Record);

    /// <summary>
    /// An item after <see cref="Prepare"/>: either the reason it is refused, or the version to store
    /// (a deletion reduced to its tombstone), its filter fields and serialised payload.
    /// </summary>
    public sealed record Prepared(Item Item, Rejection? Rejection, Record? Stored, FilterFields? Current, byte[]? Payload);

    /// <summary>Checks and serialises items; touches no database.</summary>
    public Prepared[] Prepare(string centerId, IReadOnlyList<Item> items)
    {
        var prepared = new Prepared[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (Check(centerId, item) is { } rejection)
            {
                prepared[i] = new Prepared(item, rejection, null, null, null);
                continue;
            }

            prepared[i] = Stored(item.Record!) with { Item = item };
        }

        return prepared;
    }

    /// <summary>The stored form of an accepted record: a deletion is a tombstone carrying id, kind and version only.</summary>
    public static Prepared Stored(Record record)
    {
        var stored = record.Deleted
            ? new Record { Id = record.Id.Clone(), Kind = record.Kind, Version = record.Version, Deleted = true }
            : record;
        return new Prepared(default, null, stored, stored.Deleted ? null : FilterFields.Of(stored), stored.ToByteArray());
    }

    /// <summary>Prepares and applies in one go (resync pages, which are not on the hot path).</summary>
    public Task<IReadOnlyList<CatalogChange>> PrepareAndApplyAsync(
        WriteSession session,
        string centerId,
        IReadOnlyList<Item> items,
        ChangeOutcome?[] outcomes,
        DateTimeOffset now,
        CancellationToken cancellationToken) =>
        ApplyAsync(session, centerId, Prepare(centerId, items), outcomes, now, cancellationToken);

    /// <summary>Fills <paramref name="outcomes"/> for every prepared item and returns the entries written.</summary>
    public async Task<IReadOnlyList<CatalogChange>> ApplyAsync(
        WriteSession session,
        string centerId,
        IReadOnlyList<Prepared> items,
        ChangeOutcome?[] outcomes,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var candidates = new List<Prepared>(items.Count);
        foreach (var prepared in items)
        {
            var item = prepared.Item;
            if (prepared.Rejection is not { } rejection)
            {
                candidates.Add(prepared);
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
            session, centerId, candidates.Select(c => c.Stored!.Id.LocalId).ToList(), cancellationToken);
        var accepted = new List<(Prepared Prepared, StoredRecord? Previous)>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var record = candidate.Stored!;
            StoredRecord? previous = state.TryGetValue(record.Id.LocalId, out var stored) ? stored : null;
            if (previous is { } p && record.Version <= p.Version)
            {
                outcomes[candidate.Item.Index] = new ChangeOutcome(candidate.Item.Seq, candidate.Item.Record!.Id, ChangeDisposition.Stale, 0, null);
                continue;
            }

            accepted.Add((candidate, previous));

            // Later changes of the same record in this batch compare against this version; its seq is
            // filled in when numbers are allocated below.
            state[record.Id.LocalId] = new StoredRecord(record.Version, record.Deleted, candidate.Current ?? default, 0);
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
            var (prepared, previous) = accepted[i];
            var seq = first + (ulong)i;
            var localId = prepared.Stored!.Id.LocalId;
            if (previous is { } p && seqInBatch.TryGetValue(localId, out var priorSeq))
            {
                previous = p with { Seq = priorSeq };
            }

            written.Add(await writer.WriteAsync(seq, commitEnd, prepared, previous, cancellationToken));
            seqInBatch[localId] = seq;
            outcomes[prepared.Item.Index] = new ChangeOutcome(prepared.Item.Seq, prepared.Item.Record!.Id, ChangeDisposition.Applied, seq, null);
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
