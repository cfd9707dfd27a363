using FederatedPlatform.Hub.Searching;
using FederatedPlatform.Hub.Tests.Support;
using FederatedPlatform.Search;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Hub.Tests.Searching;

public sealed class SearchCatalogIndexerTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteSearchIndex _index = new();
    private readonly SearchCatalogIndexer _sut;

    public SearchCatalogIndexerTests()
    {
        _sut = new SearchCatalogIndexer(_index);
    }

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        Assert.True(await _sut.EnsureSchemaAsync(_connection, CancellationToken.None));
    }

    public Task DisposeAsync() => _connection.DisposeAsync().AsTask();

    [Fact]
    public async Task IndexAsync_PreparedAndUnpreparedRecords_BothFindable()
    {
        var prepared = Titled("a1", "Solar desalination plant");
        var unprepared = Titled("a2", "Solar drip irrigation");
        _sut.Prepare([prepared]);

        await IndexAsync(prepared, unprepared);

        Assert.Equal(["a1", "a2"], await IdsAsync("solar"));
        Assert.Equal(["a1"], await IdsAsync("desalination"));
    }

    [Fact]
    public async Task IndexAsync_PreparedNewVersionThenTombstone_ReplacedThenRemoved()
    {
        await IndexAsync(Titled("a1", "Solar desalination plant"));
        var second = Titled("a1", "Wind turbine blades", version: 2);
        _sut.Prepare([second]);

        await IndexAsync(second);
        Assert.Empty(await IdsAsync("desalination"));
        Assert.Equal(["a1"], await IdsAsync("turbine"));

        await IndexAsync(new Record { Id = second.Id.Clone(), Kind = second.Kind, Version = 3, Deleted = true });
        Assert.Empty(await IdsAsync("turbine"));
    }

    private async Task IndexAsync(params Record[] records)
    {
        await using var transaction = await _connection.BeginTransactionAsync();
        await _sut.IndexAsync(transaction, records, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task<string[]> IdsAsync(string text)
    {
        var result = await _index.SearchAsync(new SearchQuery { Text = text }, _connection);
        return [.. result.Hits.Select(h => h.Record.Id.LocalId).Order(StringComparer.Ordinal)];
    }

    private static Record Titled(string localId, string title, ulong version = 1)
    {
        var record = TestRecords.Achievement("cn-om", localId, version);
        record.Title.Clear();
        record.Title.Add("en", title);
        record.Summary.Clear();
        record.Keywords.Clear();
        return record;
    }
}
