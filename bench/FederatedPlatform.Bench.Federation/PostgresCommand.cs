using System.Diagnostics;
using Npgsql;

namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// <c>pg</c>: the same ingest (N centers over gRPC Publish, every change acknowledged and counted) and
/// fan-out (publish → delivery latency at W watchers) on SQLite, on PostgreSQL with one hub instance, and
/// on PostgreSQL with two instances sharing the catalog (ingest: the centers split between them; fan-out:
/// published through one, watched through the other) — one run, side by side. Each PostgreSQL figure
/// gets a fresh database, dropped afterwards.
/// </summary>
public static class PostgresCommand
{
    private const string DefaultServer = "Host=127.0.0.1;Username=fedplat;Password=fedplat;Database=fedplat";

    public static async Task RunAsync(BenchArgs options, string dir)
    {
        var nodes = options.Int("nodes", 4);
        var total = options.Int("changes", 200_000);
        var batch = options.Int("batch", 500);
        var window = options.Int("window", 2000);
        var watchers = options.Int("watchers", 200);
        var rate = options.Int("rate", 500);
        var seconds = options.Int("seconds", 10);
        var server = options.String("postgres") ?? Environment.GetEnvironmentVariable("FEDPLAT_TEST_POSTGRES") ?? DefaultServer;
        var cli = options.String("cli");
        options.EnsureAllUsed();
        var perCenter = total / nodes;
        Console.WriteLine($"pg: ingest {nodes} centers x {perCenter:N0} changes (batch {batch}, window {window}); fan-out {watchers} watchers, {rate}/s for {seconds} s; " +
            $"PostgreSQL at {new NpgsqlConnectionStringBuilder(server).Host}:{new NpgsqlConnectionStringBuilder(server).Port}");

        var sqlite = Directory.CreateDirectory(Path.Combine(dir, "sqlite")).FullName;
        var lite = await HubIngestBenchmark.RunAsync(sqlite, nodes, perCenter, batch, window, matchmaking: true);
        Console.WriteLine($"  ingest SQLite, 1 hub:                {lite.ChangesPerSecond,10:N0} changes/s   {lite.Elapsed.TotalSeconds:0.0} s, rows {lite.Rows}");
        var one = await WithDatabaseAsync(server, db => IngestAsync(dir, db, 1, nodes, perCenter, batch, window));
        Console.WriteLine($"  ingest PostgreSQL, 1 hub instance:   {one,10:N0} changes/s   ({one / lite.ChangesPerSecond:0.00}x SQLite)");
        var two = await WithDatabaseAsync(server, db => IngestAsync(dir, db, 2, nodes, perCenter, batch, window));
        Console.WriteLine($"  ingest PostgreSQL, 2 hub instances:  {two,10:N0} changes/s   ({two / lite.ChangesPerSecond:0.00}x SQLite)");

        string[] Fanout() =>
        [
            "--watchers", $"{watchers}", "--rate", $"{rate}", "--seconds", $"{seconds}", "--warmup", "2",
            .. cli is null ? Array.Empty<string>() : ["--cli", cli],
        ];
        await FanoutBenchmark.RunAsync(new BenchArgs(Fanout()), Directory.CreateDirectory(Path.Combine(dir, "fan-sqlite")).FullName);
        await WithDatabaseAsync(server, async db =>
        {
            await FanoutBenchmark.RunAsync(new BenchArgs(Fanout()), Directory.CreateDirectory(Path.Combine(dir, "fan-pg1")).FullName, db, 1);
            return 0;
        });
        await WithDatabaseAsync(server, async db =>
        {
            await FanoutBenchmark.RunAsync(new BenchArgs(Fanout()), Directory.CreateDirectory(Path.Combine(dir, "fan-pg2")).FullName, db, 2);
            return 0;
        });
    }

    /// <summary>N centers split over <paramref name="instances"/> in-process hubs on one database; the rate over the whole run.</summary>
    private static async Task<double> IngestAsync(string dir, string database, int instances, int nodes, int perCenter, int batch, int window)
    {
        var first = Directory.CreateDirectory(Path.Combine(dir, $"pg{instances}-0")).FullName;
        var hubs = new List<Hub.HubHost> { await InProcessHub.StartAsync(first, batch, database) };
        try
        {
            for (var i = 1; i < instances; i++)
            {
                var other = Directory.CreateDirectory(Path.Combine(dir, $"pg{instances}-{i}")).FullName;
                hubs.Add(await InProcessHub.StartAsync(other, batch, database, hubs[0].OperatorTokenPath));
            }

            var stopwatch = Stopwatch.StartNew();
            var runs = await Task.WhenAll(hubs.Select((hub, i) =>
                HubIngestBenchmark.PublishAsync(hub, nodes / instances, perCenter, window, $"i{i}c")));
            var elapsed = stopwatch.Elapsed;
            var expected = (long)(nodes / instances) * instances * perCenter;
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM changes), (SELECT count(*) FROM records), (SELECT catalog_seq FROM hub_state)", connection);
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (changes, records, head) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            if (changes != expected || records != expected || head != expected)
            {
                throw new InvalidOperationException($"PostgreSQL catalog holds {changes} changes, {records} records, head {head}; expected {expected} of each");
            }

            return expected / elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    private static async Task<T> WithDatabaseAsync<T>(string server, Func<string, Task<T>> run)
    {
        var name = "fedplat_bench_" + Guid.NewGuid().ToString("N");
        var admin = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        try
        {
            return await run(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
