using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Registry;

public abstract class RegistryServiceTests(ITestStore store) : IAsyncLifetime
{
    private TestHub _hub = null!;
    private HubClient _sut = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(store);
        _sut = _hub.Operator;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task RegisterCenter_TakenId_AlreadyExists()
    {
        await _sut.RegisterCenterAsync("cn-om");

        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.RegisterCenterAsync("cn-om"));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task RegisterCenter_InvalidCountry_InvalidArgumentNamingTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.RegisterCenterAsync("cn-om", country: "Oman"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("country:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueCredential_UnknownCenter_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.IssueCredentialAsync(Role.Center, "cn-xx"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task IssueAndRevoke_CenterCredential_ListedWithoutSecretThenRevoked()
    {
        await _sut.RegisterCenterAsync("cn-om");
        var issued = await _sut.IssueCredentialAsync(Role.Center, "cn-om", "node cn-om-1");

        var revoked = await _sut.RevokeCredentialAsync(issued.Credential.CredentialId);
        var listed = await _sut.ListCredentialsAsync("cn-om");

        var credential = Assert.Single(listed.Credentials);
        Assert.Equal(("node cn-om-1", Role.Center), (credential.Description, credential.Role));
        Assert.NotNull(revoked.Credential.RevokedAt);
        Assert.NotNull(credential.RevokedAt);
        Assert.DoesNotContain(issued.Token[^20..], listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeCredential_Unknown_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.RevokeCredentialAsync("0123456789abcdef"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetFederationHealth_CenterNeverConnected_NotConnectedWithoutLastSeen()
    {
        await _sut.RegisterCenterAsync("cn-om");

        var health = await _sut.GetFederationHealthAsync();

        Assert.Equal(_hub.Host.HubEpoch, health.HubEpoch);
        var center = Assert.Single(health.Centers);
        Assert.False(center.Connected);
        Assert.Null(center.LastSeen);
    }

    [Fact]
    public async Task RequestResync_UnknownCenter_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _sut.RequestResyncAsync("cn-xx", "why"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}

public sealed class SqliteRegistryServiceTests() : RegistryServiceTests(SqliteTestStore.Instance);

public sealed class PostgresRegistryServiceTests(PostgresDatabase database) : RegistryServiceTests(database), IClassFixture<PostgresDatabase>;
