namespace FederatedPlatform.Search;

/// <summary>How the analysed terms of a query combine.</summary>
public enum TermMatching
{
    /// <summary>
    /// Records with any term match; those with every term rank first (then by BM25). A Chinese query
    /// yields many bigrams, and a record rarely repeats a long phrase exactly, so requiring every term
    /// alone would miss 太阳能海水淡化 for 太阳能淡化.
    /// </summary>
    AllThenAny,

    /// <summary>Every term is required.</summary>
    All,

    /// <summary>Any term suffices, ranked by BM25 alone.</summary>
    Any,
}
