using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Catalog.Tests.Support;

/// <summary>Valid records to start from; tests change one field at a time.</summary>
internal static class TestRecords
{
    public static readonly Timestamp Created = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public static Record Achievement(string centerId, string localId, ulong version = 1, Sector sector = Sector.Desalination, string country = "OM")
    {
        var record = Base(centerId, localId, version, RecordKind.Achievement, sector, country);
        record.Achievement = new AchievementDetails { Trl = 7, IpStatus = IpStatus.PatentGranted };
        return record;
    }

    public static Record Need(string centerId, string localId, ulong version = 1, Sector sector = Sector.WaterSaving, string country = "EG")
    {
        var record = Base(centerId, localId, version, RecordKind.Need, sector, country);
        record.Need = new NeedDetails
        {
            Budget = new Budget { Min = 100_000, Max = 500_000, Currency = "USD" },
            Deadline = "2026-06-30",
        };
        return record;
    }

    public static Record Tombstone(string centerId, string localId, ulong version) =>
        new() { Id = new RecordId { CenterId = centerId, LocalId = localId }, Version = version, Deleted = true };

    public static Change Change(ulong seq, Record record) => new() { Seq = seq, Record = record };

    private static Record Base(string centerId, string localId, ulong version, RecordKind kind, Sector sector, string country)
    {
        var record = new Record
        {
            Id = new RecordId { CenterId = centerId, LocalId = localId },
            Kind = kind,
            Version = version,
            Sector = sector,
            Country = country,
            Organization = "Ningxia Institute of Water Resources",
            Status = RecordStatus.Open,
            Contact = new Contact { Name = "Li Wei", Email = "li.wei@example.org", Phone = "+86 951 555 0100" },
            CreatedAt = Created,
            UpdatedAt = Created,
        };
        record.Title.Add("zh", "太阳能海水淡化技术");
        record.Title.Add("en", "Solar desalination technology");
        record.Title.Add("ar", "تقنية تحلية المياه بالطاقة الشمسية");
        record.Summary.Add("en", "Low-energy membrane distillation.\nField-tested in Oman.");
        record.Keywords.Add(["desalination", "海水淡化", "تحلية"]);
        record.CooperationModes.Add([CooperationMode.Licensing, CooperationMode.JointDevelopment]);
        return record;
    }
}
