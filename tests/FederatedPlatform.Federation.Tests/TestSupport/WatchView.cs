using System.Collections.Concurrent;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Grpc;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>
/// A client application following Watch in the background: it applies events idempotently by
/// version, as hub.proto asks, and records every breach of the stream's guarantees (an event twice,
/// a version going back, a change without a cursor, a snapshot upsert with one).
/// </summary>
public sealed class WatchView : IAsyncDisposable
{
    private readonly Func<HubApi> _client;
    private readonly RecordFilter? _filter;
    private readonly bool _reconnect;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Task _reader;
    private WatchStream _stream;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Record> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _lastVersion = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly List<WatchEvent> _events = [];
    private bool _inSnapshot = true;

    /// <param name="client">Gives the client to (re)connect with.</param>
    /// <param name="filter">The watch filter.</param>
    /// <param name="cursor">Where to resume; empty for a snapshot.</param>
    /// <param name="reconnect">When the stream fails (the hub stopped), resume from the last cursor, as a client would.</param>
    public WatchView(Func<HubApi> client, RecordFilter? filter = null, string cursor = "", bool reconnect = false)
    {
        _client = client;
        _filter = filter;
        _reconnect = reconnect;
        Cursor = cursor;
        _stream = client().Watch(filter, cursor);
        _inSnapshot = cursor.Length == 0;
        _reader = Task.Run(ReadAsync);
    }

    public WatchView(HubApi client, RecordFilter? filter = null, string cursor = "")
        : this(() => client, filter, cursor)
    {
    }

    /// <summary>How many times the stream was opened again after failing.</summary>
    public int Reconnects { get; private set; }

    /// <summary>The cursor of the last event that carried one.</summary>
    public string Cursor { get; private set; } = string.Empty;

    public bool SnapshotComplete { get; private set; }

    /// <summary>Every event received, bookmarks excluded.</summary>
    public IReadOnlyList<WatchEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Null when the view holds exactly <paramref name="expected"/> and the stream broke no guarantee.</summary>
    public string? Difference(CatalogView expected)
    {
        if (_violations.TryPeek(out var violation))
        {
            return violation;
        }

        if (_reader.IsFaulted)
        {
            return $"the Watch stream failed: {_reader.Exception?.GetBaseException().Message}";
        }

        CatalogView mine;
        lock (_lock)
        {
            mine = CatalogView.Live(_records.Values);
        }

        return mine.Difference(expected);
    }

    public void AssertNoViolations() => Assert.True(_violations.IsEmpty, string.Join("\n", _violations));

    private async Task ReadAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                while (true)
                {
                    Apply(await _stream.NextAsync());
                }
            }
            catch (Exception) when (_disposed.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException) when (_reconnect)
            {
                await ReopenAsync();
            }
        }
    }

    private async Task ReopenAsync()
    {
        // A retry interval while the hub is down, not a wait for something to have happened.
        await Task.Delay(TimeSpan.FromMilliseconds(20), _disposed.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_lock)
        {
            _stream.Dispose();
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            // A stream cut during its snapshot restarts without a cursor (hub.proto).
            if (!SnapshotComplete)
            {
                _records.Clear();
                Cursor = string.Empty;
            }

            _lastVersion.Clear();
            _inSnapshot = Cursor.Length == 0;
            Reconnects++;
            _stream = _client().Watch(_filter, Cursor);
        }
    }

    private void Apply(WatchEvent next)
    {
        lock (_lock)
        {
            if (next.KindCase != WatchEvent.KindOneofCase.Bookmark)
            {
                _events.Add(next);
            }

            var isSnapshotUpsert = _inSnapshot && next.KindCase == WatchEvent.KindOneofCase.Upsert;
            if (isSnapshotUpsert != (next.Cursor.Length == 0) && next.KindCase != WatchEvent.KindOneofCase.Reset)
            {
                _violations.Enqueue($"event {next.KindCase} with cursor '{next.Cursor}' (in snapshot: {_inSnapshot})");
            }

            if (next.Cursor.Length > 0)
            {
                Cursor = next.Cursor;
            }

            switch (next.KindCase)
            {
                case WatchEvent.KindOneofCase.Upsert:
                    var record = next.Upsert.Record;
                    var key = CatalogView.KeyOf(record);
                    Advance(key, record.Version);
                    if (!_records.TryGetValue(key, out var held) || held.Version < record.Version)
                    {
                        _records[key] = record;
                    }

                    break;
                case WatchEvent.KindOneofCase.Delete:
                    var deleted = $"{next.Delete.Id.CenterId}/{next.Delete.Id.LocalId}";
                    Advance(deleted, next.Delete.Version);
                    if (_records.TryGetValue(deleted, out var old) && old.Version <= next.Delete.Version)
                    {
                        _records.Remove(deleted);
                    }

                    break;
                case WatchEvent.KindOneofCase.SnapshotComplete:
                    if (_records.Count != (int)next.SnapshotComplete.Count)
                    {
                        _violations.Enqueue($"snapshot of {_records.Count} records marked complete with count {next.SnapshotComplete.Count}");
                    }

                    _inSnapshot = false;
                    SnapshotComplete = true;
                    break;
                case WatchEvent.KindOneofCase.Reset:
                    _records.Clear();
                    _lastVersion.Clear();
                    _inSnapshot = true;
                    SnapshotComplete = false;
                    break;
            }
        }
    }

    /// <summary>Within one stream a record's versions only grow: an event seen twice, or out of order, is a breach.</summary>
    private void Advance(string key, ulong version)
    {
        if (_lastVersion.TryGetValue(key, out var last) && version <= last)
        {
            _violations.Enqueue($"{key} v{version} after v{last} in the same stream");
        }

        _lastVersion[key] = version;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _disposed.Cancel();
            _stream.Dispose();
        }

        await _reader.WithTimeout();
        _disposed.Dispose();
    }
}
