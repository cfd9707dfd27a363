using FederatedPlatform.Search.Analysis;
using FederatedPlatform.Search.Internal;
using FederatedPlatform.Search.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Search.Tests.Internal;

/// <summary>Our BM25 gives the scores SQLite FTS5's bm25() gives over the same analysed fields, which the engine used before.</summary>
public sealed class Bm25ScorerTests
{
    [Theory]
    [InlineData("海水淡化")]
    [InlineData("solar pumps")]
    [InlineData("تحلية مياه البحر")]
    [InlineData("greenhouse agriculture irrigation")]
    public async Task Score_SampleCatalog_EqualsFts5Bm25(string text)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE f USING fts5(title, keywords, summary, tokenize = 'ascii', detail = full)";
            await create.ExecuteNonQueryAsync();
        }

        var documents = SampleCatalog.All.Select(IndexDocumentBuilder.Build).ToList();
        for (var i = 0; i < documents.Count; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO f (rowid, title, keywords, summary) VALUES ($id, $t, $k, $s)";
            insert.Parameters.AddWithValue("$id", i);
            insert.Parameters.AddWithValue("$t", documents[i].TitleTerms);
            insert.Parameters.AddWithValue("$k", documents[i].KeywordTerms);
            insert.Parameters.AddWithValue("$s", documents[i].SummaryTerms);
            await insert.ExecuteNonQueryAsync();
        }

        var terms = TextAnalyzer.Terms(text).Distinct(StringComparer.Ordinal).Select(QueryTerm.Of).ToList();
        var frequencies = terms.Select(t => (long)documents.Count(d => TermCounts.Occurrences(d.TitleTerms + d.KeywordTerms + d.SummaryTerms, t) > 0)).ToList();
        var tokens = documents.Sum(d => TermCounts.Tokens(d.TitleTerms) + TermCounts.Tokens(d.KeywordTerms) + TermCounts.Tokens(d.SummaryTerms));
        var sut = new Bm25Scorer(terms, new CorpusStatistics(documents.Count, tokens, frequencies), new FieldWeights(4, 2.5, 1));

        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT rowid, -bm25(f, 4, 2.5, 1) FROM f WHERE f MATCH $m";
        query.Parameters.AddWithValue("$m", string.Join(" OR ", terms.Select(t => "\"" + t.Text + "\"")));
        await using var reader = await query.ExecuteReaderAsync();
        var compared = 0;
        while (await reader.ReadAsync())
        {
            var document = documents[reader.GetInt32(0)];
            var (score, _) = sut.Score(document.TitleTerms, document.KeywordTerms, document.SummaryTerms);
            Assert.Equal(reader.GetDouble(1), score, 9);
            compared++;
        }

        Assert.True(compared > 0);
    }

    [Fact]
    public void Score_AllTerms_TrueOnlyWhenEveryTermOccurs()
    {
        var terms = new[] { new QueryTerm("solar", false), new QueryTerm("pump", false) };
        var sut = new Bm25Scorer(terms, new CorpusStatistics(10, 100, [2, 1]), new FieldWeights(4, 2.5, 1));

        Assert.True(sut.Score("solar pump ", string.Empty, string.Empty).AllTerms);
        Assert.False(sut.Score("solar ", string.Empty, "pumps ").AllTerms);
        Assert.True(sut.Score("solar ", string.Empty, "pump ").Score > sut.Score("solar ", string.Empty, string.Empty).Score);
    }
}
