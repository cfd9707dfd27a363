namespace FederatedPlatform.Search.Internal;

/// <summary>What BM25 needs of the whole index: documents, their total terms, and the documents holding each query term.</summary>
/// <param name="Documents">Indexed documents.</param>
/// <param name="Tokens">Terms over every field of every document.</param>
/// <param name="DocumentFrequencies">Per query term (in query order), documents holding it; for a prefix, summed over the terms it matches.</param>
internal sealed record CorpusStatistics(long Documents, long Tokens, IReadOnlyList<long> DocumentFrequencies);
