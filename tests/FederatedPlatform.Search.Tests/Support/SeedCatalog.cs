using System.Text.Json;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Search.Tests.Support;

/// <summary>Reads the demo federation's sample records from seeds/ (see seeds/README.md for the format).</summary>
internal static class SeedCatalog
{
    private static readonly Lazy<IReadOnlyList<Record>> Cached = new(Load);

    public static IReadOnlyList<Record> Records => Cached.Value;

    public static string Directory { get; } = FindSeeds();

    /// <summary>The labelled need → achievement pairs of seeds/matches.json.</summary>
    public static IReadOnlyList<(string Need, string Achievement)> Matches()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "matches.json")));
        return [.. document.RootElement.EnumerateArray().Select(m => (m.GetProperty("need").GetString()!, m.GetProperty("achievement").GetString()!))];
    }

    public static async Task<TestIndex> IndexAsync(ITestStore store, SearchIndexOptions? options = null)
    {
        var index = await TestIndex.CreateAsync(store, options);
        await index.AddAsync(Records);
        return index;
    }

    private static IReadOnlyList<Record> Load()
    {
        var records = new List<Record>();
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(Directory, "records"), "*.json").Order(StringComparer.Ordinal))
        {
            var center = Path.GetFileNameWithoutExtension(file);
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            records.AddRange(document.RootElement.EnumerateArray().Select(element => ToRecord(center, element)));
        }

        return records;
    }

    private static Record ToRecord(string center, JsonElement e)
    {
        var kind = e.GetProperty("kind").GetString() == "achievement" ? RecordKind.Achievement : RecordKind.Need;
        var record = new Record
        {
            Id = new RecordId { CenterId = center, LocalId = e.GetProperty("local_id").GetString()! },
            Kind = kind,
            Version = 1,
            Sector = Code<Sector>(e.GetProperty("sector").GetString()!),
            Country = e.GetProperty("country").GetString()!,
            Organization = e.GetProperty("organisation").GetString()!,
            Status = Code<RecordStatus>(e.GetProperty("status").GetString()!),
            CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        };
        record.UpdatedAt = record.CreatedAt;
        foreach (var title in e.GetProperty("title").EnumerateObject())
        {
            record.Title[title.Name] = title.Value.GetString()!;
        }

        foreach (var summary in e.GetProperty("summary").EnumerateObject())
        {
            record.Summary[summary.Name] = summary.Value.GetString()!;
        }

        record.Keywords.Add(e.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!));
        record.CooperationModes.Add(e.GetProperty("cooperation_modes").EnumerateArray().Select(m => Code<CooperationMode>(m.GetString()!)));
        if (kind == RecordKind.Achievement)
        {
            record.Achievement = new AchievementDetails
            {
                Trl = e.GetProperty("trl").GetUInt32(),
                IpStatus = Code<IpStatus>(e.GetProperty("ip_status").GetString()!),
            };
        }
        else
        {
            record.Need = new NeedDetails();
        }

        return record;
    }

    /// <summary>The enum value whose text code (name without type prefix, lowercased) is <paramref name="code"/>.</summary>
    private static T Code<T>(string code)
        where T : struct, System.Enum =>
        System.Enum.Parse<T>(code.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);

    private static string FindSeeds()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var seeds = Path.Combine(directory.FullName, "seeds");
            if (File.Exists(Path.Combine(seeds, "centers.json")))
            {
                return seeds;
            }
        }

        throw new InvalidOperationException("seeds/ not found above " + AppContext.BaseDirectory);
    }
}
