using System.Globalization;
using FederatedPlatform.Bench.Federation;

// ingest-storage [--centers 4] [--changes 1000000] [--batch 500]: hub apply path vs raw SQLite, same run.
var options = args.Where(a => a.StartsWith("--", StringComparison.Ordinal))
    .Select((a, i) => (Key: a[2..], Index: Array.IndexOf(args, a)))
    .ToDictionary(p => p.Key, p => p.Index + 1 < args.Length ? args[p.Index + 1] : "true", StringComparer.Ordinal);
int Int(string key, int fallback) => options.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

var centers = Int("centers", 4);
var total = Int("changes", 1_000_000);
var batch = Int("batch", 500);
var perCenter = total / centers;
var dir = Directory.CreateTempSubdirectory("fedplat-bench-");
try
{
    Console.WriteLine($"ingest (storage): {centers} centers x {perCenter} changes, batches of {batch}, durable commits (WAL, synchronous=FULL)");
    var raw = await RawSqliteBaseline.RunAsync(Path.Combine(dir.FullName, "raw.db"), centers, perCenter, batch);
    Console.WriteLine($"  raw SQLite, same two writes per change: {raw,10:N0} changes/s   rows {await RowCounts.ReadAsync(Path.Combine(dir.FullName, "raw.db"))}");
    var hub = await StorageApplyBenchmark.RunAsync(Path.Combine(dir.FullName, "hub.db"), centers, perCenter, batch);
    Console.WriteLine($"  hub apply (validate, version rule, seq, change log, record): {hub,10:N0} changes/s  ({hub / raw:0.00}x raw)   rows {await RowCounts.ReadAsync(Path.Combine(dir.FullName, "hub.db"))}");
}
finally
{
    if (Environment.GetEnvironmentVariable("KEEP_BENCH_DATA") is null)
    {
        dir.Delete(recursive: true);
    }
}
