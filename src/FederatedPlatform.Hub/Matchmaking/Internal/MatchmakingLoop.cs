using FederatedPlatform.Catalog.Filtering;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Hub.Internal;
using FederatedPlatform.Hub.Watching.Internal;
using FederatedPlatform.Search.Matchmaking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>
/// Recomputes suggestions incrementally from the catalog change log. Each pass reads the changes after
/// the processed position, ranks (in one read snapshot) the changed records, the records that may now
/// rank them and the records whose suggestions name them, then writes the pairs that changed and the
/// new processed position in one short write transaction, so a restart resumes exactly there. Woken by
/// every catalog commit; a failed pass is retried at the next one.
/// </summary>
internal sealed class MatchmakingLoop(
    HubCatalog catalog,
    Matchmaker matchmaker,
    FeedNotifier notifier,
    SuggestionSignal signal,
    IOptions<HubOptions> options,
    TimeProvider time,
    ILogger<MatchmakingLoop> logger)
    : BackgroundService
{
    private const int MaxChangesPerPass = 1000;
    private const int MaxScanPerPass = 10_000;
    private readonly SemaphoreSlim _wake = new(1, 1);

    /// <summary>Raised after every pass that processed changes, with the catalog seq processed through (for tests).</summary>
    internal event Action<ulong>? PassCompleted;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.Store.ExecuteAsync(SuggestionStore.EnsureSchemaAsync, cancellationToken);
        var (processed, suggestionSeq) = await catalog.Store.ReadAsync(
            (_, transaction, token) => SuggestionStore.ReadStateAsync(transaction, token), cancellationToken);
        signal.Advance(suggestionSeq);
        if (!options.Value.Matchmaking)
        {
            MatchmakingLog.Disabled(logger);
            return;
        }

        MatchmakingLog.Resumed(logger, processed, suggestionSeq);
        notifier.Committed += Wake;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Committed -= Wake;
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Drain first: the wake-up may have come before this loop started waiting.
                if (!await PassAsync(stoppingToken))
                {
                    await _wake.WaitAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit woke it at the same moment.
            }
        }
    }

    /// <summary>One pass; false when there was nothing to do or it failed.</summary>
    private async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            var store = catalog.Store;
            var (processed, suggestionSeq) = await store.ReadAsync((_, transaction, token) => SuggestionStore.ReadStateAsync(transaction, token), cancellationToken);

            // Another hub instance on a shared catalog may have written suggestions: this instance's watchers follow.
            signal.Advance(suggestionSeq);
            var position = await store.Feed.GetPositionAsync(cancellationToken);
            if (processed >= position.HeadSeq)
            {
                return false;
            }

            HashSet<RecordKey> changed;
            ulong through;
            if (processed < position.HorizonSeq)
            {
                // Changes were forgotten: every live record, and every record named by a suggestion, is ranked again.
                MatchmakingLog.Recomputing(logger, processed, position.HorizonSeq);
                changed = await AllRecordsAsync(cancellationToken);
                through = position.HeadSeq;
            }
            else
            {
                var page = await store.Feed.ReadChangesAsync(processed, CatalogFilter.All, MaxChangesPerPass, MaxScanPerPass, cancellationToken);
                changed = [.. page.Changes.Select(c => new RecordKey(c.CenterId, c.LocalId))];
                through = page.Through;
            }

            var sources = await RankAsync(changed, cancellationToken);
            var written = await store.WriteAsync((transaction, token) => SaveAsync(transaction, sources, processed, through, token), cancellationToken);
            signal.Advance(written.Head);
            if (written.Superseded)
            {
                // Another hub instance on the shared catalog processed these changes first: start again from its position.
                MatchmakingLog.Superseded(logger, processed);
                return true;
            }

            MatchmakingLog.Processed(logger, processed + 1, through, sources.Count, written.Changed);
            PassCompleted?.Invoke(through);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            MatchmakingLog.PassFailed(logger, e);
            return false;
        }
    }

    private async Task<HashSet<RecordKey>> AllRecordsAsync(CancellationToken cancellationToken)
    {
        var all = new HashSet<RecordKey>();
        Catalog.Reading.RecordKey? after = null;
        do
        {
            var page = await catalog.Store.Reader.ListRecordsAsync(CatalogFilter.All, after, 1000, cancellationToken);
            all.UnionWith(page.Records.Select(r => RecordKey.Of(r.Id)));
            after = page.Next;
        }
        while (after is not null);

        var named = await catalog.Store.ReadAsync(
            (_, transaction, token) => SuggestionStore.AllRecordsAsync(transaction, token), cancellationToken);
        all.UnionWith(named);
        return all;
    }

    /// <summary>
    /// The new suggestion list of every record whose list may have changed (empty for records that are
    /// gone, closed or not a need or achievement).
    /// </summary>
    private Task<Dictionary<RecordKey, Ranked>> RankAsync(
        HashSet<RecordKey> changed, CancellationToken cancellationToken) =>
        catalog.Store.ReadAsync(
            async (connection, transaction, token) =>
            {
                var records = new Dictionary<RecordKey, Record?>();
                foreach (var key in changed)
                {
                    records[key] = await GetRecordAsync(key, token);
                }

                var toRank = new HashSet<RecordKey>(changed);
                foreach (var record in records.Values.OfType<Record>().Where(IsRankable))
                {
                    foreach (var id in await matchmaker.FindAffectedAsync(record, connection, transaction, token))
                    {
                        toRank.Add(RecordKey.Of(id));
                    }
                }

                var existing = await SuggestionStore.LoadNamingAsync(transaction, changed, token);
                foreach (var key in existing.Keys)
                {
                    toRank.Add(key.Need);
                    toRank.Add(key.Achievement);
                }

                var sources = new Dictionary<RecordKey, Ranked>();
                foreach (var key in toRank)
                {
                    if (!records.TryGetValue(key, out var record))
                    {
                        record = await GetRecordAsync(key, token);
                    }

                    sources[key] = record is not null && IsRankable(record)
                        ? new Ranked(record, await matchmaker.SuggestAsync(record, connection, transaction, token))
                        : new Ranked(record, []);
                }

                return sources;
            },
            cancellationToken);

    private Task<Record?> GetRecordAsync(RecordKey key, CancellationToken cancellationToken) =>
        catalog.Store.Reader.GetRecordAsync(key.CenterId, key.LocalId, cancellationToken);

    private async Task<(int Changed, long Head, bool Superseded)> SaveAsync(
        System.Data.Common.DbTransaction transaction,
        Dictionary<RecordKey, Ranked> sources,
        ulong processed,
        ulong through,
        CancellationToken cancellationToken)
    {
        // Locks the state row (PostgreSQL; SQLite's write transaction is exclusive already), so instances sharing a catalog take turns here.
        await SuggestionStore.LockStateAsync(transaction, cancellationToken);
        var (saved, head) = await SuggestionStore.ReadStateAsync(transaction, cancellationToken);
        if (saved != processed)
        {
            return (0, head, true);
        }

        // Read under the write lock: a MarkSuggestion may have changed a row since the ranking snapshot.
        var rows = await SuggestionStore.LoadNamingAsync(transaction, sources.Keys, cancellationToken);
        var before = rows.ToDictionary(r => r.Key, r => r.Value.Copy());
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (key, ranked) in sources)
        {
            SuggestionMerge.Apply(key, ranked, rows);
        }

        var changed = new List<SuggestionRow>();
        foreach (var row in rows.Values.OrderBy(r => r.Key.NeedCenter, StringComparer.Ordinal).ThenBy(r => r.Key.NeedLocal, StringComparer.Ordinal)
                     .ThenBy(r => r.Key.AchievementCenter, StringComparer.Ordinal).ThenBy(r => r.Key.AchievementLocal, StringComparer.Ordinal))
        {
            row.Withdrawn = row.NeedScore is null && row.AchievementScore is null;
            if (before.TryGetValue(row.Key, out var old) && old.SameContent(row))
            {
                continue;
            }

            if (!before.ContainsKey(row.Key) && row.Withdrawn)
            {
                continue;
            }

            row.Seq = ++head;
            row.UpdatedAt = now;
            changed.Add(row);
        }

        await SuggestionStore.WriteAsync(transaction, changed, cancellationToken);
        await SuggestionStore.SaveStateAsync(transaction, through, head, cancellationToken);
        return (changed.Count, head, false);
    }

    private static bool IsRankable(Record record) =>
        !record.Deleted && record.Kind is RecordKind.Need or RecordKind.Achievement && record.Status != RecordStatus.Closed;
}

/// <summary>A record (null when gone) and its new suggestion list.</summary>
internal sealed record Ranked(Record? Record, IReadOnlyList<MatchSuggestion> Suggestions);
