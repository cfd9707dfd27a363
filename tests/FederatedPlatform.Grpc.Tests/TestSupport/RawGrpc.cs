using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;

namespace FederatedPlatform.Grpc.Tests.TestSupport;

/// <summary>Hand-made HTTP requests, to put exactly the bytes a test wants on the wire.</summary>
public static class RawGrpc
{
    public sealed record Result(HttpStatusCode HttpStatus, int? GrpcStatus, string? GrpcMessage, HttpResponseMessage Response, byte[] Body);

    public static byte[] Frame(ReadOnlySpan<byte> payload, byte flag = 0, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static async Task<Result> SendAsync(
        int port,
        string path,
        byte[] body,
        IDictionary<string, string>? headers = null,
        string contentType = "application/grpc",
        Version? version = null)
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}{path}")
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await client.SendAsync(request).WithTimeout();
        var bytes = await response.Content.ReadAsByteArrayAsync().WithTimeout();
        var status = Header(response, "grpc-status");
        var message = Header(response, "grpc-message");
        return new Result(response.StatusCode, status is null ? null : int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), message, response, bytes);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First()
        : response.TrailingHeaders.TryGetValues(name, out var trailers) ? trailers.First()
        : null;
}
