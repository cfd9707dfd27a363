using Microsoft.Extensions.Options;

namespace FederatedPlatform.Hub.Authentication.Internal;

/// <summary>
/// Open streams per credential: enforces <see cref="HubOptions.MaxStreamsPerCredential"/> and ends a
/// credential's streams when it is revoked.
/// </summary>
internal sealed class CredentialStreams(IOptions<HubOptions> options)
{
    private readonly int _limit = options.Value.MaxStreamsPerCredential;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Open streams of the credential.</summary>
    public int Count(string credentialId)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(credentialId, out var entry) ? entry.Count : 0;
        }
    }

    /// <summary>A lease on one stream slot whose token fires on revocation; null when the limit is reached.</summary>
    public Lease? TryOpen(string credentialId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(credentialId, out var entry))
            {
                entry = new Entry();
                _entries.Add(credentialId, entry);
            }

            if (entry.Count >= _limit)
            {
                return null;
            }

            entry.Count++;
            return new Lease(this, credentialId, entry.Revocation.Token);
        }
    }

    /// <summary>Ends every open stream of the credential.</summary>
    public void Revoke(string credentialId)
    {
        CancellationTokenSource? revocation;
        lock (_lock)
        {
            revocation = _entries.TryGetValue(credentialId, out var entry) ? entry.Revocation : null;
        }

        revocation?.Cancel();
    }

    private void Release(string credentialId)
    {
        CancellationTokenSource? done = null;
        lock (_lock)
        {
            var entry = _entries[credentialId];
            if (--entry.Count == 0)
            {
                _entries.Remove(credentialId);
                done = entry.Revocation;
            }
        }

        done?.Dispose();
    }

    public sealed class Lease(CredentialStreams owner, string credentialId, CancellationToken revoked) : IDisposable
    {
        private int _released;

        public CancellationToken Revoked { get; } = revoked;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(credentialId);
            }
        }
    }

    private sealed class Entry
    {
        public int Count { get; set; }

        public CancellationTokenSource Revocation { get; } = new();
    }
}
