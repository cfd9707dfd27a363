namespace FederatedPlatform.Grpc;

/// <summary>Options of one client call.</summary>
public readonly struct CallOptions
{
    /// <summary>Creates call options.</summary>
    public CallOptions(
        Metadata? headers = null,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default,
        WriteOptions? writeOptions = null,
        string? compression = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        WriteOptions = writeOptions;
        Compression = compression;
    }

    /// <summary>Request metadata.</summary>
    public Metadata? Headers { get; }

    /// <summary>Absolute deadline (UTC); null for none.</summary>
    public DateTime? Deadline { get; }

    /// <summary>Cancels the call (the stream is reset, the call ends with CANCELLED).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Options for request messages.</summary>
    public WriteOptions? WriteOptions { get; }

    /// <summary>Encoding used to compress request messages (for example <c>gzip</c>), or null.</summary>
    public string? Compression { get; }

    /// <summary>A copy with other headers.</summary>
    public CallOptions WithHeaders(Metadata headers) => new(headers, Deadline, CancellationToken, WriteOptions, Compression);

    /// <summary>A copy with another deadline.</summary>
    public CallOptions WithDeadline(DateTime deadline) => new(Headers, deadline, CancellationToken, WriteOptions, Compression);

    /// <summary>A copy with another cancellation token.</summary>
    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new(Headers, Deadline, cancellationToken, WriteOptions, Compression);

    /// <summary>A copy with request compression.</summary>
    public CallOptions WithCompression(string? compression) => new(Headers, Deadline, CancellationToken, WriteOptions, compression);
}
