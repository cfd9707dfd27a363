using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Federation.Tests.TestSupport;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Federation.Tests.Validation;

/// <summary>Every rule of a record filter, broken at the hub's Watch and ListRecords and at the node's replica listing.</summary>
public sealed class FilterValidationTests(FilterValidationTests.Fixture federation) : IClassFixture<FilterValidationTests.Fixture>
{
    private const string Node = "cn-om";

    private static readonly Dictionary<string, (Func<RecordFilter> Filter, string Field)> Cases = new()
    {
        ["kind unspecified"] = (() => new RecordFilter { Kinds = { RecordKind.Unspecified } }, "filter.kinds[0]"),
        ["kind undefined"] = (() => new RecordFilter { Kinds = { RecordKind.Need, (RecordKind)42 } }, "filter.kinds[1]"),
        ["sector unspecified"] = (() => new RecordFilter { Sectors = { Sector.Unspecified } }, "filter.sectors[0]"),
        ["center id upper case"] = (() => new RecordFilter { CenterIds = { "CN-OM" } }, "filter.center_ids[0]"),
        ["center id over 64 characters"] = (() => new RecordFilter { CenterIds = { new string('c', 65) } }, "filter.center_ids[0]"),
        ["country lower case"] = (() => new RecordFilter { Countries = { "OM", "eg" } }, "filter.countries[1]"),
        ["101 countries"] = (() => new RecordFilter { Countries = { Enumerable.Repeat("OM", 101) } }, "filter.countries"),
        ["101 center ids"] = (() => new RecordFilter { CenterIds = { Enumerable.Repeat("cn-om", 101) } }, "filter.center_ids"),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Watch_InvalidFilter_InvalidArgumentNamingField(string name)
    {
        var (filter, field) = Cases[name];
        using var watch = federation.Federation.Operator.Watch(filter());
        var error = await Assert.ThrowsAsync<RpcException>(watch.NextAsync);
        AssertInvalid(error, field);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ListRecords_InvalidFilter_InvalidArgumentNamingField(string name)
    {
        var (filter, field) = Cases[name];
        AssertInvalid(await Assert.ThrowsAsync<RpcException>(() => federation.Federation.Operator.ListAllRecordsAsync(filter())), field);
        AssertInvalid(await Assert.ThrowsAsync<RpcException>(() => federation.Federation[Node].Api.ListReplicaAsync(filter())), field);

        // The federation goes on: the refused reads changed nothing and disturbed no stream.
        Assert.Single(await federation.Federation.Operator.ListAllRecordsAsync());
        await federation.Federation.WaitConvergedAsync();
    }

    private static void AssertInvalid(RpcException error, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public TestSupport.Federation Federation { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Federation = await TestSupport.Federation.StartAsync([Node]);
            await Federation[Node].Api.CreateAsync(TestRecords.Achievement(Node, "a1"));
            await Federation.WaitConvergedAsync();
        }

        public async Task DisposeAsync() => await Federation.DisposeAsync();
    }
}
