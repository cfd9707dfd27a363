using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search;

/// <summary>
/// Index updates inside the caller's open transaction, with prepared statements reused across calls:
/// open one per transaction, apply every change of the batch, dispose, then commit the transaction.
/// </summary>
public interface ISearchIndexWriter : IAsyncDisposable
{
    /// <summary>Indexes a live record, replacing its previous version; a tombstone removes it.</summary>
    Task UpsertAsync(Record record, CancellationToken cancellationToken = default);

    /// <summary>Indexes a record analysed beforehand (outside the transaction), replacing its previous version.</summary>
    Task UpsertAsync(AnalysedRecord record, CancellationToken cancellationToken = default);

    /// <summary>Removes a record; returns false when it was not indexed.</summary>
    Task<bool> DeleteAsync(RecordId id, CancellationToken cancellationToken = default);
}
