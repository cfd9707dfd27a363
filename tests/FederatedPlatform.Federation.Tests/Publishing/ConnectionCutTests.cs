using FederatedPlatform.Federation.Tests.TestSupport;

namespace FederatedPlatform.Federation.Tests.Publishing;

/// <summary>A node's connection to the hub reset in the middle of a message, in each direction.</summary>
public abstract class ConnectionCutTests(ITestStore store)
{
    private const string Om = "cn-om";
    private const string Eg = "cn-eg";

    [Fact]
    public async Task ConnectionCut_MidMessageToHub_NodeReconnectsAndChangeAppliedOnce()
    {
        await using var federation = await TestSupport.Federation.StartAsync(store, [Eg]);
        await using var proxy = new CuttingProxy(federation.HubAddress);
        await federation.RegisterCenterAsync(Om);
        await federation.StartNodeAsync(Om, proxy.Address);
        var om = new WrittenChanges(federation, Om);
        await om.CreateAsync(TestRecords.Achievement(Om, "small"));
        await federation.WaitConvergedAsync();

        // The next bytes to the hub are the ~24 KB Publish message of the large record.
        var cut = proxy.CutAfter(Direction.ToHub, 2000);
        await om.CreateAsync(TestRecords.Large(Om, "large"));
        await cut.WithTimeout();

        await om.CreateAsync(TestRecords.Achievement(Om, "after"));
        await federation.WaitConvergedAsync();
        Assert.True(proxy.Connections >= 2, "the node never reconnected");
        Assert.Null(om.DifferenceFromHubLog(await federation.ReadHubChangeLogAsync()));
    }

    [Fact]
    public async Task ConnectionCut_MidMessageFromHub_ReplicaResumesWithoutLossOrDuplicate()
    {
        await using var federation = await TestSupport.Federation.StartAsync(store, [Eg]);
        await using var proxy = new CuttingProxy(federation.HubAddress);
        await federation.RegisterCenterAsync(Om);
        await federation.StartNodeAsync(Om, proxy.Address);
        var eg = new WrittenChanges(federation, Eg);
        var om = new WrittenChanges(federation, Om);
        await eg.CreateAsync(TestRecords.Achievement(Eg, "small"));
        await om.CreateAsync(TestRecords.Achievement(Om, "own"));
        await federation.WaitConvergedAsync();

        // The next bytes to cn-om's node are the Watch event carrying cn-eg's ~24 KB record.
        var cut = proxy.CutAfter(Direction.FromHub, 2000);
        await eg.CreateAsync(TestRecords.Large(Eg, "large"));
        await cut.WithTimeout();

        await eg.UpdateAsync(TestRecords.Achievement(Eg, "small", title: "Solar desalination, revised"));
        await om.CreateAsync(TestRecords.Achievement(Om, "after"));
        await federation.WaitConvergedAsync();
        Assert.True(proxy.Connections >= 2, "the node never reconnected");
        var log = await federation.ReadHubChangeLogAsync();
        Assert.Null(om.DifferenceFromHubLog(log));
        Assert.Null(eg.DifferenceFromHubLog(log));
    }
}

public sealed class SqliteConnectionCutTests() : ConnectionCutTests(SqliteTestStore.Instance);

public sealed class PostgresConnectionCutTests(PostgresDatabase database) : ConnectionCutTests(database), IClassFixture<PostgresDatabase>;
