using System.Diagnostics;
using FederatedPlatform.Hub.Tests.Support;
using Xunit.Abstractions;

namespace FederatedPlatform.Hub.Tests.Publishing;

/// <summary>A measurement, not a timed test: prints publish→ack throughput over loopback with durable acks.</summary>
public abstract class PublishThroughputTests(ITestStore store, ITestOutputHelper output)
{
    private const string Center = "cn-om";

    [Fact]
    public async Task Publish_ManyChangesWithWindow_PrintsChangesPerSecond()
    {
        const int Changes = 20_000;
        const int Window = 2_000;
        await using var hub = await TestHub.StartAsync(store);
        var center = await hub.AddCenterAsync(Center);
        var records = Enumerable.Range(1, Changes).Select(i => TestRecords.Achievement(Center, $"r{i:D6}")).ToArray();
        using var publish = center.Publish();
        await publish.OpenAsync(Center, 1);

        var clock = Stopwatch.StartNew();
        ulong acked = 0;
        ulong sent = 0;
        var acks = 0;
        while (acked < Changes)
        {
            while (sent < Changes && sent - acked < Window)
            {
                sent++;
                await publish.ChangeAsync(sent, records[sent - 1]);
            }

            var response = await publish.ReadAsync();
            acked = response.Ack.AppliedSeq;
            acks++;
        }

        clock.Stop();
        var position = await hub.Store.Feed.GetPositionAsync(CancellationToken.None);
        Assert.Equal((ulong)Changes, position.HeadSeq);
        output.WriteLine(
            $"publish→ack: {Changes} changes in {clock.Elapsed.TotalSeconds:F2} s = {Changes / clock.Elapsed.TotalSeconds:F0} changes/s " +
            $"({acks} acks, {Changes / (double)acks:F0} changes per commit, window {Window})");
    }
}

public sealed class SqlitePublishThroughputTests(ITestOutputHelper output) : PublishThroughputTests(SqliteTestStore.Instance, output);

public sealed class PostgresPublishThroughputTests(PostgresDatabase database, ITestOutputHelper output) : PublishThroughputTests(database, output), IClassFixture<PostgresDatabase>;
