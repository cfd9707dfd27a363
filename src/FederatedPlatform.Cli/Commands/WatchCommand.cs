using System.CommandLine;
using FederatedPlatform.Catalog;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary><c>fedplat watch</c>: the hub's change feed, live; every line ends with the cursor to resume from.</summary>
internal static class WatchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var cursor = new Option<string?>("--cursor") { Description = "Resume after this cursor (printed with every event)" };
        var limit = new Option<int?>("--limit") { Description = "Stop after this many record events" };
        var filters = new RecordFilterOptions();
        var command = new Command("watch", "Stream catalog changes from the hub (snapshot first unless --cursor is given)") { cursor, limit };
        filters.AddTo(command);
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            using var hub = global.ConnectHub(result);
            var request = new WatchRequest { Cursor = result.GetValue(cursor) ?? string.Empty, Filter = filters.Build(result) };
            using var call = hub.Invoker.AsyncServerStreamingCall(Api.Watch, hub.Options(ct), request);
            var json = result.GetValue(global.Json);
            var remaining = result.GetValue(limit) ?? int.MaxValue;
            var console = global.Environment.Out;
            while (remaining > 0 && await call.ResponseStream.MoveNext(ct))
            {
                var e = call.ResponseStream.Current;
                if (json)
                {
                    console.Profile.Out.Writer.WriteLine(JsonFormatter.Default.Format(e));
                }
                else
                {
                    console.MarkupLine(Describe(e) + " [grey]" + Markup.Escape(e.Cursor) + "[/]");
                }
                if (e.KindCase is WatchEvent.KindOneofCase.Upsert or WatchEvent.KindOneofCase.Delete)
                {
                    remaining--;
                }
            }
            return 0;
        });
        return command;
    }

    private static string Describe(WatchEvent e) => e.KindCase switch
    {
        WatchEvent.KindOneofCase.Upsert => $"[green]upsert[/] {Markup.Escape(Id(e.Upsert.Record.Id))} v{e.Upsert.Record.Version} {CatalogCodes.ToCode(e.Upsert.Record.Kind)} {Markup.Escape(Title(e.Upsert.Record))}",
        WatchEvent.KindOneofCase.Delete => $"[red]delete[/] {Markup.Escape(Id(e.Delete.Id))} v{e.Delete.Version}{(e.Delete.LeftFilter ? " (left the filter)" : "")}",
        WatchEvent.KindOneofCase.SnapshotComplete => $"[blue]snapshot complete[/] ({e.SnapshotComplete.Count} records)",
        WatchEvent.KindOneofCase.Bookmark => "[grey]bookmark[/]",
        WatchEvent.KindOneofCase.Reset => $"[yellow]reset[/] {e.Reset.Reason}: {Markup.Escape(e.Reset.Message)}",
        _ => "unknown event",
    };

    private static string Id(RecordId id) => $"{id.CenterId}/{id.LocalId}";

    private static string Title(Record record) =>
        record.Title.TryGetValue("en", out var en) ? en : record.Title.Values.FirstOrDefault() ?? string.Empty;
}
