namespace FederatedPlatform.Search;

/// <summary>How the analysed terms of a query combine.</summary>
public enum TermMatching
{
    /// <summary>
    /// Every term is required; when that finds nothing, any term suffices (ranked by BM25, so records
    /// with more of the terms come first). The choice is made on the first page and kept by its paging token.
    /// </summary>
    AllThenAny,

    /// <summary>Every term is required.</summary>
    All,

    /// <summary>Any term suffices.</summary>
    Any,
}
