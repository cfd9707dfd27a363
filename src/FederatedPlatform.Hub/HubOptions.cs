using FederatedPlatform.Catalog;

namespace FederatedPlatform.Hub;

/// <summary>
/// Settings of the hub process, bound from configuration section <c>Hub</c> (appsettings.json,
/// environment variables such as <c>Hub__Port</c>, command line <c>--Hub:Port=…</c>) and validated
/// when the hub starts: an invalid value stops the start with a message naming it.
/// </summary>
public sealed class HubOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Hub";

    /// <summary>
    /// Path of the SQLite catalog file; created with its schema at first start. Default <c>fedplat-hub.db</c>.
    /// Not used when <see cref="PostgresConnectionString"/> is set.
    /// </summary>
    public string DatabasePath { get; set; } = "fedplat-hub.db";

    /// <summary>
    /// How long a write to the SQLite catalog waits for another connection's write lock (another process
    /// holding the file, a backup) before the call fails with UNAVAILABLE. Default 5 s. Not used with PostgreSQL.
    /// </summary>
    public TimeSpan DatabaseBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Npgsql connection string of a PostgreSQL database to keep the catalog in instead of the SQLite
    /// file, e.g. <c>Host=db;Username=fedplat;Password=…;Database=fedplat</c>. Several hub instances may
    /// share one database: they share the catalog, its sequence numbers and its change feed. The database
    /// must exist; the schema is created at first start. Default null (SQLite).
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>IP address to listen on. Default <c>127.0.0.1</c> (loopback only).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port to listen on; 0 picks a free port (see <see cref="HubHost.Address"/>). Default 7300.</summary>
    public int Port { get; set; } = 7300;

    /// <summary>PFX or PEM certificate for TLS; null (default) serves h2c (HTTP/2 without TLS).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>, if any. Default null.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Where the first start writes the bootstrap operator token (mode 0600). Default null: next to
    /// the database, named after it with the extension <c>.operator-token</c>.
    /// </summary>
    public string? OperatorTokenPath { get; set; }

    /// <summary>Largest request message accepted, in bytes. Default 4 MiB (what hub.proto promises for resync pages).</summary>
    public int MaxMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Open Publish and Watch streams allowed per credential; more get RESOURCE_EXHAUSTED. Default 16.</summary>
    public int MaxStreamsPerCredential { get; set; } = 16;

    /// <summary>Sustained calls per second allowed per credential (token bucket). Default 100.</summary>
    public double RequestsPerSecondPerCredential { get; set; } = 100;

    /// <summary>Calls a credential may make in a burst above the sustained rate. Default 200.</summary>
    public int RequestBurstPerCredential { get; set; } = 200;

    /// <summary>
    /// How long a verified token is trusted without asking the database again. Revocation through this
    /// hub takes effect at once (the cache entry is evicted and open streams end); this bounds the
    /// delay only for revocations made elsewhere. Default 5 seconds.
    /// </summary>
    public TimeSpan CredentialCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Watch snapshots read at the same time; further watchers queue. Default 4.</summary>
    public int MaxConcurrentSnapshots { get; set; } = 4;

    /// <summary>Watchers allowed to queue for a snapshot; more get RESOURCE_EXHAUSTED at once. Default 256.</summary>
    public int MaxQueuedSnapshots { get; set; } = 256;

    /// <summary>How long a watcher queues for a snapshot before RESOURCE_EXHAUSTED. Default 30 seconds.</summary>
    public TimeSpan SnapshotQueueTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Records read from the database per snapshot page. Default 256.</summary>
    public int SnapshotPageSize { get; set; } = 256;

    /// <summary>
    /// How far, in catalog changes, a live watcher may fall behind the newest commit. The hub keeps that many
    /// recent changes once, for all watchers; a watcher further behind is detached and served from the durable
    /// change log until it is within reach again, so slow watchers do not grow the hub's memory. Default 32,768
    /// (about 100 MB at a few hundred bytes per record, and 30 s of lag at 1,000 changes/s): a watcher's unsent
    /// output is held back by flow control rather than buffered per stream, so a hub whose watchers are all
    /// briefly slower than its writers needs this room before they fall back to the log, where each of them
    /// reads and frames its own pages.
    /// </summary>
    public int WatcherBufferSize { get; set; } = 32_768;

    /// <summary>Matching changes read per change-log page for a watcher that catches up. Default 512.</summary>
    public int FeedPageSize { get; set; } = 512;

    /// <summary>Catalog sequence numbers examined per change-log read, so narrow filters cost bounded reads. Default 10,000.</summary>
    public int FeedScanSize { get; set; } = 10_000;

    /// <summary>A watcher that was sent nothing for this long gets a bookmark with a fresh cursor. Default 30 seconds.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the fan-out checks the change log for commits it was not told about (and lets watchers
    /// decide on bookmarks). Default 1 second.
    /// </summary>
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Tombstones and superseded change-log entries older than this are compacted away; cursors older
    /// than the horizon get a reset. Default 7 days.
    /// </summary>
    public TimeSpan RetentionHorizon { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention pass runs. Default 1 hour.</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// After this long without a commit, the search index's full-text segments are merged into one (each
    /// write adds a segment; queries read every term's list from each: at a million records a merged index
    /// answers 20–30 % faster). Merging rewrites the whole index, about 12 s of CPU at a million records,
    /// so it waits for a quiet catalog and stops at the next commit. Default 30 seconds.
    /// </summary>
    public TimeSpan SearchMergeIdle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Full-text index pages merged per write transaction while idle; publishing waits for one step at most. Default 2,000 (about 8 MB).</summary>
    public int SearchMergePages { get; set; } = 2000;

    /// <summary>
    /// Whether this instance computes matchmaking suggestions (the background loop that follows the change
    /// log). Default true. With false the Matchmaking service still serves what is stored: the suggestions
    /// another instance on the same PostgreSQL catalog computes, or, alone, those computed before; a hub
    /// that only ingests and fans out can leave the CPU to that.
    /// </summary>
    public bool Matchmaking { get; set; } = true;

    /// <summary>Most published changes applied in one transaction (and covered by one ack). Default 500.</summary>
    public int PublishBatchSize { get; set; } = 500;

    /// <summary>Record, center and filter limits (section <c>Hub:Limits</c>); defaults as records.proto documents.</summary>
    public CatalogLimits Limits { get; set; } = new();

    /// <summary>The operator token file: <see cref="OperatorTokenPath"/> or its default beside the database.</summary>
    public string ResolveOperatorTokenPath() =>
        OperatorTokenPath is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.ChangeExtension(Path.GetFullPath(DatabasePath), ".operator-token");
}
