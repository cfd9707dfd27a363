using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedPlatform.Grpc;

/// <summary>Describes one method of a service: its kind, names and marshallers.</summary>
public sealed class Method<TRequest, TResponse>
{
    /// <summary>Creates a method description.</summary>
    public Method(MethodType type, string serviceName, string name, Marshaller<TRequest> requestMarshaller, Marshaller<TResponse> responseMarshaller)
    {
        Type = type;
        ServiceName = serviceName;
        Name = name;
        RequestMarshaller = requestMarshaller;
        ResponseMarshaller = responseMarshaller;
        FullName = "/" + serviceName + "/" + name;
    }

    /// <summary>The kind of method.</summary>
    public MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>grpc.testing.TestService</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The method name, e.g. <c>UnaryCall</c>.</summary>
    public string Name { get; }

    /// <summary>The HTTP/2 path: <c>/service/method</c>.</summary>
    public string FullName { get; }

    /// <summary>The request marshaller.</summary>
    public Marshaller<TRequest> RequestMarshaller { get; }

    /// <summary>The response marshaller.</summary>
    public Marshaller<TResponse> ResponseMarshaller { get; }
}

/// <summary>Creates <see cref="Method{TRequest, TResponse}"/> instances from protobuf service descriptors.</summary>
public static class Method
{
    /// <summary>
    /// The method named <paramref name="name"/> of <paramref name="service"/>, checked against the descriptor:
    /// the message types and the streaming kind must match.
    /// </summary>
    public static Method<TRequest, TResponse> From<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var descriptor = service.FindMethodByName(name)
            ?? throw new ArgumentException($"Service '{service.FullName}' has no method '{name}'.", nameof(name));
        var requestDescriptor = new TRequest().Descriptor;
        var responseDescriptor = new TResponse().Descriptor;
        if (descriptor.InputType.FullName != requestDescriptor.FullName || descriptor.OutputType.FullName != responseDescriptor.FullName)
        {
            throw new ArgumentException(
                $"Method '{service.FullName}/{name}' takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}, " +
                $"not {requestDescriptor.FullName} and {responseDescriptor.FullName}.");
        }
        var type = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        return new Method<TRequest, TResponse>(
            type,
            service.FullName,
            name,
            Marshallers.Protobuf((MessageParser<TRequest>)requestDescriptor.Parser),
            Marshallers.Protobuf((MessageParser<TResponse>)responseDescriptor.Parser));
    }
}
