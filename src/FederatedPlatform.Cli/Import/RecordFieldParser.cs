using System.Globalization;
using FederatedPlatform.Catalog;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Cli.Import;

/// <summary>
/// Builds a <see cref="Record"/> from named text fields, the common ground of the JSON and CSV formats
/// (field names as in seeds/: kind, local_id, title.&lt;lang&gt;, sector, keywords, …). Throws
/// <see cref="FormatException"/> naming the field.
/// </summary>
internal static class RecordFieldParser
{
    public static Record Parse(string centerId, IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string> titles,
        IReadOnlyDictionary<string, string> summaries, IReadOnlyList<string> keywords, IReadOnlyList<string> modes)
    {
        var record = new Record
        {
            Id = new RecordId { CenterId = centerId, LocalId = Required(fields, "local_id") },
            Kind = Code<RecordKind>(fields, "kind", required: true),
            Sector = Code<Sector>(fields, "sector", required: false),
            Country = fields.GetValueOrDefault("country", string.Empty),
            Organization = fields.GetValueOrDefault("organisation", fields.GetValueOrDefault("organization", string.Empty)),
            Status = Code<RecordStatus>(fields, "status", required: false) is var status and not RecordStatus.Unspecified ? status : RecordStatus.Open,
        };
        foreach (var (language, text) in titles)
        {
            record.Title[language] = text;
        }
        foreach (var (language, text) in summaries)
        {
            record.Summary[language] = text;
        }
        record.Keywords.Add(keywords);
        foreach (var mode in modes)
        {
            record.CooperationModes.Add(CatalogCodes.TryParse<CooperationMode>(mode, out var m)
                ? m
                : throw new FormatException($"cooperation_modes: unknown mode '{mode}' (known: {string.Join(", ", CatalogCodes.AllCodes<CooperationMode>())})"));
        }
        if (fields.GetValueOrDefault("contact.name") is { Length: > 0 } || fields.GetValueOrDefault("contact.email") is { Length: > 0 })
        {
            record.Contact = new Contact
            {
                Name = fields.GetValueOrDefault("contact.name", string.Empty),
                Email = fields.GetValueOrDefault("contact.email", string.Empty),
                Phone = fields.GetValueOrDefault("contact.phone", string.Empty),
            };
        }
        if (record.Kind == RecordKind.Achievement)
        {
            record.Achievement = new AchievementDetails
            {
                Trl = (uint)Number(fields, "trl"),
                IpStatus = Code<IpStatus>(fields, "ip_status", required: false),
            };
        }
        else
        {
            record.Need = new NeedDetails { Deadline = fields.GetValueOrDefault("deadline", string.Empty) };
            if (fields.ContainsKey("budget.min") || fields.ContainsKey("budget.max"))
            {
                record.Need.Budget = new Budget
                {
                    Min = Number(fields, "budget.min"),
                    Max = Number(fields, "budget.max"),
                    Currency = fields.GetValueOrDefault("budget.currency", "USD"),
                };
            }
        }
        return record;
    }

    private static string Required(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.GetValueOrDefault(name) is { Length: > 0 } value ? value : throw new FormatException($"{name}: required");

    private static T Code<T>(IReadOnlyDictionary<string, string> fields, string name, bool required)
        where T : struct, Enum
    {
        var text = fields.GetValueOrDefault(name, string.Empty);
        if (text.Length == 0)
        {
            return required ? throw new FormatException($"{name}: required") : default;
        }
        return CatalogCodes.TryParse<T>(text, out var value)
            ? value
            : throw new FormatException($"{name}: unknown value '{text}' (known: {string.Join(", ", CatalogCodes.AllCodes<T>())})");
    }

    private static long Number(IReadOnlyDictionary<string, string> fields, string name)
    {
        var text = fields.GetValueOrDefault(name, string.Empty);
        if (text.Length == 0)
        {
            return 0;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new FormatException($"{name}: '{text}' is not a non-negative whole number");
    }
}
