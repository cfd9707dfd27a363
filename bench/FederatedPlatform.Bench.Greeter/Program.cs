using Microsoft.Extensions.Hosting;
using System.Globalization;
using FederatedPlatform.Bench.Greeter;

// Server:  --port N      Client:  client --target 127.0.0.1:N [--concurrency 50] [--seconds 10]
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal))
    {
        var (key, value) = args[i].Contains('=', StringComparison.Ordinal)
            ? (args[i][2..args[i].IndexOf('=', StringComparison.Ordinal)], args[i][(args[i].IndexOf('=', StringComparison.Ordinal) + 1)..])
            : (args[i][2..], i + 1 < args.Length ? args[++i] : "true");
        options[key] = value;
    }
}
int Int(string key, int fallback) => options.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

if (args.Length > 0 && args[0] == "client")
{
    return await UnaryClientBenchmark.RunAsync(options["target"], Int("concurrency", 50), TimeSpan.FromSeconds(Int("seconds", 10)));
}

await using var app = GreeterServer.Build(Int("port", 50051));
await app.StartAsync();
Console.WriteLine($"listening on 127.0.0.1:{Int("port", 50051)}");
await app.WaitForShutdownAsync();
return 0;
