using System.Net;
using System.Net.Sockets;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>Which way bytes flow through a <see cref="CuttingProxy"/>.</summary>
public enum Direction
{
    ToHub,
    FromHub,
}

/// <summary>
/// A TCP proxy on loopback between nodes and the hub. Armed with <see cref="CutAfter"/>, it forwards
/// that many more bytes in one direction and then resets the connection in the middle of whatever
/// it was carrying (an HTTP/2 frame, a gRPC message); later connections pass untouched.
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private readonly Lock _lock = new();
    private Cut? _armed;
    private int _connections;

    public CuttingProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        _tasks.Add(AcceptAsync());
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Arms a cut; the task completes when the connection has been reset.</summary>
    public Task CutAfter(Direction direction, long bytes)
    {
        var cut = new Cut(direction, bytes);
        lock (_lock)
        {
            _armed = cut;
        }

        return cut.Done.Task;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            var hub = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            try
            {
                await hub.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // The hub is down: the node sees its connection refused, as without the proxy.
                Reset(client);
                hub.Dispose();
                continue;
            }

            lock (_lock)
            {
                _tasks.Add(PumpAsync(client, hub, Direction.ToHub));
                _tasks.Add(PumpAsync(hub, client, Direction.FromHub));
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, Direction direction)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                var forward = read;
                Cut? cut;
                lock (_lock)
                {
                    cut = _armed is { } armed && armed.Direction == direction ? armed : null;
                    if (cut is not null)
                    {
                        forward = (int)Math.Min(read, cut.Remaining);
                        cut.Remaining -= forward;
                        if (cut.Remaining == 0)
                        {
                            _armed = null;
                        }
                        else
                        {
                            cut = null;
                        }
                    }
                }

                if (forward > 0)
                {
                    await to.SendAsync(buffer.AsMemory(0, forward), SocketFlags.None, _stop.Token);
                }

                if (cut is not null)
                {
                    Reset(from);
                    Reset(to);
                    cut.Done.TrySetResult();
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Reset(from);
            Reset(to);
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by the other pump.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] tasks;
        lock (_lock)
        {
            tasks = [.. _tasks];
        }

        await Task.WhenAll(tasks).WithTimeout();
        _stop.Dispose();
    }

    private sealed class Cut(Direction direction, long bytes)
    {
        public Direction Direction { get; } = direction;

        public long Remaining { get; set; } = bytes;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
