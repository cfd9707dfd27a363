namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>A catalog's live records keyed by center and record id, compared by content.</summary>
public sealed class CatalogView
{
    private readonly SortedDictionary<string, Record> _records;

    private CatalogView(SortedDictionary<string, Record> records) => _records = records;

    public int Count => _records.Count;

    public IReadOnlyDictionary<string, Record> Records => _records;

    public static string KeyOf(Record record) => $"{record.Id.CenterId}/{record.Id.LocalId}";

    /// <summary>The records that are not tombstones; fails loudly on a duplicated key.</summary>
    public static CatalogView Live(IEnumerable<Record> records)
    {
        var live = new SortedDictionary<string, Record>(StringComparer.Ordinal);
        foreach (var record in records.Where(r => !r.Deleted))
        {
            if (!live.TryAdd(KeyOf(record), record))
            {
                throw new InvalidOperationException($"Record {KeyOf(record)} listed twice.");
            }
        }

        return new CatalogView(live);
    }

    /// <summary>
    /// The view a center's credential gets (what its node's replica must hold): contacts only on the
    /// center's own records, as hub.proto promises.
    /// </summary>
    public CatalogView AsSeenBy(string centerId)
    {
        var seen = new SortedDictionary<string, Record>(StringComparer.Ordinal);
        foreach (var (key, record) in _records)
        {
            if (record.Contact is null || record.Id.CenterId == centerId)
            {
                seen.Add(key, record);
            }
            else
            {
                var withoutContact = record.Clone();
                withoutContact.Contact = null;
                seen.Add(key, withoutContact);
            }
        }

        return new CatalogView(seen);
    }

    /// <summary>Null when both views hold the same records at the same versions and content; otherwise the first difference.</summary>
    public string? Difference(CatalogView expected)
    {
        foreach (var (key, record) in expected._records)
        {
            if (!_records.TryGetValue(key, out var mine))
            {
                return $"missing {key} v{record.Version}";
            }

            if (!mine.Equals(record))
            {
                return $"{key}: v{mine.Version} where v{record.Version} expected, or different content";
            }
        }

        var extra = _records.Keys.FirstOrDefault(k => !expected._records.ContainsKey(k));
        return extra is null ? null : $"unexpected {extra} v{_records[extra].Version}";
    }
}
