using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;
using FederatedPlatform.Testing;

namespace FederatedPlatform.Hub.Tests.Searching;

/// <summary>The search index is SQLite's (FTS5) so far: on a PostgreSQL catalog, Search says so instead of failing obscurely.</summary>
public sealed class PostgresSearchServiceTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Search_PostgresCatalog_UnimplementedNamingTheStore()
    {
        await using var hub = await TestHub.StartAsync(database);
        var reader = await hub.AddReaderAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => reader.SearchAsync("solar"));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("PostgreSQL", error.Status.Detail, StringComparison.Ordinal);
    }
}
