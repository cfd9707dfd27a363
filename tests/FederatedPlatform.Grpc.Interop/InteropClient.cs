using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Testing;

namespace FederatedPlatform.Grpc.Interop;

/// <summary>The client side of grpc's interop test cases (doc/interop-test-descriptions.md), over this project's client.</summary>
public sealed class InteropClient(CallInvoker invoker)
{
    private static readonly ServiceDescriptor TestService = TestReflection.Descriptor.FindTypeByName<ServiceDescriptor>("TestService");
    private static readonly ServiceDescriptor UnimplementedService = TestReflection.Descriptor.FindTypeByName<ServiceDescriptor>("UnimplementedService");
    private static readonly Method<Empty, Empty> EmptyCallMethod = Method.From<Empty, Empty>(TestService, "EmptyCall");
    private static readonly Method<SimpleRequest, SimpleResponse> UnaryCallMethod = Method.From<SimpleRequest, SimpleResponse>(TestService, "UnaryCall");
    private static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCallMethod = Method.From<StreamingOutputCallRequest, StreamingOutputCallResponse>(TestService, "StreamingOutputCall");
    private static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCallMethod = Method.From<StreamingInputCallRequest, StreamingInputCallResponse>(TestService, "StreamingInputCall");
    private static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCallMethod = Method.From<StreamingOutputCallRequest, StreamingOutputCallResponse>(TestService, "FullDuplexCall");
    private static readonly Method<Empty, Empty> UnimplementedCallMethod = Method.From<Empty, Empty>(TestService, "UnimplementedCall");
    private static readonly Method<Empty, Empty> UnimplementedServiceMethod = Method.From<Empty, Empty>(UnimplementedService, "UnimplementedCall");

    private static readonly int[] RequestSizes = [27182, 8, 1828, 45904];
    private static readonly int[] ResponseSizes = [31415, 9, 2653, 58979];

    /// <summary>Every case this client runs, by its official name.</summary>
    public static IReadOnlyList<string> Cases { get; } =
    [
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_streaming", "client_streaming",
        "server_streaming", "ping_pong", "empty_stream", "timeout_on_sleeping_server", "cancel_after_begin",
        "cancel_after_first_response", "custom_metadata", "status_code_and_message", "special_status_message",
        "unimplemented_method", "unimplemented_service",
    ];

    /// <summary>Runs one case; throws <see cref="InteropFailure"/> (or an RpcException) when it fails.</summary>
    public Task RunAsync(string testCase) => testCase switch
    {
        "empty_unary" => EmptyUnaryAsync(),
        "large_unary" => LargeUnaryAsync(),
        "client_compressed_unary" => ClientCompressedUnaryAsync(),
        "server_compressed_streaming" => ServerCompressedStreamingAsync(),
        "client_streaming" => ClientStreamingAsync(),
        "server_streaming" => ServerStreamingAsync(),
        "ping_pong" => PingPongAsync(),
        "empty_stream" => EmptyStreamAsync(),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServerAsync(),
        "cancel_after_begin" => CancelAfterBeginAsync(),
        "cancel_after_first_response" => CancelAfterFirstResponseAsync(),
        "custom_metadata" => CustomMetadataAsync(),
        "status_code_and_message" => StatusCodeAndMessageAsync(),
        "special_status_message" => SpecialStatusMessageAsync(),
        "unimplemented_method" => ExpectStatusAsync(StatusCode.Unimplemented, () => invoker.AsyncUnaryCall(UnimplementedCallMethod, default, new Empty()).ResponseAsync),
        "unimplemented_service" => ExpectStatusAsync(StatusCode.Unimplemented, () => invoker.AsyncUnaryCall(UnimplementedServiceMethod, default, new Empty()).ResponseAsync),
        _ => throw new ArgumentException($"Unknown test case '{testCase}'.", nameof(testCase)),
    };

    private async Task EmptyUnaryAsync()
    {
        var response = await invoker.AsyncUnaryCall(EmptyCallMethod, default, new Empty());
        Check(response is not null, "EmptyCall returned no message");
    }

    private async Task LargeUnaryAsync()
    {
        var response = await invoker.AsyncUnaryCall(UnaryCallMethod, default, LargeRequest());
        Check(response.Payload.Body.Length == 314159, $"payload length {response.Payload.Body.Length}, expected 314159");
    }

