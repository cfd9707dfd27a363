using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;
using FederatedPlatform.Hub.Tests.Support;

namespace FederatedPlatform.Hub.Tests.Authentication;

public abstract class HubCallInterceptorTests(ITestStore store)
{
    private const string Center = "cn-om";

    [Theory]
    [InlineData(null)]
    [InlineData("fp_0123456789abcdef_wrongsecretwrongsecretwrongsecretwrongsec")]
    [InlineData("not a token")]
    public async Task Call_MissingOrWrongToken_Unauthenticated(string? token)
    {
        await using var hub = await TestHub.StartAsync(store);
        var sut = hub.Client(token);

        var error = await Assert.ThrowsAsync<RpcException>(sut.ListCentersAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Call_RevokedCredential_UnauthenticatedAndOpenStreamEnded()
    {
        await using var hub = await TestHub.StartAsync(store);
        var issued = await hub.Operator.IssueCredentialAsync(Role.Reader);
        var sut = hub.Client(issued.Token);
        await sut.ListCentersAsync();
        using var watch = sut.Watch();
        await watch.ReadSnapshotAsync();

        await hub.Operator.RevokeCredentialAsync(issued.Credential.CredentialId);
        var streamError = await watch.ReadErrorAsync();
        var callError = await Assert.ThrowsAsync<RpcException>(sut.ListCentersAsync);

        Assert.Equal(StatusCode.Unauthenticated, streamError.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, callError.StatusCode);
    }

    [Fact]
    public async Task Publish_ReaderCredential_PermissionDenied()
    {
        await using var hub = await TestHub.StartAsync(store);
        await hub.AddCenterAsync(Center);
        var sut = await hub.AddReaderAsync();
        using var publish = sut.Publish();

        var error = await publish.HelloRefusedAsync(Center, 1);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("reader", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_CenterCredential_PermissionDenied()
    {
        await using var hub = await TestHub.StartAsync(store);
        var sut = await hub.AddCenterAsync(Center);

        var error = await Assert.ThrowsAsync<RpcException>(() => sut.IssueCredentialAsync(Role.Operator));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Watch_MoreStreamsThanAllowed_ResourceExhausted()
    {
        await using var hub = await TestHub.StartAsync(store, o => o.MaxStreamsPerCredential = 2);
        var sut = await hub.AddReaderAsync();
        using var first = sut.Watch();
        using var second = sut.Watch();
        await first.ReadSnapshotAsync();
        await second.ReadSnapshotAsync();

        using var third = sut.Watch();
        var error = await third.ReadErrorAsync();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Call_RateExceeded_ResourceExhaustedUntilTokensRefill()
    {
        await using var hub = await TestHub.StartAsync(store, o =>
        {
            o.RequestsPerSecondPerCredential = 1;
            o.RequestBurstPerCredential = 3;
        });
        var issued = await hub.Operator.IssueCredentialAsync(Role.Reader);
        var sut = hub.Client(issued.Token);
        for (var i = 0; i < 3; i++)
        {
            await sut.ListCentersAsync();
        }

        var error = await Assert.ThrowsAsync<RpcException>(sut.ListCentersAsync);
        hub.Time.Advance(TimeSpan.FromSeconds(1));
        await sut.ListCentersAsync();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}

public sealed class SqliteHubCallInterceptorTests() : HubCallInterceptorTests(SqliteTestStore.Instance);

public sealed class PostgresHubCallInterceptorTests(PostgresDatabase database) : HubCallInterceptorTests(database), IClassFixture<PostgresDatabase>;
