namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// <c>ingest</c>: the hub over gRPC (N publishers), the raw SQLite baseline and the hub's storage path
/// alone, one after the other in one run, each on its own fresh database; every figure verified.
/// <c>storage</c>: the last two only.
/// </summary>
public static class IngestCommand
{
    public static async Task RunAsync(BenchArgs options, string dir, bool storageLine)
    {
        var nodes = options.Int("nodes", 4);
        var total = options.Int("changes", 1_000_000);
        var batch = options.Int("batch", 500);
        var window = options.Int("window", 2000);
        var matchmaking = options.Flag("matchmaking");
        options.EnsureAllUsed();
        var perCenter = total / nodes;
        Console.WriteLine($"ingest: {nodes} centers x {perCenter:N0} changes, hub batches up to {batch}, publish window {window}, durable commits (WAL, synchronous=FULL)");

        if (storageLine)
        {
            var hubDir = Directory.CreateDirectory(Path.Combine(dir, "grpc")).FullName;
            var grpc = await HubIngestBenchmark.RunAsync(hubDir, nodes, perCenter, batch, window, matchmaking);
            Console.WriteLine($"  hub over gRPC Publish ({nodes} streams, all acked, matchmaking {(matchmaking ? "on" : "off")}):  {grpc.ChangesPerSecond,10:N0} changes/s   {grpc.Elapsed.TotalSeconds:0.0} s, {grpc.Acks:N0} acks ({(double)nodes * perCenter / grpc.Acks:0} changes/commit)   rows {grpc.Rows}");
            File.Delete(Path.Combine(hubDir, "hub.db"));
            var raw = await RawLineAsync(dir, nodes, perCenter, batch);
            Console.WriteLine($"  => hub over gRPC / raw SQLite: {grpc.ChangesPerSecond / raw:0.00}x (target >= 0.5x and >= 50,000 changes/s)");
            await StorageLineAsync(dir, nodes, perCenter, batch, raw);
        }
        else
        {
            var raw = await RawLineAsync(dir, nodes, perCenter, batch);
            await StorageLineAsync(dir, nodes, perCenter, batch, raw);
        }
    }

    private static async Task<double> RawLineAsync(string dir, int nodes, int perCenter, int batch)
    {
        var path = Path.Combine(dir, "raw.db");
        var raw = await RawSqliteBaseline.RunAsync(path, nodes, perCenter, batch);
        var rows = await RowCounts.ReadAsync(path);
        Expect(rows, (long)nodes * perCenter, "raw");
        Console.WriteLine($"  raw SQLite, same two writes per change:           {raw,10:N0} changes/s   rows {rows}");
        File.Delete(path);
        return raw;
    }

    private static async Task StorageLineAsync(string dir, int nodes, int perCenter, int batch, double raw)
    {
        var path = Path.Combine(dir, "storage.db");
        var hub = await StorageApplyBenchmark.RunAsync(path, nodes, perCenter, batch);
        var rows = await RowCounts.ReadAsync(path);
        Expect(rows, (long)nodes * perCenter, "storage");
        Console.WriteLine($"  hub apply path, no network (ICatalogWriter):      {hub,10:N0} changes/s   ({hub / raw:0.00}x raw)   rows {rows}");
        File.Delete(path);

        // The hub runs with the search index maintained in the same transactions.
        var indexed = await StorageApplyBenchmark.RunAsync(path, nodes, perCenter, batch, searchIndex: true);
        rows = await RowCounts.ReadAsync(path);
        Expect(rows, (long)nodes * perCenter, "storage + search index");
        var documents = await RowCounts.ReadSearchDocumentsAsync(path);
        if (documents != (long)nodes * perCenter)
        {
            throw new InvalidOperationException($"storage + search index: {documents} indexed records, expected {(long)nodes * perCenter}");
        }

        Console.WriteLine($"  hub apply path + search index in the same tx:     {indexed,10:N0} changes/s   ({indexed / raw:0.00}x raw, {hub / indexed:0.00}x slower than without)   indexed {documents}");
        File.Delete(path);
    }

    private static void Expect((long Changes, long Records) rows, long expected, string what)
    {
        if (rows.Changes != expected || rows.Records != expected)
        {
            throw new InvalidOperationException($"{what}: {rows.Changes} changes and {rows.Records} records, expected {expected} of each");
        }
    }
}
