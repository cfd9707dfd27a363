using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// <c>fedplat hub</c> in a child process (the Release build of the CLI), so its memory is the hub's alone;
/// its resident set is read from /proc/&lt;pid&gt;/status.
/// </summary>
public sealed partial class ChildHub : IAsyncDisposable
{
    private readonly Process _process;

    private ChildHub(Process process, Uri address, string tokenPath)
    {
        _process = process;
        Address = address;
        OperatorTokenPath = tokenPath;
    }

    public Uri Address { get; }

    public string OperatorTokenPath { get; }

    public int ProcessId => _process.Id;

    /// <summary>The CLI's Release build under the repository this benchmark was built from.</summary>
    public static string DefaultCliPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FederatedPlatform.sln")))
            {
                return Path.Combine(dir.FullName, "src", "FederatedPlatform.Cli", "bin", "Release", "net10.0", "fedplat.dll");
            }
        }

        throw new InvalidOperationException("cannot find the repository root (FederatedPlatform.sln) above " + AppContext.BaseDirectory);
    }

    public static async Task<ChildHub> StartAsync(string cliPath, string dir, IEnumerable<string> hubSettings)
    {
        if (!File.Exists(cliPath))
        {
            throw new InvalidOperationException($"{cliPath} does not exist: run 'dotnet build -c Release src/FederatedPlatform.Cli' first (or pass --cli)");
        }

        var tokenPath = Path.Combine(dir, "operator.token");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[cliPath, "hub", "--port", "0", "--db", Path.Combine(dir, "hub.db"), "--operator-token-file", tokenPath, .. hubSettings])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != ready.Task)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            lock (lines)
            {
                throw new InvalidOperationException("the hub did not start:\n" + string.Join('\n', lines.TakeLast(30)));
            }
        }

        var hub = new ChildHub(process, await ready.Task, tokenPath);
        return hub;

        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(line);
            }

            if (Listening().Match(line) is { Success: true } m)
            {
                ready.TrySetResult(new Uri(m.Groups[1].Value));
            }
        }
    }

    /// <summary>VmRSS in MiB, or null once the process is gone.</summary>
    /// <summary>CPU time the hub process has used (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    public double? ResidentMiB()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"hub listening on (\S+)")]
    private static partial Regex Listening();
}
