using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Search;
using FederatedPlatform.Search.Analysis;

namespace FederatedPlatform.Bench.Search;

/// <summary>One benchmark query: its class (language, with or without a filter), text and filter.</summary>
public sealed record BenchQuery(string Class, string Text, SearchFilter Filter, string FilterLabel);

/// <summary>
/// 1–3-word queries in zh, ar and en drawn from the seeds' title and keyword words, each word common or
/// rare by its document frequency in a sample of the generated catalog; half of them with one filter
/// (kind, sector, country or center). Chinese words have 3 or more characters, because the plain FTS5
/// trigram baseline cannot match anything shorter (our index matches 2-character words too).
/// </summary>
public static class QueryWorkload
{
    private static readonly string[] Languages = ["zh", "ar", "en"];

    public static IReadOnlyList<BenchQuery> Build(CatalogGenerator generator, int count, int seed, int sampleRecords)
    {
        var sample = generator.Generate(sampleRecords).ToList();
        var vocabulary = Languages.ToDictionary(l => l, l => Split(Words(generator.Seeds, l), sample, l));
        var centers = generator.Seeds.Select(s => s.CenterId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var countries = generator.Seeds.Select(s => s.Country).Distinct().Order(StringComparer.Ordinal).ToArray();
        var sectors = generator.Seeds.Select(s => s.Sector).Distinct().Order(StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        var queries = new List<BenchQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var language = Languages[i % Languages.Length];
            var (common, rare) = vocabulary[language];
            var words = new List<string>();
            for (var n = 1 + random.Next(3); words.Count < n;)
            {
                var pool = random.NextDouble() < 0.5 ? common : rare;
                var word = pool[random.Next(pool.Count)];
                if (!words.Contains(word))
                {
                    words.Add(word);
                }
            }

            var (filter, label) = ((i / Languages.Length) % 2 == 0) ? (SearchFilter.None, "-") : Filter(random, centers, countries, sectors);
            queries.Add(new BenchQuery($"{language} {(label == "-" ? "no filter" : "filter")}", string.Join(' ', words), filter, label));
        }

        return queries;
    }

    private static (SearchFilter, string) Filter(Random random, string[] centers, string[] countries, string[] sectors)
    {
        switch (random.Next(4))
        {
            case 0:
                var kind = random.Next(2) == 0 ? RecordKind.Achievement : RecordKind.Need;
                return (new SearchFilter { Kinds = [kind] }, "kind=" + kind);
            case 1:
                var sector = sectors[random.Next(sectors.Length)];
                return (new SearchFilter { Sectors = [Enum.Parse<Sector>(sector.Replace("_", string.Empty, StringComparison.Ordinal), true)] }, "sector=" + sector);
            case 2:
                var country = countries[random.Next(countries.Length)];
                return (new SearchFilter { Countries = [country] }, "country=" + country);
            default:
                var center = centers[random.Next(centers.Length)];
                return (new SearchFilter { CenterIds = [center] }, "center=" + center);
        }
    }

    /// <summary>Candidate query words of a language: title and keyword words (Chinese: keywords of 3+ characters).</summary>
    private static List<string> Words(IReadOnlyList<SeedRecord> seeds, string language)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in seeds)
        {
            var texts = s.Keywords.Where(k => Script(k) == language).ToList();
            if (s.Title.TryGetValue(language, out var title) && language != "zh")
            {
                texts.Add(title);
            }

            foreach (var text in texts)
            {
                foreach (var word in language == "zh" ? [text] : text.Split([' ', ',', '(', ')', '–', '-', '/', '،', ':'], StringSplitOptions.RemoveEmptyEntries))
                {
                    var w = language == "en" ? word.ToLowerInvariant() : word;
                    var minimum = language == "zh" ? 3 : 4;
                    if (w.Length >= minimum && w.All(char.IsLetter) && TextAnalyzer.Terms(w).Count >= 1)
                    {
                        words.Add(w);
                    }
                }
            }
        }

        return [.. words];
    }

    /// <summary>Common: the top fifth by sampled document frequency; rare: the bottom two fifths that occur at all.</summary>
    private static (List<string> Common, List<string> Rare) Split(List<string> words, List<Record> sample, string language)
    {
        var texts = sample
            .Select(r => string.Join('\n', r.Title.Where(t => t.Key == language).Select(t => t.Value)
                .Concat(r.Summary.Where(t => t.Key == language).Select(t => t.Value)).Concat(r.Keywords)))
            .Where(t => t.Length > 0)
            .Select(t => language == "en" ? t.ToLowerInvariant() : t)
            .ToList();
        var frequencies = words
            .Select(w => (Word: w, Df: texts.Count(t => t.Contains(w, StringComparison.Ordinal))))
            .Where(x => x.Df > 0)
            .OrderByDescending(x => x.Df).ThenBy(x => x.Word, StringComparer.Ordinal)
            .ToList();
        var common = frequencies.Take(Math.Max(1, frequencies.Count / 5)).Select(x => x.Word).ToList();
        var rare = frequencies.Skip(frequencies.Count * 3 / 5).Select(x => x.Word).ToList();
        return (common, rare.Count > 0 ? rare : common);
    }

    private static string Script(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u4E00' and <= '\u9FFF')
            {
                return "zh";
            }

            if (c is >= '\u0600' and <= '\u06FF')
            {
                return "ar";
            }

            if (c is >= 'A' and <= 'z')
            {
                return "en";
            }
        }

        return "?";
    }
}
