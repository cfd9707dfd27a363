using System.Net;
using FederatedPlatform.Grpc.Tests.TestSupport;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FederatedPlatform.Grpc.Tests.Server;

/// <summary>
/// Several messages arriving in one read while the stream stays open must all be delivered at once:
/// neither side may wait for more bytes while whole messages are already buffered.
/// </summary>
public sealed class CoalescedMessagesTests
{
    private sealed class OpenStreamContent(byte[] bytes, Task keepOpenUntil) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
            await keepOpenUntil;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    [Fact]
    public async Task Server_ThreeRequestsInOneWriteOnOpenStream_AnswersAllThree()
    {
        await using var sut = await TestGrpcServer.StartAsync(b => b.DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", async (requests, responses, context) =>
        {
            while (await requests.MoveNext(context.CancellationToken))
            {
                await responses.WriteAsync(new StreamingOutputCallResponse());
            }
        }));
        var release = new TaskCompletionSource();
        var frames = Enumerable.Range(0, 3).SelectMany(_ => RawGrpc.Frame(new StreamingOutputCallRequest())).ToArray();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{sut.Address}/grpc.testing.TestService/FullDuplexCall")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new OpenStreamContent(frames, release.Task),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WithTimeout();
        var stream = await response.Content.ReadAsStreamAsync();
        var expected = 3 * 5;
        var received = 0;
        var buffer = new byte[64];
        while (received < expected)
        {
            var read = await stream.ReadAsync(buffer).AsTask().WithTimeout(TimeSpan.FromSeconds(10));
            Assert.True(read > 0, "the response ended early");
            received += read;
        }
        release.SetResult();

        Assert.Equal(expected, received);
    }

    [Fact]
    public async Task Client_ThreeResponsesInOneWriteOnOpenStream_ReadsAllThree()
    {
        var release = new TaskCompletionSource();
        await using var server = await TestGrpcServer.StartAsync((IEndpointRouteBuilder app) => app.MapPost("/grpc.testing.TestService/StreamingOutputCall", async context =>
        {
            context.Response.ContentType = "application/grpc";
            var frames = Enumerable.Range(0, 3).SelectMany(_ => RawGrpc.Frame(new StreamingOutputCallResponse())).ToArray();
            await context.Response.Body.WriteAsync(frames);
            await context.Response.Body.FlushAsync();
            await release.Task;
            context.Response.AppendTrailer("grpc-status", "0");
        }));
        using var channel = server.CreateChannel();
        using var sut = channel.CreateCallInvoker().AsyncServerStreamingCall(TestServices.StreamingOutputCall, default, new StreamingOutputCallRequest());

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await sut.ResponseStream.MoveNext(CancellationToken.None).WithTimeout(TimeSpan.FromSeconds(10)), $"message {i}");
        }
        release.SetResult();

        Assert.False(await sut.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
    }
}
