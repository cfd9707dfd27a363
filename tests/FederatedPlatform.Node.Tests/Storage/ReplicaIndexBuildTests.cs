using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Storage;
using FederatedPlatform.Node.Storage.Internal;
using FederatedPlatform.Node.Tests.TestSupport;

namespace FederatedPlatform.Node.Tests.Storage;

/// <summary>
/// A large first snapshot stores the replica rows only; the search index is built afterwards, chunk by
/// chunk, while live changes keep arriving. Driven step by step on the store (no background builder).
/// </summary>
public sealed class ReplicaIndexBuildTests : IAsyncLifetime
{
    private const int Chunk = 10;

    private readonly TempDirectory _directory = new();
    private NodeStore _store = null!;

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task LargeFirstSnapshot_SearchUnavailableUntilTheBuildCompletes()
    {
        await SnapshotAsync(25);

        var error = await Assert.ThrowsAsync<NodeStoreException>(() => SearchAsync("desalination"));
        Assert.Equal(NodeStoreErrorCode.Unavailable, error.Code);
        Assert.Contains("0 of 25 records indexed", error.Message, StringComparison.Ordinal);

        Assert.Equal([ReplicaIndexStepKind.Indexed, ReplicaIndexStepKind.Indexed, ReplicaIndexStepKind.Completed, ReplicaIndexStepKind.NoBuild], await BuildAsync());
        Assert.Equal(25, (await SearchAsync("desalination")).TotalCount);
    }

    [Fact]
    public async Task Build_WaitsForTheSnapshotToComplete()
    {
        await _store.ApplyReplicaAsync(new ReplicaBatch(true, [.. Records(0, 5).Select(r => Upsert(r))]), default);

        Assert.Equal(ReplicaIndexStepKind.WaitingForSnapshot, (await _store.BuildReplicaIndexAsync(Chunk, default)).Kind);
    }

    [Fact]
    public async Task LiveChangesDuringTheBuild_IndexEqualsTheReplicaAfterwards()
    {
        await SnapshotAsync(25);
        Assert.Equal(ReplicaIndexStepKind.Indexed, (await _store.BuildReplicaIndexAsync(Chunk, default)).Kind);

        // Rows 0-9 are indexed, 10-24 not yet: changes on both sides of the build position, and a new row.
        await _store.ApplyReplicaAsync(
            new ReplicaBatch(
                false,
                [
                    Upsert(SampleRecords.Published("cn-eg", "r-3", 2, "Greenhouse sensor network"), "c2"),
                    Upsert(SampleRecords.Published("cn-eg", "r-17", 2, "Greenhouse climate control"), "c3"),
                    new WatchEvent { Cursor = "c4", Delete = new RecordDelete { Id = new RecordId { CenterId = "cn-eg", LocalId = "r-5" }, Version = 2 } },
                    new WatchEvent { Cursor = "c5", Delete = new RecordDelete { Id = new RecordId { CenterId = "cn-eg", LocalId = "r-20" }, Version = 2 } },
                    Upsert(SampleRecords.Published("cn-sa", "new", 1, "Greenhouse irrigation"), "c6"),
                ]),
            default);
        await BuildAsync();

        Assert.Equal(21, (await SearchAsync("desalination")).TotalCount);
        var greenhouse = await SearchAsync("greenhouse");
        Assert.Equal(["cn-eg/r-17", "cn-eg/r-3", "cn-sa/new"], greenhouse.Hits.Select(h => h.Record.Id.CenterId + "/" + h.Record.Id.LocalId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RestartMidBuild_ResumesFromTheStoredPosition()
    {
        await SnapshotAsync(25);
        Assert.Equal(10, (await _store.BuildReplicaIndexAsync(Chunk, default)).Indexed);
        await _store.DisposeAsync();

        _store = await OpenAsync();
        var error = await Assert.ThrowsAsync<NodeStoreException>(() => SearchAsync("desalination"));
        Assert.Contains("10 of 25 records indexed", error.Message, StringComparison.Ordinal);
        Assert.Equal(15, (await _store.BuildReplicaIndexAsync(100, default)).Indexed);

        Assert.Equal(25, (await SearchAsync("desalination")).TotalCount);
    }

    [Fact]
    public async Task SmallFirstSnapshot_IndexedInTheSnapshotTransaction()
    {
        await _store.DisposeAsync();
        _store = await OpenAsync(inline: 25);

        await SnapshotAsync(25);

        Assert.Equal(25, (await SearchAsync("desalination")).TotalCount);
        Assert.Equal(ReplicaIndexStepKind.NoBuild, (await _store.BuildReplicaIndexAsync(Chunk, default)).Kind);
    }

    private Task<NodeStore> OpenAsync(int inline = 0) =>
        NodeStore.OpenAsync(new NodeOptions { CenterId = "cn-om", DatabasePath = _directory.File("node.db"), ReplicaIndexInlineRecords = inline }, TimeProvider.System);

    private Task SnapshotAsync(int count) =>
        _store.ApplyReplicaAsync(
            new ReplicaBatch(true, [.. Records(0, count).Select(r => Upsert(r)), new WatchEvent { Cursor = "c1", SnapshotComplete = new SnapshotComplete { Count = (ulong)count } }]),
            default);

    private async Task<List<ReplicaIndexStepKind>> BuildAsync()
    {
        var steps = new List<ReplicaIndexStepKind>();
        do
        {
            steps.Add((await _store.BuildReplicaIndexAsync(Chunk, default)).Kind);
        }
        while (steps[^1] is ReplicaIndexStepKind.Indexed or ReplicaIndexStepKind.Completed && steps.Count < 100);

        return steps;
    }

    private Task<SearchResponse> SearchAsync(string query) => _store.SearchAsync(new SearchRequest { Query = query, PageSize = 50, IncludeFacets = true });

    private static IEnumerable<Record> Records(int from, int count) =>
        Enumerable.Range(from, count).Select(i => SampleRecords.Published("cn-eg", "r-" + i, 1, "Solar desalination plant " + i));

    private static WatchEvent Upsert(Record record, string cursor = "") => new() { Cursor = cursor, Upsert = new RecordUpsert { Record = record } };
}