    private async Task ClientCompressedUnaryAsync()
    {
        var probe = LargeRequest();
        probe.ExpectCompressed = new BoolValue { Value = true };
        await ExpectStatusAsync(StatusCode.InvalidArgument, () => invoker.AsyncUnaryCall(UnaryCallMethod, default, probe).ResponseAsync);

        var compressed = LargeRequest();
        compressed.ExpectCompressed = new BoolValue { Value = true };
        var response = await invoker.AsyncUnaryCall(UnaryCallMethod, new CallOptions(compression: "gzip"), compressed);
        Check(response.Payload.Body.Length == 314159, "compressed request: wrong response size");

        var plain = LargeRequest();
        plain.ExpectCompressed = new BoolValue { Value = false };
        response = await invoker.AsyncUnaryCall(UnaryCallMethod, default, plain);
        Check(response.Payload.Body.Length == 314159, "uncompressed request: wrong response size");
    }

    private async Task ServerCompressedStreamingAsync()
    {
        var request = new StreamingOutputCallRequest
        {
            ResponseParameters =
            {
                new ResponseParameters { Compressed = new BoolValue { Value = true }, Size = 31415 },
                new ResponseParameters { Compressed = new BoolValue { Value = false }, Size = 92653 },
            },
        };
        using var call = invoker.AsyncServerStreamingCall(StreamingOutputCallMethod, default, request);
        var sizes = await ReadAllSizesAsync(call.ResponseStream);
        CheckSizes(sizes, [31415, 92653]);
    }

    private async Task ClientStreamingAsync()
    {
        using var call = invoker.AsyncClientStreamingCall(StreamingInputCallMethod, default);
        foreach (var size in RequestSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        }
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Check(response.AggregatedPayloadSize == 74922, $"aggregated size {response.AggregatedPayloadSize}, expected 74922");
    }

