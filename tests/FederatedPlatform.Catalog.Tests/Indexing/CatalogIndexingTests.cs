using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Tests.Support;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Testing;

namespace FederatedPlatform.Catalog.Tests.Indexing;

public sealed class CatalogIndexingTests : IAsyncLifetime
{
    private const string Center = "cn-om";
    private readonly RecordingIndexer _indexer = new();
    private TestCatalog _catalog = null!;

    public async Task InitializeAsync()
    {
        _catalog = await TestCatalog.CreateAsync(SqliteTestStore.Instance, indexer: _indexer);
        await _catalog.AddCenterAsync(Center);
    }

    public async Task DisposeAsync() => await _catalog.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_ChangesAndDeletion_IndexedInTheSameCommit()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Need(Center, "n1"));
        await _catalog.ApplyAsync(Center, 3, TestRecords.Achievement(Center, "a1", version: 2), TestRecords.Tombstone(Center, "n1", 2));

        Assert.Equal([("cn-om/a1", 2L)], await RecordingIndexer.RowsAsync(_catalog));
        Assert.Equal(4UL, await PositionAsync());
    }

    [Fact]
    public async Task ApplyAsync_IndexerFails_NothingCommittedNeitherCatalogNorIndex()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"));
        _indexer.Fail = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => _catalog.ApplyAsync(Center, 2, TestRecords.Achievement(Center, "a2")));

        Assert.Null(await _catalog.Store.Reader.GetRecordAsync(Center, "a2", CancellationToken.None));
        Assert.Equal([("cn-om/a1", 1L)], await RecordingIndexer.RowsAsync(_catalog));
        Assert.Equal(1UL, (await _catalog.Store.Feed.GetPositionAsync(CancellationToken.None)).HeadSeq);
        Assert.Equal(1UL, await PositionAsync());
    }

    [Fact]
    public async Task EndResyncAsync_SweptRecords_RemovedFromTheIndex()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a2"));
        Record[] snapshot = [TestRecords.Achievement(Center, "a2")];
        var writer = _catalog.Store.Writer;
        await writer.BeginResyncAsync(Center, 1, CancellationToken.None);
        await writer.ApplyResyncRecordsAsync(Center, 1, snapshot, CancellationToken.None);

        var result = await writer.EndResyncAsync(
            Center,
            1,
            new ResyncEnd { Count = 1, Digest = ResyncDigest.Compute([("a2", 1UL)]), Seq = 5 },
            CancellationToken.None);

        Assert.True(result.Matched);
        Assert.Equal([("cn-om/a2", 1L)], await RecordingIndexer.RowsAsync(_catalog));
        Assert.Equal(3UL, await PositionAsync());
    }

    [Fact]
    public async Task Open_PositionBehind_CatchesUpOnlyTheLaterChanges()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a2"));
        await _catalog.ApplyAsync(Center, 3, TestRecords.Need(Center, "n1"), TestRecords.Tombstone(Center, "a2", 2));

        // As if the index had missed the second commit (e.g. it was restored from an older copy).
        await _catalog.Store.WriteAsync(
            async (transaction, cancellationToken) =>
            {
                await using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText =
                    "UPDATE catalog_indexers SET position = 2; DELETE FROM test_index; INSERT INTO test_index VALUES ('cn-om/a1', 1), ('cn-om/a2', 1)";
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            CancellationToken.None);
        await _catalog.CloseAsync();
        var indexer = new RecordingIndexer();

        await using var sut = await TestCatalog.CreateAsync(SqliteTestStore.Instance, indexer: indexer, location: _catalog.Location);

        Assert.Equal(["-cn-om/a2", "cn-om/n1"], indexer.Indexed.Order());
        Assert.Equal(0, indexer.Clears);
        Assert.Equal([("cn-om/a1", 1L), ("cn-om/n1", 1L)], await RecordingIndexer.RowsAsync(sut));
    }

    [Fact]
    public async Task Open_IndexTablesMissing_RebuiltFromLiveRecords()
    {
        await _catalog.ApplyAsync(Center, 1, TestRecords.Achievement(Center, "a1"), TestRecords.Achievement(Center, "a2"));
        await _catalog.ApplyAsync(Center, 3, TestRecords.Tombstone(Center, "a2", 2));
        await _catalog.Store.WriteAsync(
            async (transaction, cancellationToken) =>
            {
                await using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DROP TABLE test_index";
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            CancellationToken.None);
        await _catalog.CloseAsync();
        var indexer = new RecordingIndexer();

        await using var sut = await TestCatalog.CreateAsync(SqliteTestStore.Instance, indexer: indexer, location: _catalog.Location);

        Assert.Equal(1, indexer.Clears);
        Assert.Equal(["cn-om/a1"], indexer.Indexed);
        Assert.Equal([("cn-om/a1", 1L)], await RecordingIndexer.RowsAsync(sut));
    }

    private Task<ulong> PositionAsync() =>
        _catalog.Store.ReadAsync(
            async (connection, transaction, cancellationToken) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "SELECT position FROM catalog_indexers WHERE name = 'test'";
                return (ulong)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
            },
            CancellationToken.None);
}
