using Microsoft.AspNetCore.Http;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>Runs one method for every HTTP request routed to it.</summary>
internal sealed class ServerCallHandler<TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Delegate _handler;
    private readonly ServerRuntime _runtime;

    public ServerCallHandler(Method<TRequest, TResponse> method, Delegate handler, ServerRuntime runtime)
    {
        _method = method;
        _handler = handler;
        _runtime = runtime;
    }

    public async Task HandleCallAsync(HttpContext http)
    {
        if (!ServerProtocol.ValidateRequest(http, _runtime))
        {
            return;
        }
        using var context = new HttpContextServerCallContext(http, _method.FullName, _runtime);
        try
        {
            var failure = context.Initialize();
            if (failure is { } status)
            {
                context.Status = status;
            }
            else
            {
                await InvokeAsync(context);
            }
            context.EndCall();
        }
        catch (Exception ex)
        {
            context.EndCallWithError(ex);
        }
    }

    private async Task InvokeAsync(HttpContextServerCallContext context)
    {
        var token = context.CancellationToken;
        switch (_method.Type)
        {
            case MethodType.Unary:
            {
                var request = await ReadSingleRequestAsync(context, token);
                var response = await ((UnaryServerMethod<TRequest, TResponse>)_handler)(request, context);
                await WriteSingleResponseAsync(context, response, token);
                break;
            }
            case MethodType.ClientStreaming:
            {
                var reader = new HttpContextStreamReader<TRequest>(context, _method.RequestMarshaller);
                var response = await ((ClientStreamingServerMethod<TRequest, TResponse>)_handler)(reader, context);
                await WriteSingleResponseAsync(context, response, token);
                break;
            }
            case MethodType.ServerStreaming:
            {
                var request = await ReadSingleRequestAsync(context, token);
                var writer = new HttpContextStreamWriter<TResponse>(context, _method.ResponseMarshaller);
                await ((ServerStreamingServerMethod<TRequest, TResponse>)_handler)(request, writer, context);
                break;
            }
            default:
            {
                var reader = new HttpContextStreamReader<TRequest>(context, _method.RequestMarshaller);
                var writer = new HttpContextStreamWriter<TResponse>(context, _method.ResponseMarshaller);
                await ((DuplexStreamingServerMethod<TRequest, TResponse>)_handler)(reader, writer, context);
                break;
            }
        }
        if (context.DeadlineExceeded)
        {
            throw new OperationCanceledException(token);
        }
    }

    private async ValueTask<TRequest> ReadSingleRequestAsync(HttpContextServerCallContext context, CancellationToken token)
    {
        var request = await context.ReadMessageAsync(_method.RequestMarshaller, token)
            ?? throw new RpcException(StatusCode.Internal, "The request stream ended without a message.");
        if (await context.ReadMessageAsync(_method.RequestMarshaller, token) is not null)
        {
            throw new RpcException(StatusCode.Internal, "Additional data after the request message of a unary call.");
        }
        return request;
    }

    private ValueTask WriteSingleResponseAsync(HttpContextServerCallContext context, TResponse response, CancellationToken token)
    {
        // A handler that set a non-OK status answers with that status alone, like any failed call.
        if (context.Status.StatusCode != StatusCode.OK)
        {
            return ValueTask.CompletedTask;
        }
        ArgumentNullException.ThrowIfNull(response);
        return context.WriteMessageAsync(response, _method.ResponseMarshaller, flush: false, token);
    }
}
