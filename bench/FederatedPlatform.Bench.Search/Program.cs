using System.Globalization;
using FederatedPlatform.Bench.Search;

// Search latency and index build at scale, ours beside a plain SQLite FTS5 baseline; see bench/search/README.md.
//   [--records 1000000] [--rounds 5] [--queries 240] [--data DIR] [--reuse] [--no-baseline] [--no-ours]
//   [--batch 2000] [--seed 4] [--cache-mb 256] [--mmap-mb 0] [--seeds DIR] [--rank-window N] [--count-window N] (0: unlimited)
//   [--slowest 5] (how many of our slowest queries to print)
//   [--merge] (merge our full-text index to one segment before the queries, as the hub and node do while no writes arrive)
var options = new BenchArgs(args);
var records = options.Int("records", 1_000_000);
var rounds = options.Int("rounds", 5);
var queryCount = options.Int("queries", 240);
var batch = options.Int("batch", 2000);
var seed = options.Int("seed", 4);
var cacheMb = options.Int("cache-mb", 256);
var mmapMb = options.Int("mmap-mb", 0);
var reuse = options.Flag("reuse");
var slowest = options.Int("slowest", 5);
var indexOptions = new FederatedPlatform.Search.SearchIndexOptions();
indexOptions.RankWindow = options.Int("rank-window", indexOptions.RankWindow);
indexOptions.CountWindow = options.Int("count-window", indexOptions.CountWindow);
var withBaseline = !options.Flag("no-baseline");
var withOurs = !options.Flag("no-ours");
var seedsDirectory = options.String("seeds") ?? SeedRecord.FindSeeds();
var data = options.String("data");
var merge = options.Flag("merge");
options.EnsureAllUsed();

var directory = data is null ? Directory.CreateTempSubdirectory("fedplat-search-bench-").FullName : Directory.CreateDirectory(data).FullName;
try
{
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, nproc {Environment.ProcessorCount}, load average {LoadAverage.Read()}; records {records}, batch {batch}, seed {seed}, cache {cacheMb} MiB, mmap {mmapMb} MiB, rank window {indexOptions.RankWindow}, count window {indexOptions.CountWindow}, data {directory}"));
    var generator = new CatalogGenerator(SeedRecord.Load(seedsDirectory), seed);
    var catalogKey = string.Create(CultureInfo.InvariantCulture, $"generator {CatalogGenerator.Version}, seed {seed}, records {records}");

    var keep = reuse ? catalogKey : null;

    // Our index is kept only when built with the same index layout; bump IndexLayout when the schema or writer changes.
    var oursKey = $"{catalogKey}, index layout {OurIndex.IndexLayout}";
    await using var oursDb = withOurs ? await BenchDatabase.OpenAsync(Path.Combine(directory, "ours.db"), cacheMb, mmapMb, reuse ? oursKey : null) : null;
    OurIndex? ours = null;
    if (oursDb is not null)
    {
        ours = new OurIndex(oursDb, indexOptions);
        await IndexBuild.RunAsync(oursDb, "ours", oursKey, () => ours.BuildAsync(generator.Generate(records), batch));
        if (oursDb.Kept)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await ours.EnsureSchemaAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours     schema ensured on the kept database in {watch.Elapsed.TotalSeconds:F1} s"));
        }

        if (merge)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var cpu = Environment.CpuUsage.TotalTime;
            var steps = await ours.MergeAsync();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"ours     full-text index merged to one segment in {watch.Elapsed.TotalSeconds:F1} s, CPU {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F1} s ({steps} steps of {OurIndex.MergePages} pages, a transaction each)"));
        }
    }

    await using var baseDb = withBaseline ? await BenchDatabase.OpenAsync(Path.Combine(directory, "fts5.db"), cacheMb, mmapMb, keep) : null;
    Fts5Baseline? baseline = null;
    if (baseDb is not null)
    {
        baseline = new Fts5Baseline(baseDb);
        await IndexBuild.RunAsync(baseDb, "fts5", catalogKey, () => baseline.BuildAsync(generator.Generate(records), batch));
    }

    if (rounds > 0 && ours is not null)
    {
        var queries = QueryWorkload.Build(generator, queryCount, seed, Math.Min(records, 20_000));
        await QueryBenchmark.RunAsync(queries, ours, baseline, rounds, slowest);
    }

    Console.WriteLine($"done; load average {LoadAverage.Read()}");
    return 0;
}
finally
{
    if (data is null)
    {
        Directory.Delete(directory, recursive: true);
    }
}
