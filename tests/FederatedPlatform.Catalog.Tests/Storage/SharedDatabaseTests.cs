using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Catalog.Tests.Support;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Testing;

namespace FederatedPlatform.Catalog.Tests.Storage;

/// <summary>Two stores over one database, as two hub instances (or a hub and a tool) see it.</summary>
public abstract class SharedDatabaseTests(ITestStore store) : IAsyncLifetime
{
    private static readonly string[] Centers = ["cn-om", "cn-eg", "cn-mn", "cn-sa"];
    private TestStoreLocation _location = null!;
    private CatalogStore _first = null!;
    private CatalogStore _second = null!;

    public async Task InitializeAsync()
    {
        _location = await store.CreateLocationAsync();
        _first = await _location.OpenAsync(null, TimeProvider.System);
        _second = await _location.OpenAsync(null, TimeProvider.System);
        foreach (var center in Centers)
        {
            var request = new RegisterCenterRequest { CenterId = center, Country = "OM" };
            request.Names.Add("en", center);
            await _first.Registry.RegisterCenterAsync(request, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _location.DeleteAsync();
    }

    [Fact]
    public async Task IssueFirstOperatorCredential_ManyAtOnceOnBothStores_ExactlyOneIssued()
    {
        const int Attempts = 8;
        var attempts = Enumerable.Range(0, Attempts).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _first : _second).Registry.IssueFirstOperatorCredentialAsync("first start " + i, CancellationToken.None)));

        var issued = await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromSeconds(60));
        var again = await _second.Registry.IssueFirstOperatorCredentialAsync("a later start", CancellationToken.None);
        var stored = await _first.Registry.ListCredentialsAsync(null, CancellationToken.None);

        var winner = Assert.Single(issued, i => i is not null)!;
        Assert.Null(again);
        var credential = Assert.Single(stored);
        Assert.Equal(winner.Credential.CredentialId, credential.CredentialId);
        Assert.Equal(Role.Operator, credential.Role);
        Assert.Equal(Role.Operator, (await _second.Registry.AuthenticateAsync(winner.Token, CancellationToken.None))?.Role);
    }

    [Fact]
    public async Task ApplyAsync_WritersOnBothStores_SequenceGapFreeInCommitOrderAndReadersNeverSeeAHole()
    {
        const int Batches = 15;
        const int BatchSize = 5;
        using var done = new CancellationTokenSource();
        var reader = ReadWhileWritingAsync(_second, done.Token);
        var writers = Centers.Select((center, i) => WriteAsync(i % 2 == 0 ? _first : _second, center, Batches, BatchSize)).ToList();

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        await done.CancelAsync();
        var reads = await reader.WaitAsync(TimeSpan.FromSeconds(30));

        var total = Centers.Length * Batches * BatchSize;
        var page = await _first.Feed.ReadChangesAsync(0, CatalogFilter.All, total + 1, total + 1, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, total).Select(i => (ulong)i), page.Changes.Select(c => c.Seq));
        foreach (var commit in page.Changes.GroupBy(c => c.CommitEndSeq))
        {
            Assert.Equal(BatchSize, commit.Count());
            Assert.Single(commit.Select(c => c.CenterId).Distinct());
            Assert.Equal(commit.Key, commit.Max(c => c.Seq));
        }

        foreach (var center in Centers)
        {
            var changes = page.Changes.Where(c => c.CenterId == center).ToList();
            Assert.Equal(Enumerable.Range(1, Batches * BatchSize).Select(i => (ulong)i), changes.Select(c => c.Record.Version));
        }

        Assert.True(reads > 0);
    }

    [Fact]
    public async Task ApplyAsync_OlderEpochThroughTheOtherStore_FencedAndNothingWritten()
    {
        await _first.Writer.OpenPublishAsync("cn-om", 1, 0, CancellationToken.None);
        await _second.Writer.OpenPublishAsync("cn-om", 2, 0, CancellationToken.None);

        var sut = await Assert.ThrowsAsync<CatalogException>(() => _first.Writer.ApplyAsync(
            "cn-om", 1, [TestRecords.Change(1, TestRecords.Achievement("cn-om", "a1"))], CancellationToken.None));

        Assert.Equal(CatalogErrorCode.EpochFenced, sut.Code);
        Assert.Equal(0UL, (await _second.Feed.GetPositionAsync(CancellationToken.None)).HeadSeq);
        var older = await Assert.ThrowsAsync<CatalogException>(() => _first.Writer.OpenPublishAsync("cn-om", 1, 0, CancellationToken.None));
        Assert.Equal(CatalogErrorCode.EpochFenced, older.Code);
        var current = await _second.Writer.ApplyAsync(
            "cn-om", 2, [TestRecords.Change(1, TestRecords.Achievement("cn-om", "a1"))], CancellationToken.None);
        Assert.Equal(1UL, current.AppliedSeq);
    }

    private static async Task WriteAsync(CatalogStore target, string center, int batches, int batchSize)
    {
        await target.Writer.OpenPublishAsync(center, 1, 0, CancellationToken.None);
        for (var b = 0; b < batches; b++)
        {
            var changes = Enumerable.Range(1, batchSize)
                .Select(i => (ulong)((b * batchSize) + i))
                .Select(seq => TestRecords.Change(seq, TestRecords.Achievement(center, $"r{seq % 7}", version: seq)))
                .ToList();
            var result = await target.Writer.ApplyAsync(center, 1, changes, CancellationToken.None);
            Assert.Equal((ulong)((b + 1) * batchSize), result.AppliedSeq);
        }
    }

    /// <summary>Follows the feed like a watcher; every page must continue exactly where the last ended.</summary>
    private static async Task<int> ReadWhileWritingAsync(CatalogStore reader, CancellationToken done)
    {
        ulong position = 0;
        var reads = 0;
        while (!done.IsCancellationRequested)
        {
            var page = await reader.Feed.ReadChangesAsync(position, CatalogFilter.All, 50, 1000, CancellationToken.None);
            var expected = position;
            foreach (var change in page.Changes)
            {
                Assert.Equal(expected + 1, change.Seq);
                expected = change.Seq;
            }

            Assert.Equal(page.Through, expected);
            position = page.Through;
            reads++;
            await Task.Yield();
        }

        return reads;
    }
}

public sealed class SqliteSharedDatabaseTests() : SharedDatabaseTests(SqliteTestStore.Instance);

public sealed class PostgresSharedDatabaseTests(PostgresDatabase database) : SharedDatabaseTests(database), IClassFixture<PostgresDatabase>;
