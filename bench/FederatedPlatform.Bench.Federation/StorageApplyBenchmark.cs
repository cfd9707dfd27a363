using System.Diagnostics;
using FederatedPlatform.Catalog;
using FederatedPlatform.Catalog.Publishing;
using FederatedPlatform.Catalog.Storage;
using FederatedPlatform.Contracts.V1;
using FederatedPlatform.Hub.Searching;
using FederatedPlatform.Search;

namespace FederatedPlatform.Bench.Federation;

/// <summary>The hub's apply path without the network: N centers' batches through ICatalogWriter, each batch one durable commit.</summary>
public static class StorageApplyBenchmark
{
    // searchIndex: every commit also indexes its changes for search, as the hub does.
    public static async Task<double> RunAsync(string path, int centers, int changesPerCenter, int batch, bool searchIndex = false)
    {
        await using var store = await CatalogStore.OpenSqliteAsync(
            new SqliteCatalogOptions { Path = path }, new CatalogLimits(), TimeProvider.System,
            indexer: searchIndex ? new SearchCatalogIndexer(new SqliteSearchIndex()) : null);
        var ids = Enumerable.Range(0, centers).Select(c => "c" + c).ToArray();
        foreach (var id in ids)
        {
            await store.Registry.RegisterCenterAsync(new RegisterCenterRequest { CenterId = id, Country = "CN", Names = { ["en"] = "Bench center " + id } }, CancellationToken.None);
            await store.Writer.OpenPublishAsync(id, 1, 0, CancellationToken.None);
        }
        var templates = ids.Select(id => Enumerable.Range(0, 1000).Select(i => SyntheticRecords.Create(id, i, 1)).ToArray()).ToArray();
        var stopwatch = Stopwatch.StartNew();
        // One writer task per center, as separate Publish streams would be; the store serialises commits.
        await Task.WhenAll(ids.Select((id, c) => Task.Run(async () =>
        {
            for (var offset = 0; offset < changesPerCenter; offset += batch)
            {
                var changes = new List<Change>(batch);
                for (var i = offset; i < Math.Min(offset + batch, changesPerCenter); i++)
                {
                    var record = templates[c][i % 1000].Clone();
                    record.Id.LocalId = "r-" + i;
                    changes.Add(new Change { Seq = (ulong)i + 1, Record = record });
                }
                var result = await store.Writer.ApplyAsync(id, 1, changes, CancellationToken.None);
                if (result.Outcomes.FirstOrDefault(o => o.Disposition != ChangeDisposition.Applied) is { } refused)
                {
                    throw new InvalidOperationException($"{id}: change {refused.Seq} was {refused.Disposition}: {refused.Rejection}");
                }
                if (result.AppliedSeq != (ulong)Math.Min(offset + batch, changesPerCenter))
                {
                    throw new InvalidOperationException($"{id}: applied {result.AppliedSeq}, expected {Math.Min(offset + batch, changesPerCenter)}");
                }
            }
        })));
        return centers * (double)changesPerCenter / stopwatch.Elapsed.TotalSeconds;
    }
}
