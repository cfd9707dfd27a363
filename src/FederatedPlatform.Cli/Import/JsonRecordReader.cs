using System.Text.Json;
using FederatedPlatform.Catalog;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Cli.Import;

/// <summary>Reads the JSON record format of seeds/ (an array of objects) and writes it back for export.</summary>
internal static class JsonRecordReader
{
    public static IReadOnlyList<RecordRow> Read(string centerId, Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the file must hold a JSON array of records");
        }
        var rows = new List<RecordRow>();
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            index++;
            try
            {
                rows.Add(new RecordRow(index, ReadOne(centerId, element), null));
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                rows.Add(new RecordRow(index, null, ex.Message));
            }
        }
        return rows;
    }

    private static Record ReadOne(string centerId, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("each record must be a JSON object");
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        var keywords = new List<string>();
        var modes = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "title":
                    Languages(property.Value, "title", titles);
                    break;
                case "summary":
                    Languages(property.Value, "summary", summaries);
                    break;
                case "keywords":
                    keywords.AddRange(Strings(property.Value, "keywords"));
                    break;
                case "cooperation_modes":
                    modes.AddRange(Strings(property.Value, "cooperation_modes"));
                    break;
                case "contact" or "budget":
                    foreach (var inner in Object(property.Value, property.Name).EnumerateObject())
                    {
                        fields[property.Name + "." + inner.Name] = Scalar(inner.Value, property.Name + "." + inner.Name);
                    }
                    break;
                default:
                    fields[property.Name] = Scalar(property.Value, property.Name);
                    break;
            }
        }
        return RecordFieldParser.Parse(centerId, fields, titles, summaries, keywords, modes);
    }

    private static JsonElement Object(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object ? value : throw new FormatException($"{name}: must be an object");

    private static void Languages(JsonElement value, string name, Dictionary<string, string> into)
    {
        foreach (var language in Object(value, name).EnumerateObject())
        {
            into[language.Name] = language.Value.ValueKind == JsonValueKind.String
                ? language.Value.GetString()!
                : throw new FormatException($"{name}[{language.Name}]: must be text");
        }
    }

    private static IEnumerable<string> Strings(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"{name}: must be a list of text"))
            : throw new FormatException($"{name}: must be a list");

    private static string Scalar(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new FormatException($"{name}: must be text or a number"),
    };

    /// <summary>Writes records in the same format, so an export can be imported again.</summary>
    public static void Write(IEnumerable<Record> records, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var record in records)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", CatalogCodes.ToCode(record.Kind));
            writer.WriteString("local_id", record.Id.LocalId);
            // Informational on import: a node always files records under its own center.
            writer.WriteString("center_id", record.Id.CenterId);
            WriteMap(writer, "title", record.Title);
            WriteMap(writer, "summary", record.Summary);
            WriteCode(writer, "sector", CatalogCodes.ToCode(record.Sector));
            writer.WriteStartArray("keywords");
            foreach (var keyword in record.Keywords)
            {
                writer.WriteStringValue(keyword);
            }
            writer.WriteEndArray();
            writer.WriteString("country", record.Country);
            writer.WriteString("organisation", record.Organization);
            writer.WriteStartArray("cooperation_modes");
            foreach (var mode in record.CooperationModes)
            {
                writer.WriteStringValue(CatalogCodes.ToCode(mode));
            }
            writer.WriteEndArray();
            if (record.Contact is { } contact)
            {
                writer.WriteStartObject("contact");
                writer.WriteString("name", contact.Name);
                writer.WriteString("email", contact.Email);
                writer.WriteString("phone", contact.Phone);
                writer.WriteEndObject();
            }
            WriteCode(writer, "status", CatalogCodes.ToCode(record.Status));
            if (record.Achievement is { } achievement)
            {
                writer.WriteNumber("trl", achievement.Trl);
                WriteCode(writer, "ip_status", CatalogCodes.ToCode(achievement.IpStatus));
            }
            if (record.Need is { } need)
            {
                if (need.Budget is { } budget)
                {
                    writer.WriteStartObject("budget");
                    writer.WriteNumber("min", budget.Min);
                    writer.WriteNumber("max", budget.Max);
                    writer.WriteString("currency", budget.Currency);
                    writer.WriteEndObject();
                }
                if (need.Deadline.Length > 0)
                {
                    writer.WriteString("deadline", need.Deadline);
                }
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.Flush();
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (language, text) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WriteString(language, text);
        }
        writer.WriteEndObject();
    }

    private static void WriteCode(Utf8JsonWriter writer, string name, string? code)
    {
        if (code is not null)
        {
            writer.WriteString(name, code);
        }
    }
}
