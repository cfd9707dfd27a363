using System.Buffers;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>Forwards to a buffer writer and counts the bytes written through it.</summary>
internal sealed class CountingBufferWriter(IBufferWriter<byte> inner) : IBufferWriter<byte>
{
    /// <summary>Bytes advanced since the count was last reset.</summary>
    public long Count { get; set; }

    public void Advance(int count)
    {
        inner.Advance(count);
        Count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
}
