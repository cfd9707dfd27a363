using System.CommandLine;
using FederatedPlatform.Cli.Output;
using FederatedPlatform.Node;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary>
/// <c>fedplat node --center ID</c>: runs a center's node until Ctrl-C. Flags override configuration, which
/// also comes from appsettings.json, environment variables (<c>Node__HubAddress=…</c>) and <c>--Node:Key=value</c>.
/// </summary>
internal static class NodeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var center = new Option<string?>("--center") { Description = "The center this node serves (required here or in configuration)" };
        var hub = new Option<string?>("--hub-address") { Description = "The hub to publish to, e.g. http://127.0.0.1:7300; several instances of one hub comma-separated" };
        var token = new Option<string?>("--center-token") { Description = "The center's credential (or --center-token-file, or Node__Token)" };
        var tokenFile = new Option<FileInfo?>("--center-token-file") { Description = "File holding the center's credential" };
        var db = new Option<string?>("--db") { Description = "Local database file (default <center>.node.db)" };
        var port = new Option<int?>("--port") { Description = "Local API port (default 7301; 0 picks a free one)" };
        var cert = new Option<string?>("--cert") { Description = "TLS certificate (PFX) for the local API" };
        var command = new Command("node", "Run a center's node: local records, outbox publisher and catalog replica") { center, hub, token, tokenFile, db, port, cert };
        command.TreatUnmatchedTokensAsErrors = false;
        CommandAction.Set(command, environment, async (result, ct) =>
        {
            var secret = result.GetValue(token);
            if (secret is null && result.GetValue(tokenFile) is { } file)
            {
                secret = file.Exists ? File.ReadAllText(file.FullName).Trim() : throw new CliException($"token file not found: {file.FullName}", ExitCodes.InvalidInput);
            }
            await using var app = NodeHost.Build([.. result.UnmatchedTokens], options =>
            {
                options.CenterId = result.GetValue(center) ?? options.CenterId;
                options.HubAddress = result.GetValue(hub) ?? options.HubAddress;
                options.Token = secret ?? options.Token;
                options.DatabasePath = result.GetValue(db) ?? options.DatabasePath;
                options.ListenPort = result.GetValue(port) ?? options.ListenPort;
                options.CertificatePath = result.GetValue(cert) ?? options.CertificatePath;
            }, builder => builder.Logging.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
            await app.StartAsync(ct);
            environment.Out.WriteLine($"node listening on {app.GetListenAddress()}");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
