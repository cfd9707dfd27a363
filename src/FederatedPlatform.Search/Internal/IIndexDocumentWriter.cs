namespace FederatedPlatform.Search.Internal;

/// <summary>An engine's prepared writes inside one transaction.</summary>
internal interface IIndexDocumentWriter : IAsyncDisposable
{
    Task UpsertAsync(IndexDocument document, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string centerId, string localId, CancellationToken cancellationToken);
}
