using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Federation.Tests.TestSupport;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Federation.Tests.Publishing;

/// <summary>A misbehaving node speaking Publish by hand: duplicates, gaps, stale epochs, records of another center.</summary>
public abstract class PublishProtocolTests(ITestStore store)
{
    private const string Om = "cn-om";
    private const string Eg = "cn-eg";

    [Fact]
    public async Task DuplicateSeqs_DroppedAndAcknowledgedAgain_AppliedOnce()
    {
        await using var federation = await StartHubOnlyAsync();
        using var sut = federation.CenterClient(Om).Publish();
        Assert.Equal(0UL, (await sut.OpenAsync(Om, 1)).AppliedSeq);
        await sut.ChangeAsync(1, Published("a1", 1));
        await sut.ChangeAsync(2, Published("a2", 1));
        await sut.ReadUntilAckAsync(2);

        // Seq 2 again, even with other content, and seq 1: duplicates, dropped and acknowledged again.
        await sut.ChangeAsync(2, Published("a2", 2, title: "not applied"));
        await sut.ChangeAsync(1, Published("a1", 5));
        var again = await sut.ReadUntilAckAsync(2);
        Assert.DoesNotContain(again, r => r.KindCase == PublishResponse.KindOneofCase.Rejection);
        await sut.ChangeAsync(3, Published("a1", 2));
        await sut.ReadUntilAckAsync(3);

        var log = await federation.ReadHubChangeLogAsync();
        Assert.Equal([("a1", 1UL), ("a2", 1UL), ("a1", 2UL)], log.Select(c => (c.LocalId, c.Version)));
        Assert.Equal(Published("a2", 1), await federation.Operator.GetRecordAsync(Om, "a2"));
        Assert.Equal(3UL, (await federation.Operator.GetCenterHealthAsync(Om)).AppliedSeq);
    }

    [Fact]
    public async Task GappedSeq_ChangesBeforeAppliedThenOutOfRangeNamingExpectedSeq()
    {
        await using var federation = await StartHubOnlyAsync();
        using (var first = federation.CenterClient(Om).Publish())
        {
            await first.OpenAsync(Om, 1);
            await first.ChangeAsync(1, Published("a1", 1));
            await first.ChangeAsync(2, Published("a2", 1));
            await first.ChangeAsync(4, Published("a3", 1));
            var (responses, error) = await first.ReadToErrorAsync();

            Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
            Assert.Contains("expected seq 3", error.Status.Detail, StringComparison.Ordinal);
            Assert.Equal("3", error.Trailers.GetValue("fedplat-expected-seq"));
            Assert.Contains(responses, r => r.KindCase == PublishResponse.KindOneofCase.Ack && r.Ack.AppliedSeq == 2);
        }

        await AssertNotFoundAsync(federation.Operator.GetRecordAsync(Om, "a3"));
        using var resumed = federation.CenterClient(Om).Publish();
        Assert.Equal(2UL, (await resumed.OpenAsync(Om, 2)).AppliedSeq);
        await resumed.ChangeAsync(3, Published("a3", 1));
        await resumed.ReadUntilAckAsync(3);
        var log = await federation.ReadHubChangeLogAsync();
        Assert.Equal(["a1", "a2", "a3"], log.Select(c => c.LocalId));
    }

    [Fact]
    public async Task StaleEpoch_RefusedWithFailedPrecondition_NewerEpochEndsOlderStream()
    {
        await using var federation = await StartHubOnlyAsync();
        using var current = federation.CenterClient(Om).Publish();
        await current.OpenAsync(Om, 5);
        await current.ChangeAsync(1, Published("a1", 1));
        await current.ReadUntilAckAsync(1);

        using (var stale = federation.CenterClient(Om).Publish())
        {
            await stale.SendAsync(new PublishRequest { Hello = new Hello { CenterId = Om, Epoch = 4 } });
            var (responses, error) = await stale.ReadToErrorAsync();
            Assert.Empty(responses);
            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        }

        // The refused copy disturbed nothing: the current stream goes on.
        await current.ChangeAsync(2, Published("a2", 1));
        await current.ReadUntilAckAsync(2);

        using var newer = federation.CenterClient(Om).Publish();
        Assert.Equal(2UL, (await newer.OpenAsync(Om, 6)).AppliedSeq);
        var (_, aborted) = await current.ReadToErrorAsync();
        Assert.Equal(StatusCode.Aborted, aborted.StatusCode);
        await newer.ChangeAsync(3, Published("a3", 1));
        await newer.ReadUntilAckAsync(3);

        var health = await federation.Operator.GetCenterHealthAsync(Om);
        Assert.Equal(6UL, health.ProducerEpoch);
        Assert.Equal(["a1", "a2", "a3"], (await federation.ReadHubChangeLogAsync()).Select(c => c.LocalId));
    }

