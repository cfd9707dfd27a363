using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Hub.Tests.Storage;

/// <summary>A failing catalog database reaches clients as a status they can act on, and costs no stored data.</summary>
public abstract class StorageFailureTests(ITestStore store)
{
    protected const string Center = "cn-om";

    [Fact]
    public async Task GetRecord_CatalogTableGone_InternalWithoutTheCauseAndTheRecordIntactAfter()
    {
        await using var hub = await TestHub.StartAsync(store, expectErrors: true);
        var center = await hub.AddCenterAsync(Center);
        var reader = await hub.AddReaderAsync();
        await PublishAsync(center, 1, "a1");
        var before = await reader.GetRecordAsync(Center, "a1");

        await hub.Location.ExecuteSqlAsync("ALTER TABLE records RENAME TO records_moved_away");
        var error = await Assert.ThrowsAsync<RpcException>(() => reader.GetRecordAsync(Center, "a1"));
        await hub.Location.ExecuteSqlAsync("ALTER TABLE records_moved_away RENAME TO records");
        var after = await reader.GetRecordAsync(Center, "a1");

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("database", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("records_moved_away", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    protected static async Task PublishAsync(HubClient center, ulong epoch, string localId)
    {
        using var publish = center.Publish();
        await publish.OpenAsync(Center, epoch);
        await publish.ChangeAsync(1, TestRecords.Achievement(Center, localId));
        await publish.ReadUntilAckAsync(1);
        await publish.CompleteAsync();
    }
}

public sealed class SqliteStorageFailureTests() : StorageFailureTests(SqliteTestStore.Instance)
{
    [Fact]
    public async Task Publish_FileWriteLockedByAnotherConnection_UnavailableThenAppliedOnceReleased()
    {
        await using var hub = await TestHub.StartAsync(
            SqliteTestStore.Instance, o => o.DatabaseBusyTimeout = TimeSpan.FromMilliseconds(50), expectErrors: true);
        var center = await hub.AddCenterAsync(Center);
        await using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = hub.Location.SqlitePath, Pooling = false }.ToString());
        await holder.OpenAsync();
        using var transaction = holder.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: holds the write lock

        RpcException refused;
        using (var publish = center.Publish())
        {
            refused = await publish.HelloRefusedAsync(Center, 1);
        }

        transaction.Rollback();
        await PublishAsync(center, 1, "a1");
        var stored = await center.GetRecordAsync(Center, "a1");
        var health = await hub.Operator.GetFederationHealthAsync();

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("retry", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("a1", stored.Id.LocalId);
        Assert.Equal(1UL, health.Centers.Single(c => c.CenterId == Center).AppliedSeq);
    }
}

public sealed class PostgresStorageFailureTests(PostgresDatabase database) : StorageFailureTests(database), IClassFixture<PostgresDatabase>;
