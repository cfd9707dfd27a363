using System.Text;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Analysis;
using Google.Protobuf;

namespace FederatedPlatform.Search.Internal;

/// <summary>Analyses a record into an <see cref="IndexDocument"/>: every language of the title and summary, and every keyword.</summary>
internal static class IndexDocumentBuilder
{
    public static IndexDocument Build(Record record)
    {
        var title = new StringBuilder();
        foreach (var text in record.Title.Values)
        {
            TextAnalyzer.AppendTerms(text, title);
        }

        var keywords = new StringBuilder();
        foreach (var keyword in record.Keywords)
        {
            TextAnalyzer.AppendTerms(keyword, keywords);
        }

        var summary = new StringBuilder();
        foreach (var text in record.Summary.Values)
        {
            TextAnalyzer.AppendTerms(text, summary);
        }

        var stored = record.Clone();
        stored.Contact = null;
        return new IndexDocument(
            record.Id.CenterId,
            record.Id.LocalId,
            record.Version,
            record.Kind,
            record.Sector,
            record.Country.ToUpperInvariant(),
            record.Status,
            record.Kind == RecordKind.Achievement ? (int)(record.Achievement?.Trl ?? 0) : 0,
            ModeBits.Of(record.CooperationModes),
            LanguageTags.Of(record),
            title.ToString(),
            keywords.ToString(),
            summary.ToString(),
            stored.ToByteArray());
    }
}
