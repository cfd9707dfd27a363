using FederatedPlatform.Catalog;
using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;
using FederatedPlatform.Hub.Internal;
using FederatedPlatform.Hub.Watching.Internal;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Hub.Publishing.Internal;

/// <summary>
/// One Publish stream, exactly as hub.proto describes it: hello and the epoch fence, welcome, then
/// changes applied in batches — whatever has already arrived, up to the batch size, in one
/// transaction — each batch acknowledged cumulatively after its commit; rejections per change; a gap
/// ends the stream with OUT_OF_RANGE; resync begin/records/end; heartbeats. Only this loop writes
/// responses, so an operator's resync request is woven in between batches.
/// </summary>
internal sealed class PublishSession(
    IAsyncStreamReader<PublishRequest> requests,
    IServerStreamWriter<PublishResponse> responses,
    HubCall call,
    ICatalogWriter writer,
    PublishStreams streams,
    FeedNotifier notifier,
    int batchSize,
    ILogger logger)
{
    private readonly List<Change> _batch = new(batchSize);
    private string _centerId = string.Empty;
    private ulong _epoch;
    private bool _resyncing;

    public async Task RunAsync()
    {
        var token = call.CancellationToken;
        var hello = await ReadHelloAsync(call.HubCancellation);
        _centerId = hello.CenterId;
        _epoch = hello.Epoch;
        var start = await writer.OpenPublishAsync(_centerId, _epoch, hello.LastSeq, token);
        using var registration = streams.Register(_centerId, _epoch);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, registration.Aborted);
        HubLog.PublishOpened(logger, _centerId, _epoch, start.AppliedSeq);
        try
        {
            await responses.WriteAsync(PublishMessages.Welcome(start), linked.Token);
            if (start.ResyncRequested)
            {
                registration.TryTakeResyncRequest(out _);
                await responses.WriteAsync(PublishMessages.ResyncRequested(start.ResyncReason), linked.Token);
            }

            await LoopAsync(registration, linked.Token);
            HubLog.PublishClosed(logger, _centerId, _epoch);
        }
        catch (OperationCanceledException) when (registration.Aborted.IsCancellationRequested)
        {
            throw Replaced(registration.ReplacedBy);
        }
        catch (CatalogException e) when (e.Code == CatalogErrorCode.EpochFenced)
        {
            throw Replaced(0);
        }
    }

    private RpcException Replaced(ulong newerEpoch)
    {
        HubLog.PublishReplaced(logger, _centerId, _epoch, newerEpoch);
        return HubErrors.Aborted(newerEpoch > 0
            ? $"a newer Publish stream of center {_centerId} (epoch {newerEpoch}) replaced this one (epoch {_epoch})"
            : $"producer epoch {_epoch} of center {_centerId} was fenced off by a newer hello");
    }

    private async Task<Hello> ReadHelloAsync(CancellationToken token)
    {
        if (!await requests.MoveNext(token) || requests.Current.KindCase != PublishRequest.KindOneofCase.Hello)
        {
            throw HubErrors.InvalidArgument("hello", "the first message of a Publish stream must be hello");
        }

        var hello = requests.Current.Hello;
        if (!string.Equals(hello.CenterId, call.Principal.CenterId, StringComparison.Ordinal))
        {
            throw HubErrors.PermissionDenied($"this credential publishes for center {call.Principal.CenterId}, not '{hello.CenterId}'");
        }

        return hello.Epoch == 0 ? throw HubErrors.InvalidArgument("hello.epoch", "must be at least 1") : hello;
    }

    private async Task LoopAsync(PublishRegistration registration, CancellationToken token)
    {
        using var readCancel = CancellationTokenSource.CreateLinkedTokenSource(call.HubCancellation, registration.Aborted);
        Task<bool>? read = null;
        try
        {
            while (true)
            {
                read ??= requests.MoveNext(readCancel.Token);
                if (!read.IsCompleted)
                {
                    // Nothing more has arrived: commit what we have while the next message is on its way.
                    if (_batch.Count > 0)
                    {
                        await FlushAsync(token);
                        continue;
                    }

                    if (await Task.WhenAny(read, registration.ResyncRequested) != read)
                    {
                        await ForwardResyncRequestAsync(registration, token);
                        continue;
                    }
                }

                if (!await read)
                {
                    await FlushAsync(token);
                    return;
                }

                read = null;
                await HandleAsync(requests.Current, token);
            }
        }
        finally
        {
            await AbandonAsync(read, readCancel);
        }
    }

    private async Task HandleAsync(PublishRequest request, CancellationToken token)
    {
        switch (request.KindCase)
        {
            case PublishRequest.KindOneofCase.Change:
                if (_resyncing)
                {
                    throw HubErrors.FailedPrecondition("change during a resync: send resync_end before changes");
                }

                if (request.Change.Seq == 0)
                {
                    throw HubErrors.InvalidArgument("change.seq", "must be at least 1");
                }

                _batch.Add(request.Change);
                if (_batch.Count >= batchSize)
                {
                    await FlushAsync(token);
                }

                break;
            case PublishRequest.KindOneofCase.Heartbeat:
                await FlushAsync(token);
                await writer.ReportProgressAsync(_centerId, _epoch, request.Heartbeat.LastSeq, token);
                break;
            case PublishRequest.KindOneofCase.ResyncBegin:
                await FlushAsync(token);
                await writer.BeginResyncAsync(_centerId, _epoch, token);
                _resyncing = true;
                break;
            case PublishRequest.KindOneofCase.ResyncRecords:
                await ApplyResyncRecordsAsync(request.ResyncRecords, token);
                break;
            case PublishRequest.KindOneofCase.ResyncEnd:
                await EndResyncAsync(request.ResyncEnd, token);
                break;
            case PublishRequest.KindOneofCase.Hello:
                throw HubErrors.InvalidArgument("hello", "sent twice: hello is only the first message of a stream");
            default:
                throw HubErrors.InvalidArgument("kind", "empty PublishRequest");
        }
    }

    private async Task FlushAsync(CancellationToken token)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        var result = await writer.ApplyAsync(_centerId, _epoch, _batch, token);
        notifier.Offer(result.Committed);
        await SendRejectionsAsync(result, token);
        await responses.WriteAsync(PublishMessages.Ack(result.AppliedSeq), token);
        var gapAt = result.ExpectedSeq is null ? 0 : _batch[result.Outcomes.Count].Seq;
        _batch.Clear();
        if (result.ExpectedSeq is { } expected)
        {
            HubLog.PublishGap(logger, _centerId, expected, gapAt);
            throw HubErrors.Gap(expected, gapAt);
        }
    }

    private async Task ApplyResyncRecordsAsync(ResyncRecords page, CancellationToken token)
    {
        if (!_resyncing)
        {
            throw HubErrors.FailedPrecondition("resync_records without resync_begin");
        }

        for (var offset = 0; offset < page.Records.Count; offset += batchSize)
        {
            var chunk = page.Records.Skip(offset).Take(batchSize).ToList();
            var result = await writer.ApplyResyncRecordsAsync(_centerId, _epoch, chunk, token);
            notifier.Offer(result.Committed);
            await SendRejectionsAsync(result, token);
        }
    }

    private async Task EndResyncAsync(ResyncEnd end, CancellationToken token)
    {
        if (!_resyncing)
        {
            throw HubErrors.FailedPrecondition("resync_end without resync_begin");
        }

        var result = await writer.EndResyncAsync(_centerId, _epoch, end, token);
        _resyncing = false;
        if (!result.Matched)
        {
            throw HubErrors.FailedPrecondition(
                $"resync mismatch: the node announced {result.NodeCount} records with digest {result.NodeDigest}, " +
                $"the hub received {result.HubCount} with digest {result.HubDigest}; nothing was deleted");
        }

        notifier.Offer(result.Committed);
        await responses.WriteAsync(PublishMessages.ResyncComplete(result), token);
    }

    private async Task SendRejectionsAsync(ApplyResult result, CancellationToken token)
    {
        foreach (var outcome in result.Outcomes)
        {
            if (outcome.Rejection is { } rejection)
            {
                await responses.WriteAsync(PublishMessages.Rejection(rejection), token);
            }
        }
    }

    private async Task ForwardResyncRequestAsync(PublishRegistration registration, CancellationToken token)
    {
        // A resync already under way answers the request; the flag clears when it ends.
        if (registration.TryTakeResyncRequest(out var reason) && !_resyncing)
        {
            await responses.WriteAsync(PublishMessages.ResyncRequested(reason), token);
        }
    }

    /// <summary>Stops a read still pending when the stream ends, so it does not outlive the call.</summary>
    private static async Task AbandonAsync(Task<bool>? read, CancellationTokenSource readCancel)
    {
        if (read is null || read.IsCompleted)
        {
            return;
        }

        try
        {
            await readCancel.CancelAsync();
            await read;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or AggregateException)
        {
            // The stream is over either way (a reset request stream also fails the cancellation);
            // the status the caller gets is decided above.
        }
    }
}

