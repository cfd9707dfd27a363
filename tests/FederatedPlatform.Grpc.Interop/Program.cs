using FederatedPlatform.Grpc;
using FederatedPlatform.Grpc.Interop;

// Server: --port=N          Client: --client --server_host=127.0.0.1 --server_port=N --test_case=NAME|all
var options = ParseArgs(args);
if (!options.ContainsKey("client"))
{
    var port = int.Parse(options.GetValueOrDefault("port", "0"), System.Globalization.CultureInfo.InvariantCulture);
    await using var server = await InteropServer.StartAsync(port);
    Console.WriteLine($"listening on 127.0.0.1:{server.Port}");
    var stop = new TaskCompletionSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
    await stop.Task;
    return 0;
}

var host = options.GetValueOrDefault("server_host", "127.0.0.1");
var address = $"http://{host}:{options["server_port"]}";
var requested = options.GetValueOrDefault("test_case", "all");
var cases = requested == "all" ? InteropClient.Cases : requested.Split(',');
using var channel = GrpcChannel.ForAddress(address);
var client = new InteropClient(channel.CreateCallInvoker());
var failed = 0;
foreach (var testCase in cases)
{
    try
    {
        await client.RunAsync(testCase);
        Console.WriteLine($"PASS {testCase}");
    }
    catch (Exception ex) when (ex is InteropFailure or RpcException)
    {
        failed++;
        Console.WriteLine($"FAIL {testCase}: {ex.Message}");
    }
}
return failed == 0 ? 0 : 1;

static Dictionary<string, string> ParseArgs(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        var arg = args[i].TrimStart('-');
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            result[arg[..eq]] = arg[(eq + 1)..];
        }
        else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            result[arg] = args[++i];
        }
        else
        {
            result[arg] = "true";
        }
    }
    return result;
}
