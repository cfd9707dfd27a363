using System.Data.Common;
using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// Writes accepted record versions: one change-log row and one upsert of the record's current row
/// per change, through two prepared commands reused for the whole batch (EF's change tracker would
/// cost more than the inserts themselves at tens of thousands of changes per second). On PostgreSQL,
/// where every statement is a network round trip, the rows are collected instead and written by
/// <see cref="FlushAsync"/> as two array statements (<see cref="PostgresChangeBatch"/>).
/// </summary>
internal sealed class ChangeLogWriter : IAsyncDisposable
{
    private readonly DbCommand _insertChange;
    private readonly DbCommand _upsertRecord;
    private readonly DbParameter[] _change;
    private readonly DbParameter[] _record;
    private readonly long _appliedAt;
    private readonly DateTimeOffset _now;
    private readonly WriteSession _session;
    private readonly PostgresChangeBatch? _batch;

    private ChangeLogWriter(WriteSession session, DateTimeOffset now)
    {
        _session = session;
        _batch = session.Provider is PostgresStorageProvider ? new PostgresChangeBatch() : null;
        _now = now;
        _appliedAt = now.ToUnixTimeMilliseconds();
        _insertChange = session.Command(
            """
            INSERT INTO changes (seq, commit_end, center_id, local_id, version, deleted, kind, sector, country,
                                 prev_kind, prev_sector, prev_country, prev_seq, applied_at, payload)
            VALUES (@seq, @commit_end, @center, @local, @version, @deleted, @kind, @sector, @country,
                    @prev_kind, @prev_sector, @prev_country, @prev_seq, @applied_at, @payload)
            """);
        _change =
        [
            .. new[]
            {
                "@seq", "@commit_end", "@center", "@local", "@version", "@deleted", "@kind", "@sector", "@country",
                "@prev_kind", "@prev_sector", "@prev_country", "@prev_seq", "@applied_at", "@payload",
            }.Select(name => _insertChange.Parameter(name)),
        ];
        _upsertRecord = session.Command(
            """
            INSERT INTO records (center_id, local_id, version, deleted, kind, sector, country, seq)
            VALUES (@center, @local, @version, @deleted, @kind, @sector, @country, @seq)
            ON CONFLICT (center_id, local_id) DO UPDATE SET
                version = excluded.version, deleted = excluded.deleted, kind = excluded.kind,
                sector = excluded.sector, country = excluded.country, seq = excluded.seq
            """);
        _record =
        [
            .. new[] { "@center", "@local", "@version", "@deleted", "@kind", "@sector", "@country", "@seq" }
                .Select(name => _upsertRecord.Parameter(name)),
        ];
    }

    public static async Task<ChangeLogWriter> CreateAsync(WriteSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var writer = new ChangeLogWriter(session, now);
        if (writer._batch is null)
        {
            await writer._insertChange.PrepareAsync(cancellationToken);
            await writer._upsertRecord.PrepareAsync(cancellationToken);
        }

        return writer;
    }

    /// <summary>Writes a version the hub itself makes (the resync sweep's tombstones).</summary>
    public Task<CatalogChange> WriteAsync(
        ulong seq, ulong commitEnd, Record record, StoredRecord? previous, CancellationToken cancellationToken) =>
        WriteAsync(seq, commitEnd, ChangeApplier.Stored(record), previous, cancellationToken);

    /// <summary>Writes one accepted version, prepared (tombstone, fields, payload) outside the writer gate.</summary>
    public async Task<CatalogChange> WriteAsync(
        ulong seq, ulong commitEnd, ChangeApplier.Prepared prepared, StoredRecord? previous, CancellationToken cancellationToken)
    {
        var stored = prepared.Stored!;
        var current = prepared.Current;
        var prior = previous?.LiveFields;
        if (_batch is not null)
        {
            _batch.Add(seq, commitEnd, stored, current, prior, previous?.Seq);
            return new CatalogChange(seq, commitEnd, stored, current, prior, _now);
        }

        SetChange(seq, commitEnd, stored, current, prior, previous?.Seq, prepared.Payload!);
        await _insertChange.ExecuteNonQueryAsync(cancellationToken);

        _record[0].Value = stored.Id.CenterId;
        _record[1].Value = stored.Id.LocalId;
        _record[2].Value = (long)stored.Version;
        _record[3].Value = stored.Deleted;
        _record[4].Value = (int)stored.Kind;
        _record[5].Value = (int)(current?.Sector ?? Sector.Unspecified);
        _record[6].Value = current?.Country ?? string.Empty;
        _record[7].Value = (long)seq;
        await _upsertRecord.ExecuteNonQueryAsync(cancellationToken);

        return new CatalogChange(seq, commitEnd, stored, current, prior, _now);
    }

    /// <summary>Writes what is still collected; call after the last write, before the commit.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        _batch?.FlushAsync(_session, _appliedAt, cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _insertChange.DisposeAsync();
        await _upsertRecord.DisposeAsync();
    }

    private void SetChange(ulong seq, ulong commitEnd, Record stored, FilterFields? current, FilterFields? prior, ulong? prevSeq, byte[] payload)
    {
        _change[0].Value = (long)seq;
        _change[1].Value = (long)commitEnd;
        _change[2].Value = stored.Id.CenterId;
        _change[3].Value = stored.Id.LocalId;
        _change[4].Value = (long)stored.Version;
        _change[5].Value = stored.Deleted;
        _change[6].Value = current is { } c ? (int)c.Kind : DBNull.Value;
        _change[7].Value = current is { } s ? (int)s.Sector : DBNull.Value;
        _change[8].Value = current is { } n ? n.Country : DBNull.Value;
        _change[9].Value = prior is { } pk ? (int)pk.Kind : DBNull.Value;
        _change[10].Value = prior is { } ps ? (int)ps.Sector : DBNull.Value;
        _change[11].Value = prior is { } pn ? pn.Country : DBNull.Value;
        _change[12].Value = prevSeq is { } p ? (long)p : DBNull.Value;
        _change[13].Value = _appliedAt;
        _change[14].Value = payload;
    }
}
