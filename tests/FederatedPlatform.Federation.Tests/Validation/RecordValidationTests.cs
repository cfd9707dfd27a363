using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Federation.Tests.TestSupport;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Federation.Tests.Validation;

/// <summary>
/// Every field rule of a record, broken once at the node's API (INVALID_ARGUMENT naming the field) and
/// once in a Publish stream to the hub (a per-change rejection naming the field); stored data never changes.
/// </summary>
public abstract class RecordValidationTests(RecordValidationTests.Fixture federation)
{
    public const string Node = "cn-om";
    public const string Raw = "cn-raw";

    public static TheoryData<string> NodeCases => RecordRuleCases.Names(RuleScope.Node);

    public static TheoryData<string> HubCases => RecordRuleCases.Names(RuleScope.Hub);

    [Theory]
    [MemberData(nameof(NodeCases))]
    public async Task NodeApi_RuleBroken_InvalidArgumentNamingFieldAndNothingStored(string name)
    {
        var rule = RecordRuleCases.Named(name);
        var node = federation.Federation[Node].Api;
        var before = await node.ListOwnAsync();
        var lastSeq = (await node.GetStatusAsync()).LastSeq;

        var created = Broken(rule, TestRecords.Achievement(Node, "new-one"), TestRecords.Need(Node, "new-one"));
        await AssertInvalidArgumentAsync(rule, node.CreateAsync(created));
        if (!rule.ChangesId)
        {
            var updated = Broken(rule, TestRecords.Achievement(Node, "target-a"), TestRecords.Need(Node, "target-n"));
            await AssertInvalidArgumentAsync(rule, node.UpdateAsync(updated));
            var imported = Broken(rule, TestRecords.Achievement(Node, "imported"), TestRecords.Need(Node, "imported"));
            var import = await node.ImportAsync([TestRecords.Achievement(Node, "valid-sibling"), imported]);
            Assert.Equal(0UL, import.Created);
            Assert.Contains(import.Errors, e => e.Index == 1 && e.Field == rule.Field);
        }

        Assert.Equal(before, await node.ListOwnAsync());
        Assert.Equal(lastSeq, (await node.GetStatusAsync()).LastSeq);
    }

    [Theory]
    [MemberData(nameof(HubCases))]
    public async Task HubPublish_RuleBroken_RejectionNamingFieldAndNothingStored(string name)
    {
        var rule = RecordRuleCases.Named(name);
        var hub = federation.Federation.Operator;
        var before = await hub.ListAllRecordsAsync(new RecordFilter { CenterIds = { Raw } });
        var health = await hub.GetCenterHealthAsync(Raw);

        using var stream = federation.Federation.CenterClient(Raw).Publish();
        var seq = (await stream.OpenAsync(Raw, federation.NextEpoch())).AppliedSeq + 1;
        var target = rule.ChangesId ? "new-one" : rule.Kind == RecordKind.Need ? "target-n" : "target-a";
        var broken = Broken(
            rule,
            TestRecords.Published(TestRecords.Achievement(Raw, target, title: "changed"), 2),
            TestRecords.Published(TestRecords.Need(Raw, target), 2));
        await stream.ChangeAsync(seq, broken);
        var responses = await stream.ReadUntilAckAsync(seq);

        var rejection = Assert.Single(responses, r => r.KindCase == PublishResponse.KindOneofCase.Rejection).Rejection;
        Assert.Equal(seq, rejection.Seq);
        Assert.Equal(RejectionCode.InvalidArgument, rejection.Code);
        Assert.Equal(rule.Field, rejection.Field);
        Assert.NotEmpty(rejection.Reason);
        Assert.Equal(before, await hub.ListAllRecordsAsync(new RecordFilter { CenterIds = { Raw } }));
        var after = await hub.GetCenterHealthAsync(Raw);
        Assert.Equal(health.RejectedCount + 1, after.RejectedCount);
        Assert.Equal(seq, after.AppliedSeq);
    }

    public static TheoryData<string> MalformedStreams => ["change before hello", "epoch zero", "second hello", "empty message", "seq zero"];

    [Theory]
    [MemberData(nameof(MalformedStreams))]
    public async Task HubPublish_MalformedStream_InvalidArgumentAndNothingStored(string name)
    {
        var hub = federation.Federation.Operator;
        var before = await hub.ListAllRecordsAsync();
        var record = TestRecords.Published(TestRecords.Achievement(Raw, "malformed"), 1);
        using var stream = federation.Federation.CenterClient(Raw).Publish();
        var epoch = federation.NextEpoch();
        switch (name)
        {
            case "change before hello":
                await stream.ChangeAsync(1, record);
                break;
            case "epoch zero":
                await stream.SendAsync(new PublishRequest { Hello = new Hello { CenterId = Raw, Epoch = 0 } });
                break;
            case "second hello":
                await stream.OpenAsync(Raw, epoch);
                await stream.SendAsync(new PublishRequest { Hello = new Hello { CenterId = Raw, Epoch = epoch } });
                break;
            case "empty message":
                await stream.OpenAsync(Raw, epoch);
                await stream.SendAsync(new PublishRequest());
                break;
            case "seq zero":
                await stream.OpenAsync(Raw, epoch);
                await stream.ChangeAsync(0, record);
                break;
        }

        var (_, error) = await stream.ReadToErrorAsync();
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(before, await hub.ListAllRecordsAsync());
    }

