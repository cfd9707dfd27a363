using System.Buffers;
using System.Buffers.Binary;
using FederatedPlatform.Grpc.Internal;

namespace FederatedPlatform.Grpc;

/// <summary>
/// Messages serialized and framed for the wire in advance (length-prefixed, compressed flag 0), written to a
/// server response stream as one block by <see cref="ISerializedMessageWriter.WriteFramedAsync"/>. Built once
/// and written to many streams, a burst of messages costs each stream a single copy.
/// </summary>
public sealed class FramedMessages
{
    private readonly byte[] _bytes;

    private FramedMessages(byte[] bytes, int count, int largestMessage)
    {
        _bytes = bytes;
        Count = count;
        LargestMessage = largestMessage;
    }

    /// <summary>No messages.</summary>
    public static FramedMessages Empty { get; } = new([], 0, 0);

    /// <summary>How many messages.</summary>
    public int Count { get; }

    /// <summary>The framed messages, back to back, as they go on the wire.</summary>
    internal ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The size of the largest message (without its frame header), checked against the send limit.</summary>
    internal int LargestMessage { get; }

    /// <summary>Each message's serialized bytes (without its frame header), in order.</summary>
    internal IEnumerable<ReadOnlyMemory<byte>> Messages()
    {
        for (var offset = 0; offset < _bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(_bytes.AsSpan(offset + 1));
            yield return _bytes.AsMemory(offset + GrpcProtocolConstants.HeaderSize, length);
            offset += GrpcProtocolConstants.HeaderSize + length;
        }
    }

    /// <summary>Frames messages one after another into a <see cref="FramedMessages"/>.</summary>
    public sealed class Builder
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private int _count;
        private int _largest;

        /// <summary>Serializes and frames <paramref name="message"/> after the ones added before.</summary>
        public Builder Add<T>(T message, Marshaller<T> marshaller)
        {
            var before = _buffer.WrittenCount;
            MessageCodec.Encode(_buffer, message, marshaller, compression: null, int.MaxValue);
            _largest = Math.Max(_largest, _buffer.WrittenCount - before - GrpcProtocolConstants.HeaderSize);
            _count++;
            return this;
        }

        /// <summary>The messages added so far; the builder can go on from there.</summary>
        public FramedMessages Build() => _count == 0 ? Empty : new FramedMessages(_buffer.WrittenSpan.ToArray(), _count, _largest);
    }
}
