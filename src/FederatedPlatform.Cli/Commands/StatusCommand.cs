using System.CommandLine;
using System.Globalization;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary><c>fedplat status</c>: federation health as the hub sees it (operator).</summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("status", "Federation health: per center connected, last seen, applied, lag, rejected");
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            using var hub = global.ConnectHub(result);
            var health = await hub.UnaryAsync(Api.GetFederationHealth, new GetFederationHealthRequest(), ct);
            if (result.GetValue(global.Json))
            {
                global.Environment.Out.Profile.Out.Writer.WriteLine(JsonFormatter.Default.Format(health));
                return 0;
            }
            global.Environment.Out.Write(Render(health));
            return 0;
        });
        return command;
    }

    public static Table Render(FederationHealth health)
    {
        var table = new Table().AddColumns("center", "connected", "last seen", "epoch", "applied", "lag", "rejected")
            .Caption($"hub epoch {health.HubEpoch}, catalog seq {health.CatalogSeq}");
        foreach (var c in health.Centers.OrderBy(c => c.CenterId, StringComparer.Ordinal))
        {
            table.AddRow(
                Markup.Escape(c.CenterId),
                c.Connected ? "[green]yes[/]" : "[red]no[/]",
                c.LastSeen?.ToDateTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
                c.ProducerEpoch.ToString(CultureInfo.InvariantCulture),
                c.AppliedSeq.ToString(CultureInfo.InvariantCulture),
                c.Lag.ToString(CultureInfo.InvariantCulture),
                c.RejectedCount.ToString(CultureInfo.InvariantCulture));
        }
        return table;
    }
}
