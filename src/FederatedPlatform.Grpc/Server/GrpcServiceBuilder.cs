using FederatedPlatform.Grpc.Internal;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Grpc;

/// <summary>
/// Binds handlers to the methods of a protobuf service descriptor. Each binding is checked against the
/// descriptor (name, message types, streaming kind); methods left unbound answer UNIMPLEMENTED.
/// </summary>
public sealed class GrpcServiceBuilder
{
    private readonly ServiceDescriptor _descriptor;
    private readonly Dictionary<string, IServerMethodBinding> _bindings = new(StringComparer.Ordinal);

    private GrpcServiceBuilder(ServiceDescriptor descriptor) => _descriptor = descriptor;

    /// <summary>Starts binding the service described by <paramref name="descriptor"/>.</summary>
    public static GrpcServiceBuilder For(ServiceDescriptor descriptor) => new(descriptor ?? throw new ArgumentNullException(nameof(descriptor)));

    /// <summary>Binds a unary method.</summary>
    public GrpcServiceBuilder Unary<TRequest, TResponse>(string name, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
        => Bind<TRequest, TResponse>(name, MethodType.Unary, handler);

    /// <summary>Binds a client-streaming method.</summary>
    public GrpcServiceBuilder ClientStreaming<TRequest, TResponse>(string name, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
        => Bind<TRequest, TResponse>(name, MethodType.ClientStreaming, handler);

    /// <summary>Binds a server-streaming method.</summary>
    public GrpcServiceBuilder ServerStreaming<TRequest, TResponse>(string name, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
        => Bind<TRequest, TResponse>(name, MethodType.ServerStreaming, handler);

    /// <summary>Binds a bidirectional-streaming method.</summary>
    public GrpcServiceBuilder DuplexStreaming<TRequest, TResponse>(string name, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
        => Bind<TRequest, TResponse>(name, MethodType.DuplexStreaming, handler);

    /// <summary>The finished definition, to pass to <c>MapGrpcService</c>.</summary>
    public ServerServiceDefinition Build() => new(_descriptor, new Dictionary<string, IServerMethodBinding>(_bindings));

    private GrpcServiceBuilder Bind<TRequest, TResponse>(string name, MethodType type, Delegate handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = Method.From<TRequest, TResponse>(_descriptor, name);
        if (method.Type != type)
        {
            throw new ArgumentException($"Method '{method.FullName}' is {method.Type}, not {type}.", nameof(name));
        }
        if (!_bindings.TryAdd(name, new ServerMethodBinding<TRequest, TResponse>(method, handler)))
        {
            throw new ArgumentException($"Method '{method.FullName}' is bound twice.", nameof(name));
        }
        return this;
    }
}
