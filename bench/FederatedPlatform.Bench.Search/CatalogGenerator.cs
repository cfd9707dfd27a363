using System.Globalization;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Bench.Search;

/// <summary>
/// A deterministic synthetic catalog built from the seed records' own texts, so term distributions follow
/// the seeds: each record takes a seed as its template (center, country, kind, sector, languages,
/// keywords), keeps or splices its title with another title of the same sector and language, and
/// composes its summary from the template's first sentence plus 1–3 sentences of other seed summaries
/// of the same sector and language. The same seed value always yields the same records.
/// </summary>
public sealed class CatalogGenerator
{
    /// <summary>Bumped whenever the output changes, so a kept database from an older generator is rebuilt.</summary>
    public const int Version = 1;

    private static readonly Timestamp Epoch = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly IReadOnlyList<SeedRecord> _seeds;
    private readonly Dictionary<string, List<SeedRecord>> _bySector;
    private readonly Dictionary<(string Sector, string Language), List<string>> _titles = [];
    private readonly Dictionary<(string Sector, string Language), List<string>> _sentences = [];
    private readonly int _seed;

    public CatalogGenerator(IReadOnlyList<SeedRecord> seeds, int seed)
    {
        _seeds = seeds;
        _seed = seed;
        _bySector = seeds.GroupBy(s => s.Sector).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var s in seeds)
        {
            foreach (var (language, title) in s.Title)
            {
                Pool(_titles, (s.Sector, language)).Add(title);
            }

            foreach (var (language, summary) in s.Summary)
            {
                Pool(_sentences, (s.Sector, language)).AddRange(Sentences(summary, language));
            }
        }
    }

    public IReadOnlyList<SeedRecord> Seeds => _seeds;

    /// <summary>Records 0 to count − 1, in order.</summary>
    public IEnumerable<Record> Generate(int count)
    {
        var random = new Random(_seed);
        for (var i = 0; i < count; i++)
        {
            yield return Next(random, i);
        }
    }

    private Record Next(Random random, int i)
    {
        var s = _seeds[random.Next(_seeds.Count)];
        var sameSector = _bySector[s.Sector];
        var other = sameSector[random.Next(sameSector.Count)];
        var record = new Record
        {
            Id = new RecordId { CenterId = s.CenterId, LocalId = "g" + i.ToString("D7", CultureInfo.InvariantCulture) },
            Kind = s.Kind == "achievement" ? RecordKind.Achievement : RecordKind.Need,
            Version = 1,
            Sector = Code<Sector>(s.Sector),
            Country = s.Country,
            Organization = s.Organisation,
            Status = random.NextDouble() switch { < 0.7 => RecordStatus.Open, < 0.9 => RecordStatus.InNegotiation, _ => RecordStatus.Closed },
            CreatedAt = new Timestamp { Seconds = Epoch.Seconds + i },
        };
        record.UpdatedAt = record.CreatedAt;
        foreach (var (language, title) in s.Title)
        {
            var pool = _titles[(s.Sector, language)];
            record.Title[language] = random.NextDouble() < 0.4 ? title : Splice(title, pool[random.Next(pool.Count)], language);
        }

        foreach (var (language, summary) in s.Summary)
        {
            var pool = _sentences[(s.Sector, language)];
            var parts = new List<string> { Sentences(summary, language).First() };
            for (var n = 1 + random.Next(3); n > 0; n--)
            {
                parts.Add(pool[random.Next(pool.Count)]);
            }

            record.Summary[language] = string.Join(IsCjk(language) ? string.Empty : " ", parts.Distinct(StringComparer.Ordinal));
        }

        var keywords = new List<string>(s.Keywords);
        if (random.NextDouble() < 0.5)
        {
            keywords.AddRange(other.Keywords.Skip(random.Next(Math.Max(1, other.Keywords.Count))).Take(2));
        }

        record.Keywords.Add(keywords.Distinct(StringComparer.Ordinal).Take(30));
        record.CooperationModes.Add(s.Modes.Select(Code<CooperationMode>));
        if (record.Kind == RecordKind.Achievement)
        {
            record.Achievement = new AchievementDetails
            {
                Trl = (uint)Math.Clamp((s.Trl == 0 ? 5 : s.Trl) + random.Next(-1, 2), 1, 9),
                IpStatus = IpStatus.PatentGranted,
            };
        }
        else
        {
            record.Need = new NeedDetails();
        }

        return record;
    }

    /// <summary>The first half of one title and the second half of another (by words; by characters for Chinese).</summary>
    private static string Splice(string first, string second, string language)
    {
        if (IsCjk(language))
        {
            return first[..(first.Length / 2)] + second[(second.Length / 2)..];
        }

        var a = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var b = second.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', a.Take(Math.Max(1, a.Length / 2)).Concat(b.Skip(b.Length / 2)));
    }

    private static IEnumerable<string> Sentences(string text, string language)
    {
        var ends = IsCjk(language) ? "。！？；" : ".!?؟";
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = ends.Contains(text[i], StringComparison.Ordinal) && (IsCjk(language) || i + 1 == text.Length || text[i + 1] == ' ');
            if (end)
            {
                var sentence = text[start..(i + 1)].Trim();
                if (sentence.Length > 0)
                {
                    yield return sentence;
                }

                start = i + 1;
            }
        }

        if (text[start..].Trim() is { Length: > 0 } rest)
        {
            yield return rest;
        }
    }

    private static bool IsCjk(string language) => language.StartsWith("zh", StringComparison.Ordinal) || language == "ja";

    private static List<string> Pool(Dictionary<(string, string), List<string>> pools, (string, string) key)
    {
        if (!pools.TryGetValue(key, out var list))
        {
            pools[key] = list = [];
        }

        return list;
    }

    private static T Code<T>(string code)
        where T : struct, System.Enum =>
        System.Enum.Parse<T>(code.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
}
