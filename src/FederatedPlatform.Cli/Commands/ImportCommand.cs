using System.CommandLine;
using System.Text;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Cli.Import;
using FederatedPlatform.Cli.Output;
using FederatedPlatform.Contracts.V1;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary>
/// <c>fedplat import FILE</c>: reads JSON (seeds/ format) or CSV into the node, all or nothing. Every bad row is
/// reported with its line and field; if any row is bad, nothing is imported.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Argument<FileInfo>("file") { Description = "A .json or .csv file of records" };
        var format = new Option<string?>("--format") { Description = "json or csv (default: from the file extension)" };
        var command = new Command("import", "Import records from a JSON or CSV file into the node (all or nothing)") { file, format };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"file not found: {path.FullName}", ExitCodes.InvalidInput);
            }
            using var node = global.ConnectNode(result);
            var status = await node.UnaryAsync(Api.GetNodeStatus, new GetNodeStatusRequest(), ct);
            var rows = ReadRows(status.CenterId, path, result.GetValue(format));
            var console = global.Environment.Out;

            var bad = rows.Where(r => r.Error is not null).ToList();
            if (bad.Count > 0)
            {
                WriteReport(console, path.Name, bad.Select(r => (r.Line, r.Error!)));
                throw new CliException($"{bad.Count} of {rows.Count} rows are invalid; nothing was imported", ExitCodes.InvalidInput);
            }

            ImportRecordsResponse? response = null;
            await console.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var task = progress.AddTask($"importing {rows.Count} records into {status.CenterId}", maxValue: rows.Count);
                var request = new ImportRecordsRequest();
                request.Records.Add(rows.Select(r => r.Record!));
                response = await node.UnaryAsync(Api.ImportRecords, request, ct);
                task.Value = rows.Count;
            });
            if (response!.Errors.Count > 0)
            {
                WriteReport(console, path.Name, response.Errors.Select(e => (rows[(int)e.Index].Line, $"{e.Field}: {e.Reason}")));
                throw new CliException($"the node refused {response.Errors.Count} of {rows.Count} rows; nothing was imported", ExitCodes.InvalidInput);
            }
            console.MarkupLineInterpolated($"imported {rows.Count} records into [bold]{status.CenterId}[/]: {response.Created} created, {response.Updated} updated, {response.Unchanged} unchanged");
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<RecordRow> ReadRows(string centerId, FileInfo path, string? format)
    {
        format ??= path.Extension.TrimStart('.').ToLowerInvariant();
        return format switch
        {
            "json" => ReadJson(centerId, path),
            "csv" => ReadCsv(centerId, path),
            _ => throw new CliException($"unknown format '{format}': use --format json or csv", ExitCodes.Usage),
        };
    }

    private static IReadOnlyList<RecordRow> ReadJson(string centerId, FileInfo path)
    {
        using var stream = path.OpenRead();
        return JsonRecordReader.Read(centerId, stream);
    }

    private static IReadOnlyList<RecordRow> ReadCsv(string centerId, FileInfo path)
    {
        using var reader = new StreamReader(path.FullName, Encoding.UTF8);
        return CsvRecordReader.Read(centerId, reader);
    }

    private static void WriteReport(IAnsiConsole console, string file, IEnumerable<(int Line, string Error)> errors)
    {
        var table = new Table().AddColumns("row", "problem");
        foreach (var (line, error) in errors)
        {
            table.AddRow($"{file}:{line}", Markup.Escape(error));
        }
        console.Write(table);
    }
}
