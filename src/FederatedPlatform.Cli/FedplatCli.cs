using System.CommandLine;
using FederatedPlatform.Cli.Commands;

namespace FederatedPlatform.Cli;

/// <summary>The <c>fedplat</c> command tree.</summary>
public static class FedplatCli
{
    /// <summary>Builds the root command writing to <paramref name="environment"/>.</summary>
    public static RootCommand Create(CliEnvironment environment)
    {
        var global = new GlobalOptions(environment);
        var root = new RootCommand("fedplat: the China–Arab States technology transfer federation (hub, nodes and their clients)");
        global.AddTo(root);
        root.Subcommands.Add(HubCommand.Create(environment));
        root.Subcommands.Add(NodeCommand.Create(environment));
        root.Subcommands.Add(DemoCommand.Create(environment));
        root.Subcommands.Add(CenterCommands.Create(global));
        root.Subcommands.Add(CredentialCommands.Create(global));
        root.Subcommands.Add(ImportCommand.Create(global));
        root.Subcommands.Add(ExportCommand.Create(global));
        root.Subcommands.Add(WatchCommand.Create(global));
        root.Subcommands.Add(StatusCommand.Create(global));
        root.Subcommands.Add(SearchCommand.Create(global));
        root.Subcommands.Add(MatchCommands.Create(global));
        return root;
    }
}
