using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;
using Google.Protobuf;
using Npgsql;
using NpgsqlTypes;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>
/// PostgreSQL's write path for <see cref="ChangeLogWriter"/>: a commit's change-log rows and record
/// upserts go as two statements over arrays (<c>INSERT … SELECT FROM unnest(…)</c>) instead of two
/// round trips per change, which over a network costs far more than the rows themselves.
/// </summary>
internal sealed class PostgresChangeBatch
{
    private readonly List<long> _seq = [];
    private readonly List<long> _commitEnd = [];
    private readonly List<string> _center = [];
    private readonly List<string> _local = [];
    private readonly List<long> _version = [];
    private readonly List<bool> _deleted = [];
    private readonly List<int> _recordKind = [];
    private readonly List<int?> _kind = [];
    private readonly List<int?> _sector = [];
    private readonly List<string?> _country = [];
    private readonly List<int?> _prevKind = [];
    private readonly List<int?> _prevSector = [];
    private readonly List<string?> _prevCountry = [];
    private readonly List<long?> _prevSeq = [];
    private readonly List<byte[]> _payload = [];

    // The last version of each record in the batch: one upsert may not touch a row twice.
    private readonly Dictionary<(string Center, string Local), int> _latest = [];

    public void Add(ulong seq, ulong commitEnd, Record stored, FilterFields? current, FilterFields? prior, ulong? prevSeq)
    {
        _latest[(stored.Id.CenterId, stored.Id.LocalId)] = _seq.Count;
        _seq.Add((long)seq);
        _commitEnd.Add((long)commitEnd);
        _center.Add(stored.Id.CenterId);
        _local.Add(stored.Id.LocalId);
        _version.Add((long)stored.Version);
        _deleted.Add(stored.Deleted);
        _recordKind.Add((int)stored.Kind);
        _kind.Add(current is { } c ? (int)c.Kind : null);
        _sector.Add(current is { } s ? (int)s.Sector : null);
        _country.Add(current?.Country);
        _prevKind.Add(prior is { } pk ? (int)pk.Kind : null);
        _prevSector.Add(prior is { } ps ? (int)ps.Sector : null);
        _prevCountry.Add(prior?.Country);
        _prevSeq.Add(prevSeq is { } p ? (long)p : null);
        _payload.Add(stored.ToByteArray());
    }

    public async Task FlushAsync(WriteSession session, long appliedAt, CancellationToken cancellationToken)
    {
        if (_seq.Count == 0)
        {
            return;
        }

        await using (var changes = (NpgsqlCommand)session.Command(
            """
            INSERT INTO changes (seq, commit_end, center_id, local_id, version, deleted, kind, sector, country,
                                 prev_kind, prev_sector, prev_country, prev_seq, applied_at, payload)
            SELECT seq, commit_end, center_id, local_id, version, deleted, kind, sector, country,
                   prev_kind, prev_sector, prev_country, prev_seq, @applied_at, payload
            FROM unnest(@seq, @commit_end, @center, @local, @version, @deleted, @kind, @sector, @country,
                        @prev_kind, @prev_sector, @prev_country, @prev_seq, @payload)
                 AS t(seq, commit_end, center_id, local_id, version, deleted, kind, sector, country,
                      prev_kind, prev_sector, prev_country, prev_seq, payload)
            """))
        {
            Add(changes, "@seq", NpgsqlDbType.Bigint, _seq.ToArray());
            Add(changes, "@commit_end", NpgsqlDbType.Bigint, _commitEnd.ToArray());
            Add(changes, "@center", NpgsqlDbType.Text, _center.ToArray());
            Add(changes, "@local", NpgsqlDbType.Text, _local.ToArray());
            Add(changes, "@version", NpgsqlDbType.Bigint, _version.ToArray());
            Add(changes, "@deleted", NpgsqlDbType.Boolean, _deleted.ToArray());
            Add(changes, "@kind", NpgsqlDbType.Integer, _kind.ToArray());
            Add(changes, "@sector", NpgsqlDbType.Integer, _sector.ToArray());
            Add(changes, "@country", NpgsqlDbType.Text, _country.ToArray());
            Add(changes, "@prev_kind", NpgsqlDbType.Integer, _prevKind.ToArray());
            Add(changes, "@prev_sector", NpgsqlDbType.Integer, _prevSector.ToArray());
            Add(changes, "@prev_country", NpgsqlDbType.Text, _prevCountry.ToArray());
            Add(changes, "@prev_seq", NpgsqlDbType.Bigint, _prevSeq.ToArray());
            Add(changes, "@payload", NpgsqlDbType.Bytea, _payload.ToArray());
            changes.Parameters.AddWithValue("@applied_at", NpgsqlDbType.Bigint, appliedAt);
            await changes.ExecuteNonQueryAsync(cancellationToken);
        }

        var rows = _latest.Values.Order().ToArray();
        await using (var records = (NpgsqlCommand)session.Command(
            """
            INSERT INTO records (center_id, local_id, version, deleted, kind, sector, country, seq)
            SELECT center_id, local_id, version, deleted, kind, coalesce(sector, 0), coalesce(country, ''), seq
            FROM unnest(@center, @local, @version, @deleted, @kind, @sector, @country, @seq)
                 AS t(center_id, local_id, version, deleted, kind, sector, country, seq)
            ON CONFLICT (center_id, local_id) DO UPDATE SET
                version = excluded.version, deleted = excluded.deleted, kind = excluded.kind,
                sector = excluded.sector, country = excluded.country, seq = excluded.seq
            """))
        {
            Add(records, "@center", NpgsqlDbType.Text, rows.Select(i => _center[i]).ToArray());
            Add(records, "@local", NpgsqlDbType.Text, rows.Select(i => _local[i]).ToArray());
            Add(records, "@version", NpgsqlDbType.Bigint, rows.Select(i => _version[i]).ToArray());
            Add(records, "@deleted", NpgsqlDbType.Boolean, rows.Select(i => _deleted[i]).ToArray());
            Add(records, "@kind", NpgsqlDbType.Integer, rows.Select(i => _recordKind[i]).ToArray());
            Add(records, "@sector", NpgsqlDbType.Integer, rows.Select(i => _sector[i]).ToArray());
            Add(records, "@country", NpgsqlDbType.Text, rows.Select(i => _country[i]).ToArray());
            Add(records, "@seq", NpgsqlDbType.Bigint, rows.Select(i => _seq[i]).ToArray());
            await records.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Add<T>(NpgsqlCommand command, string name, NpgsqlDbType elementType, T[] values) =>
        command.Parameters.AddWithValue(name, NpgsqlDbType.Array | elementType, values);
}
