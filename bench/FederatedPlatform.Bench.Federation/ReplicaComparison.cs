using System.Security.Cryptography;
using System.Text;
using FederatedPlatform.Contracts.V1;
using Microsoft.Data.Sqlite;

namespace FederatedPlatform.Bench.Federation;

/// <summary>
/// Checks that a node's replica equals the hub's catalog: the same live records (center, local id, version,
/// kind, sector, country), compared as a digest over both tables in key order, and every 100th payload
/// parsed on both sides and compared as records (the contact, which a center does not see of other
/// centers' records, left out).
/// </summary>
public static class ReplicaComparison
{
    public static async Task<(long Rows, string Digest, long PayloadsCompared)> VerifyAsync(string hubPath, string nodePath)
    {
        var hub = await ReadAsync(hubPath,
            """
            SELECT r.center_id, r.local_id, r.version, r.kind, r.sector, r.country, c.payload
            FROM records r JOIN changes c ON c.seq = r.seq WHERE NOT r.deleted ORDER BY r.center_id, r.local_id
            """);
        var node = await ReadAsync(nodePath,
            "SELECT center_id, local_id, version, kind, sector, country, payload FROM replica_records WHERE NOT deleted ORDER BY center_id, local_id");
        if (hub.Rows != node.Rows || hub.Digest != node.Digest || !hub.Samples.SequenceEqual(node.Samples))
        {
            throw new InvalidOperationException(
                $"the replica differs from the hub: {node.Rows} rows (digest {node.Digest}) vs {hub.Rows} rows (digest {hub.Digest}); " +
                $"{hub.Samples.Zip(node.Samples).Count(p => p.First != p.Second)} of {hub.Samples.Count} sampled payloads differ");
        }

        return (hub.Rows, hub.Digest, hub.Samples.Count);
    }

    private static async Task<(long Rows, string Digest, List<string> Samples)> ReadAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var samples = new List<string>();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            var line = $"{reader.GetString(0)}\u0001{reader.GetString(1)}\u0001{reader.GetInt64(2)}\u0001{reader.GetInt32(3)}\u0001{reader.GetInt32(4)}\u0001{reader.GetString(5)}\n";
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            if (rows++ % 100 == 0)
            {
                var record = Record.Parser.ParseFrom((byte[])reader.GetValue(6));
                record.Contact = null;
                samples.Add(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(record.ToString()))));
            }
        }

        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset())[..16], samples);
    }
}
