using System.Text;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Bench.Search;

/// <summary>
/// The plain baseline: what a reasonable engineer builds with SQLite alone. A table of the records'
/// filter fields and texts (every language of a field joined), an external-content FTS5 table over
/// title, keywords and summary with the built-in trigram tokenizer, and the same page as ours:
/// 10 hits by bm25() with the same field weights, a highlighted title and snippet() from FTS5, and
/// facet counts over every match. Trigram is the built-in tokenizer that finds Chinese words inside
/// unsegmented text (unicode61 keeps a whole run of Han characters as one token, so 海水淡化 would
/// never match 太阳能海水淡化技术); its cost is a larger index and no match for words under 3 characters.
/// A query's words (3+ characters) are OR'ed, so records with more of them rank first through bm25().
/// </summary>
public sealed class Fts5Baseline(BenchDatabase db)
{
    private const string Schema =
        """
        CREATE TABLE IF NOT EXISTS base_docs (
            id INTEGER PRIMARY KEY, center_id TEXT NOT NULL, local_id TEXT NOT NULL, kind INTEGER NOT NULL,
            sector INTEGER NOT NULL, country TEXT NOT NULL, status INTEGER NOT NULL, trl INTEGER NOT NULL,
            languages TEXT NOT NULL, title TEXT NOT NULL, keywords TEXT NOT NULL, summary TEXT NOT NULL);
        CREATE VIRTUAL TABLE IF NOT EXISTS base_fts USING fts5(
            title, keywords, summary, content = 'base_docs', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1');
        """;

    public async Task<long> BuildAsync(IEnumerable<Record> records, int batch)
    {
        await BenchDatabase.ExecuteAsync(db.Connection, Schema);
        long rows = 0;
        using var enumerator = records.GetEnumerator();
        var more = enumerator.MoveNext();
        while (more)
        {
            await using var transaction = (SqliteTransaction)await db.Connection.BeginTransactionAsync();
            await using var doc = db.Connection.CreateCommand();
            doc.Transaction = transaction;
            doc.CommandText =
                """
                INSERT INTO base_docs (id, center_id, local_id, kind, sector, country, status, trl, languages, title, keywords, summary)
                VALUES (@id, @center, @local, @kind, @sector, @country, @status, @trl, @languages, @title, @keywords, @summary)
                """;
            await using var fts = db.Connection.CreateCommand();
            fts.Transaction = transaction;
            fts.CommandText = "INSERT INTO base_fts (rowid, title, keywords, summary) VALUES (@id, @title, @keywords, @summary)";
            for (var n = 0; n < batch && more; n++, more = enumerator.MoveNext())
            {
                var r = enumerator.Current;
                rows++;
                var title = string.Join('\n', r.Title.Values);
                var keywords = string.Join("; ", r.Keywords);
                var summary = string.Join('\n', r.Summary.Values);
                doc.Parameters.Clear();
                doc.Parameters.AddWithValue("@id", rows);
                doc.Parameters.AddWithValue("@center", r.Id.CenterId);
                doc.Parameters.AddWithValue("@local", r.Id.LocalId);
                doc.Parameters.AddWithValue("@kind", (int)r.Kind);
                doc.Parameters.AddWithValue("@sector", (int)r.Sector);
                doc.Parameters.AddWithValue("@country", r.Country);
                doc.Parameters.AddWithValue("@status", (int)r.Status);
                doc.Parameters.AddWithValue("@trl", (int)(r.Achievement?.Trl ?? 0));
                doc.Parameters.AddWithValue("@languages", string.Join(' ', r.Title.Keys.Concat(r.Summary.Keys).Distinct().Order(StringComparer.Ordinal)));
                doc.Parameters.AddWithValue("@title", title);
                doc.Parameters.AddWithValue("@keywords", keywords);
                doc.Parameters.AddWithValue("@summary", summary);
                await doc.ExecuteNonQueryAsync();
                fts.Parameters.Clear();
                fts.Parameters.AddWithValue("@id", rows);
                fts.Parameters.AddWithValue("@title", title);
                fts.Parameters.AddWithValue("@keywords", keywords);
                fts.Parameters.AddWithValue("@summary", summary);
                await fts.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            Progress.Report("fts5", rows);
        }

        return rows;
    }

    /// <summary>The first page and the facets; returns the hits and the total.</summary>
    public async Task<(int Hits, long Total)> SearchAsync(BenchQuery query)
    {
        var words = query.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3).ToList();
        if (words.Count == 0)
        {
            return (0, 0);
        }

        var match = string.Join(" OR ", words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        var hits = 0;
        await using (var page = db.Connection.CreateCommand())
        {
            var sql = new StringBuilder(
                """
                SELECT d.center_id, d.local_id, highlight(base_fts, 0, '«', '»'), snippet(base_fts, 2, '«', '»', '…', 24)
                FROM base_fts JOIN base_docs AS d ON d.id = base_fts.rowid
                WHERE base_fts MATCH @match
                """);
            Filter(sql, page, query.Filter);
            sql.Append(" ORDER BY bm25(base_fts, 4.0, 2.5, 1.0) LIMIT 10");
            page.CommandText = sql.ToString();
            page.Parameters.AddWithValue("@match", match);
            await using var reader = await page.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = reader.GetString(2).Length + reader.GetString(3).Length;
                hits++;
            }
        }

        var facets = new BaselineFacets(query.Filter);
        await using (var rows = db.Connection.CreateCommand())
        {
            rows.CommandText =
                """
                SELECT d.kind, d.sector, d.country, d.center_id, d.status, d.trl, d.languages
                FROM base_fts JOIN base_docs AS d ON d.id = base_fts.rowid WHERE base_fts MATCH @match
                """;
            rows.Parameters.AddWithValue("@match", match);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                facets.Add(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetString(6));
            }
        }

        return (hits, facets.Total);
    }

    private static void Filter(StringBuilder sql, SqliteCommand command, SearchFilter filter)
    {
        if (filter.Kinds.Count > 0)
        {
            sql.Append(" AND d.kind = @kind");
            command.Parameters.AddWithValue("@kind", (int)filter.Kinds[0]);
        }

        if (filter.Sectors.Count > 0)
        {
            sql.Append(" AND d.sector = @sector");
            command.Parameters.AddWithValue("@sector", (int)filter.Sectors[0]);
        }

        if (filter.Countries.Count > 0)
        {
            sql.Append(" AND d.country = @country");
            command.Parameters.AddWithValue("@country", filter.Countries[0]);
        }

        if (filter.CenterIds.Count > 0)
        {
            sql.Append(" AND d.center_id = @center");
            command.Parameters.AddWithValue("@center", filter.CenterIds[0]);
        }
    }
}
