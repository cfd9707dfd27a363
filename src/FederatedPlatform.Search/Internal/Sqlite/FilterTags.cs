using System.Globalization;
using System.Text;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal.Sqlite;

/// <summary>
/// A document's filter fields as FTS5 tokens in the <c>tags</c> column, so that a filtered query is one
/// FTS5 expression (<c>(terms) AND (tags)</c>): FTS5 intersects the term and tag lists, skipping through
/// them with its doclist index, instead of joining every matching posting to <c>search_docs</c> to test it.
/// </summary>
/// <remarks>
/// Every tag starts with a private-use character, which the analyser never puts in a term (it keeps letters
/// and digits only), so no query term can match a tag; FTS5 cannot restrict a term to a column when
/// <c>detail=none</c>. The 'ascii' tokenizer keeps every non-ASCII character and ASCII letters and digits in
/// a token and folds ASCII case, so values that may hold other characters (countries, center ids) are
/// written as the hex of their UTF-8 bytes.
/// </remarks>
internal static class FilterTags
{
    /// <summary>The first character of every tag.</summary>
    public const char Marker = '\uE000';

    /// <summary>The tags of a document: kind, sector, country, center, status, readiness level and each language.</summary>
    public static string Of(IndexDocument document) =>
        Of(document.Kind, document.Sector, document.Country, document.CenterId, document.Status, document.Trl, document.Languages);

    /// <summary>The tags of a document with these filter fields (the country upper case, languages as primary subtags).</summary>
    public static string Of(
        RecordKind kind, Sector sector, string country, string centerId, RecordStatus status, int trl, IEnumerable<string> languages)
    {
        var tags = new StringBuilder(96);
        Append(tags, 'k', ((int)kind).ToString(CultureInfo.InvariantCulture));
        Append(tags, 's', ((int)sector).ToString(CultureInfo.InvariantCulture));
        Append(tags, 'c', Hex(country));
        Append(tags, 'e', Hex(centerId));
        Append(tags, 't', ((int)status).ToString(CultureInfo.InvariantCulture));
        Append(tags, 'r', trl.ToString(CultureInfo.InvariantCulture));
        foreach (var language in languages)
        {
            Append(tags, 'l', language);
        }

        return tags.ToString();
    }

    /// <summary>
    /// The FTS5 expression a document's tags must match to pass the filter's positive conditions (each field
    /// one of its values), or null when it has none; the excluded centers are <see cref="Excluded"/>.
    /// </summary>
    public static string? Required(SearchFilter filter)
    {
        var parts = new List<string>();
        void AnyOf(char field, IEnumerable<string> values)
        {
            var list = values.Select(v => Quote(field, v)).Distinct(StringComparer.Ordinal).ToList();
            if (list.Count > 0)
            {
                parts.Add("(" + string.Join(" OR ", list) + ")");
            }
        }

        AnyOf('k', filter.Kinds.Select(k => ((int)k).ToString(CultureInfo.InvariantCulture)));
        AnyOf('s', filter.Sectors.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
        AnyOf('c', filter.Countries.Select(c => Hex(c.ToUpperInvariant())));
        AnyOf('e', filter.CenterIds.Select(Hex));
        AnyOf('t', filter.Statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
        if (filter.HasTrlRange)
        {
            var min = Math.Max(1, filter.MinTrl ?? 1);
            var max = filter.MaxTrl ?? 9;

            // An empty range matches nothing: a tag no document has.
            parts.Add(min > max
                ? Quote('r', "none")
                : "(" + string.Join(" OR ", Enumerable.Range(min, max - min + 1).Select(t => Quote('r', t.ToString(CultureInfo.InvariantCulture)))) + ")");
        }

        AnyOf('l', SearchValidation.Languages(filter));
        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    /// <summary>The FTS5 expression for documents of the excluded centers, or null when none are excluded.</summary>
    public static string? Excluded(SearchFilter filter) =>
        filter.ExcludedCenterIds.Count == 0
            ? null
            : "(" + string.Join(" OR ", filter.ExcludedCenterIds.Select(c => Quote('e', Hex(c))).Distinct(StringComparer.Ordinal)) + ")";

    /// <summary>The MATCH expression for documents matching <paramref name="terms"/> that pass the filter.</summary>
    public static string Filtered(string terms, SearchFilter filter)
    {
        var match = Required(filter) is { } required ? $"({terms}) AND {required}" : terms;
        return Excluded(filter) is { } excluded ? $"({match}) NOT {excluded}" : match;
    }

    private static void Append(StringBuilder tags, char field, string value)
    {
        if (tags.Length > 0)
        {
            tags.Append(' ');
        }

        tags.Append(Marker).Append(field).Append(value);
    }

    private static string Quote(char field, string value) => $"\"{Marker}{field}{value}\"";

    private static string Hex(string value) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value));
}
