using System.Diagnostics;
using FederatedPlatform.Catalog.Tests.Support;
using Xunit.Abstractions;
using FederatedPlatform.Testing;

namespace FederatedPlatform.Catalog.Tests.Storage;

/// <summary>Prints the apply rate with durable commits; a measurement, not a timed assertion.</summary>
public abstract class ApplyThroughputTests(ITestStore store, ITestOutputHelper output)
{
    [Fact]
    public async Task ApplyAsync_BatchesOf500_PrintsChangesPerSecond()
    {
        const int Batches = 100;
        const int BatchSize = 500;
        await using var catalog = await TestCatalog.CreateAsync(store);
        await catalog.AddCenterAsync("cn-om");
        var batches = Enumerable.Range(0, Batches)
            .Select(b => Enumerable.Range(0, BatchSize)
                .Select(i =>
                {
                    var seq = (ulong)((b * BatchSize) + i + 1);
                    var record = (seq % 2 == 0)
                        ? TestRecords.Achievement("cn-om", $"r{seq % 20_000}", version: seq)
                        : TestRecords.Need("cn-om", $"r{seq % 20_000}", version: seq);
                    return TestRecords.Change(seq, record);
                })
                .ToList())
            .ToList();

        var stopwatch = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            var result = await catalog.Store.Writer.ApplyAsync("cn-om", 1, batch, CancellationToken.None);
            Assert.Null(result.ExpectedSeq);
        }

        stopwatch.Stop();
        var rate = Batches * BatchSize / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"applied {Batches * BatchSize} changes in batches of {BatchSize}: {rate:N0} changes/s ({stopwatch.Elapsed.TotalMilliseconds:N0} ms)");
        Console.WriteLine($"[catalog-apply] {rate:N0} changes/s");
        Assert.Equal((ulong)(Batches * BatchSize), (await catalog.Store.Feed.GetPositionAsync(CancellationToken.None)).HeadSeq);
    }
}

public sealed class SqliteApplyThroughputTests(ITestOutputHelper output) : ApplyThroughputTests(SqliteTestStore.Instance, output);

public sealed class PostgresApplyThroughputTests(PostgresDatabase database, ITestOutputHelper output) : ApplyThroughputTests(database, output), IClassFixture<PostgresDatabase>;
