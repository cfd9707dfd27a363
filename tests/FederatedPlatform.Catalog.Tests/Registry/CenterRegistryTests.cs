using FederatedPlatform.Catalog.Registry;
using FederatedPlatform.Catalog.Tests.Support;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Testing;

namespace FederatedPlatform.Catalog.Tests.Registry;

public abstract class CenterRegistryTests(ITestStore store) : IAsyncLifetime
{
    private TestCatalog _catalog = null!;

    private ICenterRegistry Sut => _catalog.Store.Registry;

    public async Task InitializeAsync()
    {
        _catalog = await TestCatalog.CreateAsync(store);
        await _catalog.AddCenterAsync("cn-om");
    }

    public async Task DisposeAsync() => await _catalog.DisposeAsync();

    [Fact]
    public async Task AuthenticateAsync_IssuedToken_ReturnsPrincipal()
    {
        var issued = await Sut.IssueCredentialAsync(Role.Center, "cn-om", "node cn-om-1", CancellationToken.None);

        var principal = await Sut.AuthenticateAsync(issued.Token, CancellationToken.None);

        Assert.Equal(new Principal(issued.Credential.CredentialId, Role.Center, "cn-om"), principal);
        Assert.Matches("^fp_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", issued.Token);
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedToken_Null()
    {
        var issued = await Sut.IssueCredentialAsync(Role.Operator, null, "ops", CancellationToken.None);

        var revoked = await Sut.RevokeCredentialAsync(issued.Credential.CredentialId, CancellationToken.None);

        Assert.NotNull(revoked.RevokedAt);
        Assert.Null(await Sut.AuthenticateAsync(issued.Token, CancellationToken.None));
    }

    [Fact]
    public async Task AuthenticateAsync_WrongSecretOrGarbage_Null()
    {
        var issued = await Sut.IssueCredentialAsync(Role.Reader, null, "", CancellationToken.None);
        var chars = issued.Token.ToCharArray();
        chars[^2] = chars[^2] == 'A' ? 'B' : 'A';
        var wrongSecret = new string(chars);

        Assert.Null(await Sut.AuthenticateAsync(wrongSecret, CancellationToken.None));
        Assert.Null(await Sut.AuthenticateAsync("fp_0000000000000000_" + new string('A', 43), CancellationToken.None));
        Assert.Null(await Sut.AuthenticateAsync("Bearer nonsense", CancellationToken.None));
        Assert.Null(await Sut.AuthenticateAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task IssueCredentialAsync_UnknownCenter_CenterNotFound()
    {
        var error = await Assert.ThrowsAsync<CatalogException>(() => Sut.IssueCredentialAsync(Role.Center, "cn-zz", "", CancellationToken.None));

        Assert.Equal(CatalogErrorCode.CenterNotFound, error.Code);
    }

    [Theory]
    [InlineData(Role.Unspecified, null, "role")]
    [InlineData(Role.Center, null, "center_id")]
    [InlineData(Role.Operator, "cn-om", "center_id")]
    public async Task IssueCredentialAsync_InvalidRequest_InvalidArgument(Role role, string? centerId, string field)
    {
        var error = await Assert.ThrowsAsync<CatalogException>(() => Sut.IssueCredentialAsync(role, centerId, "", CancellationToken.None));

        Assert.Equal((CatalogErrorCode.InvalidArgument, field), (error.Code, error.Field));
    }

    [Fact]
    public async Task ListCredentialsAsync_NeverIncludesSecrets()
    {
        var issued = await Sut.IssueCredentialAsync(Role.Center, "cn-om", "", CancellationToken.None);

        var listed = Assert.Single(await Sut.ListCredentialsAsync("cn-om", CancellationToken.None));

        Assert.Equal(issued.Credential, listed);
        Assert.DoesNotContain(issued.Token[20..], listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterCenterAsync_Duplicate_CenterExists()
    {
        var request = new RegisterCenterRequest { CenterId = "cn-om", Country = "OM", Names = { ["en"] = "China-Oman" } };

        var error = await Assert.ThrowsAsync<CatalogException>(() => Sut.RegisterCenterAsync(request, CancellationToken.None));

        Assert.Equal(CatalogErrorCode.CenterExists, error.Code);
    }

    [Theory]
    [InlineData("CN-OM", "OM", "en", "center_id")]
    [InlineData("cn-ma", "Morocco", "en", "country")]
    [InlineData("cn-ma", "MA", "", "names")]
    public async Task RegisterCenterAsync_InvalidRequest_InvalidArgument(string id, string country, string language, string field)
    {
        var request = new RegisterCenterRequest { CenterId = id, Country = country };
        if (language.Length > 0)
        {
            request.Names[language] = "Center";
        }

        var error = await Assert.ThrowsAsync<CatalogException>(() => Sut.RegisterCenterAsync(request, CancellationToken.None));

        Assert.Equal((CatalogErrorCode.InvalidArgument, field), (error.Code, error.Field));
        Assert.Single(await Sut.ListCentersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetProgressAsync_AfterHeartbeat_LagIsReportedMinusApplied()
    {
        await _catalog.ApplyAsync("cn-om", 1, TestRecords.Achievement("cn-om", "a1"));
        _catalog.Time.Advance(TimeSpan.FromMinutes(1));
        await _catalog.Store.Writer.ReportProgressAsync("cn-om", 1, 5, CancellationToken.None);

        var progress = Assert.Single(await Sut.GetProgressAsync(CancellationToken.None));

        Assert.Equal((1UL, 5UL, 4UL), (progress.AppliedSeq, progress.ReportedSeq, progress.Lag));
        Assert.Equal(_catalog.Time.GetUtcNow(), progress.LastSeen);
    }

    [Fact]
    public async Task RequestResyncAsync_NextHello_CarriesRequest()
    {
        await Sut.RequestResyncAsync("cn-om", "operator asked", CancellationToken.None);

        var start = await _catalog.Store.Writer.OpenPublishAsync("cn-om", 1, 0, CancellationToken.None);

        Assert.True(start.ResyncRequested);
        Assert.Equal("operator asked", start.ResyncReason);
    }
}

public sealed class SqliteCenterRegistryTests() : CenterRegistryTests(SqliteTestStore.Instance);

public sealed class PostgresCenterRegistryTests(PostgresDatabase database) : CenterRegistryTests(database), IClassFixture<PostgresDatabase>;
