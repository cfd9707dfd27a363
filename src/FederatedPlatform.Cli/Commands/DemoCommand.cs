using System.CommandLine;
using FederatedPlatform.Cli.Demo;
using FederatedPlatform.Cli.Output;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary>
/// <c>fedplat demo</c>: a hub and a node per seeded center on loopback, the seeds imported, the federation
/// converging in a live table, then running (addresses printed) until Ctrl-C.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var seeds = new Option<DirectoryInfo?>("--seeds") { Description = "The seeds directory (default: seeds/ found from the current directory)" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Keep the databases here (default: a new temporary directory)" };
        var hubPort = new Option<int>("--hub-port") { Description = "Hub port (0 picks a free one)", DefaultValueFactory = _ => 7300 };
        var nodePorts = new Option<int>("--node-port-base") { Description = "First node port, one per center (0 picks free ones)", DefaultValueFactory = _ => 7301 };
        var exit = new Option<bool>("--exit-when-converged") { Description = "Stop once the federation has converged (for scripts and tests)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for convergence", DefaultValueFactory = _ => 180 };
        var command = new Command("demo", "Start a demo federation from seeds/ on this machine (embedded SQLite)") { seeds, data, hubPort, nodePorts, exit, timeout };
        CommandAction.Set(command, environment, async (result, ct) =>
        {
            var seedsDirectory = result.GetValue(seeds)?.FullName ?? SeedCenter.FindSeedsDirectory()
                ?? throw new CliException("seeds/ not found: run from the repository or pass --seeds", ExitCodes.InvalidInput);
            var dataDirectory = result.GetValue(data)?.FullName ?? Directory.CreateTempSubdirectory("fedplat-demo-").FullName;
            var console = environment.Out;
            var centers = SeedCenter.Load(seedsDirectory);

            console.MarkupLineInterpolated($"starting a hub and {centers.Count(c => c.Kind != "hub")} center nodes (data in {dataDirectory}) ...");
            await using var federation = await DemoFederation.StartAsync(centers, dataDirectory, result.GetValue(hubPort), result.GetValue(nodePorts), ct);
            var total = await federation.ImportSeedsAsync(seedsDirectory, ct);
            console.MarkupLineInterpolated($"imported {total} sample records; waiting for the federation to converge ...");

            var rows = await WaitForConvergenceAsync(console, federation, total, TimeSpan.FromSeconds(result.GetValue(timeout)), ct);
            console.Write(ConvergenceView.Render(rows, total));
            if (!ConvergenceView.Converged(rows, total))
            {
                throw new CliException($"the federation did not converge within {result.GetValue(timeout)} s", ExitCodes.Failure);
            }
            PrintNextSteps(console, federation, total);
            if (!result.GetValue(exit))
            {
                console.MarkupLine("[grey]running; press Ctrl-C to stop[/]");
                await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            console.MarkupLine("stopping the federation ...");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<IReadOnlyList<ConvergenceView.Row>> WaitForConvergenceAsync(
        IAnsiConsole console, DemoFederation federation, int total, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var rows = await ConvergenceView.ReadAsync(federation.Nodes, cancellationToken);
        async Task<bool> RefreshAsync()
        {
            // A display refresh, not synchronisation: the table is redrawn twice a second until converged.
            await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
            rows = await ConvergenceView.ReadAsync(federation.Nodes, cancellationToken);
            return ConvergenceView.Converged(rows, total);
        }
        try
        {
            if (console.Profile.Capabilities.Interactive)
            {
                await console.Live(ConvergenceView.Render(rows, total)).StartAsync(async live =>
                {
                    while (!ConvergenceView.Converged(rows, total) && !await RefreshAsync())
                    {
                        live.UpdateTarget(ConvergenceView.Render(rows, total));
                    }
                    live.UpdateTarget(ConvergenceView.Render(rows, total));
                });
            }
            else
            {
                while (!ConvergenceView.Converged(rows, total) && !await RefreshAsync())
                {
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: the caller reports the last table.
        }
        return rows;
    }

    private static void PrintNextSteps(IAnsiConsole console, DemoFederation federation, int total)
    {
        var tokenFile = federation.Hub.OperatorTokenPath;
        var first = federation.Nodes[0];
        console.MarkupLineInterpolated($"[green]converged[/]: {federation.Nodes.Count} centers, {total} records in every replica.");
        console.MarkupLineInterpolated($"hub      {federation.Hub.Address}   operator token: {tokenFile}");
        console.MarkupLineInterpolated($"node     {first.Address}   ({first.Center.Id}; every node's port is in the table)");
        console.MarkupLine("try, in another terminal:");
        console.MarkupLineInterpolated($"  dotnet run --project src/FederatedPlatform.Cli -- status --hub {federation.Hub.Address} --token-file {tokenFile}");
        console.MarkupLineInterpolated($"  dotnet run --project src/FederatedPlatform.Cli -- watch --hub {federation.Hub.Address} --token-file {tokenFile} --sector desalination");
        console.MarkupLineInterpolated($"  dotnet run --project src/FederatedPlatform.Cli -- search 海水淡化 --hub {federation.Hub.Address} --token-file {tokenFile} --facets");
        console.MarkupLineInterpolated($"  dotnet run --project src/FederatedPlatform.Cli -- export --node {first.Address}");
    }
}
