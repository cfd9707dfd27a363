using System.Runtime.CompilerServices;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Internal;
using FederatedPlatform.Node.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Tests.TestSupport;

/// <summary>A real node process in-process: NodeHost on a dynamic loopback port, with a client for its API.</summary>
public sealed class NodeUnderTest : IAsyncDisposable
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor NodeService = NodeReflection.Descriptor.Services.Single(s => s.Name == "Node");

    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;
    private readonly bool _expectErrors;

    private NodeUnderTest(WebApplication app, ErrorCollectingLoggerProvider log, bool expectErrors)
    {
        _app = app;
        Log = log;
        _expectErrors = expectErrors;
        _channel = GrpcChannel.ForAddress(app.GetListenAddress());
        Invoker = _channel.CreateCallInvoker();
    }

    public const string CenterId = "cn-om";

    public const string Token = "fp_test_secret";

    public ErrorCollectingLoggerProvider Log { get; }

    public CallInvoker Invoker { get; }

    public NodeStore Store => _app.Services.GetRequiredService<NodeStore>();

    internal NodeHealth Health => _app.Services.GetRequiredService<NodeHealth>();

    internal ChangeSignal[] Signals => [Store.Changed, Health.Changed];

    public static async Task<NodeUnderTest> StartAsync(string databasePath, string? hubAddress = null, Action<NodeOptions>? configure = null, bool expectErrors = false)
    {
        var log = new ErrorCollectingLoggerProvider();
        var app = NodeHost.Build(
            [],
            options =>
            {
                options.CenterId = CenterId;
                options.DatabasePath = databasePath;
                options.ListenPort = 0;
                options.HubAddress = hubAddress;
                options.Token = hubAddress is null ? null : Token;
                options.ReconnectDelayMin = TimeSpan.FromMilliseconds(1);
                options.ReconnectDelayMax = TimeSpan.FromMilliseconds(20);
                configure?.Invoke(options);
            },
            builder => builder.Logging.ClearProviders().AddProvider(log));
        await app.StartAsync().WithTimeout();
        return new NodeUnderTest(app, log, expectErrors);
    }

    public Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        Invoker.AsyncUnaryCall(Method.From<TRequest, TResponse>(NodeService, method), new CallOptions(), request).ResponseAsync.WithTimeout();

    internal Task WaitUntilAsync(Func<Task<bool>> condition, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Eventually.UntilAsync(condition, Signals, null, file, line);

    /// <summary>Waits until the store's durable state satisfies <paramref name="condition"/>.</summary>
    internal Task WaitForStatusAsync(Func<NodeStoreStatus, bool> condition, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        Eventually.UntilAsync(async () => condition(await Store.GetStatusAsync()), Signals, null, file, line);

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync().WithTimeout();
        await _app.DisposeAsync();
        if (!_expectErrors)
        {
            Log.AssertNoErrors();
        }
    }
}
