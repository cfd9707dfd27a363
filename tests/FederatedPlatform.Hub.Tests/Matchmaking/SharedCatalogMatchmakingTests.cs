using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Matchmaking;

/// <summary>
/// Two hub instances on one PostgreSQL catalog: the search index is written in either instance's commits,
/// and both matchmaking loops run without clashing (one suggestion history, seen through either instance;
/// a MarkSuggestion reaches the other instance's watchers at its next catalog wake, as it commits no catalog change).
/// </summary>
public sealed class SharedCatalogMatchmakingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Offering = "cn-om";
    private const string Asking = "cn-eg";

    [Fact]
    public async Task TwoInstances_PublishThroughEach_SearchAndSuggestionsAgreeOnBoth()
    {
        await using var first = await TestHub.StartAsync(database);
        await using var second = await TestHub.StartAsync(first.Location);
        var offering = await first.AddCenterAsync(Offering);
        await first.Operator.RegisterCenterAsync(Asking);
        var asking = second.Client((await second.Operator.IssueCredentialAsync(Role.Center, Asking)).Token);
        var offeringOnSecond = second.Client((await second.Operator.IssueCredentialAsync(Role.Center, Offering)).Token);
        using var watchFirst = offering.WatchSuggestions(Offering);
        using var watchSecond = offeringOnSecond.WatchSuggestions(Offering);
        await watchFirst.ReadUntilCaughtUpAsync();
        await watchSecond.ReadUntilCaughtUpAsync();

        await PublishAsync(offering, Offering, TestRecords.Achievement(Offering, "a1"));
        await PublishAsync(asking, Asking, Need("n1"));
        var seenFirst = await watchFirst.NextSuggestionAsync(s => s.Need.LocalId == "n1");
        var seenSecond = await watchSecond.NextSuggestionAsync(s => s.Need.LocalId == "n1");
        await asking.MarkSuggestionAsync(new MarkSuggestionRequest
        {
            Need = new RecordId { CenterId = Asking, LocalId = "n1" },
            Achievement = new RecordId { CenterId = Offering, LocalId = "a1" },
            State = SuggestionState.Contacted,
        });
        var marked = await watchSecond.NextSuggestionAsync(s => s.State == SuggestionState.Contacted);

        Assert.Equal("a1", Assert.Single((await (await second.AddReaderAsync()).SearchAsync("海水淡化")).Hits).Record.Id.LocalId);
        Assert.Equal("n1", Assert.Single((await (await first.AddReaderAsync()).SearchAsync("القرى الساحلية")).Hits).Record.Id.LocalId);
        Assert.Equal(seenFirst.Achievement.LocalId, seenSecond.Achievement.LocalId);
        Assert.Equal(seenFirst.Score, seenSecond.Score);
        var listedFirst = await offering.ListSuggestionsAsync(new ListSuggestionsRequest { CenterId = Offering });
        var listedSecond = await offeringOnSecond.ListSuggestionsAsync(new ListSuggestionsRequest { CenterId = Offering });
        Assert.Equal(listedFirst.Suggestions, listedSecond.Suggestions);
        Assert.Equal(SuggestionState.Contacted, Assert.Single(listedFirst.Suggestions).State);
        Assert.Equal(Asking, marked.StateChangedBy);
    }

    private static Record Need(string localId)
    {
        var record = TestRecords.Achievement(Asking, localId);
        record.Kind = RecordKind.Need;
        record.Country = "EG";
        record.Need = new NeedDetails { Budget = new Budget { Min = 100_000, Max = 500_000, Currency = "USD" }, Deadline = "2026-06-30" };
        record.Title.Clear();
        record.Title.Add("en", "Solar desalination for coastal villages");
        record.Title.Add("ar", "تحلية المياه بالطاقة الشمسية للقرى الساحلية");
        record.Keywords.Clear();
        record.Keywords.Add(["desalination", "solar"]);
        return record;
    }

    private static async Task PublishAsync(HubClient center, string centerId, Record record)
    {
        using var publish = center.Publish();
        await publish.OpenAsync(centerId, 1);
        await publish.ChangeAsync(1, record);
        await publish.ReadUntilAckAsync(1);
        await publish.CompleteAsync();
    }
}
