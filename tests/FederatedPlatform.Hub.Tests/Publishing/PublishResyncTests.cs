using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Publishing;

public abstract class PublishResyncTests(ITestStore store) : IAsyncLifetime
{
    private const string Center = "cn-om";
    private TestHub _hub = null!;
    private HubClient _sut = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(store);
        _sut = await _hub.AddCenterAsync(Center);
        using var publish = _sut.Publish();
        await publish.OpenAsync(Center, 1);
        await publish.ChangeAsync(1, TestRecords.Achievement(Center, "a1"));
        await publish.ChangeAsync(2, TestRecords.Achievement(Center, "a2"));
        await publish.ChangeAsync(3, TestRecords.Achievement(Center, "a3"));
        await publish.ReadUntilAckAsync(3);
        await publish.CompleteAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Resync_MatchingDigest_MissingRecordsDeletedAndAppliedSeqSet()
    {
        using var publish = _sut.Publish();
        await publish.OpenAsync(Center, 2);
        var snapshot = new[] { TestRecords.Achievement(Center, "a1", version: 2), TestRecords.Achievement(Center, "a3") };

        await publish.SendAsync(new PublishRequest { ResyncBegin = new ResyncBegin() });
        await publish.SendAsync(new PublishRequest { ResyncRecords = new ResyncRecords { Records = { snapshot } } });
        await publish.SendAsync(new PublishRequest { ResyncEnd = End(snapshot, seq: 10) });
        var complete = (await publish.ReadAsync()).ResyncComplete;

        Assert.Equal((10UL, 1UL), (complete.AppliedSeq, complete.Deleted));
        Assert.Null(await _hub.Store.Reader.GetRecordAsync(Center, "a2", CancellationToken.None));
        Assert.Equal(2UL, (await _hub.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None))!.Version);
        await publish.ChangeAsync(11, TestRecords.Achievement(Center, "a4"));
        Assert.Equal(11UL, (await publish.ReadAsync()).Ack.AppliedSeq);
    }

    [Fact]
    public async Task Resync_WrongDigest_FailedPreconditionAndNothingDeleted()
    {
        using var publish = _sut.Publish();
        await publish.OpenAsync(Center, 2);
        var snapshot = new[] { TestRecords.Achievement(Center, "a1") };

        await publish.SendAsync(new PublishRequest { ResyncBegin = new ResyncBegin() });
        await publish.SendAsync(new PublishRequest { ResyncRecords = new ResyncRecords { Records = { snapshot } } });
        await publish.SendAsync(new PublishRequest { ResyncEnd = new ResyncEnd { Count = 1, Digest = new string('0', 64), Seq = 10 } });
        var error = await publish.ReadErrorAsync();

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.NotNull(await _hub.Store.Reader.GetRecordAsync(Center, "a2", CancellationToken.None));
    }

    [Fact]
    public async Task RequestResync_NodeConnected_ResyncRequestedSentAtOnceAndAgainAtNextHello()
    {
        using (var publish = _sut.Publish())
        {
            await publish.OpenAsync(Center, 2);
            await _hub.Operator.RequestResyncAsync(Center, "restored backup");
            var request = await publish.ReadAsync();
            Assert.Equal("restored backup", request.ResyncRequested.Reason);
            await publish.CompleteAsync();
        }

        using var next = _sut.Publish();
        await next.OpenAsync(Center, 3);
        Assert.Equal(PublishResponse.KindOneofCase.ResyncRequested, (await next.ReadAsync()).KindCase);
    }

    [Fact]
    public async Task Resync_ChangeDuringResync_FailedPrecondition()
    {
        using var publish = _sut.Publish();
        await publish.OpenAsync(Center, 2);

        await publish.SendAsync(new PublishRequest { ResyncBegin = new ResyncBegin() });
        await publish.ChangeAsync(4, TestRecords.Achievement(Center, "a4"));
        var error = await publish.ReadErrorAsync();

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    private static ResyncEnd End(Record[] snapshot, ulong seq) =>
        new() { Count = (ulong)snapshot.Length, Digest = ResyncDigest.Compute(snapshot.Select(r => (r.Id.LocalId, r.Version))), Seq = seq };
}

public sealed class SqlitePublishResyncTests() : PublishResyncTests(SqliteTestStore.Instance);

public sealed class PostgresPublishResyncTests(PostgresDatabase database) : PublishResyncTests(database), IClassFixture<PostgresDatabase>;
