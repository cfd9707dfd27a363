using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage.Internal.Entities;
using Google.Protobuf;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>Record ↔ row: the payload keeps the whole record; the other columns are what queries filter on.</summary>
internal static class RowMapping
{
    public static void CopyTo(Record record, OwnRecordRow row)
    {
        row.LocalId = record.Id.LocalId;
        row.Version = checked((long)record.Version);
        row.Deleted = record.Deleted;
        row.Kind = (int)record.Kind;
        row.Sector = (int)record.Sector;
        row.Country = record.Country;
        row.Payload = record.ToByteArray();
    }

    public static OutboxRow ToOutboxRow(long seq, Record record, long createdAtMs) => new()
    {
        Seq = seq,
        LocalId = record.Id.LocalId,
        Version = checked((long)record.Version),
        Payload = record.ToByteArray(),
        State = OutboxState.Pending,
        CreatedAt = createdAtMs,
    };

    public static Record ToRecord(byte[] payload) => Record.Parser.ParseFrom(payload);
}
