using System.Globalization;
using FederatedPlatform.Contracts.V1;
using Spectre.Console;

namespace FederatedPlatform.Cli.Demo;

/// <summary>The live table of the demo: per center connected, published, acked, lag and replica size.</summary>
internal static class ConvergenceView
{
    public sealed record Row(DemoNode Node, NodeStatus? Status, string? Error);

    public static async Task<IReadOnlyList<Row>> ReadAsync(IReadOnlyList<DemoNode> nodes, CancellationToken cancellationToken)
    {
        var rows = new List<Row>(nodes.Count);
        foreach (var node in nodes)
        {
            try
            {
                rows.Add(new Row(node, await node.StatusAsync(cancellationToken), null));
            }
            catch (Grpc.RpcException ex)
            {
                rows.Add(new Row(node, null, ex.Status.Detail));
            }
        }
        return rows;
    }

    /// <summary>Every node connected, every change acknowledged, every replica holding the whole federation.</summary>
    public static bool Converged(IReadOnlyList<Row> rows, int federationRecords) =>
        rows.All(r => r.Status is { Connected: true } s && s.AckedSeq == s.LastSeq && s.ReplicaRecords >= (ulong)federationRecords);

    public static Table Render(IReadOnlyList<Row> rows, int federationRecords)
    {
        var table = new Table().Title("FederatedPlatform demo federation (sample data)")
            .AddColumns("center", "node port", "connected", "imported", "published", "acked", "lag", "replica", "rejected");
        foreach (var row in rows)
        {
            var s = row.Status;
            table.AddRow(
                Markup.Escape(row.Node.Center.Id),
                row.Node.Address.Port.ToString(CultureInfo.InvariantCulture),
                s is null ? $"[red]{Markup.Escape(row.Error ?? "?")}[/]" : s.Connected ? "[green]yes[/]" : "[yellow]no[/]",
                row.Node.Imported.ToString(CultureInfo.InvariantCulture),
                s?.LastSeq.ToString(CultureInfo.InvariantCulture) ?? "-",
                s?.AckedSeq.ToString(CultureInfo.InvariantCulture) ?? "-",
                s is null ? "-" : (s.LastSeq - s.AckedSeq).ToString(CultureInfo.InvariantCulture),
                s is null ? "-" : $"{s.ReplicaRecords}/{federationRecords}",
                s?.RejectedCount.ToString(CultureInfo.InvariantCulture) ?? "-");
        }
        return table;
    }
}
