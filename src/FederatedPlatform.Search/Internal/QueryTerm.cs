namespace FederatedPlatform.Search.Internal;

/// <summary>
/// One analysed query term, matched exactly or as a prefix. Cyrillic words are not stemmed, so a
/// Russian, Mongolian or Kazakh query word of five letters or more drops its final vowels and matches
/// as a prefix: ноолуур finds ноолуурын, пшеницы finds пшеница, опреснение finds опреснения.
/// </summary>
internal readonly record struct QueryTerm(string Text, bool Prefix)
{
    private const int MinPrefixWord = 5;
    private const int MinPrefixLength = 4;

    public static QueryTerm Of(string term)
    {
        if (term.Length < MinPrefixWord || !IsCyrillic(term))
        {
            return new QueryTerm(term, false);
        }

        var length = term.Length;
        while (length > MinPrefixLength && IsVowelLike(term[length - 1]))
        {
            length--;
        }

        return new QueryTerm(term[..length], true);
    }

    /// <summary>Whether an analysed document term matches this query term.</summary>
    public bool Matches(string term) => Prefix ? term.StartsWith(Text, StringComparison.Ordinal) : term == Text;

    /// <summary>The term as written in a paging fingerprint: a prefix ends in '*'.</summary>
    public override string ToString() => Prefix ? Text + "*" : Text;

    private static bool IsCyrillic(string term)
    {
        foreach (var c in term)
        {
            if (c is < '\u0400' or > '\u04FF')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVowelLike(char c) => "аеиоуыэюяйьөүәіұ".Contains(c, StringComparison.Ordinal);
}
