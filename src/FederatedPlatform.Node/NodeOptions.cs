using FederatedPlatform.Catalog;

namespace FederatedPlatform.Node;

/// <summary>
/// Configuration of a center's node, bound from the configuration section <c>Node</c>
/// (<c>appsettings.json</c>, environment variables such as <c>Node__CenterId</c>, command line)
/// and validated at start.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Node";

    /// <summary>The center this node serves, as registered at the hub, e.g. <c>cn-om</c>. Required.</summary>
    public string CenterId { get; set; } = string.Empty;

    /// <summary>
    /// The hub's address: <c>http://host:port</c> (h2c) or <c>https://host:port</c> (TLS); or several
    /// instances of one hub (sharing a PostgreSQL catalog), comma-separated: publishing and the replica
    /// each use one and move to the next when its stream fails. Default none: the node then serves its
    /// local API but neither publishes nor keeps a replica.
    /// </summary>
    public string? HubAddress { get; set; }

    /// <summary>The center's credential, sent as <c>authorization: Bearer &lt;token&gt;</c>. Required when <see cref="HubAddress"/> is set.</summary>
    public string? Token { get; set; }

    /// <summary>The SQLite file of the local store. Default <c>node-&lt;center id&gt;.db</c> in the working directory.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>How long a write waits for another process holding the database. Default 5 seconds.</summary>
    public TimeSpan DatabaseBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The address the local gRPC API listens on. Default <c>127.0.0.1</c> (loopback only).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The port of the local gRPC API; 0 picks a free port. Default 7301.</summary>
    public int ListenPort { get; set; } = 7301;

    /// <summary>A PFX or PEM certificate for the local API; when set it is served over TLS instead of h2c. Default none.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one. Default none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Largest request accepted by the local API, in bytes (imports are one message). Default 64 MiB.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most records in one import. Default 100,000.</summary>
    public int MaxImportRecords { get; set; } = 100_000;

    /// <summary>Most changes sent to the hub and not yet acknowledged. Default 256.</summary>
    public int PublishWindow { get; set; } = 256;

    /// <summary>Records per <c>resync_records</c> message during a full resync. Default 500.</summary>
    public int ResyncPageSize { get; set; } = 500;

    /// <summary>How often the node tells an idle hub its last sequence number. Default 15 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The first reconnect delay cap; each failure doubles it (with full jitter). Default 200 ms.</summary>
    public TimeSpan ReconnectDelayMin { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest reconnect delay. Default 30 seconds.</summary>
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Watch events applied to the replica in one transaction at most. Default 1,000.</summary>
    public int ReplicaBatchSize { get; set; } = 1000;

    /// <summary>
    /// A first snapshot into an empty replica is indexed for search when it completes, in the same
    /// transaction, if it holds at most this many records; a larger one is indexed afterwards in the
    /// background, so catching up is not held back by indexing (search answers UNAVAILABLE until the
    /// index is built). Default 10,000.
    /// </summary>
    public int ReplicaIndexInlineRecords { get; set; } = 10_000;

    /// <summary>Field limits the node checks before writing; keep them equal to the hub's. Default: the limits records.proto documents.</summary>
    public CatalogLimits Limits { get; set; } = new();

    /// <summary>The database path in effect: <see cref="DatabasePath"/> or the default derived from the center id.</summary>
    public string ResolveDatabasePath() =>
        string.IsNullOrWhiteSpace(DatabasePath) ? Path.GetFullPath($"node-{CenterId}.db") : Path.GetFullPath(DatabasePath);
}
