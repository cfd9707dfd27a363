using System.Diagnostics;
using System.Globalization;

namespace FederatedPlatform.Bench.Search;

/// <summary>Builds an index into a database unless it was kept from an earlier run of the same catalog; prints the figures.</summary>
public static class IndexBuild
{
    /// <param name="db">The database, kept or empty.</param>
    /// <param name="name">Printed name.</param>
    /// <param name="catalogKey">Identifies the catalog (generator version, seed, records), recorded for a later reuse.</param>
    /// <param name="build">Builds the index, returning the rows written.</param>
    public static async Task RunAsync(BenchDatabase db, string name, string catalogKey, Func<Task<long>> build)
    {
        if (db.Kept)
        {
            Console.WriteLine($"{name,-8} build  kept from an earlier run in {db.Path}: {await db.MetaAsync("build")}; size {await db.SizeBytesAsync() / 1048576.0:F0} MiB");
            return;
        }

        // The process's CPU time beside the wall time: on a shared machine the wall time mostly measures the load.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var rows = await build();
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var size = await db.SizeBytesAsync();
        FormattableString line = $"{rows} rows in {watch.Elapsed.TotalSeconds:F1} s = {rows / watch.Elapsed.TotalSeconds:F0} rows/s, CPU {cpu.TotalSeconds:F1} s (built {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, load {LoadAverage.Read()})";
        await db.SetMetaAsync("catalog", $"{catalogKey}");
        await db.SetMetaAsync("build", line);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-8} build  {line}; size {size / 1048576.0:F0} MiB"));
    }
}
