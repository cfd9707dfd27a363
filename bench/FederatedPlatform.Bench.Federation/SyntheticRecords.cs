using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Bench.Federation;

/// <summary>Realistic, valid records (zh + en titles and summaries, keywords) of a few hundred bytes.</summary>
public static class SyntheticRecords
{
    private static readonly string[] Zh = ["太阳能海水淡化技术", "节水农业滴灌系统", "北斗卫星导航精准农业", "智慧城市交通管理平台", "中药材种植与加工"];
    private static readonly string[] En = ["Solar desalination", "Drip irrigation for water saving", "BeiDou precision farming", "Smart city traffic platform", "Herbal medicine processing"];
    private static readonly Sector[] Sectors = [Sector.Desalination, Sector.WaterSaving, Sector.SatelliteNavigation, Sector.SmartCity, Sector.TraditionalMedicine];

    private static readonly Google.Protobuf.WellKnownTypes.Timestamp Stamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public static Record Create(string centerId, long index, ulong version)
    {
        var i = (int)(index % Zh.Length);
        var record = new Record
        {
            Id = new RecordId { CenterId = centerId, LocalId = "r-" + index },
            Kind = index % 2 == 0 ? RecordKind.Achievement : RecordKind.Need,
            Version = version,
            Sector = Sectors[i],
            Country = "CN",
            Organization = "Ningxia Institute of Technology Transfer",
            Status = RecordStatus.Open,
            CreatedAt = Stamp,
            UpdatedAt = Stamp,
        };
        record.Title["zh"] = Zh[i] + " " + index;
        record.Title["en"] = En[i] + " " + index;
        record.Summary["en"] = "A proven technology offered for transfer to partner countries, with training and joint development options.";
        record.Keywords.Add([Zh[i], En[i].ToLowerInvariant()]);
        record.CooperationModes.Add(CooperationMode.Licensing);
        if (record.Kind == RecordKind.Achievement)
        {
            record.Achievement = new AchievementDetails { Trl = 7, IpStatus = IpStatus.PatentGranted };
        }
        else
        {
            record.Need = new NeedDetails { Budget = new Budget { Min = 10000, Max = 90000, Currency = "USD" }, Deadline = "2027-12-31" };
        }
        return record;
    }
}
