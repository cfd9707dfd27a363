using Microsoft.AspNetCore.Http;

namespace FederatedPlatform.Grpc;

/// <summary>The context of one server call: metadata, deadline, cancellation, peer and status.</summary>
public abstract class ServerCallContext
{
    /// <summary>The full method name, <c>/service/method</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The <c>:authority</c> the client called.</summary>
    public abstract string Host { get; }

    /// <summary>The peer address, e.g. <c>ipv4:127.0.0.1:50123</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>The call's deadline (UTC); <see cref="DateTime.MaxValue"/> when the client set none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>The request headers the client sent, without protocol headers.</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Cancelled when the client cancels, the deadline passes, or the connection drops.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status sent when the handler returns normally (default OK).</summary>
    public abstract Status Status { get; set; }

    /// <summary>Options for writing response messages.</summary>
    public abstract WriteOptions? WriteOptions { get; set; }

    /// <summary>
    /// The encoding used to compress response messages (for example <c>gzip</c>), or null for none. Set it
    /// before the first response message. Ignored when the client did not list it in <c>grpc-accept-encoding</c>.
    /// </summary>
    public abstract string? ResponseEncoding { get; set; }

    /// <summary>True when the most recently read request message arrived compressed.</summary>
    public abstract bool RequestMessageCompressed { get; }

    /// <summary>State shared by interceptors and the handler for this call (e.g. the authenticated principal).</summary>
    public abstract IDictionary<object, object?> UserState { get; }

    /// <summary>Sends response headers now; allowed once, before the first message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);

    /// <summary>The underlying ASP.NET Core HTTP context.</summary>
    public abstract HttpContext GetHttpContext();
}
