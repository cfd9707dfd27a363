using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Search.Internal;

/// <summary>What an engine stores for one record: filter fields, analysed text per field, and the record itself.</summary>
internal sealed record IndexDocument(
    string CenterId,
    string LocalId,
    ulong Version,
    RecordKind Kind,
    Sector Sector,
    string Country,
    RecordStatus Status,
    int Trl,
    int Modes,
    IReadOnlyList<string> Languages,
    string TitleTerms,
    string KeywordTerms,
    string SummaryTerms,
    byte[] Payload);
