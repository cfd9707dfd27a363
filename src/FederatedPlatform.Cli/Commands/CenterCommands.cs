using System.CommandLine;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Cli.Output;
using FederatedPlatform.Contracts.V1;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary><c>fedplat center add|list|revoke</c> (operator).</summary>
internal static class CenterCommands
{
    public static Command Create(GlobalOptions global)
    {
        var center = new Command("center", "Register and list centers, revoke a center's credentials (operator)");
        center.Subcommands.Add(Add(global));
        center.Subcommands.Add(List(global));
        center.Subcommands.Add(Revoke(global));
        return center;
    }

    private static Command Add(GlobalOptions global)
    {
        var id = new Argument<string>("center-id") { Description = "Lowercase id, e.g. cn-om" };
        var names = new Option<string[]>("--name") { Description = "Name per language, e.g. --name en=China–Oman Center --name zh=中阿技术转移中心", AllowMultipleArgumentsPerToken = false };
        var country = new Option<string>("--country") { Description = "ISO 3166-1 alpha-2 country", Required = true };
        var command = new Command("add", "Register a center") { id, names, country };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            using var hub = global.ConnectHub(result);
            var request = new RegisterCenterRequest { CenterId = result.GetValue(id)!, Country = result.GetValue(country)! };
            foreach (var pair in result.GetValue(names) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new CliException($"--name must be language=text, got '{pair}'", ExitCodes.Usage);
                }
                request.Names[pair[..eq]] = pair[(eq + 1)..];
            }
            var registered = await hub.UnaryAsync(Api.RegisterCenter, request, ct);
            global.Environment.Out.MarkupLineInterpolated($"registered center [bold]{registered.CenterId}[/] ({registered.Country})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var command = new Command("list", "List the federation's centers");
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            using var hub = global.ConnectHub(result);
            var response = await hub.UnaryAsync(Api.ListCenters, new ListCentersRequest(), ct);
            if (result.GetValue(global.Json))
            {
                global.Environment.Out.WriteLine(Google.Protobuf.JsonFormatter.Default.Format(response));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("center", "country", "names");
            foreach (var c in response.Centers)
            {
                table.AddRow(Markup.Escape(c.CenterId), Markup.Escape(c.Country), Markup.Escape(string.Join("; ", c.Names.Select(n => $"{n.Key}: {n.Value}"))));
            }
            global.Environment.Out.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(GlobalOptions global)
    {
        var id = new Argument<string>("center-id") { Description = "The center whose credentials are revoked" };
        var command = new Command("revoke", "Revoke every active credential of a center") { id };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            using var hub = global.ConnectHub(result);
            var centerId = result.GetValue(id)!;
            var credentials = await hub.UnaryAsync(Api.ListCredentials, new ListCredentialsRequest { CenterId = centerId }, ct);
            var active = credentials.Credentials.Where(c => c.RevokedAt is null).ToList();
            foreach (var credential in active)
            {
                await hub.UnaryAsync(Api.RevokeCredential, new RevokeCredentialRequest { CredentialId = credential.CredentialId }, ct);
            }
            global.Environment.Out.MarkupLineInterpolated($"revoked {active.Count} credential(s) of [bold]{centerId}[/]");
            return ExitCodes.Success;
        });
        return command;
    }
}
