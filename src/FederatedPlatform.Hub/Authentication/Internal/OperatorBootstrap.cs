using FederatedPlatform.Catalog.Registry;
using FederatedPlatform.Hub.Internal;
using Microsoft.Extensions.Logging;

namespace FederatedPlatform.Hub.Authentication.Internal;

/// <summary>
/// First start: a hub whose registry holds no credential at all creates an operator credential and
/// writes its token to a file only the hub's user can read, so the CLI and the demo can administer
/// it. The secret is never logged. Of several instances starting together on one empty database, one
/// creates it (and writes its file); the others find it there.
/// </summary>
internal static class OperatorBootstrap
{
    public const string Description = "bootstrap operator (created at first start)";

    public static async Task RunAsync(ICenterRegistry registry, string tokenPath, ILogger logger, CancellationToken cancellationToken)
    {
        if (await registry.IssueFirstOperatorCredentialAsync(Description, cancellationToken) is not { } issued)
        {
            return;
        }

        await WriteSecretFileAsync(tokenPath, issued.Token, cancellationToken);
        HubLog.OperatorBootstrapped(logger, issued.Credential.CredentialId, tokenPath);
    }

    /// <summary>Writes beside the target, then renames: the file is either absent or whole, and never readable by others.</summary>
    private static async Task WriteSecretFileAsync(string path, string token, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(token.AsMemory(), cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
