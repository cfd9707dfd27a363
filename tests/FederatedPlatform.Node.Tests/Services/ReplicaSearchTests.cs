using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Node.Storage.Internal;
using FederatedPlatform.Node.Tests.TestSupport;
using Google.Protobuf.Reflection;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Node.Tests.Services;

/// <summary>CatalogSearch on the node: the replica's index follows the replica rows in their transactions.</summary>
public sealed class ReplicaSearchTests : IAsyncLifetime
{
    private static readonly Method<SearchRequest, SearchResponse> SearchMethod = Method.From<SearchRequest, SearchResponse>(
        SearchReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CatalogSearch"), "Search");

    private readonly TempDirectory _directory = new();
    private NodeUnderTest _sut = null!;

    public async Task InitializeAsync() => _sut = await NodeUnderTest.StartAsync(_directory.File("node.db"));

    public async Task DisposeAsync()
    {
        await _sut.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Search_SnapshotThenLiveChanges_IndexFollowsTheReplica()
    {
        await ApplyAsync(
            true,
            Upsert(SampleRecords.Published("cn-eg", "e1", 1, "Solar desalination plant")),
            Upsert(SampleRecords.Published("cn-sa", "s1", 1, "Drip irrigation controller")),
            new WatchEvent { Cursor = "c1", SnapshotComplete = new SnapshotComplete { Count = 2 } });
        var before = await SearchAsync("desalination");

        await ApplyAsync(
            false,
            Upsert(SampleRecords.Published("cn-eg", "e1", 2, "Greenhouse sensor"), "c2"),
            Upsert(SampleRecords.Published("cn-eg", "e1", 1, "Stale desalination replay"), "c3"),
            new WatchEvent { Cursor = "c4", Delete = new RecordDelete { Id = new RecordId { CenterId = "cn-sa", LocalId = "s1" }, Version = 2 } });

        Assert.Equal("e1", Assert.Single(before.Hits).Record.Id.LocalId);
        Assert.Empty((await SearchAsync("desalination")).Hits);
        Assert.Empty((await SearchAsync("controller")).Hits);
        Assert.Equal("e1", Assert.Single((await SearchAsync("greenhouse")).Hits).Record.Id.LocalId);
    }

    [Fact]
    public async Task Search_Resnapshot_RecordsMissingFromTheSnapshotNoLongerFound()
    {
        await ApplyAsync(
            true,
            Upsert(SampleRecords.Published("cn-eg", "e1", 1, "Solar desalination plant")),
            Upsert(SampleRecords.Published("cn-sa", "s1", 1, "Solar irrigation pump")),
            new WatchEvent { Cursor = "c1", SnapshotComplete = new SnapshotComplete { Count = 2 } });

        await ApplyAsync(
            true,
            Upsert(SampleRecords.Published("cn-eg", "e1", 1, "Solar desalination plant")),
            new WatchEvent { Cursor = "c9", SnapshotComplete = new SnapshotComplete { Count = 1 } });

        Assert.Equal("e1", Assert.Single((await SearchAsync("solar")).Hits).Record.Id.LocalId);
    }

    [Fact]
    public async Task Search_InvalidPageSize_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(new SearchRequest { Query = "solar", PageSize = 1000 }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("page_size:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_IndexMissing_RebuiltFromTheReplica()
    {
        await ApplyAsync(
            true,
            Upsert(SampleRecords.Published("cn-eg", "e1", 1, "Solar desalination plant")),
            new WatchEvent { Cursor = "c1", SnapshotComplete = new SnapshotComplete { Count = 1 } });
        var path = _directory.File("node.db");
        await _sut.DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE search_text; DROP TABLE search_docs; DROP TABLE search_payloads; DROP TABLE search_doc_terms;";
            await command.ExecuteNonQueryAsync();
        }

        _sut = await NodeUnderTest.StartAsync(path);

        // The node's background builder rebuilds it; until then search answers UNAVAILABLE.
        SearchResponse? found = null;
        await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    found = await SearchAsync("desalination");
                    return true;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
                {
                    return false;
                }
            },
            _sut.Signals);
        Assert.Equal("e1", Assert.Single(found!.Hits).Record.Id.LocalId);
    }

    private static WatchEvent Upsert(Record record, string cursor = "") => new() { Cursor = cursor, Upsert = new RecordUpsert { Record = record } };

    private Task ApplyAsync(bool snapshot, params WatchEvent[] events) => _sut.Store.ApplyReplicaAsync(new ReplicaBatch(snapshot, events), default);

    private Task<SearchResponse> SearchAsync(string query) => SearchAsync(new SearchRequest { Query = query });

    private async Task<SearchResponse> SearchAsync(SearchRequest request)
    {
        using var call = _sut.Invoker.AsyncUnaryCall(SearchMethod, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30)), request);
        return await call.ResponseAsync;
    }
}
