using FederatedPlatform.Federation.Tests.TestSupport;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Publishing.Internal;

namespace FederatedPlatform.Federation.Tests.Publishing;

/// <summary>Processes stopped at the worst moments: afterwards the catalogs converge and the hub's log holds every change once.</summary>
public abstract class RestartTests(ITestStore store)
{
    private const string Om = "cn-om";
    private const string Eg = "cn-eg";
    private const string Mn = "cn-mn";

    [Fact]
    public async Task NodeRestarted_BetweenCommitAndSend_ChangeArrivesOnce()
    {
        await using var federation = await TestSupport.Federation.StartAsync(store, [Om, Eg]);
        var held = new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);
        await RestartWithProbeAsync(federation, Om, new PublishProbe
        {
            BeforeSend = async (seq, token) =>
            {
                if (seq >= 3)
                {
                    held.TrySetResult(seq);
                    await Task.Delay(Timeout.Infinite, token);
                }
            },
        });
        var om = new WrittenChanges(federation, Om);
        await om.CreateAsync(TestRecords.Achievement(Om, "a1"));
        await om.CreateAsync(TestRecords.Achievement(Om, "a2"));
        await om.CreateAsync(TestRecords.Achievement(Om, "a3"));

        // a3 is committed in the node's outbox, and the publisher stops right before sending it.
        Assert.Equal(3UL, await held.Task.WithTimeout());
        await Eventually.UntilAsync(async () => (await federation.Operator.GetCenterHealthAsync(Om)).AppliedSeq == 2, "hub applied seq 2");
        await federation.StopNodeAsync(Om);
        await AssertNotFoundAsync(federation.Operator.GetRecordAsync(Om, "a3"));

        await federation.StartNodeAsync(Om);
        await om.CreateAsync(TestRecords.Achievement(Om, "a4"));
        await federation.WaitConvergedAsync();
        Assert.Null(om.DifferenceFromHubLog(await federation.ReadHubChangeLogAsync()));
    }

    [Fact]
    public async Task NodeRestarted_BetweenSendAndAck_ChangeNotAppliedTwice()
    {
        await using var federation = await TestSupport.Federation.StartAsync(store, [Om, Eg]);
        var held = new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);
        await RestartWithProbeAsync(federation, Om, new PublishProbe
        {
            BeforeAckRecorded = async (acked, token) =>
            {
                if (acked >= 3)
                {
                    held.TrySetResult(acked);
                    await Task.Delay(Timeout.Infinite, token);
                }
            },
        });
        var om = new WrittenChanges(federation, Om);
        await om.CreateAsync(TestRecords.Achievement(Om, "a1"));
        await om.CreateAsync(TestRecords.Achievement(Om, "a2"));
        await Eventually.UntilAsync(async () => (await federation[Om].Api.GetStatusAsync()).AckedSeq == 2, "node recorded ack 2");
        await om.UpdateAsync(TestRecords.Achievement(Om, "a1", title: "Solar desalination, revised"));

        // The hub applied and acknowledged seq 3; the node stops before recording the ack.
        Assert.Equal(3UL, await held.Task.WithTimeout());
        await federation.StopNodeAsync(Om);
        Assert.Equal(3UL, (await federation.Operator.GetCenterHealthAsync(Om)).AppliedSeq);

        await federation.StartNodeAsync(Om);
        await federation.WaitConvergedAsync();
        Assert.Equal(3UL, (await federation[Om].Api.GetStatusAsync()).AckedSeq);
        Assert.Null(om.DifferenceFromHubLog(await federation.ReadHubChangeLogAsync()));
    }

    [Fact]
    public async Task HubRestarted_MidStream_NodesResumeAndWatcherResumesFromCursor()
    {
        await using var federation = await TestSupport.Federation.StartAsync(store, [Eg, Mn]);
        await federation.RegisterCenterAsync(Om);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await federation.StartNodeAsync(Om, null, null, new PublishProbe
        {
            BeforeSend = async (seq, token) =>
            {
                if (seq == 150 && reached.TrySetResult())
                {
                    await release.Task.WaitAsync(token);
                }
            },
        });
        await using var watcher = new WatchView(() => federation.Operator, reconnect: true);
        var written = new[] { Om, Eg, Mn }.Select(c => new WrittenChanges(federation, c)).ToList();
        foreach (var center in written)
        {
            await federation[center.CenterId].Api.ImportAsync(Enumerable.Range(1, 300).Select(i => TestRecords.Achievement(center.CenterId, $"r{i}")));
        }

        // cn-om's publisher is in the middle of its 300 changes when the hub goes down.
        await reached.Task.WithTimeout();
        var applied = (await federation.Operator.GetCenterHealthAsync(Om)).AppliedSeq;
        Assert.InRange(applied, 0UL, 149UL);
        await federation.StopHubAsync();
        release.TrySetResult();
        await federation.StartHubAsync();

        await federation.WaitConvergedAsync();
        var log = await federation.ReadHubChangeLogAsync();
        foreach (var center in written)
        {
            Assert.Equal(Enumerable.Range(1, 300).Select(i => ($"r{i}", 1UL, false)), log.Where(c => c.CenterId == center.CenterId).Select(c => (c.LocalId, c.Version, c.Deleted)));
        }

        var hub = CatalogView.Live(await federation.Operator.ListAllRecordsAsync());
        Assert.Equal(900, hub.Count);
        await Eventually.UntilAsync(() => Task.FromResult(watcher.Difference(hub)));
        Assert.True(watcher.Reconnects >= 1, "the watcher never lost its stream");
    }

    /// <summary>Restarts a running node with a probe in its publisher.</summary>
    private static async Task RestartWithProbeAsync(TestSupport.Federation federation, string center, PublishProbe probe)
    {
        await federation.StopNodeAsync(center);
        await federation.StartNodeAsync(center, null, null, probe);
    }

    private static async Task AssertNotFoundAsync(Task<Record> read)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => read);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}

public sealed class SqliteRestartTests() : RestartTests(SqliteTestStore.Instance);

public sealed class PostgresRestartTests(PostgresDatabase database) : RestartTests(database), IClassFixture<PostgresDatabase>;
