namespace FederatedPlatform.Grpc;

/// <summary>
/// Implemented by the runtime's server response streams (test any <see cref="IServerStreamWriter{T}"/> for
/// it): writes a message that was serialized in advance, so that one message sent on many streams is
/// serialized once. Framing, compression, size limits and <see cref="WriteOptions"/> apply as to any write.
/// </summary>
public interface ISerializedMessageWriter
{
    /// <summary>Writes <paramref name="message"/>, the protobuf encoding of one message of the stream's response type.</summary>
    Task WriteSerializedAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}
