namespace FederatedPlatform.Search.Internal;

/// <summary>Which matching documents a candidate read returns.</summary>
internal enum CandidateScope
{
    /// <summary>Documents holding every query term.</summary>
    AllTerms,

    /// <summary>Documents holding any query term.</summary>
    AnyTerm,
}
