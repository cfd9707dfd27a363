using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal;

/// <summary>Language tags reduced to their lowercase primary subtag ("zh-Hans" to "zh") for filters and facets.</summary>
internal static class LanguageTags
{
    /// <summary>The primary subtag, or null when the tag does not start with 2–8 ASCII letters.</summary>
    public static string? Primary(string tag)
    {
        var end = tag.AsSpan().IndexOfAny('-', '_');
        var primary = end < 0 ? tag.AsSpan() : tag.AsSpan(0, end);
        return primary.Length is >= 2 and <= 8 && !primary.ContainsAnyExcept(AsciiLetters)
            ? primary.ToString().ToLowerInvariant()
            : null;
    }

    /// <summary>The distinct primary subtags of a record's titles and summaries, sorted.</summary>
    public static IReadOnlyList<string> Of(Record record)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tag in record.Title.Keys.Concat(record.Summary.Keys))
        {
            if (Primary(tag) is { } primary)
            {
                set.Add(primary);
            }
        }

        return [.. set];
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLetters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
}
