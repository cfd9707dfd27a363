using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using FederatedPlatform.Grpc.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>The server side of one call on top of an ASP.NET Core <see cref="HttpContext"/>.</summary>
internal sealed class HttpContextServerCallContext : ServerCallContext, IDisposable
{
    // Timers longer than this cannot be armed; such deadlines are as good as none.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(49);

    private readonly HttpContext _http;
    private readonly ServerRuntime _runtime;
    private readonly string _method;
    private CancellationTokenSource? _deadlineCts;
    private CancellationTokenSource? _linkedCts;
    private CancellationToken _token;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object?>? _userState;
    private ICompressionProvider? _requestEncoding;
    private string? _requestEncodingName;
    private ICompressionProvider? _responseCompression;
    private string? _responseEncoding;
    private CountingBufferWriter? _body;
    private bool _headersSent;
    private DateTime _deadline = DateTime.MaxValue;
    private bool _deadlineAlreadyPassed;

    public HttpContextServerCallContext(HttpContext http, string method, ServerRuntime runtime)
    {
        _http = http;
        _method = method;
        _runtime = runtime;
        _token = http.RequestAborted;
        _responseEncoding = runtime.Options.ResponseCompressionAlgorithm;
    }

    public override string Method => _method;

    public override string Host => _http.Request.Host.Value ?? string.Empty;

    public override string Peer
    {
        get
        {
            var connection = _http.Connection;
            return connection.RemoteIpAddress switch
            {
                null => "unknown",
                { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"ipv6:[{ip}]:{connection.RemotePort}",
                var ip => $"ipv4:{ip}:{connection.RemotePort}",
            };
        }
    }

    public override DateTime Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    public override CancellationToken CancellationToken => _token;

    public override Metadata ResponseTrailers => _responseTrailers ??= [];

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override WriteOptions? WriteOptions { get; set; }

    public override string? ResponseEncoding
    {
        get => _responseEncoding;
        set
        {
            if (_headersSent)
            {
                throw new InvalidOperationException("Response encoding must be chosen before the response headers are sent.");
            }
            _responseEncoding = value;
        }
    }

    public override bool RequestMessageCompressed => LastMessageCompressed;

    public override IDictionary<object, object?> UserState => _userState ??= [];

    public bool LastMessageCompressed { get; private set; }

    public bool DeadlineExceeded => _deadlineAlreadyPassed || (_deadlineCts?.IsCancellationRequested ?? false);

    public GrpcServerOptions Options => _runtime.Options;

    public override HttpContext GetHttpContext() => _http;

    /// <summary>
    /// Reads the protocol headers. Returns a status to end the call with at once (trailers-only), or null to go on.
    /// </summary>
    public Status? Initialize()
    {
        // Calls are long-lived streams: Kestrel's body size and data-rate limits are for HTTP uploads.
        if (_http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }
        if (_http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rateFeature)
        {
            rateFeature.MinDataRate = null;
        }

        var headers = _http.Request.Headers;
        _http.Response.ContentType = GrpcProtocolConstants.GrpcContentType;

        var encoding = headers[GrpcProtocolConstants.MessageEncodingHeader].ToString();
        if (encoding.Length > 0 && !encoding.Equals(GrpcProtocolConstants.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            _requestEncodingName = encoding;
            _requestEncoding = _runtime.Compression.Find(encoding);
            if (_requestEncoding is null)
            {
                _http.Response.Headers[GrpcProtocolConstants.MessageAcceptEncodingHeader] = _runtime.Compression.AcceptEncoding;
                return new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {_runtime.Compression.AcceptEncoding}");
            }
        }

        var timeoutHeader = headers[GrpcProtocolConstants.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var timeout))
            {
                return new Status(StatusCode.Internal, $"Invalid grpc-timeout value '{timeoutHeader}'.");
            }
            ArmDeadline(timeout);
        }
        return null;
    }

