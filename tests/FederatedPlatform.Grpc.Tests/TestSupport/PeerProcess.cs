using System.Diagnostics;
using System.Text;

namespace FederatedPlatform.Grpc.Tests.TestSupport;

/// <summary>A real peer (node or python) run as a child process; killed with its tree on dispose.</summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(Process process) => _process = process;

    public int Port { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a peer server with <c>--port=0</c> and waits for its "listening on 127.0.0.1:N" line.</summary>
    public static async Task<PeerProcess> StartServerAsync(string fileName, string workingDirectory, params string[] args)
    {
        var peer = new PeerProcess(Start(fileName, workingDirectory, [.. args, "--port=0"]));
        peer._process.OutputDataReceived += (_, e) => peer.OnLine(e.Data);
        peer._process.ErrorDataReceived += (_, e) => peer.OnLine(e.Data);
        peer._process.BeginOutputReadLine();
        peer._process.BeginErrorReadLine();
        peer._process.EnableRaisingEvents = true;
        peer._process.Exited += (_, _) => peer._ready.TrySetException(new InvalidOperationException($"{fileName} exited before listening:\n{peer.Output}"));
        peer.Port = await peer._ready.Task.WithTimeout(TimeSpan.FromSeconds(60));
        return peer;
    }

    /// <summary>Runs a peer client to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var process = Start(fileName, workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WithTimeout(timeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static Process Start(string fileName, string workingDirectory, string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        const string marker = "listening on 127.0.0.1:";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0 && int.TryParse(line.AsSpan(at + marker.Length).Trim(), out var port))
        {
            _ready.TrySetResult(port);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WithTimeout();
        }
        _process.Dispose();
    }
}
