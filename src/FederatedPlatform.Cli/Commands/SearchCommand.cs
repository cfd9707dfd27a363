using System.CommandLine;
using System.Globalization;
using FederatedPlatform.Catalog;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary><c>fedplat search</c>: full-text search of the hub's catalog, or of a node's replica when <c>--node</c> is given.</summary>
internal static class SearchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var query = new Argument<string>("QUERY") { Description = "Free text in any language (Chinese, Arabic, English …); \"\" lists by filters only" };
        var languages = new Option<string[]>("--language") { Description = "Records written in this language, e.g. zh, ar, en (repeatable)" };
        var statuses = new Option<string[]>("--status") { Description = "open, in_negotiation or closed (repeatable)" };
        var minTrl = new Option<uint>("--min-trl") { Description = "Lowest technology readiness level, 1-9 (achievements only)" };
        var maxTrl = new Option<uint>("--max-trl") { Description = "Highest technology readiness level, 1-9 (achievements only)" };
        var facets = new Option<bool>("--facets") { Description = "Also count the matches per kind, sector, country, center, status, language and TRL" };
        var limit = new Option<int>("--limit") { Description = "Hits per page, 1-100", DefaultValueFactory = _ => 20 };
        var page = new Option<string?>("--page") { Description = "Page token printed under the previous page" };
        var filters = new RecordFilterOptions();
        var command = new Command("search", "Search the federated catalog on the hub, or a node's replica of it when --node is given")
        {
            query, languages, statuses, minTrl, maxTrl, facets, limit, page,
        };
        filters.AddTo(command);
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            var filter = filters.Build(result);
            var request = new SearchRequest
            {
                Query = result.GetValue(query) ?? string.Empty,
                MinTrl = result.GetValue(minTrl),
                MaxTrl = result.GetValue(maxTrl),
                PageSize = result.GetValue(limit),
                PageToken = result.GetValue(page) ?? string.Empty,
                IncludeFacets = result.GetValue(facets),
            };
            request.Kinds.Add(filter.Kinds);
            request.CenterIds.Add(filter.CenterIds);
            request.Sectors.Add(filter.Sectors);
            request.Countries.Add(filter.Countries);
            request.Languages.Add(result.GetValue(languages) ?? []);
            request.Statuses.Add((result.GetValue(statuses) ?? []).Select(RecordFilterOptions.Parse<RecordStatus>));
            // An explicit --node searches that node's replica (works while the hub is unreachable).
            using var connection = result.GetValue(global.Node) is not null ? global.ConnectNode(result) : global.ConnectHub(result);
            var response = await connection.UnaryAsync(Api.Search, request, ct);
            var console = global.Environment.Out;
            if (result.GetValue(global.Json))
            {
                console.Profile.Out.Writer.WriteLine(JsonFormatter.Default.Format(response));
                return 0;
            }

            console.Write(Render(response));
            if (response.Facets.Count > 0)
            {
                console.Write(RenderFacets(response));
            }

            if (response.NextPageToken.Length > 0)
            {
                console.WriteLine($"next page: --page {response.NextPageToken}");
            }

            return 0;
        });
        return command;
    }

    public static Table Render(SearchResponse response)
    {
        var table = new Table().AddColumns("score", "record", "kind", "sector", "country", "title", "snippet");
        table.Caption(response.TotalCount > 0
            ? $"{response.Hits.Count} of {response.TotalCount} matches"
            : $"{response.Hits.Count} hits");
        foreach (var hit in response.Hits)
        {
            var record = hit.Record;
            table.AddRow(
                hit.Score.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape($"{record.Id.CenterId}/{record.Id.LocalId}"),
                CatalogCodes.ToCode(record.Kind) ?? "-",
                CatalogCodes.ToCode(record.Sector) ?? "-",
                Markup.Escape(record.Country),
                Markup.Escape(hit.Title),
                Markup.Escape(hit.Snippet));
        }

        return table;
    }

    private static Table RenderFacets(SearchResponse response)
    {
        var table = new Table().AddColumns("facet", "counts");
        foreach (var facet in response.Facets)
        {
            table.AddRow(
                Markup.Escape(facet.Field),
                Markup.Escape(string.Join(", ", facet.Values.Select(v => $"{v.Value} {v.Count.ToString(CultureInfo.InvariantCulture)}"))));
        }

        return table;
    }
}
