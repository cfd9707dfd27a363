using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search;

namespace FederatedPlatform.Bench.Search;

/// <summary>Our index: <see cref="SqliteSearchIndex"/> written through <see cref="ISearchIndexWriter"/> in batched transactions, queried as the product does.</summary>
public sealed class OurIndex(BenchDatabase db, SearchIndexOptions options)
{
    /// <summary>The index's tables and what the writer puts in them; a kept database of another layout is rebuilt.</summary>
    public const int IndexLayout = 3;

    private readonly SqliteSearchIndex _index = new(options);

    /// <summary>Pages per merge step, as the hub merges while idle (<c>Hub:SearchMergePages</c>).</summary>
    public const int MergePages = 2000;

    /// <summary>Merges the full-text index until nothing is left to merge, one transaction per step; returns the steps taken.</summary>
    public async Task<int> MergeAsync()
    {
        var steps = 0;
        bool more;
        do
        {
            await using var transaction = await db.Connection.BeginTransactionAsync();
            more = await _index.MergeAsync(transaction, MergePages);
            await transaction.CommitAsync();
            steps++;
        }
        while (more);
        return steps;
    }

    /// <summary>Creates what is missing of the index's layout, as the hub does when it opens a database (a kept database gets the indexes added since).</summary>
    public Task EnsureSchemaAsync() => _index.EnsureSchemaAsync(db.Connection);

    public async Task<long> BuildAsync(IEnumerable<Record> records, int batch)
    {
        await _index.EnsureSchemaAsync(db.Connection);
        long rows = 0;
        using var enumerator = records.GetEnumerator();
        var more = enumerator.MoveNext();
        while (more)
        {
            await using var transaction = await db.Connection.BeginTransactionAsync();
            await using (var writer = await _index.OpenWriterAsync(transaction))
            {
                for (var n = 0; n < batch && more; n++, more = enumerator.MoveNext())
                {
                    await writer.UpsertAsync(enumerator.Current);
                    rows++;
                }
            }

            await transaction.CommitAsync();
            Progress.Report("ours", rows);
        }

        return rows;
    }

    public Task<SearchResult> SearchAsync(BenchQuery query) =>
        _index.SearchAsync(new SearchQuery { Text = query.Text, Filter = query.Filter, PageSize = 10 }, db.Connection);
}
