using FederatedPlatform.Catalog.Reading;
using FederatedPlatform.Catalog.Validation;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Node.Internal;
using FederatedPlatform.Node.Storage.Internal;
using FederatedPlatform.Node.Storage.Internal.Entities;
using FederatedPlatform.Search;
using FederatedPlatform.Search.Protocol;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage;

/// <summary>
/// The node's local store in one SQLite file: the center's own records with their outbox, the node
/// state, and the replica of the federated catalog. Every write of a record commits the record and
/// its outbox entry (with the next gap-free node sequence number) in one transaction before it
/// returns. <see cref="OpenAsync(CancellationToken)"/> creates the schema and raises the producer
/// epoch durably; call it once before anything else.
/// </summary>
public sealed class NodeStore : IAsyncDisposable
{
    private readonly NodeOptions _options;
    private readonly TimeProvider _time;
    private readonly StoreDatabase _database;
    private readonly RecordPreparer _preparer;
    private readonly OwnRecordWrites _writes;
    private readonly ISearchIndex _search = new SqliteSearchIndex();
    private long _lastSeq;
    private ulong _epoch;
    private bool _opened;

    /// <summary>Creates the store for <paramref name="options"/>; nothing is opened before <see cref="OpenAsync(CancellationToken)"/>.</summary>
    public NodeStore(NodeOptions options, TimeProvider timeProvider)
    {
        NodeOptionsValidator.EnsureValid(options);
        _options = options;
        _time = timeProvider;
        _database = new StoreDatabase(options.ResolveDatabasePath(), options.DatabaseBusyTimeout);
        _preparer = new RecordPreparer(options.CenterId, new RecordValidator(options.Limits));
        _writes = new OwnRecordWrites(options.CenterId);
    }

    /// <summary>The center whose records this store keeps.</summary>
    public string CenterId => _options.CenterId;

    /// <summary>The SQLite file.</summary>
    public string DatabasePath => _database.Path;

    /// <summary>The producer epoch of this process, raised durably by <see cref="OpenAsync(CancellationToken)"/>.</summary>
    public ulong ProducerEpoch => _epoch;

    /// <summary>The highest node sequence number committed to the outbox.</summary>
    public ulong LastSeq => (ulong)Interlocked.Read(ref _lastSeq);

    /// <summary>Pulses after every commit that appended to the outbox.</summary>
    internal ChangeSignal OutboxAppended { get; } = new();

    /// <summary>Pulses after every commit of any kind (records, acknowledgements, replica).</summary>
    internal ChangeSignal Changed { get; } = new();

    /// <summary>Pulses after a commit that may have started a build of the replica's search index.</summary>
    internal ChangeSignal ReplicaIndexBuildStarted { get; } = new();

