using Microsoft.AspNetCore.Http;

namespace FederatedPlatform.Grpc.Internal;

internal interface IServerMethodBinding
{
    RequestDelegate CreateRequestDelegate(ServerRuntime runtime, IReadOnlyList<Interceptor> interceptors);
}

/// <summary>A handler bound to a method; wraps it in the interceptors once, when the endpoint is mapped.</summary>
internal sealed class ServerMethodBinding<TRequest, TResponse>(Method<TRequest, TResponse> method, Delegate handler) : IServerMethodBinding
    where TRequest : class
    where TResponse : class
{
    public RequestDelegate CreateRequestDelegate(ServerRuntime runtime, IReadOnlyList<Interceptor> interceptors)
    {
        var composed = handler;
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            composed = Wrap(interceptors[i], composed);
        }
        return new ServerCallHandler<TRequest, TResponse>(method, composed, runtime).HandleCallAsync;
    }

    private Delegate Wrap(Interceptor interceptor, Delegate next) => method.Type switch
    {
        MethodType.Unary => new UnaryServerMethod<TRequest, TResponse>((request, context) =>
            interceptor.UnaryServerHandler(request, context, (UnaryServerMethod<TRequest, TResponse>)next)),
        MethodType.ClientStreaming => new ClientStreamingServerMethod<TRequest, TResponse>((requests, context) =>
            interceptor.ClientStreamingServerHandler(requests, context, (ClientStreamingServerMethod<TRequest, TResponse>)next)),
        MethodType.ServerStreaming => new ServerStreamingServerMethod<TRequest, TResponse>((request, responses, context) =>
            interceptor.ServerStreamingServerHandler(request, responses, context, (ServerStreamingServerMethod<TRequest, TResponse>)next)),
        _ => new DuplexStreamingServerMethod<TRequest, TResponse>((requests, responses, context) =>
            interceptor.DuplexStreamingServerHandler(requests, responses, context, (DuplexStreamingServerMethod<TRequest, TResponse>)next)),
    };
}
