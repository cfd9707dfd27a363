using FederatedPlatform.Catalog;
using FederatedPlatform.Catalog.Cursors;
using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Authentication.Internal;

namespace FederatedPlatform.Hub.Watching.Internal;

/// <summary>
/// One Watch stream. It alternates between two modes until the call ends:
/// <list type="bullet">
/// <item>from the log — a snapshot when there is no usable cursor, then change-log pages after its
///   position, until the fan-out's window of recent commits covers its position (or it reaches the
///   head) and the fan-out agrees to feed it live;</item>
/// <item>live — commits read from that window, until the window moves past it and the fan-out detaches
///   it, which sends it back to the log from the last commit it delivered.</item>
/// </list>
/// Its position only moves at commit boundaries, and everything at or below it is skipped, so no
/// switch between modes loses or repeats an event.
/// <para>
/// Events are queued and written in bursts, one flush per burst (a snapshot page, a log page, whatever
/// the window held for it). A commit's events are framed together and written as one block; live, the
/// block is framed once for every watcher of the same <see cref="WatchView"/> (<see cref="LiveCommit"/>).
/// </para>
/// </summary>
internal sealed class WatchSession(
    CatalogFilter filter,
    IServerStreamWriter<WatchEvent> responses,
    HubCall call,
    CatalogStore store,
    FeedNotifier notifier,
    SnapshotGate gate,
    HubOptions options,
    TimeProvider time)
{
    // Bounds one burst: a watcher far behind in the window still flushes every so many commits.
    private const int MaxBurst = 256;
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);
    private static readonly Marshaller<WatchEvent> Marshaller = Marshallers.Protobuf(WatchEvent.Parser);

    private readonly List<CatalogChange> _commit = [];
    private readonly List<(WatchEvent? Event, FramedMessages? Frames)> _outbox = [];
    private readonly WatchView _view = WatchView.Of(filter.Hash, call.Principal);
    private readonly ISerializedMessageWriter _framed = responses as ISerializedMessageWriter
        ?? throw new InvalidOperationException("Watch writes framed commits: its response stream must be the runtime's (ISerializedMessageWriter).");
    private ulong _position;
    private DateTimeOffset _lastSent;

    public async Task RunAsync(string cursor)
    {
        var token = call.CancellationToken;
        _lastSent = time.GetUtcNow();
        if (cursor.Length == 0)
        {
            await SnapshotAsync(null, token);
        }
        else
        {
            var decoded = store.Cursors.Decode(cursor, filter.Hash, await store.Feed.GetPositionAsync(token));
            if (decoded.IsOk)
            {
                _position = decoded.Seq;
            }
            else
            {
                await SnapshotAsync(WatchEvents.ResetFor(decoded.Status), token);
            }
        }

        while (true)
        {
            var live = await CatchUpAsync(token);
            await FollowAsync(live, token);
        }
    }

    /// <summary>A consistent snapshot, page by page, then its marker; preceded by a reset when one is due.</summary>
    private async Task SnapshotAsync(Reset? reset, CancellationToken token)
    {
        using var permit = await gate.EnterAsync(token);
        if (reset is not null)
        {
            Queue(WatchEvents.Reset(reset));
        }

        await using var snapshot = await store.Feed.OpenSnapshotAsync(filter, token);
        while (true)
        {
            var page = await snapshot.ReadPageAsync(options.SnapshotPageSize, token);
            foreach (var record in page)
            {
                Queue(WatchEvents.Upsert(call.Visible(record), string.Empty));
            }

            await FlushAsync(token);

            if (page.Count < options.SnapshotPageSize)
            {
                break;
            }
        }

        _position = snapshot.Seq;
        Queue(WatchEvents.SnapshotComplete(snapshot.Count, Cursor(_position)));
        await FlushAsync(token);
    }

    /// <summary>Reads the log from the position until the fan-out's window of recent commits covers it (or at the head).</summary>
    private async Task<LiveFeed> CatchUpAsync(CancellationToken token)
    {
        while (true)
        {
            var live = new LiveFeed();
            if (notifier.TryAttach(live, _position, atHead: false))
            {
                return live;
            }

            FeedPage page;
            try
            {
                page = await store.Feed.ReadChangesAsync(_position, filter, options.FeedPageSize, options.FeedScanSize, token);
            }
            catch (CatalogException e) when (e.Code == CatalogErrorCode.CursorTooOld)
            {
                await SnapshotAsync(WatchEvents.ResetFor(CursorStatus.TooOld), token);
                continue;
            }

            for (var i = 0; i < page.Changes.Count; i++)
            {
                var change = page.Changes[i];
                _commit.Add(change);
                if (i == page.Changes.Count - 1 || page.Changes[i + 1].CommitEndSeq != change.CommitEndSeq)
                {
                    QueueCommit(change.CommitEndSeq);
                    if (_outbox.Count >= MaxBurst)
                    {
                        await FlushAsync(token);
                    }
                }
            }

            await FlushAsync(token);
            _position = Math.Max(_position, page.Through);
            await BookmarkIfQuietAsync(token);
            if (page.AtHead && notifier.TryAttach(live, _position, atHead: true))
            {
                return live;
            }
        }
    }

    /// <summary>Delivers live commits from the fan-out's window until detached.</summary>
    private async Task FollowAsync(LiveFeed live, CancellationToken token)
    {
        // One registration for the whole live stretch: a cancelled call wakes the watcher, which then throws.
        using var registration = token.UnsafeRegister(static s => ((LiveFeed)s!).Wake(), live);
        try
        {
            while (!live.Detached)
            {
                while (_outbox.Count < MaxBurst && notifier.TryRead(live, out var commit))
                {
                    if (commit.Through > _position)
                    {
                        Queue(commit.FramedFor(_view, static (c, session) => session.Frame(c.Changes, c.Through), this));
                        _position = commit.Through;
                    }
                }

                if (_outbox.Count > 0)
                {
                    // Everything read since the last write goes out in one flush.
                    await FlushAsync(token);
                }
                else
                {
                    await BookmarkIfQuietAsync(token);
                    await notifier.WaitAsync(live, token);
                    token.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            notifier.Detach(live);
        }
    }

    /// <summary>Queues the events of the commit read from the log and moves the position to its end.</summary>
    private void QueueCommit(ulong commitEnd)
    {
        Queue(Frame(_commit, commitEnd));
        _commit.Clear();
        _position = commitEnd;
    }

    /// <summary>
    /// The events of one commit that concern this watcher, framed. Each event's cursor resumes right after
    /// it; the last one's covers the whole commit.
    /// </summary>
    private FramedMessages Frame(IReadOnlyList<CatalogChange> changes, ulong commitEnd)
    {
        var last = -1;
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Classify(filter) != FeedEventKind.None)
            {
                last = i;
            }
        }

        var frames = new FramedMessages.Builder();
        for (var i = 0; i <= last; i++)
        {
            var change = changes[i];
            var kind = change.Classify(filter);
            if (kind != FeedEventKind.None)
            {
                var cursor = Cursor(i == last ? commitEnd : change.Seq);
                frames.Add(kind == FeedEventKind.Upsert ? WatchEvents.Upsert(call.Visible(change.Record), cursor) : WatchEvents.Delete(change, cursor), Marshaller);
            }
        }

        return frames.Build();
    }

    private async Task BookmarkIfQuietAsync(CancellationToken token)
    {
        if (time.GetUtcNow() - _lastSent >= options.BookmarkInterval)
        {
            Queue(WatchEvents.Bookmark(Cursor(_position)));
            await FlushAsync(token);
        }
    }

    private void Queue(WatchEvent watchEvent) => _outbox.Add((watchEvent, null));

    private void Queue(FramedMessages frames)
    {
        if (frames.Count > 0)
        {
            _outbox.Add((null, frames));
        }
    }

    /// <summary>Writes the queued events, flushing once after the last.</summary>
    private async Task FlushAsync(CancellationToken token)
    {
        if (_outbox.Count == 0)
        {
            return;
        }

        try
        {
            for (var i = 0; i < _outbox.Count; i++)
            {
                responses.WriteOptions = i < _outbox.Count - 1 ? Buffered : null;
                var (watchEvent, frames) = _outbox[i];
                if (frames is not null)
                {
                    await _framed.WriteFramedAsync(frames, token);
                }
                else
                {
                    await responses.WriteAsync(watchEvent!, token);
                }
            }
        }
        finally
        {
            responses.WriteOptions = null;
            _outbox.Clear();
        }

        _lastSent = time.GetUtcNow();
    }

    private string Cursor(ulong seq) => store.Cursors.Encode(seq, filter.Hash);
}
