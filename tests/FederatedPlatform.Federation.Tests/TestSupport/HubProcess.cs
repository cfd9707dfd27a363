using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>
/// <c>fedplat hub --postgres …</c> as a real child process, so a test can kill it the hard way
/// (SIGKILL: no graceful stop, streams cut mid-flight, nothing flushed).
/// </summary>
public sealed partial class HubProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HubProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<HubProcess> StartAsync(string postgresConnectionString, string directory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "fedplat.dll"), "hub", "--postgres", postgresConnectionString, "--port", "0",
            "--operator-token-file", Path.Combine(directory, "process-hub.operator-token"),
            "--Hub:RequestsPerSecondPerCredential=1000000", "--Hub:RequestBurstPerCredential=1000000",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start fedplat hub");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("fedplat hub exited: " + string.Join(" | ", output)));
                return;
            }

            output.Enqueue(e.Data);
            if (Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new HubProcess(process, await listening.Task.WithTimeout(TimeSpan.FromSeconds(60)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WithTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"^hub listening on (\S+) ")]
    private static partial Regex Listening();
}
