namespace FederatedPlatform.Search.Internal;

/// <summary>BM25 weights of the indexed fields.</summary>
internal readonly record struct FieldWeights(double Title, double Keywords, double Summary);
