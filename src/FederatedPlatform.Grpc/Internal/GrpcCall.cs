using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using FederatedPlatform.Grpc.Compression;

namespace FederatedPlatform.Grpc.Internal;

/// <summary>
/// One client call over HTTP/2. Every way a call can end (trailers, trailers-only, HTTP error, transport
/// error, deadline, cancellation, disposal) goes through <see cref="Finish"/> exactly once.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    // Timers longer than this cannot be armed; such deadlines are as good as none locally.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(49);

    private static readonly StreamPipeReaderOptions ResponseReaderOptions = new(bufferSize: 16 * 1024, useZeroByteReads: true);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ICompressionProvider? _requestCompression;
    private CancellationTokenRegistration _userCancellation;
    private ITimer? _deadlineTimer;
    private string? _timeoutHeader;
    private Task _responseStarted = Task.CompletedTask;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;
    private ICompressionProvider? _responseEncoding;
    private string? _responseEncodingName;
    private PushStreamContent? _pushContent;
    private Status _status;
    private Metadata _trailers = Metadata.Empty;
    private int _isFinished;
    private volatile bool _deadlineExceeded;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        if (options.Compression is not null)
        {
            _requestCompression = channel.Compression.Find(options.Compression)
                ?? throw new ArgumentException($"Unknown compression '{options.Compression}'.", nameof(options));
        }
        State = new CallState(_headers.Task, GetStatus, GetTrailers, Dispose);
    }

    public CallState State { get; }

    public Method<TRequest, TResponse> Method => _method;

    public GrpcChannel Channel => _channel;

    public Task Finished => _finished.Task;

    /// <summary>Completes when the response headers have been received (or the call failed before them); never faults.</summary>
    public Task ResponseStarted => _responseStarted;

    public bool IsFinished => Volatile.Read(ref _isFinished) == 1;

    public bool RequestBufferHint(WriteOptions? writeOptions) =>
        ((writeOptions ?? _options.WriteOptions)?.Flags ?? WriteFlags.None).HasFlag(WriteFlags.BufferHint);

    public ICompressionProvider? RequestCompression(WriteOptions? writeOptions) =>
        ((writeOptions ?? _options.WriteOptions)?.Flags ?? WriteFlags.None).HasFlag(WriteFlags.NoCompress) ? null : _requestCompression;

    public void StartWithMessage(TRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            MessageCodec.Encode(buffer, request, _method.RequestMarshaller, RequestCompression(null), _channel.MaxSendMessageSize);
        }
        catch (RpcException ex)
        {
            Finish(ex.Status, Metadata.Empty);
            return;
        }
        Send(new ReadOnlyMemoryContent(buffer.WrittenMemory));
    }

    public IClientStreamWriter<TRequest> StartStreaming()
    {
        _pushContent = new PushStreamContent();
        Send(_pushContent);
        return new GrpcCallRequestWriter<TRequest, TResponse>(this, _pushContent);
    }

    private void Send(HttpContent content)
    {
        if (!ArmDeadlineAndCancellation())
        {
            return;
        }
        content.Headers.TryAddWithoutValidation("Content-Type", GrpcProtocolConstants.GrpcContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcProtocolConstants.TeHeader, GrpcProtocolConstants.TeTrailers);
        headers.TryAddWithoutValidation("User-Agent", GrpcProtocolConstants.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocolConstants.MessageAcceptEncodingHeader, _channel.Compression.AcceptEncoding);
        if (_requestCompression is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.MessageEncodingHeader, _requestCompression.EncodingName);
        }
        if (_timeoutHeader is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, _timeoutHeader);
        }
        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, MetadataCodec.EncodeValue(entry));
            }
        }
        _responseStarted = ReceiveHeadersAsync(request);
    }

    private bool ArmDeadlineAndCancellation()
    {
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = deadline.ToUniversalTime() - _channel.TimeProvider.GetUtcNow().UtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                _deadlineExceeded = true;
                Finish(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), Metadata.Empty);
                return false;
            }
            _timeoutHeader = GrpcTimeout.Format(remaining);
            if (remaining < MaxTimerDelay)
            {
                _deadlineTimer = _channel.TimeProvider.CreateTimer(static s => ((GrpcCall<TRequest, TResponse>)s!).OnDeadline(), this, remaining, Timeout.InfiniteTimeSpan);
            }
        }
        var token = _options.CancellationToken;
        if (token.CanBeCanceled)
        {
            if (token.IsCancellationRequested)
            {
                Finish(new Status(StatusCode.Cancelled, "Call canceled by the client."), Metadata.Empty);
                return false;
            }
            _userCancellation = token.Register(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel("Call canceled by the client."), this);
        }
        return true;
    }

    private void OnDeadline()
    {
        _deadlineExceeded = true;
        Finish(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), Metadata.Empty);
    }

    public void Cancel(string detail) => Finish(new Status(StatusCode.Cancelled, detail), Metadata.Empty);

    private async Task ReceiveHeadersAsync(HttpRequestMessage request)
    {
        try
        {
            var response = await _channel.Invoker.SendAsync(request, _cts.Token);
            _response = response;
            var headers = ToMetadata(response.Headers);
            if (CheckResponseHeaders(response, headers) is { } failure)
            {
                _headers.TrySetResult(headers);
                Finish(failure, headers);
                return;
            }
            _headers.TrySetResult(headers);
            // Reads of up to one HTTP/2 DATA frame (16 KiB by default) take bursts of small messages at once;
            // zero-byte reads keep an idle stream from holding a buffer while it waits.
            _reader = PipeReader.Create(await response.Content.ReadAsStreamAsync(_cts.Token), ResponseReaderOptions);
        }
        catch (Exception ex)
        {
            Finish(ResolveException(ex), Metadata.Empty);
        }
    }

    /// <summary>The status when the response ends at its headers (HTTP error or trailers-only), else null.</summary>
    private Status? CheckResponseHeaders(HttpResponseMessage response, Metadata headers)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new Status(ClientStatusMapping.FromHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}");
        }
        if (TryGetStatus(response.Headers) is { } trailersOnly)
        {
            return trailersOnly;
        }
        var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var contentTypes) ? contentTypes.ToString() : null;
        if (!GrpcProtocolConstants.IsGrpcContentType(contentType))
        {
            return new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}");
        }
        if (response.Headers.NonValidated.TryGetValues(GrpcProtocolConstants.MessageEncodingHeader, out var encodings))
        {
            _responseEncodingName = encodings.ToString();
            _responseEncoding = _channel.Compression.Find(_responseEncodingName);
        }
        return null;
    }

    private static Status? TryGetStatus(HttpHeaders headers)
    {
        var nonValidated = headers.NonValidated;
        if (!nonValidated.TryGetValues(GrpcProtocolConstants.StatusTrailer, out var values))
        {
            return null;
        }
        var raw = values.ToString();
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{raw}'.");
        }
        var message = nonValidated.TryGetValues(GrpcProtocolConstants.MessageTrailer, out var messages)
            ? PercentEncoding.Decode(messages.ToString())
            : string.Empty;
        return new Status((StatusCode)code, message);
    }

    /// <summary>Call metadata from response headers or trailers, read without re-validating them.</summary>
    private static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var header in headers.NonValidated)
        {
            if (!GrpcProtocolConstants.IsReservedHeader(header.Key))
            {
                MetadataCodec.TryAdd(metadata, header.Key, header.Value.Count == 1 ? header.Value.ToString() : header.Value.ToArray());
            }
        }
        return metadata;
    }

    /// <summary>Reads the next response message, or null at a clean end; throws <see cref="RpcException"/> on a non-OK end.</summary>
    public async ValueTask<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        await _responseStarted;
        if (cancellationToken.IsCancellationRequested)
        {
            Cancel("Call canceled by the client.");
        }
        while (!IsFinished)
        {
            ReadResult result;
            try
            {
                // Messages already buffered are taken without waiting, so the caller's token is only
                // registered for reads that wait (a stream read in bursts costs one registration per burst).
                if (!_reader!.TryRead(out result))
                {
                    using var registration = cancellationToken.CanBeCanceled
                        ? cancellationToken.Register(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel("Call canceled by the client."), this)
                        : default;
                    result = await _reader.ReadAsync(_cts.Token);
                }
            }
            catch (Exception ex)
            {
                Finish(ResolveException(ex), Metadata.Empty);
                break;
            }
            var buffer = result.Buffer;
            TResponse? message = null;
            Status? failure = null;
            var max = _channel.MaxReceiveMessageSize;
            try
            {
                if (MessageCodec.TryReadFrame(ref buffer, max, out var compressed, out var payload))
                {
                    message = MessageCodec.Decode(payload, compressed, _responseEncoding, _responseEncodingName, max, _method.ResponseMarshaller);
                }
                else if (result.IsCompleted)
                {
                    failure = buffer.Length == 0
                        ? TryGetStatus(_response!.TrailingHeaders) ?? new Status(StatusCode.Internal, "No grpc-status found on response.")
                        : new Status(StatusCode.Internal, "Incomplete message: the response ended inside a message.");
                }
            }
            catch (RpcException ex)
            {
                failure = ex.Status;
            }
            // After a whole message only that message is examined: more may already be buffered, and
            // marking them examined would make the next read wait for bytes that may never come.
            _reader!.AdvanceTo(buffer.Start, message is null ? buffer.End : buffer.Start);
            if (message is not null)
            {
                return message;
            }
            if (failure is { } status)
            {
                Finish(status, result.IsCompleted ? ToMetadata(_response!.TrailingHeaders) : Metadata.Empty);
            }
        }
        ThrowIfFailed();
        return null;
    }

    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var message = await ReadMessageAsync(CancellationToken.None);
        if (message is null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The server ended a unary call with OK but without a response message."), _trailers);
        }
        if (await ReadMessageAsync(CancellationToken.None) is not null)
        {
            Finish(new Status(StatusCode.Internal, "The server sent more than one response message to a unary call."), Metadata.Empty);
            ThrowIfFailed();
        }
        return message;
    }

    public void ThrowIfFailed()
    {
        if (_status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(_status, _trailers);
        }
    }

    public Status ResolveException(Exception exception)
    {
        if (_deadlineExceeded)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        if (IsFinished)
        {
            return _status;
        }
        return _options.CancellationToken.IsCancellationRequested
            ? new Status(StatusCode.Cancelled, "Call canceled by the client.", exception)
            : ClientStatusMapping.FromException(exception);
    }

    /// <summary>Ends the call once: records the status, resets the HTTP/2 stream unless it ended cleanly, releases resources.</summary>
    public void Finish(Status status, Metadata trailers)
    {
        if (Interlocked.Exchange(ref _isFinished, 1) == 1)
        {
            return;
        }
        _status = status;
        _trailers = trailers;
        _deadlineTimer?.Dispose();
        _userCancellation.Dispose();
        _headers.TrySetException(new RpcException(status, trailers));
        if (status.StatusCode == StatusCode.OK)
        {
            _pushContent?.Complete();
        }
        else
        {
            // Reset first: a clean END_STREAM before the reset would tell the server the client finished normally.
            _cts.Cancel();
            _pushContent?.Abort();
        }
        _response?.Dispose();
        _finished.TrySetResult();
        GrpcLog.ClientCallEnded(_channel.Logger, _method.FullName, status.StatusCode, status.Detail);
    }

    private Status GetStatus() =>
        IsFinished ? _status : throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    private Metadata GetTrailers() =>
        IsFinished ? _trailers : throw new InvalidOperationException("Unable to get the trailers because the call is not complete.");

    private void Dispose() => Cancel("Call disposed before it completed.");
}
