using Spectre.Console;

namespace FederatedPlatform.Cli.Tests;

/// <summary>Runs a real fedplat command line in-process and captures what it prints.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var env = new CliEnvironment(console, error, name => environment?.GetValueOrDefault(name));
        var parse = FedplatCli.Create(env).Parse(args);
        var exitCode = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error }).WaitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, output.ToString(), error.ToString());
    }

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(null, args);
}
