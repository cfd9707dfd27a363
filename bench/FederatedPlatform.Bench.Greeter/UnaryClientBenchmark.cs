using System.Diagnostics;
using FederatedPlatform.Grpc;
using Google.Protobuf.Reflection;
using Helloworld;

namespace FederatedPlatform.Bench.Greeter;

/// <summary>This project's client driving a greeter: N concurrent callers, unary SayHello, for a fixed time.</summary>
public static class UnaryClientBenchmark
{
    private static readonly Method<HelloRequest, HelloReply> SayHello =
        Method.From<HelloRequest, HelloReply>(HelloworldReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Greeter"), "SayHello");

    public static async Task<int> RunAsync(string target, int concurrency, TimeSpan duration)
    {
        using var channel = GrpcChannel.ForAddress(target.Contains("://", StringComparison.Ordinal) ? target : "http://" + target);
        var invoker = channel.CreateCallInvoker();
        var request = new HelloRequest { Name = "world" };
        var reply = await invoker.AsyncUnaryCall(SayHello, default, request);
        if (reply.Message != "Hello world")
        {
            Console.Error.WriteLine($"unexpected reply '{reply.Message}'");
            return 1;
        }

        // Warm-up, then the measured window.
        await DriveAsync(invoker, request, concurrency, TimeSpan.FromSeconds(2));
        var stopwatch = Stopwatch.StartNew();
        var (calls, errors) = await DriveAsync(invoker, request, concurrency, duration);
        stopwatch.Stop();
        Console.WriteLine($"client: FederatedPlatform.Grpc, concurrency {concurrency}, {duration.TotalSeconds:0} s: " +
            $"{calls} calls, {errors} errors, {calls / stopwatch.Elapsed.TotalSeconds:0} calls/s");
        return errors == 0 ? 0 : 1;
    }

    private static async Task<(long Calls, long Errors)> DriveAsync(CallInvoker invoker, HelloRequest request, int concurrency, TimeSpan duration)
    {
        long calls = 0;
        long errors = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                try
                {
                    await invoker.AsyncUnaryCall(SayHello, default, request);
                    Interlocked.Increment(ref calls);
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        await Task.WhenAll(workers);
        return (calls, errors);
    }
}
