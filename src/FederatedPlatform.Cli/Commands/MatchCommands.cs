using System.CommandLine;
using System.Globalization;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Cli.Output;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary><c>fedplat match list|watch|mark</c>: the hub's matchmaking suggestions for a center's records.</summary>
internal static class MatchCommands
{
    private static readonly string[] States = ["suggested", "contacted", "in_negotiation", "agreed", "declined"];

    public static Command Create(GlobalOptions global)
    {
        var match = new Command("match", "Matchmaking: suggested needs and achievements for a center's records");
        match.Subcommands.Add(List(global));
        match.Subcommands.Add(Watch(global));
        match.Subcommands.Add(Mark(global));
        return match;
    }

    private static Option<string> CenterOption() => new("--center") { Description = "The center whose records the suggestions concern", Required = true };

    private static Command List(GlobalOptions global)
    {
        var center = CenterOption();
        var record = new Option<string?>("--record") { Description = "Only the suggestions of this local record id" };
        var all = new Option<bool>("--all") { Description = "Include withdrawn suggestions" };
        var command = new Command("list", "List the suggestions that concern a center's records, best first") { center, record, all };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            using var hub = global.ConnectHub(result);
            var suggestions = new List<Suggestion>();
            var token = string.Empty;
            do
            {
                var page = await hub.UnaryAsync(
                    Api.ListSuggestions,
                    new ListSuggestionsRequest
                    {
                        CenterId = result.GetValue(center)!,
                        LocalId = result.GetValue(record) ?? string.Empty,
                        IncludeWithdrawn = result.GetValue(all),
                        PageSize = 200,
                        PageToken = token,
                    },
                    ct);
                suggestions.AddRange(page.Suggestions);
                token = page.NextPageToken;
            }
            while (token.Length > 0);

            if (result.GetValue(global.Json))
            {
                foreach (var suggestion in suggestions)
                {
                    global.Environment.Out.Profile.Out.Writer.WriteLine(JsonFormatter.Default.Format(suggestion));
                }

                return 0;
            }

            var table = new Table().AddColumns("score", "need", "achievement", "state", "why").Caption($"{suggestions.Count} suggestions");
            foreach (var s in suggestions)
            {
                table.AddRow(
                    s.Score.ToString("0.00", CultureInfo.InvariantCulture),
                    Markup.Escape($"{Id(s.Need)} {s.NeedTitle}"),
                    Markup.Escape($"{Id(s.Achievement)} {s.AchievementTitle}"),
                    Markup.Escape(State(s)),
                    Markup.Escape(s.Explanation));
            }

            global.Environment.Out.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Watch(GlobalOptions global)
    {
        var center = CenterOption();
        var cursor = new Option<string?>("--cursor") { Description = "Resume after this cursor (printed with every event)" };
        var limit = new Option<int?>("--limit") { Description = "Stop after this many suggestion events" };
        var command = new Command("watch", "Stream a center's suggestions: current ones first (unless --cursor), then every change") { center, cursor, limit };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            using var hub = global.ConnectHub(result);
            var request = new WatchSuggestionsRequest { CenterId = result.GetValue(center)!, Cursor = result.GetValue(cursor) ?? string.Empty };
            using var call = hub.Invoker.AsyncServerStreamingCall(Api.WatchSuggestions, hub.Options(ct), request);
            var remaining = result.GetValue(limit) ?? int.MaxValue;
            var json = result.GetValue(global.Json);
            var console = global.Environment.Out;
            while (remaining > 0 && await call.ResponseStream.MoveNext(ct))
            {
                var e = call.ResponseStream.Current;
                if (json)
                {
                    console.Profile.Out.Writer.WriteLine(JsonFormatter.Default.Format(e));
                }
                else if (e.KindCase == SuggestionEvent.KindOneofCase.CaughtUp)
                {
                    console.MarkupLine("[blue]caught up[/] [grey]" + Markup.Escape(e.Cursor) + "[/]");
                }
                else
                {
                    var s = e.Suggestion;
                    console.MarkupLine(Markup.Escape(
                        $"{State(s)} {s.Score.ToString("0.00", CultureInfo.InvariantCulture)} {Id(s.Need)} <- {Id(s.Achievement)} {s.Explanation}")
                        + " [grey]" + Markup.Escape(e.Cursor) + "[/]");
                }

                if (e.KindCase == SuggestionEvent.KindOneofCase.Suggestion)
                {
                    remaining--;
                }
            }

            return 0;
        });
        return command;
    }

    private static Command Mark(GlobalOptions global)
    {
        var need = new Argument<string>("NEED") { Description = "The need, as center/local_id" };
        var achievement = new Argument<string>("ACHIEVEMENT") { Description = "The achievement, as center/local_id" };
        var state = new Argument<string>("STATE") { Description = string.Join(", ", States) };
        var command = new Command("mark", "Record what your center did with a suggestion; the other center sees it") { need, achievement, state };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            var request = new MarkSuggestionRequest
            {
                Need = ParseId(result.GetValue(need)!, "NEED"),
                Achievement = ParseId(result.GetValue(achievement)!, "ACHIEVEMENT"),
                State = ParseState(result.GetValue(state)!),
            };
            using var hub = global.ConnectHub(result);
            var marked = await hub.UnaryAsync(Api.MarkSuggestion, request, ct);
            if (result.GetValue(global.Json))
            {
                global.Environment.Out.Profile.Out.Writer.WriteLine(JsonFormatter.Default.Format(marked));
            }
            else
            {
                global.Environment.Out.WriteLine($"{Id(marked.Need)} <- {Id(marked.Achievement)}: {State(marked)}");
            }

            return 0;
        });
        return command;
    }

    private static RecordId ParseId(string text, string name)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < text.Length - 1
            ? new RecordId { CenterId = text[..slash], LocalId = text[(slash + 1)..] }
            : throw new CliException($"{name} must be center/local_id, e.g. cn-eg/n12 (got '{text}')", ExitCodes.Usage);
    }

    private static SuggestionState ParseState(string text)
    {
        var index = Array.IndexOf(States, text.ToLowerInvariant());
        return index >= 0
            ? (SuggestionState)(index + 1)
            : throw new CliException($"unknown state '{text}' (known: {string.Join(", ", States)})", ExitCodes.Usage);
    }

    private static string State(Suggestion s) =>
        (s.Withdrawn ? "withdrawn/" : string.Empty) + States[Math.Clamp((int)s.State - 1, 0, States.Length - 1)]
        + (s.StateChangedBy.Length > 0 ? $" ({s.StateChangedBy})" : string.Empty);

    private static string Id(RecordId id) => $"{id.CenterId}/{id.LocalId}";
}
