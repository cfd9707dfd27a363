namespace FederatedPlatform.Search.Analysis.Internal;

/// <summary>
/// Light stemming of folded Arabic words, after Larkey, Ballesteros and Connell's "light10": the
/// conjunction و on longer words, one definite-article prefix (ال وال بال كال فال لل), then one common
/// suffix (plural, dual, feminine, possessive), always keeping a stem of at least
/// three letters. Bare ب ك ف ل prefixes are left alone: too many roots begin with them.
/// Input is already folded (أ إ آ to ا, ة to ه, ى to ي), so the affixes are written folded.
/// </summary>
internal static class ArabicStemmer
{
    private const int MinStem = 3;

    private static readonly string[] Articles = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644", "\u0644\u0644", "\u0627\u0644"];

    // Longest first, so that يه is tried before ه and ي.
    private static readonly string[] Suffixes = ["\u0647\u0627", "\u0627\u0646", "\u0627\u062A", "\u0648\u0646", "\u064A\u0646", "\u064A\u0647", "\u0647", "\u064A"];

    /// <summary>Returns the stem of <paramref name="word"/> as an offset and length into it.</summary>
    public static (int Start, int Length) Stem(ReadOnlySpan<char> word)
    {
        var start = 0;
        var length = word.Length;
        if (length >= 4 && word[0] == '\u0648')
        {
            start++;
            length--;
        }

        foreach (var article in Articles)
        {
            if (length - article.Length >= 2 && word.Slice(start, length).StartsWith(article, StringComparison.Ordinal))
            {
                start += article.Length;
                length -= article.Length;
                break;
            }
        }

        foreach (var suffix in Suffixes)
        {
            if (length - suffix.Length >= MinStem && word.Slice(start, length).EndsWith(suffix, StringComparison.Ordinal))
            {
                length -= suffix.Length;
                break;
            }
        }

        return (start, length);
    }
}
