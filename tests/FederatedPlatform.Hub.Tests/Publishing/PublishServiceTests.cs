using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Publishing;

public abstract class PublishServiceTests(ITestStore store) : IAsyncLifetime
{
    private const string Center = "cn-om";
    private TestHub _hub = null!;
    private HubClient _sut = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(store);
        _sut = await _hub.AddCenterAsync(Center);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Publish_NewCenter_WelcomesWithZeroAndHubEpoch()
    {
        using var publish = _sut.Publish();

        var welcome = await publish.OpenAsync(Center, epoch: 1);

        Assert.Equal(0UL, welcome.AppliedSeq);
        Assert.Equal(_hub.Host.HubEpoch, welcome.HubEpoch);
    }

    [Fact]
    public async Task Publish_Changes_AckedCumulativelyAndDurableWhenAcked()
    {
        using var publish = _sut.Publish();
        await publish.OpenAsync(Center, 1);

        for (ulong seq = 1; seq <= 5; seq++)
        {
            await publish.ChangeAsync(seq, TestRecords.Achievement(Center, $"a{seq}"));
        }

        var responses = await publish.ReadUntilAckAsync(5);

        Assert.All(responses, r => Assert.Equal(PublishResponse.KindOneofCase.Ack, r.KindCase));
        Assert.Equal(responses.Select(r => r.Ack.AppliedSeq).Order(), responses.Select(r => r.Ack.AppliedSeq));

        // Acknowledged means committed: a separate open of the database finds every row.
        await using var reopened = await _hub.Location.OpenAsync(null, TimeProvider.System);
        for (var i = 1; i <= 5; i++)
        {
            Assert.NotNull(await reopened.Reader.GetRecordAsync(Center, $"a{i}", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Publish_Reconnect_WelcomeResumesAfterAppliedAndDuplicatesReacked()
    {
        using (var first = _sut.Publish())
        {
            await first.OpenAsync(Center, 1);
            await first.ChangeAsync(1, TestRecords.Achievement(Center, "a1"));
            await first.ChangeAsync(2, TestRecords.Achievement(Center, "a2"));
            await first.ReadUntilAckAsync(2);
            await first.CompleteAsync();
        }

        using var second = _sut.Publish();
        var welcome = await second.OpenAsync(Center, 2);
        await second.ChangeAsync(2, TestRecords.Achievement(Center, "a2"));
        var ack = await second.ReadAsync();

        Assert.Equal(2UL, welcome.AppliedSeq);
        Assert.Equal(2UL, ack.Ack.AppliedSeq);
        Assert.Equal(2UL, (await _hub.Store.Feed.GetPositionAsync(CancellationToken.None)).HeadSeq);
    }

    [Fact]
    public async Task Publish_Gap_OutOfRangeNamingExpectedSeqAndNothingAfterGapApplied()
    {
        using var publish = _sut.Publish();
        await publish.OpenAsync(Center, 1);
        await publish.ChangeAsync(1, TestRecords.Achievement(Center, "a1"));
        await publish.ReadUntilAckAsync(1);

        await publish.ChangeAsync(3, TestRecords.Achievement(Center, "a3"));

        // The hub may have ended the stream at seq 3 already: then only this write fails, and the status
        // still comes with the responses.
        var lateWrite = await Xunit.Record.ExceptionAsync(() => publish.ChangeAsync(4, TestRecords.Achievement(Center, "a4")));
        var error = await publish.ReadErrorAsync();

        Assert.True(lateWrite is null or RpcException { StatusCode: StatusCode.Unavailable }, $"late write: {lateWrite}");
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Contains("expected seq 2", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("2", error.Trailers.GetValue("fedplat-expected-seq"));
        Assert.Null(await _hub.Store.Reader.GetRecordAsync(Center, "a3", CancellationToken.None));
        Assert.Null(await _hub.Store.Reader.GetRecordAsync(Center, "a4", CancellationToken.None));
        var health = await _hub.Operator.GetFederationHealthAsync();
        Assert.Equal(1UL, Assert.Single(health.Centers).AppliedSeq);
    }

    [Fact]
    public async Task Publish_OtherCentersRecordAndInvalidField_RejectedSeqConsumedStoredDataUnchanged()
    {
        await _hub.AddCenterAsync("cn-eg");
        using var publish = _sut.Publish();
        await publish.OpenAsync(Center, 1);
        await publish.ChangeAsync(1, TestRecords.Achievement(Center, "a1"));
        await publish.ReadUntilAckAsync(1);
        var before = await _hub.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None);

        var invalid = TestRecords.Achievement(Center, "a1", version: 2);
        invalid.Title["ar"] = new string('ح', 301);
        await publish.ChangeAsync(2, TestRecords.Achievement("cn-eg", "e1"));
        await publish.ChangeAsync(3, invalid);
        var responses = await publish.ReadUntilAckAsync(3);

        var rejections = responses.Where(r => r.KindCase == PublishResponse.KindOneofCase.Rejection).Select(r => r.Rejection).ToList();
        Assert.Equal(2, rejections.Count);
        Assert.Equal((2UL, RejectionCode.PermissionDenied, "id.center_id"), (rejections[0].Seq, rejections[0].Code, rejections[0].Field));
        Assert.Equal((3UL, RejectionCode.InvalidArgument, "title[ar]"), (rejections[1].Seq, rejections[1].Code, rejections[1].Field));
        Assert.Equal(before, await _hub.Store.Reader.GetRecordAsync(Center, "a1", CancellationToken.None));
        Assert.Null(await _hub.Store.Reader.GetRecordAsync("cn-eg", "e1", CancellationToken.None));
        var health = await _hub.Operator.GetFederationHealthAsync();
        var center = health.Centers.Single(c => c.CenterId == Center);
        Assert.Equal((3UL, 2UL), (center.AppliedSeq, center.RejectedCount));
    }

    [Fact]
    public async Task Publish_LowerEpoch_FailedPrecondition()
    {
        using (var newer = _sut.Publish())
        {
            await newer.OpenAsync(Center, 5);
            await newer.CompleteAsync();
        }

        using var older = _sut.Publish();
        await older.HelloAsync(Center, 4);
        var error = await older.ReadErrorAsync();

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task Publish_NewerEpochSaysHello_OlderStreamEndsAborted()
    {
        using var older = _sut.Publish();
        await older.OpenAsync(Center, 1);

        using var newer = _sut.Publish();
        await newer.OpenAsync(Center, 2);
        var error = await older.ReadErrorAsync();
        await newer.ChangeAsync(1, TestRecords.Achievement(Center, "a1"));
        var ack = await newer.ReadAsync();

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("epoch 2", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1UL, ack.Ack.AppliedSeq);
    }

    [Fact]
    public async Task Publish_HelloForAnotherCenter_PermissionDenied()
    {
        await _hub.AddCenterAsync("cn-eg");
        using var publish = _sut.Publish();

        await publish.HelloAsync("cn-eg", 1);
        var error = await publish.ReadErrorAsync();

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Publish_FirstMessageNotHello_InvalidArgument()
    {
        using var publish = _sut.Publish();

        await publish.ChangeAsync(1, TestRecords.Achievement(Center, "a1"));
        var error = await publish.ReadErrorAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("hello:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_HelloAndHeartbeat_HealthShowsConnectedAndLag()
    {
        using var publish = _sut.Publish();
        await publish.HelloAsync(Center, 3, lastSeq: 4);
        await publish.ReadAsync();
        await publish.ChangeAsync(1, TestRecords.Achievement(Center, "a1"));
        await publish.ReadUntilAckAsync(1);
        await publish.SendAsync(new PublishRequest { Heartbeat = new Heartbeat { LastSeq = 9 } });
        await publish.ChangeAsync(2, TestRecords.Achievement(Center, "a2"));
        await publish.ReadUntilAckAsync(2);

        var center = Assert.Single((await _hub.Operator.GetFederationHealthAsync()).Centers);

        Assert.True(center.Connected);
        Assert.Equal((3UL, 2UL, 9UL, 7UL), (center.ProducerEpoch, center.AppliedSeq, center.ReportedSeq, center.Lag));
        Assert.Equal(TestHub.Start, center.LastSeen.ToDateTimeOffset());
        await publish.CompleteAsync();
    }

    [Fact]
    public async Task Publish_TombstoneAfterUpsert_RecordGone()
    {
        using var publish = _sut.Publish();
        await publish.OpenAsync(Center, 1);
        await publish.ChangeAsync(1, TestRecords.Achievement(Center, "a1"));
        await publish.ChangeAsync(2, TestRecords.Tombstone(Center, "a1", 2));
        await publish.ReadUntilAckAsync(2);

        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.GetRecordAsync(Center, "a1"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(2UL, (await _hub.Operator.GetFederationHealthAsync()).Centers[0].AppliedSeq);
    }
}

public sealed class SqlitePublishServiceTests() : PublishServiceTests(SqliteTestStore.Instance);

public sealed class PostgresPublishServiceTests(PostgresDatabase database) : PublishServiceTests(database), IClassFixture<PostgresDatabase>;
