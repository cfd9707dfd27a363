using System.Data.Common;

namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>Reads and writes <c>match_suggestions</c> and <c>match_state</c> inside the caller's transaction.</summary>
internal static class SuggestionStore
{
    private const string Select = "SELECT " + MatchmakingSchema.Columns + " FROM match_suggestions";

    public static async Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = MatchmakingSchema.Create;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Row-locks <c>match_state</c> until the transaction ends (a no-op update, which both stores accept).</summary>
    public static async Task LockStateAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command("UPDATE match_state SET processed_seq = processed_seq WHERE id = 1");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The catalog seq processed so far and the last suggestion change number.</summary>
    public static async Task<(ulong Processed, long SuggestionSeq)> ReadStateAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command("SELECT processed_seq, suggestion_seq FROM match_state WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? ((ulong)reader.GetInt64(0), reader.GetInt64(1))
            : throw new InvalidOperationException("match_state row missing: the matchmaking schema was not created");
    }

    public static async Task SaveStateAsync(DbTransaction transaction, ulong processed, long suggestionSeq, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command("UPDATE match_state SET processed_seq = @processed, suggestion_seq = @seq WHERE id = 1");
        command.Parameter("@processed", (long)processed);
        command.Parameter("@seq", suggestionSeq);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every row naming one of <paramref name="records"/>, as need or as achievement.</summary>
    public static async Task<Dictionary<PairKey, SuggestionRow>> LoadNamingAsync(
        DbTransaction transaction, IEnumerable<RecordKey> records, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<PairKey, SuggestionRow>();
        await using var asNeed = transaction.Command(Select + " WHERE need_center = @center AND need_local = @local");
        await using var asAchievement = transaction.Command(Select + " WHERE achievement_center = @center AND achievement_local = @local");
        foreach (var command in new[] { asNeed, asAchievement })
        {
            command.Parameter("@center");
            command.Parameter("@local");
        }

        foreach (var record in records)
        {
            foreach (var command in new[] { asNeed, asAchievement })
            {
                command.Parameters[0].Value = record.CenterId;
                command.Parameters[1].Value = record.LocalId;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = SuggestionRow.Read(reader);
                    rows.TryAdd(row.Key, row);
                }
            }
        }

        return rows;
    }

    /// <summary>Every record named by a suggestion, as need or as achievement.</summary>
    public static async Task<HashSet<RecordKey>> AllRecordsAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var all = new HashSet<RecordKey>();
        await using var command = transaction.Command(
            "SELECT need_center, need_local FROM match_suggestions UNION SELECT achievement_center, achievement_local FROM match_suggestions");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            all.Add(new RecordKey(reader.GetString(0), reader.GetString(1)));
        }

        return all;
    }

    public static async Task<SuggestionRow?> LoadAsync(DbTransaction transaction, PairKey key, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(
            Select + " WHERE need_center = @nc AND need_local = @nl AND achievement_center = @ac AND achievement_local = @al");
        command.Parameter("@nc", key.NeedCenter);
        command.Parameter("@nl", key.NeedLocal);
        command.Parameter("@ac", key.AchievementCenter);
        command.Parameter("@al", key.AchievementLocal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? SuggestionRow.Read(reader) : null;
    }

    public static async Task WriteAsync(DbTransaction transaction, IEnumerable<SuggestionRow> rows, CancellationToken cancellationToken)
    {
        var names = MatchmakingSchema.Columns.Split(',', StringSplitOptions.TrimEntries);
        await using var command = transaction.Command(
            $"""
            INSERT INTO match_suggestions ({MatchmakingSchema.Columns}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})
            ON CONFLICT (need_center, need_local, achievement_center, achievement_local) DO UPDATE SET
            {string.Join(", ", names.Skip(4).Select(n => $"{n} = excluded.{n}"))}
            """);
        var parameters = names.Select(n => command.Parameter("@" + n)).ToArray();
        foreach (var row in rows)
        {
            var values = row.Values();
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A page of a center's suggestions, best first, after <paramref name="after"/>.</summary>
    public static async Task<List<SuggestionRow>> ListAsync(
        DbConnection connection,
        DbTransaction transaction,
        string centerId,
        string localId,
        bool includeWithdrawn,
        SuggestionPageToken? after,
        int limit,
        CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(string.Empty);
        var where = localId.Length > 0
            ? "((need_center = @center AND need_local = @local) OR (achievement_center = @center AND achievement_local = @local))"
            : "(need_center = @center OR achievement_center = @center)";
        command.Parameter("@center", centerId);
        command.Parameter("@local", localId);
        if (!includeWithdrawn)
        {
            where += " AND NOT withdrawn";
        }

        if (after is { } a)
        {
            where += " AND (score < @a_score OR (score = @a_score AND (need_center, need_local, achievement_center, achievement_local) > (@a_nc, @a_nl, @a_ac, @a_al)))";
            command.Parameter("@a_score", a.Score);
            command.Parameter("@a_nc", a.Key.NeedCenter);
            command.Parameter("@a_nl", a.Key.NeedLocal);
            command.Parameter("@a_ac", a.Key.AchievementCenter);
            command.Parameter("@a_al", a.Key.AchievementLocal);
        }

        command.CommandText = $"{Select} WHERE {where} ORDER BY score DESC, need_center, need_local, achievement_center, achievement_local LIMIT @limit";
        command.Parameter("@limit", limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>A center's rows changed after <paramref name="afterSeq"/>, in change order; with <paramref name="currentOnly"/> only live ones.</summary>
    public static async Task<List<SuggestionRow>> ChangesAsync(
        DbTransaction transaction, string centerId, long afterSeq, long throughSeq, bool currentOnly, int limit, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(
            $"{Select} WHERE seq > @after AND seq <= @through AND (need_center = @center OR achievement_center = @center)"
            + (currentOnly ? " AND NOT withdrawn" : string.Empty) + " ORDER BY seq LIMIT @limit");
        command.Parameter("@after", afterSeq);
        command.Parameter("@through", throughSeq);
        command.Parameter("@center", centerId);
        command.Parameter("@limit", limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<List<SuggestionRow>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<SuggestionRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(SuggestionRow.Read(reader));
        }

        return rows;
    }
}