    [Fact]
    public async Task StaleCopyOfNode_FencedOff_ItsWritesNeverReachTheHub()
    {
        await using var federation = await TestSupport.Federation.StartAsync(store, [Om]);
        var om = new WrittenChanges(federation, Om);
        await om.CreateAsync(TestRecords.Achievement(Om, "a1"));
        await federation.WaitConvergedAsync();

        // A copy of the node's database taken now, while a restarted node moves on to a newer epoch.
        await federation.StopNodeAsync(Om);
        var copy = Path.Combine(federation.Directory, "node-cn-om-copy.db");
        File.Copy(federation.NodeDatabasePath(Om), copy);
        await federation.StartNodeAsync(Om);
        await federation.StopNodeAsync(Om);
        await federation.StartNodeAsync(Om);
        await om.CreateAsync(TestRecords.Achievement(Om, "a2"));
        await federation.WaitConvergedAsync();

        federation.Log.Expect(line => line.Process == "stale copy");
        var stale = await federation.StartExtraNodeAsync(Om, copy, "stale copy");
        await Eventually.UntilAsync(async () => (await stale.Api.GetStatusAsync()).Stopped, "the stale copy stopped publishing");
        Assert.Contains("FailedPrecondition", (await stale.Api.GetStatusAsync()).LastError, StringComparison.Ordinal);
        await stale.Api.CreateAsync(TestRecords.Achievement(Om, "from-the-copy"));

        await om.CreateAsync(TestRecords.Achievement(Om, "a3"));
        await federation.WaitConvergedAsync();
        await AssertNotFoundAsync(federation.Operator.GetRecordAsync(Om, "from-the-copy"));
        Assert.Null(om.DifferenceFromHubLog(await federation.ReadHubChangeLogAsync()));
    }

    [Fact]
    public async Task RecordOfAnotherCenter_RejectedPermissionDenied_NothingStored()
    {
        await using var federation = await StartHubOnlyAsync();
        await federation.RegisterCenterAsync(Eg);
        using (var eg = federation.CenterClient(Eg).Publish())
        {
            await eg.OpenAsync(Eg, 1);
            await eg.ChangeAsync(1, TestRecords.Published(TestRecords.Achievement(Eg, "shared"), 1));
            await eg.ReadUntilAckAsync(1);
        }

        var before = await federation.Operator.ListAllRecordsAsync();
        using var sut = federation.CenterClient(Om).Publish();
        await sut.OpenAsync(Om, 1);
        await sut.ChangeAsync(1, TestRecords.Published(TestRecords.Achievement(Eg, "shared", title: "taken over"), 2));
        await sut.ChangeAsync(2, TestRecords.Published(TestRecords.Achievement(Eg, "new"), 1));
        await sut.ChangeAsync(3, Published("own", 1));
        var responses = await sut.ReadUntilAckAsync(3);

        var rejections = responses.Where(r => r.KindCase == PublishResponse.KindOneofCase.Rejection).Select(r => r.Rejection).ToList();
        Assert.Equal([1UL, 2UL], rejections.Select(r => r.Seq));
        Assert.All(rejections, r => Assert.Equal(RejectionCode.PermissionDenied, r.Code));
        Assert.All(rejections, r => Assert.Equal("id.center_id", r.Field));
        var after = await federation.Operator.ListAllRecordsAsync();
        Assert.Equal(before.Append(Published("own", 1)).OrderBy(CatalogView.KeyOf, StringComparer.Ordinal), after);
        Assert.Equal(2UL, (await federation.Operator.GetCenterHealthAsync(Om)).RejectedCount);

        // A hello naming another center is refused outright.
        using var impostor = federation.CenterClient(Om).Publish();
        await impostor.SendAsync(new PublishRequest { Hello = new Hello { CenterId = Eg, Epoch = 9 } });
        var (_, error) = await impostor.ReadToErrorAsync();
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    /// <summary>A hub with cn-om registered and no node: the test is the node.</summary>
    private async Task<TestSupport.Federation> StartHubOnlyAsync()
    {
        var federation = await TestSupport.Federation.StartAsync(store, []);
        await federation.RegisterCenterAsync(Om);
        return federation;
    }

    private static Record Published(string localId, ulong version, string title = "") =>
        TestRecords.Published(TestRecords.Achievement(Om, localId, title: title), version);

    private static async Task AssertNotFoundAsync(Task<Record> read)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => read);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}

public sealed class SqlitePublishProtocolTests() : PublishProtocolTests(SqliteTestStore.Instance);

public sealed class PostgresPublishProtocolTests(PostgresDatabase database) : PublishProtocolTests(database), IClassFixture<PostgresDatabase>;
