namespace FederatedPlatform.Bench.Search;

/// <summary>The machine's 1/5/15-minute load averages, printed with every figure because the machine is shared.</summary>
public static class LoadAverage
{
    public static string Read() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
