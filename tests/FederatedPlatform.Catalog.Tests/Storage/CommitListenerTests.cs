using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Catalog.Tests.Support;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Testing;
using Npgsql;

namespace FederatedPlatform.Catalog.Tests.Storage;

/// <summary>PostgreSQL only: commits through one store wake the listener of another (LISTEN/NOTIFY), also after the listener's connection is killed.</summary>
public sealed class CommitListenerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _wakes = new(0);
    private readonly CancellationTokenSource _stop = new();
    private TestStoreLocation _location = null!;
    private CatalogStore _listener = null!;
    private CatalogStore _writer = null!;
    private Task _listening = Task.CompletedTask;
    private ulong _seq;

    public async Task InitializeAsync()
    {
        _location = await database.CreateLocationAsync();
        _listener = await _location.OpenAsync(null, TimeProvider.System);
        _writer = await _location.OpenAsync(null, TimeProvider.System);
        var request = new RegisterCenterRequest { CenterId = "cn-om", Country = "OM" };
        request.Names.Add("en", "China-Oman");
        await _writer.Registry.RegisterCenterAsync(request, CancellationToken.None);
        await _writer.Writer.OpenPublishAsync("cn-om", 1, 0, CancellationToken.None);
        _listening = _listener.ListenForCommitsAsync(() => _wakes.Release(), _stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listening.WaitAsync(Timeout);
        await _listener.DisposeAsync();
        await _writer.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task ListenForCommitsAsync_CommitThroughOtherStore_Wakes()
    {
        await WakeAsync(); // listening (and a wake for whatever was missed before)
        Drain();

        await ApplyAsync();

        await WakeAsync();
    }

    [Fact]
    public async Task ListenForCommitsAsync_BatchThatCommitsNoCatalogChange_DoesNotWake()
    {
        await WakeAsync();
        Drain();

        // Notifications arrive in commit order: had the rejected batch announced anything, it would be
        // waiting before the wake of the accepted one.
        var rejected = new Record { Id = new RecordId { CenterId = "cn-eg", LocalId = "x" }, Version = 1 };
        await _writer.Writer.ApplyAsync("cn-om", 1, [new Change { Seq = ++_seq, Record = rejected }], CancellationToken.None);
        await ApplyAsync();

        await WakeAsync();
        Assert.Equal(0, _wakes.CurrentCount);
    }

    [Fact]
    public async Task ListenForCommitsAsync_ListenerConnectionKilled_ReconnectsAndWakes()
    {
        await WakeAsync();
        Drain();

        await using (var admin = new NpgsqlConnection(database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'", admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        await WakeAsync(); // after reconnecting: commits made meanwhile are looked for
        Drain();
        await ApplyAsync();
        await WakeAsync();
    }

    private async Task ApplyAsync()
    {
        _seq++;
        var result = await _writer.Writer.ApplyAsync(
            "cn-om", 1, [new Change { Seq = _seq, Record = TestRecords.Achievement("cn-om", $"a{_seq}") }], CancellationToken.None);
        Assert.Single(result.Committed);
    }

    private async Task WakeAsync()
    {
        if (!await _wakes.WaitAsync(Timeout))
        {
            throw new TimeoutException($"no wake within {Timeout.TotalSeconds} s");
        }
    }

    private void Drain()
    {
        while (_wakes.Wait(TimeSpan.Zero))
        {
        }
    }
}
