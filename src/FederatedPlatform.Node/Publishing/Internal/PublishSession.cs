using System.Threading.Channels;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Internal;
using FederatedPlatform.Node.Storage;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Node.Publishing.Internal;

/// <summary>
/// One Publish stream (hub.proto, Hub.Publish): hello, welcome, then three loops until the stream
/// ends — the sender (outbox changes within the window, resyncs, heartbeats), the receiver (acks,
/// rejections, resync requests) and the persister, which records the hub's answers durably in
/// batches so a burst of acks costs one commit.
/// </summary>
internal sealed partial class PublishSession(
    NodeStore store,
    HubClient hub,
    NodeHealth health,
    NodeOptions options,
    TimeProvider time,
    ResyncDemand resync,
    ILogger logger,
    PublishProbe? probe)
{
    private readonly ChangeSignal _wake = new();
    private long _hubAcked;
    private ulong _nextSeq;
    private volatile bool _heartbeatDue;

    /// <summary>The hub answered the hello: the stream got far enough to reset the reconnect backoff.</summary>
    public bool Welcomed { get; private set; }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = hub.OpenPublish(cts.Token);
        var lastSeq = store.LastSeq;
        await call.RequestStream.WriteAsync(
            new PublishRequest { Hello = new Hello { CenterId = store.CenterId, Epoch = store.ProducerEpoch, LastSeq = lastSeq } }, cts.Token);
        var applied = await ReadWelcomeAsync(call, cts.Token);
        await StartFromAsync(applied, lastSeq, cts.Token);

        var responses = Channel.CreateUnbounded<PublishResponse>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var receive = ReceiveAsync(call, responses.Writer, cts.Token);
        var persist = PersistAsync(responses.Reader, stoppingToken);
        var send = SendAsync(call, cts.Token);

        var first = await Task.WhenAny(receive, send, persist);
        Exception? failure;
        if (first == send && !stoppingToken.IsCancellationRequested)
        {
            // A failed write usually means the hub ended the call: its status comes with the responses.
            failure = await Capture(receive) ?? await Capture(send);
        }
        else
        {
            failure = await Capture(first);
        }

        await cts.CancelAsync();
        await Task.WhenAll(Capture(receive), Capture(send));
        failure ??= await Capture(persist);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task<ulong> ReadWelcomeAsync(AsyncDuplexStreamingCall<PublishRequest, PublishResponse> call, CancellationToken cancellationToken)
    {
        if (!await call.ResponseStream.MoveNext(cancellationToken))
        {
            throw new PublishProtocolException("the hub ended the stream before its welcome");
        }

        var response = call.ResponseStream.Current;
        if (response.KindCase != PublishResponse.KindOneofCase.Welcome)
        {
            throw new PublishProtocolException($"the hub answered the hello with {response.KindCase}, not a welcome");
        }

        Welcomed = true;
        health.PublishConnected();
        NodeLog.PublishWelcomed(logger, hub.PublishAddress, response.Welcome.AppliedSeq, store.LastSeq);
        return response.Welcome.AppliedSeq;
    }

    private async Task StartFromAsync(ulong applied, ulong lastSeq, CancellationToken cancellationToken)
    {
        resync.Restart();
        if (!await store.AlignWithHubAsync(applied, cancellationToken))
        {
            // The hub applied more than this outbox holds: the outbox was lost (or restored from an
            // older backup). Only a snapshot of the records can make the hub's copy equal to ours.
            NodeLog.ResyncStarting(logger, $"the hub applied seq {applied}, the outbox holds {lastSeq}");
            resync.Request();
            _hubAcked = (long)Math.Min(applied, lastSeq);
            _nextSeq = lastSeq + 1;
            return;
        }

        _hubAcked = (long)applied;
        _nextSeq = applied + 1;
    }

    private async Task ReceiveAsync(
        AsyncDuplexStreamingCall<PublishRequest, PublishResponse> call, ChannelWriter<PublishResponse> persist, CancellationToken cancellationToken)
    {
        try
        {
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                var response = call.ResponseStream.Current;
                health.Contact();
                switch (response.KindCase)
                {
                    case PublishResponse.KindOneofCase.Ack:
                        RaiseHubAcked(response.Ack.AppliedSeq);
                        persist.TryWrite(response);
                        break;
                    case PublishResponse.KindOneofCase.Rejection:
                        var r = response.Rejection;
                        NodeLog.ChangeRejected(logger, r.Seq, r.Id?.CenterId ?? string.Empty, r.Id?.LocalId ?? string.Empty, r.Field, r.Reason);
                        persist.TryWrite(response);
                        break;
                    case PublishResponse.KindOneofCase.ResyncRequested:
                        NodeLog.ResyncStarting(logger, "requested by the hub: " + response.ResyncRequested.Reason);
                        resync.Request();
                        break;
                    case PublishResponse.KindOneofCase.ResyncComplete:
                        resync.Complete();
                        RaiseHubAcked(response.ResyncComplete.AppliedSeq);
                        persist.TryWrite(response);
                        break;
                    case PublishResponse.KindOneofCase.Welcome:
                        throw new PublishProtocolException("the hub sent a second welcome");
                    default:
                        // A message kind newer than this node: nothing to do with it.
                        break;
                }

                _wake.Notify();
            }
        }
        finally
        {
            persist.TryComplete();
        }
    }

    private void RaiseHubAcked(ulong applied)
    {
        var value = (long)Math.Min(applied, long.MaxValue);
        long current;
        while (value > (current = Interlocked.Read(ref _hubAcked)) && Interlocked.CompareExchange(ref _hubAcked, value, current) != current)
        {
        }
    }

    private async Task PersistAsync(ChannelReader<PublishResponse> responses, CancellationToken cancellationToken)
    {
        var rejections = new List<Rejection>();
        while (await responses.WaitToReadAsync(cancellationToken))
        {
            ulong acked = 0;
            rejections.Clear();
            while (rejections.Count < 1000 && responses.TryRead(out var response))
            {
                switch (response.KindCase)
                {
                    case PublishResponse.KindOneofCase.Ack:
                        acked = Math.Max(acked, response.Ack.AppliedSeq);
                        break;
                    case PublishResponse.KindOneofCase.ResyncComplete:
                        acked = Math.Max(acked, response.ResyncComplete.AppliedSeq);
                        break;
                    case PublishResponse.KindOneofCase.Rejection:
                        rejections.Add(response.Rejection);
                        break;
                    default:
                        break;
                }
            }

            if (probe?.BeforeAckRecorded is { } holdAck && acked > 0)
            {
                await holdAck(acked, cancellationToken);
            }

            await store.ApplyHubResponsesAsync(
                acked,
                rejections,
                r => NodeLog.RejectionUnmatched(logger, r.Seq, r.Id?.LocalId ?? string.Empty, r.Field, r.Reason),
                cancellationToken);
        }
    }

    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