    /// <summary>Opens a store and raises its producer epoch.</summary>
    public static async Task<NodeStore> OpenAsync(NodeOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var store = new NodeStore(options, timeProvider);
        try
        {
            await store.OpenAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates the schema if needed (WAL mode), checks the file belongs to this center, and raises
    /// the producer epoch by one, durably, so the hub can fence an older copy of this node.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file belongs to another center or has a newer schema.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        var (epoch, lastSeq) = await StoreSchema.OpenAsync(_database, _options.CenterId, cancellationToken);
        await ReplicaIndex.EnsureAsync(_database, _search, cancellationToken);
        _epoch = epoch;
        Interlocked.Exchange(ref _lastSeq, lastSeq);
        _opened = true;
    }

    /// <summary>Creates a record of this center: version 1 (or above a tombstone the hub holds), created and updated now.</summary>
    /// <exception cref="NodeStoreException">Invalid, another center's, or the local id is taken.</exception>
    public async Task<Record> CreateAsync(Record record, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var prepared = Prepare(record, now);
        var created = await WriteAsync(scope => _writes.CreateAsync(scope, prepared, now), outbox: true, cancellationToken);
        return created.Clone();
    }

    /// <summary>Replaces a live record's content with the next version; <paramref name="expectedVersion"/> 0 skips the version check.</summary>
    /// <exception cref="NodeStoreException">Invalid, another center's, not found, or at another version.</exception>
    public async Task<Record> UpdateAsync(Record record, ulong expectedVersion = 0, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var prepared = Prepare(record, now);
        var updated = await WriteAsync(scope => _writes.UpdateAsync(scope, prepared, expectedVersion, now), outbox: true, cancellationToken);
        return updated.Clone();
    }

    /// <summary>Deletes a live record: stores a tombstone with the next version, which is returned.</summary>
    /// <exception cref="NodeStoreException">Another center's, not found, or at another version.</exception>
    public Task<ulong> DeleteAsync(RecordId id, ulong expectedVersion = 0, CancellationToken cancellationToken = default)
    {
        var localId = CheckOwnId(id);
        var now = Now();
        return WriteAsync(scope => _writes.DeleteAsync(scope, localId, expectedVersion, now), outbox: true, cancellationToken);
    }

    /// <summary>
    /// Creates or replaces every record in one transaction, or writes nothing and reports every record
    /// that cannot be written. Records whose content is already stored are left unchanged.
    /// </summary>
    /// <exception cref="NodeStoreException">More records than <see cref="NodeOptions.MaxImportRecords"/>.</exception>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<Record> records, CancellationToken cancellationToken = default)
    {
        if (records.Count > _options.MaxImportRecords)
        {
            throw new NodeStoreException(NodeStoreErrorCode.InvalidArgument, "records", $"records: more than {_options.MaxImportRecords} records");
        }

        var now = Now();
        var (prepared, errors) = ImportPreparation.Prepare(_preparer, records, now);
        if (errors.Count > 0)
        {
            return new ImportResult(0, 0, 0, errors);
        }

        var result = await WriteAsync(scope => _writes.ImportAsync(scope, prepared, now), outbox: true, cancellationToken);
        return result;
    }

    /// <summary>One live record of this center, or null.</summary>
    public Task<Record?> GetAsync(string localId, CancellationToken cancellationToken = default) =>
        ReadAsync(async (context, ct) =>
        {
            var row = await context.OwnRecords.AsNoTracking().SingleOrDefaultAsync(r => r.LocalId == localId, ct);
            return row is null || row.Deleted ? null : RowMapping.ToRecord(row.Payload);
        }, cancellationToken);

    /// <summary>A page of this center's live records (<c>filter.center_ids</c> is ignored).</summary>
    /// <exception cref="NodeStoreException">A bad page size or token.</exception>
    public Task<ListRecordsResponse> ListAsync(RecordFilter? filter, int pageSize = 0, string? pageToken = null, CancellationToken cancellationToken = default)
    {
        var (size, after) = CheckPaging(filter, pageSize, pageToken);
        return ReadAsync((context, ct) => RecordQueries.ListOwnAsync(context, CenterId, filter ?? new RecordFilter(), size, after, ct), cancellationToken);
    }

    /// <summary>One live record of the replica of the federated catalog, or null.</summary>
    public Task<Record?> GetReplicaAsync(RecordId id, CancellationToken cancellationToken = default) =>
        ReadAsync(async (context, ct) =>
        {
            var row = await context.Replica.AsNoTracking().SingleOrDefaultAsync(r => r.CenterId == id.CenterId && r.LocalId == id.LocalId, ct);
            return row?.Payload is null || row.Deleted ? null : RowMapping.ToRecord(row.Payload);
        }, cancellationToken);

    /// <summary>A page of the replica's live records, every center, in (center_id, local_id) order.</summary>
    /// <exception cref="NodeStoreException">A bad page size or token.</exception>
    public Task<ListRecordsResponse> ListReplicaAsync(RecordFilter? filter, int pageSize = 0, string? pageToken = null, CancellationToken cancellationToken = default)
    {
        var (size, after) = CheckPaging(filter, pageSize, pageToken);
        return ReadAsync((context, ct) => RecordQueries.ListReplicaAsync(context, filter ?? new RecordFilter(), size, after, ct), cancellationToken);
    }

    /// <summary>A page of the changes the hub rejected, newest first.</summary>
    /// <exception cref="NodeStoreException">A bad page size or token.</exception>
    public Task<ListRejectedResponse> ListRejectedAsync(int pageSize = 0, string? pageToken = null, CancellationToken cancellationToken = default)
    {
        var size = PageTokens.CheckPageSize(pageSize);
        var before = long.MaxValue;
        if (!string.IsNullOrEmpty(pageToken) && !PageTokens.TryParseSeq(pageToken, out before))
        {
            throw new NodeStoreException(NodeStoreErrorCode.InvalidArgument, "page_token", "page_token: not a token of this listing");
        }

        return ReadAsync((context, ct) => RejectedQueries.ListAsync(context, size, before, ct), cancellationToken);
    }

    /// <summary>The store's durable state, read in one snapshot.</summary>
    public Task<NodeStoreStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(async (context, ct) =>
        {
            var state = await context.State.AsNoTracking().SingleAsync(s => s.Id == NodeStateRow.SingletonId, ct);
            var pending = await context.Outbox.LongCountAsync(o => o.Seq > state.AckedSeq, ct);
            var rejected = await context.Outbox.LongCountAsync(o => o.State == OutboxState.Rejected, ct);
            var replica = await context.Replica.LongCountAsync(r => !r.Deleted, ct);
            return new NodeStoreStatus(
                state.CenterId, _epoch, (ulong)state.LastSeq, (ulong)state.AckedSeq, (ulong)pending, (ulong)rejected, state.ReplicaCursor, (ulong)replica);
        }, cancellationToken);

    /// <summary>
    /// Searches the replica of the federated catalog (see search.proto), in one read snapshot. The index
    /// is updated in the replica's write transactions, so what the replica holds is what is found; after
    /// a large first snapshot it is built in the background first, and until then search is refused.
    /// </summary>
    /// <exception cref="SearchRequestException">A request field is out of its limits.</exception>
    /// <exception cref="NodeStoreException">The replica's index is being built (<see cref="NodeStoreErrorCode.Unavailable"/>).</exception>
    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        EnsureOpened();
        var query = SearchMessages.ToQuery(request);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        if (await ReplicaIndex.BuildProgressAsync(connection, transaction, cancellationToken) is { } progress)
        {
            throw new NodeStoreException(
                NodeStoreErrorCode.Unavailable,
                string.Empty,
                $"the replica's search index is being built ({progress.Indexed:N0} of {progress.Total:N0} records indexed); retry shortly");
        }

        var result = await SearchMessages.RunAsync(() => _search.SearchAsync(query, connection, transaction, cancellationToken));
        return SearchMessages.ToResponse(result);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    internal Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(ulong fromSeq, int max, CancellationToken cancellationToken) =>
        ReadAsync((context, ct) => OutboxOperations.ReadAsync(context, fromSeq, max, ct), cancellationToken);

    internal Task<bool> AlignWithHubAsync(ulong appliedSeq, CancellationToken cancellationToken) =>
        WriteAsync(scope => OutboxOperations.AlignWithHubAsync(scope, appliedSeq), outbox: false, cancellationToken);

    internal Task ApplyHubResponsesAsync(ulong ackedSeq, IReadOnlyList<Rejection> rejections, Action<Rejection> unmatched, CancellationToken cancellationToken) =>
        WriteAsync(
            async scope =>
            {
                await OutboxOperations.ApplyHubResponsesAsync(scope, ackedSeq, rejections, _time.GetUtcNow(), unmatched);
                return true;
            },
            outbox: false,
            cancellationToken);

    internal Task<ResyncSnapshot> OpenResyncSnapshotAsync(CancellationToken cancellationToken)
    {
        EnsureOpened();
        return ResyncSnapshot.OpenAsync(_database, cancellationToken);
    }

    internal async Task<string> ApplyReplicaAsync(ReplicaBatch batch, CancellationToken cancellationToken)
    {
        var cursor = await WriteAsync(scope => ReplicaWrites.ApplyAsync(scope, batch, _search, _options.ReplicaIndexInlineRecords), outbox: false, cancellationToken);
        if (batch.BeginsSnapshot)
        {
            ReplicaIndexBuildStarted.Notify();
        }

        return cursor;
    }

    /// <summary>
    /// One step of a running build of the replica's search index, in its own write transaction: indexes
    /// the next chunk of rows once the replica's snapshot is complete.
    /// </summary>
    internal Task<ReplicaIndexStep> BuildReplicaIndexAsync(int chunk, CancellationToken cancellationToken) =>
        WriteAsync(
            async scope =>
            {
                if (await ReplicaIndex.BuildPositionAsync(scope) is not { } position)
                {
                    return new ReplicaIndexStep(ReplicaIndexStepKind.NoBuild, 0);
                }

                if ((await OwnRecordWrites.StateAsync(scope)).ReplicaCursor.Length == 0)
                {
                    // Rows first: the build waits until the snapshot has arrived, and takes no CPU from it.
                    return new ReplicaIndexStep(ReplicaIndexStepKind.WaitingForSnapshot, 0);
                }

                await using var writer = await _search.OpenWriterAsync(scope.Transaction, scope.CancellationToken);
                var (indexed, next) = await ReplicaIndex.BuildChunkAsync(scope, writer, position, chunk);
                return new ReplicaIndexStep(next is null ? ReplicaIndexStepKind.Completed : ReplicaIndexStepKind.Indexed, indexed);
            },
            outbox: false,
            cancellationToken);

    internal Task<string> GetReplicaCursorAsync(CancellationToken cancellationToken) =>
        ReadAsync((context, ct) => context.State.AsNoTracking().Where(s => s.Id == NodeStateRow.SingletonId).Select(s => s.ReplicaCursor).SingleAsync(ct), cancellationToken);

    private async Task<T> WriteAsync<T>(Func<WriteScope, Task<T>> work, bool outbox, CancellationToken cancellationToken)
    {
        EnsureOpened();
        long lastSeq = -1;
        var result = await _database.WriteAsync(
            async scope =>
            {
                var value = await work(scope);
                if (outbox && !scope.RolledBack)
                {
                    lastSeq = (await OwnRecordWrites.StateAsync(scope)).LastSeq;
                }

                return value;
            },
            cancellationToken);

        // Only now, after the commit, may anyone see the new sequence number.
        if (lastSeq > Interlocked.Read(ref _lastSeq))
        {
            Interlocked.Exchange(ref _lastSeq, lastSeq);
            OutboxAppended.Notify();
        }

        Changed.Notify();
        return result;
    }

    private Task<T> ReadAsync<T>(Func<NodeDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        EnsureOpened();
        return _database.ReadAsync(work, cancellationToken);
    }

    private Record Prepare(Record record, Timestamp now)
    {
        var prepared = _preparer.Prepare(record, now);
        return prepared.Record ?? throw prepared.ToException();
    }

    private string CheckOwnId(RecordId? id)
    {
        if (id is null)
        {
            throw new NodeStoreException(NodeStoreErrorCode.InvalidArgument, "id", "id: required");
        }

        if (id.CenterId.Length != 0 && !string.Equals(id.CenterId, CenterId, StringComparison.Ordinal))
        {
            throw new NodeStoreException(NodeStoreErrorCode.PermissionDenied, "id.center_id", $"id.center_id: this node writes only records of '{CenterId}'");
        }

        var reason = _preparer.CheckLocalId(id.LocalId);
        return reason is null ? id.LocalId : throw new NodeStoreException(NodeStoreErrorCode.InvalidArgument, "id.local_id", $"id.local_id: {reason}");
    }

    private (int Size, RecordKey? After) CheckPaging(RecordFilter? filter, int pageSize, string? pageToken)
    {
        var size = PageTokens.CheckPageSize(pageSize);
        if (filter is not null)
        {
            FilterChecks.Check(filter, _options.Limits);
        }

        if (string.IsNullOrEmpty(pageToken))
        {
            return (size, null);
        }

        return RecordKey.TryParse(pageToken, out var after)
            ? (size, after)
            : throw new NodeStoreException(NodeStoreErrorCode.InvalidArgument, "page_token", "page_token: not a token of this listing");
    }

    private Timestamp Now() => Timestamp.FromDateTimeOffset(_time.GetUtcNow());

    private void EnsureOpened()
    {
        if (!_opened)
        {
            throw new InvalidOperationException("Call NodeStore.OpenAsync before using the store.");
        }
    }
}
