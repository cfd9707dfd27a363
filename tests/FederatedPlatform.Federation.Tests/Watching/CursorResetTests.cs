using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Federation.Tests.TestSupport;

namespace FederatedPlatform.Federation.Tests.Watching;

/// <summary>Cursors that cannot be resumed get an in-band reset and a fresh snapshot, never an error to retry.</summary>
public abstract class CursorResetTests(ITestStore store)
{
    private const string Om = "cn-om";
    private static readonly RecordFilter Needs = new() { Kinds = { RecordKind.Need } };

    private static string[] DamagedCursors(string valid) =>
    [
        Flip(valid, valid.Length / 2),
        Flip(valid, 1),
        Flip(valid, valid.Length - 2),
        valid[..^4],
        valid + "AAAA",
        "not a cursor",
        "%%%%",
        new string('A', 100_000),
    ];

    [Fact]
    public async Task Watch_DamagedOrForgedCursors_ResetInvalidCursorThenSnapshot()
    {
        await using var federation = await StartAsync();
        var valid = await CursorAsync(federation, filter: null);

        foreach (var damaged in DamagedCursors(valid))
        {
            await AssertResetThenSnapshotAsync(federation, null, damaged, ResetReason.InvalidCursor);
        }
    }

    [Fact]
    public async Task Watch_CursorOfAnotherFilter_ResetOtherFilterThenSnapshotOfThisFilter()
    {
        await using var federation = await StartAsync();
        var ofEverything = await CursorAsync(federation, filter: null);
        var ofNeeds = await CursorAsync(federation, Needs);

        await AssertResetThenSnapshotAsync(federation, Needs, ofEverything, ResetReason.OtherFilter);
        await AssertResetThenSnapshotAsync(federation, null, ofNeeds, ResetReason.OtherFilter);
    }

    [Fact]
    public async Task Watch_CursorOfAnotherHubDatabase_ResetOtherHubEpochThenSnapshot()
    {
        string foreign;
        await using (var other = await StartAsync())
        {
            foreign = await CursorAsync(other, filter: null);
        }

        await using var federation = await StartAsync();
        await AssertResetThenSnapshotAsync(federation, null, foreign, ResetReason.OtherHubEpoch);
    }

    private async Task<TestSupport.Federation> StartAsync()
    {
        var federation = await TestSupport.Federation.StartAsync(store, [Om]);
        await federation[Om].Api.CreateAsync(TestRecords.Achievement(Om, "a1"));
        await federation[Om].Api.CreateAsync(TestRecords.Need(Om, "n1"));
        await federation.WaitConvergedAsync();
        return federation;
    }

    private static async Task<string> CursorAsync(TestSupport.Federation federation, RecordFilter? filter)
    {
        using var watch = federation.Operator.Watch(filter);
        var (_, complete) = await watch.ReadSnapshotAsync();
        return complete.Cursor;
    }

    private static async Task AssertResetThenSnapshotAsync(TestSupport.Federation federation, RecordFilter? filter, string cursor, ResetReason reason)
    {
        using var sut = federation.Operator.Watch(filter, cursor);
        var reset = await sut.NextChangeAsync();
        Assert.Equal(WatchEvent.KindOneofCase.Reset, reset.KindCase);
        Assert.Equal(reason, reset.Reset.Reason);
        var (records, complete) = await sut.ReadSnapshotAsync();
        Assert.Null(CatalogView.Live(records).Difference(CatalogView.Live(await federation.Operator.ListAllRecordsAsync(filter))));
        Assert.Equal((ulong)records.Count, complete.SnapshotComplete.Count);

        // The fresh cursor resumes.
        using var resumed = federation.Operator.Watch(filter, complete.Cursor);
        await federation[Om].Api.CreateAsync(TestRecords.Need(Om, $"n-{Guid.NewGuid():N}"));
        var next = await resumed.NextChangeAsync();
        Assert.Equal(WatchEvent.KindOneofCase.Upsert, next.KindCase);
    }

    private static string Flip(string cursor, int index)
    {
        var chars = cursor.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}

public sealed class SqliteCursorResetTests() : CursorResetTests(SqliteTestStore.Instance);

public sealed class PostgresCursorResetTests(PostgresDatabase database) : CursorResetTests(database), IClassFixture<PostgresDatabase>;
