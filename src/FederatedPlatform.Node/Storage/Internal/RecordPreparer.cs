using FederatedPlatform.Catalog.Validation;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>
/// Turns a record sent by the center's tools into the record the node writes: the center id filled
/// in, the node's own fields (version, times) stamped, and every field rule of records.proto checked.
/// </summary>
internal sealed class RecordPreparer(string centerId, RecordValidator validator)
{
    public string CenterId { get; } = centerId;

    /// <summary>Null when <paramref name="localId"/> is well-formed, otherwise the reason.</summary>
    public string? CheckLocalId(string localId) => validator.CheckLocalId(localId);

    /// <summary>
    /// A copy of <paramref name="input"/> ready to stamp, or the reasons it cannot be written.
    /// The content is validated as if stamped with version 1 at <paramref name="now"/>; the real
    /// stamps (a higher version, the stored created_at) keep it valid.
    /// </summary>
    public PreparedRecord Prepare(Record? input, Timestamp now)
    {
        if (input is null)
        {
            return PreparedRecord.Fail(NodeStoreErrorCode.InvalidArgument, new ValidationError("record", "required"));
        }

        if (input.Id is null)
        {
            return PreparedRecord.Fail(NodeStoreErrorCode.InvalidArgument, new ValidationError("id", "required"));
        }

        if (input.Id.CenterId.Length != 0 && !string.Equals(input.Id.CenterId, CenterId, StringComparison.Ordinal))
        {
            return PreparedRecord.Fail(
                NodeStoreErrorCode.PermissionDenied,
                new ValidationError("id.center_id", $"record of center '{Clip(input.Id.CenterId)}'; this node writes only records of '{CenterId}'"));
        }

        if (input.Deleted)
        {
            return PreparedRecord.Fail(NodeStoreErrorCode.InvalidArgument, new ValidationError("deleted", "must be false; delete a record with DeleteRecord"));
        }

        var record = input.Clone();
        record.Id.CenterId = CenterId;
        Stamp(record, 1, now, now);
        var errors = validator.Validate(record);
        return errors.Count == 0 ? PreparedRecord.Ok(record) : new PreparedRecord(null, NodeStoreErrorCode.InvalidArgument, errors);
    }

    public static void Stamp(Record record, ulong version, Timestamp createdAt, Timestamp updatedAt)
    {
        record.Version = version;
        record.CreatedAt = createdAt;

        // The clock may have stepped back since the record was created; a record never ends before it began.
        record.UpdatedAt = updatedAt < createdAt ? createdAt : updatedAt;
    }

    public static Record Tombstone(Record stored, ulong version, Timestamp now)
    {
        var tombstone = new Record
        {
            Id = stored.Id.Clone(),
            Kind = stored.Kind,
            Deleted = true,
        };
        Stamp(tombstone, version, stored.CreatedAt ?? now, now);
        return tombstone;
    }

    // A hostile id could be megabytes long; the message only needs to identify it.
    private static string Clip(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}

/// <summary>A record ready to stamp and write, or why it cannot be.</summary>
internal sealed record PreparedRecord(Record? Record, NodeStoreErrorCode Code, IReadOnlyList<ValidationError> Errors)
{
    public static PreparedRecord Ok(Record record) => new(record, NodeStoreErrorCode.InvalidArgument, []);

    public static PreparedRecord Fail(NodeStoreErrorCode code, ValidationError error) => new(null, code, [error]);

    /// <summary>The exception a single-record write throws for this failure.</summary>
    public NodeStoreException ToException() =>
        new(Code, Errors[0].Field, string.Join("; ", Errors.Select(e => e.ToString())));
}
