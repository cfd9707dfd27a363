using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Bench.Federation;

/// <summary>What one Publish stream achieved: the final cumulative ack and how many acks (hub commits) it took.</summary>
public readonly record struct PublishOutcome(string CenterId, ulong AppliedSeq, int Acks);

/// <summary>
/// One center's Publish stream as a node drives it: hello, welcome, then changes seq 1..count written
/// while acks are read concurrently, at most <c>window</c> unacknowledged. Any rejection, a welcome
/// that does not start at 0, or a stream that ends before the last ack fails the run.
/// </summary>
public sealed class WindowedPublisher(CallInvoker invoker, string token, string centerId, int window)
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    /// <summary>Publishes changes seq 1..count and returns when the last is acknowledged.</summary>
    /// <param name="count">How many changes.</param>
    /// <param name="create">Builds the record of change i (0-based).</param>
    /// <param name="due">How long until change i is due, zero or less when it is (null: every change is due at once, as fast as the window allows).</param>
    /// <param name="sent">Called right before change i is written.</param>
    /// <param name="onAck">Called with the changes an ack covers: from (0-based, inclusive) to (exclusive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<PublishOutcome> RunAsync(
        int count, Func<int, Record> create, Func<int, TimeSpan>? due = null, Action<int>? sent = null, Action<int, int>? onAck = null, CancellationToken cancellationToken = default)
    {
        using var call = invoker.AsyncDuplexStreamingCall(Rpc.Publish, new CallOptions(Rpc.Bearer(token), cancellationToken: cancellationToken));
        await call.RequestStream.WriteAsync(new PublishRequest { Hello = new Hello { CenterId = centerId, Epoch = 1, LastSeq = (ulong)count } }, cancellationToken);
        if (!await call.ResponseStream.MoveNext(cancellationToken) || call.ResponseStream.Current.KindCase != PublishResponse.KindOneofCase.Welcome)
        {
            throw new InvalidOperationException($"{centerId}: no welcome");
        }

        if (call.ResponseStream.Current.Welcome.AppliedSeq != 0)
        {
            throw new InvalidOperationException($"{centerId}: the hub already holds seq {call.ResponseStream.Current.Welcome.AppliedSeq}; use a fresh hub");
        }

        using var credit = new SemaphoreSlim(window, window);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await credit.WaitAsync(failed.Token);
                if (due?.Invoke(i) is { } wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, failed.Token);
                }

                sent?.Invoke(i);

                // As the node does with a page of its outbox: the changes already due go out with one flush, as
                // far as the window allows (a paced publisher that fell behind catches up in bursts, not change by change).
                var more = i < count - 1 && credit.CurrentCount > 0 && (due is null || due(i + 1) <= TimeSpan.Zero);
                call.RequestStream.WriteOptions = more ? Buffered : null;
                await call.RequestStream.WriteAsync(new PublishRequest { Change = new Change { Seq = (ulong)i + 1, Record = create(i) } }, failed.Token);
            }
        }, failed.Token);

        ulong acked = 0;
        var acks = 0;
        try
        {
            while (acked < (ulong)count)
            {
                if (!await call.ResponseStream.MoveNext(cancellationToken))
                {
                    throw new InvalidOperationException($"{centerId}: the stream ended at ack {acked} of {count}");
                }

                var response = call.ResponseStream.Current;
                switch (response.KindCase)
                {
                    case PublishResponse.KindOneofCase.Ack:
                        var covered = response.Ack.AppliedSeq;
                        if (covered <= acked || covered > (ulong)count)
                        {
                            throw new InvalidOperationException($"{centerId}: ack {covered} after {acked}");
                        }

                        onAck?.Invoke((int)acked, (int)covered);
                        credit.Release((int)(covered - acked));
                        acked = covered;
                        acks++;
                        break;
                    case PublishResponse.KindOneofCase.Rejection:
                        var r = response.Rejection;
                        throw new InvalidOperationException($"{centerId}: change {r.Seq} rejected: {r.Code} {r.Field}: {r.Reason}");
                    default:
                        throw new InvalidOperationException($"{centerId}: unexpected {response.KindCase}");
                }
            }

            await writer;
        }
        catch
        {
            await failed.CancelAsync();
            throw;
        }

        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            throw new InvalidOperationException($"{centerId}: unexpected {call.ResponseStream.Current.KindCase} after the last ack");
        }

        return new PublishOutcome(centerId, acked, acks);
    }
}