    private void ArmDeadline(TimeSpan timeout)
    {
        if (timeout >= MaxTimerDelay)
        {
            return;
        }
        var now = _runtime.TimeProvider.GetUtcNow().UtcDateTime;
        _deadline = now + timeout;
        if (timeout <= TimeSpan.Zero)
        {
            _deadlineAlreadyPassed = true;
            _linkedCts = new CancellationTokenSource();
            _linkedCts.Cancel();
            _token = _linkedCts.Token;
            return;
        }
        _deadlineCts = new CancellationTokenSource(timeout, _runtime.TimeProvider);
        _linkedCts = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted, _deadlineCts.Token);
        _token = _linkedCts.Token;
    }

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        if (_headersSent)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call.");
        }
        foreach (var entry in responseHeaders)
        {
            if (GrpcProtocolConstants.IsReservedHeader(entry.Key))
            {
                continue;
            }
            _http.Response.Headers.Append(entry.Key, MetadataCodec.EncodeValue(entry));
        }
        PrepareHeaders();
        return _http.Response.BodyWriter.FlushAsync(_token).AsTask();
    }

    /// <summary>Frames and writes one response message; flushes when asked (streaming).</summary>
    public async ValueTask WriteMessageAsync<T>(T message, Marshaller<T> marshaller, bool flush, CancellationToken cancellationToken)
    {
        MessageCodec.Encode(Body, message, marshaller, BeginWrite(), _runtime.Options.MaxSendMessageSize);
        await EndWriteAsync(flush, cancellationToken);
    }

    /// <summary>Writes messages framed in advance, in one write; flushes when asked.</summary>
    public async ValueTask WriteFramedMessagesAsync(FramedMessages messages, bool flush, CancellationToken cancellationToken)
    {
        MessageCodec.EncodeFramed(Body, messages, BeginWrite(), _runtime.Options.MaxSendMessageSize);
        await EndWriteAsync(flush, cancellationToken);
    }

    /// <summary>Before a response write: the call is still on, the headers go first; returns the write's compression.</summary>
    private ICompressionProvider? BeginWrite()
    {
        _token.ThrowIfCancellationRequested();
        if (!_headersSent)
        {
            PrepareHeaders();
        }
        return (WriteOptions?.Flags ?? WriteFlags.None).HasFlag(WriteFlags.NoCompress) ? null : _responseCompression;
    }

    /// <summary>After a response write: flushes when asked, or when enough is buffered that the client's pace must apply.</summary>
    private ValueTask EndWriteAsync(bool flush, CancellationToken cancellationToken) =>
        flush || Body.Count >= _runtime.Options.MaxBufferedResponseBytes ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;

    /// <summary>The response body, counting the bytes written since the last flush.</summary>
    private CountingBufferWriter Body => _body ??= new CountingBufferWriter(_http.Response.BodyWriter);

    /// <summary>
    /// Flushes the response body. Kestrel applies backpressure here (and only here): the flush waits while more
    /// than its response buffer limit is unsent, e.g. because the client's flow-control window is closed.
    /// </summary>
    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _body!.Count = 0;
        var result = await _http.Response.BodyWriter.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : _token);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private void PrepareHeaders()
    {
        _headersSent = true;
        var responseHeaders = _http.Response.Headers;
        if (_responseEncoding is not null && ClientAccepts(_responseEncoding))
        {
            _responseCompression = _runtime.Compression.Find(_responseEncoding);
            if (_responseCompression is not null)
            {
                responseHeaders[GrpcProtocolConstants.MessageEncodingHeader] = _responseCompression.EncodingName;
            }
        }
        responseHeaders[GrpcProtocolConstants.MessageAcceptEncodingHeader] = _runtime.Compression.AcceptEncoding;
    }

    private bool ClientAccepts(string encoding)
    {
        foreach (var value in _http.Request.Headers[GrpcProtocolConstants.MessageAcceptEncodingHeader])
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
            {
                if (part.Equals(encoding, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Reads the next request message, or null at the end of the request stream.</summary>
    public async ValueTask<T?> ReadMessageAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await ReadFrameAsync(marshaller, cancellationToken);
        }
        catch (IOException ex)
        {
            // Kestrel reports a client's RST_STREAM (or a dropped connection) from ReadAsync and AdvanceTo alike.
            throw new RpcException(new Status(StatusCode.Cancelled, "The client reset the request stream.", ex));
        }
    }

    private async ValueTask<T?> ReadFrameAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
        where T : class
    {
        var reader = _http.Request.BodyReader;
        using var registration = cancellationToken.CanBeCanceled && cancellationToken != _token
            ? cancellationToken.Register(static r => CancelPendingRead((PipeReader)r!), reader)
            : default;
        while (true)
        {
            var result = await reader.ReadAsync(_token);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var framed = false;
            try
            {
                var max = _runtime.Options.MaxReceiveMessageSize;
                if (MessageCodec.TryReadFrame(ref buffer, max, out var compressed, out var payload))
                {
                    framed = true;
                    var message = MessageCodec.Decode(payload, compressed, _requestEncoding, _requestEncodingName, max, marshaller);
                    consumed = buffer.Start;
                    LastMessageCompressed = compressed;
                    return message;
                }
                if (result.IsCompleted)
                {
                    if (buffer.Length == 0)
                    {
                        return null;
                    }
                    throw new RpcException(StatusCode.Internal, "Incomplete message: the request stream ended inside a message.");
                }
            }
            finally
            {
                // After a whole message only that message is examined: more messages may already be
                // buffered, and marking them examined would make the next read wait for new bytes.
                reader.AdvanceTo(consumed, framed ? consumed : buffer.End);
            }
        }
    }

    /// <summary>
    /// Cancels a pending read for a caller's token. After a client reset Kestrel throws from CancelPendingRead;
    /// the read then ends by itself, and the exception must not escape into whoever cancelled the token.
    /// </summary>
    private static void CancelPendingRead(PipeReader reader)
    {
        try
        {
            reader.CancelPendingRead();
        }
        catch (IOException)
        {
            // The request stream is gone; the pending read fails on its own.
        }
    }

    /// <summary>Ends the call with <see cref="Status"/>: trailers after a started response, trailers-only otherwise.</summary>
    public void EndCall()
    {
        var status = DeadlineExceeded ? new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded") : Status;
        var response = _http.Response;
        if (!_headersSent && !response.HasStarted)
        {
            var headers = response.Headers;
            headers[GrpcProtocolConstants.StatusTrailer] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (status.Detail.Length > 0)
            {
                headers[GrpcProtocolConstants.MessageTrailer] = PercentEncoding.Encode(status.Detail);
            }
            if (_responseTrailers is not null)
            {
                foreach (var entry in _responseTrailers)
                {
                    headers.Append(entry.Key, MetadataCodec.EncodeValue(entry));
                }
            }
            return;
        }
        response.AppendTrailer(GrpcProtocolConstants.StatusTrailer, ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
        if (status.Detail.Length > 0)
        {
            response.AppendTrailer(GrpcProtocolConstants.MessageTrailer, PercentEncoding.Encode(status.Detail));
        }
        if (_responseTrailers is not null)
        {
            foreach (var entry in _responseTrailers)
            {
                response.AppendTrailer(entry.Key, MetadataCodec.EncodeValue(entry));
            }
        }
    }

    /// <summary>Turns a handler's exception into the call's status and ends the call.</summary>
    public void EndCallWithError(Exception exception)
    {
        if (DeadlineExceeded)
        {
            GrpcLog.DeadlineExceeded(_runtime.Logger, _method);
        }
        else if (_http.RequestAborted.IsCancellationRequested)
        {
            Status = new Status(StatusCode.Cancelled, "Call cancelled by the client.");
            GrpcLog.CallCancelled(_runtime.Logger, _method);
            return;
        }
        else if (exception is RpcException rpc)
        {
            Status = rpc.Status;
            foreach (var entry in rpc.Trailers)
            {
                ResponseTrailers.Add(entry);
            }
            GrpcLog.CallEndedWithStatus(_runtime.Logger, _method, rpc.StatusCode, rpc.Status.Detail);
        }
        else
        {
            GrpcLog.HandlerError(_runtime.Logger, _method, exception);
            var detail = _runtime.Options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                : "Exception was thrown by handler.";
            Status = new Status(StatusCode.Unknown, detail, exception);
        }
        try
        {
            EndCall();
        }
        catch (InvalidOperationException ex)
        {
            GrpcLog.EndCallFailed(_runtime.Logger, _method, ex);
        }
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var header in _http.Request.Headers)
        {
            if (GrpcProtocolConstants.IsReservedHeader(header.Key))
            {
                continue;
            }
            if (!MetadataCodec.TryAdd(metadata, header.Key, header.Value))
            {
                throw new RpcException(StatusCode.Internal, $"Invalid value in header '{header.Key}'.");
            }
        }
        return metadata;
    }

    public void Dispose()
    {
        _linkedCts?.Dispose();
        _deadlineCts?.Dispose();
    }
}
