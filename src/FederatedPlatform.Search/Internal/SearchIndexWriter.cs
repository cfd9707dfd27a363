using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal;

/// <summary>Analyses records and hands the documents to an engine's prepared writer.</summary>
internal sealed class SearchIndexWriter(IIndexDocumentWriter documents) : ISearchIndexWriter
{
    public Task UpsertAsync(Record record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Id is null)
        {
            throw new ArgumentException("id: required", nameof(record));
        }

        return record.Deleted
            ? documents.DeleteAsync(record.Id.CenterId, record.Id.LocalId, cancellationToken)
            : documents.UpsertAsync(IndexDocumentBuilder.Build(record), cancellationToken);
    }

    public Task UpsertAsync(AnalysedRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return documents.UpsertAsync(record.Document, cancellationToken);
    }

    public Task<bool> DeleteAsync(RecordId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return documents.DeleteAsync(id.CenterId, id.LocalId, cancellationToken);
    }

    public ValueTask DisposeAsync() => documents.DisposeAsync();
}
