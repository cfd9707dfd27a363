using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>Valid records to start from; tests change one field at a time.</summary>
public static class TestRecords
{
    private static readonly Timestamp Created = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>What a center's tool sends to its node: no version or times (the node stamps them).</summary>
    public static Record Achievement(string centerId, string localId, Sector sector = Sector.Desalination, string country = "OM", string title = "")
    {
        var record = new Record
        {
            Id = new RecordId { CenterId = centerId, LocalId = localId },
            Kind = RecordKind.Achievement,
            Sector = sector,
            Country = country,
            Organization = "Ningxia Institute of Water Resources",
            Status = RecordStatus.Open,
            Contact = new Contact { Name = "Li Wei", Email = "li.wei@example.org", Phone = "+86 951 555 0100" },
            Achievement = new AchievementDetails { Trl = 7, IpStatus = IpStatus.PatentGranted },
        };
        record.Title.Add("zh", "太阳能海水淡化技术");
        record.Title.Add("en", title.Length > 0 ? title : $"Solar desalination {localId}");
        record.Title.Add("ar", "تقنية تحلية المياه بالطاقة الشمسية");
        record.Summary.Add("en", "Small plants for remote villages.");
        record.Keywords.Add(["desalination", "海水淡化"]);
        record.CooperationModes.Add(CooperationMode.Licensing);
        return record;
    }

    /// <summary>An achievement of about <paramref name="bytes"/> bytes: many frames on the wire.</summary>
    public static Record Large(string centerId, string localId, int bytes = 24_000)
    {
        var record = Achievement(centerId, localId);
        foreach (var language in new[] { "en", "fr", "ru", "zh", "ar" })
        {
            record.Summary[language] = string.Concat(Enumerable.Repeat($"{language} {localId} desalination membrane ", bytes / 5 / 40)).Trim();
        }

        return record;
    }

    public static Record Need(string centerId, string localId, Sector sector = Sector.Agriculture, string country = "EG")
    {
        var record = new Record
        {
            Id = new RecordId { CenterId = centerId, LocalId = localId },
            Kind = RecordKind.Need,
            Sector = sector,
            Country = country,
            Organization = "Nile Delta Farmers Union",
            Status = RecordStatus.Open,
            Need = new NeedDetails { Budget = new Budget { Min = 1000, Max = 50_000, Currency = "USD" }, Deadline = "2027-03-31" },
        };
        record.Title.Add("en", $"Drip irrigation {localId}");
        record.Title.Add("ar", "الري بالتنقيط");
        record.CooperationModes.Add([CooperationMode.JointDevelopment, CooperationMode.TechnicalService]);
        return record;
    }

    /// <summary>A record as a node publishes it (stamped with a version and times).</summary>
    public static Record Published(Record record, ulong version)
    {
        var stamped = record.Clone();
        stamped.Version = version;
        stamped.CreatedAt = Created;
        stamped.UpdatedAt = Created;
        return stamped;
    }

    public static Record Tombstone(string centerId, string localId, ulong version) =>
        new() { Id = new RecordId { CenterId = centerId, LocalId = localId }, Version = version, Deleted = true };
}
