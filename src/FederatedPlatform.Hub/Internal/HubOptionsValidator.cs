using System.Net;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Internal;

/// <summary>Checks <see cref="HubOptions"/> once at start; every failure names its setting.</summary>
internal sealed class HubOptionsValidator : IValidateOptions<HubOptions>
{
    public ValidateOptionsResult Validate(string? name, HubOptions options)
    {
        var failures = new List<string>();
        void Require(bool condition, string setting, string rule)
        {
            if (!condition)
            {
                failures.Add($"{HubOptions.SectionName}:{setting} {rule}.");
            }
        }

        Require(!string.IsNullOrWhiteSpace(options.DatabasePath) || options.PostgresConnectionString is { Length: > 0 }, nameof(options.DatabasePath), "is required");
        if (options.PostgresConnectionString is { } postgres)
        {
            try
            {
                new Catalog.Storage.PostgresCatalogOptions { ConnectionString = postgres }.EnsureValid();
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{HubOptions.SectionName}:{nameof(options.PostgresConnectionString)}: {e.Message}");
            }
        }

        Require(options.DatabaseBusyTimeout >= TimeSpan.Zero, nameof(options.DatabaseBusyTimeout), "must not be negative");
        Require(IPAddress.TryParse(options.ListenAddress, out _), nameof(options.ListenAddress), "must be an IP address such as 127.0.0.1");
        Require(options.Port is >= 0 and <= 65535, nameof(options.Port), "must be 0-65535");
        Require(options.CertificatePath is null || File.Exists(options.CertificatePath), nameof(options.CertificatePath), "must name an existing file");
        Require(options.MaxMessageSize >= 64 * 1024, nameof(options.MaxMessageSize), "must be at least 65536 bytes");
        Require(options.MaxStreamsPerCredential >= 1, nameof(options.MaxStreamsPerCredential), "must be at least 1");
        Require(options.RequestsPerSecondPerCredential > 0, nameof(options.RequestsPerSecondPerCredential), "must be positive");
        Require(options.RequestBurstPerCredential >= 1, nameof(options.RequestBurstPerCredential), "must be at least 1");
        Require(options.CredentialCacheDuration >= TimeSpan.Zero, nameof(options.CredentialCacheDuration), "must not be negative");
        Require(options.MaxConcurrentSnapshots >= 1, nameof(options.MaxConcurrentSnapshots), "must be at least 1");
        Require(options.MaxQueuedSnapshots >= 0, nameof(options.MaxQueuedSnapshots), "must not be negative");
        Require(options.SnapshotQueueTimeout > TimeSpan.Zero, nameof(options.SnapshotQueueTimeout), "must be positive");
        Require(options.SnapshotPageSize is >= 1 and <= 10_000, nameof(options.SnapshotPageSize), "must be 1-10000");
        Require(options.WatcherBufferSize >= 1, nameof(options.WatcherBufferSize), "must be at least 1");
        Require(options.FeedPageSize >= 1, nameof(options.FeedPageSize), "must be at least 1");
        Require(options.FeedScanSize >= options.FeedPageSize, nameof(options.FeedScanSize), "must be at least FeedPageSize");
        Require(options.BookmarkInterval > TimeSpan.Zero, nameof(options.BookmarkInterval), "must be positive");
        Require(options.FeedPollInterval > TimeSpan.Zero, nameof(options.FeedPollInterval), "must be positive");
        Require(options.RetentionHorizon > TimeSpan.Zero, nameof(options.RetentionHorizon), "must be positive");
        Require(options.CompactionInterval > TimeSpan.Zero, nameof(options.CompactionInterval), "must be positive");
        Require(options.SearchMergeIdle > TimeSpan.Zero, nameof(options.SearchMergeIdle), "must be positive");
        Require(options.SearchMergePages > 0, nameof(options.SearchMergePages), "must be positive");
        Require(options.PublishBatchSize is >= 1 and <= 10_000, nameof(options.PublishBatchSize), "must be 1-10000");
        if (options.Limits is null)
        {
            failures.Add($"{HubOptions.SectionName}:Limits is required.");
        }
        else
        {
            try
            {
                options.Limits.EnsureValid();
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{HubOptions.SectionName}:Limits: {e.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
