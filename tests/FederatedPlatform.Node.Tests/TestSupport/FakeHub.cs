using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Tests.TestSupport;

/// <summary>
/// A scripted fedplat.v1.Hub on a dynamic loopback port. Each Publish or Watch call is handed to the
/// test, which reads what the node sent and answers message by message, then ends or cuts the call.
/// </summary>
public sealed class FakeHub : IAsyncDisposable
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor HubService = HubReflection.Descriptor.Services.Single(s => s.Name == "Hub");

    private readonly Channel<PublishCall> _publishCalls = Channel.CreateUnbounded<PublishCall>();
    private readonly Channel<WatchCall> _watchCalls = Channel.CreateUnbounded<WatchCall>();
    private readonly ConcurrentBag<ScriptedCall> _all = [];
    private WebApplication? _app;
    private int _publishCount;
    private int _watchCount;
    private volatile bool _stopping;

    public ErrorCollectingLoggerProvider Log { get; } = new();

    public string Address { get; private set; } = string.Empty;

    public int PublishCallCount => Volatile.Read(ref _publishCount);

    public int WatchCallCount => Volatile.Read(ref _watchCount);

    public static async Task<FakeHub> StartAsync()
    {
        var hub = new FakeHub();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(hub.Log);
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddGrpcRuntime();
        var app = builder.Build();
        app.MapGrpcService(GrpcServiceBuilder.For(HubService)
            .DuplexStreaming<PublishRequest, PublishResponse>("Publish", hub.PublishAsync)
            .ServerStreaming<WatchRequest, WatchEvent>("Watch", hub.WatchAsync)
            .Build());
        await app.StartAsync();
        hub._app = app;
        hub.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return hub;
    }

    public Task<PublishCall> NextPublishAsync() => _publishCalls.Reader.ReadAsync().AsTask().WithTimeout();

    public Task<WatchCall> NextWatchAsync() => _watchCalls.Reader.ReadAsync().AsTask().WithTimeout();

    public async ValueTask DisposeAsync()
    {
        // The node reconnects within milliseconds: a call arriving after this loop must end too, or
        // stopping the host waits for it until its shutdown timeout.
        _stopping = true;
        foreach (var call in _all)
        {
            call.End(StatusCode.Unavailable, "fake hub stopping");
        }

        if (_app is not null)
        {
            await _app.StopAsync().WithTimeout();
            await _app.DisposeAsync();
        }

        Log.AssertNoErrors();
    }

    private void Track(ScriptedCall call)
    {
        _all.Add(call);
        if (_stopping)
        {
            call.End(StatusCode.Unavailable, "fake hub stopping");
        }
    }

    private async Task PublishAsync(IAsyncStreamReader<PublishRequest> requests, IServerStreamWriter<PublishResponse> responses, ServerCallContext context)
    {
        Interlocked.Increment(ref _publishCount);
        var call = new PublishCall(requests, responses, context);
        Track(call);
        _publishCalls.Writer.TryWrite(call);
        await call.RunAsync();
    }

    private async Task WatchAsync(WatchRequest request, IServerStreamWriter<WatchEvent> responses, ServerCallContext context)
    {
        Interlocked.Increment(ref _watchCount);
        var call = new WatchCall(request, responses, context);
        Track(call);
        _watchCalls.Writer.TryWrite(call);
        await call.RunAsync();
    }
}

/// <summary>A call the test scripts; the handler returns (with the chosen status) when the test ends it.</summary>
public abstract class ScriptedCall(ServerCallContext context)
{
    private readonly TaskCompletionSource<Status?> _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Metadata Headers => context.RequestHeaders;

    /// <summary>Ends the call with this status.</summary>
    public void End(StatusCode code, string detail = "") => _end.TrySetResult(new Status(code, detail));

    /// <summary>Cuts the connection under the call, as a network failure would.</summary>
    public void Cut()
    {
        context.GetHttpContext().Abort();
        _end.TrySetResult(null);
    }

    internal async Task RunAsync()
    {
        Status? status;
        try
        {
            status = await _end.Task.WaitAsync(context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (status is { } s && s.StatusCode != StatusCode.OK)
        {
            throw new RpcException(s);
        }
    }
}

public sealed class PublishCall(IAsyncStreamReader<PublishRequest> requests, IServerStreamWriter<PublishResponse> responses, ServerCallContext context)
    : ScriptedCall(context)
{
    /// <summary>The next message the node sent; fails if none comes within the timeout.</summary>
    public async Task<PublishRequest> ReadAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TaskTimeoutExtensions.DefaultTimeout);
        try
        {
            Assert.True(await requests.MoveNext(cts.Token), "the node ended its request stream");
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException("the node sent nothing");
        }

        return requests.Current;
    }

    /// <summary>Reads messages until one of the wanted kind, skipping heartbeats.</summary>
    public async Task<PublishRequest> ReadSkippingHeartbeatsAsync()
    {
        while (true)
        {
            var request = await ReadAsync();
            if (request.KindCase != PublishRequest.KindOneofCase.Heartbeat)
            {
                return request;
            }
        }
    }

    public Task SendAsync(PublishResponse response) => responses.WriteAsync(response).WithTimeout();

    public Task WelcomeAsync(ulong appliedSeq) => SendAsync(new PublishResponse { Welcome = new Welcome { AppliedSeq = appliedSeq, HubEpoch = "fake" } });

    public Task AckAsync(ulong appliedSeq) => SendAsync(new PublishResponse { Ack = new Ack { AppliedSeq = appliedSeq } });
}

public sealed class WatchCall(WatchRequest request, IServerStreamWriter<WatchEvent> responses, ServerCallContext context) : ScriptedCall(context)
{
    public WatchRequest Request { get; } = request;

    public Task SendAsync(WatchEvent change) => responses.WriteAsync(change).WithTimeout();

    public Task UpsertAsync(Record record, string cursor = "") => SendAsync(new WatchEvent { Cursor = cursor, Upsert = new RecordUpsert { Record = record } });

    public Task DeleteAsync(string centerId, string localId, ulong version, string cursor) =>
        SendAsync(new WatchEvent { Cursor = cursor, Delete = new RecordDelete { Id = new RecordId { CenterId = centerId, LocalId = localId }, Version = version } });

    public Task SnapshotCompleteAsync(ulong count, string cursor) =>
        SendAsync(new WatchEvent { Cursor = cursor, SnapshotComplete = new SnapshotComplete { Count = count } });
}
