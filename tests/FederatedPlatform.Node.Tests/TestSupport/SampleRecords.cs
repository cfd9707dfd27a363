using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Node.Tests.TestSupport;

/// <summary>Valid records to start from; tests change one field at a time.</summary>
public static class SampleRecords
{
    public static Record Achievement(string localId, string centerId = "") => new()
    {
        Id = new RecordId { CenterId = centerId, LocalId = localId },
        Kind = RecordKind.Achievement,
        Title = { { "en", "Solar-powered drip irrigation" }, { "zh", "太阳能滴灌系统" }, { "ar", "ري بالتنقيط يعمل بالطاقة الشمسية" } },
        Summary = { { "en", "Low-pressure drip lines fed by a solar pump." } },
        Sector = Sector.WaterSaving,
        Keywords = { "irrigation", "滴灌" },
        Country = "OM",
        Organization = "Ningxia Water Institute",
        CooperationModes = { CooperationMode.Licensing, CooperationMode.JointDevelopment },
        Contact = new Contact { Name = "Li Wei", Email = "li.wei@example.org", Phone = "+86 951 000 0000" },
        Status = RecordStatus.Open,
        Achievement = new AchievementDetails { Trl = 7, IpStatus = IpStatus.PatentGranted },
    };

    public static Record Need(string localId, string centerId = "") => new()
    {
        Id = new RecordId { CenterId = centerId, LocalId = localId },
        Kind = RecordKind.Need,
        Title = { { "ar", "تحلية مياه البحر بالطاقة الشمسية" } },
        Sector = Sector.Desalination,
        Country = "OM",
        Organization = "Muscat Water Authority",
        CooperationModes = { CooperationMode.Investment },
        Status = RecordStatus.Open,
        Need = new NeedDetails { Budget = new Budget { Min = 100_000, Max = 500_000, Currency = "OMR" }, Deadline = "2026-12-31" },
    };

    /// <summary>A record as the hub would send it through Watch (stamped, with its center).</summary>
    public static Record Published(string centerId, string localId, ulong version, string title = "Remote achievement")
    {
        var record = Achievement(localId, centerId);
        record.Title.Clear();
        record.Title.Add("en", title);
        record.Version = version;
        record.CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        record.UpdatedAt = record.CreatedAt;
        return record;
    }
}
