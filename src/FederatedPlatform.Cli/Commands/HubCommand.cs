using System.CommandLine;
using FederatedPlatform.Hub;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary>
/// <c>fedplat hub</c>: runs the hub until Ctrl-C. Flags override configuration, which also comes from
/// appsettings.json, environment variables (<c>Hub__Port=7300</c>) and <c>--Hub:Key=value</c> arguments.
/// </summary>
internal static class HubCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var db = new Option<string?>("--db") { Description = "Catalog database file (default fedplat-hub.db)" };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Keep the catalog in PostgreSQL (an Npgsql connection string) instead of the --db file; several hubs may share one database",
        };
        var port = new Option<int?>("--port") { Description = "Listen port (default 7300; 0 picks a free one)" };
        var listen = new Option<string?>("--listen") { Description = "Listen address (default 127.0.0.1)" };
        var cert = new Option<string?>("--cert") { Description = "TLS certificate (PFX); without it the hub speaks h2c" };
        var certPassword = new Option<string?>("--cert-password") { Description = "Password of the certificate" };
        var tokenFile = new Option<string?>("--operator-token-file") { Description = "Where the first operator token is written (default next to the database)" };
        var command = new Command("hub", "Run the hub: the federated catalog, Publish intake and Watch") { db, postgres, port, listen, cert, certPassword, tokenFile };
        command.TreatUnmatchedTokensAsErrors = false;
        CommandAction.Set(command, environment, async (result, ct) =>
        {
            var builder = HubHost.CreateBuilder([.. result.UnmatchedTokens], options =>
            {
                options.DatabasePath = result.GetValue(db) ?? options.DatabasePath;
                options.PostgresConnectionString = result.GetValue(postgres) ?? options.PostgresConnectionString;
                options.Port = result.GetValue(port) ?? options.Port;
                options.ListenAddress = result.GetValue(listen) ?? options.ListenAddress;
                options.CertificatePath = result.GetValue(cert) ?? options.CertificatePath;
                options.CertificatePassword = result.GetValue(certPassword) ?? options.CertificatePassword;
                options.OperatorTokenPath = result.GetValue(tokenFile) ?? options.OperatorTokenPath;
            });
            builder.Logging.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning);
            await using var hub = await HubHost.StartAsync(builder, ct);
            environment.Out.WriteLine($"hub listening on {hub.Address} (epoch {hub.HubEpoch}); operator token in {hub.OperatorTokenPath}");
            await hub.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
