using FederatedPlatform.Contracts.V1;
using static FederatedPlatform.Search.Tests.Support.TestRecords;

namespace FederatedPlatform.Search.Tests.Support;

/// <summary>A handful of multilingual records for search behaviour tests.</summary>
internal static class SampleCatalog
{
    public static readonly Record SolarDesalination = Achievement(
        "cn-om/a1",
        new() { ["zh"] = "太阳能海水淡化技术", ["en"] = "Solar-powered seawater desalination", ["ar"] = "تقنية تحلية مياه البحر بالطاقة الشمسية" },
        new()
        {
            ["zh"] = "一种利用太阳能驱动的反渗透海水淡化装置，适用于海岛和沿海缺水地区。",
            ["en"] = "A reverse-osmosis desalination unit driven by photovoltaic panels, for islands and dry coastal areas.",
            ["ar"] = "وحدة تحلية بالتناضح العكسي تعمل بالألواح الكهروضوئية، مناسبة للجزر والمناطق الساحلية الجافة.",
        },
        Sector.Desalination,
        trl: 7,
        keywords: ["海水淡化", "desalination", "تحلية"],
        modes: [CooperationMode.Licensing, CooperationMode.TechnicalService]);

    public static readonly Record DripIrrigation = Achievement(
        "cn-eg/a2",
        new() { ["zh"] = "智能滴灌系统", ["en"] = "Smart drip irrigation system", ["fr"] = "Système d'irrigation goutte-à-goutte intelligent" },
        new() { ["en"] = "Sensors and pumps schedule irrigation for desert farms, saving water.", ["zh"] = "传感器和水泵为沙漠农场安排灌溉，节约用水。" },
        Sector.WaterSaving,
        trl: 8,
        country: "EG",
        keywords: ["农业", "irrigation"]);

    public static readonly Record ModernAgriculture = Need(
        "cn-mn/n1",
        new() { ["zh"] = "现代农业温室技术需求", ["mn"] = "Орчин үеийн хүлэмжийн технологи", ["en"] = "Greenhouse technology for modern agriculture" },
        new() { ["zh"] = "寻求适合寒冷气候的温室农业技术。", ["en"] = "Looking for greenhouse farming suited to a cold climate." },
        Sector.Agriculture,
        country: "MN");

    public static readonly Record ArabicWaterNeed = Need(
        "cn-sa/n2",
        new() { ["ar"] = "إدارة المياه الجوفية في المناطق الصحراوية", ["en"] = "Groundwater management in desert regions" },
        new() { ["ar"] = "نحتاج إلى أنظمة مراقبة ذكية لاستهلاك المياه الجوفية في المزارع.", ["en"] = "We need smart monitoring of groundwater use on farms." },
        Sector.WaterSaving,
        country: "SA",
        modes: [CooperationMode.JointDevelopment]);

    public static readonly Record SolarPumps = Achievement(
        "cn-sd/a3",
        new() { ["en"] = "Solar water pumping for villages", ["ar"] = "ضخ المياه بالطاقة الشمسية للقرى" },
        new() { ["en"] = "Photovoltaic pumps lift groundwater for drinking and irrigation." },
        Sector.SolarEnergy,
        trl: 5,
        country: "SD",
        status: RecordStatus.Closed);

    public static IReadOnlyList<Record> All => [SolarDesalination, DripIrrigation, ModernAgriculture, ArabicWaterNeed, SolarPumps];

    public static async Task<TestIndex> IndexAsync(ITestStore store, SearchIndexOptions? options = null)
    {
        var index = await TestIndex.CreateAsync(store, options);
        await index.AddAsync(All);
        return index;
    }
}
