using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FederatedPlatform.Search.Tests.Support;

/// <summary>
/// A search index of the store under test, for one test: an in-memory SQLite database, or a fresh
/// PostgreSQL schema in the test class's database.
/// </summary>
internal sealed class TestIndex : IAsyncDisposable
{
    private readonly TestStoreLocation? _location;

    private TestIndex(DbConnection connection, ISearchIndex index, TestStoreLocation? location)
    {
        Connection = connection;
        Index = index;
        _location = location;
    }

    public DbConnection Connection { get; }

    public ISearchIndex Index { get; }

    public static async Task<TestIndex> CreateAsync(ITestStore store, SearchIndexOptions? options = null)
    {
        TestStoreLocation? location = null;
        DbConnection connection;
        ISearchIndex index;
        if (store is PostgresDatabase)
        {
            location = await store.CreateLocationAsync();
            connection = new NpgsqlConnection(location.PostgresConnectionString);
            index = new PostgresSearchIndex(options);
        }
        else
        {
            connection = new SqliteConnection("Data Source=:memory:");
            index = new SqliteSearchIndex(options);
        }

        await connection.OpenAsync();
        await index.EnsureSchemaAsync(connection);
        return new TestIndex(connection, index, location);
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

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        if (_location is not null)
        {
            await _location.DeleteAsync();
        }
    }
}
