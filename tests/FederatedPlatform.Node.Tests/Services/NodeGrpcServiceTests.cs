using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Node.Tests.Services;

/// <summary>The Node API over real Kestrel and the project's gRPC client; no hub configured.</summary>
public sealed class NodeGrpcServiceTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private NodeUnderTest _sut = null!;

    public static TheoryData<string, string> InvalidFields() => new()
    {
        { "id.local_id", "bad local id" },
        { "kind", "no kind" },
        { "title", "no title" },
        { "title[ar]", "long title" },
        { "title[en]", "multi-line title" },
        { "summary[en]", "long summary" },
        { "sector", "no sector" },
        { "keywords[1]", "duplicate keyword" },
        { "keywords", "too many keywords" },
        { "country", "bad country" },
        { "organization", "no organization" },
        { "cooperation_modes", "no cooperation mode" },
        { "cooperation_modes[1]", "duplicate cooperation mode" },
        { "contact.name", "contact without name" },
        { "contact.email", "bad e-mail" },
        { "contact.phone", "bad phone" },
        { "status", "no status" },
        { "achievement.trl", "trl 10" },
        { "achievement.ip_status", "no ip status" },
        { "achievement", "achievement without details" },
        { "need.budget.max", "budget max below min" },
        { "need.budget.currency", "bad currency" },
        { "need.deadline", "bad deadline" },
        { "deleted", "created deleted" },
        { "id", "no id" },
    };

    public async Task InitializeAsync() => _sut = await NodeUnderTest.StartAsync(_directory.File("node.db"));

    public async Task DisposeAsync()
    {
        await _sut.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task CreateRecord_InvalidField_InvalidArgumentNamingFieldAndNothingWritten(string field, string change)
    {
        var record = Break(change);

        var error = await Assert.ThrowsAsync<RpcException>(() => Create(record));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingWrittenAsync();
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task UpdateRecord_InvalidField_InvalidArgumentAndRecordUnchanged(string field, string change)
    {
        var original = await Create(change.Contains("budget", StringComparison.Ordinal) || change.Contains("deadline", StringComparison.Ordinal)
            ? SampleRecords.Need("r1")
            : SampleRecords.Achievement("r1"));
        var record = Break(change);
        if (record.Id is not null && change != "bad local id")
        {
            record.Id.LocalId = "r1";
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.CallAsync<UpdateRecordRequest, Record>("UpdateRecord", new UpdateRecordRequest { Record = record }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(original, await _sut.Store.GetAsync("r1"));
        Assert.Equal(1UL, _sut.Store.LastSeq);
    }

    [Fact]
    public async Task CreateRecord_OtherCentersId_PermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Create(SampleRecords.Achievement("a1", "cn-eg")));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.StartsWith("id.center_id:", error.Status.Detail, StringComparison.Ordinal);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task CreateRecord_TakenLocalId_AlreadyExists()
    {
        await Create(SampleRecords.Achievement("a1"));

        var error = await Assert.ThrowsAsync<RpcException>(() => Create(SampleRecords.Need("a1")));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task UpdateRecord_StaleExpectedVersion_Aborted()
    {
        await Create(SampleRecords.Achievement("a1"));

        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.CallAsync<UpdateRecordRequest, Record>(
            "UpdateRecord", new UpdateRecordRequest { Record = SampleRecords.Achievement("a1"), ExpectedVersion = 7 }));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
    }

    [Fact]
    public async Task DeleteRecord_LiveRecord_ReturnsTombstoneVersionAndGetFindsNothing()
    {
        await Create(SampleRecords.Achievement("a1"));

        var deleted = await _sut.CallAsync<DeleteRecordRequest, DeleteRecordResponse>("DeleteRecord", new DeleteRecordRequest { Id = new RecordId { LocalId = "a1" } });
        var error = await Assert.ThrowsAsync<RpcException>(() => Get("cn-om", "a1"));

        Assert.Equal(2UL, deleted.Version);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetRecord_OtherCenter_ReadsTheReplica()
    {
        await _sut.Store.ApplyReplicaAsync(
            new FederatedPlatform.Node.Storage.Internal.ReplicaBatch(true, [
                new WatchEvent { Upsert = new RecordUpsert { Record = SampleRecords.Published("cn-eg", "e1", 3) } },
                new WatchEvent { Cursor = "c1", SnapshotComplete = new SnapshotComplete { Count = 1 } },
            ]),
            default);

        var record = await Get("cn-eg", "e1");
        var listed = await _sut.CallAsync<ListRecordsRequest, ListRecordsResponse>("ListReplicaRecords", new ListRecordsRequest());

        Assert.Equal(3UL, record.Version);
        Assert.Equal("e1", Assert.Single(listed.Records).Id.LocalId);
    }

    [Fact]
    public async Task ImportRecords_OneInvalidRow_ReportsItAndWritesNothing()
    {
        var bad = SampleRecords.Need("n2");
        bad.Need.Deadline = "31/12/2026";

        var response = await _sut.CallAsync<ImportRecordsRequest, ImportRecordsResponse>(
            "ImportRecords", new ImportRecordsRequest { Records = { SampleRecords.Achievement("a1"), bad } });

        var error = Assert.Single(response.Errors);
        Assert.Equal((1U, "need.deadline", "n2"), (error.Index, error.Field, error.Id.LocalId));
        Assert.Equal(0UL, response.Created);
        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task ImportRecords_ValidRows_CreatesAll()
    {
        var response = await _sut.CallAsync<ImportRecordsRequest, ImportRecordsResponse>(
            "ImportRecords", new ImportRecordsRequest { Records = { SampleRecords.Achievement("a1"), SampleRecords.Need("n1") } });

        Assert.Empty(response.Errors);
        Assert.Equal(2UL, response.Created);
        Assert.Equal(2UL, _sut.Store.LastSeq);
    }

    [Fact]
    public async Task ListRecords_BadPageSize_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => _sut.CallAsync<ListRecordsRequest, ListRecordsResponse>("ListRecords", new ListRecordsRequest { PageSize = 5000 }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("page_size:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNodeStatus_AfterWrites_ReportsOutboxAndEpoch()
    {
        await Create(SampleRecords.Achievement("a1"));
        await Create(SampleRecords.Need("n1"));

        var status = await _sut.CallAsync<GetNodeStatusRequest, NodeStatus>("GetNodeStatus", new GetNodeStatusRequest());

        Assert.Equal("cn-om", status.CenterId);
        Assert.Equal(1UL, status.ProducerEpoch);
        Assert.Equal(2UL, status.LastSeq);
        Assert.Equal(0UL, status.AckedSeq);
        Assert.Equal(2UL, status.OutboxLength);
        Assert.False(status.Connected);
        Assert.False(status.Stopped);
    }

    private static Record Break(string change)
    {
        var record = SampleRecords.Achievement("a1");
        var need = SampleRecords.Need("n1");
        switch (change)
        {
            case "bad local id": record.Id.LocalId = "-starts-with-dash"; break;
            case "no kind": record.Kind = RecordKind.Unspecified; break;
            case "no title": record.Title.Clear(); break;
            case "long title": record.Title["ar"] = new string('ع', 301); break;
            case "multi-line title": record.Title["en"] = "two\nlines"; break;
            case "long summary": record.Summary["en"] = new string('x', 5001); break;
            case "no sector": record.Sector = Sector.Unspecified; break;
            case "duplicate keyword": record.Keywords[1] = record.Keywords[0]; break;
            case "too many keywords": record.Keywords.AddRange(Enumerable.Range(0, 30).Select(i => $"k{i}")); break;
            case "bad country": record.Country = "om"; break;
            case "no organization": record.Organization = string.Empty; break;
            case "no cooperation mode": record.CooperationModes.Clear(); break;
            case "duplicate cooperation mode": record.CooperationModes[1] = record.CooperationModes[0]; break;
            case "contact without name": record.Contact.Name = string.Empty; break;
            case "bad e-mail": record.Contact.Email = "not-an-address"; break;
            case "bad phone": record.Contact.Phone = "call me"; break;
            case "no status": record.Status = RecordStatus.Unspecified; break;
            case "trl 10": record.Achievement.Trl = 10; break;
            case "no ip status": record.Achievement.IpStatus = IpStatus.Unspecified; break;
            case "achievement without details": record.ClearDetails(); break;
            case "budget max below min": need.Need.Budget.Max = 1; return need;
            case "bad currency": need.Need.Budget.Currency = "omr"; return need;
            case "bad deadline": need.Need.Deadline = "2026-02-30"; return need;
            case "created deleted": record.Deleted = true; break;
            case "no id": record.Id = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }

        return record;
    }

    [Fact]
    public async Task CreateRecord_DatabaseWriteLockedElsewhere_UnavailableNothingWrittenThenCreatedOnceReleased()
    {
        await using var sut = await NodeUnderTest.StartAsync(
            _directory.File("locked.db"), configure: o => o.DatabaseBusyTimeout = TimeSpan.FromMilliseconds(50), expectErrors: true);
        await using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _directory.File("locked.db"), Pooling = false }.ToString());
        await holder.OpenAsync();
        var transaction = holder.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: holds the write lock

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            sut.CallAsync<CreateRecordRequest, Record>("CreateRecord", new CreateRecordRequest { Record = SampleRecords.Achievement("a1") }));
        var listedWhileLocked = (await sut.Store.ListAsync(null)).Records;
        transaction.Rollback();
        var created = await sut.CallAsync<CreateRecordRequest, Record>("CreateRecord", new CreateRecordRequest { Record = SampleRecords.Achievement("a1") });

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("retry", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(listedWhileLocked);
        Assert.Equal(1UL, created.Version);
        Assert.Equal(["a1"], (await sut.Store.ListAsync(null)).Records.Select(r => r.Id.LocalId));
    }

    private Task<Record> Create(Record record) => _sut.CallAsync<CreateRecordRequest, Record>("CreateRecord", new CreateRecordRequest { Record = record });

    private Task<Record> Get(string centerId, string localId) =>
        _sut.CallAsync<GetRecordRequest, Record>("GetRecord", new GetRecordRequest { Id = new RecordId { CenterId = centerId, LocalId = localId } });

    private async Task AssertNothingWrittenAsync()
    {
        var status = await _sut.Store.GetStatusAsync();
        Assert.Equal(0UL, status.LastSeq);
        Assert.Empty((await _sut.Store.ListAsync(null)).Records);
    }
}
