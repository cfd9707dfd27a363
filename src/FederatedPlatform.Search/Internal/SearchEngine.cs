using System.Data.Common;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Analysis;

namespace FederatedPlatform.Search.Internal;

/// <summary>
/// The engine-neutral search: analyses the query, decodes and issues paging tokens, chooses between
/// how terms combine, counts facets and highlights hits; the store runs the SQL.
/// </summary>
internal sealed class SearchEngine : ISearchIndex
{
    private readonly ISearchStore _store;
    private readonly SearchIndexOptions _options;
    private readonly HitBuilder _hits;
    private readonly RankedPageReader _ranked;
    private readonly int _countWindow;

    public SearchEngine(ISearchStore store, SearchIndexOptions options)
    {
        options.Validate();
        _store = store;
        _options = options;
        _hits = new HitBuilder(new Highlighter(options));
        var weights = new FieldWeights(options.TitleWeight, options.KeywordsWeight, options.SummaryWeight);
        _ranked = new RankedPageReader(store, weights, options.RankWindow == 0 ? int.MaxValue : options.RankWindow);
        _countWindow = options.CountWindow == 0 ? int.MaxValue : options.CountWindow;
    }

    public Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _store.EnsureSchemaAsync(connection, cancellationToken);
    }

    public Task<bool> SchemaExistsAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _store.SchemaExistsAsync(connection, cancellationToken);
    }

    public Task ClearAsync(DbTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return _store.ClearAsync(transaction, cancellationToken);
    }

    public async Task<ISearchIndexWriter> OpenWriterAsync(DbTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new SearchIndexWriter(await _store.OpenWriterAsync(transaction, cancellationToken));
    }

    public async Task UpsertAsync(Record record, DbTransaction transaction, CancellationToken cancellationToken = default)
    {
        await using var writer = await OpenWriterAsync(transaction, cancellationToken);
        await writer.UpsertAsync(record, cancellationToken);
    }

    public async Task<bool> DeleteAsync(RecordId id, DbTransaction transaction, CancellationToken cancellationToken = default)
    {
        await using var writer = await OpenWriterAsync(transaction, cancellationToken);
        return await writer.DeleteAsync(id, cancellationToken);
    }

    public Task<bool> MergeAsync(DbTransaction transaction, int pages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        return _store.MergeAsync(transaction, pages, cancellationToken);
    }

    public async Task<SearchResult> SearchAsync(
        SearchQuery query, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(connection);
        var pageSize = query.PageSize == 0 ? _options.DefaultPageSize : query.PageSize;
        if (pageSize < 1 || pageSize > _options.MaxPageSize)
        {
            throw new ArgumentException($"page_size: must be 1 to {_options.MaxPageSize}", nameof(query));
        }

        var filter = query.Filter ?? SearchFilter.None;
        SearchValidation.Trl(filter);
        _ = SearchValidation.Languages(filter);
        var terms = QueryTerms(query);
        var fingerprint = PageToken.Fingerprint(terms, query.Matching, filter);
        PageKey? after = null;
        if (!string.IsNullOrEmpty(query.PageToken))
        {
            if (!PageToken.TryDecode(query.PageToken, fingerprint, out var key))
            {
                throw new ArgumentException("page_token: not a token of this query", nameof(query));
            }

            after = key;
        }

        var request = new PageRequest(terms, query.Matching, filter, after, pageSize + 1);
        var (page, windowed) = terms.Count > 0
            ? await _ranked.ReadAsync(connection, transaction, request, cancellationToken)
            : (await _store.ReadListingAsync(connection, transaction, filter, after, request.Limit, cancellationToken), false);
        var nextToken = string.Empty;
        if (page.Count > pageSize)
        {
            var last = page[pageSize - 1];
            nextToken = PageToken.Encode(fingerprint, new PageKey(last.Tier, last.Rank, last.CenterId, last.LocalId));
            page = [.. page.Take(pageSize)];
        }

        var matcher = new TermMatcher(terms);
        var result = new SearchResult
        {
            Hits = [.. page.Select(hit => _hits.Build(hit, matcher, filter, query.IncludeSnippets))],
            NextPageToken = nextToken,
            Terms = [.. terms.Select(t => t.ToString())],
            RankedWithinWindow = windowed,
        };
        if (!query.IncludeFacets)
        {
            return result;
        }

        var facets = new FacetAccumulator(new FilterMatcher(filter));
        long rows = 0;
        await foreach (var row in _store.ReadFacetRowsAsync(
            connection, transaction, terms, query.Matching, RankedPageReader.OneMore(_countWindow), cancellationToken))
        {
            // The row after the window only tells that there are more.
            if (++rows <= _countWindow)
            {
                facets.Add(row);
            }
        }

        return result with { TotalCount = facets.Total, Facets = facets.Result(), CountsAreLowerBounds = rows > _countWindow };
    }

    public Task<TermStatistics> GetTermStatisticsAsync(
        IReadOnlyCollection<string> terms, DbConnection connection, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(connection);
        return _store.ReadTermStatisticsAsync(connection, transaction, terms, cancellationToken);
    }

    /// <summary>
    /// Whether a caller's term can be an analysed term: not blank, no quote, and no private-use character
    /// (the analyser never keeps one, and an engine may mark its own tokens with them).
    /// </summary>
    private static bool IsTerm(string term) =>
        !string.IsNullOrWhiteSpace(term)
        && !term.Contains('"', StringComparison.Ordinal)
        && !term.Any(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.PrivateUse);

    private List<QueryTerm> QueryTerms(SearchQuery query)
    {
        var terms = query.Terms ?? TextAnalyzer.Terms(query.Text ?? string.Empty);
        return
        [
            .. terms.Where(IsTerm)
                .Distinct(StringComparer.Ordinal)
                .Take(_options.MaxQueryTerms)
                .Select(QueryTerm.Of)
                .Distinct(),
        ];
    }
}
