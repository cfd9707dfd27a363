using FederatedPlatform.Grpc.Tests.TestSupport;
using Grpc.Testing;

namespace FederatedPlatform.Grpc.Tests.Server;

public sealed class InterceptorTests
{
    private sealed class RequireTokenInterceptor(List<string> trace) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            trace.Add("auth");
            if (context.RequestHeaders.GetValue("authorization") != "Bearer good")
            {
                throw new RpcException(StatusCode.Unauthenticated, "missing or invalid credential");
            }
            context.UserState["principal"] = "cn-om";
            return continuation(request, context);
        }
    }

    private sealed class TraceInterceptor(List<string> trace, string name) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            trace.Add(name + ":before");
            var response = await continuation(request, context);
            trace.Add(name + ":after");
            return response;
        }
    }

    private sealed class AddTokenInterceptor(string token) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            var headers = new Metadata { { "authorization", "Bearer " + token } };
            return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Options.WithHeaders(headers)));
        }
    }

    private static Task<TestGrpcServer> StartAsync(List<string> trace) => TestGrpcServer.StartAsync(
        b => b.Unary<SimpleRequest, SimpleResponse>("UnaryCall", (_, context) =>
        {
            trace.Add("handler:" + context.UserState["principal"]);
            return Task.FromResult(new SimpleResponse());
        }),
        o =>
        {
            o.Interceptors.Add(new TraceInterceptor(trace, "outer"));
            o.Interceptors.Add(new RequireTokenInterceptor(trace));
        });

    [Fact]
    public async Task ServerInterceptors_RunOutermostFirst_AndShareStateWithHandler()
    {
        var trace = new List<string>();
        await using var server = await StartAsync(trace);
        using var channel = server.CreateChannel();
        var sut = channel.CreateCallInvoker().Intercept(new AddTokenInterceptor("good"));

        await sut.AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest()).ResponseAsync.WithTimeout();

        Assert.Equal(["outer:before", "auth", "handler:cn-om", "outer:after"], trace);
    }

    [Fact]
    public async Task ServerInterceptor_RejectsBadCredential_HandlerNeverRuns()
    {
        var trace = new List<string>();
        await using var server = await StartAsync(trace);
        using var channel = server.CreateChannel();
        var sut = channel.CreateCallInvoker().Intercept(new AddTokenInterceptor("bad"));

        var ex = await Assert.ThrowsAsync<RpcException>(() => sut.AsyncUnaryCall(TestServices.UnaryCall, default, new SimpleRequest()).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.DoesNotContain(trace, t => t.StartsWith("handler", StringComparison.Ordinal));
    }
}