    private async Task ServerStreamingAsync()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(ResponseSizes.Select(size => new ResponseParameters { Size = size }));
        using var call = invoker.AsyncServerStreamingCall(StreamingOutputCallMethod, default, request);
        CheckSizes(await ReadAllSizesAsync(call.ResponseStream), ResponseSizes);
    }

    private async Task PingPongAsync()
    {
        using var call = invoker.AsyncDuplexStreamingCall(FullDuplexCallMethod, default);
        for (var i = 0; i < RequestSizes.Length; i++)
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest
            {
                ResponseParameters = { new ResponseParameters { Size = ResponseSizes[i] } },
                Payload = Zeros(RequestSizes[i]),
            });
            Check(await call.ResponseStream.MoveNext(CancellationToken.None), $"no response {i}");
            Check(call.ResponseStream.Current.Payload.Body.Length == ResponseSizes[i], $"response {i} has the wrong size");
        }
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(CancellationToken.None), "more responses than requests");
    }

    private async Task EmptyStreamAsync()
    {
        using var call = invoker.AsyncDuplexStreamingCall(FullDuplexCallMethod, default);
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(CancellationToken.None), "empty stream returned a response");
    }

    private async Task TimeoutOnSleepingServerAsync()
    {
        using var call = invoker.AsyncDuplexStreamingCall(FullDuplexCallMethod, new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(1)));
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            // The deadline may pass before the write: that is the same outcome.
        }
        await ExpectStatusAsync(StatusCode.DeadlineExceeded, () => call.ResponseStream.MoveNext(CancellationToken.None));
    }

    private async Task CancelAfterBeginAsync()
    {
        using var cts = new CancellationTokenSource();
        using var call = invoker.AsyncClientStreamingCall(StreamingInputCallMethod, new CallOptions(cancellationToken: cts.Token));
        await cts.CancelAsync();
        await ExpectStatusAsync(StatusCode.Cancelled, () => call.ResponseAsync);
    }

    private async Task CancelAfterFirstResponseAsync()
    {
        using var cts = new CancellationTokenSource();
        using var call = invoker.AsyncDuplexStreamingCall(FullDuplexCallMethod, new CallOptions(cancellationToken: cts.Token));
        await call.RequestStream.WriteAsync(new StreamingOutputCallRequest
        {
            ResponseParameters = { new ResponseParameters { Size = 31415 } },
            Payload = Zeros(27182),
        });
        Check(await call.ResponseStream.MoveNext(CancellationToken.None), "no first response");
        await cts.CancelAsync();
        await ExpectStatusAsync(StatusCode.Cancelled, () => call.ResponseStream.MoveNext(CancellationToken.None));
    }

    private async Task CustomMetadataAsync()
    {
        const string initialKey = "x-grpc-test-echo-initial";
        const string trailingKey = "x-grpc-test-echo-trailing-bin";
        byte[] trailingValue = [0xab, 0xab, 0xab];
        var headers = new Metadata { { initialKey, "test_initial_metadata_value" }, { trailingKey, trailingValue } };

        using (var unary = invoker.AsyncUnaryCall(UnaryCallMethod, new CallOptions(headers), LargeRequest()))
        {
            await unary.ResponseAsync;
            Check((await unary.ResponseHeadersAsync).GetValue(initialKey) == "test_initial_metadata_value", "unary: initial metadata not echoed");
            Check(unary.GetTrailers().GetValueBytes(trailingKey) is { } t && t.SequenceEqual(trailingValue), "unary: trailing metadata not echoed");
        }

        using var duplex = invoker.AsyncDuplexStreamingCall(FullDuplexCallMethod, new CallOptions(headers));
        await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest
        {
            ResponseParameters = { new ResponseParameters { Size = 314159 } },
            Payload = Zeros(271828),
        });
        await duplex.RequestStream.CompleteAsync();
        Check((await duplex.ResponseHeadersAsync).GetValue(initialKey) == "test_initial_metadata_value", "duplex: initial metadata not echoed");
        while (await duplex.ResponseStream.MoveNext(CancellationToken.None))
        {
        }
        Check(duplex.GetTrailers().GetValueBytes(trailingKey) is { } d && d.SequenceEqual(trailingValue), "duplex: trailing metadata not echoed");
    }

    private Task StatusCodeAndMessageAsync() => EchoStatusAsync("test status message");

    private Task SpecialStatusMessageAsync() => EchoStatusAsync("\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n");

    private async Task EchoStatusAsync(string message)
    {
        var status = new EchoStatus { Code = 2, Message = message };
        var unary = await ExpectStatusAsync(StatusCode.Unknown, () => invoker.AsyncUnaryCall(UnaryCallMethod, default, new SimpleRequest { ResponseStatus = status }).ResponseAsync);
        Check(unary.Status.Detail == message, $"unary: status message {Escape(unary.Status.Detail)}, expected {Escape(message)}");

        using var duplex = invoker.AsyncDuplexStreamingCall(FullDuplexCallMethod, default);
        await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status });
        await duplex.RequestStream.CompleteAsync();
        var streamed = await ExpectStatusAsync(StatusCode.Unknown, () => duplex.ResponseStream.MoveNext(CancellationToken.None));
        Check(streamed.Status.Detail == message, $"duplex: status message {Escape(streamed.Status.Detail)}, expected {Escape(message)}");
    }

    private static async Task<RpcException> ExpectStatusAsync(StatusCode expected, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException ex) when (ex.StatusCode == expected)
        {
            return ex;
        }
        catch (RpcException ex)
        {
            throw new InteropFailure($"expected {expected}, got {ex.StatusCode}: {ex.Status.Detail}");
        }
        throw new InteropFailure($"expected {expected}, but the call succeeded");
    }

    private static async Task<List<int>> ReadAllSizesAsync(IAsyncStreamReader<StreamingOutputCallResponse> responses)
    {
        var sizes = new List<int>();
        while (await responses.MoveNext(CancellationToken.None))
        {
            sizes.Add(responses.Current.Payload.Body.Length);
        }
        return sizes;
    }

    private static void CheckSizes(List<int> actual, int[] expected) =>
        Check(actual.SequenceEqual(expected), $"response sizes [{string.Join(",", actual)}], expected [{string.Join(",", expected)}]");

    private static SimpleRequest LargeRequest() => new() { ResponseSize = 314159, Payload = Zeros(271828) };

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    private static string Escape(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            sb.Append(rune.Value is < 0x20 or > 0x7E ? $"\\u{{{rune.Value:X}}}" : rune.ToString());
        }
        return sb.Append('"').ToString();
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InteropFailure(message);
        }
    }
}

/// <summary>An interop case did not behave as the specification requires.</summary>
public sealed class InteropFailure(string message) : Exception(message);
