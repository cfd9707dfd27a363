using Google.Protobuf;

namespace FederatedPlatform.Grpc;

/// <summary>Factory methods for marshallers.</summary>
public static class Marshallers
{
    /// <summary>A marshaller for a protobuf message type.</summary>
    public static Marshaller<T> Protobuf<T>(MessageParser<T> parser)
        where T : IMessage<T>
        => new(m => m.CalculateSize(), (m, span) => m.WriteTo(span), parser.ParseFrom);
}
