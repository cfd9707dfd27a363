using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Internal;

namespace FederatedPlatform.Search;

/// <summary>
/// A live record already analysed for the index: the CPU-heavy part of indexing it (tokenising, folding,
/// stemming and bigrams of every language, and serialising the stored form), which needs no database. The
/// hub makes these in each Publish stream's task, before the catalog's single writer, so that the writer
/// only stores them (<see cref="ISearchIndexWriter.UpsertAsync(AnalysedRecord, CancellationToken)"/>).
/// </summary>
public sealed class AnalysedRecord
{
    private AnalysedRecord(IndexDocument document)
    {
        Document = document;
    }

    internal IndexDocument Document { get; }

    /// <summary>Analyses a live record; throws <see cref="ArgumentException"/> for a tombstone or a record without id.</summary>
    public static AnalysedRecord Of(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Id is null)
        {
            throw new ArgumentException("id: required", nameof(record));
        }

        if (record.Deleted)
        {
            throw new ArgumentException("a tombstone has nothing to analyse", nameof(record));
        }

        return new AnalysedRecord(IndexDocumentBuilder.Build(record));
    }
}
