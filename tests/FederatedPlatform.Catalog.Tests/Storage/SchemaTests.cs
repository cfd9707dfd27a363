using FederatedPlatform.Testing;

namespace FederatedPlatform.Catalog.Tests.Storage;

public abstract class SchemaTests(ITestStore store) : IAsyncLifetime
{
    private TestStoreLocation _location = null!;

    public async Task InitializeAsync() => _location = await store.CreateLocationAsync();

    public async Task DisposeAsync() => await _location.DeleteAsync();

    [Fact]
    public async Task OpenAsync_SchemaNewerThanThisBuild_RefusedWithOneLineMessage()
    {
        await (await _location.OpenAsync(null, TimeProvider.System)).DisposeAsync();
        await _location.ExecuteSqlAsync("UPDATE hub_state SET schema_version = 99 WHERE id = 1");

        var sut = await Assert.ThrowsAsync<CatalogException>(() => _location.OpenAsync(null, TimeProvider.System));

        Assert.Equal(CatalogErrorCode.SchemaTooNew, sut.Code);
        Assert.Contains("schema version 99", sut.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade the hub", sut.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', sut.Message);
    }

    [Fact]
    public async Task OpenAsync_SeveralInstancesStartingTogether_CreateOneCatalog()
    {
        var opening = Enumerable.Range(0, 3).Select(_ => _location.OpenAsync(null, TimeProvider.System)).ToList();

        var sut = await Task.WhenAll(opening).WaitAsync(TimeSpan.FromSeconds(60));

        try
        {
            Assert.Single(sut.Select(s => s.Identity.Epoch).Distinct());
            Assert.All(sut, s => Assert.Equal(1, s.Identity.SchemaVersion));
        }
        finally
        {
            foreach (var opened in sut)
            {
                await opened.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OpenAsync_Existing_KeepsIdentityAndData()
    {
        string epoch;
        await using (var first = await _location.OpenAsync(null, TimeProvider.System))
        {
            epoch = first.Identity.Epoch;
            var request = new Contracts.V1.RegisterCenterRequest { CenterId = "cn-om", Country = "OM" };
            request.Names.Add("en", "China-Oman");
            await first.Registry.RegisterCenterAsync(request, CancellationToken.None);
        }

        await using var sut = await _location.OpenAsync(null, TimeProvider.System);

        Assert.Equal(epoch, sut.Identity.Epoch);
        Assert.Single(await sut.Registry.ListCentersAsync(CancellationToken.None));
    }
}

public sealed class SqliteSchemaTests() : SchemaTests(SqliteTestStore.Instance);

public sealed class PostgresSchemaTests(PostgresDatabase database) : SchemaTests(database), IClassFixture<PostgresDatabase>;
