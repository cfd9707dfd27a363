using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;
using FederatedPlatform.Hub.Watching.Internal;

namespace FederatedPlatform.Hub.Tests.Watching;

/// <summary>Fan-out under pressure: slow watchers, snapshot limits.</summary>
public abstract class WatchFanOutTests(ITestStore store)
{
    private const string Center = "cn-om";

    [Fact]
    public async Task Watch_SlowWatcherNeverReads_FastWatcherGetsEverythingAndSlowOneIsServedFromTheLogLater()
    {
        const int BufferSize = 16;
        const int Changes = 1500;
        await using var hub = await TestHub.StartAsync(store, o => o.WatcherBufferSize = BufferSize);
        var center = await hub.AddCenterAsync(Center);
        var notifier = hub.Service<FeedNotifier>();
        var detached = new TaskCompletionSource<LiveFeed>(TaskCreationOptions.RunContinuationsAsynchronously);
        notifier.Detached += feed => detached.TrySetResult(feed);

        // Own connections: a stalled stream must not hold up the others at the HTTP/2 level either.
        using var slow = hub.Client(await TokenOfNewReaderAsync(hub), hub.NewChannel()).Watch();
        using var fast = hub.Client(await TokenOfNewReaderAsync(hub), hub.NewChannel()).Watch();
        await fast.ReadSnapshotAsync();
        var slowSnapshot = await slow.NextAsync();
        Assert.Equal(WatchEvent.KindOneofCase.SnapshotComplete, slowSnapshot.KindCase);
        await WaitUntilAsync(() => notifier.LiveCount == 2);

        using var publish = center.Publish();
        await publish.OpenAsync(Center, 1);
        for (ulong seq = 1; seq <= Changes; seq++)
        {
            await publish.ChangeAsync(seq, TestRecords.Achievement(Center, $"r{seq:D5}"));
        }

        var fastEvents = await fast.ReadChangesAsync(Changes);
        var overflowed = await detached.Task.WithTimeout();

        Assert.Equal(Enumerable.Range(1, Changes).Select(i => $"r{i:D5}"), fastEvents.Select(e => e.Upsert.Record.Id.LocalId));
        Assert.True(overflowed.Detached);
        // The hub keeps one window of recent commits for all watchers, bounded in changes (a single commit may exceed it).
        Assert.True(notifier.RetainedChanges <= BufferSize || notifier.RetainedCommits == 1, $"{notifier.RetainedChanges} changes in {notifier.RetainedCommits} commits retained");
        // The stalled watcher is off the live path. (A commit can carry more changes than the buffer holds, so
        // the fast watcher may be sent to the log for a while too; it still got everything, in order, above.)
        Assert.True(notifier.LiveCount <= 1, $"{notifier.LiveCount} watchers still live");

        // Reading again, the slow watcher gets every change once, in order, from the durable log.
        var slowEvents = await slow.ReadChangesAsync(Changes);
        Assert.Equal(fastEvents.Select(e => e.Cursor), slowEvents.Select(e => e.Cursor));
    }

    [Fact]
    public async Task FanOut_AttachAtACommitInsideTheWindow_ReadsTheFollowingCommitsInOrderUntilTheWindowPassesIt()
    {
        const int Window = 4;
        await using var hub = await TestHub.StartAsync(store, o => o.WatcherBufferSize = Window);
        var center = await hub.AddCenterAsync(Center);
        var notifier = hub.Service<FeedNotifier>();
        using var publish = center.Publish();
        await publish.OpenAsync(Center, 1);
        var ends = new List<ulong>();
        for (ulong seq = 1; seq <= 3; seq++)
        {
            ends.Add(await PublishOneCommitAsync(hub, publish, seq));
        }

        var feed = new LiveFeed();
        Assert.True(notifier.TryAttach(feed, ends[0], atHead: false));
        var read = new List<ulong>();
        while (notifier.TryRead(feed, out var commit))
        {
            read.Add(commit.Through);
        }

        Assert.Equal(ends.Skip(1), read);

        // The feed reads no further while more than the window is committed: the fan-out detaches it, and
        // its position is no longer in the window.
        for (ulong seq = 4; seq <= 4 + Window; seq++)
        {
            ends.Add(await PublishOneCommitAsync(hub, publish, seq));
        }

        await WaitUntilAsync(() => feed.Detached);
        Assert.False(notifier.TryRead(feed, out _));
        Assert.False(notifier.TryAttach(new LiveFeed(), ends[2], atHead: false));
        Assert.Equal(Window, notifier.RetainedChanges);
        var last = new LiveFeed();
        Assert.True(notifier.TryAttach(last, ends[^2], atHead: false));
        Assert.True(notifier.TryRead(last, out var newest));
        Assert.Equal(ends[^1], newest.Through);
        notifier.Detach(last);
    }

    /// <summary>Publishes one change, waits for its ack and for the fan-out to dispatch it; returns the commit's end.</summary>
    private static async Task<ulong> PublishOneCommitAsync(TestHub hub, PublishCall publish, ulong seq)
    {
        await publish.ChangeAsync(seq, TestRecords.Achievement(Center, $"w{seq}"));
        await publish.ReadUntilAckAsync(seq);
        var head = (await hub.Store.Feed.GetPositionAsync(CancellationToken.None)).HeadSeq;
        await WaitUntilAsync(() => hub.Service<FeedNotifier>().DispatchedThrough >= head);
        return head;
    }

    [Fact]
    public async Task Watch_SnapshotSlotsTakenPastQueueTimeout_ResourceExhausted()
    {
        await using var hub = await TestHub.StartAsync(store, o =>
        {
            o.MaxConcurrentSnapshots = 1;
            o.SnapshotQueueTimeout = TimeSpan.FromSeconds(5);
        });
        var reader = await hub.AddReaderAsync();
        var gate = hub.Service<SnapshotGate>();
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.Queued += () => queued.TrySetResult();

        using (await gate.EnterAsync(CancellationToken.None).WithTimeout())
        {
            using var watch = reader.Watch();
            await queued.Task.WithTimeout();
            hub.Time.Advance(TimeSpan.FromSeconds(5));
            var error = await watch.ReadErrorAsync();

            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        }

        using var after = reader.Watch();
        Assert.Equal(WatchEvent.KindOneofCase.SnapshotComplete, (await after.NextAsync()).KindCase);
    }

    [Fact]
    public async Task Watch_SnapshotQueueFull_ResourceExhaustedAtOnce()
    {
        await using var hub = await TestHub.StartAsync(store, o =>
        {
            o.MaxConcurrentSnapshots = 1;
            o.MaxQueuedSnapshots = 0;
        });
        var reader = await hub.AddReaderAsync();
        using var slot = await hub.Service<SnapshotGate>().EnterAsync(CancellationToken.None).WithTimeout();

        using var watch = reader.Watch();
        var error = await watch.ReadErrorAsync();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    private static async Task<string> TokenOfNewReaderAsync(TestHub hub) =>
        (await hub.Operator.IssueCredentialAsync(Role.Reader)).Token;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TaskTimeoutExtensions.DefaultTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Yield();
        }
    }
}

public sealed class SqliteWatchFanOutTests() : WatchFanOutTests(SqliteTestStore.Instance);

public sealed class PostgresWatchFanOutTests(PostgresDatabase database) : WatchFanOutTests(database), IClassFixture<PostgresDatabase>;
