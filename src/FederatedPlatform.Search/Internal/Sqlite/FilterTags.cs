using System.Globalization;
using System.Text;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>
/// A document's sector, country and center as FTS5 tokens in the <c>tags</c> column, so that a query
/// filtered on them is one FTS5 expression (<c>(terms) AND (tags)</c>): FTS5 intersects the term and tag
/// lists, skipping through them with its doclist index, instead of the join testing every matching posting
/// against <c>search_docs</c>.
/// </summary>
/// <remarks>
/// <para>
/// Only fields whose values each select a small share of the catalog are tags: a sector, a country or a
/// center holds a few percent of a million records, so a filter on one passes few of a common term's
/// postings and the join went through whole lists to fill a window (40–60 ms). Kind, status, readiness and
/// language values each hold a large share; intersecting such a list costs more than testing the postings
/// that pass the terms (the intersection with a kind's 500,000 documents doubled the time of a six-bigram
/// AND), so they stay predicates on the join (<see cref="Untagged"/>), as do excluded centers.
/// </para>
/// <para>
/// Every tag starts with a private-use character, which the analyser never puts in a term (it keeps letters
/// and digits only), so no query term can match a tag; FTS5 cannot restrict a term to a column when
/// <c>detail=none</c>. The 'ascii' tokenizer keeps every non-ASCII character and ASCII letters and digits in
/// a token and folds ASCII case, so countries and center ids are written as the hex of their UTF-8 bytes.
/// </para>
/// </remarks>
internal static class FilterTags
{
    /// <summary>The first character of every tag.</summary>
    public const char Marker = '\uE000';

    /// <summary>The tags of a document (its country upper case, as <see cref="IndexDocument"/> holds it).</summary>
    public static string Of(Sector sector, string country, string centerId) =>
        new StringBuilder(64)
            .Append(Token('s', ((int)sector).ToString(CultureInfo.InvariantCulture))).Append(' ')
            .Append(Token('c', Hex(country))).Append(' ')
            .Append(Token('e', Hex(centerId)))
            .ToString();

    /// <summary>The tags of a document.</summary>
    public static string Of(IndexDocument document) => Of(document.Sector, document.Country, document.CenterId);

    /// <summary>The MATCH expression for documents matching <paramref name="terms"/> whose tags pass the filter.</summary>
    public static string Filtered(string terms, SearchFilter filter)
    {
        var parts = new List<string> { $"({terms})" };
        void AnyOf(char field, IEnumerable<string> values)
        {
            var tokens = values.Select(v => $"\"{Token(field, v)}\"").Distinct(StringComparer.Ordinal).ToList();
            if (tokens.Count > 0)
            {
                parts.Add("(" + string.Join(" OR ", tokens) + ")");
            }
        }

        AnyOf('s', filter.Sectors.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
        AnyOf('c', filter.Countries.Select(c => Hex(c.ToUpperInvariant())));
        AnyOf('e', filter.CenterIds.Select(Hex));
        return parts.Count == 1 ? terms : string.Join(" AND ", parts);
    }

    /// <summary>The rest of the filter, which the join tests: everything but sectors, countries and centers.</summary>
    public static SearchFilter Untagged(SearchFilter filter) => filter with { Sectors = [], Countries = [], CenterIds = [] };

    private static string Token(char field, string value) => $"{Marker}{field}{value}";

    private static string Hex(string value) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value));
}
