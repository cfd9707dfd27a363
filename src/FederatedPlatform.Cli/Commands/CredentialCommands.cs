using System.CommandLine;
using FederatedPlatform.Catalog;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Cli.Output;
using FederatedPlatform.Contracts.V1;
using Spectre.Console;

namespace FederatedPlatform.Cli.Commands;

/// <summary><c>fedplat credential issue|list|revoke</c> (operator).</summary>
internal static class CredentialCommands
{
    public static Command Create(GlobalOptions global)
    {
        var credential = new Command("credential", "Issue, list and revoke credentials (operator)");
        credential.Subcommands.Add(Issue(global));
        credential.Subcommands.Add(List(global));
        credential.Subcommands.Add(Revoke(global));
        return credential;
    }

    private static Command Issue(GlobalOptions global)
    {
        var role = new Option<string>("--role") { Description = "center, operator or reader", DefaultValueFactory = _ => "center" };
        var center = new Option<string?>("--center") { Description = "The center (for role center)" };
        var description = new Option<string?>("--description") { Description = "What the credential is for" };
        var command = new Command("issue", "Issue a credential; the token is shown once") { role, center, description };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            if (!CatalogCodes.TryParse<Role>(result.GetValue(role)!, out var parsedRole))
            {
                throw new CliException($"--role must be one of {string.Join(", ", CatalogCodes.AllCodes<Role>())}", ExitCodes.Usage);
            }
            using var hub = global.ConnectHub(result);
            var issued = await hub.UnaryAsync(Api.IssueCredential, new IssueCredentialRequest
            {
                Role = parsedRole,
                CenterId = result.GetValue(center) ?? string.Empty,
                Description = result.GetValue(description) ?? string.Empty,
            }, ct);
            global.Environment.Out.MarkupLineInterpolated($"credential [bold]{issued.Credential.CredentialId}[/] ({CatalogCodes.ToCode(issued.Credential.Role)} {issued.Credential.CenterId})");
            global.Environment.Out.WriteLine("token (shown once, store it now):");
            global.Environment.Out.WriteLine(issued.Token);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var center = new Option<string?>("--center") { Description = "Only this center's credentials" };
        var command = new Command("list", "List credentials (never their secrets)") { center };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            using var hub = global.ConnectHub(result);
            var response = await hub.UnaryAsync(Api.ListCredentials, new ListCredentialsRequest { CenterId = result.GetValue(center) ?? string.Empty }, ct);
            var table = new Table().AddColumns("credential", "role", "center", "created", "revoked", "description");
            foreach (var c in response.Credentials)
            {
                table.AddRow(Markup.Escape(c.CredentialId), CatalogCodes.ToCode(c.Role) ?? "?", Markup.Escape(c.CenterId),
                    c.CreatedAt?.ToDateTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    c.RevokedAt?.ToDateTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(c.Description));
            }
            global.Environment.Out.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(GlobalOptions global)
    {
        var id = new Argument<string>("credential-id");
        var command = new Command("revoke", "Revoke one credential") { id };
        CommandAction.Set(command, global.Environment, async (result, ct) =>
        {
            using var hub = global.ConnectHub(result);
            var revoked = await hub.UnaryAsync(Api.RevokeCredential, new RevokeCredentialRequest { CredentialId = result.GetValue(id)! }, ct);
            global.Environment.Out.MarkupLineInterpolated($"revoked credential [bold]{revoked.Credential.CredentialId}[/]");
            return ExitCodes.Success;
        });
        return command;
    }
}
