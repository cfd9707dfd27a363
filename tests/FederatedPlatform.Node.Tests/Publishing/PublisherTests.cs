using System.Security.Cryptography;
using System.Text;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Tests.TestSupport;

namespace FederatedPlatform.Node.Tests.Publishing;

/// <summary>The publisher against a scripted hub on loopback: every message of hub.proto's Publish protocol.</summary>
public sealed class PublisherTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeHub _hub = null!;

    public async Task InitializeAsync() => _hub = await FakeHub.StartAsync();

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Publish_Start_SaysHelloWithCenterEpochAndCredential()
    {
        await using var sut = await StartNodeAsync();
        await sut.Store.CreateAsync(SampleRecords.Achievement("a1"));

        var call = await _hub.NextPublishAsync();
        var hello = (await call.ReadAsync()).Hello;

        Assert.Equal("cn-om", hello.CenterId);
        Assert.Equal(sut.Store.ProducerEpoch, hello.Epoch);
        Assert.Equal("Bearer " + NodeUnderTest.Token, call.Headers.GetValue("authorization"));
        await call.WelcomeAsync(0);
        var change = (await call.ReadSkippingHeartbeatsAsync()).Change;
        Assert.Equal((1UL, "a1"), (change.Seq, change.Record.Id.LocalId));
    }

    [Fact]
    public async Task Publish_WelcomeWithAppliedSeq_ResumesFromTheNextSeq()
    {
        var path = _directory.File("node.db");
        await SeedAsync(path, 5);
        await using var sut = await StartNodeAsync(path);

        var call = await _hub.NextPublishAsync();
        Assert.Equal(5UL, (await call.ReadAsync()).Hello.LastSeq);
        await call.WelcomeAsync(3);

        Assert.Equal(4UL, (await call.ReadSkippingHeartbeatsAsync()).Change.Seq);
        Assert.Equal(5UL, (await call.ReadSkippingHeartbeatsAsync()).Change.Seq);
        await sut.WaitForStatusAsync(s => s.AckedSeq == 3);
    }

    [Fact]
    public async Task Publish_CumulativeAck_MarksEveryCoveredEntryAcked()
    {
        await using var sut = await StartNodeAsync();
        var call = await StartStreamAsync(0);
        for (var i = 1; i <= 4; i++)
        {
            await sut.Store.CreateAsync(SampleRecords.Achievement($"a{i}"));
            Assert.Equal((ulong)i, (await call.ReadSkippingHeartbeatsAsync()).Change.Seq);
        }

        await call.AckAsync(3);

        await sut.WaitForStatusAsync(s => s.AckedSeq == 3 && s.OutboxLength == 1);
        var status = await sut.CallAsync<GetNodeStatusRequest, NodeStatus>("GetNodeStatus", new GetNodeStatusRequest());
        Assert.True(status.Connected);
        Assert.Equal(3UL, status.AckedSeq);
        Assert.NotNull(status.LastContact);
    }

    [Fact]
    public async Task Publish_Rejection_MarksEntryRejectedWithReasonAndStreamGoesOn()
    {
        await using var sut = await StartNodeAsync();
        var call = await StartStreamAsync(0);
        await sut.Store.CreateAsync(SampleRecords.Achievement("a1"));
        await sut.Store.CreateAsync(SampleRecords.Achievement("a2"));
        await call.ReadSkippingHeartbeatsAsync();
        await call.ReadSkippingHeartbeatsAsync();

        await call.SendAsync(new PublishResponse
        {
            Rejection = new Rejection
            {
                Seq = 1, Id = new RecordId { CenterId = "cn-om", LocalId = "a1" }, Code = RejectionCode.InvalidArgument, Field = "title[ar]", Reason = "longer than 300 characters",
            },
        });
        await call.AckAsync(2);
        await sut.Store.CreateAsync(SampleRecords.Achievement("a3"));

        Assert.Equal(3UL, (await call.ReadSkippingHeartbeatsAsync()).Change.Seq);
        await sut.WaitForStatusAsync(s => s.AckedSeq == 2 && s.RejectedCount == 1);
        var rejected = Assert.Single((await sut.Store.ListRejectedAsync()).Changes);
        Assert.Equal((1UL, "a1", "title[ar]", "longer than 300 characters", RejectionCode.InvalidArgument), (rejected.Seq, rejected.Record.Id.LocalId, rejected.Field, rejected.Reason, rejected.Code));
        Assert.NotNull(rejected.RejectedAt);
    }

    [Fact]
    public async Task Publish_WindowFull_NeverMoreInFlightThanTheWindow()
    {
        const int window = 4;
        const int total = 30;
        var path = _directory.File("node.db");
        await SeedAsync(path, total);
        await using var sut = await StartNodeAsync(path, o => o.PublishWindow = window);
        var call = await StartStreamAsync(0);

        ulong acked = 0;
        ulong received = 0;
        var maxInFlight = 0UL;
        while (received < total)
        {
            received = (await call.ReadSkippingHeartbeatsAsync()).Change.Seq;
            maxInFlight = Math.Max(maxInFlight, received - acked);
            Assert.True(received - acked <= window, $"seq {received} sent with only {acked} acknowledged");

            // Acknowledge only when the window is full: a node with a larger window would overrun it, a smaller one would stall.
            if (received - acked == window || received == total)
            {
                acked = received;
                await call.AckAsync(acked);
            }
        }

        Assert.Equal((ulong)window, maxInFlight);
        await sut.WaitForStatusAsync(s => s.AckedSeq == total && s.OutboxLength == 0);
    }

    [Theory]
    [InlineData(StatusCode.Unauthenticated)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.Aborted)]
    public async Task Publish_FinalStatus_StopsWithoutRetrying(StatusCode code)
    {
        await using var sut = await StartNodeAsync(expectErrors: true);
        var call = await _hub.NextPublishAsync();
        await call.ReadAsync();

        call.End(code, "refused by the test");

        await sut.WaitUntilAsync(() => Task.FromResult(sut.Health.Snapshot().Stopped));
        var status = await sut.CallAsync<GetNodeStatusRequest, NodeStatus>("GetNodeStatus", new GetNodeStatusRequest());
        Assert.True(status.Stopped);
        Assert.Contains(code.ToString(), status.LastError, StringComparison.Ordinal);
        Assert.False(status.Connected);
        Assert.Equal(1, _hub.PublishCallCount);
    }

    [Fact]
    public async Task Publish_Unavailable_RetriesWithBackoff()
    {
        await using var sut = await StartNodeAsync();
        var first = await _hub.NextPublishAsync();
        await first.ReadAsync();

        first.End(StatusCode.Unavailable, "hub restarting");
        var second = await _hub.NextPublishAsync();

        Assert.Equal(sut.Store.ProducerEpoch, (await second.ReadAsync()).Hello.Epoch);
    }

    [Fact]
    public async Task Publish_ConnectionCutMidStream_ResendsUnackedWithoutLossOrDuplication()
    {
        await using var sut = await StartNodeAsync();
        var first = await StartStreamAsync(0);
        for (var i = 1; i <= 5; i++)
        {
            await sut.Store.CreateAsync(SampleRecords.Achievement($"a{i}"));
        }

        var sent = new List<ulong>();
        while (sent.Count < 5)
        {
            sent.Add((await first.ReadSkippingHeartbeatsAsync()).Change.Seq);
        }

        await first.AckAsync(2);
        await sut.WaitForStatusAsync(s => s.AckedSeq == 2);
        first.Cut();

        var second = await _hub.NextPublishAsync();
        Assert.Equal(5UL, (await second.ReadAsync()).Hello.LastSeq);
        await second.WelcomeAsync(3);
        await sut.Store.CreateAsync(SampleRecords.Achievement("a6"));
        var resent = new List<ulong>();
        while (resent.Count < 3)
        {
            resent.Add((await second.ReadSkippingHeartbeatsAsync()).Change.Seq);
        }

        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], sent);
        Assert.Equal([4UL, 5UL, 6UL], resent);
        await second.AckAsync(6);
        await sut.WaitForStatusAsync(s => s.AckedSeq == 6 && s.OutboxLength == 0);
    }

    [Fact]
    public async Task Publish_ResyncRequested_SendsLiveRecordsWithCountAndDigest()
    {
        await using var sut = await StartNodeAsync(o => o.ResyncPageSize = 2);
        var call = await StartStreamAsync(0);
        await sut.Store.CreateAsync(SampleRecords.Achievement("b7"));
        await sut.Store.CreateAsync(SampleRecords.Achievement("a1"));
        await sut.Store.CreateAsync(SampleRecords.Need("c2"));
        await sut.Store.UpdateAsync(SampleRecords.Achievement("a1"));
        await sut.Store.DeleteAsync(new RecordId { LocalId = "c2" });
        await call.AckAsync(0);
        for (var i = 0; i < 5; i++)
        {
            await call.ReadSkippingHeartbeatsAsync();
        }

        await call.SendAsync(new PublishResponse { ResyncRequested = new ResyncRequested { Reason = "operator asked" } });

        Assert.Equal(PublishRequest.KindOneofCase.ResyncBegin, (await call.ReadSkippingHeartbeatsAsync()).KindCase);
        var records = new List<Record>();
        PublishRequest next;
        while ((next = await call.ReadSkippingHeartbeatsAsync()).KindCase == PublishRequest.KindOneofCase.ResyncRecords)
        {
            Assert.InRange(next.ResyncRecords.Records.Count, 1, 2);
            records.AddRange(next.ResyncRecords.Records);
        }

        var end = next.ResyncEnd;
        Assert.NotNull(end);
        Assert.Equal(["a1", "b7"], records.Select(r => r.Id.LocalId));
        Assert.Equal(2UL, end.Count);
        Assert.Equal(5UL, end.Seq);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("a1:2\nb7:1\n"))), end.Digest);

        await call.SendAsync(new PublishResponse { ResyncComplete = new ResyncComplete { AppliedSeq = 5 } });
        await sut.WaitForStatusAsync(s => s.AckedSeq == 5 && s.OutboxLength == 0);
        await sut.Store.CreateAsync(SampleRecords.Achievement("d4"));
        Assert.Equal(6UL, (await call.ReadSkippingHeartbeatsAsync()).Change.Seq);
    }

    [Fact]
    public async Task Publish_HubAheadOfOutbox_ResyncsByItself()
    {
        var path = _directory.File("node.db");
        await SeedAsync(path, 2);
        await using var sut = await StartNodeAsync(path);
        var call = await _hub.NextPublishAsync();
        await call.ReadAsync();

        await call.WelcomeAsync(40);

        Assert.Equal(PublishRequest.KindOneofCase.ResyncBegin, (await call.ReadSkippingHeartbeatsAsync()).KindCase);
        Assert.Equal(2, (await call.ReadSkippingHeartbeatsAsync()).ResyncRecords.Records.Count);
        var end = (await call.ReadSkippingHeartbeatsAsync()).ResyncEnd;
        Assert.Equal((2UL, 2UL), (end.Count, end.Seq));
        await call.SendAsync(new PublishResponse { ResyncComplete = new ResyncComplete { AppliedSeq = 2 } });
        await sut.Store.CreateAsync(SampleRecords.Achievement("fresh"));
        Assert.Equal(3UL, (await call.ReadSkippingHeartbeatsAsync()).Change.Seq);
    }

    [Fact]
    public async Task Publish_Idle_SendsHeartbeatWithLastSeq()
    {
        await using var sut = await StartNodeAsync(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(50));
        var call = await StartStreamAsync(0);
        await sut.Store.CreateAsync(SampleRecords.Achievement("a1"));
        Assert.Equal(1UL, (await call.ReadSkippingHeartbeatsAsync()).Change.Seq);

        PublishRequest next;
        while ((next = await call.ReadAsync()).KindCase != PublishRequest.KindOneofCase.Heartbeat)
        {
        }

        Assert.Equal(1UL, next.Heartbeat.LastSeq);
    }

    private async Task<PublishCall> StartStreamAsync(ulong appliedSeq)
    {
        var call = await _hub.NextPublishAsync();
        Assert.Equal(PublishRequest.KindOneofCase.Hello, (await call.ReadAsync()).KindCase);
        await call.WelcomeAsync(appliedSeq);
        return call;
    }

    private Task<NodeUnderTest> StartNodeAsync(Action<NodeOptions>? configure = null, bool expectErrors = false) =>
        StartNodeAsync(_directory.File("node.db"), configure, expectErrors);

    private Task<NodeUnderTest> StartNodeAsync(string path, Action<NodeOptions>? configure = null, bool expectErrors = false) =>
        NodeUnderTest.StartAsync(path, _hub.Address, configure, expectErrors);

    private static async Task SeedAsync(string path, int count)
    {
        await using var store = await FederatedPlatform.Node.Storage.NodeStore.OpenAsync(
            new NodeOptions { CenterId = NodeUnderTest.CenterId, DatabasePath = path }, TimeProvider.System);
        for (var i = 1; i <= count; i++)
        {
            await store.CreateAsync(SampleRecords.Achievement($"s{i:D3}"));
        }
    }
}
