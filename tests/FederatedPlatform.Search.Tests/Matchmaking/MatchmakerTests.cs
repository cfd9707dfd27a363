using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search.Matchmaking;
using FederatedPlatform.Search.Tests.Support;
using static FederatedPlatform.Search.Tests.Support.TestRecords;

namespace FederatedPlatform.Search.Tests.Matchmaking;

public abstract class MatchmakerTests(ITestStore store)
{
    private static readonly Record Need = TestRecords.Need(
        "cn-sa/n1",
        new() { ["zh"] = "偏远村庄小型太阳能海水淡化装置", ["ar"] = "وحدات تحلية صغيرة بالطاقة الشمسية", ["en"] = "Small solar desalination units for villages" },
        new() { ["en"] = "Villages need drinking water from seawater." },
        Sector.Desalination,
        modes: [CooperationMode.Licensing]);

    private static readonly Record SameCenter = Achievement(
        "cn-sa/a9", new() { ["en"] = "Solar desalination units" }, sector: Sector.Desalination);

    private static readonly Record Closed = Achievement(
        "cn-eg/a9", new() { ["en"] = "Solar desalination units" }, sector: Sector.Desalination, status: RecordStatus.Closed);

    private static readonly Record Unrelated = Achievement(
        "cn-eg/a1", new() { ["en"] = "Cashmere goat breeding" }, sector: Sector.AnimalHusbandry);

    private static readonly Record Weak = Achievement(
        "cn-sd/a1", new() { ["en"] = "Solar street lights for villages" }, sector: Sector.SmartCity, trl: 4);

    private async Task<TestIndex> IndexAsync()
    {
        var index = await TestIndex.CreateAsync(store);
        await index.AddAsync(Need, SampleCatalog.SolarDesalination, SameCenter, Closed, Unrelated, Weak);
        return index;
    }

    [Fact]
    public async Task SuggestAsync_Need_RanksAchievementsOfOtherCentersWithExplanation()
    {
        await using var index = await IndexAsync();
        var sut = new Matchmaker(index.Index);

        var suggestions = await sut.SuggestAsync(Need, index.Connection);

        Assert.Equal("cn-om/a1", Key(suggestions[0].Target));
        Assert.DoesNotContain(suggestions, s => Key(s.Target) is "cn-sa/a9" or "cn-eg/a9" or "cn-eg/a1");
        Assert.All(suggestions.Skip(1), s => Assert.True(s.Score < suggestions[0].Score));
        Assert.Equal("太阳能海水淡化装置", suggestions[0].SharedTerms[0]);
        Assert.Contains("تحلية", suggestions[0].SharedTerms);
        Assert.Equal(["licensing"], suggestions[0].SharedModes);
        Assert.Equal(["ar", "zh"], suggestions[0].SharedLanguages);
        Assert.Matches(@"^shared terms: .*海水淡化.*; same sector: desalination; TRL 7; modes: licensing; languages: ar, zh$", suggestions[0].Explanation);
        Assert.Null(suggestions[0].Target.Contact);
    }

    [Fact]
    public async Task SuggestAsync_Achievement_RanksNeeds()
    {
        await using var index = await IndexAsync();
        var sut = new Matchmaker(index.Index);

        var suggestions = await sut.SuggestAsync(SampleCatalog.SolarDesalination, index.Connection);

        Assert.Equal("cn-sa/n1", Key(Assert.Single(suggestions).Target));
    }

    [Fact]
    public async Task SuggestAsync_Tombstone_Nothing()
    {
        await using var index = await IndexAsync();
        var sut = new Matchmaker(index.Index);

        var suggestions = await sut.SuggestAsync(new Record { Id = Need.Id.Clone(), Version = 2, Deleted = true }, index.Connection);

        Assert.Empty(suggestions);
    }

    [Fact]
    public async Task FindAffectedAsync_ChangedAchievement_NeedsToRecompute()
    {
        await using var index = await IndexAsync();
        var sut = new Matchmaker(index.Index);

        var affected = await sut.FindAffectedAsync(Weak, index.Connection);

        Assert.Equal(["cn-sa/n1"], affected.Select(id => $"{id.CenterId}/{id.LocalId}"));
    }
}

public sealed class SqliteMatchmakerTests() : MatchmakerTests(SqliteTestStore.Instance);

public sealed class PostgresMatchmakerTests(PostgresDatabase database) : MatchmakerTests(database), IClassFixture<PostgresDatabase>;
