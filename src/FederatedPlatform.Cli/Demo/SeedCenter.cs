using System.Text.Json;

namespace FederatedPlatform.Cli.Demo;

/// <summary>A center from seeds/centers.json.</summary>
internal sealed record SeedCenter(string Id, IReadOnlyDictionary<string, string> Names, string Country, string Kind)
{
    public static IReadOnlyList<SeedCenter> Load(string seedsDirectory)
    {
        using var stream = File.OpenRead(Path.Combine(seedsDirectory, "centers.json"));
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.EnumerateArray().Select(c => new SeedCenter(
            c.GetProperty("id").GetString()!,
            c.GetProperty("name").EnumerateObject().ToDictionary(n => n.Name, n => n.Value.GetString()!),
            c.GetProperty("country").GetString()!,
            c.GetProperty("kind").GetString()!))];
    }

    /// <summary>seeds/ next to the current directory or any of its parents, or next to the program.</summary>
    public static string? FindSeedsDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seeds");
                if (File.Exists(Path.Combine(candidate, "centers.json")))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
