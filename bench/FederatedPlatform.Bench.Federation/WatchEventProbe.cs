using System.Buffers;
using System.Globalization;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// What a fan-out watcher reads of a <see cref="WatchEvent"/>: its kind and, for an upsert, the number in the
/// record's local id ("r-&lt;i&gt;", the publisher's change index, which is also its catalog order). The
/// protobuf fields are walked down to the local id and everything else (cursor, record body) is skipped,
/// so the watchers' process spends its CPU on HTTP/2 and gRPC framing rather than on building records it
/// would drop. The hub sends exactly the same bytes as to any client.
/// </summary>
public sealed class WatchEventProbe
{
    // Field numbers in protos/fedplat/v1: WatchEvent.upsert, RecordUpsert.record, Record.id, RecordId.local_id.
    private const int UpsertField = 2;
    private const int RecordField = 1;
    private const int IdField = 1;
    private const int LocalIdField = 2;
    private const int LengthDelimited = 2;

    private WatchEventProbe(WatchEvent.KindOneofCase kind, int index)
    {
        Kind = kind;
        Index = index;
    }

    /// <summary>Watch, with the response decoded as a probe.</summary>
    public static Method<WatchRequest, WatchEventProbe> Watch { get; } = new(
        Rpc.Watch.Type,
        Rpc.Watch.ServiceName,
        Rpc.Watch.Name,
        Rpc.Watch.RequestMarshaller,
        new Marshaller<WatchEventProbe>(
            _ => throw new NotSupportedException("a probe is only read"),
            (_, _) => throw new NotSupportedException("a probe is only read"),
            Parse));

    public WatchEvent.KindOneofCase Kind { get; }

    /// <summary>The change index of an upsert; -1 otherwise.</summary>
    public int Index { get; }

    private static WatchEventProbe Parse(ReadOnlySequence<byte> message)
    {
        var bytes = message.IsSingleSegment ? message.FirstSpan : message.ToArray();
        var kind = WatchEvent.KindOneofCase.None;
        var index = -1;
        while (!bytes.IsEmpty)
        {
            var value = NextField(ref bytes, out var field);
            if (field >= UpsertField && field <= (int)WatchEvent.KindOneofCase.Reset)
            {
                kind = (WatchEvent.KindOneofCase)field;
                index = kind == WatchEvent.KindOneofCase.Upsert ? LocalIndex(value) : -1;
            }
        }

        return new WatchEventProbe(kind, index);
    }

    /// <summary>RecordUpsert → Record → RecordId → local_id "r-&lt;i&gt;" → i.</summary>
    private static int LocalIndex(ReadOnlySpan<byte> upsert)
    {
        var value = Field(Field(Field(upsert, RecordField), IdField), LocalIdField);
        if (value.Length < 3 || value[0] != 'r' || value[1] != '-')
        {
            throw new FormatException("an upsert whose local id is not r-<index>");
        }

        return int.Parse(value[2..], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The first occurrence of length-delimited field <paramref name="number"/>, or empty. (Protobuf merges
    /// repeated occurrences of a message field; the hub writes each once, so the first is the whole field.)
    /// </summary>
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> message, int number)
    {
        while (!message.IsEmpty)
        {
            var value = NextField(ref message, out var field);
            if (field == number)
            {
                return value;
            }
        }

        return [];
    }

    /// <summary>Takes one field off the front of <paramref name="message"/>: its number and, when length-delimited, its bytes.</summary>
    private static ReadOnlySpan<byte> NextField(scoped ref ReadOnlySpan<byte> message, out int field)
    {
        var tag = Varint(ref message);
        field = (int)(tag >> 3);
        var value = ReadOnlySpan<byte>.Empty;
        switch ((int)(tag & 7))
        {
            case 0:
                Varint(ref message);
                break;
            case 1:
                message = message[8..];
                break;
            case LengthDelimited:
                var length = (int)Varint(ref message);
                value = message[..length];
                message = message[length..];
                break;
            case 5:
                message = message[4..];
                break;
            default:
                throw new FormatException($"unexpected wire type {tag & 7}");
        }

        return value;
    }

    private static ulong Varint(ref ReadOnlySpan<byte> message)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = message[0];
            message = message[1..];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }
}
