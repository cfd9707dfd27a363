namespace FederatedPlatform.Grpc;

/// <summary>
/// Implemented by the runtime's server response streams (test any <see cref="IServerStreamWriter{T}"/> for
/// it): writes messages that were serialized and framed in advance, so that messages sent on many streams
/// are serialized once. Framing, compression, size limits and <see cref="WriteOptions"/> apply as to any write.
/// </summary>
public interface ISerializedMessageWriter
{
    /// <summary>
    /// Writes <paramref name="messages"/> (of the stream's response type) in order, as one write: copied as
    /// they are, or compressed one by one when the call compresses its responses. A message larger than the
    /// send limit fails the write before any of them is sent.
    /// </summary>
    Task WriteFramedAsync(FramedMessages messages, CancellationToken cancellationToken);
}
