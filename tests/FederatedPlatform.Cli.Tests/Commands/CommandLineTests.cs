namespace FederatedPlatform.Cli.Tests.Commands;

/// <summary>Real command lines: help everywhere, one-line errors with distinct exit codes, never a stack trace.</summary>
public sealed class CommandLineTests
{
    public static TheoryData<string[]> Commands => new()
    {
        new[] { "--help" },
        new[] { "center", "--help" },
        new[] { "center", "add", "--help" },
        new[] { "center", "list", "--help" },
        new[] { "center", "revoke", "--help" },
        new[] { "credential", "issue", "--help" },
        new[] { "credential", "list", "--help" },
        new[] { "credential", "revoke", "--help" },
        new[] { "import", "--help" },
        new[] { "export", "--help" },
        new[] { "watch", "--help" },
        new[] { "status", "--help" },
        new[] { "search", "--help" },
        new[] { "match", "--help" },
        new[] { "match", "list", "--help" },
        new[] { "match", "watch", "--help" },
        new[] { "match", "mark", "--help" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_PrintsUsageAndSucceeds(string[] args)
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(args);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_HubUnreachable_OneLineAndExit3()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("status", "--hub", "http://127.0.0.1:1");

        Assert.Equal(3, exitCode);
        Assert.StartsWith("fedplat: cannot reach the server", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_OneLineAndExit5()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("import", "/nonexistent/records.json", "--node", "http://127.0.0.1:1");

        Assert.Equal(5, exitCode);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenFile_Missing_OneLineAndExit5()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("status", "--token-file", "/nonexistent/token");

        Assert.Equal(5, exitCode);
        Assert.Contains("token file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_UnknownSector_UsageError()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("watch", "--sector", "space", "--hub", "http://127.0.0.1:1");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown sector 'space'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_NonZero()
    {
        var (exitCode, _, _) = await CliRunner.RunAsync("frobnicate");

        Assert.NotEqual(0, exitCode);
    }
}
