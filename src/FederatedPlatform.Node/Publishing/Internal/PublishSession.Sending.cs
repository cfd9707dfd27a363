using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Internal;

namespace FederatedPlatform.Node.Publishing.Internal;

internal sealed partial class PublishSession
{
    private const int MaxChangesPerRead = 256;
    private const int MaxResyncPageBytes = 1024 * 1024;
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    private async Task SendAsync(AsyncDuplexStreamingCall<PublishRequest, PublishResponse> call, CancellationToken cancellationToken)
    {
        var writer = call.RequestStream;
        using var heartbeat = time.CreateTimer(
            _ =>
            {
                _heartbeatDue = true;
                _wake.Notify();
            },
            null,
            options.HeartbeatInterval,
            options.HeartbeatInterval);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Taken before looking for work, so a commit or an ack in between still wakes us.
            var wake = Task.WhenAny(_wake.Next, store.OutboxAppended.Next);
            if (resync.TryStart())
            {
                _nextSeq = await SendResyncAsync(writer, cancellationToken) + 1;
                continue;
            }

            var last = store.LastSeq;
            var window = (ulong)Interlocked.Read(ref _hubAcked) + (ulong)options.PublishWindow;
            var limit = Math.Min(last, window);
            if (_nextSeq <= limit)
            {
                var start = _nextSeq;
                var entries = await store.ReadOutboxAsync(start, (int)Math.Min(limit - start + 1, MaxChangesPerRead), cancellationToken);
                var run = entries.TakeWhile((e, i) => e.Seq == start + (ulong)i).ToList();
                try
                {
                    for (var i = 0; i < run.Count; i++)
                    {
                        if (probe?.BeforeSend is { } holdSend)
                        {
                            await holdSend(run[i].Seq, cancellationToken);
                        }

                        // One flush per page read from the outbox, not one per change (with a test probe,
                        // every change is on the wire before the next is held).
                        writer.WriteOptions = i < run.Count - 1 && probe is null ? Buffered : null;
                        await writer.WriteAsync(new PublishRequest { Change = new Change { Seq = run[i].Seq, Record = run[i].Record } }, cancellationToken);
                        _nextSeq++;
                    }
                }
                finally
                {
                    writer.WriteOptions = null;
                }

                if (_nextSeq == start)
                {
                    // Not reached with an intact outbox: a committed entry is gone, and only a snapshot replaces it.
                    NodeLog.ResyncStarting(logger, $"the outbox has no entry {start}");
                    resync.Request();
                }

                continue;
            }

            // While idle, or while the window is full and the outbox grows, the hub learns how far behind it is.
            if (_heartbeatDue)
            {
                _heartbeatDue = false;
                await writer.WriteAsync(new PublishRequest { Heartbeat = new Heartbeat { LastSeq = last } }, cancellationToken);
                continue;
            }

            await wake.WaitAsync(cancellationToken);
        }
    }

    /// <summary>resync_begin, the live records page by page, resync_end {count, digest, seq}; returns seq.</summary>
    private async Task<ulong> SendResyncAsync(IClientStreamWriter<PublishRequest> writer, CancellationToken cancellationToken)
    {
        await using var snapshot = await store.OpenResyncSnapshotAsync(cancellationToken);
        await writer.WriteAsync(new PublishRequest { ResyncBegin = new ResyncBegin() }, cancellationToken);
        using var digest = new ResyncDigest();
        var page = new ResyncRecords();
        var pageBytes = 0;
        await foreach (var record in snapshot.ReadRecordsAsync(cancellationToken))
        {
            digest.Append(record.Id.LocalId, record.Version);
            page.Records.Add(record);
            pageBytes += record.CalculateSize();
            if (page.Records.Count >= options.ResyncPageSize || pageBytes >= MaxResyncPageBytes)
            {
                await writer.WriteAsync(new PublishRequest { ResyncRecords = page }, cancellationToken);
                page = new ResyncRecords();
                pageBytes = 0;
            }
        }

        if (page.Records.Count > 0)
        {
            await writer.WriteAsync(new PublishRequest { ResyncRecords = page }, cancellationToken);
        }

        var end = new ResyncEnd { Count = digest.Count, Digest = digest.Finish(), Seq = snapshot.Seq };
        await writer.WriteAsync(new PublishRequest { ResyncEnd = end }, cancellationToken);
        NodeLog.ResyncSent(logger, end.Count, end.Seq, end.Digest);
        return end.Seq;
    }
}
