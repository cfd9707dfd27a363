using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Cli.Import;
using FederatedPlatform.Cli.Output;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Cli.Commands;

/// <summary><c>fedplat export</c>: the node's own records (or the hub's catalog) in the import format.</summary>
internal static class ExportCommand
{
    public static Command Create(GlobalOptions global)
    {
        var fromHub = new Option<bool>("--from-hub") { Description = "Export the hub's federated catalog instead of the node's own records" };
        var center = new Option<string[]>("--center") { Description = "Only these centers (hub export)" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Export records as JSON (the format import reads)") { fromHub, center, output };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            var hub = result.GetValue(fromHub);
            using var connection = hub ? global.ConnectHub(result) : global.ConnectNode(result);
            var filter = new RecordFilter();
            filter.CenterIds.Add(result.GetValue(center) ?? []);
            var records = new List<Record>();
            var token = string.Empty;
            do
            {
                var request = new ListRecordsRequest { Filter = filter, PageSize = 500, PageToken = token };
                var page = await connection.UnaryAsync(hub ? Api.HubListRecords : Api.NodeListRecords, request, ct);
                records.AddRange(page.Records.Where(r => !r.Deleted));
                token = page.NextPageToken;
            }
            while (token.Length > 0);

            var target = result.GetValue(output);
            await using Stream stream = target is null ? new MemoryStream() : target.Create();
            await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                JsonRecordReader.Write(records, writer);
            }
            if (target is null)
            {
                global.Environment.Out.Profile.Out.Writer.WriteLine(System.Text.Encoding.UTF8.GetString(((MemoryStream)stream).ToArray()));
            }
            else
            {
                global.Environment.Error.WriteLine($"exported {records.Count} records to {target.FullName}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
