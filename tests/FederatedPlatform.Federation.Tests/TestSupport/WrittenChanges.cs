using FederatedPlatform.Catalog.Feed;
using FederatedPlatform.Contracts.V1;

namespace FederatedPlatform.Federation.Tests.TestSupport;

/// <summary>
/// What one center's node acknowledged writing, in its order: each create, update and delete as
/// (record, version). The hub's change log must hold exactly these, each once, in this order.
/// </summary>
public sealed class WrittenChanges(string centerId, Func<NodeApi> node)
{
    private readonly List<(string LocalId, ulong Version, bool Deleted)> _changes = [];
    private readonly Dictionary<string, Record> _live = new(StringComparer.Ordinal);

    public WrittenChanges(string centerId, NodeApi node)
        : this(centerId, () => node)
    {
    }

    /// <summary>Follows the center's node across restarts.</summary>
    public WrittenChanges(Federation federation, string centerId)
        : this(centerId, () => federation[centerId].Api)
    {
    }

    public string CenterId { get; } = centerId;

    public IReadOnlyList<(string LocalId, ulong Version, bool Deleted)> Changes => _changes;

    /// <summary>The node's live records as it returned them (contacts included).</summary>
    public IReadOnlyDictionary<string, Record> Live => _live;

    public async Task<Record> CreateAsync(Record record)
    {
        var created = await node().CreateAsync(record);
        Note(created);
        return created;
    }

    public async Task<Record> UpdateAsync(Record record)
    {
        var updated = await node().UpdateAsync(record);
        Note(updated);
        return updated;
    }

    public async Task DeleteAsync(string localId)
    {
        var version = await node().DeleteAsync(new RecordId { CenterId = CenterId, LocalId = localId });
        _changes.Add((localId, version, true));
        _live.Remove(localId);
    }

    /// <summary>
    /// Null when the hub's change log holds exactly this center's written changes, each once and in
    /// order; otherwise the first difference.
    /// </summary>
    public string? DifferenceFromHubLog(IEnumerable<CatalogChange> log)
    {
        var applied = log.Where(c => c.CenterId == CenterId).Select(c => (c.LocalId, c.Version, c.Deleted)).ToList();
        for (var i = 0; i < Math.Max(applied.Count, _changes.Count); i++)
        {
            if (i >= applied.Count)
            {
                return $"{CenterId}: change {i} {_changes[i]} missing from the hub's log";
            }

            if (i >= _changes.Count)
            {
                return $"{CenterId}: the hub's log has {applied[i]} beyond the {_changes.Count} changes written";
            }

            if (applied[i] != _changes[i])
            {
                return $"{CenterId}: change {i} is {applied[i]} in the hub's log, {_changes[i]} written";
            }
        }

        return null;
    }

    private void Note(Record record)
    {
        _changes.Add((record.Id.LocalId, record.Version, false));
        _live[record.Id.LocalId] = record;
    }
}
