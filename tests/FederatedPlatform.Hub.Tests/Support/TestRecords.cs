using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Hub.Tests.Support;

/// <summary>Valid records to start from; tests change one field at a time.</summary>
public static class TestRecords
{
    private static readonly Timestamp Created = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public static Record Achievement(string centerId, string localId, ulong version = 1, Sector sector = Sector.Desalination, string country = "OM")
    {
        var record = new Record
        {
            Id = new RecordId { CenterId = centerId, LocalId = localId },
            Kind = RecordKind.Achievement,
            Version = version,
            Sector = sector,
            Country = country,
            Organization = "Ningxia Institute of Water Resources",
            Status = RecordStatus.Open,
            Contact = new Contact { Name = "Li Wei", Email = "li.wei@example.org", Phone = "+86 951 555 0100" },
            CreatedAt = Created,
            UpdatedAt = Created,
            Achievement = new AchievementDetails { Trl = 7, IpStatus = IpStatus.PatentGranted },
        };
        record.Title.Add("zh", "太阳能海水淡化技术");
        record.Title.Add("en", $"Solar desalination {localId} v{version}");
        record.Title.Add("ar", "تقنية تحلية المياه بالطاقة الشمسية");
        record.Keywords.Add(["desalination", "海水淡化"]);
        record.CooperationModes.Add(CooperationMode.Licensing);
        return record;
    }

    public static Record Tombstone(string centerId, string localId, ulong version) =>
        new() { Id = new RecordId { CenterId = centerId, LocalId = localId }, Version = version, Deleted = true };
}