    [Fact]
    public async Task Records_AtEveryLimit_Accepted()
    {
        var record = TestRecords.Need(Node, "at-limits");
        record.Title.Clear();
        foreach (var language in new[] { "zh", "ar", "en", "fr", "ru", "mn", "kk", "es", "de", "ja", "ko", "tr" })
        {
            record.Title[language] = new string('t', 300);
        }

        record.Title["zh"] = string.Concat(Enumerable.Repeat("𠀀", 300));
        record.Summary["en"] = new string('s', 5000);
        record.Keywords.Add(Enumerable.Range(0, 30).Select(i => $"{i}{new string('k', 62)}"));
        record.Organization = new string('o', 200);
        record.Contact = new Contact { Name = new string('n', 100), Email = new string('e', 248) + "@x.org", Phone = new string('1', 32) };
        record.Need.Budget = new Budget { Min = 0, Max = 1_000_000_000_000_000, Currency = "CNY" };
        record.Id.LocalId = "a" + new string('b', 127);

        var created = await federation.Federation[Node].Api.CreateAsync(record);
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                var stored = await federation.Federation.Operator.GetRecordAsync(Node, record.Id.LocalId);
                return stored.Equals(created) ? null : $"the hub holds {Describe(stored)} where the node wrote {Describe(created)}";
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return "not on the hub yet";
            }
        });
    }

    private static string Describe(Record record)
    {
        var copy = record.Clone();
        copy.Title.Clear();
        copy.Summary.Clear();
        copy.Keywords.Clear();
        return $"{copy} with titles {string.Join(",", record.Title.Select(t => $"{t.Key}:{t.Value.Length}"))}, keywords {record.Keywords.Count}";
    }

    private static Record Broken(RecordRuleCase rule, Record achievement, Record need)
    {
        var record = rule.Kind == RecordKind.Need ? need : achievement;
        rule.Break(record);
        return record;
    }

    private static async Task AssertInvalidArgumentAsync(RecordRuleCase rule, Task<Record> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(rule.Field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>One federation for every case: a node with two target records, and cn-raw's two targets published by hand.</summary>
    public abstract class Fixture : IAsyncLifetime
    {
        private long _epoch;

        public TestSupport.Federation Federation { get; private set; } = null!;

        public ulong NextEpoch() => (ulong)Interlocked.Increment(ref _epoch);

        public virtual async Task InitializeAsync()
        {
            Federation = await TestSupport.Federation.StartAsync(Store, [Node]);
            await Federation.RegisterCenterAsync(Raw);
            await Federation[Node].Api.CreateAsync(TestRecords.Achievement(Node, "target-a"));
            await Federation[Node].Api.CreateAsync(TestRecords.Need(Node, "target-n"));
            using var stream = Federation.CenterClient(Raw).Publish();
            await stream.OpenAsync(Raw, NextEpoch());
            await stream.ChangeAsync(1, TestRecords.Published(TestRecords.Achievement(Raw, "target-a"), 1));
            await stream.ChangeAsync(2, TestRecords.Published(TestRecords.Need(Raw, "target-n"), 1));
            await stream.ReadUntilAckAsync(2);
            await Federation.WaitConvergedAsync();
        }

        public virtual async Task DisposeAsync() => await Federation.DisposeAsync();

        /// <summary>The hub's catalog store.</summary>
        protected abstract ITestStore Store { get; }
    }
}

public sealed class SqliteRecordValidationTests(SqliteRecordValidationTests.SqliteFixture federation)
    : RecordValidationTests(federation), IClassFixture<SqliteRecordValidationTests.SqliteFixture>
{
    public sealed class SqliteFixture : Fixture
    {
        protected override ITestStore Store => SqliteTestStore.Instance;
    }
}

/// <summary>The same rules with the hub's catalog in PostgreSQL (the node's store is always SQLite).</summary>
public sealed class PostgresRecordValidationTests(PostgresRecordValidationTests.PostgresFixture federation)
    : RecordValidationTests(federation), IClassFixture<PostgresRecordValidationTests.PostgresFixture>
{
    public sealed class PostgresFixture : Fixture
    {
        private readonly PostgresDatabase _database = new();

        protected override ITestStore Store => _database;

        public override async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            try
            {
                await base.DisposeAsync();
            }
            finally
            {
                await _database.DisposeAsync();
            }
        }
    }
}
