using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Search.Tests.Support;

/// <summary>Builds valid records for tests.</summary>
internal static class TestRecords
{
    private static readonly Timestamp Created = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static Record Achievement(
        string id,
        Dictionary<string, string> title,
        Dictionary<string, string>? summary = null,
        Sector sector = Sector.Desalination,
        uint trl = 7,
        string country = "CN",
        string[]? keywords = null,
        CooperationMode[]? modes = null,
        RecordStatus status = RecordStatus.Open)
    {
        var record = Base(id, RecordKind.Achievement, title, summary, sector, country, keywords, modes, status);
        record.Achievement = new AchievementDetails { Trl = trl, IpStatus = IpStatus.PatentGranted };
        return record;
    }

    public static Record Need(
        string id,
        Dictionary<string, string> title,
        Dictionary<string, string>? summary = null,
        Sector sector = Sector.Desalination,
        string country = "OM",
        string[]? keywords = null,
        CooperationMode[]? modes = null,
        RecordStatus status = RecordStatus.Open)
    {
        var record = Base(id, RecordKind.Need, title, summary, sector, country, keywords, modes, status);
        record.Need = new NeedDetails();
        return record;
    }

    public static string Key(Record record) => $"{record.Id.CenterId}/{record.Id.LocalId}";

    private static Record Base(
        string id,
        RecordKind kind,
        Dictionary<string, string> title,
        Dictionary<string, string>? summary,
        Sector sector,
        string country,
        string[]? keywords,
        CooperationMode[]? modes,
        RecordStatus status)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        var record = new Record
        {
            Id = new RecordId { CenterId = id[..slash], LocalId = id[(slash + 1)..] },
            Kind = kind,
            Version = 1,
            Sector = sector,
            Country = country,
            Organization = "Test organisation",
            Status = status,
            Contact = new Contact { Name = "Secret Person", Email = "secret@example.org" },
            CreatedAt = Created,
            UpdatedAt = Created,
        };
        record.Title.Add(title);
        if (summary is not null)
        {
            record.Summary.Add(summary);
        }

        record.Keywords.Add(keywords ?? []);
        record.CooperationModes.Add(modes ?? [CooperationMode.Licensing]);
        return record;
    }
}
