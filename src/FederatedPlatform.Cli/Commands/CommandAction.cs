using System.CommandLine;
using FederatedPlatform.Cli.Output;

namespace FederatedPlatform.Cli.Commands;

/// <summary>Runs a command body and turns any failure into one line and an exit code.</summary>
internal static class CommandAction
{
    public static void Set(Command command, CliEnvironment environment, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                return await body(result, cancellationToken);
            }
            catch (Exception ex)
            {
                return ErrorReporter.Report(ex, environment.Error);
            }
        });
}
