using System.CommandLine;
using FederatedPlatform.Cli.Clients;
using FederatedPlatform.Cli.Output;

namespace FederatedPlatform.Cli.Commands;

/// <summary>Options every client command understands; values fall back to FEDPLAT_* environment variables.</summary>
internal sealed class GlobalOptions(CliEnvironment environment)
{
    public const string DefaultHub = "http://127.0.0.1:7300";
    public const string DefaultNode = "http://127.0.0.1:7301";

    public Option<string?> Hub { get; } = new("--hub") { Description = $"Hub address (env FEDPLAT_HUB, default {DefaultHub})", Recursive = true };

    public Option<string?> Node { get; } = new("--node") { Description = $"Node address (env FEDPLAT_NODE, default {DefaultNode})", Recursive = true };

    public Option<string?> Token { get; } = new("--token") { Description = "Credential token (env FEDPLAT_TOKEN)", Recursive = true };

    public Option<FileInfo?> TokenFile { get; } = new("--token-file") { Description = "File holding the credential token (env FEDPLAT_TOKEN_FILE)", Recursive = true };

    public Option<bool> Json { get; } = new("--json") { Description = "Write JSON instead of tables", Recursive = true };

    public CliEnvironment Environment { get; } = environment;

    public void AddTo(Command root)
    {
        root.Options.Add(Hub);
        root.Options.Add(Node);
        root.Options.Add(Token);
        root.Options.Add(TokenFile);
        root.Options.Add(Json);
    }

    public Connection ConnectHub(ParseResult result) =>
        new(result.GetValue(Hub) ?? Environment.Variables("FEDPLAT_HUB") ?? DefaultHub, ResolveToken(result));

    public Connection ConnectNode(ParseResult result) =>
        new(result.GetValue(Node) ?? Environment.Variables("FEDPLAT_NODE") ?? DefaultNode, ResolveToken(result));

    private string? ResolveToken(ParseResult result)
    {
        if ((result.GetValue(Token) ?? Environment.Variables("FEDPLAT_TOKEN")) is { Length: > 0 } token)
        {
            return token;
        }
        var path = result.GetValue(TokenFile)?.FullName ?? Environment.Variables("FEDPLAT_TOKEN_FILE");
        if (path is null)
        {
            return null;
        }
        return File.Exists(path)
            ? File.ReadAllText(path).Trim()
            : throw new CliException($"token file not found: {path}", ExitCodes.InvalidInput);
    }
}
