using System.Buffers;

namespace FederatedPlatform.Grpc;

/// <summary>Turns messages of type <typeparamref name="T"/> into bytes and back.</summary>
public sealed class Marshaller<T>
{
    private readonly Func<T, int> _size;
    private readonly SpanSerializer<T> _serialize;
    private readonly Func<ReadOnlySequence<byte>, T> _deserialize;

    /// <summary>Creates a marshaller from a sizer, a serializer into an exact-size span, and a deserializer.</summary>
    public Marshaller(Func<T, int> size, SpanSerializer<T> serialize, Func<ReadOnlySequence<byte>, T> deserialize)
    {
        _size = size;
        _serialize = serialize;
        _deserialize = deserialize;
    }

    /// <summary>The serialized size of a message.</summary>
    public int GetSize(T message) => _size(message);

    /// <summary>Serializes a message into a span of exactly <see cref="GetSize"/> bytes.</summary>
    public void Serialize(T message, Span<byte> destination) => _serialize(message, destination);

    /// <summary>Parses a message.</summary>
    public T Deserialize(ReadOnlySequence<byte> data) => _deserialize(data);
}

/// <summary>Writes a message into a span of exactly its serialized size.</summary>
public delegate void SpanSerializer<in T>(T message, Span<byte> destination);
