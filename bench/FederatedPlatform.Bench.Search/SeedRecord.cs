using System.Text.Json;

namespace FederatedPlatform.Bench.Search;

/// <summary>One sample record of seeds/records (the demo federation's data), as the generator's source of vocabulary.</summary>
public sealed record SeedRecord(
    string CenterId,
    string Country,
    string Kind,
    string Sector,
    string Status,
    int Trl,
    IReadOnlyDictionary<string, string> Title,
    IReadOnlyDictionary<string, string> Summary,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Modes,
    string Organisation)
{
    public static IReadOnlyList<SeedRecord> Load(string seedsDirectory)
    {
        var records = new List<SeedRecord>();
        foreach (var file in Directory.GetFiles(Path.Combine(seedsDirectory, "records"), "*.json").Order(StringComparer.Ordinal))
        {
            var center = Path.GetFileNameWithoutExtension(file);
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var e in document.RootElement.EnumerateArray())
            {
                records.Add(new SeedRecord(
                    center,
                    e.GetProperty("country").GetString()!,
                    e.GetProperty("kind").GetString()!,
                    e.GetProperty("sector").GetString()!,
                    e.GetProperty("status").GetString()!,
                    e.TryGetProperty("trl", out var trl) ? trl.GetInt32() : 0,
                    e.GetProperty("title").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                    e.GetProperty("summary").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                    [.. e.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!)],
                    [.. e.GetProperty("cooperation_modes").EnumerateArray().Select(m => m.GetString()!)],
                    e.GetProperty("organisation").GetString()!));
            }
        }

        return records;
    }

    /// <summary>seeds/ in or above the working directory or the program's directory.</summary>
    public static string FindSeeds()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var seeds = Path.Combine(directory.FullName, "seeds");
                if (File.Exists(Path.Combine(seeds, "centers.json")))
                {
                    return seeds;
                }
            }
        }

        throw new InvalidOperationException("seeds/ not found; run from the repository or pass --seeds DIR");
    }
}
