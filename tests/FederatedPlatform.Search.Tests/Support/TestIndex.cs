using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Search.Tests.Support;

/// <summary>An in-memory SQLite database with the search schema, for one test.</summary>
internal sealed class TestIndex : IAsyncDisposable
{
    private TestIndex(SqliteConnection connection, SqliteSearchIndex index)
    {
        Connection = connection;
        Index = index;
    }

    public SqliteConnection Connection { get; }

    public SqliteSearchIndex Index { get; }

    public static async Task<TestIndex> CreateAsync(SearchIndexOptions? options = null)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var index = new SqliteSearchIndex(options);
        await index.EnsureSchemaAsync(connection);
        return new TestIndex(connection, index);
    }

    public async Task AddAsync(params IEnumerable<Record> records)
    {
        await using var transaction = await Connection.BeginTransactionAsync();
        await using (var writer = await Index.OpenWriterAsync(transaction))
        {
            foreach (var record in records)
            {
                await writer.UpsertAsync(record);
            }
        }

        await transaction.CommitAsync();
    }

    public Task<SearchResult> SearchAsync(string text, SearchFilter? filter = null, int pageSize = 0, string pageToken = "") =>
        Index.SearchAsync(new SearchQuery { Text = text, Filter = filter ?? SearchFilter.None, PageSize = pageSize, PageToken = pageToken }, Connection);

    public async Task<IReadOnlyList<string>> IdsAsync(string text, SearchFilter? filter = null) =>
        [.. (await SearchAsync(text, filter, pageSize: 100)).Hits.Select(h => $"{h.Record.Id.CenterId}/{h.Record.Id.LocalId}")];

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
