using System.Buffers;
using System.Buffers.Binary;
using FederatedPlatform.Grpc.Compression;
using Google.Protobuf;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>
/// Length-prefixed message framing (PROTOCOL-HTTP2.md): a compressed-flag byte, a 4-byte big-endian length,
/// then the message. Shared by the server and the client so both enforce the same limits the same way.
/// </summary>
internal static class MessageCodec
{
    /// <summary>
    /// Takes one complete frame off the front of <paramref name="buffer"/>. Returns false when more bytes are
    /// needed. A length beyond <paramref name="maxMessageSize"/> is refused before any of it is buffered.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < GrpcProtocolConstants.HeaderSize)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[GrpcProtocolConstants.HeaderSize];
        buffer.Slice(0, GrpcProtocolConstants.HeaderSize).CopyTo(header);
        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(StatusCode.Internal, $"Invalid compressed flag {flag} in message header.");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxMessageSize}).");
        }
        if (buffer.Length < GrpcProtocolConstants.HeaderSize + length)
        {
            return false;
        }
        compressed = flag == 1;
        payload = buffer.Slice(GrpcProtocolConstants.HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>Turns a frame's payload into a message, decompressing when the frame says so.</summary>
    public static T Decode<T>(ReadOnlySequence<byte> payload, bool compressed, ICompressionProvider? encoding, string? encodingName, int maxMessageSize, Marshaller<T> marshaller)
    {
        if (compressed)
        {
            if (encoding is null)
            {
                throw new RpcException(StatusCode.Internal, encodingName is null or GrpcProtocolConstants.IdentityEncoding
                    ? "Compressed message received without a grpc-encoding."
                    : $"Compressed message received with unsupported encoding '{encodingName}'.");
            }
            payload = new ReadOnlySequence<byte>(Decompress(payload, encoding, maxMessageSize));
        }
        try
        {
            return marshaller.Deserialize(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message: " + ex.Message, ex));
        }
    }

    /// <summary>Writes one framed message, compressed when a provider is given.</summary>
    public static void Encode<T>(IBufferWriter<byte> writer, T message, Marshaller<T> marshaller, ICompressionProvider? compression, int maxMessageSize)
    {
        var size = marshaller.GetSize(message);
        if (compression is null)
        {
            CheckSendSize(size, maxMessageSize);
            var span = writer.GetSpan(GrpcProtocolConstants.HeaderSize + size);
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
            marshaller.Serialize(message, span.Slice(GrpcProtocolConstants.HeaderSize, size));
            writer.Advance(GrpcProtocolConstants.HeaderSize + size);
            return;
        }
        var raw = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            marshaller.Serialize(message, raw.AsSpan(0, size));
            WriteCompressed(writer, raw.AsSpan(0, size), compression, maxMessageSize);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>
    /// Writes messages framed in advance: copied as one block without compression, else each message compressed
    /// and framed on its own. The size limit is checked for all of them before anything is written.
    /// </summary>
    public static void EncodeFramed(IBufferWriter<byte> writer, FramedMessages messages, ICompressionProvider? compression, int maxMessageSize)
    {
        CheckSendSize(messages.LargestMessage, maxMessageSize);
        if (compression is null)
        {
            writer.Write(messages.Bytes);
            return;
        }

        foreach (var message in messages.Messages())
        {
            WriteCompressed(writer, message.Span, compression, maxMessageSize);
        }
    }

    private static void WriteCompressed(IBufferWriter<byte> writer, ReadOnlySpan<byte> message, ICompressionProvider compression, int maxMessageSize)
    {
        using var compressed = new MemoryStream();
        using (var zip = compression.CreateCompressionStream(compressed, null))
        {
            zip.Write(message);
        }
        var length = (int)compressed.Length;
        CheckSendSize(length, maxMessageSize);
        var span = writer.GetSpan(GrpcProtocolConstants.HeaderSize + length);
        span[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        compressed.GetBuffer().AsSpan(0, length).CopyTo(span[GrpcProtocolConstants.HeaderSize..]);
        writer.Advance(GrpcProtocolConstants.HeaderSize + length);
    }

    private static void CheckSendSize(int size, int maxMessageSize)
    {
        if (size > maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {maxMessageSize}).");
        }
    }

    private static byte[] Decompress(ReadOnlySequence<byte> payload, ICompressionProvider encoding, int maxMessageSize)
    {
        using var input = new MemoryStream(payload.ToArray(), writable: false);
        using var output = new MemoryStream();
        try
        {
            using var zip = encoding.CreateDecompressionStream(input);
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = zip.Read(chunk, 0, chunk.Length)) > 0)
                {
                    // Checked while inflating so a small "zip bomb" cannot allocate past the limit.
                    if (output.Length + read > maxMessageSize)
                    {
                        throw new RpcException(StatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({maxMessageSize}) after decompression.");
                    }
                    output.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to decompress message with '{encoding.EncodingName}': {ex.Message}", ex));
        }
        return output.ToArray();
    }
}
