using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Federation.Tests.TestSupport;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Federation.Tests.SharedCatalog;

/// <summary>
/// Two hub instances over one PostgreSQL catalog: the federation's hub in this process, and
/// <c>fedplat hub --postgres</c> as a real process that a test may kill hard.
/// </summary>
public sealed class SharedCatalogTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Om = "cn-om";

    [Fact]
    public async Task PublishThroughOneInstance_WatcherOnTheOther_SeesEveryChangeInOrderWithoutPolling()
    {
        // The in-process hub never polls the log here: only the other instance's NOTIFY can wake it.
        await using var federation = await TestSupport.Federation.StartAsync(database, [], o => o.FeedPollInterval = TimeSpan.FromHours(1));
        await using var other = await HubProcess.StartAsync(federation.HubLocation.PostgresConnectionString!, federation.Directory);
        await federation.RegisterCenterAsync(Om);
        var view = new WatchView(federation.NewClient(federation.OperatorToken));
        await federation.StartNodeAsync(Om, other.Address);
        var written = new WrittenChanges(federation, Om);

        for (var i = 0; i < 20; i++)
        {
            await written.CreateAsync(TestRecords.Achievement(Om, $"a{i}"));
        }

        await written.UpdateAsync(TestRecords.Achievement(Om, "a3", title: "Solar desalination, second generation"));
        await written.DeleteAsync("a5");
        await federation.WaitConvergedAsync();

        var expected = CatalogView.Live(await federation.Operator.ListAllRecordsAsync());
        await Eventually.UntilAsync(() => Task.FromResult(view.Difference(expected)));

        view.AssertNoViolations();
        // Watching from before the first change: exactly the written changes, once each, in catalog order.
        var seen = view.Events
            .Where(e => e.KindCase is WatchEvent.KindOneofCase.Upsert or WatchEvent.KindOneofCase.Delete)
            .Select(e => e.KindCase == WatchEvent.KindOneofCase.Upsert
                ? (e.Upsert.Record.Id.LocalId, e.Upsert.Record.Version, false)
                : (e.Delete.Id.LocalId, e.Delete.Version, true))
            .ToList();
        Assert.Equal(written.Changes, seen);
        Assert.Null(written.DifferenceFromHubLog(await federation.ReadHubChangeLogAsync()));
        await view.DisposeAsync();
    }

    [Fact]
    public async Task InstanceKilledMidStream_NodeFailsOverToTheOther_NothingAcknowledgedLostOrDuplicated()
    {
        await using var federation = await TestSupport.Federation.StartAsync(database, []);
        var victim = await HubProcess.StartAsync(federation.HubLocation.PostgresConnectionString!, federation.Directory);
        await using var _ = victim;
        await federation.RegisterCenterAsync(Om);
        var token = federation.OperatorToken;

        // A watcher on the victim that resumes from its last cursor on the survivor, as a client with a list of instances would.
        using var victimChannel = GrpcChannel.ForAddress(victim.Address);
        var killed = false;
        var view = new WatchView(
            () => Volatile.Read(ref killed) ? federation.NewClient(token) : new HubApi(victimChannel.CreateCallInvoker(), token),
            reconnect: true);
        var node = await federation.StartNodeAsync(Om, configure: o => o.HubAddress = $"{victim.Address},{federation.HubAddress}");
        var written = new WrittenChanges(federation, Om);
        for (var i = 0; i < 15; i++)
        {
            await written.CreateAsync(TestRecords.Achievement(Om, $"a{i}"));
        }

        await Eventually.UntilAsync(async () => (await node.Api.GetStatusAsync()).AckedSeq >= 5 ? null : "nothing acknowledged through the victim yet");
        var writing = Task.Run(async () =>
        {
            for (var i = 15; i < 40; i++)
            {
                await written.CreateAsync(TestRecords.Achievement(Om, $"a{i}"));
            }
        });
        Volatile.Write(ref killed, true);
        await victim.KillAsync();
        await writing.WithTimeout();

        await federation.WaitConvergedAsync(TimeSpan.FromSeconds(60));
        Assert.Null(written.DifferenceFromHubLog(await federation.ReadHubChangeLogAsync()));
        var expected = CatalogView.Live(await federation.Operator.ListAllRecordsAsync());
        Assert.Equal(40, expected.Count);
        await Eventually.UntilAsync(() => Task.FromResult(view.Difference(expected)));
        view.AssertNoViolations();
        Assert.True(view.Reconnects >= 1);
        await view.DisposeAsync();
    }

    [Fact]
    public async Task CenterOnBothInstancesWithDifferentEpochs_OlderFencedAsWithOneHub()
    {
        await using var federation = await TestSupport.Federation.StartAsync(database, []);
        await using var other = await HubProcess.StartAsync(federation.HubLocation.PostgresConnectionString!, federation.Directory);
        var token = await federation.RegisterCenterAsync(Om);
        using var otherChannel = GrpcChannel.ForAddress(other.Address);
        var throughOther = new HubApi(otherChannel.CreateCallInvoker(), token);

        using var older = throughOther.Publish();
        await older.OpenAsync(Om, 5);
        await older.ChangeAsync(1, TestRecords.Published(TestRecords.Achievement(Om, "a1"), 1));
        await older.ReadUntilAckAsync(1);
        using var newer = federation.CenterClient(Om).Publish();
        Assert.Equal(1UL, (await newer.OpenAsync(Om, 6)).AppliedSeq);

        // The other instance never saw the newer hello; the epoch check in its write transaction fences the stream.
        await older.ChangeAsync(2, TestRecords.Published(TestRecords.Achievement(Om, "stale"), 1));
        var (_, aborted) = await older.ReadToErrorAsync();
        Assert.Equal(StatusCode.Aborted, aborted.StatusCode);
        using (var stale = throughOther.Publish())
        {
            await stale.SendAsync(new PublishRequest { Hello = new Hello { CenterId = Om, Epoch = 5 } });
            var (responses, refused) = await stale.ReadToErrorAsync();
            Assert.Empty(responses);
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        }

        await newer.ChangeAsync(2, TestRecords.Published(TestRecords.Achievement(Om, "a2"), 1));
        await newer.ReadUntilAckAsync(2);
        Assert.Equal(["a1", "a2"], (await federation.ReadHubChangeLogAsync()).Select(c => c.LocalId));
        Assert.Equal(6UL, (await federation.Operator.GetCenterHealthAsync(Om)).ProducerEpoch);
    }
}
