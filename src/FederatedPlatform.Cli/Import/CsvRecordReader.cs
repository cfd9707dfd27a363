using System.Text;

namespace FederatedPlatform.Cli.Import;

/// <summary>
/// Reads records from CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks). The header
/// names the fields as the JSON format does, with <c>title.&lt;lang&gt;</c> / <c>summary.&lt;lang&gt;</c> per language
/// and <c>keywords</c> / <c>cooperation_modes</c> separated by <c>;</c>.
/// </summary>
internal static class CsvRecordReader
{
    public static IReadOnlyList<RecordRow> Read(string centerId, TextReader reader)
    {
        var rows = new List<RecordRow>();
        var records = ReadRecords(reader).ToList();
        if (records.Count == 0)
        {
            throw new FormatException("the CSV file is empty: a header row is required");
        }
        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        foreach (var (line, values) in records.Skip(1))
        {
            if (values.Count == 1 && values[0].Length == 0)
            {
                continue;
            }
            if (values.Count != header.Length)
            {
                rows.Add(new RecordRow(line, null, $"{values.Count} fields, the header has {header.Length}"));
                continue;
            }
            try
            {
                rows.Add(new RecordRow(line, ToRecord(centerId, header, values), null));
            }
            catch (FormatException ex)
            {
                rows.Add(new RecordRow(line, null, ex.Message));
            }
        }
        return rows;
    }

    private static Contracts.V1.Record ToRecord(string centerId, string[] header, List<string> values)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        var keywords = new List<string>();
        var modes = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i];
            var value = values[i].Trim();
            if (value.Length == 0)
            {
                continue;
            }
            if (name.StartsWith("title.", StringComparison.Ordinal))
            {
                titles[name["title.".Length..]] = value;
            }
            else if (name.StartsWith("summary.", StringComparison.Ordinal))
            {
                summaries[name["summary.".Length..]] = value;
            }
            else if (name == "keywords")
            {
                keywords.AddRange(value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
            else if (name == "cooperation_modes")
            {
                modes.AddRange(value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
            else
            {
                fields[name] = value;
            }
        }
        return RecordFieldParser.Parse(centerId, fields, titles, summaries, keywords, modes);
    }

    /// <summary>Splits CSV text into records of fields, with the 1-based line each record starts on.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> ReadRecords(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var startLine = 1;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (startLine, fields);
                    fields = [];
                    line++;
                    startLine = line;
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (quoted)
        {
            throw new FormatException($"line {startLine}: a quoted field is not closed");
        }
        if (any || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (startLine, fields);
        }
    }
}
