using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage;
using FederatedPlatform.Node.Tests.TestSupport;

namespace FederatedPlatform.Node.Tests.Storage;

public sealed class OutboxTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ApplyHubResponsesAsync_AckAndRejection_MarksBothDurably()
    {
        await using (var store = await OpenAsync())
        {
            await store.CreateAsync(SampleRecords.Achievement("a1"));
            await store.CreateAsync(SampleRecords.Achievement("a2"));
            await store.CreateAsync(SampleRecords.Achievement("a3"));

            await store.ApplyHubResponsesAsync(
                2,
                [new Rejection { Seq = 1, Code = RejectionCode.PermissionDenied, Field = "id.center_id", Reason = "another center's record" }],
                r => Assert.Fail("unmatched " + r),
                default);
        }

        await using var sut = await OpenAsync();
        var status = await sut.GetStatusAsync();
        var rejected = Assert.Single((await sut.ListRejectedAsync()).Changes);

        Assert.Equal((2UL, 1UL, 1UL), (status.AckedSeq, status.OutboxLength, status.RejectedCount));
        Assert.Equal((1UL, RejectionCode.PermissionDenied, "id.center_id"), (rejected.Seq, rejected.Code, rejected.Field));
    }

    [Fact]
    public async Task ApplyHubResponsesAsync_ResyncRejection_MarksTheRecordsNewestChange()
    {
        await using var sut = await OpenAsync();
        await sut.CreateAsync(SampleRecords.Achievement("a1"));
        await sut.UpdateAsync(SampleRecords.Achievement("a1"));

        await sut.ApplyHubResponsesAsync(0, [new Rejection { Seq = 0, Id = new RecordId { CenterId = "cn-om", LocalId = "a1" }, Field = "title", Reason = "x" }], _ => { }, default);

        Assert.Equal(2UL, Assert.Single((await sut.ListRejectedAsync()).Changes).Seq);
    }

    [Fact]
    public async Task AlignWithHubAsync_HubBehindItsEarlierAck_MarksLaterEntriesPendingAgain()
    {
        await using var sut = await OpenAsync();
        for (var i = 0; i < 4; i++)
        {
            await sut.CreateAsync(SampleRecords.Achievement($"a{i}"));
        }

        await sut.ApplyHubResponsesAsync(4, [], _ => { }, default);

        Assert.True(await sut.AlignWithHubAsync(1, default));
        var status = await sut.GetStatusAsync();
        Assert.Equal((1UL, 3UL), (status.AckedSeq, status.OutboxLength));
        Assert.False(await sut.AlignWithHubAsync(9, default));
    }

    [Fact]
    public async Task ListRejectedAsync_Pages_NewestFirst()
    {
        await using var sut = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await sut.CreateAsync(SampleRecords.Achievement($"a{i}"));
        }

        await sut.ApplyHubResponsesAsync(5, [.. Enumerable.Range(1, 5).Select(s => new Rejection { Seq = (ulong)s, Field = "f", Reason = "r" })], _ => { }, default);

        var first = await sut.ListRejectedAsync(pageSize: 3);
        var second = await sut.ListRejectedAsync(pageSize: 3, first.NextPageToken);

        Assert.Equal([5UL, 4UL, 3UL], first.Changes.Select(c => c.Seq));
        Assert.Equal([2UL, 1UL], second.Changes.Select(c => c.Seq));
        Assert.Empty(second.NextPageToken);
    }

    private Task<NodeStore> OpenAsync() =>
        NodeStore.OpenAsync(new NodeOptions { CenterId = "cn-om", DatabasePath = _directory.File("node.db") }, TimeProvider.System);
}
