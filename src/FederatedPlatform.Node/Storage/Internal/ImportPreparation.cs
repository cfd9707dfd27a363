using FederatedPlatform.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>Checks every record of an import before the transaction, so a bad file costs no lock.</summary>
internal static class ImportPreparation
{
    public static (List<(int Index, Record Prepared)> Records, List<ImportRowError> Errors) Prepare(
        RecordPreparer preparer, IReadOnlyList<Record> records, Timestamp now)
    {
        var prepared = new List<(int, Record)>(records.Count);
        var errors = new List<ImportRowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var result = preparer.Prepare(record, now);
            if (result.Record is null)
            {
                errors.AddRange(result.Errors.Select(e => new ImportRowError(i, record?.Id?.CenterId ?? string.Empty, record?.Id?.LocalId ?? string.Empty, e.Field, e.Reason)));
                continue;
            }

            var localId = result.Record.Id.LocalId;
            if (seen.TryGetValue(localId, out var first))
            {
                errors.Add(new ImportRowError(i, preparer.CenterId, localId, "id.local_id", $"duplicate local_id in this import (first at index {first})"));
                continue;
            }

            seen.Add(localId, i);
            prepared.Add((i, result.Record));
        }

        return (prepared, errors);
    }
}
