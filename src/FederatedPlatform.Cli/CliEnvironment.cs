using Spectre.Console;

namespace FederatedPlatform.Cli;

/// <summary>Where a command writes and what it reads from the environment; tests substitute both.</summary>
public sealed class CliEnvironment
{
    /// <summary>Creates an environment.</summary>
    public CliEnvironment(IAnsiConsole output, TextWriter error, Func<string, string?>? variables = null)
    {
        Out = output;
        Error = error;
        Variables = variables ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>Standard output, with Spectre.Console rendering.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Where one-line errors go.</summary>
    public TextWriter Error { get; }

    /// <summary>Environment variable lookup.</summary>
    public Func<string, string?> Variables { get; }

    /// <summary>The process console; plain text and a wide layout when output goes to a file or a pipe.</summary>
    public static CliEnvironment System()
    {
        if (!Console.IsOutputRedirected)
        {
            return new(AnsiConsole.Console, Console.Error);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = 200;
        return new(console, Console.Error);
    }
}
